// What a careful editor flags first, one readable sentence each, naming the outlets:
// changed quotes, numbers that conflict or drift, contradictions, claims only one outlet carries,
// and articles that reuse another's text without saying so.
import type { Article, Derivation, Finding, ReconciledClaim, WordChange } from '../records.js';
import type { StoryOrder } from './origins.js';

/** Longest quote shown inside a finding, in words; the dossier has the full text. */
const QUOTE_WORDS_SHOWN = 18;
/** Bare counts in this range are years ("in 2023"), not claims. */
const YEAR_RANGE = [1800, 2100] as const;
/** Units of time: how long ago or how long something lasted is rarely the claim itself. */
const DURATIONS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years', 'decades', 'centuries']);
/** Counts below this are scene-setting unless they measure money, shares or physical amounts. */
const SMALL_COUNT = 10;
const MEASURED_UNITS = /^(?:%|[A-Z]{3}|t|kg|g|km|m|l|bbl|people|deaths|jobs)$/;
/** A quote shorter than this is a phrase, not a claim worth flagging alone. */
const SUBSTANTIVE_QUOTE_WORDS = 6;

/** How a person names an article: its outlet, else the site, else the input file; the file too when names clash. */
export function articleNames(articles: readonly Article[]): Map<string, string> {
  const base = outletOf;
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(base(a).toLowerCase(), (counts.get(base(a).toLowerCase()) ?? 0) + 1);
  return new Map(
    articles.map((a) => {
      const name = base(a);
      const clash = counts.get(name.toLowerCase())! > 1 && name !== fileName(a.input);
      return [a.id, clash ? `${name} (${fileName(a.input)})` : name];
    }),
  );
}

/** Who an article speaks for: its credited outlet, else the site, else its input file. */
export function outletOf(a: Article): string {
  return a.outlet ?? a.publisher ?? fileName(a.input);
}

function fileName(input: string): string {
  const last = input.split(/[\\/]/).filter(Boolean).pop() ?? input;
  return last || input;
}

export function shorten(text: string, words = QUOTE_WORDS_SHOWN, ends = false): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length <= words) return text.trim();
  if (!ends) return `${parts.slice(0, words).join(' ')} …`;
  const tail = Math.round(words * TAIL_SHARE);
  return `${parts.slice(0, words - tail).join(' ')} … ${parts.slice(-tail).join(' ')}`;
}

/** Share of the words shown from the end when a changed stretch is shortened at both ends: a quote often changes at its close. */
const TAIL_SHARE = 1 / 3;

export interface FindingContext {
  readonly articles: readonly Article[];
  readonly names: ReadonlyMap<string, string>;
  readonly order: StoryOrder;
  readonly derivations: readonly Derivation[];
  readonly maxUniquePerArticle: number;
  readonly maxUniquePerStory: number;
  readonly flagTrimmedQuotes: boolean;
  /** Measures of drifted versions, by claim id and article. */
  readonly drifts: ReadonlyMap<
    string,
    readonly { article: string; measure: string; referenceMeasure: string | null; referenceOf: boolean }[]
  >;
}

export function quoteFindings(claim: ReconciledClaim, ctx: FindingContext): Finding[] {
  const reference = claim.versions.find((v) => v.status === 'original');
  // A changed quote is a finding when it is pinned on someone; words nobody is named as saying
  // may be two different remarks.
  if (!reference || !claim.speaker) return [];
  const who = claim.speaker;
  const out: Finding[] = [];
  for (const v of claim.versions) {
    if (v.status === 'altered') {
      const stretch = changedStretch(v.diff ?? []);
      const was = asWritten(stretch.was, reference.text);
      const now = asWritten(stretch.now, v.text);
      out.push({
        kind: 'altered-quote',
        message: `${ctx.names.get(v.article)} changes the words of ${who}: where ${ctx.names.get(reference.article)} quotes ${quoted(was, STRETCH_WORDS_SHOWN, true)}, it has ${quoted(now, STRETCH_WORDS_SHOWN, true)}.`,
        claim: claim.id,
        articles: [v.article, reference.article],
        severity: 'high',
      });
    } else if (v.status === 'trimmed' && ctx.flagTrimmedQuotes) {
      const dropped = (v.diff ?? []).filter((c) => c.op === 'dropped').map((c) => c.text);
      out.push({
        kind: 'trimmed-quote',
        message: `${ctx.names.get(v.article)} shortens a quote from ${who}, leaving out ${quoted(dropped.join(' … '), 12)}.`,
        claim: claim.id,
        articles: [v.article, reference.article],
        severity: 'low',
      });
    }
  }
  return out;
}

