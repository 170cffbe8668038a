// Several workers on one PostgreSQL database, as a team that outgrew one machine runs them: a
// server that only queues ingest jobs, and two `corroborate worker` processes that carry them
// out. Every job runs once, and the articles of all jobs end in one story.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { connect } from '../../src/store/postgres/index.js';
import { EXAMPLES, runCli, waitForJob } from './helpers.js';

const ADMIN_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const DATABASE = `corroborate_workers_${process.pid}_${randomBytes(3).toString('hex')}`;

describe('serve --no-worker with two workers on PostgreSQL', () => {
  let url = '';
  const children: ReturnType<typeof runCli>[] = [];

  before(async () => {
    const admin = await connect(ADMIN_URL);
    try {
      await admin.exec(`CREATE DATABASE "${DATABASE}"`);
    } finally {
      await admin.close();
    }
    const address = new URL(ADMIN_URL);
    address.pathname = `/${DATABASE}`;
    url = address.toString();
  });

  after(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    await Promise.all(children.map((c) => c.exited));
    const admin = await connect(ADMIN_URL);
    try {
      await admin.exec(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
    } finally {
      await admin.close();
    }
  });

  it('queues jobs without running them, then two workers run each once into one story', async () => {
    const server = runCli(['serve', '--db', url, '--port', '0', '--no-worker']);
    children.push(server);
    const api = (await server.printed(/(http:\/\/127\.0\.0\.1:\d+)\//))[1]!;

    const files = ['000_0c083f95c1e08a76.txt', '001_d6d31ae256cae5f1.txt', '002_bdac9d48c005ab8f.txt', '004_883793e3d08d46d8.txt'];
    const ids: string[] = [];
    for (const file of files) {
      const text = await readFile(join(EXAMPLES, file), 'utf8');
      const posted = await fetch(`${api}/api/ingest`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      assert.equal(posted.status, 202);
      ids.push(((await posted.json()) as { job: { id: string } }).job.id);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const waiting = (await (await fetch(`${api}/api/health`)).json()) as { jobs: Record<string, number> };
    assert.equal(waiting.jobs.queued, 4, 'the server only queues');

    const workers = [runCli(['worker', '--db', url]), runCli(['worker', '--db', url])];
    children.push(...workers);
    const jobs = [];
    for (const id of ids) jobs.push(await waitForJob(api, id));
    for (const job of jobs) {
      assert.equal(job.state, 'done', JSON.stringify(job.errors));
      assert.equal(job.attempts, 1, 'each job ran once');
      assert.equal((job.articlesAdded as string[]).length, 1);
    }
    const stories = (await (await fetch(`${api}/api/stories`)).json()) as { total: number; stories: { size: number }[] };
    assert.equal(stories.total, 1, 'jobs run by different workers continue one story');
    assert.equal(stories.stories[0]!.size, 4);

    for (const worker of workers) worker.child.kill('SIGTERM');
    for (const worker of workers) assert.equal(await worker.exited, 0, worker.output().stderr);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0, server.output().stderr);
  });
});
