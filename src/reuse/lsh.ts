// Locality-sensitive hashing over signatures: bands of rows, derived from the user's threshold.
// Two articles become a candidate pair when all rows of at least one band agree; the chance of
// that for Jaccard s is 1 - (1 - s^rows)^bands, an S-curve whose knee we place at the threshold.
import { mix32 } from './shingles.js';

export interface LshParameters {
  readonly bands: number;
  readonly rows: number;
}

/** Integration steps for the false-positive and false-negative areas under the S-curve. */
const INTEGRATION_STEPS = 200;

function collisionProbability(s: number, bands: number, rows: number): number {
  return 1 - (1 - s ** rows) ** bands;
}

function area(from: number, to: number, f: (s: number) => number): number {
  if (to <= from) return 0;
  const step = (to - from) / INTEGRATION_STEPS;
  let sum = 0;
  for (let i = 0; i < INTEGRATION_STEPS; i++) sum += f(from + (i + 0.5) * step) * step;
  return sum;
}

/**
 * The bands and rows (bands x rows <= sketch size) that minimise the weighted area of false
 * positives below `threshold` and false negatives above it, as datasketch does. When candidates
 * are verified exactly afterwards, false positives only cost a comparison, so callers pass a
 * small `falsePositiveWeight` to buy recall.
 */
export function lshParameters(threshold: number, sketchSize: number, falsePositiveWeight = 0.5): LshParameters {
  if (!(threshold > 0 && threshold < 1)) {
    throw new RangeError(`threshold must be between 0 and 1 (exclusive), not ${threshold}`);
  }
  // The search integrates thousands of S-curves (milliseconds): once per setting, not once per
  // article or batch (the stories step computes band keys for every article it places).
  const key = `${threshold}/${sketchSize}/${falsePositiveWeight}`;
  let found = chosen.get(key);
  if (!found) chosen.set(key, (found = searchParameters(threshold, sketchSize, falsePositiveWeight)));
  return found;
}

const chosen = new Map<string, LshParameters>();

function searchParameters(threshold: number, sketchSize: number, falsePositiveWeight: number): LshParameters {
  const falseNegativeWeight = 1 - falsePositiveWeight;
  let best: LshParameters = { bands: 1, rows: sketchSize };
  let bestError = Infinity;
  for (let bands = 1; bands <= sketchSize; bands++) {
    const maxRows = Math.floor(sketchSize / bands);
    for (let rows = 1; rows <= maxRows; rows++) {
      const fp = area(0, threshold, (s) => collisionProbability(s, bands, rows));
      const fn = area(threshold, 1, (s) => 1 - collisionProbability(s, bands, rows));
      const error = falsePositiveWeight * fp + falseNegativeWeight * fn;
      if (error < bestError - 1e-12) {
        bestError = error;
        best = { bands, rows };
      }
    }
  }
  return best;
}

/** The 32-bit key of one band of a signature: the band number mixed with its rows. */
export function bandHash(signature: Uint32Array, offset: number, band: number, rows: number): number {
  let h = mix32(band + 0x632be5ab);
  const start = offset + band * rows;
  for (let r = 0; r < rows; r++) h = mix32(Math.imul(h, 0x9e3779b1) ^ signature[start + r]!);
  return h;
}

/** Band keys as strings ("band:hex"), the form the store persists for incremental search. */
export function bandKeys(signature: Uint32Array, parameters: LshParameters): string[] {
  const keys: string[] = [];
  for (let b = 0; b < parameters.bands; b++) keys.push(`${b}:${bandHash(signature, 0, b, parameters.rows).toString(16)}`);
  return keys;
}

/** Largest number of documents the packed sort keys below can tell apart (2^21). */
const MAX_PACKED_DOCS = 2 ** 21;

/**
 * Every candidate pair among `count` signatures stored back to back in `signatures` (each of
 * `sketchSize` values), as [i, j] with i < j, each pair once. `skip[i]` excludes a document.
 *
 * Batch path: per band, each document's key and number are packed into one float
 * (key * 2^21 + doc), the array is sorted natively and runs of equal keys give the pairs. This
 * keeps one band in memory at a time and avoids a hash map per band (several times faster and
 * smaller than a Map at a million documents).
 */
