// The server's small parts on their own: query validation, ingest bodies, file names, the job
// queue and its runners (over a real SQLite store).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseStoryQuery, checkId } from '../../src/server/validate.js';
import {
  decodeIngestRequest,
  encodeIngestRequest,
  inputLabels,
  parseIngestJson,
  prepareInputs,
  safeFileName,
  type IngestRequest,
} from '../../src/server/ingest-request.js';
import { JobQueue, type JobOutcome, type JobSnapshot, type JobWork } from '../../src/server/jobs.js';
import { JobRunner } from '../../src/server/job-runner.js';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { ApiError } from '../../src/server/errors.js';

const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return error instanceof ApiError ? error.status : -1;
  }
};

describe('parseStoryQuery', () => {
  const rows: [Record<string, string>, number][] = [
    [{}, 200],
    [{ q: 'rare earths', outlet: 'Reuters', from: '2025-02-01', to: '2025-02-28T12:00:00Z', limit: '5', offset: '10' }, 200],
    [{ from: '2025-02-24T10:30' }, 200],
    [{ limit: '0' }, 400],
    [{ limit: '101' }, 400],
    [{ limit: '1.5' }, 400],
    [{ limit: '-3' }, 400],
    [{ offset: 'x' }, 400],
    [{ from: '24/02/2025' }, 400],
    [{ to: '2025-02-30x' }, 400],
    [{ from: '2025-03-01', to: '2025-02-01' }, 400],
    [{ q: 'x'.repeat(201) }, 400],
  ];
  for (const [query, expected] of rows) {
    it(`${JSON.stringify(query).slice(0, 70)} -> ${expected}`, () =>
      assert.equal(
        status(() => parseStoryQuery(query)),
        expected,
      ));
  }

  it('fills paging defaults and drops empty filters', () => {
    assert.deepEqual(parseStoryQuery({ q: '  ', outlet: '' }), { limit: 20, offset: 0 });
    assert.deepEqual(parseStoryQuery({ q: ' putin ' }), { text: 'putin', limit: 20, offset: 0 });
  });
});

describe('checkId', () => {
  for (const [id, expected] of [
    ['c5eb3f65ea7361f4', 200],
    ['s-c5eb3f65ea7361f4', 200],
    ['../etc', 400],
    ['', 400],
    ['a b', 400],
    ['<x>', 400],
    ['x'.repeat(129), 400],
  ] as const) {
    it(`'${id.slice(0, 20)}' -> ${expected}`, () =>
      assert.equal(
        status(() => checkId(id, 'story')),
        expected,
      ));
  }
});

describe('parseIngestJson', () => {
  it('takes urls, a feed, text and a title', () => {
    const request = parseIngestJson({
      urls: ['https://a.example/1', 'http://b.example/2'],
      feed: 'https://a.example/feed.xml',
      text: 'Body',
      title: 'Head',
    });
    assert.deepEqual(request, {
      urls: ['https://a.example/1', 'http://b.example/2'],
      feed: 'https://a.example/feed.xml',
      text: 'Body',
      title: 'Head',
      files: [],
    });
  });
  const bad: unknown[] = [
    {},
    { urls: [] },
    { text: '   ' },
    { urls: ['ftp://x.example/'] },
    { feed: 7 },
    { extra: 1, text: 'x' },
    'text',
    42,
    { urls: [`https://${'a'.repeat(2100)}.example/`] },
  ];
  for (const body of bad) {
    it(`refuses ${JSON.stringify(body).slice(0, 60)}`, () =>
      assert.equal(
        status(() => parseIngestJson(body)),
        400,
      ));
  }
});

