// `corroborate analyze`: every stage over the inputs; writes DIR/stories.json and DIR/index.html
// and prints a short summary an editor can read in the terminal.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command, CommandIO } from '../command.js';
import { parseFlags } from '../command.js';
import { INPUT_FLAGS, INPUT_FLAGS_HELP, inputOptions, STORY_FLAGS, STORY_FLAGS_HELP, storyOptions } from '../options.js';
import { usageError } from '../../errors.js';
import { runAnalysis, type ProgressEvent } from '../../pipeline/analyze.js';
import { openStore } from '../../store/index.js';
import { renderReport } from '../../dossier/report.js';
import { formatSummary } from '../summary.js';
import { jsonText, oneLine } from '../terminal.js';

const HELP = `Usage: corroborate analyze <input>... [--out DIR] [--db PATH] [options]

Runs every stage over the inputs and writes the story dossier.

Inputs: files, directories (read recursively), '-' for standard input, and http(s) URLs;
plain text, HTML, .gz, RSS/Atom feeds, WARC and JSONL. Input that cannot be read is
rejected with a reason and the rest of the batch goes on.

Options:
  --out DIR                  where to write stories.json and index.html (default: ./out)
  --db PATH                  SQLite file or postgres:// URL (default: ./corroborate.db)
${INPUT_FLAGS_HELP}
${STORY_FLAGS_HELP}
  -h, --help                 this help

The database keeps the stories: a later run adds its articles to them. Runs writing the same
database take turns.

Exit codes: 0 ok (even when some inputs were rejected), 1 failure, 2 usage error.`;

export const command: Command = {
  name: 'analyze',
  summary: 'Run every stage and write the story dossier and HTML report',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      { out: { type: 'string' }, db: { type: 'string' }, ...INPUT_FLAGS, ...STORY_FLAGS },
      'analyze',
    );
    if (positionals.length === 0) throw usageError('no input given.', "Try 'corroborate analyze examples'.");
    const { ingest, extract } = inputOptions(values);
    const stories = storyOptions(values);
    const outDir = resolve(values.out ?? 'out');
    const store = await openStore(values.db ?? 'corroborate.db');
    try {
      const progress = progressReporter(io);
      const result = await runAnalysis(positionals, store, {
        ingest,
        extract,
        stories,
        onProgress: progress.update,
        lease: {
          onWait: (holder) =>
            io.stderr.write(`Another analysis (${oneLine(holder)}) is writing to this database; waiting for it to finish.\n`),
        },
      });
      progress.done();
      await mkdir(outDir, { recursive: true });
      await writeFile(join(outDir, 'stories.json'), `${jsonText(result.dossier, 2)}\n`);
      await writeFile(join(outDir, 'index.html'), renderReport(result.dossier));
      io.stdout.write(`${formatSummary(result, { outDir })}\n`);
      return result.articles.length === 0 && result.rejections.length > 0 ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

/** A one-line progress bar on stderr, only when it is a terminal. */
function progressReporter(io: CommandIO) {
  let shown = false;
  return {
    update(event: ProgressEvent) {
      if (!io.interactive) return;
      const total = event.total ? `/${event.total}` : '';
      const bar = event.total ? `${renderBar(event.done / Math.max(1, event.total))} ` : '';
      io.stderr.write(`\r\x1b[2K${bar}${event.stage} ${event.done}${total}${event.input ? ` ${shorten(oneLine(event.input))}` : ''}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\x1b[2K');
    },
  };
}

const BAR_WIDTH = 24;

function renderBar(fraction: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * BAR_WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`;
}

function shorten(input: string): string {
  return input.length > 50 ? `…${input.slice(-49)}` : input;
}
