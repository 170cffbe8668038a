// Pair features for the derivation model (model.ts): what tells an article written from another
// apart from a separate report of the same event. Every feature is scaled to about 0..1 and is
// symmetric (the larger of the two directions), since the model decides whether two articles
// share copy; which way it went is decided after (index.ts, orient).
//
// Story context matters: a word run that a third article of the story also carries is a public
// statement or a stock phrase, not evidence that these two share copy (passim keeps n-grams by
// how many documents hold them). So the n-grams are counted over the story once (`StoryGrams`)
// and shared runs found in no third article weigh more, quoted ones that many articles carry less.
import type { SequenceEvidence } from './sequence.js';

/** The words of one article, normalized, and which lie inside quotation marks. */
export interface PairText {
  readonly norms: readonly string[];
  readonly quoted: Uint8Array;
  /** Capitalised words and numbers outside the first word of a sentence: names, figures. */
  readonly rare: ReadonlySet<string>;
  readonly words: number;
}

/** N-gram document frequencies over the articles of one story. */
export interface StoryGrams {
  readonly grams: readonly (readonly Set<number>[])[]; // per article: [3-grams, 5-grams, 8-grams]
  readonly quotedFive: readonly Set<number>[]; // per article: 5-grams with a quoted word
  readonly unquotedFive: readonly Set<number>[]; // per article: 5-grams outside quotes
  readonly unquotedEight: readonly Set<number>[];
  /** Per article and word position: the unquoted 5-gram starting there, or null. */
  readonly runs: readonly Float64Array[];
  readonly df5: ReadonlyMap<number, number>;
  readonly rareDf: ReadonlyMap<string, number>;
}

/** Word n-gram lengths: short runs catch rewrites, long ones copies. */
const GRAM_LENGTHS = [3, 5, 8] as const;
/** A shared run longer than this many words is as strong as any (log scale saturates here). */
const LONG_RUN_WORDS = 64;
/** Shared names and numbers no third article has: this many saturate the feature. */
const RARE_SATURATION = 20;
/** Texts this long (words) saturate the size feature. */
const LONG_TEXT_WORDS = 1000;

export const FEATURES = [
  'containment 3-grams (larger side)',
  'containment 5-grams (larger side)',
  'containment 5-grams (smaller side)',
  'containment 5-grams outside quotes',
  'containment 8-grams outside quotes',
  'shared 5-grams outside quotes that no third article has',
  'shared quoted 5-grams, weighed down by how many articles carry them',
  'longest shared run of words outside quotes (log)',
  'share covered by aligned passages',
  'share covered verbatim',
  'sentences in the source order (share of the sentences)',
  'sentences keeping the source wording (share)',
  'shared names and numbers no third article has (log)',
  'names and numbers of one found in the other (larger side): nothing of its own',
  'one cites the outlet the other is',
  'both credit the same agency',
  'length ratio (log, shorter / longer)',
  'length of the shorter (log)',
] as const;

/** 32-bit hashes of the words (FNV-1a), so n-grams are numbers, not joined strings (speed). */
function wordHashes(norms: readonly string[]): Uint32Array {
  const out = new Uint32Array(norms.length);
  norms.forEach((w, k) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
    out[k] = h >>> 0;
  });
  return out;
}

