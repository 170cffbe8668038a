// What one article brings as evidence of which event it reports: weighted terms (TF-IDF, title
// counted more), named-entity words, numbers, years and calendar dates it mentions, its
// publication time, and a semantic vector. Computed once per article; everything later compares
// these, never the raw text.
import { documentVector, wordRank, words } from '../semantics/index.js';

/** Title terms count this many times a body occurrence: a headline names the event. */
export const TITLE_WEIGHT = 3;
/** Words this frequent (GloVe rank) are function words: no term weight, never an entity alone. */
const FUNCTION_WORD_RANK = 150;
/** A capitalised word that opens a sentence or sits in a title-case line is an entity only when rarer than this rank. */
const CAPITALISED_COMMON_RANK = 2500;
/** Assumed words per document when turning a word's corpus probability into a document frequency. */
const WORDS_PER_DOCUMENT = 300;
/** Rank given to words the vocabulary lacks (names, typos): rarer than anything listed. */
const UNKNOWN_RANK = 400_000;
/** Dotted abbreviations ("u.s", "u.n") are common in news: weigh them like a word of this rank. */
const ABBREVIATION_RANK = 800;
/** Calendar words are dates, not entities, even when capitalised. */
const CALENDAR_WORDS = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tomorrow',
]);
/** Titles and honorifics open names of every story ("Mr", "Sen.", "Mt"): the name after them is the entity. */
const TITLE_WORDS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sen',
  'gov',
  'rep',
  'gen',
  'lt',
  'col',
  'sgt',
  'capt',
  'rev',
  'st',
  'mt',
  'jr',
  'sr',
]);
/** Size of the vocabulary the Zipf estimate normalizes over. */
const VOCABULARY = 341_479;
/** Terms kept per article vector: the rest carry too little weight to change a cosine. */
export const MAX_ARTICLE_TERMS = 120;
/** Numbers below this are too common ("two", "3 people") to say two texts report one event. */
const MIN_TELLING_NUMBER = 10;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_INDEX = new Map<string, number>(
  MONTHS.flatMap(
    (m, i) =>
      [
        [m, i + 1],
        [m.slice(0, 3), i + 1],
      ] as [string, number][],
  ),
);
MONTH_INDEX.set('sept', 9);

export interface StoryInput {
  readonly id: string;
  readonly title?: string | null;
  readonly text: string;
  /** ISO 8601 date or date-time. */
  readonly published?: string | null;
  readonly outlet?: string | null;
}

export interface ArticleFeatures {
  readonly id: string;
  /** Milliseconds since the epoch, or null when undated. */
  readonly time: number | null;
  readonly outlet: string | null;
  /** What a headline of the story could be: the title, else the first sentence. */
  readonly headline: string;
  /** Sparse TF-IDF vector over stems, L2-normalized. */
  readonly terms: ReadonlyMap<string, number>;
  /** Entity words (lower-cased) with their inverse document frequency. */
  readonly entities: ReadonlyMap<string, number>;
  /** Entity words weighted by salience: IDF x (1 + ln mentions), L2-normalized. */
  readonly salience: ReadonlyMap<string, number>;
  /** Entity phrases as written ("Vladimir Putin"), for labels. */
  readonly phrases: readonly string[];
  readonly numbers: ReadonlySet<string>;
  readonly years: ReadonlySet<string>;
  /** Calendar dates mentioned, as "m-d". */
  readonly dates: ReadonlySet<string>;
  readonly vector: Float32Array | null;
}

/** Inverse document frequency from a word's frequency rank: ln(1 / df), df = 1 - exp(-n p(w)). */
export function rankIdf(rank: number): number {
  const p = 1 / (rank * (Math.log(VOCABULARY) + 0.5772156649));
  return -Math.log(1 - Math.exp(-WORDS_PER_DOCUMENT * p));
}

