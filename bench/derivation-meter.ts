// A METER-like development set built from real text: newspapers rewriting agency copy. The METER
// corpus itself is a hidden test set and is never used; this generator applies what real tabloid
// rewrites do (issue 14) to real wire-like ECB+ articles:
//  - `tabloid`: cut to about a third, leading sentences kept and the rest picked, neighbours
//    swapped, tense and time words changed ("said on Tuesday" -> "said yesterday", "will" ->
//    "would"), full names shortened to surnames after the first mention, credits and datelines
//    dropped, quotes kept word for word;
//  - `partial`: a few wire sentences set beside half of another outlet's own report of the event;
//  - `merged`: the tabloid cut of the wire followed by sentences of the wire's later half
//    reworded the same way (a flash and the night lead merged).
// Each case is one batch: the wire copy (dated first), its rewrites (dated later) and the event's
// real articles outside the wire's gold family (independent reports: non-derived). Events follow
// the split of derivation-data.ts, so held-out events stay held out.
import { analyzed } from '../src/derivation/families.js';
import type { AnalyzedArticle } from '../src/records.js';
import type { ReuseEvent } from './derivation-data.js';

/** Wire-like: a real article at least this many sentences long. */
const MIN_WIRE_SENTENCES = 9;
/** Wires per event (the longest ones), to keep the set balanced over events. */
const WIRES_PER_EVENT = 1;
/** Share of the wire's sentences a tabloid cut keeps. */
const TABLOID_KEEP = 0.35;
/** Independent articles per case (real reports of the same event). */
const INDEPENDENT_PER_CASE = 4;

export interface MeterCase {
  readonly event: string;
  readonly heldOut: boolean;
  readonly wire: string;
  readonly articles: readonly AnalyzedArticle[];
  /** Article id -> derived from the wire? (the wire itself is not labelled) */
  readonly labels: ReadonlyMap<string, boolean>;
  readonly kinds: ReadonlyMap<string, string>;
}

/** A small deterministic generator (mulberry32), so the set is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TIME_WORDS: readonly [RegExp, string][] = [
  [/\b(?:on |)(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g, 'yesterday'],
  [/\btoday\b/g, 'yesterday'],
  [/\btonight\b/g, 'last night'],
  [/\bthis morning\b/g, 'yesterday morning'],
  [/\bsays\b/g, 'said'],
  [/\bwill\b/g, 'would'],
  [/\bis expected\b/g, 'was expected'],
  [/\bhas been\b/g, 'had been'],
];

/** Tabloid wording: shorter, blunter words for the wire's ("police officers" -> "cops"). */
const TABLOID_WORDS: readonly [RegExp, string][] = [
  [/\bpolice officers\b/g, 'cops'],
  [/\bapproximately\b|\baround\b|\babout\b/g, 'some'],
  [/\bannounced\b/g, 'revealed'],
  [/\bstated\b|\bexplained\b/g, 'said'],
  [/\bhowever\b/gi, 'but'],
  [/\bchildren\b/g, 'kids'],
  [/\bdied\b/g, 'was killed'],
  [/\barrested\b/g, 'held'],
  [/\binvestigation\b/g, 'probe'],
  [/\battempted\b|\battempt\b/g, 'bid'],
  [/\bhospital\b/g, 'hospital bed'],
  [/\bsaid that\b/g, 'said'],
  [/\bin order to\b/g, 'to'],
];
/** Chance that a sentence loses one comma-delimited clause (tabloids cut qualifiers). */
const CLAUSE_DROP = 0.6;

