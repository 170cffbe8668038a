// Stage 5: fingerprints and reuse. Which articles share text, and which passages exactly.
//
// Three cheap ways to find candidate pairs, then one careful look at each:
//  1. near-duplicates: shingle signatures and LSH at the user's Jaccard threshold (engine.ts);
//  2. shared passages and containment (a short text wholly inside a longer one, which Jaccard
//     misses): an exact inverted index over a fixed sample of shingle hashes (those = 0 mod
//     `fingerprintSample`), so any long shared passage shares sampled fingerprints;
//  3. rewrites and summaries, which keep the facts but few five-word runs: a prefilter on
//     shared rare content words (names, numbers), bounded to each article's best partners.
// Each candidate is then measured exactly (Jaccard, containment both ways) and aligned
// (align.ts): verbatim and lightly edited passages, then paraphrased sentences.
import type { AnalyzedArticle, Passage, ReusePair } from '../records.js';
import { tokenize } from '../sentences/index.js';
import { alignPassages, flipPassage, prepareText, type AlignOptions, type AlignText } from './align.js';
import { NEAR_DUPLICATE_DEFAULTS, NearDuplicateBatch, validateNearDuplicateOptions, type NearDuplicateOptions } from './engine.js';
import { bandKeys, lshParameters } from './lsh.js';
import { overlap, shingleSet } from './shingles.js';
import { sketchInto } from './sketch.js';
import { STOPWORDS } from './stopwords.js';

export {
  alignPassages,
  alignSentences,
  flipPassage,
  prepareText,
  stem,
  ALIGN_DEFAULTS,
  type AlignOptions,
  type AlignText,
} from './align.js';
export { NearDuplicateBatch, NEAR_DUPLICATE_DEFAULTS, type NearDuplicateOptions } from './engine.js';
export { LshIndex, lshParameters, bandKeys, candidatePairs, PairSet, type LshParameters } from './lsh.js';
export { sketchInto, estimateJaccard } from './sketch.js';
export { shingleSet, overlap, wordHashes, shingleHashes, mix32 } from './shingles.js';

export interface ReuseOptions extends NearDuplicateOptions {
  /** Share of one text's shingles found in the other from which it counts as contained. */
  readonly containment: number;
  /** One shingle in this many is a fingerprint for passage search (0 mod n of its hash). */
  readonly fingerprintSample: number;
  /** Weighted share of rare content words two articles must share to be aligned sentence by sentence. */
  readonly relatedness: number;
  /** Most partners per article checked for paraphrase, best first (keeps big batches bounded). */
  readonly maxRelatedPartners: number;
  /** Fewest paraphrased sentences that make a pair worth reporting without verbatim passages. */
  readonly minParaphrasedSentences: number;
  /** Alignment settings (align.ts). */
  readonly align: Partial<AlignOptions>;
}

export const REUSE_DEFAULTS: ReuseOptions = {
  ...NEAR_DUPLICATE_DEFAULTS,
  containment: 0.8,
  fingerprintSample: 4,
  relatedness: 0.25,
  maxRelatedPartners: 8,
  minParaphrasedSentences: 2,
  align: {},
};

/** A fingerprint carried by more articles than this is boilerplate (a footer, a disclaimer). */
const MAX_FINGERPRINT_ARTICLES = 50;
/** A content word in more than this share of a big batch is not rare enough to link articles. */
const MAX_CONTENT_WORD_SHARE = 0.05;
/** ...but in small batches (one story) every word may link: below this many articles, no cap. */
const MIN_CONTENT_WORD_CAP = 8;

/** Every pair of articles that share text, with aligned passages (source = a, target = b). */
export function findReuse(articles: readonly AnalyzedArticle[], options: Partial<ReuseOptions> = {}): ReusePair[] {
  const o = { ...REUSE_DEFAULTS, ...options } satisfies ReuseOptions;
  validateNearDuplicateOptions(o);
  const n = articles.length;
  if (n < 2) return [];
  const texts = articles.map((a) => a.article.text);
  const sets = texts.map((text) => shingleSet(text, o.shingleSize));
  const candidates = new Map<number, [number, number]>(); // i * n + j (i < j) -> [i, j]
  const addCandidate = (i: number, j: number) => {
    const [x, y] = i < j ? [i, j] : [j, i];
    if (x !== y) candidates.set(x * n + y, [x, y]);
  };

  // 1. Near-duplicates.
  const batch = new NearDuplicateBatch({ threshold: o.threshold, shingleSize: o.shingleSize, sketchSize: o.sketchSize, verify: o.verify });
  for (const text of texts) batch.add(text);
  batch.pairs((i, j) => addCandidate(i, j));

  // 2. Shared passages and containment, from sampled fingerprints.
  const postings = new Map<number, number[]>();
  sets.forEach((set, doc) => {
    for (const h of set) {
      if (h % o.fingerprintSample !== 0) continue;
      const list = postings.get(h);
      if (!list) postings.set(h, [doc]);
      else if (list.length <= MAX_FINGERPRINT_ARTICLES) list.push(doc);
    }
  });
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > MAX_FINGERPRINT_ARTICLES) continue;
    for (let x = 0; x < list.length; x++) for (let y = x + 1; y < list.length; y++) addCandidate(list[x]!, list[y]!);
  }

  // 3. Related by rare content words (rewrites, summaries).
  for (const [i, j] of relatedPairs(texts, o)) addCandidate(i, j);

  const prepared = new Map<number, AlignText>();
  const prepare = (i: number) => {
    let p = prepared.get(i);
    if (!p) prepared.set(i, (p = prepareText(texts[i]!, articles[i]!.sentences)));
    return p;
  };
  const pairs: ReusePair[] = [];
  for (const [i, j] of [...candidates.values()].sort((p, q) => p[0] - q[0] || p[1] - q[1])) {
    const [a, b] = sourceFirst(articles, i, j);
    const measured = overlap(sets[a]!, sets[b]!);
    const passages = alignPair(prepare(a), prepare(b), o.align);
    const verbatim = passages.filter((p) => p.similarity >= VERBATIM_SIMILARITY).length;
    const paraphrased = passages.length - verbatim;
    const nearDuplicate = measured.jaccard >= o.threshold || Math.max(measured.aInB, measured.bInA) >= o.containment;
    if (!nearDuplicate && verbatim === 0 && paraphrased < o.minParaphrasedSentences) continue;
    pairs.push({
      a: articles[a]!.article.id,
      b: articles[b]!.article.id,
      similarity: round(measured.jaccard),
      aInB: round(measured.aInB),
      bInA: round(measured.bInA),
      passages,
    });
  }
  return pairs;
}