export function candidatePairs(
  signatures: Uint32Array,
  count: number,
  sketchSize: number,
  parameters: LshParameters,
  visit: (i: number, j: number) => void,
  skip?: Uint8Array,
): void {
  if (count > MAX_PACKED_DOCS) throw new RangeError(`at most ${MAX_PACKED_DOCS} documents per batch, not ${count}`);
  const seen = new PairSet(count);
  const packed = new Float64Array(count);
  for (let b = 0; b < parameters.bands; b++) {
    let n = 0;
    for (let d = 0; d < count; d++) {
      if (skip?.[d]) continue;
      packed[n++] = bandHash(signatures, d * sketchSize, b, parameters.rows) * MAX_PACKED_DOCS + d;
    }
    const sorted = packed.subarray(0, n).sort();
    let runStart = 0;
    for (let k = 1; k <= n; k++) {
      const sameKey = k < n && Math.floor(sorted[k]! / MAX_PACKED_DOCS) === Math.floor(sorted[runStart]! / MAX_PACKED_DOCS);
      if (sameKey) continue;
      for (let x = runStart; x < k; x++) {
        const i = sorted[x]! % MAX_PACKED_DOCS;
        for (let y = x + 1; y < k; y++) {
          const j = sorted[y]! % MAX_PACKED_DOCS;
          if (seen.add(i, j)) visit(i, j);
        }
      }
      runStart = k;
    }
  }
}

/**
 * A set of unordered document pairs (i < j packed as i * count + j), for de-duplicating
 * candidates that several bands propose. Open addressing over a Float64Array: a JS Set of
 * numbers is several times slower here and stops at 2^24 entries.
 */
export class PairSet {
  private keys = new Float64Array(1 << 12).fill(-1);
  private used = 0;
  constructor(private readonly count: number) {}

  /** Adds the pair; true when it was not there before. */
  add(i: number, j: number): boolean {
    const key = i < j ? i * this.count + j : j * this.count + i;
    if ((this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = mix32((key % 4294967296) ^ (Math.floor(key / 4294967296) * 0x9e3779b1)) & mask;
    for (;;) {
      const k = this.keys[slot]!;
      if (k === key) return false;
      if (k === -1) break;
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.used++;
    return true;
  }

  get size(): number {
    return this.used;
  }

  private grow(): void {
    const old = this.keys;
    this.keys = new Float64Array(old.length * 2).fill(-1);
    const mask = this.keys.length - 1;
    for (const key of old) {
      if (key === -1) continue;
      let slot = mix32((key % 4294967296) ^ (Math.floor(key / 4294967296) * 0x9e3779b1)) & mask;
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask;
      this.keys[slot] = key;
    }
  }
}

/**
 * An incremental LSH index: add signatures one at a time and ask which earlier ones collide.
 * This is the in-memory twin of what the store does with `saveSignatures`/`findByBandKeys`.
 */
export class LshIndex<Id = string> {
  private readonly buckets: Map<number, Id[]>[];
  constructor(readonly parameters: LshParameters) {
    this.buckets = Array.from({ length: parameters.bands }, () => new Map());
  }

  /** Ids already in the index that share at least one band with `signature`. */
  query(signature: Uint32Array): Set<Id> {
    const found = new Set<Id>();
    for (let b = 0; b < this.parameters.bands; b++) {
      const bucket = this.buckets[b]!.get(bandHash(signature, 0, b, this.parameters.rows));
      if (bucket) for (const id of bucket) found.add(id);
    }
    return found;
  }

  add(id: Id, signature: Uint32Array): void {
    for (let b = 0; b < this.parameters.bands; b++) {
      const key = bandHash(signature, 0, b, this.parameters.rows);
      const bucket = this.buckets[b]!.get(key);
      if (bucket) bucket.push(id);
      else this.buckets[b]!.set(key, [id]);
    }
  }
}
