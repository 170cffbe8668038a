// One-permutation hashing (OPH) with optimal densification: a MinHash-style signature in one
// pass over the shingles.
//
// Why not classic MinHash: k independent permutations cost k hash evaluations per shingle
// (128 x 600 = 77,000 per article), which is what makes datasketch take ~37 s on 20,000
// articles. OPH (Li, Owen and Zhang 2012) splits one hash range into k bins and keeps the
// minimum per bin: one evaluation per shingle. Bins left empty by a short text are filled by
// "optimal densification" (Shrivastava 2017): an empty bin borrows the value of the non-empty
// bin found by a fixed per-bin probe sequence, which keeps Pr[bin i agrees] = Jaccard, so the
// signature feeds LSH exactly like a MinHash signature does.
import { mix32 } from './shingles.js';

/** The value a bin holds before any shingle lands in it. */
const EMPTY = 0xffffffff;

/** Probes an empty bin may make before giving up (only reached when almost every bin is empty). */
const MAX_PROBES = 4096;

export function assertSketchSize(size: number): void {
  if (!Number.isInteger(size) || size < 8 || size > 4096 || (size & (size - 1)) !== 0) {
    throw new RangeError(`sketch size must be a power of two from 8 to 4096, not ${size}`);
  }
}

/**
 * Writes the densified OPH signature of `shingles[0..count)` into `out` (length = sketch size,
 * a power of two). Returns false when there are no shingles (the signature is then meaningless).
 */
export function sketchInto(shingles: Uint32Array, count: number, out: Uint32Array): boolean {
  const size = out.length;
  const shift = 32 - Math.log2(size);
  out.fill(EMPTY);
  for (let i = 0; i < count; i++) {
    const h = shingles[i]!;
    const bin = h >>> shift;
    if (h < out[bin]!) out[bin] = h;
  }
  if (count === 0) return false;
  let empty = 0;
  for (let i = 0; i < size; i++) if (out[i] === EMPTY) empty++;
  if (empty === 0) return true;
  // Densify from a copy so that borrowed values never come from another borrowed bin.
  if (original.length < size) original = new Uint32Array(size);
  original.set(out);
  const mask = size - 1;
  const table = probeTable(size);
  for (let i = 0; i < size; i++) {
    if (original[i] !== EMPTY) continue;
    let found = false;
    for (let attempt = 1; attempt <= TABLED_PROBES; attempt++) {
      const j = table[i * TABLED_PROBES + attempt - 1]!;
      if (original[j] !== EMPTY) {
        out[i] = original[j]!;
        found = true;
        break;
      }
    }
    for (let attempt = TABLED_PROBES + 1; !found && attempt <= MAX_PROBES; attempt++) {
      const j = probe(i, attempt) & mask;
      if (original[j] !== EMPTY) {
        out[i] = original[j]!;
        found = true;
      }
    }
  }
  return true;
}

let original = new Uint32Array(0);

/** The fixed probe sequence of bin i: the same for every text, so that borrowed bins agree. */
function probe(i: number, attempt: number): number {
  return mix32(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca77));
}

/**
 * The first probes of every bin, computed once per sketch size: short texts (headlines) leave
 * most bins empty, and computing each probe afresh made densification their main cost.
 */
const TABLED_PROBES = 64;
const probeTables = new Map<number, Uint16Array>();
function probeTable(size: number): Uint16Array {
  let table = probeTables.get(size);
  if (!table) {
    table = new Uint16Array(size * TABLED_PROBES);
    for (let i = 0; i < size; i++) for (let a = 1; a <= TABLED_PROBES; a++) table[i * TABLED_PROBES + a - 1] = probe(i, a) & (size - 1);
    probeTables.set(size, table);
  }
  return table;
}

/** Share of agreeing bins: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array, aOffset = 0, bOffset = 0, size = a.length): number {
  let same = 0;
  for (let i = 0; i < size; i++) if (a[aOffset + i] === b[bOffset + i]) same++;
  return same / size;
}
