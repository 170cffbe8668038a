// Quantities: "up to 2 million tons of aluminum annually" -> value 2,000,000, unit "t", qualifier
// "up to", per "year", measure "aluminum". Numbers are found first, then read outwards: currency and
// qualifier to the left; scale, unit, period and what is measured to the right (or the subject on
// the left: "reserves are estimated at ..."). Years, dates, times, ordinals and bare numbers without
// unit or scale are not quantities.
import type { Qualifier, QuantityInfo, Sentence } from '../records.js';
import { sentenceAt } from '../sentences/index.js';
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import {
  CURRENCY_PREFIXES,
  PERIODS,
  QUALIFIERS,
  SCALES,
  SHORT_SCALES,
  TRAILING_QUALIFIERS,
  UNITS,
  UNMARKED_PLURALS,
  WORD_NUMBERS,
} from './units.js';

export interface FoundQuantity extends QuantityInfo {
  readonly start: number;
  readonly end: number;
}

const MONTH_NAMES =
  'Jan|January|Feb|February|Mar|March|Apr|April|May|Jun|June|Jul|July|Aug|August|Sep|Sept|September|Oct|October|Nov|November|Dec|December';
/**
 * Digits, with thousands separators and decimals; also as tokenised copy writes them ("1, 300
 * biologists", "5. 4 per cent"), read the same, but never a date's day and year ("May 5, 200 people").
 */
