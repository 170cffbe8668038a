// How alike two claim mentions are. Three kinds of evidence, each 0..1:
//   word alignment   the longest common run of words (quotes keep their order when reused)
//   shared content   the content words, names and numbers both carry
//   meaning          cosine of SIF GloVe sentence vectors (src/semantics): re-translations and
//                    rewrites keep the meaning when they lose the words
import { cosine, sentenceVector, words as vectorWords } from '../semantics/index.js';
import type { ClaimMention } from '../records.js';
import { lcsLength } from './diff.js';
import { contentStems, namesOf, negationCount, numbersOf, stem, wordsOf, type Word } from './words.js';

/** A mention with everything comparison needs, computed once. */
export interface PreparedMention {
  readonly mention: ClaimMention;
  readonly words: readonly Word[];
  /** The words that count for fidelity: the speaker's, not an editor's bracketed insertion. */
  readonly spoken: readonly Word[];
  readonly content: ReadonlySet<string>;
  /** Content stems of the whole context sentence. */
  readonly contextContent: ReadonlySet<string>;
  readonly names: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  readonly negations: number;
  readonly vector: Float32Array | null;
  /** Folded speaker name, or null. */
  readonly speaker: string | null;
  /** Rank of the mention's article in the story (0 = earliest, most original). */
  readonly rank: number;
}

export function prepareMention(mention: ClaimMention, rank: number, semantic: boolean): PreparedMention {
  const words = wordsOf(mention.text);
  const contextWords = wordsOf(mention.context || mention.text);
  const vectorSource = mention.kind === 'quantity' ? mention.context || mention.text : mention.text;
  return {
    mention,
    words,
    spoken: words.filter((w) => !w.editorial),
    content: contentStems(words),
    contextContent: contentStems(contextWords),
    // A quote's speaker is a name it carries: "Kessler blamed energy costs" names who the quote does.
    names:
      mention.kind === 'quote'
        ? new Set([...namesOf(mention.text), ...namesOf(mention.quote?.speaker ?? '')])
        : namesOf(mention.context || mention.text),
    numbers: numbersOf(mention.text),
    negations: negationCount(words),
    vector: semantic ? sentenceVector(vectorWords(vectorSource)) : null,
    speaker: foldSpeaker(mention.quote?.speaker ?? null),
    rank,
  };
}

export function foldSpeaker(name: string | null): string | null {
  // "researchers", "the company", "Reid's rep": a description, not an identity; as good as unknown.
  if (!name || !/\p{Lu}/u.test(name) || /\s\p{Ll}[\p{L}-]*$/u.test(name)) return null;
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?)\s+/, '')
    // "A.J. Smith" and "AJ Smith" are one spelling.
    .replace(/\b(\p{L})\.(?=\p{L}\.|\s|$)/gu, '$1')
    .replace(/\b(\p{L})\.?\s(?=\p{L}\.?\s)/gu, '$1')
    .replace(/\./g, '')
    .trim();
  return folded || null;
}

/** Surnames this long that differ by one letter are one name misspelt by an outlet ("Hefner" / "Heffner"). */
const MISSPELLING_MIN_LETTERS = 5;

/**
 * Same person: equal names, one name the other's surname ("Putin" / "Vladimir Putin"), one the
 * other's last words ("Bettie Page" / "The Notorious Bettie Page"), or one of two people named
 * together ("Craig Zadan and Neil Meron" / "Zadan"). `null` means unknown, which is compatible but
 * not evidence; so is a surname one letter off, as outlets misspell names.
 */
export function sameSpeaker(a: string | null, b: string | null): boolean | null {
  if (a === null || b === null) return null;
  if (a === b) return true;
  const [pa, pb] = [a.split(/\s+and\s+|\s*&\s*/), b.split(/\s+and\s+|\s*&\s*/)];
  if (pa.length > 1 || pb.length > 1) {
    const verdicts = pa.flatMap((x) => pb.map((y) => samePerson(x, y)));
    return verdicts.includes(true) ? true : verdicts.includes(null) ? null : false;
  }
  return samePerson(a, b);
}

function samePerson(a: string, b: string): boolean | null {
  if (a === b) return true;
  const [ta, tb] = [a.split(/\s+/), b.split(/\s+/)];
  const [short, long] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  const la = ta[ta.length - 1]!;
  const lb = tb[tb.length - 1]!;
  if (la === lb) {
    if (short.length === 1 || ta[0] === tb[0]) return true;
    // "bettie page" in "notorious bettie page": the shorter is the longer's ending.
    if (short.length >= 2 && long.slice(-short.length).join(' ') === short.join(' ')) return true;
    return false;
  }
  const firstsAgree = short.length === 1 || ta[0] === tb[0];
  return firstsAgree && Math.min(la.length, lb.length) >= MISSPELLING_MIN_LETTERS && oneEditApart(la, lb) ? null : false;
}

/** True when one insertion, deletion or substitution turns `a` into `b`. */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
}

/** Dice coefficient of two sets. */
export function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