/** Words of context kept either side of the changed stretch of a quote. */
const CHANGE_CONTEXT_WORDS = 3;
/** Longest changed stretch shown, context included. */
const STRETCH_WORDS_SHOWN = QUOTE_WORDS_SHOWN + 2 * CHANGE_CONTEXT_WORDS;

/**
 * A stretch of words (from the word diff, which drops punctuation) as the text writes it, commas
 * and apostrophes included: "We by the way would" -> "We, by the way, would". The words
 * themselves when the text does not hold them in that order.
 */
export function asWritten(stretch: string, text: string): string {
  const words = stretch.match(WORD_RUN);
  if (!words) return stretch;
  // Matched run by run, not with a pattern built from the words: a case-blind Unicode pattern
  // of forty words took V8 up to 90 ms to compile, most of reconciliation's time in a story with
  // several changed quotes. The same match as that pattern (words joined by any non-word run):
  // the first word may end a longer word, the last begin one, a lone word lie anywhere inside one.
  const runs = [...text.matchAll(WORD_RUN)];
  const first = words[0]!;
  const last = words[words.length - 1]!;
  if (words.length === 1) {
    for (const run of runs) {
      for (let k = 0; k + first.length <= run[0].length; k++) {
        if (sameWord(run[0].slice(k, k + first.length), first)) return text.slice(run.index + k, run.index + k + first.length);
      }
    }
    return stretch;
  }
  for (let r = 0; r + words.length <= runs.length; r++) {
    const opening = runs[r]![0];
    const closing = runs[r + words.length - 1]!;
    if (opening.length < first.length || !sameWord(opening.slice(opening.length - first.length), first)) continue;
    if (closing[0].length < last.length || !sameWord(closing[0].slice(0, last.length), last)) continue;
    let inner = true;
    for (let k = 1; k < words.length - 1 && inner; k++) inner = sameWord(runs[r + k]![0], words[k]!);
    if (inner) return text.slice(runs[r]!.index + opening.length - first.length, closing.index + last.length);
  }
  return stretch;
}

/** A run of letters and digits: a word as the word diff keeps it. */
const WORD_RUN = /[\p{L}\p{N}]+/gu;

/** Equal but for case, as a case-blind match reads them. */
function sameWord(a: string, b: string): boolean {
  return a === b || (a.length === b.length && (a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase()));
}

/** A quotation inside a message: no wire dateline, shortened (keeping both `ends` when asked), without the closing stop of its sentence ("... Kyiv".). */
export function quoted(text: string, words = QUOTE_WORDS_SHOWN, ends = false): string {
  return `"${shorten(text.replace(DATELINE, ''), words, ends).replace(/[\s.,;:]+$/, '')}"`;
}

