// `corroborate worker`: carries out the ingest jobs queued in a database (by `corroborate serve`
// or its web app), one at a time, until stopped. Run several, on one machine or on several that
// share a PostgreSQL database, to add articles faster: each job goes to one worker, and a job
// whose worker stopped is taken again by another.
import type { Command } from '../command.js';
import { numberFlag, parseFlags, writeLine } from '../command.js';
import { jobTimeLimitMs } from '../job-flags.js';
import { usageError } from '../../errors.js';
import { openStore } from '../../store/index.js';
import { startIngestRunner } from '../../jobs/index.js';
import { stopGracefully, untilStopSignal } from '../signals.js';
import { forTerminal } from '../terminal.js';

const HELP = `Usage: corroborate worker [--db PATH] [--threads N] [--job-time-limit MINUTES] [--allow-private-network]

Runs the ingest jobs queued in the database (articles added in the web app or through
POST /api/ingest), one at a time, until stopped. Start as many as you like against one
database; 'corroborate serve --no-worker' then only answers requests and queues jobs.

Options:
  --db PATH                 SQLite file or postgres:// URL (default: ./corroborate.db)
  --threads N               worker threads per job for extraction and story analysis
                            (default: one per core; 0: none)
  --job-time-limit MINUTES  stop and fail a job still running after this long (default: 10)
  --allow-private-network   let ingested URLs reach loopback and private addresses
  -h, --help                this help

Stop with Ctrl-C (SIGINT) or SIGTERM: the running job finishes first; a second Ctrl-C stops
at once (the job is then taken again by another worker, or by this one when restarted).`;

export const command: Command = {
  name: 'worker',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        db: { type: 'string' },
        threads: { type: 'string' },
        'job-time-limit': { type: 'string' },
        'allow-private-network': { type: 'boolean' },
      },
      'worker',
    );
    const threads = values.threads === undefined ? undefined : numberFlag(values.threads, 'threads', 0, 0, 256);
    if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'.`, "Run 'corroborate worker --help'.");
    const db = values.db ?? 'corroborate.db';
    const store = await openStore(db);
    const ingest = startIngestRunner(
      store,
      db,
      {
        analyze: {
          ingest: { allowPrivateNetwork: Boolean(values['allow-private-network']) },
          ...(threads === undefined ? {} : { threads }),
        },
      },
      {
        log: (message) => io.stderr.write(`${forTerminal(message)}\n`),
        timeLimitMs: jobTimeLimitMs(values['job-time-limit']),
      },
    );
    await writeLine(io.stdout, `Corroborate worker on ${db}: running queued ingest jobs. Press Ctrl-C to stop.`);
    await stopGracefully(io, await untilStopSignal(), () => ingest.close());
    await store.close();
    return 0;
  },
};
