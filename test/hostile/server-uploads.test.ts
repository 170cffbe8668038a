// Issue #19 item 8: uploads are not held in memory or in the job rows. A multipart upload goes to
// the store in chunks as it arrives and the job's row keeps only a reference; an upload the queue
// cannot take is refused before anything is stored; a fifth upload at once waits outside (503);
// a finished job's files are deleted and a new SQLite database gives their space back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/types.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { JobQueue } from '../../src/jobs/index.js';
import { MAX_UPLOADS_AT_ONCE } from '../../src/server/ingest-body.js';

const MB = 1024 * 1024;
const BOUNDARY = 'corroborate-upload-test';

/** A multipart body of one file, in the shape a browser sends. */
function formOf(name: string, bytes: Buffer): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/html\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

function post(url: string, body: Buffer): Promise<{ status: number; body: string; retryAfter?: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}api/ingest`,
      { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': body.length } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, retryAfter: response.headers['retry-after'] }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const fileRows = (db: string) => {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare('SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(bytes)), 0) AS bytes FROM ingest_job_files').get() as {
      n: number;
      bytes: number;
    };
  } finally {
    sqlite.close();
  }
};

describe('uploads', () => {
  let dir = '';
  let db = '';
  let store: Store;
  let server: RunningServer;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-uploads-'));
    db = join(dir, 'uploads.db');
    store = await openStore(db);
    // Jobs only queue here: the test plays the runner.
    server = await startServer({ store, storeLocation: db, port: 0, host: '127.0.0.1', runJobs: false, log: () => {} });
  });
  after(async () => {
    await server.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('go to the store in chunks, the job row keeping a reference; the finished job leaves nothing', async () => {
    const page = Buffer.alloc(6 * MB, '<p>The minister said the figures were final.</p>\n');
    const answer = await post(server.url, formOf('big.html', page));
    assert.equal(answer.status, 202, answer.body);
    const { job } = JSON.parse(answer.body) as { job: { id: string; inputs: string[] } };
    assert.deepEqual(job.inputs, ['big.html']);
    assert.deepEqual(fileRows(db), { n: 6, bytes: page.length }, 'six rows of 1 MB');

    const claimed = await store.claimJob('test-runner', 60_000, 2);
    assert.ok(claimed && claimed.request.length < 500, `the row holds a reference: ${claimed?.request.length} characters`);
    const stored: Buffer[] = [];
    for await (const chunk of store.readJobFile(job.id, 0)) stored.push(Buffer.from(chunk));
    assert.ok(Buffer.concat(stored).equals(page), 'byte for byte');

    const before = (await stat(db)).size + (await stat(`${db}-wal`).catch(() => ({ size: 0 }))).size;
    assert.ok(before > 6 * MB);
    const none = { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] };
    assert.equal(await store.finishJob(job.id, 'test-runner', 'done', none, 10), true);
    assert.deepEqual(fileRows(db), { n: 0, bytes: 0 });
    // A checkpoint writes the freed pages' removal through to the file.
    const sqlite = new Database(db);
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    sqlite.close();
    assert.ok((await stat(db)).size < 2 * MB, `the file gave the space back: ${(await stat(db)).size} bytes`);
  });

  it('the queue full, an upload is refused before anything of it is stored', async () => {
    const queue = new JobQueue(store);
    const filler: string[] = [];
    while (await queue.hasRoom())
      filler.push((await queue.enqueue({ urls: ['https://example.com/wait'], feed: null, text: null, title: null, files: [] }))!.id);
    const answer = await post(server.url, formOf('refused.html', Buffer.alloc(3 * MB, 'x')));
    assert.equal(answer.status, 503, answer.body);
    assert.match(JSON.parse(answer.body).error.message, /Too many ingest jobs/);
    assert.deepEqual(fileRows(db), { n: 0, bytes: 0 });
    // Drained again for the next test.
    for (const id of filler) {
      const claimed = await store.claimJob('drain', 60_000, 2);
      assert.ok(claimed);
      await store.finishJob(
        claimed.job.id,
        'drain',
        'done',
        { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] },
        10,
      );
      assert.ok(id);
    }
  });

  it(`at most ${MAX_UPLOADS_AT_ONCE} uploads are read at once; the next is told to come back`, async () => {
    // Slow clients: each sends the start of a 2 MB form and waits.
    const body = formOf('slow.html', Buffer.alloc(2 * MB, 'y'));
    const slow = Array.from({ length: MAX_UPLOADS_AT_ONCE }, () => {
      let finish = () => {};
      const done = new Promise<number>((resolve, reject) => {
        const request = httpRequest(
          `${server.url}api/ingest`,
          { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': body.length } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', reject);
        request.write(body.subarray(0, 64 * 1024));
        finish = () => request.end(body.subarray(64 * 1024));
      });
      return { done, finish: () => finish() };
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const turnedAway = await post(server.url, formOf('one-more.html', Buffer.from('<p>one more</p>')));
    assert.equal(turnedAway.status, 503, turnedAway.body);
    assert.equal(turnedAway.retryAfter, '5');
    for (const upload of slow) upload.finish();
    assert.deepEqual(await Promise.all(slow.map((upload) => upload.done)), Array(MAX_UPLOADS_AT_ONCE).fill(202));
    assert.equal((await post(server.url, formOf('later.html', Buffer.from('<p>later</p>')))).status, 202, 'room again once they are in');
  });

  it('an upload cut off in the middle leaves no files behind', async () => {
    const body = formOf('cut.html', Buffer.alloc(3 * MB, 'z'));
    const before = fileRows(db).n;
    await new Promise<void>((resolve) => {
      const request = httpRequest(`${server.url}api/ingest`, {
        method: 'POST',
        headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': body.length },
      });
      request.on('error', () => resolve());
      request.write(body.subarray(0, 2 * MB), () =>
        setTimeout(() => {
          request.destroy();
          resolve();
        }, 300),
      );
    });
    for (let i = 0; i < 100 && fileRows(db).n !== before; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(fileRows(db).n, before);
  });
});
