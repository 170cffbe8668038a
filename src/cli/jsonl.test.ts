import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CorroborateError } from '../errors.js';
import { GIVE_UP_AFTER_BAD_LINES, MAX_REPORTED_BAD_LINES, readJsonl } from './jsonl.js';

const idOnly = (fields: Readonly<Record<string, unknown>>) => (typeof fields.id === 'string' ? { id: fields.id } : 'no "id" string');

async function read(path: string, stdin: readonly (string | Buffer)[] = []) {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (chunk) => (err += chunk));
  const io = { stdout: new PassThrough(), stderr, stdin: Readable.from(stdin), interactive: false };
  const ids: string[] = [];
  for await (const { id } of readJsonl(path, io, { command: 'test', record: idOnly, hint: 'Give ids.' })) ids.push(id);
  return { ids, err };
}

test('readJsonl: records in order; blank lines passed over; CRLF and a last line without newline read', async () => {
  const { ids, err } = await read('-', ['{"id":"a"}\r\n\r\n  \n{"id":"b"}\n{"id":"c"}']);
  assert.deepEqual(ids, ['a', 'b', 'c']);
  assert.equal(err, '');
});

test('readJsonl: decodes a character split across chunks', async () => {
  const bytes = Buffer.from('{"id":"Zürich 東京"}\n{"id":"x"}\n');
  const cut = bytes.indexOf(Buffer.from('東')) + 1;
  assert.deepEqual((await read('-', [bytes.subarray(0, cut), bytes.subarray(cut)])).ids, ['Zürich 東京', 'x']);
});

test('readJsonl: bad lines are reported with file and line, then skipped', async () => {
  const { ids, err } = await read('-', ['not json\n[1]\n{"id":2}\n{"id":"ok"}\n']);
  assert.deepEqual(ids, ['ok']);
  const lines = err.trim().split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0]!, /^corroborate test: standard input, line 1: not valid JSON \(.+\); skipped\.$/);
  assert.equal(lines[1], 'corroborate test: standard input, line 2: not a JSON object; skipped.');
  assert.equal(lines[2], 'corroborate test: standard input, line 3: no "id" string; skipped.');
});

test('readJsonl: past the reporting limit, bad lines are only counted', async () => {
  const { err } = await read('-', [`{"id":"a"}\n${'x\n'.repeat(MAX_REPORTED_BAD_LINES + 5)}`]);
  const lines = err.trim().split('\n');
  assert.equal(lines.length, MAX_REPORTED_BAD_LINES + 1);
  assert.equal(lines.at(-1), `corroborate test: ${MAX_REPORTED_BAD_LINES + 5} bad lines in all (first ${MAX_REPORTED_BAD_LINES} shown).`);
});

test('readJsonl: a file by path; a missing file or a folder is an input error with the hint', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-jsonl-'));
  try {
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, '{"id":"a"}\nbad\n');
    const { ids, err } = await read(file);
    assert.deepEqual(ids, ['a']);
    assert.match(err, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 2: not valid JSON`));
    for (const [path, why] of [
      [join(dir, 'missing.jsonl'), /no such file/],
      [dir, /it is a directory/],
    ] as const) {
      await assert.rejects(read(path), (error: unknown) => {
        assert.ok(error instanceof CorroborateError, String(error));
        assert.equal(error.code, 'input');
        assert.match(error.message, why);
        assert.ok(error.message.includes(path), error.message);
        assert.equal(error.hint, 'Give ids.');
        return true;
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('readJsonl: a file that is not JSON lines is one input error, not a line error per line', async () => {
  const markdown = ['# Notes', '', 'Some text.', '- a list', '- of things', '| a | table |', 'more'].join('\n');
  await assert.rejects(read('-', [markdown]), (error: CorroborateError) => {
    assert.equal(error.code, 'input');
    assert.equal(
      error.message,
      `standard input is not JSON lines: none of its first ${GIVE_UP_AFTER_BAD_LINES} lines is a record (line 1: not valid JSON (Unexpected token '#', "# Notes" is not valid JSON)).`,
    );
    assert.equal(error.hint, 'Give ids.');
    return true;
  });
});

test('readJsonl: an empty input, or one with no usable line, is an input error', async () => {
  const rows: [string, RegExp][] = [
    ['', /^standard input is empty: it has no JSON lines\.$/],
    ['\n  \n', /^standard input is empty/],
    ['{"id":1}\n', /^standard input has no usable line \(line 1: no "id" string\)\.$/],
  ];
  for (const [input, message] of rows) {
    await assert.rejects(read('-', input ? [input] : []), (error: CorroborateError) => {
      assert.equal(error.code, 'input');
      assert.match(error.message, message);
      return true;
    });
  }
});

test('readJsonl: bad lines before the first record are reported once the input proves to be JSON lines', async () => {
  const { ids, err } = await read('-', ['bad\n{"id":1}\n{"id":"a"}\n']);
  assert.deepEqual(ids, ['a']);
  assert.deepEqual(
    err
      .trim()
      .split('\n')
      .map((line) => line.replace(/ \(.*\)/, '')),
    [
      'corroborate test: standard input, line 1: not valid JSON; skipped.',
      'corroborate test: standard input, line 2: no "id" string; skipped.',
    ],
  );
});
