// Words as reconciliation compares them: case, diacritics, curly quotes, punctuation and spelling
// variants folded, so that "Aluminium" in one outlet and "aluminum" in another are one word.
// Words inside brackets are editorial insertions ("(joint projects with)"), not the speaker's
// words: they are kept, but flagged, so that a quote that drops them is not called changed.

import { boundedMemo } from '../memo.js';

export interface Word {
  /** The word as written. */
  readonly raw: string;
  /** Folded form: what "the same word" means. */
  readonly norm: string;
  /** A light stem of `norm` ("showed" -> "show"), for similarity, never for fidelity. */
  readonly stem: string;
  /** Inside ( ) or [ ]: an editor's insertion. */
  readonly editorial: boolean;
  /** Punctuation written against the word, before and after it ("‘", ",’"): shown, never compared. */
  readonly before?: string;
  readonly after?: string;
  /** Written against the word before, with no space ("%" of "15%"). */
  readonly glued?: boolean;
}

/** Letters (with inner apostrophes, hyphens and dots, as in "U.S."), numbers (with inner , . and a trailing %). */
const WORD = /\p{N}+(?:[.,]\p{N}+)*%?|[\p{L}\p{M}](?:[\p{L}\p{M}\p{N}]|['’.-](?=[\p{L}\p{N}]))*\.?/gu;

/** British and American spellings that news copy swaps freely; folded to one form. */
const SPELLING_VARIANTS: Readonly<Record<string, string>> = {
  aluminium: 'aluminum',
  defence: 'defense',
  offence: 'offense',
  programme: 'program',
  programmes: 'programs',
  tonnes: 'tons',
  tonne: 'ton',
  percent: '%',
  'per cent': '%',
  centre: 'center',
  favour: 'favor',
  labour: 'labor',
  organisation: 'organization',
  honour: 'honor',
  metres: 'meters',
  kilometres: 'kilometers',
  'u.s.': 'us',
  'u.s': 'us',
  usa: 'us',
  'u.k.': 'uk',
  'e.u.': 'eu',
};

/**
 * Folded forms already computed: news copy repeats its words, and folding (Unicode decomposition
 * and five expressions) was the largest single cost of reconciliation (1.4 s of 30 s CPU on the
 * 772 ECB+ articles). Bounded (100,000 words), so memory stays small.
 */
const foldedWords = boundedMemo<string, string>(100_000);

export function normalizeWord(raw: string): string {
  return foldedWords(raw, () => foldWord(raw));
}

function foldWord(raw: string): string {
  const folded = raw
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/'s$/, '')
    .replace(/(?<=\p{N}),(?=\p{N}{3})/gu, '');
  const variant = SPELLING_VARIANTS[folded];
  if (variant) return variant;
  // "U.S" and "U.S." fold to "us", but a sentence-final "Ukraine." must lose its dot.
  return /^(?:\p{L}\.)+\p{L}?\.?$/u.test(folded) ? folded.replace(/\./g, '') : folded.replace(/\.$/, '');
}

/** Stems of folded words already worked out (as `foldedWords`, and as bounded). */
const stems = boundedMemo<string, string>(100_000);
const stemOfNorm = (norm: string) => stems(norm, () => stem(norm));

/** A light suffix stripper: enough to match "showed/show", "imports/import", "reserves/reserve". */
export function stem(norm: string): string {
  if (norm.length <= 3 || /\p{N}/u.test(norm)) return norm;
  let s = norm;
  if (s.endsWith('ies') && s.length > 4) s = `${s.slice(0, -3)}y`;
  else if (s.endsWith('ing') && s.length > 5) s = s.slice(0, -3);
  else if (s.endsWith('ed') && s.length > 4) s = s.slice(0, -2);
  else if (/(?:ss|sh|ch|x)es$/.test(s)) s = s.slice(0, -2);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us')) s = s.slice(0, -1);
  // "approve" and "approved" meet at "approv".
  return s.length > 4 && s.endsWith('e') ? s.slice(0, -1) : s;
}

/**
 * Contractions written apart, as tokenised copy has them ("we 're", "I ’ d", "do n't"): put back
 * together so they read as the same words as "we're", "I'd", "don't".
 */
const SPLIT_CONTRACTION = /(?<=\p{L})\s+(?:(['’])\s?(s|d|m|re|ve|ll)|(n['’]t))\b/giu;

/**
 * Texts whose words were read: reconciliation reads one sentence's words for its claim, its
 * support bag, the story's lexicon and the findings (several times per story). The same array
 * is given again: read it, never change it. Bounded (20,000 texts).
 */
const wordsRead = boundedMemo<string, readonly Word[]>(20_000);

/** The words of `text`, with bracketed insertions flagged. */
export function wordsOf(input: string): readonly Word[] {
  return wordsRead(input, () => readWords(input));
}

function readWords(input: string): Word[] {
  const text = input.replace(SPLIT_CONTRACTION, (_m, mark: string | undefined, tail: string | undefined, nt: string | undefined) =>
    nt ? nt : `${mark}${tail}`,
  );
  const out: Word[] = [];
  let depth = 0;
  let last = 0;
  let pendingAfter = -1;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const [after, before] = punctuationAround(text.slice(last, m.index));
    if (pendingAfter >= 0 && after) out[pendingAfter] = { ...out[pendingAfter]!, after };
    depth = bracketDepth(text, last, m.index, depth);
    last = m.index + m[0].length;
    const editorial = depth > 0;
    // "15%" and "15 percent" must read alike: the sign is a word of its own.
    const parts = m[0].endsWith('%') && /^\p{N}/u.test(m[0]) ? [m[0].slice(0, -1), '%'] : [m[0]];
    pendingAfter = -1;
    parts.forEach((part, i) => {
      const norm = normalizeWord(part);
      if (!norm) return;
      out.push({
        raw: part,
        norm,
        stem: stemOfNorm(norm),
        editorial,
        ...(i === 0 && before ? { before } : {}),
        ...(i > 0 ? { glued: true } : {}),
      });
      pendingAfter = out.length - 1;
    });
  }
  const [after] = punctuationAround(text.slice(last));
  if (pendingAfter >= 0 && after) out[pendingAfter] = { ...out[pendingAfter]!, after };
  return out;
}

/**
 * The text between two words, split where the space is: what sticks to the end of the word before
 * ("," or ".’") and to the start of the word after ("‘"). Brackets are left out: `editorial` says
 * where an editor's words are, and a diff draws its brackets from that.
 */
function punctuationAround(gap: string): [after: string, before: string] {
  // Most words are apart by one space, or none before the first.
  if (gap === ' ' || gap === '') return ['', ''];
  const bare = (part: string) => part.replace(/[()[\]]/g, '');
  if (!/\s/.test(gap)) return [bare(gap), ''];
  // Marks standing on their own between spaces (" … ", " – ") go with the word before.
  const lastSpace = gap.search(/\S*$/);
  return [bare(gap.slice(0, lastSpace)).trimEnd(), bare(gap.slice(lastSpace))];
}

function bracketDepth(text: string, from: number, to: number, depth: number): number {
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '(' || c === '[') depth += 1;
    else if ((c === ')' || c === ']') && depth > 0) depth -= 1;
  }
  return depth;
}

