// Semantic vectors for sentences and documents: smooth-inverse-frequency (SIF) averages of GloVe
// word vectors with the common direction removed (Arora, Liang & Ma 2017, "A simple but
// tough-to-beat baseline for sentence embeddings"). Two texts that say the same thing in different
// words ("the quake killed 40" / "forty people died in the earthquake") get a high cosine.
//
//   sentenceVector(words)  words (any case) -> unit vector, or null when no word is known
//   documentVector(text)   the same over a whole text, tokenised here
//   cosine(a, b)           -1..1; 0 when either is null or all-zero
//
// Word frequencies come from the vocabulary itself: GloVe lists words by corpus count, and a
// Zipf law turns the rank r into p(w) = 1 / (r * H_N). The weight of a word is a / (a + p(w)),
// so "the" counts ~1 % and a rare name ~100 %. The common direction (what every English text
// shares, mostly function-word mass) is projected out; a built-in direction estimated from the
// vocabulary is used unless the caller passes one fitted on its own corpus (`commonDirection`).
//
// The first call loads the vectors (a few seconds, see vectors.ts); later calls are microseconds.
import { derivedVector, wordVectors, type WordVectors } from './vectors.js';
import { boundedMemo } from '../memo.js';

export { wordVectors, wordVectorsLoaded } from './vectors.js';

/** SIF smoothing `a`: words with p(w) well under a count fully. 1e-3 is the paper's default range (1e-4..1e-3). */
export const SIF_A = 1e-3;
/** Euler-Mascheroni constant, for the harmonic number H_N ~ ln N + gamma of the Zipf normalizer. */
const EULER_GAMMA = 0.5772156649;
/** Power-iteration steps for the first principal direction; 100-d converges well within this. */
const POWER_ITERATIONS = 30;

export interface VectorOptions {
  /**
   * The direction to project out (unit length). Default: the built-in direction estimated from the
   * vocabulary's frequency-weighted mean. Pass `commonDirection(yourVectors)` to use your corpus,
   * or `null` to keep every direction.
   */
  readonly common: Float32Array | null | 'builtin';
  /** SIF smoothing constant. */
  readonly a: number;
}

export const VECTOR_DEFAULTS: VectorOptions = { common: 'builtin', a: SIF_A };

/** Lower-cased words as GloVe spells them: letters and digits, inner apostrophes, dots and hyphens kept. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[’‘]/g, "'")
    .matchAll(/[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu)) {
    out.push(match[0]);
  }
  return out;
}

/** Zipf estimate of a word's corpus probability from its frequency rank (1 = most frequent). */
export function rankProbability(rank: number, vocabularySize: number): number {
  return 1 / (rank * (Math.log(vocabularySize) + EULER_GAMMA));
}

/** A word's frequency rank in the vectors' vocabulary (1 = most frequent), or null when unknown. */
export function wordRank(word: string): number | null {
  const row = lookup(wordVectors(), word.toLowerCase());
  return row < 0 ? null : row + 1;
}

/** The SIF weight a / (a + p(w)) of a word; 0 for words the vectors do not know. */
export function wordWeight(word: string, a: number = SIF_A): number {
  const vectors = wordVectors();
  const row = lookup(vectors, word.toLowerCase());
  return row < 0 ? 0 : sifWeight(row, vectors.size, a);
}

/**
 * Sentences whose vectors are kept (about 25 MB at most): one story's analysis asks for the same
 * sentence's vector several times (its claims, its support, the brief: 6,662 asks for 2,366
 * sentences in a batch of 55 articles); past this the memory starts again.
 */
const sentenceVectors = boundedMemo<string, Float32Array | null>(50_000);

/**
 * The SIF sentence vector of `words` (unit length), or null when none of them has a vector.
 * Words are matched lower-cased; hyphenated words missing from the vocabulary fall back to their parts.
 * With the default options the vector is remembered and the same array given again: read it, never change it.
 */
export function sentenceVector(input: readonly string[], options: Partial<VectorOptions> = {}): Float32Array | null {
  if (options.common !== undefined || options.a !== undefined) return computeSentenceVector(input, options);
  return sentenceVectors(input.join('\u0000'), () => computeSentenceVector(input, options));
}

function computeSentenceVector(input: readonly string[], options: Partial<VectorOptions>): Float32Array | null {
  const { common, a } = { ...VECTOR_DEFAULTS, ...options };
  const vectors = wordVectors();
  const dims = vectors.dimensions;
  const sum = new Float32Array(dims);
  let counted = 0;
  const add = (row: number) => {
    const weight = sifWeight(row, vectors.size, a);
    const values = vectors.row(row);
    for (let d = 0; d < dims; d++) sum[d]! += weight * values[d]!;
    counted++;
  };
  for (const raw of input) {
    const word = raw.toLowerCase();
    const row = lookup(vectors, word);
    if (row >= 0) add(row);
    else if (word.includes('-'))
      for (const part of word.split('-')) {
        const r = lookup(vectors, part);
        if (r >= 0) add(r);
      }
  }
  if (counted === 0) return null;
  for (let d = 0; d < dims; d++) sum[d]! /= counted;
  const direction = common === 'builtin' ? builtinCommonDirection() : common;
  if (direction) removeDirection(sum, direction);
  return normalize(sum);
}

