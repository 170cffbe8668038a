import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../testing.js';
import { command as quotes } from './quotes.js';
import { command as claims } from './claims.js';
import { command as extract } from './extract.js';

const ARTICLE =
  'Putin offers aluminium to the US\n\n' +
  'Russian President Vladimir Putin offered the United States joint projects on Monday.\n\n' +
  '“We, by the way, would be ready to offer joint projects,” Putin said on state television. ' +
  'He said Russian companies could supply up to 2 million tons of aluminum a year to the U.S. market.\n\n' +
  'Russia mines only 2,500 tons of rare earth concentrate a year, according to the U.S. Geological Survey.\n';

test('quotes --format jsonl: one object per quote, offsets into the extracted text', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-quotes-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, ARTICLE);
  const { code, stdout } = await runCommand(quotes, [file, '--format', 'jsonl']);
  assert.equal(code, 0);
  const rows = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const text = JSON.parse((await runCommand(extract, [file, '--format', 'jsonl'])).stdout.trim()).text as string;
  assert.ok(rows.length >= 2);
  for (const row of rows) {
    for (const key of ['input', 'text', 'start', 'end', 'direct', 'speaker', 'speakerStart', 'speakerEnd', 'cue'])
      assert.ok(key in row, key);
    assert.equal(row.input, file);
    if (!row.parts) assert.equal(text.slice(row.start, row.end), row.text);
    assert.equal(text.slice(row.speakerStart, row.speakerEnd), row.speakerMention);
    assert.equal(row.speaker, 'Vladimir Putin');
  }
  assert.deepEqual(
    rows.map((r) => r.direct),
    [true, false],
  );
});

test('claims prints every kind; text format is readable; usage errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-claims-'));
  const file = join(dir, 'a.txt');
  writeFileSync(file, ARTICLE);
  const rows = (await runCommand(claims, [file, '--format', 'jsonl'])).stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), ['quantity', 'quote', 'statement']);
  const tons = rows.find((r) => r.kind === 'quantity' && r.value === 2500);
  assert.deepEqual([tons?.unit, tons?.per], ['t', 'year']);
  const readable = await runCommand(claims, [file]);
  assert.match(readable.stdout, /quote \[\d+-\d+\] Vladimir Putin \(Russian President\) said: “We, by the way/);
  assert.match(readable.stdout, /quantity \[\d+-\d+\] up to 2,000,000 t per year/);
  await assert.rejects(runCommand(quotes, [file, '--format', 'xml']), /--format/);
  await assert.rejects(runCommand(quotes, []), /no input/);
  const empty = join(dir, 'b.txt');
  writeFileSync(empty, '');
  assert.equal((await runCommand(quotes, [empty])).code, 1);
});
