// Reads the word vectors out of the npm package's one-line, 300 MB JSON file a chunk at a time,
// straight into the Float32Array they are kept in. Written here rather than with JSON.parse: the
// whole-file parse held 1.2 GB and said nothing for 10-50 s on the first run on a machine; this
// holds the matrix and one chunk, and reports how far it is, so the CLI can show a progress line.
// A file laid out otherwise than expected (another package version) is parsed whole, as before.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { packedVectors, type PackedVectors } from './vectors.js';

/** How far the read is: bytes of the package file done and in all. */
export interface VectorReadProgress {
  readonly doneBytes: number;
  readonly totalBytes: number;
}

/** The package's layout: `{..., "dimensions": d, "words": [...], "vectors": {"word": [d values, norm, rank], ...}, ...}`. */
interface PackageHead {
  readonly dimensions: number;
  readonly words: readonly string[];
}

/** Bytes read at a time: large enough for few system calls, small beside the 136 MB matrix. */
const CHUNK_BYTES = 4 << 20;
/** An entry is about 1 KB (102 numbers): this much ahead always holds a whole one. */
const LOOKAHEAD_BYTES = 64 << 10;
/** The words list ends the head well within this; further means another layout. */
const MAX_HEAD_BYTES = 64 << 20;
const VECTORS_KEY = Buffer.from(',"vectors":{');
/** Digits a double holds exactly: longer mantissas are left to Number(). */
const EXACT_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: EXACT_DIGITS + 1 }, (_, i) => 10 ** i);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The vectors of the package file at `path`: row i is the i-th listed word; a word is indexed
 * (at its first row) only when the file gives it a vector, as a whole-file JSON.parse would.
 */
export function readPackagedVectors(
  path: string,
  onProgress: (progress: VectorReadProgress) => void = () => {},
  chunkBytes: number = CHUNK_BYTES,
): PackedVectors {
  const totalBytes = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const reader = new ChunkReader(fd, totalBytes, chunkBytes, onProgress);
    const head = reader.readHead();
    if (!head) return parseWhole(path);
    return reader.readVectors(head);
  } finally {
    closeSync(fd);
  }
}

class ChunkReader {
  private buffer: Buffer = Buffer.alloc(0);
  private position = 0;
  private doneBytes = 0;
  private atEnd = false;

  constructor(
    private readonly fd: number,
    private readonly totalBytes: number,
    private readonly chunkBytes: number,
    private readonly onProgress: (progress: VectorReadProgress) => void,
  ) {}

  /** The dimensions and words before the vectors; null when the file is not laid out that way. */
  readHead(): PackageHead | null {
    let at = -1;
    while (at < 0) {
      if (!this.more() || this.buffer.length > MAX_HEAD_BYTES) return null;
      at = this.buffer.indexOf(VECTORS_KEY);
    }
    let head: Partial<PackageHead>;
    try {
      head = JSON.parse(`${this.buffer.subarray(0, at).toString('utf8')}}`) as Partial<PackageHead>;
    } catch {
      return null;
    }
    if (!Number.isInteger(head.dimensions) || !Array.isArray(head.words)) return null;
    this.position = at + VECTORS_KEY.length;
    return head as PackageHead;
  }

  /** The vectors object, entry by entry, into the matrix. */
  readVectors({ dimensions, words }: PackageHead): PackedVectors {
    const rowOf = new Map<string, number>();
    words.forEach((word, row) => {
      if (!rowOf.has(word)) rowOf.set(word, row);
    });
    const matrix = new Float32Array(words.length * dimensions);
    const hasVector = new Set<string>();
    const values = new Float64Array(dimensions);
    for (;;) {
      const entry = this.entry(values, dimensions);
      if (entry === null) break;
      const row = rowOf.get(entry);
      hasVector.add(entry);
      // A key given twice keeps its last value, as JSON.parse keeps it.
      if (row !== undefined) for (let d = 0; d < dimensions; d++) matrix[row * dimensions + d] = values[d]!;
    }
    const index = new Map<string, number>();
    for (const [word, row] of rowOf) if (hasVector.has(word)) index.set(word, row);
    this.onProgress({ doneBytes: this.totalBytes, totalBytes: this.totalBytes });
    return packedVectors(dimensions, words.length, index, matrix);
  }

