// The near-duplicate engine: texts in, pairs whose shingle Jaccard reaches the threshold out.
// Shared by `findReuse` (articles), `corroborate dedup` (JSON lines) and the benchmark.
//
// Steps: words -> 5-word shingle hashes -> OPH signature (sketch.ts) -> LSH bands derived from
// the threshold (lsh.ts) -> candidate pairs -> verification. With `verify: 'exact'` each text's
// shingle set is kept (about 4 bytes per word) and every candidate is checked by merging the
// two sorted sets, so precision is exact and LSH can be tuned for recall; `'sketch'` keeps only
// the signatures (sketchSize x 4 bytes per text) and estimates Jaccard from them.
import { CorroborateError } from '../errors.js';
import { candidatePairs, lshParameters, PairSet, type LshParameters } from './lsh.js';
import { distinctSorted, ExactJaccard, intersectionSize, shingleHashes, wordHashes } from './shingles.js';
import { assertSketchSize, estimateJaccard, sketchInto } from './sketch.js';

export interface NearDuplicateOptions {
  /** Jaccard similarity of word shingles from which two texts are near-duplicates. */
  readonly threshold: number;
  /** Words per shingle. */
  readonly shingleSize: number;
  /** Bins per signature (a power of two); more bins, sharper estimates, more memory. */
  readonly sketchSize: number;
  /** 'exact' keeps shingle sets and checks every candidate; 'sketch' trusts the signatures. */
  readonly verify: 'exact' | 'sketch';
}

export const NEAR_DUPLICATE_DEFAULTS: NearDuplicateOptions = {
  threshold: 0.5,
  shingleSize: 5,
  sketchSize: 128,
  verify: 'exact',
};

/**
 * Weight of false positives against false negatives when bands and rows are derived. Exact
 * verification makes a false candidate cost one merge of two sets, so we buy recall with it;
 * estimates from the sketch need a balanced curve so that candidates are mostly right.
 */
const FALSE_POSITIVE_WEIGHT = { exact: 0.05, sketch: 0.5 } as const;

export function validateNearDuplicateOptions(o: NearDuplicateOptions): void {
  if (!(o.threshold > 0 && o.threshold < 1)) {
    throw new CorroborateError(
      'usage',
      `threshold must be between 0 and 1 (exclusive), not ${o.threshold}.`,
      'Try 0.5 for near-duplicates, 0.8 for copies.',
    );
  }
  if (!Number.isInteger(o.shingleSize) || o.shingleSize < 1 || o.shingleSize > 32) {
    throw new CorroborateError(
      'usage',
      `shingleSize must be a whole number from 1 to 32, not ${o.shingleSize}.`,
      'Use 5 for articles, 2 or 3 for headlines.',
    );
  }
  try {
    assertSketchSize(o.sketchSize);
  } catch (error) {
    throw new CorroborateError('usage', `${(error as Error).message}.`, 'Use 64, 128 or 256.');
  }
}

/** A text with fewer shingles than sketchSize / this is short (see `shortText`). */
const SHORT_TEXT_BIN_SHARE = 4;
/** Bits of the table that counts shingles approximately to order them rarest first. */
const COUNT_BITS = 22;

/** One shingle in this many is a containment fingerprint. */
const CONTAINMENT_SAMPLE = 4;
/** A fingerprint carried by more texts than this is boilerplate and proposes no pairs. */
const MAX_FINGERPRINT_CARRIERS = 100;

/** A growing set of texts whose near-duplicate pairs can be listed at any time. */
export class NearDuplicateBatch {
  readonly options: NearDuplicateOptions;
  readonly parameters: LshParameters;
  /** Signatures of the texts long enough to sketch, back to back. */
  private signatures: Uint32Array;
  /** For each signature, the text it belongs to. */
  private signed: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private signedCount = 0;
  /** For each text, its signature number, or -1 (short or empty text). */
  private slots: Int32Array<ArrayBuffer> = new Int32Array(1024);
  /** Shingles per text (with repeats). */
  private sizes: Int32Array<ArrayBuffer> = new Int32Array(1024);
  private readonly shingleSets: Uint32Array[] = [];
  private readonly sorted: Uint8Array[] = [];
  private readonly exact = new ExactJaccard();
  private count = 0;
  private words = new Uint32Array(1 << 14);
  private shingles = new Uint32Array(1 << 14);
  /** Texts with fewer shingles than this are not sketched (see SHORT_TEXT_BIN_SHARE). */
  private readonly shortText: number;
  /** Texts with fewer shingles than this are joined exactly: a pair above the threshold with a short text is never longer. */
  private readonly joinLimit: number;

