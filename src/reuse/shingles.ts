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

/** True for code units that belong inside a word (ASCII letters and digits, and any non-ASCII letter). */
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // Typographic punctuation and spaces in the U+2000 block and the no-break space end a word.
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || c === 0x3000 || c === 0xfeff) return false;
  return true;
}

/**
 * Hashes of the words of `text`, lower-cased (ASCII fast path; other letters through
 * `toLowerCase`), written into `out` from index 0. Returns the number of words.
 */
export function wordHashes(text: string, out: Uint32Array): number {
  let n = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const len = text.length;
  for (let i = 0; i < len; i++) {
    let c = text.charCodeAt(i);
    if (isWordCode(c)) {
      if (c >= 65 && c <= 90) c += 32;
      else if (c >= 128) c = text[i]!.toLowerCase().charCodeAt(0);
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      if (n < out.length) out[n] = h >>> 0;
      n++;
      h = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) {
    if (n < out.length) out[n] = h >>> 0;
    n++;
  }
  return Math.min(n, out.length);
}

/** Mixes the hashes of `size` consecutive words into one shingle hash (order matters). */
function shingleHash(words: Uint32Array, from: number, size: number): number {
  let h = 0x9e3779b9;
  for (let j = 0; j < size; j++) h = Math.imul(h ^ words[from + j]!, 0x01000193) + 0x7f4a7c15;
  return mix32(h);
}

/**
 * Writes the hashes of the `size`-word shingles of a text whose word hashes are `words[0..count)`
 * into `out`; a text shorter than `size` words gives one shingle of all its words, an empty text
 * none. Duplicates are kept (callers that need a set sort and deduplicate). Returns the count.
 */
export function shingleHashes(words: Uint32Array, count: number, size: number, out: Uint32Array): number {
  if (count === 0) return 0;
  if (count < size) {
    out[0] = shingleHash(words, 0, count);
    return 1;
  }
  const n = count - size + 1;
  for (let i = 0; i < n; i++) out[i] = shingleHash(words, i, size);
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
