// The server's small parts on their own: query validation, ingest bodies, file names, the job queue.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { parseStoryQuery, checkId } from '../../src/server/validate.js';
import { parseIngestJson, prepareInputs, safeFileName } from '../../src/server/ingest-request.js';
import { JobQueue, type JobOutcome, type JobSnapshot } from '../../src/server/jobs.js';
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
    it(`${JSON.stringify(query).slice(0, 70)} -> ${expected}`, () => assert.equal(status(() => parseStoryQuery(query)), expected));
  }

  it('fills paging defaults and drops empty filters', () => {
    assert.deepEqual(parseStoryQuery({ q: '  ', outlet: '' }), { limit: 20, offset: 0 });
    assert.deepEqual(parseStoryQuery({ q: ' putin ' }), { text: 'putin', limit: 20, offset: 0 });
  });
});

describe('checkId', () => {
  for (const [id, expected] of [['c5eb3f65ea7361f4', 200], ['s-c5eb3f65ea7361f4', 200], ['../etc', 400], ['', 400], ['a b', 400], ['<x>', 400], ['x'.repeat(129), 400]] as const) {
    it(`'${id.slice(0, 20)}' -> ${expected}`, () => assert.equal(status(() => checkId(id, 'story')), expected));
  }
});

describe('parseIngestJson', () => {
  it('takes urls, a feed, text and a title', () => {
    const request = parseIngestJson({ urls: ['https://a.example/1', 'http://b.example/2'], feed: 'https://a.example/feed.xml', text: 'Body', title: 'Head' });
    assert.deepEqual(request, { urls: ['https://a.example/1', 'http://b.example/2'], feed: 'https://a.example/feed.xml', text: 'Body', title: 'Head', files: [] });
  });
  const bad: unknown[] = [{}, { urls: [] }, { text: '   ' }, { urls: ['ftp://x.example/'] }, { feed: 7 }, { extra: 1, text: 'x' }, 'text', 42, { urls: ['https://' + 'a'.repeat(2100) + '.example/'] }];
  for (const body of bad) {
    it(`refuses ${JSON.stringify(body).slice(0, 60)}`, () => assert.equal(status(() => parseIngestJson(body)), 400));
  }
});

describe('prepareInputs', () => {
  it('writes pasted text headline first into a private folder and labels it', async () => {
    const prepared = await prepareInputs({ urls: ['https://a.example/1'], feed: null, text: 'The body.', title: 'The head', files: [{ name: '../../evil.html', bytes: new TextEncoder().encode('<p>x</p>') }] });
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
    const prepared = await prepareInputs({ urls: ['https://a.example/1'], feed: 'https://a.example/f', text: null, title: null, files: [] });
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

describe('JobQueue', () => {
  const outcome: JobOutcome = { articlesAdded: ['a'], articlesExisting: [], storiesTouched: ['s'], errors: [] };

  it('runs jobs one at a time in order, and a failing job does not stop the next', async () => {
    const order: string[] = [];
    let running = 0;
    let overlap = false;
    const queue = new JobQueue();
    const work = (name: string, fail = false) => async () => {
      running++;
      overlap ||= running > 1;
      order.push(name);
      await new Promise((resolve) => setImmediate(resolve));
      running--;
      if (fail) throw new Error(`${name} broke`);
      return outcome;
    };
    const first = queue.enqueue(['one'], work('one', true))!;
    const second = queue.enqueue(['two'], work('two'))!;
    assert.equal(first.state, 'queued');
    assert.equal(second.state, 'queued');
    while (queue.get(second.id)!.state !== 'done') await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(order, ['one', 'two']);
    assert.equal(overlap, false);
    assert.equal(queue.get(first.id)!.state, 'failed');
    assert.match(queue.get(first.id)!.errors[0]!.message, /one broke/);
  });

  it('on close, lets the running job finish, drops the queued ones and takes no more', async () => {
    const queue = new JobQueue();
    let release = () => {};
    const running = queue.enqueue(['slow'], () => new Promise<JobOutcome>((resolve) => (release = () => resolve(outcome))))!;
    const waiting = queue.enqueue(['waiting'], async () => outcome)!;
    while (queue.get(running.id)!.state !== 'running') await new Promise((resolve) => setImmediate(resolve));
    const closed = queue.close();
    release();
    await closed;
    assert.equal(queue.get(running.id)!.state, 'done');
    assert.equal(queue.get(waiting.id)!.state, 'failed');
    assert.equal(queue.enqueue(['late'], async () => outcome), null);
  });

  it('reports progress and the outcome, and cleans up after each job', async () => {
    const queue = new JobQueue();
    let cleaned = 0;
    const seen: unknown[] = [];
    const job: JobSnapshot = queue.enqueue(['x'], async (progress) => {
      progress.report('ingest', 1, 2);
      const now = queue.get(job.id)!;
      seen.push(now.stage, now.done, now.total);
      return outcome;
    }, async () => {
      cleaned++;
    })!;
    const other = queue.enqueue(['y'], async () => outcome, async () => {
      cleaned++;
    })!;
    while (queue.get(other.id)!.state !== 'done') await new Promise((resolve) => setImmediate(resolve));
    assert.equal(queue.get(job.id)!.state, 'done');
    assert.deepEqual(seen, ['ingest', 1, 2]);
    assert.deepEqual(queue.get(job.id)!.storiesTouched, ['s']);
    assert.equal(cleaned, 2);
    assert.deepEqual(queue.counts(), { queued: 0, running: 0, done: 2, failed: 0 });
  });
});

describe('web app sources', () => {
  it('never parse data as HTML or code', async () => {
    const { loadWebAssets } = await import('../../src/server/assets.js');
    const scripts = [...loadWebAssets()].filter(([path]) => path.endsWith('.js'));
    assert.ok(scripts.length >= 5, 'the app is there');
    for (const [path, asset] of scripts) {
      const source = new TextDecoder().decode(asset.body);
      assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*['"]on/, path);
    }
  });
});
