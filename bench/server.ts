// `npm run bench:server [-- --db PATH] [--root DIR] [--seconds 10] [--connections 50]`: the
// server under load, as a separate process on a copy of a database that analyze wrote.
//   story    GET /api/stories/<the story with the largest dossier>: requests/s, p50, p99
//   list     GET /api/stories?limit=20: requests/s, p50, p99
//   uploads  ten 19 MB multipart uploads at once to POST /api/ingest (serve --no-worker, so the
//            jobs only queue): the server's peak resident memory, its database's size after
// `--root` runs another checkout's server (its src/cli/run.ts through tsx), for before/after on
// one database: the database should come from the older code, since newer code migrates the copy
// forward and older code refuses a newer schema. Without --db, one is made once in the temporary
// folder by `--root`'s analyze over ../shared/bench/ecbplus (767 articles, ~45 s of CPU).
// Figures depend on the machine's load: report `uptime` with them; the server's CPU time per
// request depends on it least.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const HERE = resolve(import.meta.dirname, '..');
const ECBPLUS = resolve(HERE, '../shared/bench/ecbplus/ecbplus-dev.jsonl');
/** The issue's figure: ten uploads at once, each just under the 20 MB body limit. */
const UPLOADS = 10;
const UPLOAD_BYTES = 19 * 1024 * 1024;
const MB = 1024 * 1024;
/** Tries of an upload told to come back later (503 with Retry-After). */
const MAX_UPLOAD_ATTEMPTS = 10;

interface Settings {
  readonly db: string | null;
  readonly root: string;
  readonly seconds: number;
  readonly connections: number;
}

export async function run(args: readonly string[]): Promise<void> {
  const settings = parseArgs(args);
  const pristine = settings.db ?? defaultDatabase(settings.root);
  const largest = largestStory(pristine);
  console.log(`server: ${settings.root}; database ${pristine}; ${settings.connections} connections, ${settings.seconds} s each`);

  await withServer(settings.root, pristine, async (server) => {
    for (const [name, path] of [
      [`story ${largest.id} (${Math.round(largest.bytes / 1024)} KB dossier)`, `/api/stories/${largest.id}`],
      ['list', '/api/stories?limit=20'],
    ] as const) {
      const cpuBefore = cpuSeconds(server.pid);
      const result = await autocannon({
        url: `${server.url}${path}`,
        connections: settings.connections,
        duration: settings.seconds,
      });
      const failed = result.non2xx + result.errors + result.timeouts;
      const cpu = cpuSeconds(server.pid) - cpuBefore;
      // CPU per request holds when other work on the machine takes cores away; requests/s does not.
      console.log(
        `${name}: ${Math.round(result.requests.average)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms` +
          `${failed > 0 ? `, ${failed} failed` : ''}; server CPU ${cpu.toFixed(1)} s, ${((cpu * 1000) / Math.max(1, result.requests.total)).toFixed(2)} ms a request`,
      );
    }
  });

  await withServer(settings.root, pristine, async (server) => {
    const idle = memory(server.pid).rss;
    const body = Buffer.alloc(UPLOAD_BYTES, '<p>The minister said the figures were final.</p>\n');
    const started = process.hrtime.bigint();
    let retried = 0;
    const statuses = await Promise.all(
      Array.from({ length: UPLOADS }, async (_, i) => {
        // As a client that honours Retry-After does: a server that reads a few at a time says when to come back.
        for (let attempt = 1; ; attempt++) {
          const form = new FormData();
          form.append('file', new Blob([body], { type: 'text/html' }), `upload-${i}.html`);
          const response = await fetch(`${server.url}/api/ingest`, { method: 'POST', body: form });
          await response.arrayBuffer();
          const retry = Number(response.headers.get('retry-after'));
          if (response.status !== 503 || !retry || attempt === MAX_UPLOAD_ATTEMPTS) return response.status;
          retried++;
          await new Promise((resolve) => setTimeout(resolve, retry * 1000));
        }
      }),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { peak } = memory(server.pid);
    console.log(
      `uploads: ${UPLOADS} x ${UPLOAD_BYTES / MB} MB at once answered ${summarise(statuses)} (${retried} retried after a 503) in ${seconds.toFixed(1)} s; ` +
        `server peak RSS ${Math.round(peak / MB)} MB (${Math.round(idle / MB)} MB idle); database ${Math.round(databaseBytes(server.db) / MB)} MB`,
    );
  });
}

function parseArgs(args: readonly string[]): Settings {
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    db: value('--db') ? resolve(value('--db')!) : null,
    root: resolve(value('--root') ?? HERE),
    seconds: Number(value('--seconds') ?? 10),
    connections: Number(value('--connections') ?? 50),
  };
}

/** A database of ECB+ analyzed by `root`'s code, made once and kept in the temporary folder. */
function defaultDatabase(root: string): string {
  const dir = join(tmpdir(), 'corroborate-bench-server');
  const db = join(dir, `ecbplus-${root.replace(/[^A-Za-z0-9]+/g, '_')}.db`);
  if (existsSync(db)) return db;
  mkdirSync(dir, { recursive: true });
  console.log(`making ${db} (analyze ECB+ once) ...`);
  const made = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/run.ts'), 'analyze', ECBPLUS, '--db', db, '--out', join(dir, 'out')],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (made.status !== 0) throw new Error(`analyze over ${ECBPLUS} failed (exit ${made.status})`);
  return db;
}

function largestStory(db: string): { id: string; bytes: number } {
  const sqlite = new Database(db, { readonly: true });
  try {
    const row = sqlite.prepare('SELECT id, LENGTH(dossier) AS bytes FROM stories ORDER BY LENGTH(dossier) DESC LIMIT 1').get() as
      | { id: string; bytes: number }
      | undefined;
    if (!row) throw new Error(`${db} holds no story`);
    return row;
  } finally {
    sqlite.close();
  }
}

interface RunningServer {
  readonly url: string;
  readonly pid: number;
  readonly db: string;
}

/** `serve --no-worker` on a fresh copy of `pristine`, from `root`'s source; stopped afterwards. */
async function withServer(root: string, pristine: string, use: (server: RunningServer) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-bench-serve-'));
  const db = join(dir, 'bench.db');
  copyFileSync(pristine, db);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/run.ts'), 'serve', '--db', db, '--port', '0', '--no-worker'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      let printed = '';
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        const match = /(http:\/\/[^\s/]+)\//.exec(printed);
        if (match) resolveUrl(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    await use({ url, pid: child.pid!, db });
  } finally {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGKILL');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

/** User + system CPU seconds of a running process (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticksPerSecond = 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory now and at its peak, in bytes (Linux). */
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

function databaseBytes(db: string): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(db + suffix) ? statSync(db + suffix).size : 0), 0);
}

function summarise(statuses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts].map(([status, n]) => `${n} x ${status}`).join(', ');
}
