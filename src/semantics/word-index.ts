// The word -> row index of the word vectors, read straight from the cache file's bytes: an
// open-addressing hash table of row numbers over the UTF-8 words as the file holds them. Built in
// a few milliseconds with no string made per word, where a Map of the 341,479 words took a fifth
// of a second of CPU in every process and every worker thread (and ~40 MB of heap each).
// Hand-written: a Map cannot be built without making every word a string first.

/** FNV-1a, 32 bits: offset basis and prime. */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Slots per word, at least: a table a third full keeps linear probes short. */
const SLOTS_PER_WORD = 2;
/** The newline byte that ends each word in the file. */
const NEWLINE = 0x0a;

/** What the vectors need of a word index: a row by word, and every (word, row) in row order. */
export interface WordLookup extends Iterable<[string, number]> {
  get(word: string): number | undefined;
}

/** Words separated by "\n" (row `i` is the `i`-th word; "" is a row with no word), indexed by their bytes. */
export class WordIndex implements WordLookup {
  /** Byte offset of each row's word; one more entry for the end. */
  private readonly starts: Uint32Array;
  /** Row + 1 of the word in each slot; 0 for an empty slot. */
  private readonly slots: Uint32Array;
  private readonly mask: number;
  private readonly scratch = new Uint8Array(64);
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly words: Uint8Array,
    rows: number,
  ) {
    this.starts = new Uint32Array(rows + 1);
    let row = 0;
    for (let at = 0; at < words.length && row < rows; at++) if (words[at] === NEWLINE) this.starts[++row] = at + 1;
    this.starts[rows] = words.length + 1;
    let size = 1;
    while (size < rows * SLOTS_PER_WORD + 1) size *= 2;
    this.slots = new Uint32Array(size);
    this.mask = size - 1;
    for (let r = 0; r < rows; r++) {
      const start = this.starts[r]!;
      const end = this.starts[r + 1]! - 1;
      if (end <= start) continue;
      // A word listed twice keeps its first row, as the package's reader does.
      let slot = hashBytes(words, start, end) & this.mask;
      let taken = false;
      for (let held = this.slots[slot]!; held !== 0; held = this.slots[slot]!) {
        if (this.sameWord(held - 1, words, start, end)) {
          taken = true;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
      if (!taken) this.slots[slot] = r + 1;
    }
  }

  get(word: string): number | undefined {
    let length = word.length;
    let bytes = this.scratch;
    let ascii = length <= bytes.length;
    for (let i = 0; ascii && i < length; i++) {
      const code = word.charCodeAt(i);
      if (code >= 0x80) ascii = false;
      else bytes[i] = code;
    }
    if (!ascii) {
      bytes = this.encoder.encode(word);
      length = bytes.length;
    }
    let slot = hashBytes(bytes, 0, length) & this.mask;
    for (let held = this.slots[slot]!; held !== 0; held = this.slots[slot]!) {
      if (this.sameWord(held - 1, bytes, 0, length)) return held - 1;
      slot = (slot + 1) & this.mask;
    }
    return undefined;
  }

  *[Symbol.iterator](): IterableIterator<[string, number]> {
    const decoder = new TextDecoder();
    for (let r = 0; r + 1 < this.starts.length; r++) {
      const start = this.starts[r]!;
      const end = this.starts[r + 1]! - 1;
      if (end <= start) continue;
      const word = decoder.decode(this.words.subarray(start, end));
      if (this.get(word) === r) yield [word, r];
    }
  }

  private sameWord(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    const at = this.starts[row]!;
    if (this.starts[row + 1]! - 1 - at !== end - start) return false;
    for (let i = 0; i < end - start; i++) if (this.words[at + i] !== bytes[start + i]) return false;
    return true;
  }
}

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, FNV_PRIME);
  return hash >>> 0;
}