/** Rewords outside quotation marks only: the quotes are the borrowed material and stay verbatim. */
function reword(sentence: string, seen: Set<string>, rnd: () => number): string {
  return sentence
    .split(/(“[^”]*”|"[^"]*")/)
    .map((part, k) => {
      if (k % 2 === 1) return part;
      let out = part;
      for (const [pattern, to] of [...TIME_WORDS, ...TABLOID_WORDS]) out = out.replace(pattern, to);
      const clauses = out.split(/(?<=,) /);
      if (clauses.length >= 3 && rnd() < CLAUSE_DROP) {
        clauses.splice(1 + Math.floor(rnd() * (clauses.length - 2)), 1);
        out = clauses.join(' ');
      }
      // "John Smith" after its first mention -> "Smith"; titles dropped ("Mr", "Dr").
      out = out.replace(/\b(?:Mr|Mrs|Ms|Dr)\.?\s+/g, '');
      out = out.replace(/\b([A-Z][a-z]+) ([A-Z][a-z]{2,})\b/g, (whole, first: string, last: string) => {
        if (seen.has(last)) return last;
        seen.add(last);
        void first;
        return whole;
      });
      return out;
    })
    .join('');
}

/** Drops a dateline or credit at the start ("LONDON (Reuters) -", "(AP) —"). */
function dropCredits(text: string): string {
  return text.replace(/^[^\n(]{0,40}\([A-Za-z .]{2,30}\)\s*[-–—]\s*/, '');
}

function tabloid(sentences: readonly string[], rnd: () => number): string[] {
  const keep = Math.max(3, Math.round(sentences.length * TABLOID_KEEP));
  const lead = sentences.slice(0, 2);
  const rest = sentences.slice(2).filter(() => rnd() < (keep - 2) / Math.max(1, sentences.length - 2));
  const picked = [...lead, ...rest];
  for (let k = 1; k + 1 < picked.length; k += 2) if (rnd() < 0.5) [picked[k], picked[k + 1]] = [picked[k + 1]!, picked[k]!];
  const seen = new Set<string>();
  return picked.map((s) => reword(s, seen, rnd));
}

export function meterCases(events: readonly ReuseEvent[]): MeterCase[] {
  const cases: MeterCase[] = [];
  events.forEach((event, e) => {
    const rnd = random(1000 + e);
    const long = event.articles
      .filter((a) => a.sentences.length >= MIN_WIRE_SENTENCES)
      .sort((a, b) => b.sentences.length - a.sentences.length)
      .slice(0, WIRES_PER_EVENT);
    for (const wire of long) {
      const family = event.gold.get(wire.article.id)?.family ?? null;
      const others = event.articles.filter((a) => a !== wire && (family === null || event.gold.get(a.article.id)?.family !== family));
      const independent = others.slice(0, INDEPENDENT_PER_CASE);
      const sentences = wire.sentences.map((s) => s.text);
      sentences[0] = dropCredits(sentences[0]!);
      const id = wire.article.id;
      const made: { id: string; kind: string; text: string }[] = [];
      made.push({ id: `${id}~tabloid`, kind: 'tabloid', text: tabloid(sentences, rnd).join(' ') });
      const own = others.find((a) => a.sentences.length >= 4);
      if (own) {
        const seen = new Set<string>();
        const borrowed = sentences.slice(0, 3).map((s) => reword(s, seen, rnd));
        const ownHalf = own.sentences.slice(0, Math.ceil(own.sentences.length / 2)).map((s) => s.text);
        made.push({ id: `${id}~partial`, kind: 'partial', text: [...ownHalf.slice(0, 1), ...borrowed, ...ownHalf.slice(1)].join(' ') });
      }
      const half = Math.floor(sentences.length / 2);
      const seen = new Set<string>();
      made.push({
        id: `${id}~merged`,
        kind: 'merged',
        text: [
          ...tabloid(sentences.slice(0, half), rnd),
          ...sentences
            .slice(half)
            .filter(() => rnd() < 0.5)
            .map((s) => reword(s, seen, rnd)),
        ].join('\n\n'),
      });
      const articles: AnalyzedArticle[] = [
        analyzed(id, wire.article.text, { published: '2002-06-01T08:00:00Z', outlet: 'Press Association' }),
        ...made.map((m, k) => analyzed(m.id, m.text, { published: `2002-06-02T0${k}:00:00Z` })),
        ...independent.map((a, k) => analyzed(a.article.id, a.article.text, { published: `2002-06-02T1${k}:00:00Z` })),
      ];
      cases.push({
        event: event.event,
        heldOut: event.heldOut,
        wire: id,
        articles,
        labels: new Map([
          ...made.map((m): [string, boolean] => [m.id, true]),
          ...independent.map((a): [string, boolean] => [a.article.id, false]),
        ]),
        kinds: new Map([
          ...made.map((m): [string, string] => [m.id, m.kind]),
          ...independent.map((a): [string, string] => [a.article.id, 'independent']),
        ]),
      });
    }
  });
  return cases;
}
