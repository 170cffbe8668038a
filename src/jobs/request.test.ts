// An ingest request on its own: its pasted text and files kept in the store and the rest in the
// job's row (also as earlier versions wrote it), labelled for people, and written to a private
// folder for the pipeline.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { JobDraft } from './queue.js';
import { decodeQueuedRequest, encodeQueuedRequest, inputLabels, prepareInputs, safeFileName } from './request.js';

let dir = '';
let store: Store;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-request-'));
  store = await openStore(join(dir, 'requests.db'));
});
after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the queued request', () => {
  it('keeps text and files in the store and only references in the row, and reads back whole', async () => {
    const draft = new JobDraft(store);
    const queued = await draft.complete({
      urls: ['https://example.com/a'],
      feed: 'https://example.com/feed.xml',
      text: 'Body with NUL \u0000 and “quotes”',
      title: 'Title',
      files: [{ name: 'page.html.gz', bytes: new Uint8Array([0, 255, 1, 254]) }],
    });
    const row = encodeQueuedRequest(queued);
    assert.ok(row.length < 300, 'no bytes in the row');
    assert.deepEqual(decodeQueuedRequest(row), queued);
    assert.deepEqual(inputLabels(queued), ['pasted text "Title"', 'page.html.gz', 'https://example.com/a', 'https://example.com/feed.xml']);
    const prepared = await prepareInputs(queued, draft.id, store);
    try {
      const [pasted, upload] = prepared.inputs;
      assert.equal(await readFile(pasted!, 'utf8'), 'Title\n\nBody with NUL \u0000 and “quotes”', 'headline first');
      assert.deepEqual([...(await readFile(upload!))], [0, 255, 1, 254]);
    } finally {
      await rm(prepared.tempDir!, { recursive: true, force: true });
    }
  });

  it('reads a row an earlier version queued: text inline, files as base64', async () => {
    const legacy = JSON.stringify({
      urls: [],
      feed: null,
      text: 'Old body',
      title: 'Old head',
      files: [{ name: 'old.html', base64: Buffer.from('<p>old</p>').toString('base64') }],
    });
    const prepared = await prepareInputs(decodeQueuedRequest(legacy), 'no-files-stored', store);
    try {
      assert.deepEqual(await Promise.all(prepared.inputs.map((input) => readFile(input, 'utf8'))), ['Old head\n\nOld body', '<p>old</p>']);
    } finally {
      await rm(prepared.tempDir!, { recursive: true, force: true });
    }
  });

  it('labels a long pasted title shortened, the job keeping it whole', () => {
    const title = 'T'.repeat(80);
    const text = { name: 'pasted-text.txt', index: 0, size: 1 };
    assert.deepEqual(inputLabels({ urls: [], feed: null, text, title, files: [] }), [`pasted text "${'T'.repeat(59)}…"`]);
  });
});

describe('prepareInputs', () => {
  it('writes uploads under safe names into a private folder, labelled as given', async () => {
    const draft = new JobDraft(store);
    const queued = await draft.complete({
      urls: ['https://a.example/1'],
      feed: null,
      text: 'The body.',
      title: 'The head',
      files: [{ name: '../../evil.html', bytes: new TextEncoder().encode('<p>x</p>') }],
    });
    const prepared = await prepareInputs(queued, draft.id, store);
    try {
      assert.equal(prepared.inputs.length, 3);
      const [pasted, upload, url] = prepared.inputs;
      assert.ok(upload!.startsWith(prepared.tempDir!), 'uploads stay inside the job folder');
      assert.match(upload!, /1-evil\.html$/);
      assert.equal(url, 'https://a.example/1');
      assert.equal(prepared.labels.get(upload!), '../../evil.html');
      assert.equal(prepared.labels.get(pasted!), 'pasted text "The head"');
    } finally {
      await rm(prepared.tempDir!, { recursive: true, force: true });
    }
    assert.equal(existsSync(prepared.tempDir!), false);
  });

  it('makes no folder for URLs alone', async () => {
    const prepared = await prepareInputs(
      { urls: ['https://a.example/1'], feed: 'https://a.example/f', title: null, text: null, files: [] },
      'x',
      store,
    );
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
