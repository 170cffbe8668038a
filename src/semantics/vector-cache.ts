// A binary copy of the repacked word vectors, so only the first run on a machine parses the
// package's 300 MB JSON (about 9 s and 1.2 GB of memory); later runs read its words at once and
// each row of the matrix when it is first asked for. The copy is derived from the installed npm package and keyed by its version, size and
// modification time, so an upgraded package is repacked; nothing is downloaded.
//
// Layout: "CORVEC1\n", a uint32 header length, the header (JSON: key, dimensions, size, words
// byte length), the words joined by "\n" (UTF-8), zero padding to a multiple of 4, then the
// float32 matrix in little-endian order.
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PackedVectors, WordVectors } from './vectors.js';
import { WordIndex } from './word-index.js';

const MAGIC = 'CORVEC1\n';

/** Where derived files live: CORROBORATE_CACHE_DIR, else the user's cache folder, else the temp folder. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CORROBORATE_CACHE_DIR) return env.CORROBORATE_CACHE_DIR;
  const base = env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'corroborate');
}

/**
 * Rows read from the file at a time: a block of neighbours, since frequent words sit together at
 * the top of the matrix. 16 rows of 100 floats are 6.4 KB, one or two pages.
 */
const ROWS_PER_READ = 16;

/**
 * The cached vectors at `path` if they were made from the package `key` names; null otherwise.
 * Only the header and the words are read here; each row of the matrix is read from the file when
 * it is first asked for, into memory of this thread's own. A batch of news touches some 10,000 of
 * the 341,479 rows: reading the whole 140 MB took about 0.4 s of CPU in every process (page
 * faults and copying), a tenth of a stream batch of 55 articles.
 */
export function readVectorCache(path: string, key: string): WordVectors | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    return openVectorCache(fd, path, key);
  } finally {
    closeSync(fd);
  }
}

/** The vectors in the cache file open as `fd`, or null when it is not `key`'s. Rows are read later through `path`. */
function openVectorCache(fd: number, path: string, key: string): WordVectors | null {
  try {
    const size = fstatSync(fd).size;
    const readAt = (at: number, length: number): Buffer => {
      const bytes = Buffer.alloc(length);
      for (let done = 0; done < length; ) {
        const read = readSync(fd, bytes, done, length - done, at + done);
        if (read === 0) throw new Error('cut short');
        done += read;
      }
      return bytes;
    };
    if (size < MAGIC.length + 4) return null;
    const prefix = readAt(0, MAGIC.length + 4);
    if (prefix.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) return null;
    const headerLength = prefix.readUInt32LE(MAGIC.length);
    const headerStart = MAGIC.length + 4;
    if (headerStart + headerLength > size) return null;
    const header = JSON.parse(readAt(headerStart, headerLength).toString('utf8')) as {
      key: string;
      dimensions: number;
      size: number;
      wordBytes: number;
    };
    if (header.key !== key) return null;
    const wordsStart = headerStart + headerLength;
    const matrixStart = align4(wordsStart + header.wordBytes);
    const { dimensions, size: rows } = header;
    if (size !== matrixStart + rows * dimensions * 4) return null;
    const wordBytes = new Uint8Array(readAt(wordsStart, header.wordBytes));
    if (countNewlines(wordBytes) + 1 !== rows) return null;
    // Untouched, the matrix's memory is never given pages: only the rows read take room.
    const matrix = new Float32Array(rows * dimensions);
    const bytes = new Uint8Array(matrix.buffer);
    const blockRead = new Uint8Array(Math.ceil(rows / ROWS_PER_READ));
    const rowBytes = dimensions * 4;
    // The word index is made on the first lookup: a main thread that only names the file to its
    // worker threads never makes it.
    let index: WordIndex | null = null;
    return {
      dimensions,
      size: rows,
      get index() {
        index ??= new WordIndex(wordBytes, rows);
        return index;
      },
      row(r: number): Float32Array {
        const block = Math.floor(r / ROWS_PER_READ);
        if (blockRead[block] === 0) {
          const first = block * ROWS_PER_READ;
          const length = (Math.min(rows, first + ROWS_PER_READ) - first) * rowBytes;
          // Opened for each read, not held: a worker thread's descriptor would outlive the thread.
          // A cache rewritten meanwhile is renamed into place whole, with the same key's floats.
          const rowsFd = openSync(path, 'r');
          try {
            for (let done = 0; done < length; ) {
              const read = readSync(rowsFd, bytes, first * rowBytes + done, length - done, matrixStart + first * rowBytes + done);
              if (read === 0) throw new Error(`the word vector cache ${path} was cut short while in use`);
              done += read;
            }
          } finally {
            closeSync(rowsFd);
          }
          blockRead[block] = 1;
        }
        return matrix.subarray(r * dimensions, (r + 1) * dimensions);
      },
      path,
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
export function writeVectorCache(path: string, key: string, vectors: PackedVectors): boolean {
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