/** "SANTIAGO (Andes Wire) - ", "(Reuters) — ": where the text was filed, not what it says. */
const DATELINE = /^\s*(?:[\p{Lu}][\p{Lu}.'’ -]{1,40}(?:,[^(\n]{1,20})?\s)?\([^)\n]{2,40}\)\s*[-–—]\s*/u;

/** A figure phrase read inside a sentence: "At least 15 people" -> "at least 15 people". */
export function inSentence(phrase: string): string {
  return /^(?:A|An|The|About|Some|Up|More|Less|At|Nearly|Almost|Around|Over|Roughly|Just|Approximately|Only)\b/.test(phrase)
    ? phrase[0]!.toLowerCase() + phrase.slice(1)
    : phrase;
}

/**
 * The stretch of a quote where two versions part, both sides, with a few words either side:
 * "we believe it can be produced at scale" / "we are sure it can be made cheaply for millions".
 * Not shortened: `quoted` does that once the stretch is found in the text as written.
 */
export function changedStretch(diff: readonly WordChange[]): { was: string; now: string } {
  const first = diff.findIndex((c) => c.op !== 'same');
  const last = diff.length - 1 - [...diff].reverse().findIndex((c) => c.op !== 'same');
  if (first < 0) return { was: '', now: '' };
  const before = diff[first - 1]?.op === 'same' ? diff[first - 1]!.text.split(' ').slice(-CHANGE_CONTEXT_WORDS).join(' ') : '';
  const after = diff[last + 1]?.op === 'same' ? diff[last + 1]!.text.split(' ').slice(0, CHANGE_CONTEXT_WORDS).join(' ') : '';
  const was: string[] = [];
  const now: string[] = [];
  for (const c of diff.slice(first, last + 1)) {
    if (c.op === 'same') {
      was.push(c.text);
      now.push(c.text);
    } else if (c.op === 'dropped') was.push(c.text);
    else if (c.op === 'added') now.push(c.text);
    else {
      was.push(c.was ?? '');
      now.push(c.text);
    }
  }
  const frame = (middle: string[]) => [before, ...middle, after].filter(Boolean).join(' ');
  return { was: frame(was), now: frame(now) };
}

export function quantityFindings(claim: ReconciledClaim, ctx: FindingContext): Finding[] {
  const reference = claim.versions.find((v) => v.status === 'original');
  if (!reference || !claim.quantity) return [];
  const out: Finding[] = [];
  const conflicting = claim.versions.filter((v) => v.status === 'conflicting');
  if (conflicting.length > 0) {
    const agreeing = claim.versions.filter((v) => v.status !== 'conflicting');
    const others = conflicting.map((v) => `${ctx.names.get(v.article)} has ${inSentence(v.text)}`).join('; ');
    out.push({
      kind: 'conflicting-number',
      message: `The figures disagree: ${list(agreeing.map((v) => ctx.names.get(v.article)!))} ${agreeing.length > 1 ? 'report' : 'reports'} ${inSentence(reference.text)}, while ${others}.`,
      claim: claim.id,
      articles: [...agreeing, ...conflicting].map((v) => v.article),
      severity: 'high',
    });
  }
  for (const drift of ctx.drifts.get(claim.id) ?? []) {
    const was = drift.referenceMeasure
      ? `gives ${inSentence(reference.text)} ${drift.referenceOf ? 'of' : 'for'} ${drift.referenceMeasure}`
      : `gives ${inSentence(reference.text)} for something else`;
    const stated = claim.versions.find((v) => v.article === drift.article)?.text ?? claim.quantity.text;
    out.push({
      kind: 'drifted-number',
      message: `${ctx.names.get(drift.article)} attaches ${inSentence(stated)} to ${drift.measure}, where ${ctx.names.get(reference.article)} ${was}.`,
      claim: claim.id,
      articles: [drift.article, reference.article],
      severity: 'high',
    });
  }
  return out;
}

export function contradictionFindings(claim: ReconciledClaim, ctx: FindingContext): Finding[] {
  const reference = claim.versions.find((v) => v.status === 'original');
  if (!reference) return [];
  return claim.versions
    .filter((v) => v.status === 'conflicting')
    .map((v) => ({
      kind: 'contradiction' as const,
      message: `${ctx.names.get(v.article)} contradicts ${ctx.names.get(reference.article)}: ${quoted(v.text)} against ${quoted(reference.text)}.`,
      claim: claim.id,
      articles: [v.article, reference.article],
      severity: 'high' as const,
    }));
}

/** A writer's outlook rather than a report: "could complicate negotiations", "will depend on further talks". */
const OUTLOOK = /\b(?:could|may|might|would)\b|\bwill depend\b/i;
/** A statement naming who said or found it: a report, however hedged. */
const ATTRIBUTED = /\b(?:said|says|told|according to|announced|reported|warned|estimated?|declined|refused|denied|urged|asked)\b/i;

/**
 * How much a claim carried by one outlet matters: numbers first, then quotes, then named facts.
 * `derived`: the claim's article is a copy, rewrite or summary of another in the story, whose own
 * plain statements are background it added; only its figures and quotes count.
 */
export function substance(claim: ReconciledClaim, names: number, numbers: number, derived = false): number {
  if (claim.kind === 'quantity') {
    const q = claim.quantity!;
    const year = q.unit === '' && Number.isInteger(q.value) && q.value >= YEAR_RANGE[0] && q.value <= YEAR_RANGE[1];
    if (year) return 0;
    // "two hours", "three years", "the two nations": small counts of time or things are scene-setting.
    if (DURATIONS.has(q.unit) || (q.value < SMALL_COUNT && !MEASURED_UNITS.test(q.unit))) return 0;
    return 3;
  }
  if (claim.kind === 'quote') return claim.text.split(/\s+/).length >= SUBSTANTIVE_QUOTE_WORDS ? 2 : 0;
  if (derived && numbers === 0) return 0;
  if (numbers === 0 && OUTLOOK.test(claim.text) && !ATTRIBUTED.test(claim.text)) return 0;
  // A statement naming someone or giving a figure is a fact one can check; more of either, more so.
  return names > 0 || numbers > 0 ? 1 + (numbers > 0 ? 0.5 : 0) + 0.25 * Math.min(names, 3) : 0;
}

/** Substance from which a claim only one outlet carries is of medium weight: a figure, a quote, a fact with a figure or several names. */
const MEDIUM_SUBSTANCE = 1.5;

/** A claim with what ranks it among the unique ones: its substance, its sentence and that sentence's text. */
export interface UniqueCandidate {
  readonly claim: ReconciledClaim;
  readonly substance: number;
  readonly sentence: number;
  readonly context: string;
  /** For a quote: in quotation marks (true) or reported speech ("X said that ..."). */
  readonly direct: boolean;
}

export function uniqueFindings(claims: readonly UniqueCandidate[], ctx: FindingContext): Finding[] {
  const byArticle = new Map<string, UniqueCandidate[]>();
  for (const entry of claims) {
    if (!entry.claim.uniqueTo || entry.substance <= 0) continue;
    const list = byArticle.get(entry.claim.uniqueTo) ?? [];
    list.push(entry);
    byArticle.set(entry.claim.uniqueTo, list);
  }
  const chosen: { entry: UniqueCandidate; place: number }[] = [];
  for (const entries of byArticle.values()) {
    const seenSentences = new Set<number>();
    const seenTexts = new Set<string>();
    entries
      .sort((a, b) => b.substance - a.substance)
      .filter((e) => {
        const text = e.claim.kind === 'statement' ? e.claim.text : e.context;
        if (seenSentences.has(e.sentence) || seenTexts.has(text)) return false;
        seenSentences.add(e.sentence);
        seenTexts.add(text);
        return true;
      })
      .slice(0, ctx.maxUniquePerArticle)
      .forEach((entry, place) => chosen.push({ entry, place }));
  }
  // The most substantive first, across outlets (an editor reads the top of the list); among
  // equals, each outlet's best before any outlet's second, so a long story's list is not one outlet's.
  chosen.sort((a, b) => b.entry.substance - a.entry.substance || a.place - b.place);
  const out: Finding[] = [];
  // An article that repeats a sentence (a pasted page, a feed item printed twice) gives one claim
  // per copy of it: a reader is shown each message once, and the slots go to other claims.
  const shown = new Set<string>();
  for (const { claim, context, direct, substance: weight } of chosen.map((c) => c.entry)) {
    if (out.length >= ctx.maxUniquePerStory) break;
    const carriers = new Set(claim.versions.map((v) => v.article));
    // When the article it is unique to copies another that carries it too, the origin is named.
    const origin = ctx.order.originOf.get(claim.uniqueTo!);
    const article = origin && carriers.has(origin) ? origin : claim.uniqueTo!;
    const name = ctx.names.get(article)!;
    // A quotation is shown as a quote of its speaker; a figure or reported speech in its
    // sentence, which says what the figure counts and who said so.
    // Articles copied from it carry the claim too: "only X" would be false, "X and its copies" is not.
    const copies = [...carriers].filter((id) => id !== article);
    const who =
      copies.length === 0
        ? name
        : `${name} and its ${copies.length === 1 ? 'copy' : 'copies'} (${copies.map((id) => ctx.names.get(id) ?? id).join(', ')})`;
    const message =
      claim.kind === 'quote' && direct
        ? `Only ${who} ${copies.length === 0 ? 'carries' : 'carry'} this quote from ${claim.speaker ?? 'an unnamed speaker'}: ${quoted(claim.text)}.`
        : `Only ${who} ${copies.length === 0 ? 'reports' : 'report'}: ${quoted(claim.kind === 'statement' ? claim.text : context, 2 * QUOTE_WORDS_SHOWN)}.`;
    if (shown.has(message)) continue;
    shown.add(message);
    out.push({
      kind: 'unique-claim',
      message,
      claim: claim.id,
      articles: [article],
      severity: weight >= MEDIUM_SUBSTANCE ? 'medium' : 'low',
    });
  }
  return out;
}

/** Articles that reuse another's text and credit nobody, or credit someone else. */
export function copyFindings(ctx: FindingContext): Finding[] {
  const byId = new Map(ctx.articles.map((a) => [a.id, a]));
  const out: Finding[] = [];
  for (const d of ctx.derivations) {
    if (d.role !== 'copy' && d.role !== 'rewrite' && d.role !== 'summary') continue;
    const sources = d.derivedFrom.map((link) => byId.get(link.article)).filter((a): a is Article => a !== undefined);
    if (sources.length === 0 || !byId.has(d.article)) continue;
    // An outlet running its own story again (an update, another edition) copies nobody.
    const own = byId.get(d.article)!;
    if (sources.every((source) => sameName(outletOf(source), outletOf(own)))) continue;
    const credits = d.attributions.map((a) => a.toLowerCase());
    const credited = sources.some((source) => {
      const names = [source.outlet, source.publisher].filter((n): n is string => !!n).map((n) => n.toLowerCase());
      return names.length === 0 ? credits.length > 0 : names.some((n) => credits.some((c) => c.includes(n) || n.includes(c)));
    });
    if (credited) continue;
    const verb = d.role === 'copy' ? 'copies' : d.role === 'rewrite' ? 'rewrites' : 'summarises';
    out.push({
      kind: 'undisclosed-copy',
      message: `${ctx.names.get(d.article)} ${verb} ${list(sources.map((s) => ctx.names.get(s.id)!))} without crediting it.`,
      claim: null,
      articles: [d.article, ...sources.map((s) => s.id)],
      severity: d.role === 'summary' ? 'medium' : 'high',
    });
  }
  return out;
}

function sameName(a: string, b: string): boolean {
  const fold = (s: string) =>
    s
      .toLowerCase()
      .replace(/^the\s+/, '')
      .replace(/[^a-z0-9]+/g, '');
  return fold(a) === fold(b);
}

function list(names: readonly string[]): string {
  const unique = [...new Set(names)];
  if (unique.length <= 1) return unique[0] ?? '';
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
}

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const KIND_ORDER: Record<Finding['kind'], number> = {
  'altered-quote': 0,
  contradiction: 1,
  'conflicting-number': 2,
  'drifted-number': 3,
  'undisclosed-copy': 4,
  'unique-claim': 5,
  'trimmed-quote': 6,
};

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
}
