// Sentence-level evidence that one article was written from another, beyond shared facts.
//
// Independent reports of one event share its names, numbers, a quote or two and often the order
// of the lede; in a short story that can add up to most of the words. What a rewrite, a summary
// or a copy has and an independent report lacks is the source's *sequence* (many sentences taken
// one after the other) or its *wording* (sentences that keep the source's phrasing outside
// quotation marks). Both are measured here from the aligned passages:
//  - `inOrder`: target sentences in the longest run of aligned sentences whose sources follow
//    the same order (a paraphrase of the same sentence sequence);
//  - `close`: sentences of that run that keep the source sentence's wording: most of their
//    unquoted words lie in word trigrams the source sentence also has.
// Quoted words never count: two reporters quoting the same statement is no evidence of copying.
import type { Passage, Sentence } from '../records.js';
import { tokenize } from '../sentences/index.js';

/** An article prepared for sequence evidence, computed once per article. */
export interface SequenceText {
  readonly sentences: readonly Sentence[];
  /** Per sentence: its word forms, and whether each lies inside quotation marks. */
  readonly words: readonly (readonly { norm: string; start: number; quoted: boolean }[])[];
  /** Per sentence: its word trigrams, quoted or not (a rewrite may unquote a quote). */
  readonly trigrams: readonly ReadonlySet<string>[];
  /** Sentence start offsets, for looking up the sentence at an offset. */
  readonly starts: Int32Array;
}

export interface SequenceEvidence {
  /** Target sentences with enough words of their own outside quotation marks to be evidence. */
  readonly sentences: number;
  /** Target sentences in the longest order-preserving run of aligned sentences. */
  readonly inOrder: number;
  /** Sentences of that run that keep the source sentence's wording. */
  readonly close: number;
}

/** A sentence aligns with a source sentence when at least this many of its unquoted words do... */
const MIN_ALIGNED_WORDS = 4;
/** ...and at least this share of them (a long sentence may merge two source sentences). */
const MIN_ALIGNED_SHARE = 0.3;
/** Fewest unquoted words for a sentence to count at all ("He did not give details." is filler). */
const MIN_SENTENCE_WORDS = 4;
/** A sentence keeps its source's wording when this share of its unquoted words lie in shared trigrams. */
const CLOSE_WORDING_SHARE = 0.6;
/** Passages at or above this similarity map word for word onto the source. */
const VERBATIM_SIMILARITY = 0.9;

export function prepareSequence(sentences: readonly Sentence[], quotes: readonly (readonly [number, number])[]): SequenceText {
  let q = 0;
  const words = sentences.map((s) =>
    tokenize(s.text).map((t) => {
      const start = s.start + t.start;
      while (q < quotes.length && quotes[q]![1] <= start) q++;
      const quoted = q < quotes.length && quotes[q]![0] <= start && start < quotes[q]![1];
      return { norm: t.norm, start, quoted };
    }),
  );
  const trigrams = words.map((list) => {
    const grams = new Set<string>();
    for (let k = 0; k + 3 <= list.length; k++) grams.add(`${list[k]!.norm} ${list[k + 1]!.norm} ${list[k + 2]!.norm}`);
    return grams;
  });
  return { sentences, words, trigrams, starts: Int32Array.from(sentences.map((s) => s.start)) };
}

/** How much of `target`'s sequence and wording come from `source`; passages have source = `source`. */
export function sequenceEvidence(source: SequenceText, target: SequenceText, passages: readonly Passage[]): SequenceEvidence {
  // 1. Aligned (target sentence, source sentence) pairs, weighed by unquoted target words.
  const edges: { t: number; s: number; words: number }[] = [];
  let sentences = 0;
  target.words.forEach((list, t) => {
    const own = list.filter((w) => !w.quoted);
    if (own.length < MIN_SENTENCE_WORDS) return;
    sentences++;
    const bySource = new Map<number, number>();
    for (const w of own) {
      const p = passages.find((x) => x.targetStart <= w.start && w.start < x.targetEnd);
      if (!p) continue;
      const at = p.similarity >= VERBATIM_SIMILARITY ? Math.min(p.sourceEnd - 1, p.sourceStart + (w.start - p.targetStart)) : p.sourceStart;
      const s = sentenceAt(source, at);
      bySource.set(s, (bySource.get(s) ?? 0) + 1);
    }
    for (const [s, n] of bySource) if (n >= MIN_ALIGNED_WORDS && n >= MIN_ALIGNED_SHARE * own.length) edges.push({ t, s, words: n });
  });

  // 2. The heaviest chain: target sentences in order whose sources keep the same order.
  const best = edges.map((e) => e.words);
  const previous = edges.map(() => -1);
  for (let i = 0; i < edges.length; i++) {
    for (let j = 0; j < i; j++) {
      if (edges[j]!.t < edges[i]!.t && edges[j]!.s <= edges[i]!.s && best[j]! + edges[i]!.words > best[i]!) {
        best[i] = best[j]! + edges[i]!.words;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < edges.length; i++) if (end < 0 || best[i]! > best[end]!) end = i;
  const chain: { t: number; s: number }[] = [];
  for (let i = end; i >= 0; i = previous[i]!) chain.push(edges[i]!);

  // 3. Which of those keep the source's wording.
  const close = chain.filter(({ t, s }) => closeWording(target, t, source.trigrams[s]!)).length;
  return { sentences, inOrder: chain.length, close };
}

function closeWording(target: SequenceText, t: number, sourceTrigrams: ReadonlySet<string>): boolean {
  const list = target.words[t]!;
  const inShared = new Uint8Array(list.length);
  for (let k = 0; k + 3 <= list.length; k++) {
    if (sourceTrigrams.has(`${list[k]!.norm} ${list[k + 1]!.norm} ${list[k + 2]!.norm}`))
      inShared[k] = inShared[k + 1] = inShared[k + 2] = 1;
  }
  let own = 0;
  let shared = 0;
  list.forEach((w, k) => {
    if (w.quoted) return;
    own++;
    if (inShared[k]) shared++;
  });
  return own >= MIN_SENTENCE_WORDS && shared >= CLOSE_WORDING_SHARE * own;
}

function sentenceAt(text: SequenceText, offset: number): number {
  let lo = 0;
  let hi = text.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (text.starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}
