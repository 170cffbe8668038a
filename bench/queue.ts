// `npm run bench:queue [-- --jobs 1000 --runners 2 --expire 10]`: the ingest job queue on
// PostgreSQL (src/store/jobs.ts, src/jobs/runner.ts) against pg-boss 10, the maintained queue
// the scale issue names (10.x is the last line that runs on Node 20; 11 and later need Node 22),
// on what a news monitor's queue must do:
//  1. hand jobs out to several runners: `--jobs` empty jobs queued, then `--runners` runners in
//     this process take and finish them until none is left (jobs per second, both queues);
//  2. give the job of a runner killed with SIGKILL to another runner: a child process takes one
//     job and is killed while it holds it; this process asks for a job every POLL_MS until it
//     gets that one (seconds from the kill).
// pg-boss 10 has no heartbeat: a job is taken back only when its `expireIn` has passed since it
// started, so `expireIn` must exceed the longest job, and a killed runner's job waits that long.
// Ours renews a job's hold with each progress report and, on one machine, sees that the holder's
// process is gone at once; `--expire` sets both pg-boss's expireIn and our hold for the run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import pg from 'pg';
import { openStore } from '../src/store/index.js';
import { holderIsGone, leaseHolderName } from '../src/pipeline/lease.js';
import type { JobOutcome, Store } from '../src/store/types.js';

const POSTGRES_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
/** How often a waiting runner asks for a job in the recovery test (both queues). */
const POLL_MS = 100;
const NO_OUTCOME: JobOutcome = { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] };
/** Attempts before a job fails for good (our runner's, and pg-boss's retryLimit + 1). */
const ATTEMPTS = 3;
const QUEUE = 'bench';

export async function run(args: readonly string[]): Promise<void> {
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const jobs = value('jobs', 1000);
  const runners = value('runners', 2);
  const expireSeconds = value('expire', 10);
  if (!(await reachable())) {
    console.log(`queue: PostgreSQL is not reachable at ${POSTGRES_URL}; skipped`);
    return;
  }
  const schema = `bench_queue_${process.pid}`;
  const bossSchema = `bench_pgboss_${process.pid}`;
  const store = await openStore(POSTGRES_URL, { schema });
  const boss = new PgBoss({
    connectionString: POSTGRES_URL,
    schema: bossSchema,
    maintenanceIntervalSeconds: 1,
    monitorStateIntervalSeconds: 1,
  });
  boss.on('error', (error) => console.error(`pg-boss: ${error.message}`));
  try {
    await boss.start();
    await boss.createQueue(QUEUE, { name: QUEUE, retryLimit: ATTEMPTS - 1, expireInSeconds: expireSeconds });
    console.log(`queue: ${jobs} jobs, ${runners} runners, PostgreSQL ${POSTGRES_URL}`);
    const ours = await throughputOurs(store, jobs, runners, expireSeconds);
    const theirs = await throughputBoss(boss, jobs, runners);
    console.log('| queue | queue N jobs (s) | N jobs taken and finished (s) | jobs / s |');
    console.log('| --- | --- | --- | --- |');
    console.log(`| ours (store jobs) | ${ours.enqueue.toFixed(2)} | ${ours.drain.toFixed(2)} | ${(jobs / ours.drain).toFixed(0)} |`);
    console.log(`| pg-boss 10.4 | ${theirs.enqueue.toFixed(2)} | ${theirs.drain.toFixed(2)} | ${(jobs / theirs.drain).toFixed(0)} |`);
    const oursBack = await recoveryOurs(store, schema, expireSeconds, true);
    const oursElsewhere = await recoveryOurs(store, schema, expireSeconds, false);
    const theirsBack = await recoveryBoss(boss, bossSchema, expireSeconds);
    console.log(`recovery of a SIGKILLed runner's job, hold / expireIn ${expireSeconds} s:`);
    console.log(`  ours, runner on this machine (its process seen gone): ${oursBack.toFixed(2)} s`);
    console.log(`  ours, runner on another machine (hold runs out):     ${oursElsewhere.toFixed(2)} s`);
    console.log(`  pg-boss (expireIn runs out, then maintenance):        ${theirsBack.toFixed(2)} s`);
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await store.close();
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
    await client.end();
  }
}

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function throughputOurs(
  store: Store,
  jobs: number,
  runners: number,
  expireSeconds: number,
): Promise<{ enqueue: number; drain: number }> {
  let started = performance.now();
  for (let n = 0; n < jobs; n++) await store.enqueueJob({ id: randomUUID(), inputs: [], request: '{}' }, Number.MAX_SAFE_INTEGER);
  const enqueue = (performance.now() - started) / 1000;
  started = performance.now();
  await Promise.all(
    Array.from({ length: runners }, async () => {
      const holder = leaseHolderName();
      for (;;) {
        const job = await store.claimJob(holder, expireSeconds * 1000, ATTEMPTS, holderIsGone);
        if (!job) return;
        await store.finishJob(job.job.id, holder, 'done', NO_OUTCOME, 10);
      }
    }),
  );
  return { enqueue, drain: (performance.now() - started) / 1000 };
}