const idfCache = new Map<string, number>();
/** The background IDF of a lower-cased word (stable: it does not drift as the store grows). */
export function idf(word: string): number {
  let value = idfCache.get(word);
  if (value === undefined) {
    value = word.length < 2 ? 0 : rankIdf(Math.max(rankOf(word), word.includes('.') ? ABBREVIATION_RANK : 0));
    if (rankOf(word) <= FUNCTION_WORD_RANK) value = 0;
    if (idfCache.size < 500_000) idfCache.set(word, value);
  }
  return value;
}

/** Rank of a word, trying it without dots ("u.s" as "us" would be a pronoun, hence ABBREVIATION_RANK). */
function rankOf(word: string): number {
  return wordRank(word) ?? (word.includes('.') ? wordRank(word.replace(/\./g, '')) : null) ?? UNKNOWN_RANK;
}

/** A light, predictable stem: plural and possessive endings folded ("earthquakes" = "earthquake"). */
export function stem(word: string): string {
  let w = word.replace(/'s$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

export function articleFeatures(input: StoryInput): ArticleFeatures {
  const title = input.title?.trim() || null;
  const text = input.text;
  const counts = new Map<string, number>();
  const termIdf = new Map<string, number>();
  const addWords = (list: readonly string[], weight: number) => {
    for (const raw of list) {
      if (/^\d/.test(raw)) continue;
      const word = raw.replace(/'(s|re|ve|ll|d|m|t)$/, '');
      const weightIdf = idf(word);
      if (weightIdf === 0) continue;
      const key = stem(word);
      counts.set(key, (counts.get(key) ?? 0) + weight);
      if (!termIdf.has(key)) termIdf.set(key, weightIdf);
    }
  };
  const bodyWords = words(text);
  addWords(bodyWords, 1);
  const titleWords = title ? words(title) : [];
  addWords(titleWords, TITLE_WEIGHT);

  let terms = new Map<string, number>();
  for (const [key, count] of counts) terms.set(key, (1 + Math.log(count)) * termIdf.get(key)!);
  terms = normalizeSparse(topEntries(terms, MAX_ARTICLE_TERMS));

  const { entities, phrases, mentions } = findEntities(title ? `${title}\n${text}` : text);
  const salience = normalizeSparse(new Map([...entities].map(([e, w]) => [e, w * (1 + Math.log(mentions.get(e) ?? 1))])));
  const { numbers, years, dates } = findNumbers(title ? `${title}\n${text}` : text);
  const parsed = input.published ? Date.parse(input.published) : NaN;

  return {
    id: input.id,
    time: Number.isFinite(parsed) ? parsed : null,
    outlet: input.outlet ?? null,
    headline: title ?? firstSentence(text),
    terms,
    entities,
    salience,
    phrases,
    numbers,
    years,
    dates,
    vector: documentVector(title ? `${title} ${title} ${text}` : text),
  };
}

/**
 * Capitalised-phrase entities. A capitalised word counts when it is not a function word, and,
 * where capitals prove nothing (a sentence start, a title-case line), only when it is rare;
 * all-capital acronyms count. Consecutive entity words form one phrase.
 */
function findEntities(text: string): { entities: Map<string, number>; phrases: string[]; mentions: Map<string, number> } {
  const entities = new Map<string, number>();
  const mentions = new Map<string, number>();
  const phrases: string[] = [];
  for (const line of text.split(/\n+/)) {
    const tokens = [...line.matchAll(/[\p{L}\p{N}]+(?:['’.\-&][\p{L}\p{N}]+)*\.?|[.!?:;"“”()]/gu)].map((m) => m[0]);
    const wordTokens = tokens.filter((t) => /^\p{L}/u.test(t));
    const capitalised = wordTokens.filter((t) => /^\p{Lu}/u.test(t)).length;
    const titleCase = wordTokens.length >= 3 && capitalised / wordTokens.length > 0.6;
    let phrase: string[] = [];
    let sentenceStart = true;
    const flush = () => {
      if (phrase.length) phrases.push(phrase.join(' '));
      phrase = [];
    };
    for (const raw of tokens) {
      if (/^[.!?:;"“”()]$/.test(raw)) {
        flush();
        if (/[.!?:]/.test(raw)) sentenceStart = true;
        continue;
      }
      // "I'm", "We've", "Don't" are a pronoun or verb with a contraction, never a name.
      const token = raw.replace(/\.$/, '').replace(/n['’]t$|['’](s|re|ve|ll|d|m)$/i, '');
      const lower = token.toLowerCase();
      const rank = lower.length < 2 || CALENDAR_WORDS.has(lower) || MONTH_INDEX.has(lower) || TITLE_WORDS.has(lower) ? 0 : rankOf(lower);
      const acronym = /^\p{Lu}[\p{Lu}.&]+$/u.test(token) && token.length >= 2;
      const isCapital = /^\p{Lu}/u.test(token);
      const weak = sentenceStart || titleCase;
      const entity = isCapital && rank > FUNCTION_WORD_RANK && (acronym || !weak || rank > CAPITALISED_COMMON_RANK);
      if (entity) {
        phrase.push(token);
        const key = lower.replace(/\./g, '');
        if (!entities.has(key)) entities.set(key, Math.max(idf(lower), rankIdf(CAPITALISED_COMMON_RANK)));
        mentions.set(key, (mentions.get(key) ?? 0) + 1);
      } else flush();
      sentenceStart = raw.endsWith('.') && !acronym && !/^\p{Lu}\.?$/u.test(raw);
    }
    flush();
  }
  return { entities, phrases, mentions };
}

/** Numbers (value >= 10 or with decimals), years 1900-2099 and month-day dates mentioned. */
function findNumbers(text: string): { numbers: Set<string>; years: Set<string>; dates: Set<string> } {
  const numbers = new Set<string>();
  const years = new Set<string>();
  const dates = new Set<string>();
  for (const match of text.matchAll(/\d[\d,]*(?:\.\d+)?/g)) {
    const raw = match[0].replace(/,(?=\d{3}\b)/g, '').replace(/,$/, '');
    const value = Number(raw);
    if (!Number.isFinite(value)) continue;
    if (/^(19|20)\d\d$/.test(raw)) years.add(raw);
    else if (value >= MIN_TELLING_NUMBER || raw.includes('.')) numbers.add(String(value));
  }
  const lower = text.toLowerCase();
  for (const match of lower.matchAll(/\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b/g)) {
    const month = MONTH_INDEX.get(match[1]!);
    const day = Number(match[2]);
    if (month && day >= 1 && day <= 31) dates.add(`${month}-${day}`);
  }
  for (const match of lower.matchAll(/\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]{3,9})\b/g)) {
    const month = MONTH_INDEX.get(match[2]!);
    const day = Number(match[1]);
    if (month && day >= 1 && day <= 31) dates.add(`${month}-${day}`);
  }
  return { numbers, years, dates };
}

function firstSentence(text: string): string {
  const trimmed = text.trim();
  const end = trimmed.search(/[.!?](\s|$)|\n/);
  const sentence = (end < 0 ? trimmed : trimmed.slice(0, end + 1)).trim();
  return sentence.length > 160 ? `${sentence.slice(0, 157).trimEnd()}...` : sentence;
}

export function topEntries(map: ReadonlyMap<string, number>, limit: number): Map<string, number> {
  if (map.size <= limit) return new Map(map);
  return new Map([...map].sort((a, b) => b[1] - a[1]).slice(0, limit));
}

export function normalizeSparse(map: Map<string, number>): Map<string, number> {
  let norm = 0;
  for (const v of map.values()) norm += v * v;
  if (norm === 0) return map;
  const scale = 1 / Math.sqrt(norm);
  for (const [k, v] of map) map.set(k, v * scale);
  return map;
}

/** Cosine of two sparse vectors. */
export function sparseCosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  if (dot === 0) return 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v * v;
  for (const v of b.values()) nb += v * v;
  return dot / Math.sqrt(na * nb);
}
