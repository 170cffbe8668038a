// The deterministic corpus for `npm run bench:dedup`: N documents of about 600 words, 20 % of
// them copies of an earlier document with 1-30 % of their words edited (substituted, deleted
// or inserted). Same N and seed, same bytes, on every machine.
import { shingleSet, intersectionSize } from '../src/reuse/shingles.js';
import { PairSet } from '../src/reuse/lsh.js';

export interface CorpusOptions {
  readonly documents: number;
  readonly seed: number;
  /** Share of documents that copy an earlier one. */
  readonly copyShare: number;
  /** Edited share of a copy's words, drawn uniformly from this range. */
  readonly minEdit: number;
  readonly maxEdit: number;
  readonly meanWords: number;
}

export const CORPUS_DEFAULTS: CorpusOptions = { documents: 20_000, seed: 42, copyShare: 0.2, minEdit: 0.01, maxEdit: 0.3, meanWords: 600 };

/** Words in the synthetic vocabulary; frequencies follow Zipf's law like real prose. */
const VOCABULARY_SIZE = 50_000;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'de', 'pa', 'gu', 'ze', 'ho', 'bi', 'fa', 'ye', 'in', 'or', 'an', 'et'];

/** mulberry32: a small, fast, seeded generator. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function vocabulary(rand: () => number): { words: string[]; cumulative: Float64Array } {
  const words: string[] = [];
  const seen = new Set<string>();
  while (words.length < VOCABULARY_SIZE) {
    const n = 1 + Math.floor(rand() * 4);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let sum = 0;
  for (let r = 0; r < VOCABULARY_SIZE; r++) cumulative[r] = sum += 1 / (r + 1);
  for (let r = 0; r < VOCABULARY_SIZE; r++) cumulative[r]! /= sum;
  return { words, cumulative };
}

export interface CorpusDocument {
  readonly id: string;
  readonly text: string;
  /** The document this one copies, or -1. */
  readonly copyOf: number;
  readonly edited: number;
}

/** Yields the documents in order (a generator, so a million never sit in memory at once). */
export function* generateCorpus(options: Partial<CorpusOptions> = {}): Generator<CorpusDocument> {
  const o = { ...CORPUS_DEFAULTS, ...options } satisfies CorpusOptions;
  const rand = random(o.seed);
  const { words, cumulative } = vocabulary(rand);
  const draw = () => {
    const x = rand();
    let lo = 0;
    let hi = VOCABULARY_SIZE - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  // Copies need their originals' words: keep the word lists of a bounded window of recent
  // documents, and copy from within it (recent news is what gets copied).
  const window: string[][] = [];
  const windowStart = () => Math.max(0, emitted - window.length);
  let emitted = 0;
  for (let d = 0; d < o.documents; d++) {
    let tokens: string[];
    let copyOf = -1;
    let edited = 0;
    if (d > 0 && rand() < o.copyShare) {
      const back = Math.floor(rand() * window.length);
      copyOf = windowStart() + back;
      const share = o.minEdit + rand() * (o.maxEdit - o.minEdit);
      tokens = editWords(window[back]!, share, rand, draw);
      edited = share;
    } else {
      const n = Math.round(o.meanWords * (0.8 + 0.4 * rand()));
      tokens = Array.from({ length: n }, draw);
    }
    window.push(tokens);
    if (window.length > COPY_WINDOW) window.shift();
    emitted++;
    yield { id: `d${d}`, text: toProse(tokens, rand), copyOf, edited };
  }
}

/** Documents a copy may reach back to. */
const COPY_WINDOW = 5000;

function editWords(source: readonly string[], share: number, rand: () => number, draw: () => string): string[] {
  const out = [...source];
  const edits = Math.max(1, Math.round(share * source.length));
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * out.length);
    const kind = rand();
    if (kind < 0.6) out[at] = draw();
    else if (kind < 0.8) out.splice(at, 1);
    else out.splice(at, 0, draw());
  }
  return out;
}

/** Sentences of 8-25 words, capitalised, with full stops and the odd comma. */
function toProse(tokens: readonly string[], rand: () => number): string {
  const parts: string[] = [];
  let left = 0;
  for (let i = 0; i < tokens.length; i++) {
    let w = tokens[i]!;
    if (left === 0) {
      left = 8 + Math.floor(rand() * 18);
      w = w[0]!.toUpperCase() + w.slice(1);
    } else if (rand() < 0.08) parts[parts.length - 1] += ',';
    left--;
    parts.push(left === 0 || i === tokens.length - 1 ? `${w}.` : w);
  }
  return parts.join(' ');
}

/**
 * Every pair with exact shingle Jaccard >= threshold, by prefix filtering, written independently
 * of the engine as the reference. Each set is ordered by one global order (rarest shingle first
 * by a bucketed count, then by value: any fixed order is correct, rare-first keeps lists short)
 * and only its first |A| - ceil(t|A|) + 1 elements are kept: two sets with Jaccard >= t must
 * share an element of their prefixes, so no true pair is missed. The prefix entries are sorted
 * by (shingle, set size); each run of one shingle gives candidates, checked exactly once.
 * Returns pairs packed as i * n + j (i < j) with their Jaccard.
 */
export function exactPairs(sets: readonly Uint32Array[], threshold: number): Map<number, number> {
  const n = sets.length;
  const counts = new Uint32Array(1 << 24);
  for (const s of sets) for (const h of s) counts[h >>> 8]!++;
  const bySize = sets.map((_, d) => d).sort((a, b) => sets[a]!.length - sets[b]!.length);
  const sizeRank = new Int32Array(n);
  bySize.forEach((d, rank) => (sizeRank[d] = rank));
  let total = 0;
  const prefixLength = (size: number) => (size === 0 ? 0 : size - Math.ceil(threshold * size) + 1);
  for (const s of sets) total += prefixLength(s.length);
  const DOCS = 2 ** 21;
  const entries = new Float64Array(total);
  let at = 0;
  let keys = new Float64Array(1024);
  sets.forEach((s, d) => {
    if (keys.length < s.length) keys = new Float64Array(s.length);
    for (let k = 0; k < s.length; k++) keys[k] = counts[s[k]! >>> 8]! * 4294967296 + s[k]!;
    const ordered = keys.subarray(0, s.length).sort();
    for (let k = 0; k < prefixLength(s.length); k++) entries[at++] = (ordered[k]! % 4294967296) * DOCS + sizeRank[d]!;
  });
  entries.sort();
  const result = new Map<number, number>();
  const checked = new PairSet(n);
  let start = 0;
  for (let x = 1; x <= total; x++) {
    if (x < total && Math.floor(entries[x]! / DOCS) === Math.floor(entries[start]! / DOCS)) continue;
    for (let a = start; a < x; a++) {
      const i = bySize[entries[a]! % DOCS]!;
      for (let b = a + 1; b < x; b++) {
        const j = bySize[entries[b]! % DOCS]!;
        if (sets[i]!.length < threshold * sets[j]!.length) break; // later ones are only longer
        if (!checked.add(i, j)) continue;
        const shared = intersectionSize(sets[i]!, sets[j]!);
        const jaccard = shared / (sets[i]!.length + sets[j]!.length - shared);
        if (jaccard >= threshold) result.set(Math.min(i, j) * n + Math.max(i, j), jaccard);
      }
    }
    start = x;
  }
  return result;
}

export { shingleSet };