/** Function words: they carry no claim of their own, so similarity and coverage skip them. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the and or but if then so of to in on at by for with from into onto about as than that this these those
  is are was were be been being am do does did has have had having will would shall should can could may might must
  it its it's he she they them their his her him we our us i me my you your who whom which what when where why how
  not no nor also too very just only even still yet there here such some any all each both more most other own same
  said says say told according added noted stated way mr ms mrs since after before while during until over under
  between through across within upon per via monday tuesday wednesday thursday friday saturday sunday today yesterday`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that turn a statement into its denial. */
export const NEGATIONS: ReadonlySet<string> = new Set([
  'not',
  "n't",
  'no',
  'never',
  'none',
  'nobody',
  'nothing',
  'neither',
  'nor',
  'without',
  'denied',
  'denies',
  'deny',
  'denying',
  'rejected',
  'rejects',
  'false',
  'untrue',
  'refused',
  'refuses',
]);

/**
 * Words of opposite direction that word vectors put side by side ("rose" / "fell" have a cosine of
 * 0.88): never taken for one another when two sentences are aligned word by word.
 */
const OPPOSITE_PAIRS: readonly (readonly [string, string])[] = [
  ['rose', 'fell'],
  ['rise', 'fall'],
  ['rises', 'falls'],
  ['risen', 'fallen'],
  ['rising', 'falling'],
  ['increase', 'decrease'],
  ['increased', 'decreased'],
  ['higher', 'lower'],
  ['high', 'low'],
  ['up', 'down'],
  ['gain', 'loss'],
  ['gained', 'lost'],
  ['won', 'lost'],
  ['win', 'lose'],
  ['open', 'close'],
  ['opened', 'closed'],
  ['approved', 'rejected'],
  ['approve', 'reject'],
  ['more', 'less'],
  ['before', 'after'],
  ['start', 'end'],
  ['north', 'south'],
  ['east', 'west'],
  ['buy', 'sell'],
  ['bought', 'sold'],
  ['raised', 'cut'],
  ['hire', 'fire'],
  ['first', 'last'],
  ['best', 'worst'],
  ['strengthen', 'weaken'],
  ['expand', 'shrink'],
  ['allow', 'ban'],
  ['allowed', 'banned'],
];
const OPPOSITES: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  [...new Set(OPPOSITE_PAIRS.flat())].map((word) => [
    word,
    new Set(OPPOSITE_PAIRS.flatMap(([a, b]) => (a === word ? [b] : b === word ? [a] : []))),
  ]),
);