async function throughputBoss(boss: PgBoss, jobs: number, runners: number): Promise<{ enqueue: number; drain: number }> {
  let started = performance.now();
  for (let n = 0; n < jobs; n++) await boss.send(QUEUE, { n });
  const enqueue = (performance.now() - started) / 1000;
  started = performance.now();
  await Promise.all(
    Array.from({ length: runners }, async () => {
      for (;;) {
        const [job] = await boss.fetch(QUEUE);
        if (!job) return;
        await boss.complete(QUEUE, job.id);
      }
    }),
  );
  return { enqueue, drain: (performance.now() - started) / 1000 };
}

/** Runs `script` (an ES module) in a child, waits for it to print "held", kills it; the kill's time. */
async function killAfterHold(script: string): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  while (!out.includes('held')) {
    if (child.exitCode !== null) throw new Error(`the child runner ended before holding a job: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  const killedAt = performance.now();
  await exited;
  return killedAt;
}

async function recoveryOurs(store: Store, schema: string, expireSeconds: number, sameMachine: boolean): Promise<number> {
  const id = randomUUID();
  await store.enqueueJob({ id, inputs: [], request: '{}' }, Number.MAX_SAFE_INTEGER);
  const lease = new URL('../src/pipeline/lease.ts', import.meta.url).href;
  const stores = new URL('../src/store/index.ts', import.meta.url).href;
  const killedAt = await killAfterHold(`
    import { openStore } from ${JSON.stringify(stores)};
    import { leaseHolderName } from ${JSON.stringify(lease)};
    const store = await openStore(${JSON.stringify(POSTGRES_URL)}, { schema: ${JSON.stringify(schema)} });
    const job = await store.claimJob(leaseHolderName(), ${expireSeconds * 1000}, ${ATTEMPTS});
    if (job) console.log('held');
    await new Promise(() => {});
  `);
  const holder = leaseHolderName();
  // Another machine cannot tell that the holder's process is gone: only the hold's end frees the job.
  const isGone = sameMachine ? holderIsGone : () => false;
  for (;;) {
    const job = await store.claimJob(holder, expireSeconds * 1000, ATTEMPTS, isGone);
    if (job) {
      const seconds = (performance.now() - killedAt) / 1000;
      if (job.job.id !== id) throw new Error('recovery: another job was taken');
      await store.finishJob(job.job.id, holder, 'done', NO_OUTCOME, 10);
      return seconds;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

async function recoveryBoss(boss: PgBoss, schema: string, expireSeconds: number): Promise<number> {
  const id = await boss.send(QUEUE, { recovery: true }, { expireInSeconds: expireSeconds });
  const bossModule = import.meta.resolve('pg-boss');
  const killedAt = await killAfterHold(`
    import PgBoss from ${JSON.stringify(bossModule)};
    const boss = new PgBoss({ connectionString: ${JSON.stringify(POSTGRES_URL)}, schema: ${JSON.stringify(schema)}, supervise: false, schedule: false });
    await boss.start();
    const [job] = await boss.fetch(${JSON.stringify(QUEUE)});
    if (job) console.log('held');
    await new Promise(() => {});
  `);
  for (;;) {
    const [job] = await boss.fetch(QUEUE);
    if (job) {
      const seconds = (performance.now() - killedAt) / 1000;
      if (job.id !== id) throw new Error('recovery: another job was taken');
      await boss.complete(QUEUE, job.id);
      return seconds;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
