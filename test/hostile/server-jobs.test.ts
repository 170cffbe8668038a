// Issue #19 items 10 and 11 for ingest jobs, through `corroborate worker`: a worker killed with
// kill -9 in the middle of a job. The next worker takes the job at once (its runner is known to be
// gone), and the job reports as added the articles the killed attempt stored.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { JobQueue } from '../../src/jobs/index.js';
import { STORY_INDEX_STATE } from '../../src/pipeline/analyze.js';
import { EXAMPLES, runCli } from '../server/helpers.js';

describe('a worker killed in the middle of a job', () => {
  let dir = '';
  let store: Store;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-jobs-'));
    store = await openStore(join(dir, 'jobs.db'));
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function poll<T>(read: () => Promise<T | null | undefined>, what: string, seconds = 60): Promise<T> {
    const deadline = Date.now() + seconds * 1000;
    while (Date.now() < deadline) {
      const value = await read();
      if (value) return value;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('is taken over at once by the next worker, which reports what the killed one stored as added', async () => {
    const names = (await readdir(EXAMPLES)).filter((name) => name.endsWith('.txt'));
    const files = await Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(EXAMPLES, name))) })));
    const job = (await new JobQueue(store).enqueue({ urls: [], feed: null, text: null, title: null, files }))!;

    const killed = runCli(['worker', '--db', join(dir, 'jobs.db')]);
    // The articles are stored (and said to be the job's) before the long analysis starts.
    await poll(async () => ((await store.getJob(job.id))?.articlesAdded.length ?? 0) > 0, 'the first attempt to store its articles');
    killed.child.kill('SIGKILL');
    await killed.exited;

    const started = Date.now();
    const next = runCli(['worker', '--db', join(dir, 'jobs.db')]);
    try {
      const done = await poll(async () => {
        const now = await store.getJob(job.id);
        return now?.state === 'done' || now?.state === 'failed' ? now : null;
      }, 'the job to end');
      assert.equal(done.state, 'done', JSON.stringify(done.errors));
      assert.equal(done.attempts, 2);
      assert.equal(done.articlesAdded.length, names.length, 'every article counted as added by this job');
      assert.deepEqual(done.articlesExisting, []);
      // Taken when the second worker started, not after the 60 s a job's hold lasts.
      const waited = Date.parse(done.startedAt!) - started;
      assert.ok(waited < 15_000, `taken ${waited} ms after the second worker started`);
      assert.doesNotMatch(next.output().stderr, /taken over/);
    } finally {
      next.child.kill('SIGTERM');
      await next.exited;
    }
  });

  it('a job past its time limit is stopped, failed with the reason, and its thread holds the lease no more', async () => {
    const names = (await readdir(EXAMPLES)).filter((name) => name.endsWith('.txt'));
    const texts = await Promise.all(names.map(async (name) => ({ name, text: await readFile(join(EXAMPLES, name), 'utf8') })));
    // Eight distinct versions of each example (a line of its own keeps each from being a duplicate):
    // 40 articles take several seconds even where the models load fast, so the limit always bites.
    const files = Array.from({ length: 8 }, (_, i) =>
      texts.map(({ name, text }) => ({ name: `${i}-${name}`, bytes: new TextEncoder().encode(`${text}\n\nEdition ${i} of this page.\n`) })),
    ).flat();
    const job = (await new JobQueue(store).enqueue({ urls: [], feed: null, text: null, title: null, files }))!;
    // 0.02 min = 1.2 s: the job takes longer (the models load in the job's thread first).
    const worker = runCli(['worker', '--db', join(dir, 'jobs.db'), '--job-time-limit', '0.02']);
    try {
      const ended = await poll(async () => {
        const now = await store.getJob(job.id);
        return now?.state === 'done' || now?.state === 'failed' ? now : null;
      }, 'the job to end');
      assert.equal(ended.state, 'failed');
      assert.match(ended.errors[0]?.message ?? '', /time limit \(1 s\)/);
      assert.equal(await store.leaseHolder(STORY_INDEX_STATE), null, 'the next job does not wait for the stopped one');
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
  });
});
