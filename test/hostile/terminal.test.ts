// Items 5 and 6 of issue #19: no escape sequence of an article reaches the terminal from
// extract, quotes, claims or analyze (JSON escapes them), and a reader that closes the pipe early
// ends the command quietly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runMain } from '../../src/cli/testing.js';
import { article, controlCharacters, scratch } from './helpers.js';

const dir = scratch();
/** Retitle the window, clear the screen, home the cursor, an 8-bit CSI, a reset, a bell. */
const ESCAPES = '\x1b]0;pwned\x07\x1b[2J\x1b[H\x9b31m\x1bc\x07\x1b]52;c;ZWNobw==\x1b\\';

test('text printed for people carries no control character of the page; JSON escapes them', async () => {
  const body = article('escape')
    .split('\n\n')
    .map((p) => `<p>${p.replace(/ said/g, `${ESCAPES} said`)}</p>`)
    .join('');
  const path = join(dir(), 'escapes.html');
  await writeFile(path, `<html><head><title>Title${ESCAPES} here</title></head><body><article>${body}</article></body></html>`);
  const db = join(dir(), 'escapes.db');
  const runs = {
    extract: await runMain(['extract', path]),
    quotes: await runMain(['quotes', path]),
    claims: await runMain(['claims', path]),
    analyze: await runMain(['analyze', path, '--db', db, '--out', join(dir(), 'out')]),
    'extract jsonl': await runMain(['extract', '--format', 'jsonl', path]),
    'claims jsonl': await runMain(['claims', '--format', 'jsonl', path]),
  };
  for (const [name, run] of Object.entries(runs)) {
    assert.equal(run.code, 0, `${name}: ${run.stderr}`);
    assert.deepEqual(controlCharacters(run.stdout + run.stderr), [], name);
    // Nor, in text, the leftovers of a sequence whose ESC alone was removed.
    if (!name.endsWith('jsonl')) assert.ok(!/\]0;pwned|\[2J|52;c;/.test(run.stdout), `${name}: ${run.stdout.slice(0, 300)}`);
  }
  assert.match(runs.extract.stdout, /^Title: Title here$/m);
  assert.ok(
    runs['extract jsonl'].stdout.includes('\\u001b]0;pwned\\u0007'),
    'JSON keeps the text, escaped: a program reading it gets the page as it was',
  );
});

test('a reader that closes the pipe early ends the command quietly, exit code 0', async () => {
  const cli = new URL('../../src/cli/run.ts', import.meta.url).pathname;
  // More than a pipe holds (64 KB), so writes go on after the reader has gone.
  const inputs: string[] = [];
  for (let i = 0; i < 60; i++) {
    inputs.push(join(dir(), `page${i}.txt`));
    await writeFile(inputs.at(-1)!, article(`page${i}`));
  }
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'extract', '--format', 'jsonl', ...inputs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // Like `| head -c 100`: read a little, then close the pipe.
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
  assert.equal(stderr, '', 'no stack trace');
  assert.equal(code, 0);
});