const DIGITS = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<!(?:${MONTH_NAMES})\.?\s)\d{1,3}(?:, \d{3})+(?=\s\p{L})|\d+\. \d{1,2}(?=\s?(?:per ?cent|percent|%|million|billion|trillion|bn|mn)\b)|\d+(?:\.\d+)?|\.\d+`;
const WORDS =
  'half an?|a dozen|a hundred|a thousand|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|dozen';
/**
 * A number: digits (not glued to letters, dashes or other digits, but for wire copy's "euro30
 * billion") or a number word.
 */
const NUMBER = new RegExp(String.raw`(?:(?<![\p{L}\p{N}\-/:.,])|(?<=\beuro))(?:(${DIGITS})(?![\p{N}]|[:/]\d|,\d)|\b(${WORDS})\b)`, 'giu');
const FOLD = /\b(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d+)-?fold\b/gi;
const SCALE = /^(?:\s?-?(hundred|thousand|million|billion|trillion|mln|mn|mio|bn|bln|tn|trn|lakh|crore)\b|(k|m|b|bn|mn|tn)\b)/i;
// "24-hour", and tokenised "24 - hour" or "110bn - euro".
const UNIT_RES = UNITS.map((u) => ({ ...u, re: new RegExp(`^\\s?-?\\s?(?:${u.pattern})`, u.caseSensitive ? 'u' : 'iu') }));
const MONTHS =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?$/i;
const MONTH_AFTER =
  /^\s*(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;
/** Calendar years are dates, not amounts, unless a unit or currency says otherwise. */
const YEAR_MIN = 1800;
const YEAR_MAX = 2100;
/** Below this, "the 3 companies" refers back to known things rather than claiming a count. */
const DEFINITE_MAX = 10;
/** How many words a period ("annually") may sit after the unit: "tons of aluminum to the U.S. annually". */
const PERIOD_REACH_WORDS = 7;
/** A capitalised word right before the number: "Sector 7C", "Gate 4F" are labels, not temperatures. */
const LABEL_BEFORE = /\p{Lu}[\p{L}.]*\s$/u;
/** The longest "what is measured" phrase we keep, in words. */
const MEASURE_MAX_WORDS = 8;
/** Verbs and links between a measured noun phrase and its number: "reserves are estimated at". */
const MEASURE_LINKS = new Set([
  'at',
  'to',
  'by',
  'of',
  'worth',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'estimated',
  'valued',
  'put',
  'pegged',
  'set',
  'totaled',
  'totalled',
  'totals',
  'total',
  'totaling',
  'totalling',
  'reached',
  'reach',
  'reaches',
  'hit',
  'hits',
  'rose',
  'rise',
  'rises',
  'risen',
  'fell',
  'fall',
  'falls',
  'fallen',
  'grew',
  'grow',
  'grows',
  'dropped',
  'drop',
  'climbed',
  'climb',
  'increased',
  'increase',
  'decreased',
  'decrease',
  'amounted',
  'amount',
  'amounts',
  'stood',
  'stands',
  'stand',
  'could',
  'would',
  'will',
  'may',
  'might',
  'can',
  'should',
  'about',
  'around',
  'roughly',
  'approximately',
  'nearly',
  'almost',
  'some',
  'up',
  'more',
  'than',
  'least',
  'over',
  'under',
  'only',
  'just',
  'jumped',
  'soared',
  'plunged',
  'slipped',
  'gained',
  'lost',
  'cost',
  'costs',
  'exceeded',
  'exceed',
  'averaged',
  'average',
  'equal',
  'equals',
  'represent',
  'represents',
  'represented',
  'accounted',
  'account',
  'accounts',
  'for',
  'made',
  'make',
  'makes',
  'comprised',
  'estimate',
  'projected',
  'expected',
]);

export function findQuantities(text: string, sentences: readonly Sentence[], tokens: readonly TaggedToken[]): FoundQuantity[] {
  const found: FoundQuantity[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const numberStart = m.index;
    const numberEnd = m.index + m[0].length;
    if (found.length > 0 && found[found.length - 1]!.end > numberStart) continue;
    const q = readQuantity(text, sentences, tokens, numberStart, numberEnd, m[1] ?? null, m[2] ?? null);
    if (q) {
      found.push(q);
      NUMBER.lastIndex = Math.max(NUMBER.lastIndex, q.end);
    }
  }
  // Multipliers written as one word: "threefold", "tenfold".
  FOLD.lastIndex = 0;
  for (let m = FOLD.exec(text); m; m = FOLD.exec(text)) {
    if (overlapsAny(found, m.index, m.index + m[0].length)) continue;
    const value = WORD_NUMBERS.get(m[1]!.toLowerCase()) ?? Number(m[1]);
    const end = m.index + m[0].length;
    found.push({
      start: m.index,
      end,
      value,
      unit: '×',
      text: m[0],
      qualifier: 'exact',
      measure: measureOf(text, sentences, tokens, m.index, end, '×'),
      per: null,
    });
  }
  found.push(...elidedCounts(text, sentences, found));
  found.push(...singleDurations(text, sentences, tokens, found));
  return found.sort((a, b) => a.start - b.start);
}

/** True when a figure already read covers part of start..end: a phrase is read once. */
function overlapsAny(found: readonly FoundQuantity[], start: number, end: number): boolean {
  return found.some((f) => f.start < end && f.end > start);
}

/**
 * One unit of time given as a length, which outlets write for "30 days" or "one month": "delayed
 * by a month", "extended for another month", "a month-long extension", "a further week". Not a
 * point in time ("a year ago", "a month later", "for a year now" reads as one too, a length).
 */
const SINGLE_DURATION =
  /\b(?:(?:by|for)\s+(?:a|one|another)|another|a\s+further|an\s+additional|an\s+extra)\s+(week|month|year|fortnight)\b(?![-\s]+(?:ago|earlier|later|after|before|old)\b)|\ba\s+(week|month|year)-long\b/gi;
const DURATION_UNITS: ReadonlyMap<string, [value: number, unit: string]> = new Map([
  ['week', [1, 'weeks']],
  ['fortnight', [2, 'weeks']],
  ['month', [1, 'months']],
  ['year', [1, 'years']],
]);

function singleDurations(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  found: readonly FoundQuantity[],
): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  SINGLE_DURATION.lastIndex = 0;
  for (let m = SINGLE_DURATION.exec(text); m; m = SINGLE_DURATION.exec(text)) {
    const start = m.index;
    const end = m.index + m[0].length;
    if (overlapsAny(found, start, end)) continue;
    const [value, unit] = DURATION_UNITS.get((m[1] ?? m[2])!.toLowerCase())!;
    out.push({
      start,
      end,
      value,
      unit,
      text: m[0],
      qualifier: 'exact',
      measure: measureOf(text, sentences, tokens, start, end, unit),
      per: null,
    });
  }
  return out;
}

/** "the first 11", "the last three" with the counted noun left out. */
const ELIDED = new RegExp(String.raw`\bthe (?:first|last|next|final|other|remaining) (\d{1,4}|${WORDS})\b(?![\s-]*(?:\p{L}+s|%)\b)`, 'giu');

/**
 * "He played 15 seasons in the NBA, the first 11 with Philadelphia": a number that leaves out the
 * noun it counts takes the unit of the count before it in the sentence.
 */
function elidedCounts(text: string, sentences: readonly Sentence[], found: readonly FoundQuantity[]): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  ELIDED.lastIndex = 0;
  for (let m = ELIDED.exec(text); m; m = ELIDED.exec(text)) {
    const numberStart = m.index + m[0].length - m[1]!.length;
    if (overlapsAny(found, m.index, m.index + m[0].length)) continue;
    const sentence = sentenceAt(sentences, numberStart);
    const before = found.filter((f) => sentence && f.start >= sentence.start && f.end <= m!.index && /^\p{Ll}{3,}$/u.test(f.unit)).pop();
    if (!before) continue;
    const value = /^\d/.test(m[1]!) ? Number(m[1]) : (WORD_NUMBERS.get(m[1]!.toLowerCase()) ?? wordNumber(m[1]!));
    if (!Number.isFinite(value) || value >= before.value) continue;
    const end = numberStart + m[1]!.length;
    out.push({
      start: m.index,
      end,
      value,
      unit: before.unit,
      text: text.slice(m.index, end),
      qualifier: 'exact',
      measure: before.measure,
      per: before.per,
    });
  }
  return out;
}

/**
 * One figure being read around its number: the span grows as currency, scale, unit, counted noun
 * and qualifiers are found on either side (readQuantity's steps).
 */
interface Reading {
  value: number;
  start: number;
  end: number;
  unit: string | null;
  per: string | null;
  /** "3.8 million": a scale word multiplied the value. */
  scaled: boolean;
  /** "300 soldiers": the unit is the counted noun. */
  counted: boolean;
  /** "a dozen or so leaders": the count is approximate. */
  looseAbout: boolean;
  qualifier: Qualifier;
}

/** Characters after the number read for its scale, unit and trailing qualifier. */
const AFTER_CHARS = 60;

/** The text just after what is read so far. */
function after(text: string, r: Reading): string {
  return text.slice(r.end, r.end + AFTER_CHARS);
}

/** The figure around the number at numberStart..numberEnd (written in `digits` or `words`), or null when it is none. */
function readQuantity(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  numberStart: number,
  numberEnd: number,
  digits: string | null,
  words: string | null,
): FoundQuantity | null {
  const left = text.slice(Math.max(0, numberStart - 40), numberStart);
  const value =
    digits !== null
      ? Number(digits.replace(/,\s?/g, '').replace(/\.\s/, '.'))
      : (WORD_NUMBERS.get(words!.toLowerCase()) ?? wordNumber(words!));
  if (!Number.isFinite(value)) return null;
  // 1. An age ("aged 95", "a 27-year-old", "Jackson, 25, was") or an ordinal ("the 79th Academy
  //    Awards": an edition or a rank, which outlets may disagree on) is read on its own.
  const age = digits !== null ? ageAt(text, tokens, numberStart, numberEnd, left, value) : null;
  if (age)
    return {
      start: numberStart,
      end: age.end,
      value,
      unit: 'years',
      text: text.slice(numberStart, age.end),
      qualifier: 'exact',
      measure: 'age',
      per: null,
    };
  if (digits !== null && /^(?:st|nd|rd|th)\b/i.test(text.slice(numberEnd, numberEnd + 3))) {
    return ordinalAt(text, sentences, tokens, numberStart, numberEnd, left, value);
  }
  const r: Reading = {
    value,
    start: numberStart,
    end: numberEnd,
    unit: null,
    per: null,
    scaled: false,
    counted: false,
    looseAbout: false,
    qualifier: 'exact',
  };
  // 2. Currency before the number, a scale word after it ("$15bn", "half a million").
  if (digits !== null) readCurrency(r, left);
  readScale(r, text);
  if (words !== null && /^an?$/i.test(words) && !r.scaled) return null; // "a" alone is an article
  // 3. The unit after it ("tons", "percent", "5 million pounds"), else a counted noun ("300 soldiers").
  readUnit(r, text, left);
  if (r.unit === null) readCountedNoun(r, text, tokens);
  // 4. What is no figure: a definite reference, a bare number, a date, a compound naming a kind.
  if (!isFigure(r, text, left, numberEnd, digits, words)) return null;
  // 5. Qualifiers before ("about", "at least") or after ("or more").
  readQualifiers(r, text, tokens);
  // 6. Its period ("a year") and what it measures.
  const per = r.per ?? periodAfter(text, r.end);
  const measure = measureOf(text, sentences, tokens, r.start, r.end, r.unit ?? '');
  return {
    start: r.start,
    end: r.end,
    value: Number(r.value.toPrecision(12)),
    unit: r.unit ?? '',
    text: text.slice(r.start, r.end),
    qualifier: r.qualifier,
    measure,
    per,
  };
}

function readCurrency(r: Reading, left: string): void {
  for (const [re, code] of CURRENCY_PREFIXES) {
    const c = re.exec(left);
    if (c) {
      r.unit = code;
      r.start -= c[0].length;
      return;
    }
  }
}

/** "3.8 million", "$15bn": a glued short scale ("bn") only after a currency, where it cannot be a unit. */
function readScale(r: Reading, text: string): void {
  const s = SCALE.exec(after(text, r));
  if (!s) return;
  const word = (s[1] ?? s[2])!.toLowerCase();
  const glued = s[2] !== undefined;
  if (glued && !(SHORT_SCALES.has(word) && r.unit !== null)) return;
  r.value *= SCALES.get(word)!;
  r.scaled = true;
  r.end += s[0].length;
}

function readUnit(r: Reading, text: string, left: string): void {
  if (r.unit === null || /^\s?(?:dollars?|euros?)\b/i.test(after(text, r))) {
    for (const u of UNIT_RES) {
      const hit = u.re.exec(after(text, r));
      if (!hit) continue;
      if (u.glued && LABEL_BEFORE.test(left)) break;
      if (r.unit === null || u.unit === r.unit) {
        r.unit = u.unit;
        r.value *= u.factor ?? 1;
        r.per = u.per ?? null;
        r.end += hit[0].length;
      }
      break;
    }
  }
  // "5 million pounds" is money; "5 pounds" of weight.
  if (r.unit === null && /^\s?pounds?\b/i.test(after(text, r))) {
    r.unit = r.scaled || /£/.test(left) ? 'GBP' : 'lb';
    r.end += /^\s?pounds?/i.exec(after(text, r))![0].length;
  }
}

/** "300 soldiers"; "a dozen or so leaders": the counted noun may follow a trailing qualifier. */
function readCountedNoun(r: Reading, text: string, tokens: readonly TaggedToken[]): void {
  const loose = /^\s*or so\b/i.exec(after(text, r));
  const direct = countedNoun(text, tokens, r.end);
  const noun = direct ?? (loose ? countedNoun(text, tokens, r.end + loose[0].length + 1) : null);
  if (!noun) return;
  r.looseAbout = !direct;
  r.unit = noun.unit;
  r.end = noun.end;
  r.counted = true;
}

/** Definite references, bare numbers, dates and compounds naming a kind are no figures. */
function isFigure(r: Reading, text: string, left: string, numberEnd: number, digits: string | null, words: string | null): boolean {
  // "the two nations", "those three companies": a definite reference, not a count being claimed.
  // (A possessive counts: "his seven receiving touchdowns were a career best".)
  if (r.counted && /\b(?:the|these|those)\s+$/i.test(left) && (digits === null || r.value < DEFINITE_MAX)) return false;
  if (r.unit === null && !r.scaled) return false;
  if (isDate(text, numberEnd, left, after(text, r), r.value, digits, r.unit, r.scaled, r.counted)) return false;
  if (digits === null && !r.scaled && (r.unit === null || words === 'one' || /^an?$/i.test(words ?? ''))) {
    if (!(r.unit && words === 'one' && !r.counted)) return false;
  }
  // "a 10-point plan", "a two-party system": a compound naming a kind, not a count. (Durations are
  // figures: "a 30-day extension", "a 24-hour strike".)
  return !(
    /^-?(?:point|foot|inch|seat|member|page|man|nation|party|way|story)\b/i.test(text.slice(numberEnd, numberEnd + 8)) &&
    text[numberEnd] === '-'
  );
}

function readQualifiers(r: Reading, text: string, tokens: readonly TaggedToken[]): void {
  const before = text.slice(Math.max(0, r.start - 40), r.start);
  for (const [re, q] of QUALIFIERS) {
    const hit = re.exec(before);
    if (hit) {
      r.qualifier = q;
      r.start -= hit[0].length;
      while (/\s/.test(text[r.start]!)) r.start += 1;
      break;
    }
  }
  if (r.looseAbout && r.qualifier === 'exact') r.qualifier = 'about';
  for (const [re, q] of TRAILING_QUALIFIERS) {
    const hit = re.exec(after(text, r));
    if (hit && r.qualifier === 'exact') {
      r.qualifier = q;
      r.end += hit[0].length;
      if (r.counted) {
        const noun = countedNoun(text, tokens, r.end);
        if (noun) r.end = noun.end;
      }
      break;
    }
  }
}

/** Oldest age read from a bare number. */
const MAX_AGE = 120;

/** The end of an age phrase around a number, or null when the number is no age. */
function ageAt(
  text: string,
  tokens: readonly TaggedToken[],
  start: number,
  end: number,
  left: string,
  value: number,
): { end: number } | null {
  if (!Number.isInteger(value) || value < 1 || value > MAX_AGE) return null;
  const rest = text.slice(end, end + 24);
  const yearOld = /^\s?-\s?years?\s?-\s?old\b|^ years? old\b/i.exec(rest);
  if (yearOld) return { end: end + yearOld[0].length };
  if (/^\s?-?\s?(?:years?|months?|weeks?|days?)\b/i.test(rest)) return null;
  if (/\b(?:aged?|at (?:the )?age(?: of)?|died (?:\w+ ){0,3}at)\s$/i.test(left)) return { end };
  // "She was 85." closing its sentence.
  if (/\b(?:he|she) (?:was|is)\s$/i.test(left) && /^\s*[.;]/.test(rest)) return { end };
  // "Jackson, 25, was driving": a name, then the age between commas.
  if (/,\s$/.test(left) && /^,\s/.test(rest)) {
    const i = tokenIndexAt(tokens, start) - 2;
    const name = tokens[i];
    if (name && name.pos === 'PROPN' && /^\p{Lu}/u.test(name.text) && !/\d\s?,\s$/.test(left)) return { end };
  }
  return null;
}

/** An ordinal and what it ranks ("79th" of "Academy Awards"), unless it is a date or a century. */
function ordinalAt(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  start: number,
  numberEnd: number,
  left: string,
  value: number,
): FoundQuantity | null {
  const end = numberEnd + 2;
  const rest = text.slice(end, end + 30);
  if (
    MONTHS.test(left.trimEnd()) ||
    MONTH_AFTER.test(rest) ||
    /^\s+(?:of\s+)?(?:century|centuries|of (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/i.test(rest)
  )
    return null;
  const sentence = sentenceAt(sentences, start);
  const np = nounPhrase(tokens, tokenIndexAt(tokens, end), sentence?.end ?? text.length, false);
  return {
    start,
    end,
    value,
    unit: 'ordinal',
    text: text.slice(start, end),
    qualifier: 'exact',
    measure: np ? text.slice(np[0], np[1]) : null,
    per: null,
  };
}

function wordNumber(words: string): number {
  const lower = words.toLowerCase();
  if (/^half an?$/.test(lower)) return 0.5;
  const [tens, ones] = lower.split('-');
  return (WORD_NUMBERS.get(tens!) ?? NaN) + (ones ? (WORD_NUMBERS.get(ones) ?? NaN) : 0);
}

/** A plural noun (after at most one adjective) that the number counts. */
function countedNoun(text: string, tokens: readonly TaggedToken[], end: number): { unit: string; end: number } | null {
  let i = tokenIndexAt(tokens, end);
  const first = tokens[i];
  if (!first || first.start - end > 1) return null;
  // One modifier may stand between: "3 new players", "3,000 wind turbines".
  if (/^(?:ADJ|VERB|NOUN)$/.test(first.pos) && tokens[i + 1] && /s$/.test(tokens[i + 1]!.lower) && tokens[i + 1]!.pos === 'NOUN') i += 1;
  const noun = tokens[i];
  // Plural nouns, and plural demonyms and party names ("10 million Ukrainians", "3 Democrats"); right
  // after a number a plural the tagger read as a verb is a noun ("59 catches").
  const plural =
    noun &&
    (noun.pos === 'NOUN' ||
      (noun.pos === 'PROPN' && /^\p{Lu}\p{Ll}+s$/u.test(noun.text)) ||
      (noun.pos === 'VERB' && noun === first && /^\p{Ll}+s$/u.test(noun.text)));
  const unmarked = noun !== undefined && UNMARKED_PLURALS.has(noun.lower);
  if (!noun || !(unmarked || (plural && /[a-z]{2,}s$/.test(noun.lower) && !noun.lower.endsWith('ss')))) return null;
  if (text.slice(end, noun.start).includes('\n')) return null;
  return { unit: noun.lower, end: noun.end };
}

function isDate(
  text: string,
  numberEnd: number,
  left: string,
  rest: string,
  value: number,
  digits: string | null,
  unit: string | null,
  scaled: boolean,
  counted: boolean,
): boolean {
  if (digits === null) return false;
  if (MONTHS.test(left.trimEnd()) || MONTH_AFTER.test(rest)) return !scaled;
  const plainInteger = /^\d{4}$/.test(digits);
  if (plainInteger && value >= YEAR_MIN && value <= YEAR_MAX && !scaled && (unit === null || counted)) return true;
  if (/^\s?(?:a\.m\.|p\.m\.|am\b|pm\b|GMT|UTC|ET\b|EST\b)/i.test(rest)) return true;
  if (/^(?:st|nd|rd|th)\b/i.test(text.slice(numberEnd, numberEnd + 2))) return true;
  return false;
}

function periodAfter(text: string, end: number): string | null {
  const tail = text.slice(end, end + 80);
  for (const [re, period] of PERIODS) if (re.test(tail)) return period;
  // A few words on, before any punctuation: "tons of aluminum to the U.S. market annually".
  const window = /^[^,.;:!?\n]*/.exec(tail.replace(/U\.S\./g, 'U_S_'))![0];
  const words = window.split(/\s+/).filter(Boolean);
  for (let k = 1; k < Math.min(words.length, PERIOD_REACH_WORDS); k += 1) {
    const sub = ` ${words.slice(k).join(' ')}`;
    for (const [re, period] of PERIODS) if (re.test(sub)) return period;
  }
  return null;
}

/** What the quantity measures, when the sentence says: "15% of U.S. aluminum imports". */
function measureOf(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  start: number,
  end: number,
  unit: string,
): string | null {
  const sentence = sentenceAt(sentences, start);
  const limitEnd = sentence?.end ?? text.length;
  const limitStart = sentence?.start ?? 0;
  let i = tokenIndexAt(tokens, end);
  // Forward: "of NP" ("2,500 tons of concentrate"); for %, money and counts also a following noun ("200% tariff on ...").
  if (tokens[i]?.lower === 'of' && tokens[i]!.start < limitEnd) {
    const np = nounPhrase(tokens, i + 1, limitEnd, true, true);
    if (np) return text.slice(np[0], np[1]);
  }
  if ((unit === '%' || unit === '' || /^[A-Z]{3}$/.test(unit)) && tokens[i] && tokens[i]!.start - end <= 1) {
    const np = nounPhrase(tokens, i, limitEnd, true);
    if (np) return text.slice(np[0], np[1]);
  }
  // Backward: skip links ("are estimated at", "worth", "could reach") to the noun phrase before.
  i = tokenIndexAt(tokens, start) - 1;
  let skipped = 0;
  while (i >= 0 && tokens[i]!.start >= limitStart && (MEASURE_LINKS.has(tokens[i]!.lower) || tokens[i]!.pos === 'ADV') && skipped < 6) {
    i -= 1;
    skipped += 1;
  }
  if (skipped === 0 || i < 0 || tokens[i]!.start < limitStart) return null;
  if (tokens[i]!.text === ',' && skipped > 0) i -= 1;
  const np = nounPhraseBackward(tokens, i, limitStart);
  return np ? text.slice(np[0], np[1]) : null;
}

const NP_POS = new Set(['NOUN', 'PROPN', 'ADJ', 'NUM']);
const NP_INNER = new Set(['of', 'in', 'on', 'for', 'to', 'from']);

/** Character span of the noun phrase starting at token `i` (a leading determiner dropped). */
function nounPhrase(
  tokens: readonly TaggedToken[],
  i: number,
  limit: number,
  allowInner: boolean,
  afterOf = false,
): [number, number] | null {
  while (tokens[i] && (tokens[i]!.pos === 'DET' || tokens[i]!.lower === 'the')) i += 1;
  const first = i;
  let last = -1;
  let innerUsed = false;
  while (tokens[i] && tokens[i]!.start < limit && i - first < MEASURE_MAX_WORDS) {
    const t = tokens[i]!;
    // Right after "of" a word tagged as a verb is a noun ("tons of concentrate").
    const nominal = afterOf && i === first && t.pos === 'VERB';
    if (nominal) last = i;
    if (
      nominal ||
      NP_POS.has(t.pos) ||
      (t.pos === 'PART' && /^'s?$/.test(t.lower)) ||
      (t.text === '-' && last >= 0) ||
      (t.text === '.' && last === i - 1)
    ) {
      if (t.pos === 'NOUN' || t.pos === 'PROPN') last = i;
      i += 1;
    } else if (allowInner && !innerUsed && NP_INNER.has(t.lower) && last === i - 1) {
      innerUsed = true;
      i += 1;
      while (tokens[i] && tokens[i]!.pos === 'DET') i += 1;
    } else break;
  }
  if (last < first) return null;
  return [tokens[first]!.start, tokens[last]!.end];
}

/** Character span of the noun phrase that ends at token `i`, read backwards. */
function nounPhraseBackward(tokens: readonly TaggedToken[], i: number, limit: number): [number, number] | null {
  const last = i;
  const head = tokens[last];
  if (!head || (head.pos !== 'NOUN' && head.pos !== 'PROPN')) return null;
  let first = last;
  let innerUsed = false;
  while (first > 0 && tokens[first - 1]!.start >= limit && last - first < MEASURE_MAX_WORDS) {
    const t = tokens[first - 1]!;
    if (
      NP_POS.has(t.pos) ||
      (t.pos === 'PART' && /^'s?$/.test(t.lower)) ||
      t.text === '-' ||
      (t.pos === 'ADV' && /^(?:most|least)$/.test(t.lower))
    )
      first -= 1;
    else if (
      !innerUsed &&
      NP_INNER.has(t.lower) &&
      first - 2 >= 0 &&
      (tokens[first - 2]!.pos === 'NOUN' || tokens[first - 2]!.pos === 'PROPN')
    ) {
      innerUsed = true;
      first -= 1;
    } else if (t.pos === 'DET' && /^(?:the|its|their|his|her)$/.test(t.lower)) {
      first -= 1;
      break;
    } else break;
  }
  while (first < last && (tokens[first]!.pos === 'DET' || tokens[first]!.pos === 'PART' || NP_INNER.has(tokens[first]!.lower))) first += 1;
  return [tokens[first]!.start, tokens[last]!.end];
}
