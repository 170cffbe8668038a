// An ingest request on its own: kept whole through the queue's JSON, labelled for people, and
// written to a private folder for the pipeline.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { decodeIngestRequest, encodeIngestRequest, inputLabels, prepareInputs, safeFileName, type IngestRequest } from './request.js';

describe('encodeIngestRequest', () => {
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

  it('labels a long pasted title shortened, the job keeping it whole', () => {
    const title = 'T'.repeat(80);
    assert.deepEqual(inputLabels({ urls: [], feed: null, text: 'x', title, files: [] }), [`pasted text "${'T'.repeat(59)}…"`]);
  });
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
