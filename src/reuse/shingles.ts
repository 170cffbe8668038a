// Word shingles as 32-bit hashes, computed straight from the character codes.
// Hand-written on purpose: the dedup engine must read hundreds of megabytes of text per second,
// and a regex tokenizer that builds a string and an object per word is ten times slower. The
// words are the same as `tokenize` in src/sentences (letters and digits, lower-cased), but no
// offsets are kept: offsets are only needed for passage alignment, which uses `tokenize`.

/** A murmur3 finalizer: spreads the bits of a 32-bit value so that top bits are uniform. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * For every UTF-16 code unit: 0 when it ends a word, else the code unit to hash (lower-cased).
 * Words are letters and digits; typographic punctuation and spaces (U+2000 block, no-break
 * space) end a word. One table lookup per character keeps the inner loop branch-light.
 */
const WORD_CODE: Uint16Array = (() => {
  const table = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) {
    if (c < 128) {
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) table[c] = c;
      else if (c >= 65 && c <= 90) table[c] = c + 32;
      continue;
    }
    if (c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || c === 0x3000 || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) {
      // Surrogate halves are hashed as they are (astral letters are rare in news text).
      if (c >= 0xd800 && c <= 0xdfff) table[c] = c;
      continue;
    }
    const ch = String.fromCharCode(c);
    if (!/[\p{L}\p{N}\p{M}]/u.test(ch)) continue;
    const lower = ch.toLowerCase();
    table[c] = lower.length === 1 ? lower.charCodeAt(0) : c;
  }
  return table;
})();

/**
 * Hashes of the words of `text`, lower-cased, written into `out` from index 0 (FNV-1a over
 * the code units). Returns the number of words (at most `out.length`).
 */
export function wordHashes(text: string, out: Uint32Array): number {
  let n = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const len = text.length;
  const max = out.length;
  for (let i = 0; i < len; i++) {
    const c = WORD_CODE[text.charCodeAt(i)]!;
    if (c !== 0) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      if (n < max) out[n++] = h >>> 0;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord && n < max) out[n++] = h >>> 0;
  return n;
}

/** Base of the polynomial rolling hash over word hashes (odd, so powers never vanish mod 2^32). */
const ROLL_BASE = 0x01000193;

/**
 * Writes the hashes of the `size`-word shingles of a text whose word hashes are `words[0..count)`
 * into `out`; a text shorter than `size` words gives one shingle of all its words, an empty text
 * none. Duplicates are kept (callers that need a set sort and deduplicate). Returns the count.
 * A polynomial rolling hash makes each shingle cost three multiplications whatever its size;
 * the murmur finalizer then spreads it so that its top bits can pick a sketch bin.
 */
export function shingleHashes(words: Uint32Array, count: number, size: number, out: Uint32Array): number {
  if (count === 0) return 0;
  const k = Math.min(size, count);
  let top = 1; // ROLL_BASE^(k-1)
  for (let j = 1; j < k; j++) top = Math.imul(top, ROLL_BASE);
  let h = 0;
  for (let j = 0; j < k; j++) h = (Math.imul(h, ROLL_BASE) + words[j]!) | 0;
  out[0] = mix32(h ^ k);
  const n = count - k + 1;
  for (let i = 1; i < n; i++) {
    h = (Math.imul(h - Math.imul(words[i - 1]!, top), ROLL_BASE) + words[i + k - 1]!) | 0;
    out[i] = mix32(h ^ k);
  }
  return n;
}

let wordBuffer = new Uint32Array(4096);
let shingleBuffer = new Uint32Array(4096);

/** The sorted, distinct shingle hashes of a text: its exact shingle set. */
export function shingleSet(text: string, size: number): Uint32Array {
  if (wordBuffer.length < text.length / 2 + 2) {
    wordBuffer = new Uint32Array(Math.ceil(text.length / 2) + 2);
    shingleBuffer = new Uint32Array(wordBuffer.length);
  }
  const words = wordHashes(text, wordBuffer);
  const n = shingleHashes(wordBuffer, words, size, shingleBuffer);
  return distinctSorted(shingleBuffer.slice(0, n));
}

/** Sorts in place and returns the distinct prefix (a view on the same memory). */
export function distinctSorted(values: Uint32Array): Uint32Array {
  values.sort();
  let k = 0;
  for (let i = 0; i < values.length; i++) if (i === 0 || values[i] !== values[k - 1]) values[k++] = values[i]!;
  return values.subarray(0, k);
}

/** |a ∩ b| of two sorted distinct hash arrays, by merging. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Exact Jaccard and both containments of two shingle sets. */
export function overlap(a: Uint32Array, b: Uint32Array): { jaccard: number; aInB: number; bInA: number } {
  if (a.length === 0 || b.length === 0) return { jaccard: 0, aInB: 0, bInA: 0 };
  const shared = intersectionSize(a, b);
  return { jaccard: shared / (a.length + b.length - shared), aInB: shared / a.length, bInA: shared / b.length };
}

/**
 * Exact Jaccard of two unsorted shingle lists (duplicates allowed) by hashing one into an
 * open-addressing table and probing with the other. A candidate pair is usually checked once,
 * so this beats sorting both lists (n log n each) and then merging. Tables are reused between
 * calls; a generation stamp stands in for clearing them.
 */
export class ExactJaccard {
  private keys = new Uint32Array(0);
  private stamps = new Uint32Array(0);
  private generation = 0;

  jaccard(a: Uint32Array, b: Uint32Array): number {
    if (a.length === 0 || b.length === 0) return 0;
    let size = 1;
    while (size < 2 * (a.length + b.length)) size <<= 1;
    if (this.keys.length < size) {
      this.keys = new Uint32Array(size);
      this.stamps = new Uint32Array(size);
      this.generation = 0;
    }
    const mask = size - 1;
    // Stamps: 2g+1 = element of a, 2g+2 = element of a already matched by b, 2g+3 = only in b.
    this.generation += 3;
    if (this.generation > 0xfffffff0) {
      this.stamps.fill(0);
      this.generation = 3;
    }
    const inA = this.generation - 2;
    const matched = this.generation - 1;
    const onlyB = this.generation;
    let distinctA = 0;
    for (let i = 0; i < a.length; i++) {
      const h = a[i]!;
      let slot = mix32(h) & mask;
      while (this.stamps[slot]! >= inA && this.keys[slot] !== h) slot = (slot + 1) & mask;
      if (this.stamps[slot]! < inA) {
        this.keys[slot] = h;
        this.stamps[slot] = inA;
        distinctA++;
      }
    }
    let shared = 0;
    let distinctB = 0;
    for (let i = 0; i < b.length; i++) {
      const h = b[i]!;
      let slot = mix32(h) & mask;
      while (this.stamps[slot]! >= inA && this.keys[slot] !== h) slot = (slot + 1) & mask;
      const stamp = this.stamps[slot]!;
      if (stamp === inA) {
        this.stamps[slot] = matched;
        shared++;
        distinctB++;
      } else if (stamp < inA) {
        this.keys[slot] = h;
        this.stamps[slot] = onlyB;
        distinctB++;
      }
    }
    return shared / (distinctA + distinctB - shared);
  }
}
