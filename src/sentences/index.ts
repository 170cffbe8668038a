// Stage 4: sentences and tokens, with character offsets into the cleaned article text.
// Rule-based on purpose: it is fast (no model load), deterministic, and news prose is regular
// enough that abbreviations and quotation marks are the only real traps.
import type { Sentence, Token } from '../records.js';
import { ABBREVIATIONS } from './abbreviations.js';
import { boundedMemo } from '../memo.js';

/** Paragraphs are separated by a blank line; a single newline also ends one (plain-text pages). */
const PARAGRAPH_BREAK = /\n\s*\n|\n/g;

/**
 * A sentence may end at . ! ? or … , optionally followed by closing quotes or brackets, when
 * white space and then an opening quote, bracket, capital letter or digit follow. The
 * look-behind starts a match only at the first mark of a run: without it a run of a million full
 * stops is tried from each of them, and each try scans the rest of the run (quadratic).
 */
const BOUNDARY = /(?<![.!?…])([.!?…]+)(["'”’»)\]]*)(\s+)(?=["'“‘«([]?[\p{Lu}\p{N}])/gu;

export interface SentenceOptions {
  /**
   * Longest sentence, in characters; a longer run without a sentence end is cut into pieces at
   * a clause mark or a space. Later stages compare every claim with its whole sentence, so one
   * endless "sentence" (a page with no full stops) would make them quadratic.
   */
  readonly maxSentenceChars: number;
}

export const SENTENCE_DEFAULTS: SentenceOptions = {
  // About twice the longest sentence in 53,700 real news sentences (AEB, ECB+, PolNeAR: 1,094).
  maxSentenceChars: 2_000,
};

/** A cut inside an over-long run looks back this share of the cap for a clause mark or a space. */
const SOFT_CUT_SHARE = 0.5;

/** A decimal that tokenised copy split at its point ("plunged 5. 4 per cent", "40. 3 million"): no sentence ends there. */
const TOKENISED_DECIMAL = /^\d\.\s\d{1,2}\s?(?:per ?cent|percent|%|million|billion|trillion|bn|mn)\b/i;

export function splitSentences(text: string, options: Partial<SentenceOptions> = {}): Sentence[] {
  const { maxSentenceChars } = { ...SENTENCE_DEFAULTS, ...options };
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const [start, end] of paragraphSpans(text)) {
    for (const [s, e] of sentenceSpans(text, start, end)) {
      for (const [ps, pe] of cutLong(text, s, e, maxSentenceChars)) {
        sentences.push({ index: sentences.length, paragraph, start: ps, end: pe, text: text.slice(ps, pe) });
      }
    }
    paragraph += 1;
  }
  return sentences;
}

/** The span itself, or pieces of at most `max` characters: after a clause mark, else at a space, else anywhere. */
function* cutLong(text: string, start: number, end: number, max: number): Generator<[number, number]> {
  let from = start;
  while (end - from > max) {
    const limit = from + max;
    const floor = from + Math.floor(max * SOFT_CUT_SHARE);
    let cut = -1;
    let space = -1;
    for (let i = limit; i > floor; i--) {
      if (!/\s/.test(text[i]!)) continue;
      if (space < 0) space = i;
      if (/[,;:)\]—–]/.test(text[i - 1]!)) {
        cut = i;
        break;
      }
    }
    if (cut < 0) cut = space;
    // No space at all (a long token, a script without spaces): cut anywhere but inside a surrogate pair.
    if (cut < 0) cut = /[\uDC00-\uDFFF]/.test(text[limit]!) ? limit - 1 : limit;
    const piece = trimSpan(text, from, cut);
    if (piece) yield piece;
    from = cut;
    while (from < end && /\s/.test(text[from]!)) from++;
  }
  const last = trimSpan(text, from, end);
  if (last) yield last;
}

function* paragraphSpans(text: string): Generator<[number, number]> {
  let from = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m; m = PARAGRAPH_BREAK.exec(text)) {
    const span = trimSpan(text, from, m.index);
    if (span) yield span;
    from = m.index + m[0].length;
  }
  const last = trimSpan(text, from, text.length);
  if (last) yield last;
}

function* sentenceSpans(text: string, start: number, end: number): Generator<[number, number]> {
  const paragraph = text.slice(start, end);
  let from = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(paragraph); m; m = BOUNDARY.exec(paragraph)) {
    const stop = m.index + m[1]!.length + m[2]!.length;
    if (m[1] === '.' && !m[2] && endsWithAbbreviation(paragraph, m.index)) continue;
    if (m[1] === '.' && !m[2] && TOKENISED_DECIMAL.test(paragraph.slice(Math.max(0, m.index - 1), m.index + 40))) continue;
    const span = trimSpan(text, start + from, start + stop);
    if (span) yield span;
    from = stop + m[3]!.length;
  }
  const last = trimSpan(text, start + from, end);
  if (last) yield last;
}

/** True when the word before the full stop at `dot` is an abbreviation or an initial. */
function endsWithAbbreviation(paragraph: string, dot: number): boolean {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(paragraph[i - 1]!)) i -= 1;
  const word = paragraph.slice(i, dot);
  if (word.length === 0) return false;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S", "e.g"
  return ABBREVIATIONS.has(word.toLowerCase());
}

function trimSpan(text: string, start: number, end: number): [number, number] | null {
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return end > start ? [start, end] : null;
}

/** Words (letters with inner apostrophes and hyphens) and numbers (with inner , . and a trailing %). */
const TOKEN = /\p{N}+(?:[.,:]\p{N}+)*%?|[\p{L}\p{M}](?:[\p{L}\p{M}\p{N}]|['’-](?=[\p{L}\p{N}]))*/gu;

export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    tokens.push({ start: offset + m.index, end: offset + m.index + m[0].length, text: m[0], norm: normalizeWord(m[0]) });
  }
  return tokens;
}

/**
 * Folded words already worked out: every stage that compares texts tokenizes them (reuse, story
 * features, derivation once per story analysed), and news copy repeats its words; decomposition
 * and two replacements per token were 1.5% of the CPU of analyze over 772 ECB+ articles. Bounded
 * (100,000 words).
 */
const foldedWords = boundedMemo<string, string>(100_000);

/** Lower case, diacritics removed, typographic apostrophes folded: what word matching compares. */
export function normalizeWord(word: string): string {
  return foldedWords(word, () => word.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLowerCase());
}

/** The sentence holding character `offset`, by binary search. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