const unitWordVectors = new Map<string, Float32Array | null>();
/**
 * Words whose unit vectors are kept (about 8 MB): a large story's vocabulary, several times over. A
 * long-running server or worker meets far more words; past this the cache starts again.
 */
const UNIT_VECTOR_CACHE_WORDS = 20_000;

/**
 * One word's vector, unit length (lower-cased lookup), or null for a word the vectors do not know.
 * Cached: word-level alignment asks for the same words many times.
 */
export function wordVector(word: string): Float32Array | null {
  const key = word.toLowerCase();
  const cached = unitWordVectors.get(key);
  if (cached !== undefined) return cached;
  if (unitWordVectors.size >= UNIT_VECTOR_CACHE_WORDS) unitWordVectors.clear();
  const vectors = wordVectors();
  const row = lookup(vectors, key);
  const vector = row < 0 ? null : normalize(vectors.row(row).slice());
  unitWordVectors.set(key, vector);
  return vector;
}

/** The SIF vector of a whole text (see `sentenceVector`). */
export function documentVector(text: string, options: Partial<VectorOptions> = {}): Float32Array | null {
  // Each document once: not remembered.
  return computeSentenceVector(words(text), options);
}

/** Cosine similarity; 0 when either vector is null, empty or zero. */
/** The dot product of two vectors of one length: their cosine when both are unit length (`wordVector`). */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

export function cosine(a: Float32Array | null, b: Float32Array | null): number {
  if (!a || !b || a.length !== b.length) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The first (uncentred) principal direction of a corpus of vectors, unit length: what SIF removes.
 * Fit it on sentence vectors computed with `{ common: null }`, then pass it as `common`.
 */
export function commonDirection(corpus: readonly Float32Array[]): Float32Array | null {
  const first = corpus.find((v) => v.length > 0);
  if (!first) return null;
  const dims = first.length;
  let u: Float32Array = new Float32Array(dims).fill(1 / Math.sqrt(dims));
  for (let step = 0; step < POWER_ITERATIONS; step++) {
    const next = new Float32Array(dims);
    for (const v of corpus) {
      if (v.length !== dims) continue;
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[d]! * u[d]!;
      for (let d = 0; d < dims; d++) next[d]! += dot * v[d]!;
    }
    const unit = normalize(next);
    if (!unit) return null;
    u = unit;
  }
  return u;
}

/** Projects `direction` (unit length) out of `vector`, in place; returns it. */
export function removeDirection(vector: Float32Array, direction: Float32Array): Float32Array {
  let dot = 0;
  for (let d = 0; d < vector.length; d++) dot += vector[d]! * direction[d]!;
  for (let d = 0; d < vector.length; d++) vector[d]! -= dot * direction[d]!;
  return vector;
}

function lookup(vectors: WordVectors, word: string): number {
  return vectors.index.get(word) ?? -1;
}

function sifWeight(row: number, size: number, a: number): number {
  return a / (a + rankProbability(row + 1, size));
}

function normalize(v: Float32Array): Float32Array | null {
  let norm = 0;
  for (let d = 0; d < v.length; d++) norm += v[d]! * v[d]!;
  if (norm === 0 || !Number.isFinite(norm)) return null;
  const scale = 1 / Math.sqrt(norm);
  for (let d = 0; d < v.length; d++) v[d]! *= scale;
  return v;
}

let builtin: Float32Array | null | undefined;
/** The kept direction's name: a new one whenever `vocabularyDirection` or SIF_A changes, so a kept value is never stale. */
const BUILTIN_DIRECTION_NAME = `common-direction-1-a${SIF_A}`;

/** The built-in common direction, computed once per machine (kept beside the vector cache) and read once per thread. */
function builtinCommonDirection(): Float32Array | null {
  if (builtin === undefined) builtin = derivedVector(BUILTIN_DIRECTION_NAME, vocabularyDirection);
  return builtin;
}

/**
 * The common direction of English text estimated from the vocabulary alone: the expected SIF
 * word contribution, sum over words of p(w) * weight(w) * v(w). Sentence vectors of ordinary
 * length are dominated by this mean, so it approximates their first principal direction.
 */
function vocabularyDirection(vectors: WordVectors): Float32Array | null {
  const dims = vectors.dimensions;
  const mean = new Float32Array(dims);
  for (let row = 0; row < vectors.size; row++) {
    const p = rankProbability(row + 1, vectors.size);
    const scale = p * sifWeight(row, vectors.size, SIF_A);
    const values = vectors.row(row);
    for (let d = 0; d < dims; d++) mean[d]! += scale * values[d]!;
  }
  return normalize(mean);
}
