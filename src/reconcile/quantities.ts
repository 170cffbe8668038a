// Numbers across outlets. Mentions of one value (same unit and period, equal within rounding) and
// one context form a claim; then claims with different values for the same measure, never stated
// side by side by any one article, are merged as a conflict.
//   agrees       same value, same measure
//   approximate  within rounding, or hedged differently ("about 15%" vs "15%")
//   conflicting  same measure, different value
//   drifted      same value attached to a different measure ("of imports" -> "of the market")
import type { MentionStatus, QuantityInfo } from '../records.js';
import { byRankAndPosition } from './align.js';
import { countOrigins, type StoryOrder } from './origins.js';
import { cosine, dot, sentenceVector, wordVector, words as vectorWords } from '../semantics/index.js';
import { dice, type PreparedMention } from './similarity.js';
import { contentStems, isContent, numbersOf, stem, wordsOf } from './words.js';

export interface QuantityThresholds {
  /** Least similarity of the words around two equal numbers for them to be one claim. */
  readonly sameValueContext: number;
  /** Least similarity of the measures of two different numbers to call them a conflict. */
  readonly conflictMeasure: number;
  /** Largest relative difference still read as rounding (3.8 vs 3.75 million). */
  readonly rounding: number;
  /** Use word vectors when comparing measures. */
  readonly semantic: boolean;
}

/** Words either side of the number that describe what it counts. */
const LOCAL_WINDOW_WORDS = 8;
/** Longest measure phrase read after "of" when the claim stage gave none. */
const MEASURE_PHRASE_WORDS = 5;
/** Above this cosine two measure phrases name the same thing however worded. */
const SAME_MEASURE_COSINE = 0.7;
/** A shared head noun ("Lumen Data" next to both prices) says as much as close wording. */
const SHARED_HEAD_SIMILARITY = 0.7;
/** Share of shared sentence words (vs sentence meaning) in the context score of two numbers. */
const CONTEXT_WEIGHT = 0.6;
/** Below this Dice overlap of their content words two measures are different things. */
const DIFFERENT_MEASURE_DICE = 0.5;

export interface QuantityMention {
  readonly prepared: PreparedMention;
  readonly quantity: QuantityInfo;
  /** Content stems of the words around the number. */
  readonly local: ReadonlySet<string>;
  /** What the number measures, as written (claim stage's measure, else the "of ..." phrase). */
  readonly measure: string | null;
  readonly measureStems: ReadonlySet<string>;
  /** The measure's head nouns: the last content word, and the last one before "of", "to", "in"... */
  readonly heads: ReadonlySet<string>;
  readonly measureVector: Float32Array | null;
  /** The "of ..." phrase right after the number, when there is one: for shares, the truest measure. */
  readonly of: Measure | null;
  /** The other figures of its sentence (digits of at least two places, folded): "1098" beside "59 catches". */
  readonly beside: ReadonlySet<string>;
}

interface Measure {
  readonly text: string;
  readonly stems: ReadonlySet<string>;
  /** Stems of its words that are not names: what is measured, not whose ("Brennwald's shares"). */
  readonly common: ReadonlySet<string>;
  readonly heads: ReadonlySet<string>;
  readonly vector: Float32Array | null;
}

export interface QuantityVersion {
  readonly prepared: PreparedMention;
  readonly status: MentionStatus;
  readonly score: number;
}

export interface QuantityClaim {
  readonly reference: QuantityMention;
  readonly versions: readonly QuantityVersion[];
  /** Other values stated for the same measure, with the articles stating them. */
  readonly conflicts: readonly { readonly quantity: QuantityInfo; readonly articles: readonly string[] }[];
  readonly drifts: readonly {
    readonly article: string;
    readonly measure: string;
    readonly referenceMeasure: string | null;
    readonly referenceOf: boolean;
  }[];
}

