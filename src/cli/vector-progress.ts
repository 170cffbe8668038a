// The progress line of the one-off repack of the word vectors (the first run on a machine): without
// it a first `analyze` sat silent for 10-50 s. On a terminal one line is rewritten in place with
// the size read and the time left; in a log, a line at the start, each quarter and the end.
import type { RepackProgress } from '../semantics/vectors.js';
import type { CommandIO } from './command.js';

/** Redraw a terminal line at most this often: smooth enough, and cheap beside the work. */
const REDRAW_MS = 250;
/** Too early to guess the time left before this share is read (the first chunk includes start-up). */
const ETA_FROM_SHARE = 0.05;
/** A log gets a line at each of these shares. */
const LOG_STEPS = 4;

const MB = 1024 * 1024;

/** Writes the progress of a repack to `io.stderr` while `work` runs; returns the way to stop. */
export function repackProgressLine(io: Pick<CommandIO, 'stderr' | 'interactive'>): (progress: RepackProgress) => void {
  let lastDraw = -Infinity;
  let lastStep = -1;
  let width = 0;
  return (progress) => {
    if (progress.finished) {
      const done = finishedLine(progress);
      io.stderr.write(io.interactive ? `\r${done.padEnd(width)}\n` : `${done}\n`);
      return;
    }
    if (io.interactive) {
      if (progress.elapsedMs - lastDraw < REDRAW_MS && lastDraw >= 0) return;
      lastDraw = progress.elapsedMs;
      const line = progressLine(progress);
      io.stderr.write(`\r${line.padEnd(width)}`);
      width = Math.max(width, line.length);
      return;
    }
    const step = Math.floor((progress.doneBytes / Math.max(1, progress.totalBytes)) * LOG_STEPS);
    if (step === lastStep || step >= LOG_STEPS) return;
    lastStep = step;
    io.stderr.write(`${progressLine(progress)}\n`);
  };
}

/** "Preparing the word vectors (once for this machine): 123 of 293 MB, about 6 s left" */
export function progressLine({ doneBytes, totalBytes, elapsedMs }: RepackProgress): string {
  const share = doneBytes / Math.max(1, totalBytes);
  const left = share >= ETA_FROM_SHARE ? `, about ${seconds((elapsedMs / share) * (1 - share))} left` : '';
  return `Preparing the word vectors (once for this machine): ${Math.round(doneBytes / MB)} of ${Math.round(totalBytes / MB)} MB${left}`;
}

export function finishedLine({ elapsedMs, cachePath }: RepackProgress): string {
  return `Prepared the word vectors in ${seconds(elapsedMs)}; kept in ${cachePath}, so later runs start at once.`;
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
