import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runMain } from '../testing.js';

const LINES = [
  {
    id: 1,
    title: 'Earthquake kills 12 in Izmir',
    text: 'A magnitude 6.4 earthquake struck near Izmir in western Turkey, killing at least 12 people in the Bayrakli district, AFAD said.',
    published: '2024-03-05',
  },
  {
    id: 'b',
    title: 'Izmir quake death toll rises',
    text: 'The death toll from the Izmir earthquake rose to 17 as rescuers searched rubble in Bayrakli, AFAD said.',
    published: '2024-03-06',
  },
  {
    id: 'c',
    title: 'Peru earthquake near Cusco',
    text: 'A magnitude 6.1 earthquake struck near Cusco in southern Peru, killing 9 people in Urubamba, INDECI said.',
    published: '2024-04-08',
  },
];

test('cluster prints {id, story} per input line, in input order, and reports bad lines', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-'));
  const file = join(dir, 'in.jsonl');
  writeFileSync(file, [...LINES.map((l) => JSON.stringify(l)), 'not json', '{"id": 4}', ''].join('\n'));
  const { code, stdout: out, stderr: err } = await runMain(['cluster', file]);
  assert.equal(code, 0);
  const rows = out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { id: string; story: string });
  assert.deepEqual(
    rows.map((r) => r.id),
    ['1', 'b', 'c'],
  );
  assert.equal(rows[0]!.story, rows[1]!.story);
  assert.notEqual(rows[0]!.story, rows[2]!.story);
  assert.match(err, /line 4: not valid JSON/);
  assert.match(err, /line 5: no "text"/);
});

test('cluster reads stdin, prints tsv, and rejects bad flags with exit code 2', async () => {
  const tsv = await runMain(['cluster', '-', '--format', 'tsv', '--window', '1'], LINES.map((l) => JSON.stringify(l)).join('\n'));
  assert.equal(tsv.code, 0);
  assert.equal(tsv.stdout.trim().split('\n').length, 3);
  assert.match(tsv.stdout, /^1\ts-/);
  assert.equal((await runMain(['cluster', '-', '--threshold', '2'])).code, 2);
  assert.equal((await runMain(['cluster'])).code, 2);
  assert.equal((await runMain(['cluster', '/no/such/file.jsonl'])).code, 1);
});