export function prepareQuantity(prepared: PreparedMention, semantic: boolean): QuantityMention | null {
  const quantity = prepared.mention.quantity;
  if (!quantity) return null;
  const after = measureAfter(prepared.mention.context, prepared.mention.text);
  const measure = quantity.measure ?? after;
  return {
    prepared,
    quantity,
    local: localStems(prepared.mention.context, prepared.mention.text),
    measure,
    measureStems: measure ? contentStems(wordsOf(measure)) : new Set(),
    heads: measure ? headsOf(measure) : new Set(),
    measureVector: semantic && measure ? sentenceVector(vectorWords(measure)) : null,
    beside: new Set([...numbersOf(prepared.mention.context)].filter((n) => n.length >= 2 && !prepared.numbers.has(n))),
    of: after
      ? {
          stems: contentStems(wordsOf(after)),
          common: commonStems(after),
          heads: headsOf(after),
          vector: semantic ? sentenceVector(vectorWords(after)) : null,
          text: after,
        }
      : null,
  };
}

/** "15% of U.S. aluminum imports before ..." -> "U.S. aluminum imports". */
export function measureAfter(context: string, phrase: string): string | null {
  const at = context.indexOf(phrase);
  if (at < 0) return null;
  const rest = context.slice(at + phrase.length).split(/[,;:!?()]|\.(?=\s*$)/)[0]!;
  const m = /^\s+of\s+(.+)$/i.exec(rest);
  if (!m) return null;
  const stop =
    /^(?:before|after|if|since|in|by|for|from|when|while|to|and|or|but|that|which|who|on|at|as|than|under|over|per|a|each|annually|every|was|were|is|are|has|had|have|will|would)$/i;
  const out: string[] = [];
  for (const word of m[1]!.trim().split(/\s+/)) {
    if (out.length > 0 && (stop.test(word) || (/\.$/.test(out[out.length - 1]!) && /^\p{Lu}\p{Ll}/u.test(word)))) break;
    out.push(word);
    if (out.length >= MEASURE_PHRASE_WORDS) break;
  }
  return out.join(' ') || null;
}

function commonStems(measure: string): Set<string> {
  return contentStems(wordsOf(measure).filter((w) => !/^\p{Lu}/u.test(w.raw)));
}

function headsOf(measure: string): Set<string> {
  const words = wordsOf(measure).filter((w) => !/\p{N}/u.test(w.norm));
  const heads = new Set<string>();
  const content = words.filter(isContent);
  if (content.length > 0) heads.add(content[content.length - 1]!.stem);
  const cut = words.findIndex((w) => HEAD_ENDS.has(w.norm));
  if (cut > 0) {
    const before = words.slice(0, cut).filter(isContent);
    if (before.length > 0) heads.add(before[before.length - 1]!.stem);
  }
  return heads;
}

/** Prepositions after which a measure phrase only qualifies its head ("reserves of rare earths"). */
const HEAD_ENDS = new Set(['of', 'to', 'in', 'for', 'on', 'from', 'at', 'by', 'with']);

function localStems(context: string, phrase: string): Set<string> {
  const at = context.indexOf(phrase);
  if (at < 0) return contentStems(wordsOf(context));
  const before = wordsOf(context.slice(0, at)).slice(-LOCAL_WINDOW_WORDS);
  const after = wordsOf(context.slice(at + phrase.length)).slice(0, LOCAL_WINDOW_WORDS);
  const stems = contentStems([...before, ...after]);
  for (const s of [...stems]) if (/\p{N}/u.test(s)) stems.delete(s);
  return stems;
}

function sameUnit(a: QuantityInfo, b: QuantityInfo): boolean {
  return a.unit === b.unit && (a.per === null || b.per === null || a.per === b.per);
}

/** Units of time: "3 days" and "3 weeks" are never one figure, whatever the context. */
const TIME_UNITS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries']);

/** Days in a unit of calendar time, for durations written in different units ("a 30-day extension" / "a one-month delay"). */
const DAYS_IN: ReadonlyMap<string, number> = new Map([
  ['days', 1],
  ['weeks', 7],
  ['months', 30.44],
  ['years', 365.25],
]);
/**
 * Largest relative difference between two durations in different units still read as one: a month
 * is 28 to 31 days, so "four weeks", "30 days" and "a month" are one delay; "two weeks" and "a month" are not.
 */