describe('prepareInputs', () => {
  it('writes pasted text headline first into a private folder and labels it', async () => {
    const prepared = await prepareInputs({
      urls: ['https://a.example/1'],
      feed: null,
      text: 'The body.',
      title: 'The head',
      files: [{ name: '../../evil.html', bytes: new TextEncoder().encode('<p>x</p>') }],
    });
    try {
      assert.equal(prepared.inputs.length, 3);
      const [pasted, upload, url] = prepared.inputs;
      assert.equal(await readFile(pasted!, 'utf8'), 'The head\n\nThe body.');
      assert.ok(upload!.startsWith(prepared.tempDir!), 'uploads stay inside the job folder');
      assert.match(upload!, /1-evil\.html$/);
      assert.equal(url, 'https://a.example/1');
      assert.equal(prepared.labels.get(upload!), '../../evil.html');
      assert.equal(prepared.labels.get(pasted!), 'pasted text "The head"');
    } finally {
      const { rm } = await import('node:fs/promises');
      await rm(prepared.tempDir!, { recursive: true, force: true });
    }
    assert.equal(existsSync(prepared.tempDir!), false);
  });

  it('makes no folder for URLs alone', async () => {
    const prepared = await prepareInputs({
      urls: ['https://a.example/1'],
      feed: 'https://a.example/f',
      text: null,
      title: null,
      files: [],
    });
    assert.equal(prepared.tempDir, null);
    assert.deepEqual(prepared.inputs, ['https://a.example/1', 'https://a.example/f']);
  });
});

describe('safeFileName', () => {
  const rows: [string, string][] = [
    ['report.html', 'report.html'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\page.htm', 'page.htm'],
    ['.hidden', 'hidden'],
    ['a b<c>.txt.gz', 'a_b_c_.txt.gz'],
    ['', 'upload'],
    ['...', 'upload'],
  ];
  for (const [name, expected] of rows) it(`${JSON.stringify(name)} -> ${expected}`, () => assert.equal(safeFileName(name), expected));
});

describe('job queue and runners (a real SQLite store)', () => {
  const outcome: JobOutcome = { articlesAdded: ['a'], articlesExisting: [], storiesTouched: ['s'], errors: [] };
  const text = (t: string): IngestRequest => ({ urls: [], feed: null, text: t, title: null, files: [] });
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
      async (request, progress) => {
        running++;
        overlap ||= running > 1;
        order.push(request.text!);
        progress.report('extract', 1, 2);
        await new Promise((resolve) => setTimeout(resolve, 20));
        const now = await store.getJob(first.id);
        if (request.text === 'one') seen.push(now?.stage, now?.done, now?.total);
        running--;
        if (request.text === 'one') throw new Error('one broke');
        return outcome;
      },
      fast,
    );
    const first = (await queue.enqueue(text('one')))!;
    const second = (await queue.enqueue(text('two')))!;
    assert.deepEqual([first.state, second.state, first.inputs], ['queued', 'queued', ['pasted text']]);
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
    const work: JobWork = (request) => {
      started.push(request.text!);
      return request.text === 'slow' ? new Promise<JobOutcome>((resolve) => (release = () => resolve(outcome))) : Promise.resolve(outcome);
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
      async (request) => {
        ran.push(`${who}:${request.text}`);
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

  it('the request travels whole through the queue: text, title, URLs and file bytes', async () => {
    const request: IngestRequest = {
      urls: ['https://example.com/a'],
      feed: 'https://example.com/feed.xml',
      text: 'Body with NUL \u0000 and “quotes”',
      title: 'Title',
      files: [{ name: 'page.html.gz', bytes: new Uint8Array([0, 255, 1, 254]) }],
    };
    assert.deepEqual(decodeIngestRequest(encodeIngestRequest(request)), request);
    assert.deepEqual(inputLabels(request), [
      'pasted text "Title"',
      'page.html.gz',
      'https://example.com/a',
      'https://example.com/feed.xml',
    ]);
  });
});

describe('web app sources', () => {
  it('never parse data as HTML or code', async () => {
    const { loadWebAssets } = await import('../../src/server/assets.js');
    const scripts = [...loadWebAssets()].filter(([path]) => path.endsWith('.js'));
    assert.ok(scripts.length >= 5, 'the app is there');
    for (const [path, asset] of scripts) {
      const source = new TextDecoder().decode(asset.body);
      assert.doesNotMatch(
        source,
        /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"]on/,
        path,
      );
    }
  });
});