/** True when the two folded words mean opposite directions. */
export function opposite(a: string, b: string): boolean {
  return OPPOSITES.get(a)?.has(b) ?? false;
}

export function isContent(word: Word): boolean {
  return !STOPWORDS.has(word.norm) && !NEGATIONS.has(word.norm) && word.norm.length > 1;
}

/** The stems of the content words: what two claims must share to be about the same thing. */
export function contentStems(words: readonly Word[]): Set<string> {
  const out = new Set<string>();
  for (const w of words) if (isContent(w)) out.add(w.stem);
  return out;
}

/** Counted negations; contractions ("doesn't", "won't") count too. */
export function negationCount(words: readonly Word[]): number {
  let n = 0;
  for (const w of words) if (NEGATIONS.has(w.norm) || w.norm.endsWith("n't")) n += 1;
  return n;
}

/**
 * Proper names: capitalised words, less function words and common sentence openers, folded.
 * Rough on purpose: it only needs to say whether two claims name the same people and places.
 */
export function namesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}[\p{L}\p{M}'’.-]*/gu)) {
    const norm = normalizeWord(m[0]);
    if (norm.length > 1 && !STOPWORDS.has(norm) && !SENTENCE_OPENERS.has(norm)) out.add(norm);
  }
  return out;
}

/** Capitalised only because they open a sentence: not names. */
const SENTENCE_OPENERS: ReadonlySet<string> = new Set(
  `after before while when since although though however meanwhile currently besides despite during under over
  local new many several one two three four five six seven eight nine ten in on at for from by with
  today yesterday monday tuesday wednesday thursday friday saturday sunday`
    .split(/\s+/)
    .filter(Boolean),
);

/** Numbers written as digits, folded ("2,500" -> "2500"). */
export function numbersOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\p{N}+(?:[.,]\p{N}+)*/gu)) out.add(m[0].replace(/,(?=\d{3})/g, ''));
  return out;
}