const DURATION_ROUNDING = 0.1;

/** One duration written in two units of calendar time: "30 days" and "one month", "two weeks" and "14 days". */
function sameDuration(a: QuantityInfo, b: QuantityInfo): boolean {
  const [da, db] = [DAYS_IN.get(a.unit), DAYS_IN.get(b.unit)];
  if (da === undefined || db === undefined || a.unit === b.unit || a.per !== b.per) return false;
  return closeValues(a.value * da, b.value * db, DURATION_ROUNDING);
}

/**
 * Things counted by a noun ("310 people", "310 heat cases", "220 staff" / "220 workers"): outlets
 * name what they count in their own words, so one value in one context is one figure. Symbols and
 * measurement units (%, USD, t, km) and units of time must match exactly.
 */
function countNoun(unit: string): boolean {
  return /^\p{Ll}{4,}$/u.test(unit) && !TIME_UNITS.has(unit) && unit !== 'ordinal';
}

/** The same unit, or two nouns counting things: candidates for one figure. */
function comparableUnit(a: QuantityInfo, b: QuantityInfo, semantic: boolean): boolean {
  if (sameUnit(a, b)) return true;
  // A scaled figure with no unit ("110bn" where the euro sign was lost) is the same figure in its context.
  if (a.unit === '' || b.unit === '') return a.per === null || b.per === null || a.per === b.per;
  if (!countNoun(a.unit) || !countNoun(b.unit) || !(a.per === null || b.per === null || a.per === b.per)) return false;
  // Small counts coincide by chance ("two wins", "two contract extensions"): the nouns must be kin.
  return Math.min(a.value, b.value) >= SMALL_COUNT || kinNouns(a.unit, b.unit, semantic);
}

/** Below this a count of one thing and a count of another are two figures unless they count kindred things. */
const SMALL_COUNT = 10;
/** Least word-vector cosine of two counted nouns that count the same kind of thing ("catches" / "receptions" 0.60, "people" / "victims" 0.70; "wins" / "appearances" 0.44). */
const KIN_NOUNS = 0.5;

function kinNouns(a: string, b: string, semantic: boolean): boolean {
  if (stem(a) === stem(b)) return true;
  if (!semantic) return false;
  const [u, v] = [wordVector(a), wordVector(b)];
  return u !== null && v !== null && dot(u, v) >= KIN_NOUNS;
}

/** Reports of one figure differ by a few percent or a few times, not by orders of magnitude (2,500 t mined vs 3.8 million t held). */
const CONFLICT_MAX_RATIO = 20;

function sameOrder(a: number, b: number): boolean {
  const [lo, hi] = [Math.min(Math.abs(a), Math.abs(b)), Math.max(Math.abs(a), Math.abs(b))];
  return lo > 0 ? hi / lo <= CONFLICT_MAX_RATIO : hi === 0;
}

/**
 * "About 300" is a figure rounded to its last significant digit: it agrees with 310 (rounds to
 * 300) but not with 360. Only "about" figures ending in zeros are read so.
 */
function roundsTo(hedged: QuantityInfo, other: QuantityInfo): boolean {
  if (hedged.qualifier !== 'about' || !Number.isInteger(hedged.value) || hedged.value === 0) return false;
  let precision = 1;
  while (hedged.value % (precision * 10) === 0) precision *= 10;
  return precision >= 10 && Math.round(other.value / precision) * precision === hedged.value;
}

/** Two statements of one figure: equal within `rounding`, or one an "about" figure the other rounds to. */
function sameFigure(a: QuantityInfo, b: QuantityInfo, rounding: number): boolean {
  return closeValues(a.value, b.value, rounding) || roundsTo(a, b) || roundsTo(b, a);
}

