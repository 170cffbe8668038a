// Passage alignment between two texts, in two passes:
//  1. verbatim and lightly edited passages: maximal runs of identical words found from shared
//     word n-grams (greedy string tiling, longest first), then runs that follow each other on
//     both sides with a small gap (a changed word, a dropped clause) merged into one passage;
//  2. paraphrased sentences: each target sentence not already covered is matched to the source
//     sentence with which it shares the most rare content words, numbers and names (a rewrite or
//     a summary keeps the facts but rarely five words in a row).
// Offsets are character offsets into each text; `text` is the source side.
import type { Passage, Sentence, Token } from '../records.js';
import { splitSentences, tokenize } from '../sentences/index.js';
import { STOPWORDS } from './stopwords.js';

export interface AlignOptions {
  /** Words in the n-grams that seed verbatim runs. */
  readonly seedWords: number;
  /** Fewest identical words in a row that count as a run (shorter shared phrases are common). */
  readonly minRunWords: number;
  /** Largest gap, in words on either side, bridged when merging runs (a changed word, a clause). */
  readonly maxGapWords: number;
  /** Fewest matched words for a verbatim or edited passage to be reported. */
  readonly minPassageWords: number;
  /** Also match paraphrased sentences by content words. */
  readonly paraphrase: boolean;
  /** Weighted content-word Dice from which two sentences count as the same statement. */
  readonly minSentenceScore: number;
  /** Fewest shared content words for a paraphrase match (two shared words are coincidence). */
  readonly minSharedContentWords: number;
  /** A target sentence this much covered by verbatim passages is not matched again. */
  readonly coveredSentenceShare: number;
}

export const ALIGN_DEFAULTS: AlignOptions = {
  seedWords: 3,
  minRunWords: 4,
  maxGapWords: 8,
  minPassageWords: 8,
  paraphrase: true,
  minSentenceScore: 0.35,
  minSharedContentWords: 3,
  coveredSentenceShare: 0.5,
};

/** Most source positions remembered per seed n-gram: very frequent n-grams seed nothing useful. */
const MAX_SEED_POSITIONS = 32;

/** A text prepared for alignment: tokens and sentences, computed once per article. */
export interface AlignText {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly sentences: readonly Sentence[];
}

export function prepareText(text: string, sentences?: readonly Sentence[]): AlignText {
  return { text, tokens: tokenize(text), sentences: sentences ?? splitSentences(text) };
}

interface Run {
  s: number; // first source token
  t: number; // first target token
  len: number;
}

/** Shared passages of `source` and `target`, ordered by target position. */
export function alignPassages(source: string | AlignText, target: string | AlignText, options: Partial<AlignOptions> = {}): Passage[] {
  const o = { ...ALIGN_DEFAULTS, ...options } satisfies AlignOptions;
  const src = typeof source === 'string' ? prepareText(source) : source;
  const tgt = typeof target === 'string' ? prepareText(target) : target;
  const verbatim = mergeRuns(tileRuns(src, tgt, o), o)
    .filter((p) => p.matched >= o.minPassageWords)
    .map((p) => toPassage(src, tgt, p));
  if (!o.paraphrase) return verbatim;
  const paraphrased = alignSentences(src, tgt, verbatim, o);
  // A sentence matched as a whole subsumes the verbatim fragments found inside it.
  const fragments = verbatim.filter((v) => !paraphrased.some((p) => inside(v, p)));
  return [...fragments, ...paraphrased].sort((x, y) => x.targetStart - y.targetStart || x.sourceStart - y.sourceStart);
}

/** Word n-grams of a prepared text and where each starts, computed once per text and size. */
const gramCache = new WeakMap<AlignText, { n: number; grams: string[]; seeds: Map<string, number[]> }>();

function gramsOf(text: AlignText, n: number): { grams: string[]; seeds: Map<string, number[]> } {
  const cached = gramCache.get(text);
  if (cached && cached.n === n) return cached;
  const grams: string[] = [];
  const seeds = new Map<string, number[]>();
  for (let i = 0; i + n <= text.tokens.length; i++) {
    const key = gram(text.tokens, i, n);
    grams.push(key);
    const list = seeds.get(key);
    if (!list) seeds.set(key, [i]);
    else if (list.length < MAX_SEED_POSITIONS) list.push(i);
  }
  const entry = { n, grams, seeds };
  gramCache.set(text, entry);
  return entry;
}