/** Passages at or above this word similarity are verbatim or lightly edited, not paraphrase. */
const VERBATIM_SIMILARITY = 0.8;

/**
 * Aligns with the shorter text as target (each of its sentences looks for its source in the
 * longer one), then reports the passages with `source` = a, `target` = b.
 */
function alignPair(a: AlignText, b: AlignText, align: Partial<AlignOptions>): Passage[] {
  if (b.tokens.length <= a.tokens.length) return alignPassages(a, b, align);
  return alignPassages(b, a, align)
    .map((p) => flipPassage(p, a.text))
    .sort((x, y) => x.targetStart - y.targetStart);
}

/** Orders a pair as (earlier, later) when both dates are known, else by input order. */
function sourceFirst(articles: readonly AnalyzedArticle[], i: number, j: number): [number, number] {
  const pi = articles[i]!.article.published;
  const pj = articles[j]!.article.published;
  if (pi && pj) {
    const ti = Date.parse(pi);
    const tj = Date.parse(pj);
    if (Number.isFinite(ti) && Number.isFinite(tj) && tj < ti) return [j, i];
  }
  return [i, j];
}

/** Pairs sharing enough rare content words, each article limited to its best partners. */
function relatedPairs(texts: readonly string[], o: ReuseOptions): [number, number][] {
  const n = texts.length;
  const words = texts.map(
    (text) =>
      new Set(
        tokenize(text)
          .map((t) => t.norm)
          .filter((w) => !STOPWORDS.has(w) && (w.length > 2 || /\d/.test(w))),
      ),
  );
  const df = new Map<string, number>();
  for (const set of words) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const cap = Math.max(MIN_CONTENT_WORD_CAP, Math.ceil(MAX_CONTENT_WORD_SHARE * n));
  const idf = (w: string) => Math.log(1 + n / (df.get(w) ?? 1));
  const postings = new Map<string, number[]>();
  const mass = words.map((set, doc) => {
    let sum = 0;
    for (const w of set) {
      sum += idf(w);
      if ((df.get(w) ?? 0) < 2 || (df.get(w) ?? 0) > cap) continue;
      const list = postings.get(w);
      if (list) list.push(doc);
      else postings.set(w, [doc]);
    }
    return sum;
  });
  const shared = new Map<number, number>();
  for (const [w, list] of postings) {
    const weight = idf(w);
    for (let x = 0; x < list.length; x++)
      for (let y = x + 1; y < list.length; y++) {
        const key = list[x]! * n + list[y]!;
        shared.set(key, (shared.get(key) ?? 0) + weight);
      }
  }
  const partners = new Map<number, { other: number; score: number }[]>();
  for (const [key, sum] of shared) {
    const i = Math.floor(key / n);
    const j = key % n;
    const score = sum / Math.max(1e-9, Math.min(mass[i]!, mass[j]!));
    if (score < o.relatedness) continue;
    for (const [x, y] of [
      [i, j],
      [j, i],
    ] as const) {
      const list = partners.get(x) ?? [];
      list.push({ other: y, score });
      partners.set(x, list);
    }
  }
  const result: [number, number][] = [];
  for (const [doc, list] of partners) {
    list.sort((p, q) => q.score - p.score);
    for (const { other } of list.slice(0, o.maxRelatedPartners)) if (doc < other) result.push([doc, other]);
  }
  return result;
}

/**
 * The LSH band keys of a text, for the store (`saveSignatures` / `findByBandKeys`): texts that
 * share a key are candidate near-duplicates at the threshold. Computed from the text alone, so
 * adding articles to a large database never recomputes the others.
 */
export function computeBandKeys(text: string, options: Partial<NearDuplicateOptions> = {}): string[] {
  const o = { ...NEAR_DUPLICATE_DEFAULTS, ...options } satisfies NearDuplicateOptions;
  validateNearDuplicateOptions(o);
  const set = shingleSet(text, o.shingleSize);
  const signature = new Uint32Array(o.sketchSize);
  if (!sketchInto(set, set.length, signature)) return [];
  // Balanced weights: the store has no shingle sets to verify with, so candidates should be right.
  const parameters = lshParameters(o.threshold, o.sketchSize, 0.5);
  const prefix = `${o.shingleSize}.${o.sketchSize}.${parameters.bands}x${parameters.rows}/`;
  return bandKeys(signature, parameters).map((key) => prefix + key);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