function closeValues(a: number, b: number, rounding: number): boolean {
  if (a === b) return true;
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale > 0 && Math.abs(a - b) / scale <= rounding;
}

/** How alike the surroundings of two numbers are: the words around them and what they measure. */
function contextScore(a: QuantityMention, b: QuantityMention): number {
  const local = dice(a.local, b.local);
  const context = dice(a.prepared.contextContent, b.prepared.contextContent);
  const meaning = Math.max(0, cosine(a.prepared.vector, b.prepared.vector));
  // "59 catches for 1098 yards" / "59 passes and ... 1,098 yards": another figure both sentences give places them.
  const beside = [...a.beside].some((n) => b.beside.has(n)) ? SHARED_FIGURE_CONTEXT : 0;
  return Math.max(local, CONTEXT_WEIGHT * context + (1 - CONTEXT_WEIGHT) * meaning, beside);
}

/** The context score of two equal numbers whose sentences also share another figure. */
const SHARED_FIGURE_CONTEXT = 0.5;

/**
 * Measures that name different things; unknown (false) when either is missing. Two measures are
 * the same when they share a head noun ("Russia reserves" / "reserves of rare earth metals"), when
 * one's head stands right next to the other's number ("investment in this project at $15 billion"
 * / "investments worth $15 billion"), or when their words or meanings are close.
 */
export function measuresDiffer(a: QuantityMention, b: QuantityMention): boolean {
  const given = (q: QuantityMention): Measure | null =>
    q.measure ? { text: q.measure, stems: q.measureStems, common: commonStems(q.measure), heads: q.heads, vector: q.measureVector } : null;
  return phrasesDiffer(given(a), given(b), a.local, b.local) || phrasesDiffer(a.of, b.of, a.local, b.local);
}

/** The drift of a measure: which phrase a version gives for it ("the U.S. market"), when it differs. */
export function driftedMeasure(reference: QuantityMention, version: QuantityMention): string | null {
  if (phrasesDiffer(reference.of, version.of, reference.local, version.local)) return version.of!.text;
  return measuresDiffer(reference, version) ? (version.measure ?? version.of?.text ?? null) : null;
}

function phrasesDiffer(a: Measure | null, b: Measure | null, localA: ReadonlySet<string>, localB: ReadonlySet<string>): boolean {
  if (!a || !b || a.stems.size === 0 || b.stems.size === 0) return false;
  if ([...a.heads].some((h) => b.heads.has(h) || localB.has(h)) || [...b.heads].some((h) => localA.has(h))) return false;
  // Whose figure it is (a shared name) does not make two measures one: compare what they measure.
  const [wordsA, wordsB] = a.common.size > 0 && b.common.size > 0 ? [a.common, b.common] : [a.stems, b.stems];
  if (dice(wordsA, wordsB) >= DIFFERENT_MEASURE_DICE) return false;
  if (a.vector && b.vector && cosine(a.vector, b.vector) >= SAME_MEASURE_COSINE) return false;
  return true;
}

/** How sure we are that two numbers measure the same thing: their measures, their neighbours, their sentences. */
function measureSimilarity(a: QuantityMention, b: QuantityMention): number {
  const semantic = a.measureVector && b.measureVector ? cosine(a.measureVector, b.measureVector) : 0;
  const measures = a.measureStems.size > 0 && b.measureStems.size > 0 ? Math.max(dice(a.measureStems, b.measureStems), semantic) : 0;
  return Math.max(measures, dice(a.local, b.local), contextScore(a, b), sharedHead(a, b) ? SHARED_HEAD_SIMILARITY : 0);
}

/**
 * Two accounts of one figure tell the same thing around it; a shared measure word and one more
 * ("the jury ... after 12 hours of deliberation" to convict / "the jury was unable to decide
 * after 30 hours of deliberation" on the sentence) is two figures of one kind. A name both
 * sentences give counts twice: it says whose figure it is ("Orbis ... $2.1 billion" / "Orbis will
 * pay $2.4 billion"). Words of the quantities and their measures do not count.
 */
