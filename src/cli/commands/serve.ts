// `corroborate serve`: the web app and JSON API over a database, on loopback unless told otherwise.
import { randomBytes } from 'node:crypto';
import type { Command } from '../command.js';
import { numberFlag, parseFlags, writeLine } from '../command.js';
import { jobTimeLimitMs } from '../job-flags.js';
import { usageError } from '../../errors.js';
import { existsSync } from 'node:fs';
import { isPostgresLocation, openStore } from '../../store/index.js';
import { isLoopback, startServer } from '../../server/index.js';
import { stopGracefully, untilStopSignal } from '../signals.js';
import { forTerminal } from '../terminal.js';
import { pollingPeriod } from './watch.js';

const HELP = `Usage: corroborate serve [--db PATH] [--port 8080] [--host 127.0.0.1] [--token TOKEN] [--allowed-host NAME]...
                         [--no-worker] [--watch [--every 10m]] [--allow-private-network]

Serves the web app and the JSON API (described at /api/openapi.json) over a database that
'corroborate analyze' wrote, and lets people add articles from the browser.

Options:
  --db PATH                 SQLite file or postgres:// URL (default: ./corroborate.db)
  --port N                  port to listen on (default: 8080; 0 picks a free one)
  --host HOST               address to bind (default: 127.0.0.1, this machine only)
  --token TOKEN             the access token every request must carry (default: the
                            CORROBORATE_TOKEN environment variable; on a bind other machines can
                            reach, one is made up and printed once when neither is given)
  --allowed-host NAME       a name the server is reached by, beside this machine's own names and
                            addresses (repeat for several): requests naming another host are
                            refused, which defeats DNS rebinding
  --job-time-limit MINUTES  stop and fail an ingest job still running after this long (default: 10)
  --no-worker               only queue ingest jobs: 'corroborate worker' processes on the same
                            database run them (by default this server runs them too)
  --watch                   poll the feeds the database follows ('corroborate watch', or "Follow a
                            feed" in the web app) and add their new articles; open story pages
                            update as they change, with or without it
  --every DURATION          with --watch: how often each feed is polled (default: 10m)
  --allow-private-network   let ingested URLs and followed feeds reach loopback and private addresses
  -h, --help                this help

Ingest jobs are kept in the database, so a job queued before a restart still runs, and any
number of 'corroborate worker' processes (on this machine or others sharing a PostgreSQL
database) can take them.

Browsers log in once at /login (the token is kept in a cookie); programs send
'Authorization: Bearer TOKEN'. docs/SECURITY.md describes the model.

Stop with Ctrl-C (SIGINT) or SIGTERM: the running ingest job finishes first; a second
Ctrl-C stops at once (the database stays consistent: every write is one transaction).`;

const DEFAULT_PORT = 8080;
/** A made-up token: 192 random bits, beyond guessing at any rate a server answers. */
const TOKEN_BYTES = 24;
/** A chosen token shorter than this can be guessed by trying. */
const MIN_TOKEN_CHARS = 16;

export const command: Command = {
  name: 'serve',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        db: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'no-worker': { type: 'boolean' },
        'job-time-limit': { type: 'string' },
        'allow-private-network': { type: 'boolean' },
        watch: { type: 'boolean' },
        every: { type: 'string' },
      },
      'serve',
    );
    if (positionals.length > 0) throw usageError(`unexpected argument '${positionals[0]}'.`, "Run 'corroborate serve --help'.");
    const port = numberFlag(values.port, 'port', DEFAULT_PORT, 0, 65535);
    if (!Number.isInteger(port)) throw usageError(`--port must be a whole number, not '${values.port}'.`);
    if (values.every !== undefined && !values.watch)
      throw usageError('--every needs --watch.', "Add --watch, or run 'corroborate watch --every ...'.");
    const everyMs = values.watch ? pollingPeriod(values.every) : 0;
    const host = values.host ?? '127.0.0.1';
    const db = values.db ?? 'corroborate.db';
    const given = values.token ?? process.env.CORROBORATE_TOKEN ?? null;
    if (given !== null && given.trim().length < MIN_TOKEN_CHARS) {
      throw usageError(`the access token must be at least ${MIN_TOKEN_CHARS} characters.`, 'Leave it out to have one made up.');
    }
    // A server other machines can reach needs a door; on loopback a token is kept only if given.
    const token = given?.trim() ?? (isLoopback(host) ? null : randomBytes(TOKEN_BYTES).toString('base64url'));

    // A mistyped --db would otherwise serve a new, empty database without a word.
    const created = !isPostgresLocation(db) && !existsSync(db);
    const store = await openStore(db);
    let server;
    try {
      server = await startServer({
        store,
        port,
        host,
        token,
        allowedHosts: values['allowed-host'] ?? [],
        storeLocation: db,
        runJobs: !values['no-worker'],
        jobRunner: { timeLimitMs: jobTimeLimitMs(values['job-time-limit']) },
        analyze: { ingest: { allowPrivateNetwork: Boolean(values['allow-private-network']) } },
        watch: values.watch ? { everyMs } : null,
        log: (message) => io.stderr.write(`${forTerminal(message)}\n`),
      });
    } catch (error) {
      await store.close();
      throw error;
    }
    await writeLine(io.stdout, `Corroborate is serving ${db} at ${server.url}`);
    if (created) {
      await writeLine(
        io.stderr,
        `Warning: ${db} did not exist, so an empty database was created there. If you meant another one, stop ` +
          `(Ctrl-C) and check --db; to fill this one, add articles at ${server.url}#/ingest or run 'corroborate analyze <input> --db ${db}'.`,
      );
    }
    if (token !== null && given === null) {
      await writeLine(io.stdout, `Access token (shown only now): ${token}`);
      await writeLine(
        io.stdout,
        `  Browsers: open ${server.url}login?token=${token} once. Programs: send 'Authorization: Bearer ${token}'.`,
      );
      await writeLine(io.stdout, '  Set CORROBORATE_TOKEN or --token to keep one across restarts.');
    }
    if (!isLoopback(host)) {
      await writeLine(
        io.stderr,
        `Bound to ${host}: other machines can reach this server, with the access token, by ${server.allowedHosts.join(', ')}.`,
      );
    }
    // Listening before saying so: a Ctrl-C right after the prompt still stops gracefully.
    const stopSignal = untilStopSignal();
    await writeLine(io.stdout, 'Press Ctrl-C to stop.');

    await stopGracefully(io, await stopSignal, () => server.close());
    await store.close();
    return 0;
  },
};