/** Share of the smaller set found in the larger. */
export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const x of small) if (large.has(x)) shared += 1;
  return shared / small.size;
}

/** Quotes shorter than this many words match too easily by chance; their alignment is scaled down. */
const SHORT_QUOTE_WORDS = 4;

/**
 * Word alignment of two quotes: the longest common subsequence of stems over the shorter quote,
 * so that a trimmed quote aligns fully with the whole one.
 */
export function quoteAlignment(a: PreparedMention, b: PreparedMention): number {
  const shorter = Math.min(a.spoken.length, b.spoken.length);
  if (shorter === 0) return 0;
  const common = lcsLength(a.spoken, b.spoken, stemKey);
  return (common / shorter) * Math.min(1, shorter / SHORT_QUOTE_WORDS);
}

/**
 * The alignment without the names both quotes carry: two things one person said about one story
 * share its names ("Lindsay never checked into Morningside but is back at Betty Ford" / "Lindsay
 * is grateful for the treatment she received at the Betty Ford Center"), so names are no sign of
 * one quote. Quotes left with too few words keep their names.
 */
function alignmentNamesAside(a: PreparedMention, b: PreparedMention): number {
  const shared = new Set([...a.names].filter((n) => b.names.has(n)));
  if (shared.size === 0) return quoteAlignment(a, b);
  const x = a.spoken.filter((w) => !shared.has(w.norm));
  const y = b.spoken.filter((w) => !shared.has(w.norm));
  const shorter = Math.min(x.length, y.length);
  if (shorter < MIN_WORDS_NAMES_ASIDE) return quoteAlignment(a, b);
  return (lcsLength(x, y, stemKey) / shorter) * Math.min(1, shorter / SHORT_QUOTE_WORDS);
}

/** Fewer words than this once shared names are set aside, and the names stay in. */
const MIN_WORDS_NAMES_ASIDE = 4;

const stemKey = (w: Word) => w.stem;

export function meaning(a: PreparedMention, b: PreparedMention): number {
  return Math.max(0, cosine(a.vector, b.vector));
}

/** Weights of the quote score: word order first, meaning for rewrites, shared content to confirm. */
const QUOTE_WEIGHTS = { alignment: 0.5, meaning: 0.3, content: 0.2 } as const;

/** 0..1: how likely two quote mentions are versions of one quote (speakers checked by the caller). */
export function quoteScore(a: PreparedMention, b: PreparedMention): number {
  const alignment = quoteAlignment(a, b);
  const lexical = QUOTE_WEIGHTS.alignment * alignmentNamesAside(a, b) + QUOTE_WEIGHTS.content * dice(a.content, b.content);
  const combined = !a.vector || !b.vector ? lexical / (1 - QUOTE_WEIGHTS.meaning) : lexical + QUOTE_WEIGHTS.meaning * meaning(a, b);
  // A near-complete alignment is proof enough on its own (a trimmed quote shares little else).
  return Math.max(combined, alignment >= 0.9 ? alignment : 0);
}

/** Weights of the statement score: shared content, meaning, then names and numbers. */
const STATEMENT_WEIGHTS = { content: 0.4, meaning: 0.35, names: 0.15, numbers: 0.1 } as const;

const NEUTRAL = 0.5;

/** 0..1: how likely two statements say the same thing. */
export function statementScore(a: PreparedMention, b: PreparedMention): number {
  // A side that names no one (or gives no number) neither confirms nor contradicts: neutral.
  const numbers = a.numbers.size === 0 || b.numbers.size === 0 ? NEUTRAL : dice(a.numbers, b.numbers);
  const names = a.names.size === 0 || b.names.size === 0 ? NEUTRAL : dice(a.names, b.names);
  // "Kessler blamed energy costs" against Kessler's own quote: his name is the attribution, which
  // the quote's text never carries; it counts among the names, not again among the content words.
  const [ca, cb] = [withoutSpeakerOf(b, a.content), withoutSpeakerOf(a, b.content)];
  const lexical =
    STATEMENT_WEIGHTS.content * Math.max(dice(ca, cb), 0.8 * overlap(ca, cb)) +
    STATEMENT_WEIGHTS.names * names +
    STATEMENT_WEIGHTS.numbers * numbers;
  // Without vectors (semantic off, or no known word) the words carry the whole score.
  if (!a.vector || !b.vector) return lexical / (1 - STATEMENT_WEIGHTS.meaning);
  return lexical + STATEMENT_WEIGHTS.meaning * meaning(a, b);
}

/** `content` less the words of `quote`'s speaker, when `quote` is a quote. */
function withoutSpeakerOf(quote: PreparedMention, content: ReadonlySet<string>): ReadonlySet<string> {
  if (quote.mention.kind !== 'quote' || !quote.speaker) return content;
  const name = new Set(quote.speaker.split(/\s+/).map(stem));
  return new Set([...content].filter((w) => !name.has(w)));
}

/** Content stems of a short phrase (a quantity's measure). */
export function phraseStems(phrase: string | null): Set<string> {
  return phrase ? contentStems(wordsOf(phrase)) : new Set();
}

export { stem };
