// Query and id validation: every malformed parameter becomes a 400 that names it.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from './errors.js';
import { checkId, parseStoryQuery } from './validate.js';

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
