import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { finishedLine, progressLine, repackProgressLine } from './vector-progress.js';

const MB = 1024 * 1024;
const at = (doneMb: number, elapsedMs: number, finished = false) => ({
  doneBytes: doneMb * MB,
  totalBytes: 300 * MB,
  elapsedMs,
  cachePath: '/home/me/.cache/corroborate/vectors.bin',
  finished,
});

test('vector progress: size read, and the time left once there is enough to guess it', () => {
  const rows: [ReturnType<typeof at>, string][] = [
    [at(0, 0), 'Preparing the word vectors (once for this machine): 0 of 300 MB'],
    [at(10, 900), 'Preparing the word vectors (once for this machine): 10 of 300 MB'],
    [at(150, 5_000), 'Preparing the word vectors (once for this machine): 150 of 300 MB, about 5.0 s left'],
    [at(30, 4_000), 'Preparing the word vectors (once for this machine): 30 of 300 MB, about 36 s left'],
  ];
  for (const [progress, line] of rows) assert.equal(progressLine(progress), line);
  assert.equal(
    finishedLine(at(300, 12_300, true)),
    'Prepared the word vectors in 12 s; kept in /home/me/.cache/corroborate/vectors.bin, so later runs start at once.',
  );
});

function written(interactive: boolean, events: ReturnType<typeof at>[]): string {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (chunk) => (text += chunk));
  const show = repackProgressLine({ stderr, interactive });
  for (const event of events) show(event);
  return text;
}

test('vector progress: a log gets the start, each quarter and the end; a terminal one line redrawn', () => {
  const events = [0, 20, 60, 80, 140, 160, 230, 290].map((mb, i) => at(mb, i * 1000));
  events.push(at(300, 9_000, true));
  const log = written(false, events).split('\n').filter(Boolean);
  assert.deepEqual(
    log.map((line) => line.replace(/:.*/, '') + (/ (\d+) of/.exec(line)?.[1] ?? '')),
    [0, 80, 160, 230]
      .map((mb) => `Preparing the word vectors (once for this machine)${mb}`)
      .concat('Prepared the word vectors in 9.0 s; kept in /home/me/.cache/corroborate/vectors.bin, so later runs start at once.'),
  );
  const terminal = written(true, events);
  assert.equal(terminal.split('\n').length, 2, 'one line, ended once');
  assert.equal(terminal.split('\r').length - 1, events.length, 'redrawn in place');
  assert.ok(terminal.endsWith('later runs start at once.\n'));
});