const CONFLICT_SHARED_WEIGHT = 2;

function sharedStoryWords(a: QuantityMention, b: QuantityMention): number {
  const own = new Set([...a.measureStems, ...b.measureStems, ...a.heads, ...b.heads, ...phraseWords(a), ...phraseWords(b)]);
  const names = new Set([...a.prepared.names].filter((n) => b.prepared.names.has(n)).map(stem));
  let shared = 0;
  for (const word of a.prepared.contextContent) {
    if (own.has(word) || !b.prepared.contextContent.has(word) || /^\p{N}/u.test(word)) continue;
    shared += names.has(word) ? 2 : 1;
  }
  return shared;
}

function phraseWords(q: QuantityMention): Set<string> {
  return contentStems(wordsOf(q.prepared.mention.text));
}

/**
 * An article that gives both values ("landed 178 of 369 punches") measures two things with them,
 * whatever the context words say: neither value contradicts the other. The other value may be a
 * quantity of its own in that article or a bare number in the same sentence.
 */
function statesBoth(all: readonly QuantityMention[], a: QuantityMention, b: QuantityMention, rounding: number): boolean {
  const holds = (holder: QuantityMention, q: QuantityMention) =>
    all.some(
      (m) =>
        m.prepared.mention.article === holder.prepared.mention.article &&
        sameUnit(m.quantity, q.quantity) &&
        closeValues(m.quantity.value, q.quantity.value, rounding),
    ) || [...numbersOf(holder.prepared.mention.context || holder.prepared.mention.text)].some((n) => Number(n) === q.quantity.value);
  return holds(b, a) || holds(a, b);
}

/** One measure's head noun stands next to the other number, or both measures have it. */
function sharedHead(a: QuantityMention, b: QuantityMention): boolean {
  return [...a.heads].some((h) => b.heads.has(h) || b.local.has(h)) || [...b.heads].some((h) => a.local.has(h));
}

interface ValueGroup {
  reference: QuantityMention;
  readonly members: Map<string, { quantity: QuantityMention; score: number }>;
}

