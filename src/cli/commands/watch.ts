// `corroborate watch`: follows feeds, sitemaps and sites, and adds each new article to the
// database's stories as it appears, until stopped. The feeds and what was read of them are kept
// in the database, so a restart carries on; `corroborate serve` shows the stories as they grow.
import type { Command } from '../command.js';
import { numberFlag, parseFlags, writeLine } from '../command.js';
import { usageError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { defaultThreads } from '../../pipeline/workers.js';
import { describeEvent, watch, WATCH_DEFAULTS } from '../../watch/index.js';
import { stopGracefully, untilStopSignal } from '../signals.js';
import { oneLine } from '../terminal.js';

const HELP = `Usage: corroborate watch [<feed-or-site>...] [--every 10m] [--db PATH] [options]

Follows RSS and Atom feeds, news sitemaps and sites (the feeds a site's page names), and adds
each new article to the database's stories as it appears, until stopped. The feeds given are
added to those the database already follows (from an earlier 'watch' or the web app); with none
given, those are followed. Open stories in 'corroborate serve' update as articles arrive.

Options:
  --every DURATION          how often each feed is polled: 90s, 10m, 1h (default: 10m; a bare
                            number is minutes)
  --db PATH                 SQLite file or postgres:// URL (default: ./corroborate.db)
  --host-delay SECONDS      pause between two requests to one site (default: 1; longer when its
                            robots.txt asks for a Crawl-delay)
  --timeout SECONDS         give up on a feed or page after this long (default: 15)
  --threads N               worker threads for analysis (default: one per core, here ${defaultThreads()}; 0: none)
  --allow-private-network   let feeds and pages be on loopback and private addresses
  -h, --help                this help

Each feed is asked only for what changed (ETag, Last-Modified), one request at a time per site,
and robots.txt is obeyed. Each article is fetched once, also across restarts. A feed that fails
(unreachable, an error, not a feed) is tried again after a pause that doubles each time, up to
6 hours, and the others go on. Progress goes to standard error, a line per poll.

Stop with Ctrl-C (SIGINT) or SIGTERM: the articles being analyzed are finished and recorded
first; a second Ctrl-C stops at once (the next run fetches what was not recorded).`;

/** Polling faster than this only repeats the same conditional GET: each is cheap, not free. */
const MIN_EVERY_MS = 1000;
/** Polling a news feed less than once a week is no longer following it. */
const MAX_EVERY_MS = 7 * 24 * 60 * 60_000;
/** The longest pause between requests to one site accepted, in seconds. */
const MAX_HOST_DELAY_SECONDS = 600;
const MAX_TIMEOUT_SECONDS = 600;
const DEFAULT_TIMEOUT_SECONDS = 15;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000 };

export const command: Command = {
  name: 'watch',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        every: { type: 'string' },
        db: { type: 'string' },
        'host-delay': { type: 'string' },
        timeout: { type: 'string' },
        threads: { type: 'string' },
        'allow-private-network': { type: 'boolean' },
      },
      'watch',
    );
    const everyMs = pollingPeriod(values.every);
    const threads = numberFlag(values.threads, 'threads', defaultThreads(), 0, 256);
    if (!Number.isInteger(threads)) throw usageError(`--threads must be a whole number, not '${values.threads}'.`);
    for (const source of positionals) {
      if (!/^https?:\/\/\S+$/i.test(source))
        throw usageError(`'${oneLine(source)}' is not an http(s) URL.`, 'Give the URL of a feed, a sitemap or a site.');
    }
    const db = values.db ?? 'corroborate.db';
    const store = await openStore(db);
    try {
      const handle = await watch(store, positionals, {
        everyMs,
        politeness: { minHostDelayMs: numberFlag(values['host-delay'], 'host-delay', 1, 0, MAX_HOST_DELAY_SECONDS) * 1000 },
        ingest: {
          allowPrivateNetwork: Boolean(values['allow-private-network']),
          timeoutMs: numberFlag(values.timeout, 'timeout', DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS) * 1000,
        },
        analyze: { threads },
        onEvent: (event) => io.stderr.write(`${describeEvent(event)}\n`),
      });
      const feeds = await store.listFeeds();
      const stopSignal = untilStopSignal();
      await writeLine(
        io.stdout,
        feeds.length === 0
          ? `Corroborate is watching ${db}, which follows no feed yet: give feed URLs, or follow some in 'corroborate serve'. Press Ctrl-C to stop.`
          : `Corroborate is following ${feeds.length} feed${feeds.length === 1 ? '' : 's'} into ${db}, every ${shown(everyMs)}. Press Ctrl-C to stop.`,
      );
      await stopGracefully(io, await stopSignal, () => handle.stop(), 'the articles being analyzed are finished and recorded first');
      await writeLine(io.stderr, 'Stopped watching.');
      return 0;
    } finally {
      await store.close();
    }
  },
};

/** `--every`: 90s, 10m, 1h; a bare number is minutes. */
export function pollingPeriod(value: string | undefined): number {
  if (value === undefined) return WATCH_DEFAULTS.everyMs;
  const match = /^(\d+(?:\.\d+)?)\s*([smh]?)$/i.exec(value.trim());
  const ms = match ? Number(match[1]) * UNIT_MS[(match[2] || 'm').toLowerCase()]! : Number.NaN;
  if (!(ms >= MIN_EVERY_MS && ms <= MAX_EVERY_MS)) {
    throw usageError(`--every must be a duration from 1s to 7 days such as 90s, 10m or 1h, not '${oneLine(value)}'.`);
  }
  return ms;
}

function shown(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  return `${Math.round(ms / 1000)}s`;
}
