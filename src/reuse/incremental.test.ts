// Incremental near-duplicate search through the store: band keys persist, new articles find
// their copies among stored ones without recomputing the stored ones (a real SQLite store).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import { computeBandKeys } from './index.js';

function text(seed: number, words = 300): string {
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(`t${(x >>> 8) % 4000}`);
  }
  return out.join(' ');
}

test('stored band keys find the copies of a new article, and only them', async () => {
  const store = await openStore(join(mkdtempSync(join(tmpdir(), 'reuse-')), 'store.db'));
  try {
    const stored = Array.from({ length: 200 }, (_, i) => ({ articleId: `s${i}`, bandKeys: computeBandKeys(text(i + 1)) }));
    await store.saveSignatures(stored);
    const copy = text(43)
      .split(' ')
      .map((w, i) => (i % 40 === 0 ? 'edited' : w))
      .join(' ');
    assert.deepEqual(await store.findByBandKeys(computeBandKeys(copy)), ['s42']);
    assert.deepEqual(await store.findByBandKeys(computeBandKeys(text(999))), []);
    // Keys from other settings never collide with these.
    const other = computeBandKeys(text(43), { threshold: 0.8 });
    assert.deepEqual(await store.findByBandKeys(other), []);
  } finally {
    await store.close();
  }
});
