// The near-duplicate engine: texts in, pairs whose shingle Jaccard reaches the threshold out.
// Shared by `findReuse` (articles), `corroborate dedup` (JSON lines) and the benchmark.
//
// Steps: words -> 5-word shingle hashes -> OPH signature (sketch.ts) -> LSH bands derived from
// the threshold (lsh.ts) -> candidate pairs -> verification. With `verify: 'exact'` each text's
// shingle set is kept (about 4 bytes per word) and every candidate is checked by merging the
// two sorted sets, so precision is exact and LSH can be tuned for recall; `'sketch'` keeps only
// the signatures (sketchSize x 4 bytes per text) and estimates Jaccard from them.
import { CorroborateError } from '../errors.js';
import { candidatePairs, lshParameters, type LshParameters } from './lsh.js';
import { distinctSorted, ExactJaccard, shingleHashes, wordHashes } from './shingles.js';
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
    throw new CorroborateError('usage', `threshold must be between 0 and 1 (exclusive), not ${o.threshold}.`, 'Try 0.5 for near-duplicates, 0.8 for copies.');
  }
  if (!Number.isInteger(o.shingleSize) || o.shingleSize < 1 || o.shingleSize > 32) {
    throw new CorroborateError('usage', `shingleSize must be a whole number from 1 to 32, not ${o.shingleSize}.`, 'Use 5 for articles, 2 or 3 for headlines.');
  }
  try {
    assertSketchSize(o.sketchSize);
  } catch (error) {
    throw new CorroborateError('usage', (error as Error).message + '.', 'Use 64, 128 or 256.');
  }
}

/** A growing set of texts whose near-duplicate pairs can be listed at any time. */
export class NearDuplicateBatch {
  readonly options: NearDuplicateOptions;
  readonly parameters: LshParameters;
  private signatures: Uint32Array;
  private readonly shingleSets: Uint32Array[] = [];
  private readonly sorted: Uint8Array[] = [];
  private empty = new Uint8Array(1024);
  private readonly exact = new ExactJaccard();
  private count = 0;
  private words = new Uint32Array(1 << 14);
  private shingles = new Uint32Array(1 << 14);

  constructor(options: Partial<NearDuplicateOptions> = {}) {
    this.options = { ...NEAR_DUPLICATE_DEFAULTS, ...options } satisfies NearDuplicateOptions;
    validateNearDuplicateOptions(this.options);
    this.parameters = lshParameters(this.options.threshold, this.options.sketchSize, FALSE_POSITIVE_WEIGHT[this.options.verify]);
    this.signatures = new Uint32Array(1024 * this.options.sketchSize);
  }

  get size(): number {
    return this.count;
  }

  /** Adds a text; returns its number (0, 1, 2, ... in the order added). */
  add(text: string): number {
    const k = this.options.sketchSize;
    const doc = this.count++;
    if (this.signatures.length < this.count * k) {
      const grown = new Uint32Array(this.signatures.length * 2);
      grown.set(this.signatures);
      this.signatures = grown;
      const grownEmpty = new Uint8Array(this.empty.length * 2);
      grownEmpty.set(this.empty);
      this.empty = grownEmpty;
    }
    if (this.words.length < text.length / 2 + 2) {
      this.words = new Uint32Array(Math.ceil(text.length / 2) + 2);
      this.shingles = new Uint32Array(this.words.length);
    }
    const wordCount = wordHashes(text, this.words);
    const n = shingleHashes(this.words, wordCount, this.options.shingleSize, this.shingles);
    const signature = this.signatures.subarray(doc * k, doc * k + k);
    if (!sketchInto(this.shingles, n, signature)) this.empty[doc] = 1;
    if (this.options.verify === 'exact') this.shingleSets.push(this.shingles.slice(0, n));
    return doc;
  }

  /** The sorted distinct shingle set of text `doc` (exact mode only). */
  shingleSet(doc: number): Uint32Array {
    if (this.options.verify !== 'exact') throw new CorroborateError('internal', 'shingle sets are only kept with verify: exact');
    if (!this.sorted[doc >> 16]) this.sorted[doc >> 16] = new Uint8Array(1 << 16);
    if (!this.sorted[doc >> 16]![doc & 0xffff]) {
      this.shingleSets[doc] = distinctSorted(this.shingleSets[doc]!);
      this.sorted[doc >> 16]![doc & 0xffff] = 1;
    }
    return this.shingleSets[doc]!;
  }

  /** The signature of text `doc` (a view; copy it to keep it). */
  signature(doc: number): Uint32Array {
    const k = this.options.sketchSize;
    return this.signatures.subarray(doc * k, doc * k + k);
  }

  /** Jaccard of two texts: exact, or estimated from the signatures. */
  similarity(i: number, j: number): number {
    if (this.options.verify === 'exact') return this.exact.jaccard(this.shingleSets[i]!, this.shingleSets[j]!);
    const k = this.options.sketchSize;
    return estimateJaccard(this.signatures, this.signatures, i * k, j * k, k);
  }

  /**
   * Calls `visit(i, j, similarity)` with i < j for every pair at or above the threshold.
   * Texts with identical signatures (exact copies, repeated headlines) are grouped first so
   * that a headline repeated a thousand times costs one LSH entry, not a thousand.
   */
  pairs(visit: (i: number, j: number, similarity: number) => void): void {
    const k = this.options.sketchSize;
    const groups = this.identicalGroups();
    const skip = new Uint8Array(this.count);
    for (let d = 0; d < this.count; d++) if (this.empty[d] || groups.representative[d] !== d) skip[d] = 1;
    const threshold = this.options.threshold;
    const members = groups.members;
    for (const list of members.values()) {
      for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) visit(list[x]!, list[y]!, 1);
    }
    candidatePairs(
      this.signatures,
      this.count,
      k,
      this.parameters,
      (i, j) => {
        const similarity = this.similarity(i, j);
        if (similarity < threshold) return;
        const left = members.get(i) ?? [i];
        const right = members.get(j) ?? [j];
        for (const a of left) for (const b of right) visit(Math.min(a, b), Math.max(a, b), similarity);
      },
      skip,
    );
  }

  /** Texts whose signatures (and, in exact mode, shingle sets) are identical. */
  private identicalGroups(): { representative: Int32Array; members: Map<number, number[]> } {
    const k = this.options.sketchSize;
    const representative = new Int32Array(this.count);
    const byHash = new Map<number, number[]>();
    const members = new Map<number, number[]>();
    for (let d = 0; d < this.count; d++) {
      representative[d] = d;
      if (this.empty[d]) continue;
      let h = 0x811c9dc5;
      for (let r = 0; r < k; r++) h = Math.imul(h ^ this.signatures[d * k + r]!, 0x01000193);
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

  private identical(a: number, b: number): boolean {
    const k = this.options.sketchSize;
    for (let r = 0; r < k; r++) if (this.signatures[a * k + r] !== this.signatures[b * k + r]) return false;
    if (this.options.verify !== 'exact') return true;
    const x = this.shingleSet(a);
    const y = this.shingleSet(b);
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
}