/** Greedy string tiling: maximal identical runs, longest first, each token used once per side. */
function tileRuns(src: AlignText, tgt: AlignText, o: AlignOptions): Run[] {
  const n = o.seedWords;
  const s = src.tokens;
  const t = tgt.tokens;
  if (s.length < n || t.length < n) return [];
  const { seeds } = gramsOf(src, n);
  const { grams } = gramsOf(tgt, n);
  const runs: Run[] = [];
  const seenDiagonalEnd = new Map<number, number>(); // diagonal (i - j) -> last target index covered
  for (let j = 0; j + n <= t.length; j++) {
    const list = seeds.get(grams[j]!);
    if (!list) continue;
    for (const i of list) {
      const diagonal = i - j;
      if ((seenDiagonalEnd.get(diagonal) ?? -1) > j) continue; // inside a run already found
      let len = 0;
      while (i + len < s.length && j + len < t.length && s[i + len]!.norm === t[j + len]!.norm) len++;
      seenDiagonalEnd.set(diagonal, j + len);
      if (len >= o.minRunWords) runs.push({ s: i, t: j, len });
    }
  }
  runs.sort((a, b) => b.len - a.len || a.t - b.t);
  const usedS = new Uint8Array(s.length);
  const usedT = new Uint8Array(t.length);
  const kept: Run[] = [];
  for (const run of runs) {
    // Trim the run to the part still free on both sides (runs may overlap at their ends).
    let { s: si, t: ti, len } = run;
    while (len > 0 && (usedS[si] || usedT[ti])) {
      si++;
      ti++;
      len--;
    }
    while (len > 0 && (usedS[si + len - 1] || usedT[ti + len - 1])) len--;
    if (len < o.minRunWords) continue;
    let clash = false;
    for (let k = 0; k < len && !clash; k++) clash = Boolean(usedS[si + k] || usedT[ti + k]);
    if (clash) continue;
    for (let k = 0; k < len; k++) usedS[si + k] = usedT[ti + k] = 1;
    kept.push({ s: si, t: ti, len });
  }
  return kept.sort((a, b) => a.t - b.t);
}

function gram(tokens: readonly Token[], from: number, n: number): string {
  let key = tokens[from]!.norm;
  for (let k = 1; k < n; k++) key += ` ${tokens[from + k]!.norm}`;
  return key;
}

interface Merged {
  sFrom: number;
  sTo: number; // exclusive token index
  tFrom: number;
  tTo: number;
  matched: number;
}

/** Joins runs that follow each other on both sides within `maxGapWords`: one edited passage. */
function mergeRuns(runs: readonly Run[], o: AlignOptions): Merged[] {
  const merged: Merged[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    const sGap = last ? run.s - last.sTo : -1;
    const tGap = last ? run.t - last.tTo : -1;
    if (last && sGap >= 0 && tGap >= 0 && sGap <= o.maxGapWords && tGap <= o.maxGapWords) {
      last.sTo = run.s + run.len;
      last.tTo = run.t + run.len;
      last.matched += run.len;
    } else {
      merged.push({ sFrom: run.s, sTo: run.s + run.len, tFrom: run.t, tTo: run.t + run.len, matched: run.len });
    }
  }
  return merged;
}

function toPassage(src: AlignText, tgt: AlignText, m: Merged): Passage {
  const sourceStart = src.tokens[m.sFrom]!.start;
  const sourceEnd = src.tokens[m.sTo - 1]!.end;
  const span = Math.max(m.sTo - m.sFrom, m.tTo - m.tFrom);
  return {
    text: src.text.slice(sourceStart, sourceEnd),
    sourceStart,
    sourceEnd,
    targetStart: tgt.tokens[m.tFrom]!.start,
    targetEnd: tgt.tokens[m.tTo - 1]!.end,
    similarity: round(m.matched / span),
  };
}

interface SentenceWords {
  readonly sentence: Sentence;
  readonly content: ReadonlySet<string>;
  readonly all: ReadonlySet<string>;
}

/** Sentence words of each prepared text, computed once: a text is aligned with many partners. */
const sentenceWordCache = new WeakMap<AlignText, SentenceWords[]>();

function sentenceWords(text: AlignText): SentenceWords[] {
  let cached = sentenceWordCache.get(text);
  if (!cached) sentenceWordCache.set(text, (cached = computeSentenceWords(text)));
  return cached;
}

function computeSentenceWords(text: AlignText): SentenceWords[] {
  return text.sentences.map((sentence) => {
    const tokens = tokenize(sentence.text);
    const all = new Set(tokens.map((t) => t.norm));
    const content = new Set(
      tokens
        .map((t) => t.norm)
        .filter((w) => !STOPWORDS.has(w) && (w.length > 2 || /\d/.test(w)))
        .map(stem),
    );
    return { sentence, content, all };
  });
}

