// The job queue and its runners over a real SQLite store: order, progress, outcome, shutdown,
// several runners on one queue, a stopped runner's job taken again, a queue that cannot be read.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { JobQueue, type JobOutcome, type JobSnapshot, type JobWork } from './queue.js';
import type { IngestRequest } from './request.js';
import { JobRunner } from './runner.js';

describe('job queue and runners (a real SQLite store)', () => {
  const outcome: JobOutcome = { articlesAdded: ['a'], articlesExisting: [], storiesTouched: ['s'], errors: [] };
  // Each request names one URL, by which the tests tell the jobs apart.
  const text = (t: string): IngestRequest => ({ urls: [`https://example.com/${t}`], feed: null, text: null, title: null, files: [] });
  const nameOf = (job: { request: { urls: readonly string[] } }) => job.request.urls[0]!.slice('https://example.com/'.length);
  const fast = { pollMs: 10, log: () => {} };
  let dir = '';
  const stores: Store[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-jobs-'));
  });
  after(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await rm(dir, { recursive: true, force: true });
  });
  let n = 0;
  async function freshStore(): Promise<{ store: Store; path: string }> {
    const path = join(dir, `jobs-${++n}.db`);
    const store = await openStore(path);
    stores.push(store);
    return { store, path };
  }
  async function until(store: Store, id: string, state: JobSnapshot['state']): Promise<JobSnapshot> {
    for (let i = 0; i < 2000; i++) {
      const job = await store.getJob(id);
      if (job?.state === state) return job;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    throw new Error(`job ${id} never reached ${state}`);
  }

  it('runs jobs one at a time in order, records progress and outcome, and a failing job does not stop the next', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const order: string[] = [];
    let running = 0;
    let overlap = false;
    const seen: unknown[] = [];
    const runner = new JobRunner(
      store,
      async (job, progress) => {
        running++;
        overlap ||= running > 1;
        order.push(nameOf(job));
        progress.report('extract', 1, 2);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const now = await store.getJob(first.id);
        if (nameOf(job) === 'one') seen.push(now?.stage, now?.done, now?.total);
        running--;
        if (nameOf(job) === 'one') throw new Error('one broke');
        return outcome;
      },
      fast,
    );
    const first = (await queue.enqueue(text('one')))!;
    const second = (await queue.enqueue(text('two')))!;
    assert.deepEqual([first.state, second.state, first.inputs], ['queued', 'queued', ['https://example.com/one']]);
    runner.start();
    const done = await until(store, second.id, 'done');
    await runner.close();
    assert.deepEqual(order, ['one', 'two']);
    assert.equal(overlap, false);
    assert.deepEqual(seen, ['extract', 1, 2], 'progress is written while the job runs');
    const failed = (await queue.get(first.id))!;
    assert.equal(failed.state, 'failed');
    assert.match(failed.errors[0]!.message, /one broke/);
    assert.deepEqual(done.storiesTouched, ['s']);
    assert.deepEqual(await queue.counts(), { queued: 0, running: 0, done: 1, failed: 1 });
  });

  it('on close, lets the running job finish and leaves the queued ones for the next runner', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    let release = () => {};
    const started: string[] = [];
    const work: JobWork = (job) => {
      started.push(nameOf(job));
      return nameOf(job) === 'slow' ? new Promise<JobOutcome>((resolve) => (release = () => resolve(outcome))) : Promise.resolve(outcome);
    };
    const runner = new JobRunner(store, work, fast);
    const slow = (await queue.enqueue(text('slow')))!;
    const waiting = (await queue.enqueue(text('waiting')))!;
    runner.start();
    await until(store, slow.id, 'running');
    const closed = runner.close();
    release();
    await closed;
    assert.equal((await queue.get(slow.id))!.state, 'done');
    assert.equal((await queue.get(waiting.id))!.state, 'queued', 'still queued, not dropped');
    const next = new JobRunner(store, work, fast);
    next.start();
    await until(store, waiting.id, 'done');
    await next.close();
    assert.deepEqual(started, ['slow', 'waiting']);
  });

  it('wakes at once for a job queued in this process', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const runner = new JobRunner(store, async () => outcome, { pollMs: 60_000, log: () => {} });
    const stop = queue.onEnqueue(() => runner.wake());
    runner.start();
    await new Promise((resolve) => setTimeout(resolve, 30));
    const job = (await queue.enqueue(text('now')))!;
    await until(store, job.id, 'done');
    stop();
    await runner.close();
  });

  it('runners on two connections share the queue: each job runs once', async () => {
    const { store, path } = await freshStore();
    const other = await openStore(path);
    stores.push(other);
    const queue = new JobQueue(store);
    const ran: string[] = [];
    const work =
      (who: string): JobWork =>
      async (job) => {
        ran.push(`${who}:${nameOf(job)}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return outcome;
      };
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push((await queue.enqueue(text(`t${i}`)))!.id);
    const runners = [new JobRunner(store, work('a'), fast), new JobRunner(other, work('b'), fast)];
    runners.forEach((r) => r.start());
    for (const id of ids) await until(store, id, 'done');
    await Promise.all(runners.map((r) => r.close()));
    assert.equal(ran.length, 8, ran.join(' '));
    assert.equal(new Set(ran.map((r) => r.split(':')[1])).size, 8, 'no job ran twice');
  });

  it('a job whose runner stopped is taken again once its lease runs out', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const job = (await queue.enqueue(text('orphan')))!;
    // A runner took it and died: nothing renews its lease.
    assert.equal((await store.claimJob('dead-worker', 30, 2))?.job.id, job.id);
    const runner = new JobRunner(store, async () => outcome, fast);
    runner.start();
    const done = await until(store, job.id, 'done');
    await runner.close();
    assert.equal(done.attempts, 2);
  });

  it('a job taken again reports the articles its stopped attempt stored as added, not as existing', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const job = (await queue.enqueue(text('retried')))!;
    // The first attempt stored a1, said so, and died before its outcome.
    await store.claimJob('dead-runner', 30, 3);
    await store.addJobArticles(job.id, 'dead-runner', ['a1']);
    // The second finds a1 stored already, and adds a2.
    const runner = new JobRunner(
      store,
      async (_request, progress) => {
        progress.stored(['a2']);
        return { articlesAdded: ['a2'], articlesExisting: ['a1'], storiesTouched: ['s'], errors: [] };
      },
      fast,
    );
    runner.start();
    const done = await until(store, job.id, 'done');
    await runner.close();
    assert.deepEqual([done.attempts, done.articlesAdded, done.articlesExisting], [2, ['a1', 'a2'], []]);
  });

  it('says a job was taken over only when it was', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const logged: string[] = [];
    // Progress writes that land late (a busy database): the outcome must still come last, unremarked.
    const slow = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'reportJob') {
          return async (...args: Parameters<Store['reportJob']>) => {
            await new Promise((resolve) => setTimeout(resolve, 30));
            return target.reportJob(...args);
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const quick = new JobRunner(
      slow,
      async (_request, progress) => {
        progress.report('extract', 1, 1);
        return outcome;
      },
      { pollMs: 10, log: (m) => logged.push(m) },
    );
    const first = (await queue.enqueue(text('quick')))!;
    quick.start();
    assert.equal((await until(store, first.id, 'done')).stage, 'extract');
    await quick.close();
    assert.equal(logged.length, 0, `nothing was taken over: ${logged.join(' ')}`);

    // Now a runner too busy to renew its hold (synchronous work past its 30 ms), and another takes the job.
    const busy = new JobRunner(
      store,
      async (_request, progress) => {
        const deadline = Date.now() + 80;
        while (Date.now() < deadline);
        assert.ok(await store.claimJob('other-runner', 60_000, 3), 'the other runner takes it');
        progress.report('analyze', 1, 1);
        return outcome;
      },
      { pollMs: 10, ttlMs: 30, log: (m) => logged.push(m) },
    );
    const second = (await queue.enqueue(text('busy')))!;
    busy.start();
    await until(store, second.id, 'running');
    for (let i = 0; i < 400 && logged.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    await busy.close();
    assert.equal(logged.length, 1, logged.join('\n'));
    assert.match(logged[0]!, /was taken over by another runner/);
    assert.equal((await store.getJob(second.id))?.state, 'running', "the other runner's now");
  });

  it('stops a job at its time limit, fails it with the reason, and goes on with the next', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    const runner = new JobRunner(
      store,
      (job, progress, stop) =>
        nameOf(job) === 'endless'
          ? new Promise<JobOutcome>((_, reject) => {
              progress.stored(['kept']);
              stop.addEventListener('abort', () => reject(new Error('stopped')));
            })
          : Promise.resolve(outcome),
      { pollMs: 10, timeLimitMs: 50, log: () => {} },
    );
    const endless = (await queue.enqueue(text('endless')))!;
    const next = (await queue.enqueue(text('next')))!;
    runner.start();
    await until(store, next.id, 'done');
    await runner.close();
    const failed = (await queue.get(endless.id))!;
    assert.equal(failed.state, 'failed');
    assert.match(failed.errors[0]!.message, /time limit \(0 s\)/);
    assert.deepEqual(failed.articlesAdded, ['kept'], 'what it stored before is still its own');
  });

  it('a queue it cannot read is reported once, and the runner goes on when it can again', async () => {
    const { store } = await freshStore();
    const queue = new JobQueue(store);
    let failures = 3;
    // The real store, with its first reads of the queue failing as a lost connection would.
    const flaky = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'claimJob' && failures > 0) {
          return async () => {
            failures--;
            throw new Error('connection refused');
          };
        }
        const value = Reflect.get(target, key, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const logged: string[] = [];
    const runner = new JobRunner(flaky, async () => outcome, { pollMs: 5, log: (m) => logged.push(m) });
    const job = (await queue.enqueue(text('after the outage')))!;
    runner.start();
    await until(store, job.id, 'done');
    await runner.close();
    assert.deepEqual(
      logged.map((m) => m.replace(/:.*/, '')),
      ['corroborate', 'corroborate'],
    );
    assert.match(logged[0]!, /could not be read \(trying again\): connection refused/);
    assert.match(logged[1]!, /can be read again/);
  });
});