/** The hash of the n words from `k` (a 53-bit mix: collisions are negligible at story scale). */
function gramAt(hashes: Uint32Array, k: number, n: number): number {
  let h1 = 0x9e3779b9 | 0;
  let h2 = n;
  for (let j = k; j < k + n; j++) {
    h1 = Math.imul(h1 ^ hashes[j]!, 0x85ebca6b);
    h2 = Math.imul(h2 ^ hashes[j]!, 0xc2b2ae35) + j - k;
  }
  return (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
}

function nGrams(hashes: Uint32Array, n: number, skip?: Uint8Array): Set<number> {
  const set = new Set<number>();
  outer: for (let k = 0; k + n <= hashes.length; k++) {
    if (skip) for (let j = k; j < k + n; j++) if (skip[j]) continue outer;
    set.add(gramAt(hashes, k, n));
  }
  return set;
}

export function storyGrams(texts: readonly PairText[]): StoryGrams {
  const hashes = texts.map((t) => wordHashes(t.norms));
  const grams = hashes.map((h) => GRAM_LENGTHS.map((n) => nGrams(h, n)));
  const unquotedFive = texts.map((t, i) => nGrams(hashes[i]!, 5, t.quoted));
  const unquotedEight = texts.map((t, i) => nGrams(hashes[i]!, 8, t.quoted));
  const quotedFive = grams.map((g, i) => {
    const all = new Set(g[1]!);
    for (const g of unquotedFive[i]!) all.delete(g);
    return all;
  });
  const runs = texts.map((t, i) => {
    const out = new Float64Array(Math.max(0, t.norms.length - 4));
    for (let k = 0; k + 5 <= t.norms.length; k++) {
      let quoted = false;
      for (let j = k; j < k + 5; j++) if (t.quoted[j]) quoted = true;
      out[k] = quoted ? -1 : gramAt(hashes[i]!, k, 5);
    }
    return out;
  });
  const df5 = new Map<number, number>();
  for (const g of grams) for (const x of g[1]!) df5.set(x, (df5.get(x) ?? 0) + 1);
  const rareDf = new Map<string, number>();
  for (const t of texts) for (const x of t.rare) rareDf.set(x, (rareDf.get(x) ?? 0) + 1);
  return { grams, quotedFive, unquotedFive, unquotedEight, runs, df5, rareDf };
}

function containment(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n / a.size;
}

/** Longest run of unquoted words (5-grams given per position) whose 5-grams all lie in `other`. */
function longestRun(runs: Float64Array, other: ReadonlySet<number>): number {
  let best = 0;
  let run = 0;
  for (const g of runs) {
    if (g >= 0 && other.has(g)) {
      run = run === 0 ? 5 : run + 1;
      best = Math.max(best, run);
    } else run = 0;
  }
  return best;
}

export interface PairInputs {
  readonly a: PairText;
  readonly b: PairText;
  readonly ia: number;
  readonly ib: number;
  readonly story: StoryGrams;
  /** Share of each side covered by the aligned passages: plain and verbatim. */
  readonly coverA: { plain: number; verbatim: number };
  readonly coverB: { plain: number; verbatim: number };
  /** Sequence evidence with the more covered side as target. */
  readonly sequence: SequenceEvidence;
  readonly cited: boolean;
  readonly bothCredit: boolean;
}

export function pairFeatures(x: PairInputs): number[] {
  const { a, b, ia, ib, story } = x;
  const ga = story.grams[ia]!;
  const gb = story.grams[ib]!;
  const both = (f: (p: ReadonlySet<number>, q: ReadonlySet<number>) => number, p: ReadonlySet<number>, q: ReadonlySet<number>) => [
    f(p, q),
    f(q, p),
  ];
  const [c3a, c3b] = both(containment, ga[0]!, gb[0]!);
  const [c5a, c5b] = both(containment, ga[1]!, gb[1]!);
  const ua5 = story.unquotedFive[ia]!;
  const ub5 = story.unquotedFive[ib]!;
  const [u5a, u5b] = [containment(ua5, gb[1]!), containment(ub5, ga[1]!)];
  const [u8a, u8b] = [containment(story.unquotedEight[ia]!, gb[2]!), containment(story.unquotedEight[ib]!, ga[2]!)];
  const exclusive = (own: ReadonlySet<number>, other: ReadonlySet<number>) => {
    if (own.size === 0) return 0;
    let n = 0;
    for (const g of own) if (other.has(g) && (story.df5.get(g) ?? 0) <= 2) n++;
    return n / own.size;
  };
  // A quote the pair shares counts 1 when only they carry it, 1/2 with one more article, ...
  const quoted = (i: number, other: ReadonlySet<number>) => {
    const own = story.quotedFive[i]!;
    if (own.size === 0) return 0;
    let n = 0;
    for (const g of own) if (other.has(g)) n += 1 / Math.max(1, (story.df5.get(g) ?? 2) - 1);
    return n / Math.max(own.size, story.grams[i]![1]!.size / 2);
  };
  let rare = 0;
  let common = 0;
  for (const w of a.rare) {
    if (!b.rare.has(w)) continue;
    common++;
    if ((story.rareDf.get(w) ?? 0) <= 2) rare++;
  }
  const within = Math.max(common / Math.max(1, a.rare.size), common / Math.max(1, b.rare.size));
  const minWords = Math.max(1, Math.min(a.words, b.words));
  const maxWords = Math.max(1, a.words, b.words);
  const sentences = Math.max(1, x.sequence.sentences);
  return [
    Math.max(c3a!, c3b!),
    Math.max(c5a!, c5b!),
    Math.min(c5a!, c5b!),
    Math.max(u5a, u5b),
    Math.max(u8a, u8b),
    Math.max(exclusive(ua5, gb[1]!), exclusive(ub5, ga[1]!)),
    Math.max(quoted(ia, gb[1]!), quoted(ib, ga[1]!)),
    Math.min(
      1,
      Math.log1p(Math.max(longestRun(story.runs[ia]!, gb[1]!), longestRun(story.runs[ib]!, ga[1]!))) / Math.log1p(LONG_RUN_WORDS),
    ),
    Math.max(x.coverA.plain, x.coverB.plain),
    Math.max(x.coverA.verbatim, x.coverB.verbatim),
    Math.min(1, x.sequence.inOrder / sentences),
    Math.min(1, x.sequence.close / sentences),
    Math.min(1, Math.log1p(rare) / Math.log1p(RARE_SATURATION)),
    within,
    x.cited ? 1 : 0,
    x.bothCredit ? 1 : 0,
    Math.log(minWords / maxWords) / Math.log(10),
    Math.min(1, Math.log(minWords) / Math.log(LONG_TEXT_WORDS)),
  ];
}

/** Names and numbers of a text: capitalised words not opening a sentence, and digits. */
export function rareWords(tokens: readonly { text: string; norm: string; start: number }[], text: string): Set<string> {
  const rare = new Set<string>();
  for (const t of tokens) {
    if (/\d/.test(t.text)) {
      rare.add(t.norm);
      continue;
    }
    if (!/^\p{Lu}/u.test(t.text) || t.text.length < 3) continue;
    const before = text.slice(Math.max(0, t.start - 3), t.start);
    if (t.start === 0 || /[.!?"“]\s*$|\n\s*$/.test(before)) continue;
    rare.add(t.norm);
  }
  return rare;
}

/** Logistic model: probability from weights (bias first) and features. */
export function probability(weights: readonly number[], features: readonly number[]): number {
  let z = weights[0] ?? 0;
  for (let k = 0; k < features.length; k++) z += (weights[k + 1] ?? 0) * features[k]!;
  return 1 / (1 + Math.exp(-z));
}