  constructor(options: Partial<NearDuplicateOptions> = {}) {
    this.options = { ...NEAR_DUPLICATE_DEFAULTS, ...options } satisfies NearDuplicateOptions;
    validateNearDuplicateOptions(this.options);
    this.parameters = lshParameters(this.options.threshold, this.options.sketchSize, FALSE_POSITIVE_WEIGHT[this.options.verify]);
    this.signatures = new Uint32Array(1024 * this.options.sketchSize);
    this.shortText = this.options.sketchSize / SHORT_TEXT_BIN_SHARE;
    this.joinLimit = Math.ceil(this.shortText / this.options.threshold);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a text; returns its number (0, 1, 2, ... in the order added). */
  add(text: string): number {
    const k = this.options.sketchSize;
    const doc = this.count++;
    if (this.sizes.length < this.count) {
      this.sizes = grow(this.sizes);
      this.slots = grow(this.slots);
    }
    if (this.words.length < text.length / 2 + 2) {
      this.words = new Uint32Array(Math.ceil(text.length / 2) + 2);
      this.shingles = new Uint32Array(this.words.length);
    }
    const wordCount = wordHashes(text, this.words);
    const n = shingleHashes(this.words, wordCount, this.options.shingleSize, this.shingles);
    this.sizes[doc] = n;
    this.slots[doc] = -1;
    if (n >= this.shortText) {
      const slot = this.signedCount++;
      if (this.signatures.length < this.signedCount * k) {
        const grown = new Uint32Array(this.signatures.length * 2);
        grown.set(this.signatures);
        this.signatures = grown;
        this.signed = grow(this.signed);
      }
      sketchInto(this.shingles, n, this.signatures.subarray(slot * k, slot * k + k));
      this.signed[slot] = doc;
      this.slots[doc] = slot;
    }
    // Short texts keep their shingles in both modes: they are few, and the exact join needs them.
    if (this.options.verify === 'exact' || n < this.joinLimit) this.shingleSets[doc] = this.shingles.slice(0, n);
    return doc;
  }

  /** The sorted distinct shingle set of text `doc` (exact mode, or a short text). */
  shingleSet(doc: number): Uint32Array {
    if (!this.shingleSets[doc]) throw new CorroborateError('internal', 'shingle sets of long texts are only kept with verify: exact');
    if (!this.sorted[doc >> 16]) this.sorted[doc >> 16] = new Uint8Array(1 << 16);
    if (!this.sorted[doc >> 16]![doc & 0xffff]) {
      this.shingleSets[doc] = distinctSorted(this.shingleSets[doc]!);
      this.sorted[doc >> 16]![doc & 0xffff] = 1;
    }
    return this.shingleSets[doc]!;
  }

  /** The signature of text `doc` (a view; copy it to keep it), or null for a short text. */
  signature(doc: number): Uint32Array | null {
    const k = this.options.sketchSize;
    const slot = this.slots[doc]!;
    return slot < 0 ? null : this.signatures.subarray(slot * k, slot * k + k);
  }

  /** Jaccard of two texts: exact, or estimated from the signatures. */
  similarity(i: number, j: number): number {
    if (this.shingleSets[i] && this.shingleSets[j]) return this.exact.jaccard(this.shingleSets[i]!, this.shingleSets[j]!);
    const k = this.options.sketchSize;
    const a = this.slots[i]!;
    const b = this.slots[j]!;
    if (a < 0 || b < 0) return 0; // a short text and a long one: sizes too far apart to be similar
    return estimateJaccard(this.signatures, this.signatures, a * k, b * k, k);
  }

  /**
   * Calls `visit(i, j, similarity)` with i < j for every pair at or above the threshold.
   * Texts with identical shingle sets (exact copies, repeated headlines) are grouped first so
   * that a headline repeated a thousand times costs one entry, not a thousand.
   */
  pairs(visit: (i: number, j: number, similarity: number) => void): void {
    const k = this.options.sketchSize;
    const { representative, members } = this.identicalGroups();
    for (const list of members.values()) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) visit(list[x]!, list[y]!, 1);
    }
    const expand = (i: number, j: number, similarity: number) => {
      const left = members.get(i) ?? [i];
      const right = members.get(j) ?? [j];
      for (const a of left) for (const b of right) visit(Math.min(a, b), Math.max(a, b), similarity);
    };