export function reconcileQuantities(
  mentions: readonly PreparedMention[],
  order: StoryOrder,
  thresholds: QuantityThresholds,
): QuantityClaim[] {
  const prepared = [...mentions]
    .sort(byRankAndPosition)
    .map((m) => prepareQuantity(m, thresholds.semantic))
    .filter((q): q is QuantityMention => q !== null);

  // 1. One value, one context: one claim.
  const groups: ValueGroup[] = [];
  for (const q of prepared) {
    let best: ValueGroup | null = null;
    let bestScore = 0;
    for (const group of groups) {
      const ref = group.reference;
      const same =
        (comparableUnit(q.quantity, ref.quantity, thresholds.semantic) && sameFigure(q.quantity, ref.quantity, thresholds.rounding)) ||
        sameDuration(q.quantity, ref.quantity);
      if (!same) continue;
      const score = contextScore(q, ref);
      if (score >= thresholds.sameValueContext && score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    const article = q.prepared.mention.article;
    if (!best) groups.push({ reference: q, members: new Map([[article, { quantity: q, score: 1 }]]) });
    else if (!best.members.has(article)) best.members.set(article, { quantity: q, score: bestScore });
    // else: the article repeats the number (headline and body); its first mention stands.
  }

  // 2. Different values for one measure, never side by side in one article: a conflict.
  const merged = new Map<ValueGroup, ValueGroup[]>(groups.map((g) => [g, [g]]));
  const articlesOf = (gs: readonly ValueGroup[]) => new Set(gs.flatMap((g) => [...g.members.keys()]));
  const valuesOf = (gs: readonly ValueGroup[]) => gs.map((g) => g.reference.quantity.value);
  for (let i = 0; i < groups.length; i++) {
    const a = groups[i]!;
    if (!merged.has(a)) continue;
    for (let j = i + 1; j < groups.length; j++) {
      const b = groups[j]!;
      if (!merged.has(b)) continue;
      if (!sameUnit(a.reference.quantity, b.reference.quantity)) continue;
      if (!sameOrder(a.reference.quantity.value, b.reference.quantity.value)) continue;
      const family = merged.get(a)!;
      const theirs = merged.get(b)!;
      if (valuesOf(family).some((v) => valuesOf(theirs).some((w) => closeValues(v, w, thresholds.rounding)))) continue;
      const mine = articlesOf(family);
      if ([...articlesOf(theirs)].some((id) => mine.has(id))) continue;
      if (measureSimilarity(a.reference, b.reference) < thresholds.conflictMeasure) continue;
      if (measuresDiffer(a.reference, b.reference)) continue;
      if (statesBoth(prepared, a.reference, b.reference, thresholds.rounding)) continue;
      // A rate and an amount ("$4 million a year" / "$8 million") are two measures, never a conflict.
      if (a.reference.quantity.per !== b.reference.quantity.per) continue;
      if (sharedStoryWords(a.reference, b.reference) < CONFLICT_SHARED_WEIGHT) continue;
      family.push(...theirs);
      merged.delete(b);
    }
  }

  return [...merged.values()].map((family) => finishQuantity(family, order));
}

function finishQuantity(family: readonly ValueGroup[], order: StoryOrder): QuantityClaim {
  // The value most independent origins state wins; then the earliest.
  const ranked = [...family].sort(
    (a, b) =>
      countOrigins(order, b.members.keys()) - countOrigins(order, a.members.keys()) ||
      a.reference.prepared.rank - b.reference.prepared.rank,
  );
  const main = ranked[0]!;
  // The figure as stated with its unit, when the top-ranked mention lost it ("110bn" beside "110 billion euro").
  const reference =
    main.reference.quantity.unit === ''
      ? ([...main.members.values()].map((m) => m.quantity).find((q) => q.quantity.unit !== '') ?? main.reference)
      : main.reference;
  const versions: QuantityVersion[] = [];
  const drifts: { article: string; measure: string; referenceMeasure: string | null; referenceOf: boolean }[] = [];
  for (const [article, { quantity, score }] of main.members) {
    let status: MentionStatus;
    const drift = quantity === reference || SELF_MEASURING_UNITS.has(reference.quantity.unit) ? null : driftedMeasure(reference, quantity);
    if (quantity === reference) status = 'original';
    else if (drift !== null) {
      status = 'drifted';
      const ofPhrase = phrasesDiffer(reference.of, quantity.of, reference.local, quantity.local);
      const referenceMeasure = ofPhrase ? reference.of!.text : reference.measure;
      // "15% of U.S. aluminum imports" reads with "of"; "shares fell 6%" does not.
      drifts.push({
        article,
        measure: drift,
        referenceMeasure,
        referenceOf: ofPhrase || (referenceMeasure !== null && referenceMeasure === reference.of?.text),
      });
    } else if (quantity.quantity.value !== reference.quantity.value || hedge(quantity.quantity) !== hedge(reference.quantity))
      status = 'approximate';
    else status = 'agrees';
    versions.push({ prepared: quantity.prepared, status, score: round(score) });
  }
  const conflicts = ranked.slice(1).map((group) => ({ quantity: group.reference.quantity, articles: [...group.members.keys()] }));
  for (const group of ranked.slice(1)) {
    for (const { quantity } of group.members.values()) {
      versions.push({ prepared: quantity.prepared, status: 'conflicting', score: round(measureSimilarity(reference, quantity)) });
    }
  }
  return { reference, versions, conflicts, drifts };
}

/**
 * Units that say what they measure: 43.2C is a temperature whether it was read "in Doria" or "at the
 * city airport"; the words next to it name a place, not another measure, so it cannot drift.
 */
const SELF_MEASURING_UNITS: ReadonlySet<string> = new Set(['°C', '°F']);

/** Exact figures and "about" figures differ in hedge; bounds ("up to", "at least") are hedges too. */
function hedge(q: QuantityInfo): string {
  return q.qualifier;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
