import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { command } from '../cli/commands/extract.js';
import { runCommand } from '../cli/testing.js';

const run = (argv: string[]) => runCommand(command, argv);

test('extract --format jsonl: one object per input, errors with reasons, the batch goes on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-cli-'));
  const good = join(dir, 'a.txt');
  writeFileSync(
    good,
    'Bridge to open next spring after delays\n\nOfficials said on Monday that the new bridge would open to traffic next spring after two years of delays.\n',
  );
  const empty = join(dir, 'b.txt');
  writeFileSync(empty, '');
  const { code, stdout } = await run([good, empty, join(dir, 'missing.html'), '--format', 'jsonl']);
  assert.equal(code, 0);
  const rows = stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(rows.length, 3);
  for (const key of ['input', 'title', 'byline', 'published', 'outlet', 'language', 'url', 'text']) assert.ok(key in rows[0], key);
  assert.equal(rows[0].title, 'Bridge to open next spring after delays');
  assert.deepEqual(
    rows.slice(1).map((r) => [r.code, typeof r.error]),
    [
      ['empty', 'string'],
      ['not-found', 'string'],
    ],
  );
  const all = await run([empty, '--format', 'json']);
  assert.equal(all.code, 1);
  assert.equal(JSON.parse(all.stdout)[0].code, 'empty');
  await assert.rejects(run([good, '--format', 'xml']), /--format/);
});

test("extract --with-comments keeps the readers' comments after the story; the jsonl fields stay the same", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-cli-'));
  const page = join(dir, 'post.html');
  const story =
    'Officials in the northern province said on Monday that the new bridge would open to traffic next spring after two years of delays.';
  const comment = 'I drove across the old bridge every day for twenty years and I will not miss the traffic jams one bit.';
  writeFileSync(
    page,
    `<html><body><article><h1>Bridge to open</h1><p>${story}</p><p>${story.replace('Monday', 'Tuesday')}</p></article><section class="comments"><div class="comment"><p>${comment}</p></div></section></body></html>`,
  );
  const plain = JSON.parse((await run([page, '--format', 'jsonl'])).stdout);
  const withComments = JSON.parse((await run([page, '--format', 'jsonl', '--with-comments'])).stdout);
  assert.ok(!plain.text.includes(comment));
  assert.ok(withComments.text.endsWith(comment), withComments.text);
  assert.deepEqual(Object.keys(withComments), Object.keys(plain));
});
