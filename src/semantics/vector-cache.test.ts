// The binary copy of the word vectors: read back exactly as written, and refused (null) when it
// was made from another package, is cut short or is not a cache at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDirectory, readDerivedVector, readVectorCache, writeDerivedVector, writeVectorCache } from './vector-cache.js';
import { packedVectors, type PackedVectors } from './vectors.js';

function sample(): PackedVectors {
  const words = ['the', 'zürich', '東京', 'naïve', 'x'];
  const dimensions = 3;
  const matrix = new Float32Array(words.length * dimensions).map((_, i) => (i % 2 ? -1 : 1) * i * 0.137);
  // Row 4 has no word (the package listed a duplicate): it is not indexed.
  const index = new Map(words.slice(0, 4).map((word, row) => [word, row]));
  return packedVectors(dimensions, words.length, index, matrix);
}

/** Every row of `vectors`, in the order given. */
function rows(vectors: { row(r: number): Float32Array }, order: readonly number[]): number[][] {
  return order.map((r) => [...vectors.row(r)]);
}

test('word vector cache: written and read back exactly; another key, a cut file or another file is refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-vectors-'));
  try {
    const path = join(dir, 'nested', 'vectors.bin');
    const vectors = sample();
    assert.equal(writeVectorCache(path, 'pkg@1:10:5:LE', vectors), true);
    const back = readVectorCache(path, 'pkg@1:10:5:LE');
    assert.ok(back);
    assert.deepEqual([back.dimensions, back.size], [3, 5]);
    assert.deepEqual([...back.index], [...vectors.index]);
    assert.deepEqual(rows(back, [4, 0, 2, 1, 3]), rows(vectors, [4, 0, 2, 1, 3]));

    assert.equal(readVectorCache(path, 'pkg@2:10:5:LE'), null, 'an upgraded package is repacked');
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.byteLength - 5));
    assert.equal(readVectorCache(path, 'pkg@1:10:5:LE'), null, 'a file cut short');
    writeFileSync(path, 'not a cache');
    assert.equal(readVectorCache(path, 'pkg@1:10:5:LE'), null);
    assert.equal(readVectorCache(join(dir, 'missing.bin'), 'pkg@1:10:5:LE'), null);

    const newline = sample();
    (newline.index as Map<string, number>).set('two\nlines', 4);
    assert.equal(writeVectorCache(join(dir, 'newline.bin'), 'k', newline), false, 'a word the layout cannot keep: no cache');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('word vector cache: rows read as asked for, across read blocks and in any order, equal what was written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-vectors-'));
  try {
    const size = 41;
    const dimensions = 7;
    const matrix = new Float32Array(size * dimensions).map((_, i) => Math.sin(i) * 1000);
    const vectors = packedVectors(dimensions, size, new Map(Array.from({ length: size }, (_, r) => [`w${r}`, r])), matrix);
    const path = join(dir, 'vectors.bin');
    assert.equal(writeVectorCache(path, 'k', vectors), true);
    const back = readVectorCache(path, 'k');
    assert.ok(back);
    const order = [40, 0, 17, 16, 15, 39, 1, 32, 31, 33, 40, 0];
    assert.deepEqual(rows(back, order), rows(vectors, order));
    assert.equal(back.index.get('w33'), 33);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a derived vector kept beside the cache: read back bit for bit, null kept as null, another key or a damaged file unknown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-derived-'));
  try {
    const path = join(dir, 'nested', 'derived.json');
    const vector = new Float32Array([0.1, -1 / 3, 1e-30, 123456.789, -0]);
    assert.equal(writeDerivedVector(path, 'pkg@1', vector), true);
    const back = readDerivedVector(path, 'pkg@1');
    assert.ok(back);
    assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(vector.buffer));
    assert.equal(readDerivedVector(path, 'pkg@2'), undefined, 'made from another package');
    assert.equal(writeDerivedVector(path, 'pkg@1', null), true);
    assert.equal(readDerivedVector(path, 'pkg@1'), null);
    writeFileSync(path, '{"key":"pkg@1","values":[1]}');
    assert.equal(readDerivedVector(path, 'pkg@1'), undefined);
    writeFileSync(path, 'not json');
    assert.equal(readDerivedVector(path, 'pkg@1'), undefined);
    assert.equal(readDerivedVector(join(dir, 'missing.json'), 'pkg@1'), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache folder: the override, then XDG, then the home folder', () => {
  assert.equal(cacheDirectory({ CORROBORATE_CACHE_DIR: '/x/y' }), '/x/y');
  assert.equal(cacheDirectory({ XDG_CACHE_HOME: '/c' }), join('/c', 'corroborate'));
  assert.match(cacheDirectory({}), /corroborate$/);
});
