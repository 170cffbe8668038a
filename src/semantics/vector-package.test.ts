// The chunked reader of the package's vectors gives exactly what a whole-file JSON.parse gives,
// on a small package file with the awkward cases: escaped and non-ASCII words, a word listed
// twice, a key given twice, a listed word without a vector, exponents, and chunk boundaries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNumber, readPackagedVectors } from './vector-package.js';

const DIMENSIONS = 3;

/** What vectors.ts made of the package before: JSON.parse, then row i for the i-th listed word. */
function expected(json: string) {
  const packaged = JSON.parse(json) as { words: string[]; vectors: Record<string, number[]> };
  const matrix = new Float32Array(packaged.words.length * DIMENSIONS);
  const index = new Map<string, number>();
  packaged.words.forEach((word, row) => {
    const vector = packaged.vectors[word];
    if (!vector || index.has(word)) return;
    index.set(word, row);
    for (let d = 0; d < DIMENSIONS; d++) matrix[row * DIMENSIONS + d] = vector[d]!;
  });
  return { index: JSON.stringify([...index]), matrix: Buffer.from(matrix.buffer) };
}

test('package vectors: read in chunks exactly as JSON.parse reads them, with progress to the last byte', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-package-'));
  try {
    const words = ['the', ',', '"', 'zürich', '東京', 'the', 'a\\b', 'no-vector', ']', 'x'];
    // Enough filler words that the file spans many of the small chunks read here.
    for (let i = 0; i < 3_000; i++) words.push(`w${i}`);
    const vector = (i: number) => [(-1) ** i * i * 0.1234567, 1e-10 * i, -i * 3.5e2, 9.87, i];
    const entries = words.filter((word) => word !== 'no-vector').map((word, i) => `${JSON.stringify(word)}:${JSON.stringify(vector(i))}`);
    entries.push(`"the":${JSON.stringify([7, 8, 9, 1, 0])}`); // a key given twice: the last wins
    const json = `{"precision":8,"size":${words.length},"dimensions":${DIMENSIONS},"words":${JSON.stringify(words)},"vectors":{${entries.join(',')}},"unkVector":[0,0,0]}`;
    const path = join(dir, 'package.json');
    writeFileSync(path, json);
    const seen: number[] = [];
    const read = readPackagedVectors(path, (progress) => seen.push(progress.doneBytes), 997);
    const want = expected(json);
    assert.equal(JSON.stringify([...read.index]), want.index);
    assert.ok(Buffer.from(read.matrix.buffer).equals(want.matrix), 'the same floats, bit for bit');
    assert.equal(read.size, words.length);
    assert.equal(read.dimensions, DIMENSIONS);
    assert.ok(seen.length > 100, 'progress is reported as chunks are read');
    assert.equal(seen.at(-1), Buffer.byteLength(json));

    // Another layout (vectors before words) is read whole, with the same result.
    const other = `{"dimensions":${DIMENSIONS},"vectors":{${entries.join(',')}},"words":${JSON.stringify(words)}}`;
    writeFileSync(path, other);
    const fallback = readPackagedVectors(path);
    assert.equal(JSON.stringify([...fallback.index]), expected(other).index);
    assert.ok(Buffer.from(fallback.matrix.buffer).equals(expected(other).matrix));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('package vectors: numbers read as Number() reads them', () => {
  const rows = [
    '0',
    '-0.5',
    '0.000123',
    '12.75',
    '-0.39713',
    '2.95153011',
    '1e-10',
    '-3.5E+2',
    '0.12345678901234567',
    '123456789012345678',
  ];
  for (const text of rows) {
    const bytes = Buffer.from(`[${text}]`);
    assert.equal(parseNumber(bytes, 1, bytes.length - 1), Number(text), text);
  }
});
