// The progress line of `analyze` on a terminal: records read, articles placed, articles per second
// and, when the inputs are local files of known size, the share done and the time left.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgressEvent } from '../pipeline/analyze.js';
import type { CommandIO } from './command.js';

const BAR_WIDTH = 24;
/** Redraw at most this often: a million records must not mean a million terminal writes. */
const REDRAW_MS = 200;
/** Files counted when sizing a directory input for the estimate: past this, no estimate. */
const MAX_FILES_SIZED = 100_000;

/** The bytes the inputs hold, or null when some are not local files (URLs, stdin) or too many to size. */
export async function inputBytes(inputs: readonly string[]): Promise<number | null> {
  let total = 0;
  let files = 0;
  const walk = async (path: string): Promise<boolean> => {
    const info = await stat(path).catch(() => null);
    if (!info) return true;
    if (info.isDirectory()) {
      for (const entry of await readdir(path).catch(() => [])) if (!(await walk(join(path, entry)))) return false;
      return true;
    }
    total += info.size;
    return ++files <= MAX_FILES_SIZED;
  };
  for (const input of inputs) {
    if (input === '-' || /^https?:\/\//i.test(input)) return null;
    if (!(await walk(input))) return null;
  }
  return total;
}

/** A one-line progress display on stderr, only when it is a terminal. */
export function progressLine(io: CommandIO, totalBytes: Promise<number | null>) {
  let shown = false;
  let drawnAt = 0;
  let total: number | null = null;
  void totalBytes.then((bytes) => {
    total = bytes;
  });
  const started = Date.now();
  return {
    update(event: ProgressEvent) {
      if (!io.interactive) return;
      const now = Date.now();
      if (now - drawnAt < REDRAW_MS && event.stage !== 'store') return;
      drawnAt = now;
      const seconds = Math.max(0.001, (now - started) / 1000);
      const articles = event.articles ?? 0;
      const parts = [`${(event.records ?? 0).toLocaleString('en')} records`, `${articles.toLocaleString('en')} articles`];
      if (articles > 0) parts.push(`${(articles / seconds).toFixed(1)} articles/s`);
      let bar = '';
      if (total && event.bytes !== undefined) {
        // Document bytes against file bytes: an estimate (headers and compression differ).
        const fraction = Math.min(1, event.bytes / total);
        bar = `${renderBar(fraction)} `;
        if (fraction > 0.01) parts.push(`ETA ${duration((seconds * (1 - fraction)) / fraction)}`);
      }
      io.stderr.write(`\r\x1b[2K${bar}${event.stage}: ${parts.join(', ')}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}

function renderBar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.round((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
