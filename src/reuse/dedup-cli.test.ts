// The `corroborate dedup` edge, run in-process over a temp file with in-memory streams.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from '../cli/main.js';

function sink() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
}

async function dedup(argv: string[], stdinText = '') {
  const out = sink();
  const err = sink();
  const code = await main(['dedup', ...argv], {
    stdout: out.stream,
    stderr: err.stream,
    stdin: Readable.from([stdinText]),
    interactive: false,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

const base = Array.from({ length: 80 }, (_, i) => `word${(i * 7919) % 113}`).join(' ');
const lines = [
  JSON.stringify({ id: 'a', text: base }),
  'not json at all',
  JSON.stringify({ id: 7, text: base.replace('word0', 'changed') }),
  JSON.stringify({ id: 'no-text' }),
  '',
  JSON.stringify({ id: 'c', text: 'an unrelated short text about something else entirely' }),
];

test('dedup prints near-duplicate pairs and reports bad lines with their numbers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dedup-'));
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, lines.join('\n'));
  const tsv = await dedup([file]);
  assert.equal(tsv.code, 0);
  const rows = tsv.stdout
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));
  assert.equal(rows.length, 1);
  assert.deepEqual(rows[0]!.slice(0, 2), ['a', '7']);
  assert.ok(Number(rows[0]![2]) >= 0.9 && Number(rows[0]![2]) < 1);
  assert.match(tsv.stderr, /line 2: not valid JSON/);
  assert.match(tsv.stderr, /line 4: no "text"/);

  const jsonl = await dedup(['-', '--format', 'jsonl', '--threshold', '0.9'], lines.join('\n'));
  assert.deepEqual(JSON.parse(jsonl.stdout.trim()), { a: 'a', b: '7', similarity: Number(rows[0]![2]) });
});

test('dedup usage errors exit 2, unreadable input exits 1', async () => {
  assert.equal((await dedup([])).code, 2);
  assert.equal((await dedup(['x.jsonl', '--threshold', '2'])).code, 2);
  assert.equal((await dedup(['x.jsonl', '--format', 'xml'])).code, 2);
  const missing = await dedup([join(tmpdir(), 'no-such-file.jsonl')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /no such file/);
});

test('dedup --containment adds a short text wholly inside a longer one', async () => {
  const long = Array.from({ length: 400 }, (_, i) => `long${(i * 7919) % 997}`).join(' ');
  const short = long.split(' ').slice(100, 160).join(' ');
  const input = [JSON.stringify({ id: 'long', text: long }), JSON.stringify({ id: 'short', text: short })].join('\n');
  const plain = await dedup(['-'], input);
  assert.equal(plain.stdout, '');
  const withContainment = await dedup(['-', '--containment', '0.9'], input);
  const [a, b, jaccard, aInB, bInA] = withContainment.stdout.trim().split('\t');
  assert.deepEqual([a, b, aInB, bInA], ['long', 'short', '0.141', '1.000']);
  assert.ok(Number(jaccard) < 0.5);
  assert.equal((await dedup(['-', '--containment', '0.9', '--verify', 'sketch'], input)).code, 2);
});