    // Short texts: an exact join. Long texts: LSH. Pairs of two texts in the join are its alone.
    const joined: number[] = [];
    for (let d = 0; d < this.count; d++)
      if (this.sizes[d]! > 0 && representative[d] === d && this.sizes[d]! < this.joinLimit) joined.push(d);
    this.shortPairs(joined, expand);
    const skip = new Uint8Array(this.signedCount);
    for (let s = 0; s < this.signedCount; s++) if (representative[this.signed[s]!] !== this.signed[s]) skip[s] = 1;
    candidatePairs(
      this.signatures,
      this.signedCount,
      k,
      this.parameters,
      (si, sj) => {
        const i = this.signed[si]!;
        const j = this.signed[sj]!;
        if (this.sizes[i]! < this.joinLimit && this.sizes[j]! < this.joinLimit) return;
        const similarity = this.similarity(i, j);
        if (similarity >= this.options.threshold) expand(i, j, similarity);
      },
      skip,
    );
  }

  /**
   * All pairs at or above the threshold among short texts, exactly, by prefix filtering
   * (AllPairs with PPJoin's positional filter): each set is ordered rarest shingle first (by an
   * approximate count: any fixed order is correct, rare-first keeps the lists short). Texts are
   * taken shortest first; each probes the index with its first |x| - ceil(t|x|) + 1 shingles and
   * is indexed by its first |x| - ceil(2t/(1+t)|x|) + 1: two sets with Jaccard >= t always meet
   * there. A candidate is dropped when the shingles left after the meeting point cannot reach
   * the overlap the threshold needs.
   */
  private shortPairs(docs: readonly number[], visit: (i: number, j: number, similarity: number) => void): void {
    if (docs.length < 2) return;
    const t = this.options.threshold;
    const counts = new Uint16Array(1 << COUNT_BITS);
    const shift = 32 - COUNT_BITS;
    const byHash = docs.map((d) => this.shingleSet(d));
    for (const set of byHash) for (const h of set) if (counts[h >>> shift]! < 0xffff) counts[h >>> shift]!++;
    const order = docs.map((_, x) => x).sort((x, y) => byHash[x]!.length - byHash[y]!.length);
    const ranked = byHash.map((set) => {
      const keys = new Float64Array(set.length);
      for (let k = 0; k < set.length; k++) keys[k] = counts[set[k]! >>> shift]! * 4294967296 + set[k]!;
      return keys.sort();
    });
    const postings = new Map<number, number[]>(); // shingle -> [doc, position, doc, position, ...]
    const stamp = new Int32Array(docs.length).fill(-1);
    for (const x of order) {
      const set = ranked[x]!;
      const size = set.length;
      const probe = size - Math.ceil(t * size) + 1;
      const index = size - Math.ceil(((2 * t) / (1 + t)) * size) + 1;
      for (let i = 0; i < probe; i++) {
        const h = set[i]! % 4294967296;
        let list = postings.get(h);
        if (list) {
          for (let p = 0; p < list.length; p += 2) {
            const y = list[p]!;
            if (stamp[y] === x) continue;
            const other = ranked[y]!.length;
            if (other < t * size) continue; // size filter (others are no longer than x)
            const needed = Math.ceil((t / (1 + t)) * (size + other));
            if (1 + Math.min(size - i - 1, other - list[p + 1]! - 1) < needed) continue; // positional filter
            stamp[y] = x;
            const a = byHash[x]!;
            const b = byHash[y]!;
            const shared = intersectionSize(a, b);
            const similarity = shared / (a.length + b.length - shared);
            if (similarity >= t) visit(Math.min(docs[x]!, docs[y]!), Math.max(docs[x]!, docs[y]!), similarity);
          }
        }
        if (i < index) {
          if (!list) postings.set(h, (list = []));
          list.push(x, i);
        }
      }
    }
  }

  /**
   * Calls `visit(i, j, jaccard, iInJ, jInI)` (i < j) for every pair where one text's shingles lie
   * at least `minContainment` inside the other's: a short text wholly inside a longer one, which
   * Jaccard misses. Exact mode only. Candidates share a sampled fingerprint (the shingles whose
   * hash is 0 mod `sample`): a contained text of m shingles shares about m / sample of them, so
   * only texts under a few times `sample` shingles can slip through. Fingerprints carried by more
   * than `maxCarriers` texts (boilerplate) propose nothing.
   */
  containmentPairs(
    minContainment: number,
    visit: (i: number, j: number, jaccard: number, iInJ: number, jInI: number) => void,
    sample = CONTAINMENT_SAMPLE,
    maxCarriers = MAX_FINGERPRINT_CARRIERS,
  ): void {
    if (this.options.verify !== 'exact') {
      throw new CorroborateError('usage', 'containment needs the shingle sets: use verify exact.', "Drop '--verify sketch'.");
    }
    const DOCS = 2 ** 21;
    const entries: number[] = [];
    for (let d = 0; d < this.count; d++) {
      for (const h of this.shingleSet(d)) if (h % sample === 0) entries.push(h * DOCS + d);
    }
    const packed = Float64Array.from(entries).sort();
    const seen = new PairSet(this.count);
    let start = 0;
    for (let x = 1; x <= packed.length; x++) {
      if (x < packed.length && Math.floor(packed[x]! / DOCS) === Math.floor(packed[start]! / DOCS)) continue;
      if (x - start <= maxCarriers) {
        for (let a = start; a < x; a++) {
          for (let b = a + 1; b < x; b++) {
            const i = packed[a]! % DOCS;
            const j = packed[b]! % DOCS;
            if (!seen.add(i, j)) continue;
            const p = this.shingleSet(i);
            const q = this.shingleSet(j);
            const shared = intersectionSize(p, q);
            const iInJ = shared / p.length;
            const jInI = shared / q.length;
            if (Math.max(iInJ, jInI) >= minContainment) visit(i, j, shared / (p.length + q.length - shared), iInJ, jInI);
          }
        }
      }
      start = x;
    }
  }

  /** Texts with identical signatures (long) or identical shingle sets (short), grouped. */
  private identicalGroups(): { representative: Int32Array; members: Map<number, number[]> } {
    const representative = new Int32Array(this.count);
    const byHash = new Map<number, number[]>();
    const members = new Map<number, number[]>();
    for (let d = 0; d < this.count; d++) {
      representative[d] = d;
      if (this.sizes[d] === 0) continue;
      const h = this.fingerprint(d);
      const reps = byHash.get(h);
      if (!reps) {
        byHash.set(h, [d]);
        continue;
      }
      const same = reps.find((rep) => this.identical(rep, d));
      if (same === undefined) {
        reps.push(d);
        continue;
      }
      representative[d] = same;
      const list = members.get(same);
      if (list) list.push(d);
      else members.set(same, [same, d]);
    }
    return { representative, members };
  }

  /** A hash of what `identical` compares. */
  private fingerprint(d: number): number {
    const values = this.slots[d]! >= 0 ? this.signature(d)! : this.shingleSet(d);
    let h = 0x811c9dc5 ^ (this.slots[d]! >>> 31);
    for (let r = 0; r < values.length; r++) h = Math.imul(h ^ values[r]!, 0x01000193);
    return h;
  }

  private identical(a: number, b: number): boolean {
    const x = this.signature(a);
    const y = this.signature(b);
    if ((x === null) !== (y === null)) return false;
    if (x && y) for (let r = 0; r < x.length; r++) if (x[r] !== y[r]) return false;
    if (this.options.verify !== 'exact' && x) return true;
    const p = this.shingleSet(a);
    const q = this.shingleSet(b);
    if (p.length !== q.length) return false;
    for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return false;
    return true;
  }
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const grown = new Int32Array(array.length * 2);
  grown.set(array);
  return grown;
}
