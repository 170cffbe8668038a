// A binary copy of the repacked word vectors, so only the first run on a machine parses the
// package's 300 MB JSON (about 9 s and 1.2 GB of memory); later runs read 140 MB in well under a
// second. The copy is derived from the installed npm package and keyed by its version, size and
// modification time, so an upgraded package is repacked; nothing is downloaded.
//
// Layout: "CORVEC1\n", a uint32 header length, the header (JSON: key, dimensions, size, words
// byte length), the words joined by "\n" (UTF-8), zero padding to a multiple of 4, then the
// float32 matrix in little-endian order.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { WordVectors } from './vectors.js';
import { WordIndex } from './word-index.js';

const MAGIC = 'CORVEC1\n';

/** Where derived files live: CORROBORATE_CACHE_DIR, else the user's cache folder, else the temp folder. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORROBORATE_CACHE_DIR) return env.CORROBORATE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'corroborate');
}

/** The cached vectors at `path` if they were made from the package `key` names; null otherwise. */
export function readVectorCache(path: string, key: string): WordVectors | null {
  let file: Uint8Array;
  try {
    // Read into shared memory, so worker threads can use the same matrix (shareVectors).
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      file = new Uint8Array(new SharedArrayBuffer(size));
      for (let at = 0; at < size; ) {
        const read = readSync(fd, file, at, size - at, at);
        if (read === 0) return null;
        at += read;
      }
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  return decodeVectorCache(file, key);
}

/** The vectors held in a cache file's bytes (a worker thread gets the main thread's, shared), or null when they are not `key`'s. */
export function decodeVectorCache(bytes: Uint8Array, key: string): WordVectors | null {
  try {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (file.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return null;
    const headerLength = file.readUInt32LE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    const header = JSON.parse(file.subarray(headerStart, headerStart + headerLength).toString('utf8')) as {
      key: string;
      dimensions: number;
      size: number;
      wordBytes: number;
    };
    if (header.key !== key) return null;
    const wordsStart = headerStart + headerLength;
    const wordBytes = file.subarray(wordsStart, wordsStart + header.wordBytes);
    const matrixStart = align4(wordsStart + header.wordBytes);
    const floats = header.size * header.dimensions;
    if (countNewlines(wordBytes) + 1 !== header.size || file.byteLength !== matrixStart + floats * 4) return null;
    // The file's own memory when it is aligned (a large read is), so the matrix is not held twice.
    const at = file.byteOffset + matrixStart;
    const matrix = at % 4 === 0 ? new Float32Array(file.buffer, at, floats) : new Float32Array(file.buffer.slice(at, at + floats * 4));
    // The word index is made on the first lookup: a main thread that only hands the vectors to
    // its worker threads never makes it.
    let index: WordIndex | null = null;
    return {
      dimensions: header.dimensions,
      size: header.size,
      get index() {
        index ??= new WordIndex(wordBytes, header.size);
        return index;
      },
      matrix,
      bytes,
    };
  } catch {
    return null;
  }
}

/**
 * Writes `vectors` to `path` for the package `key` names (through a temporary file and a rename,
 * so a reader never sees half a file). Returns false, writing nothing, when a word holds a
 * newline (the layout could not keep it) or the folder cannot be written.
 */
export function writeVectorCache(path: string, key: string, vectors: WordVectors): boolean {
  const words: string[] = new Array(vectors.size).fill('');
  for (const [word, row] of vectors.index) words[row] = word;
  if (words.some((word) => word.includes('\n'))) return false;
  const wordBlob = Buffer.from(words.join('\n'), 'utf8');
  const header = Buffer.from(
    JSON.stringify({ key, dimensions: vectors.dimensions, size: vectors.size, wordBytes: wordBlob.byteLength }),
    'utf8',
  );
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.write(MAGIC, 'latin1');
  prefix.writeUInt32LE(header.byteLength, MAGIC.length);
  const written = prefix.byteLength + header.byteLength + wordBlob.byteLength;
  const padding = Buffer.alloc(align4(written) - written);
  const matrix = Buffer.from(vectors.matrix.buffer, vectors.matrix.byteOffset, vectors.matrix.byteLength);
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, 'w');
    try {
      for (const part of [prefix, header, wordBlob, padding, matrix]) writeSync(fd, part);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/**
 * A vector derived from the word vectors alone (the common direction SIF removes: a pass over all
 * 34 million floats, a tenth of a second per process and per worker thread), kept in a small file
 * beside the cache: `undefined` when the file is missing or was made for another package `key`.
 * The floats are kept as their little-endian bytes in base64, so they read back bit for bit.
 */
export function readDerivedVector(path: string, key: string): Float32Array | null | undefined {
  try {
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; values?: unknown };
    if (kept.key !== key) return undefined;
    if (kept.values === null) return null;
    if (typeof kept.values !== 'string') return undefined;
    const bytes = Buffer.from(kept.values, 'base64');
    if (bytes.byteLength % 4 !== 0) return undefined;
    const vector = new Float32Array(bytes.byteLength / 4);
    for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
    return vector;
  } catch {
    return undefined;
  }
}

/** Keeps a derived vector for `key` at `path` (through a rename); false, writing nothing, when the folder cannot be written. */
export function writeDerivedVector(path: string, key: string, vector: Float32Array | null): boolean {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    let values: string | null = null;
    if (vector) {
      const bytes = Buffer.alloc(vector.length * 4);
      vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
      values = bytes.toString('base64');
    }
    writeFileSync(temporary, JSON.stringify({ key, values }));
    renameSync(temporary, path);
    return true;
  } catch {
    rmSync(temporary, { force: true });
    return false;
  }
}

/** Newline bytes in `bytes` (the words' separators; UTF-8 never uses 0x0a inside a character). */
function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