  /** The next entry's word, its first `dimensions` values put in `values`; null after the last. */
  private entry(values: Float64Array, dimensions: number): string | null {
    while (this.buffer.length - this.position < LOOKAHEAD_BYTES && this.more()) {}
    const buffer = this.buffer;
    let at = this.skipSpace();
    if (buffer[at] === COMMA) at = this.skipSpace(at + 1);
    if (at >= buffer.length || buffer[at] === CLOSE_BRACE) return null;
    if (buffer[at] !== QUOTE) throw new SyntaxError(`expected a word at byte ${this.doneBytes + at}`);
    let end = at + 1;
    let escaped = false;
    for (; end < buffer.length && buffer[end] !== QUOTE; end++) {
      if (buffer[end] === BACKSLASH) {
        escaped = true;
        end++;
      }
    }
    const word = escaped
      ? (JSON.parse(buffer.subarray(at, end + 1).toString('utf8')) as string)
      : buffer.subarray(at + 1, end).toString('utf8');
    at = this.skipSpace(end + 1);
    if (buffer[at] !== COLON) throw new SyntaxError(`expected the vector of '${word}'`);
    at = this.skipSpace(at + 1);
    const close = buffer.indexOf(CLOSE_BRACKET, at);
    if (buffer[at] !== OPEN_BRACKET || close < 0) throw new SyntaxError(`expected the vector of '${word}'`);
    at++;
    for (let d = 0; d < dimensions; d++) {
      // A short vector reads as JSON.parse's undefined does once stored: NaN.
      if (at > close) values[d] = Number.NaN;
      else {
        const stop = nextComma(buffer, at, close);
        values[d] = parseNumber(buffer, at, stop);
        at = stop + 1;
      }
    }
    this.position = close + 1;
    return word;
  }

  private skipSpace(from = this.position): number {
    let at = from;
    while (at < this.buffer.length && this.buffer[at]! <= 0x20) at++;
    return at;
  }

  /** Appends the next chunk to what is left unread; false at the end of the file. */
  private more(): boolean {
    if (this.atEnd) return false;
    const chunk = Buffer.allocUnsafe(this.chunkBytes);
    const read = readSync(this.fd, chunk, 0, this.chunkBytes, null);
    if (read === 0) {
      this.atEnd = true;
      return false;
    }
    this.doneBytes += this.position;
    this.buffer = Buffer.concat([this.buffer.subarray(this.position), chunk.subarray(0, read)]);
    this.position = 0;
    this.onProgress({ doneBytes: Math.min(this.totalBytes, this.doneBytes), totalBytes: this.totalBytes });
    return true;
  }
}

function nextComma(buffer: Buffer, from: number, close: number): number {
  const comma = buffer.indexOf(COMMA, from);
  return comma < 0 || comma > close ? close : comma;
}

/** A JSON number from its bytes; plain decimals exactly as Number() reads them, the rest by Number(). */
export function parseNumber(buffer: Buffer, from: number, to: number): number {
  let at = from;
  const negative = buffer[at] === MINUS;
  if (negative) at++;
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let inFraction = false;
  for (; at < to; at++) {
    const c = buffer[at]!;
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      if (mantissa > 0) digits++;
      if (inFraction) fraction++;
    } else if (c === DOT && !inFraction) inFraction = true;
    else if (c <= 0x20) break;
    else return Number(buffer.subarray(from, to).toString('latin1'));
  }
  // Exact integer over an exact power of ten: one correctly rounded division, as Number() rounds.
  if (digits > EXACT_DIGITS || fraction > EXACT_DIGITS) return Number(buffer.subarray(from, to).toString('latin1'));
  const value = mantissa / POWERS_OF_TEN[fraction]!;
  return negative ? -value : value;
}

/** The old way, for a layout this reader does not know: the whole file through JSON.parse. */
function parseWhole(path: string): PackedVectors {
  const packaged = JSON.parse(readFileSync(path, 'utf8')) as PackageHead & {
    readonly vectors: Readonly<Record<string, readonly number[]>>;
  };
  const { dimensions, words } = packaged;
  const matrix = new Float32Array(words.length * dimensions);
  const index = new Map<string, number>();
  words.forEach((word, row) => {
    const vector = packaged.vectors[word];
    if (!vector || index.has(word)) return;
    index.set(word, row);
    for (let d = 0; d < dimensions; d++) matrix[row * dimensions + d] = vector[d]!;
  });
  return packedVectors(dimensions, words.length, index, matrix);
}