/**
 * A light English stemmer for content-word matching: possessives, plurals and the common verb
 * endings ("metals"/"metal", "advisers"/"adviser", "offered"/"offer"). Rewrites change word
 * forms as often as words; a full stemmer is not needed to see that.
 */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (/\d/.test(w) || w.length <= 4) return w;
  if (w.endsWith('ies')) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (w.endsWith('ing') && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('es') && /(?:ch|sh|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  return w.endsWith('e') && w.length > 4 ? w.slice(0, -1) : w;
}

/** Paraphrased sentences: each uncovered target sentence to its best source sentence. */
export function alignSentences(
  src: AlignText,
  tgt: AlignText,
  covered: readonly Passage[] = [],
  options: Partial<AlignOptions> = {},
): Passage[] {
  const o = { ...ALIGN_DEFAULTS, ...options } satisfies AlignOptions;
  const sourceSentences = sentenceWords(src);
  const targetSentences = sentenceWords(tgt);
  // Rarity within the pair: a word in every sentence ("Putin" in a story about him) says little.
  const sentenceFrequency = new Map<string, number>();
  for (const s of [...sourceSentences, ...targetSentences])
    for (const w of s.content) sentenceFrequency.set(w, (sentenceFrequency.get(w) ?? 0) + 1);
  const total = sourceSentences.length + targetSentences.length;
  const weight = (w: string) => Math.log((total + 1) / (sentenceFrequency.get(w) ?? 1)) * (/\d/.test(w) ? NUMBER_WEIGHT : 1);
  const mass = (words: ReadonlySet<string>) => {
    let sum = 0;
    for (const w of words) sum += weight(w);
    return sum;
  };
  const sourceMass = sourceSentences.map((s) => mass(s.content));

  const passages: Passage[] = [];
  for (const t of targetSentences) {
    if (t.content.size < o.minSharedContentWords) continue;
    if (coveredShare(t.sentence, covered) >= o.coveredSentenceShare) continue;
    const tMass = mass(t.content);
    let best = -1;
    let bestScore = 0;
    let bestShared = 0;
    sourceSentences.forEach((s, k) => {
      let shared = 0;
      let sharedMass = 0;
      for (const w of t.content) {
        if (!s.content.has(w)) continue;
        shared++;
        sharedMass += weight(w);
      }
      const score = (2 * sharedMass) / (tMass + sourceMass[k]!);
      if (shared >= o.minSharedContentWords && score > bestScore) {
        best = k;
        bestScore = score;
        bestShared = shared;
      }
    });
    if (best < 0 || bestScore < o.minSentenceScore || bestShared < o.minSharedContentWords) continue;
    const s = sourceSentences[best]!;
    let sameWords = 0;
    for (const w of t.all) if (s.all.has(w)) sameWords++;
    const similarity = round((2 * sameWords) / (t.all.size + s.all.size));
    passages.push({
      text: s.sentence.text,
      sourceStart: s.sentence.start,
      sourceEnd: s.sentence.end,
      targetStart: t.sentence.start,
      targetEnd: t.sentence.end,
      similarity: Math.min(similarity, PARAPHRASE_MAX_SIMILARITY),
    });
  }
  return passages;
}

/** Numbers are the facts a rewrite must keep: a shared figure weighs more than a shared word. */
const NUMBER_WEIGHT = 1.5;
/** A paraphrase match is never reported as verbatim, even when the word sets coincide. */
const PARAPHRASE_MAX_SIMILARITY = 0.99;

function coveredShare(sentence: Sentence, passages: readonly Passage[]): number {
  let covered = 0;
  for (const p of passages) covered += Math.max(0, Math.min(sentence.end, p.targetEnd) - Math.max(sentence.start, p.targetStart));
  return covered / Math.max(1, sentence.end - sentence.start);
}

function inside(v: Passage, p: Passage): boolean {
  return v.targetStart >= p.targetStart && v.targetEnd <= p.targetEnd && v.sourceStart >= p.sourceStart && v.sourceEnd <= p.sourceEnd;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The same passage seen from the other side (source and target swapped). */
export function flipPassage(p: Passage, sourceText: string): Passage {
  return {
    text: sourceText.slice(p.targetStart, p.targetEnd),
    sourceStart: p.targetStart,
    sourceEnd: p.targetEnd,
    targetStart: p.sourceStart,
    targetEnd: p.sourceEnd,
    similarity: p.similarity,
  };
}
