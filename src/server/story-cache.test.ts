// The story answer cache over a real SQLite store: one read per version, a bounded budget, and
// If-None-Match as clients send it.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { sampleStory } from '../dossier/testing.js';
import { matchesEtag, StoryCache } from './story-cache.js';

describe('StoryCache', () => {
  let dir = '';
  let store: Store;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-story-cache-'));
    store = await openStore(join(dir, 'cache.db'));
    await store.saveStories([sampleStory({ id: 'a' }), sampleStory({ id: 'b' })]);
  });
  after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a story version once, and again after a save', async () => {
    const counting = countingReads(store);
    const cache = new StoryCache(counting);
    const first = await cache.get('a');
    assert.equal((await cache.get('a'))?.body, first?.body);
    assert.equal(counting.reads, 1);
    await store.saveStories([sampleStory({ id: 'a', headline: 'Saved again' })]);
    const second = await cache.get('a');
    assert.equal(counting.reads, 2);
    assert.notEqual(second?.etag, first?.etag);
    assert.match(new TextDecoder().decode(second?.body), /Saved again/);
    assert.equal(await cache.get('no-such-story'), null);
  });

  it('keeps no more than its budget, forgetting the least recently used', async () => {
    const sizes = await Promise.all(['a', 'b'].map(async (id) => (await new StoryCache(store).get(id))!.body.byteLength));
    const counting = countingReads(store);
    const cache = new StoryCache(counting, Math.max(...sizes) + 10);
    await cache.get('a');
    await cache.get('b');
    await cache.get('a');
    assert.equal(counting.reads, 3, 'b pushed a out');
  });
});

/** The store, counting the dossiers read from it. */
function countingReads(store: Store): Store & { readonly reads: number } {
  let reads = 0;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'reads') return reads;
      if (key === 'getStoryJson') reads++;
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Store & { readonly reads: number };
}

describe('matchesEtag', () => {
  const rows: [string | undefined, boolean][] = [
    [undefined, false],
    ['"x1"', true],
    ['W/"x1"', true],
    ['"x0", "x1"', true],
    ['*', true],
    ['"x2"', false],
    ['x1', false],
  ];
  for (const [header, matches] of rows) it(`${header} -> ${matches}`, () => assert.equal(matchesEtag(header, '"x1"'), matches));
});
