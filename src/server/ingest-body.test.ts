// Ingest bodies as JSON: what a request may hold, and the 400 each mistake gets.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.js';
import { parseIngestJson } from './ingest-body.js';

const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return error instanceof ApiError ? error.status : -1;
  }
};

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
