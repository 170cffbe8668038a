// Statements: the check-worthy factual sentences that are not quotes — they name someone or
// something, or carry a number, and assert with a verb. A sentence that joins several claims with
// ";" or ", and <subject> <verb>" is split into single claims. Questions, headings and bare
// opinions are skipped.
import type { Sentence } from '../records.js';
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';

export interface FoundStatement {
  readonly start: number;
  readonly end: number;
}

/** Words that mark an opinion or a hedge rather than a fact. */
const OPINION = /\b(?:I think|I believe|in my (?:view|opinion)|we think|hopefully|arguably|it seems|perhaps|maybe)\b/i;
/** What someone ought to do: an opinion, unless a date or figure makes it a rule ("must make a judgment on this rule by May 9th"). */
const OBLIGATION = /\b(?:should|must|ought to)\b/i;
/** A sentence this long (in characters) without an end mark is a heading or a caption. */
const HEADING_MAX_CHARS = 120;
/** How far into a joined clause its verb may stand, in tokens. */
const CLAUSE_VERB_REACH = 6;
/** Clause openers after ", and" / ";" that make a new claim. */
const SUBJECT_POS = new Set(['PRON', 'PROPN', 'NOUN', 'DET', 'NUM']);

export function findStatements(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  quoted: (offset: number) => boolean,
  claimed: readonly (readonly [number, number])[],
  minWords: number,
): FoundStatement[] {
  const out: FoundStatement[] = [];
  for (const sentence of sentences) {
    const t = sentence.text.trim();
    if (/\?["”’)]?$/.test(t)) continue;
    if (!/[.!]["”’)]?$/.test(t) && t.length <= HEADING_MAX_CHARS) continue;
    if (OPINION.test(t)) continue;
    if (OBLIGATION.test(t) && !/\p{N}/u.test(t)) continue;
    // An aside between dashes ("– 40.3 million people watched, 2% higher than the year before –")
    // is a fact of its own, even in a sentence that reports someone's words.
    out.push(...dashAsides(sentence, tokens, quoted, minWords));
    // A sentence that is mostly someone's words is their quote; one holding a phrase in quotation
    // marks ("dismissed the incident as “a third-rate burglary,” but ...") is still the outlet's statement.
    if (quoted(sentence.start) || quotedShare(sentence, quoted, tokens) >= QUOTED_SHARE) continue;
    if (
      claimed.some(
        ([s, e]) =>
          s < sentence.end &&
          e > sentence.start &&
          Math.min(e, sentence.end) - Math.max(s, sentence.start) >= QUOTED_SHARE * (sentence.end - sentence.start),
      )
    )
      continue;
    const parts = [...splitClaims(text, sentence, tokens), ...relativeFacts(sentence, tokens)];
    // A clause split off a sentence that names someone or gives a number is part of that checkable
    // fact: "The council did not approve the plan, and two members voted against it" is a denial.
    const sentenceFact = parts.length > 1 && isFact(tokens.slice(tokenIndexAt(tokens, sentence.start), tokenIndexAt(tokens, sentence.end)));
    for (const [start, end] of parts) {
      const words = tokens.slice(tokenIndexAt(tokens, start), tokenIndexAt(tokens, end));
      const wordCount = words.filter((w) => /[\p{L}\p{N}]/u.test(w.text)).length;
      if (wordCount < minWords) continue;
      const hasVerb = words.some((w) => w.pos === 'VERB' || w.pos === 'AUX');
      if (hasVerb && (sentenceFact || isFact(words))) out.push({ start, end });
    }
  }
  return out;
}

/** Names someone or something, or gives a number. */
function isFact(words: readonly TaggedToken[]): boolean {
  return words.some((w) => w.pos === 'PROPN' || w.pos === 'NUM');
}

/**
 * Share of a sentence's tokens inside quotation marks. Titles in marks ("Her film credits include
 * “Van Wilder” and “The Big Lebowski.”") are names, not someone's words: they do not count.
 */
function quotedShare(sentence: Sentence, quoted: (offset: number) => boolean, tokens: readonly TaggedToken[]): number {
  const inside = tokens.slice(tokenIndexAt(tokens, sentence.start), tokenIndexAt(tokens, sentence.end));
  if (inside.length === 0) return 0;
  let count = 0;
  let run: TaggedToken[] = [];
  const close = () => {
    if (!isTitle(run)) count += run.length;
    run = [];
  };
  for (const t of inside) {
    if (quoted(t.start)) run.push(t);
    else close();
  }
  close();
  return count / inside.length;
}

/** Most words a title in quotation marks runs to. */
const TITLE_WORDS = 6;

/** A short stretch whose words are all capitalised (small function words aside): a title. */
function isTitle(run: readonly TaggedToken[]): boolean {
  const words = run.filter((t) => /\p{L}/u.test(t.text));
  return (
    words.length > 0 &&
    words.length <= TITLE_WORDS &&
    /^\p{Lu}/u.test(words[0]!.text) &&
    words.every((w) => /^\p{Lu}/u.test(w.text) || /^(?:of|the|and|a|an|in|on|to|for)$/.test(w.text))
  );
}

/** Dashes that open and close an aside. */
const DASH = /^[\u2013\u2014]$|^--$/;

/** Asides between two dashes inside a sentence that state a fact: a verb and a name or number. */
function dashAsides(
  sentence: Sentence,
  tokens: readonly TaggedToken[],
  quoted: (offset: number) => boolean,
  minWords: number,
): FoundStatement[] {
  const first = tokenIndexAt(tokens, sentence.start);
  const last = tokenIndexAt(tokens, sentence.end);
  const out: FoundStatement[] = [];
  let open = -1;
  for (let i = first; i < last; i += 1) {
    if (!DASH.test(tokens[i]!.text)) continue;
    if (open < 0) {
      open = i;
      continue;
    }
    const aside = tokens.slice(open + 1, i);
    open = -1;
    if (aside.length === 0 || aside.some((t) => quoted(t.start))) continue;
    const wordCount = aside.filter((w) => /[\p{L}\p{N}]/u.test(w.text)).length;
    if (wordCount >= minWords && aside.some((w) => w.pos === 'VERB' || w.pos === 'AUX') && isFact(aside))
      out.push({ start: aside[0]!.start, end: aside[aside.length - 1]!.end });
  }
  return out;
}

/** Share of a sentence in quotation marks (or claimed by a quote) from which it is someone's quote, not a statement. */
const QUOTED_SHARE = 0.5;

/** The sentence split at ";" and at ", and" / ", but" when a new subject and verb follow. */
function splitClaims(text: string, sentence: Sentence, tokens: readonly TaggedToken[]): [number, number][] {
  const first = tokenIndexAt(tokens, sentence.start);
  const last = tokenIndexAt(tokens, sentence.end);
  const cuts: [number, number][] = []; // [end of previous part, start of next part]
  for (let i = first; i < last; i += 1) {
    const t = tokens[i]!;
    const conj = t.text === ';' ? i + 1 : t.text === ',' && /^(?:and|but)$/.test(tokens[i + 1]?.lower ?? '') ? i + 2 : -1;
    if (conj < 0 || conj >= last) continue;
    // "she launched a clothing line, and is dating a designer": a second predicate of one subject is a fact of its own.
    const predicate = t.text === ',' && (tokens[conj]!.pos === 'AUX' || tokens[conj]!.pos === 'VERB') && !/ing$/.test(tokens[conj]!.lower);
    if (predicate) {
      cuts.push([t.start, tokens[conj]!.start]);
      continue;
    }
    if (!SUBJECT_POS.has(tokens[conj]!.pos)) continue;
    // A new claim has its own subject and a finite verb ("..., and it employs"), unlike a list's
    // last item ("China, Brazil, India, and Australia, according to ...").
    const clause = tokens.slice(conj + 1, Math.min(last, conj + CLAUSE_VERB_REACH));
    if (!clause.some((w) => (w.pos === 'VERB' || w.pos === 'AUX') && !/(?:ing|according)$/.test(w.lower))) continue;
    cuts.push([t.start, tokens[conj]!.start]);
  }
  const parts: [number, number][] = [];
  let from = sentence.start;
  for (const [endPrev, startNext] of cuts) {
    parts.push([from, endPrev]);
    from = startNext;
  }
  parts.push([from, sentence.end]);
  return parts.map(([s, e]) => {
    while (e > s && /[\s.;,!]/.test(text[e - 1]!)) e -= 1;
    return [s, e] as [number, number];
  });
}

/** Relative pronouns that open an aside about the name before them. */
const RELATIVE = /^(?:who|whose|which)$/;

/**
 * "Jackson, whose blood-alcohol level was unknown, was on probation": an aside between commas
 * about the name before it is a fact of its own, given with that name ("Jackson, whose
 * blood-alcohol level was unknown"); the sentence stays whole as well.
 */
function relativeFacts(sentence: Sentence, tokens: readonly TaggedToken[]): [number, number][] {
  const first = tokenIndexAt(tokens, sentence.start);
  const last = tokenIndexAt(tokens, sentence.end);
  const out: [number, number][] = [];
  for (let i = first + 1; i + 1 < last; i += 1) {
    if (tokens[i]!.text !== ',' || !RELATIVE.test(tokens[i + 1]!.lower) || tokens[i - 1]!.pos !== 'PROPN') continue;
    let close = i + 2;
    while (close < last && tokens[close]!.text !== ',') close += 1;
    if (close >= last) continue;
    const aside = tokens.slice(i + 2, close);
    if (!aside.some((w) => w.pos === 'VERB' || w.pos === 'AUX')) continue;
    let from = i - 1;
    while (from - 1 >= first && tokens[from - 1]!.pos === 'PROPN') from -= 1;
    out.push([tokens[from]!.start, tokens[close - 1]!.end]);
  }
  return out;
}
