// The server's small parts on their own: query validation, ingest bodies, the web app's sources.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStoryQuery, checkId } from '../../src/server/validate.js';
import { parseIngestJson } from '../../src/server/ingest-body.js';
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
    [{ limit: '500' }, 200],
    [{ limit: '501' }, 400],
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

describe('web app sources', () => {
  it('never parse data as HTML or code', async () => {
    const { loadWebAssets } = await import('../../src/server/assets.js');
    // The app's own scripts; third-party ones under /vendor/ (Swagger UI) run on the API reference
    // page only, which shows the server's OpenAPI document and no stored text.
    const scripts = [...loadWebAssets()].filter(([path]) => path.endsWith('.js') && !path.startsWith('/vendor/'));
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
