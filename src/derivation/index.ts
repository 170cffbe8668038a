// Stage 7: derivation. For each article of one story: which article(s) it derives from, with the
// shared passages as evidence, and a role. `deriveStory` calls five steps, in this order:
//  1. measurePairs: every reuse pair's coverage both ways (text inside quotation marks discounted:
//     two reporters quoting the same statement is not copying), the pair model's features and
//     probability (features.ts, weights.ts);
//  2. decidePairs: which pairs share copy (the model, the rules, or `both`: the model plus the
//     rules' fallback, ruleFallback) and which way each went (orient: credits, a page that speaks
//     for its source (issuers.ts), publication time, then the text's shape); a shared absent source
//     when both credit a wire that is not in the batch or nothing tells the two apart; the rest are
//     separate reports, since independent reports of one event share facts, names, numbers and
//     quotes too (sequence.ts tells a retelling from them);
//  3. acceptLinks: strongest first, never closing a cycle, a second source only when it explains
//     text the first does not, the earliest credited along a chain;
//  4. sharedSources: absent sources shared by articles that derive from nothing here;
//  5. describe: the role (copy, summary or rewrite for derived articles, original or independent
//     for the rest), the derived share and a one-sentence reason.
import type { AnalyzedArticle, Derivation, DerivationLink, Passage, ReusePair, Role } from '../records.js';
import { tokenize } from '../sentences/index.js';
import { flipPassage } from '../reuse/align.js';
import { credits, findAttributions, isAgency, quoteSpans, sameOutlet, type Attribution } from './attribution.js';
import { prepareSequence, sequenceEvidence, type SequenceEvidence, type SequenceText } from './sequence.js';
import { pairFeatures, probability, rareWords, storyGrams, type PairText, type StoryGrams } from './features.js';
import { MODEL } from './weights.js';
import { chromeSpans } from './chrome.js';
import { describeIssuer, issuerOf, type Issuer } from './issuers.js';

export { findAttributions, quoteSpans, sameOutlet, isAgency, type Attribution, type AttributionKind } from './attribution.js';
export { FEATURES } from './features.js';
export { chromeSpans } from './chrome.js';
export { MODEL } from './weights.js';

export interface DerivationOptions {
  /**
   * How pairs are linked: `model`, the fitted pair model (weights.ts) with `linkProbability`; or
   * `rules`, coverage with quotes discounted and the source's sentence sequence or wording
   * (sequence.ts); or `both` (the default): the model's links, and where the model links an
   * article to nothing, the rules' link to its best partner or to what that partner is linked to,
   * when the two follow one sequence of six or more sentences.
   * All give each link the model's probability.
   */
  readonly method: 'model' | 'rules' | 'both';
  /** Probability (the fitted pair model, weights.ts) from which two articles share copy. */
  readonly linkProbability: number;
  /** Rules: share of an article's words (quotes discounted) explained by another from which it derives from it. */
  readonly minDerivedCoverage: number;
  /** Rules: share explained from which two articles crediting the same absent wire share its text. */
  readonly minSharedCoverage: number;
  /** Rules: aligned sentences in the source's order from which a text follows its source's sequence. */
  readonly minSentencesInOrder: number;
  /** Rules: sentences keeping the source's wording (quotes aside) from which a text was written from it. */
  readonly minCloseSentences: number;
  /** Weight of a word inside quotation marks when measuring coverage. */
  readonly quoteWeight: number;
  /** Share of an article's words in verbatim passages from which it is a copy. */
  readonly copyCoverage: number;
  /** A derived article at most this long relative to its source is a summary. */
  readonly summaryLengthRatio: number;
  /** A second source must explain at least this share of the article that the first does not. */
  readonly extraSourceCoverage: number;
  /** Coverage difference that decides which of two articles took from the other. */
  readonly directionMargin: number;
  /** Publication times closer than this (minutes) do not order two articles. */
  readonly sameTimeMinutes: number;
}

export const DERIVATION_DEFAULTS: DerivationOptions = {
  // The model links real newsroom reuse far better than the rules (bench:derivation) but misses a
  // wholesale paraphrase with no shared wording (examples/002), which the rules' sequence test
  // catches; `both` takes the model's links and, only where the model links an article to nothing,
  // a retelling of six or more sentences in order that the rules accept; see docs/derivation.md.
  method: 'both',
  // A third of an article explained by another is more than shared facts of one event give.
  minDerivedCoverage: 0.3,
  // With a common credit ("according to Reuters" in both), less shared text is enough.
  minSharedCoverage: 0.1,
  // A lede, a quote and one more fact in the usual order is what separate reports of one event
  // share; a fourth sentence in the same order is the source's sequence.
  minSentencesInOrder: 4,
  // One near-identical sentence can be a stock phrase; two are the source's text.
  minCloseSentences: 2,
  // Chosen with the weights on the dev events of reuse-dev (bench/derivation-fit.ts).
  linkProbability: MODEL.threshold,
  // A shared quote is weak evidence: both reporters may have heard the same statement.
  quoteWeight: 0.25,
  copyCoverage: 0.8,
  summaryLengthRatio: 0.6,
  extraSourceCoverage: 0.15,
  directionMargin: 0.1,
  sameTimeMinutes: 1,
};

/** Passages at or above this similarity count as verbatim (a copy keeps the words). */
const VERBATIM_SIMILARITY = 0.9;

interface Profile {
  readonly index: number;
  readonly id: string;
  readonly text: string;
  readonly words: number;
  readonly tokenStarts: Int32Array;
  readonly tokenWeights: Float32Array;
  readonly attributions: readonly Attribution[];
  /** Outlets this text presents itself as (its outlet, dateline and credit lines). */
  readonly selfCredits: readonly string[];
  /** Outlets it cites ("according to Reuters"). */
  readonly citations: readonly string[];
  /** The page speaks for the source itself: an agency's own site, an official site, a press release (issuers.ts). */
  readonly issuer: Issuer | null;
  readonly published: number | null;
  /** The outlet when known: how a reason names the article ("Reuters (c5eb3f65ea7361f4)"). */
  readonly outlet: string | null;
  readonly sequence: SequenceText;
  readonly pairText: PairText;
}

function label(p: Profile): string {
  return p.outlet ? `${p.outlet} (${p.id})` : p.id;
}

interface Coverage {
  /** Share of words covered. */
  readonly plain: number;
  /** Share of words covered, quoted words discounted. */
  readonly weighted: number;
  /** Share of words covered by verbatim passages. */
  readonly verbatim: number;
}

interface Relation {
  readonly source: number;
  readonly target: number;
  /** Passages with source = `source`, target = `target`. */
  readonly passages: readonly Passage[];
  readonly strength: number;
  /** The pair model's probability that the two share copy. */
  readonly probability: number;
  readonly why: string;
  readonly evidence: SequenceEvidence;
}

/** The pair most like a source that the model left out, for an independent article's reason. */
interface Separate {
  readonly other: number;
  /** Share of this article's words aligned to the other. */
  readonly coverage: number;
  readonly probability: number;
}

interface SharedSource {
  readonly x: number;
  readonly y: number;
  /** Share of each side's words in verbatim passages of the other. */
  readonly verbatimX: number;
  readonly verbatimY: number;
  readonly why: string;
}

export function deriveStory(
  articles: readonly AnalyzedArticle[],
  reuse: readonly ReusePair[],
  options: Partial<DerivationOptions> = {},
): Derivation[] {
  const o = { ...DERIVATION_DEFAULTS, ...options } satisfies DerivationOptions;
  const profiles = articles.map((a, index) => profile(a, index, o));
  // 1. Measure every reuse pair: coverage both ways, the pair model's features and probability.
  const measured = measurePairs(profiles, reuse);
  // 2. Decide each pair: one derives from the other (oriented), both share an absent source, or
  //    they are separate reports (noted for the independent article's reason).
  const decided = decidePairs(profiles, measured, o);
  // 3. Accept links strongest first, never closing a cycle; along a chain credit the earliest.
  const { links, parents } = acceptLinks(profiles, decided.relations, o);
  // 4. Shared absent sources, only between articles that derive from nothing in the batch.
  const sharing = sharedSources(profiles, decided.shared, parents);
  // 5. Name each article's role and say why.
  const hasChildren = new Set(links.flatMap((list) => list.map((r) => r.source)));
  return profiles.map((p) =>
    describe(p, links[p.index]!, sharing[p.index]!, hasChildren.has(p.index), decided.separate[p.index]!, profiles, o),
  );
}

interface MeasuredPair {
  readonly pair: ReusePair;
  readonly a: Profile;
  readonly b: Profile;
  readonly m: PairMeasure;
}

/** Step 1: every reuse pair between two articles of the story, measured. */
function measurePairs(profiles: readonly Profile[], reuse: readonly ReusePair[]): MeasuredPair[] {
  const byId = new Map(profiles.map((p) => [p.id, p]));
  const grams = storyGrams(profiles.map((p) => p.pairText));
  return reuse.flatMap((pair) => {
    const a = byId.get(pair.a);
    const b = byId.get(pair.b);
    if (!a || !b || a === b) return [];
    return [{ pair, a, b, m: measurePair(a, b, pair.passages, grams) }];
  });
}

interface Decided {
  readonly relations: Relation[];
  readonly shared: SharedSource[];
  /** The strongest pair left out as separate reporting, for each article: its reason names it. */
  readonly separate: Separate[];
}

/**
 * Step 2: which pairs share copy (the model; the rules; or, with `both`, the model and the rules'
 * fallback), and which way each went.
 */
function decidePairs(profiles: readonly Profile[], measured: readonly MeasuredPair[], o: DerivationOptions): Decided {
  const presentOutlets = profiles.flatMap((p) => p.selfCredits);
  const relations: Relation[] = [];
  const shared: SharedSource[] = [];
  const separate: Separate[] = profiles.map(() => ({ other: -1, coverage: 0, probability: 0 }));
  const noteSeparate = (target: Profile, other: Profile, cov: number, p: number) => {
    if (cov > separate[target.index]!.coverage) separate[target.index] = { other: other.index, coverage: cov, probability: p };
  };
  const modelLinked = measured.map(({ m }) => m.probability >= o.linkProbability || statedOrSequence(m));
  const fallbackFor = ruleFallback(profiles, measured, modelLinked, presentOutlets, o);
  for (const [k, { pair, a, b, m }] of measured.entries()) {
    const modelLinks = modelLinked[k]!;
    const fallback = fallbackFor(k);
    if (o.method === 'rules' || fallback || (o.method === 'both' && !modelLinks)) {
      const linked: RuleOutcome =
        o.method === 'rules' || fallback
          ? byRules(a, b, pair.passages, m, presentOutlets, o)
          : {
              kind: 'separate',
              notes: [
                [a, b, m.covA.plain],
                [b, a, m.covB.plain],
              ],
            };
      if (linked.kind === 'separate') {
        for (const [x, y, cov] of linked.notes) noteSeparate(x, y, cov, m.probability);
      } else if (linked.kind === 'shared') shared.push(linked.shared);
      else if (linked.kind === 'relation') relations.push(linked.relation);
      continue;
    }
    if (!modelLinks) {
      noteSeparate(a, b, m.covA.plain, m.probability);
      noteSeparate(b, a, m.covB.plain, m.probability);
      continue;
    }
    const decision = orient(a, b, m.covA, m.covB, pair.passages, presentOutlets, o);
    if (decision.kind === 'shared') {
      shared.push({ x: a.index, y: b.index, verbatimX: m.covA.verbatim, verbatimY: m.covB.verbatim, why: decision.why });
      continue;
    }
    const [source, target] = decision.source === a ? [a, b] : [b, a];
    const passages = source === a ? pair.passages : pair.passages.map((p) => flipPassage(p, b.text));
    relations.push({
      source: source.index,
      target: target.index,
      passages: sortByTarget(passages),
      strength: m.probability,
      probability: m.probability,
      why: decision.why,
      evidence: sequenceEvidence(source.sequence, target.sequence, passages),
    });
  }
  return { relations, shared, separate };
}

/**
 * Which pairs (by index in `measured`) the rules decide under `both`: an article the model links
 * to nothing may be linked by the rules to its best partner by the model, or to an article that
 * partner is linked to, when the two follow one sequence of MIN_SENTENCES_IN_ORDER sentences.
 * Separate reports of one event meet the rules' looser tests with many partners at once, so only
 * those pairs are tried.
 */
function ruleFallback(
  profiles: readonly Profile[],
  measured: readonly MeasuredPair[],
  modelLinked: readonly boolean[],
  presentOutlets: readonly string[],
  o: DerivationOptions,
): (k: number) => boolean {
  if (o.method !== 'both') return () => false;
  // Each article's best partner by the model.
  const best = profiles.map(() => -1);
  const bestP = profiles.map(() => -1);
  measured.forEach(({ a, b, m }, k) => {
    for (const x of [a, b])
      if (m.probability > bestP[x.index]!) {
        bestP[x.index] = m.probability;
        best[x.index] = k;
      }
  });
  // What each article is linked to (by the model, or by the rules as its own best pair): a
  // rewrite closest by the model to a summary of the wire may be written from the wire itself,
  // which the rules' sequence test shows.
  const neighbours = profiles.map(() => new Set<number>());
  measured.forEach(({ pair, a, b, m }, k) => {
    const bestPair = best[a.index] === k || best[b.index] === k;
    const joined =
      modelLinked[k] ||
      (bestPair && m.sequence.inOrder >= MIN_SENTENCES_IN_ORDER && byRules(a, b, pair.passages, m, presentOutlets, o).kind === 'relation');
    if (!joined) return;
    neighbours[a.index]!.add(b.index);
    neighbours[b.index]!.add(a.index);
  });
  const partnerOf = (x: Profile) => {
    const k = best[x.index]!;
    if (k < 0) return -1;
    const { a, b } = measured[k]!;
    return a === x ? b.index : a.index;
  };
  const modelLinksOf = profiles.map(() => 0);
  measured.forEach(({ a, b }, k) => {
    if (!modelLinked[k]) return;
    modelLinksOf[a.index]! += 1;
    modelLinksOf[b.index]! += 1;
  });
  /** Only for an article the model links to nothing: `y` is linked to its best partner. */
  const nearBest = (x: Profile, y: Profile) => modelLinksOf[x.index] === 0 && partnerOf(x) >= 0 && neighbours[partnerOf(x)]!.has(y.index);
  return (k) => {
    const { a, b, m } = measured[k]!;
    return (
      !modelLinked[k] &&
      m.sequence.inOrder >= MIN_SENTENCES_IN_ORDER &&
      (best[a.index] === k || best[b.index] === k || nearBest(a, b) || nearBest(b, a))
    );
  };
}

/**
 * Step 3: links accepted strongest first, never closing a cycle, a second source only when it
 * explains `extraSourceCoverage` more of the article; along a chain (B copies A, C takes from both
 * as much) the earliest, A, is credited.
 */
function acceptLinks(
  profiles: readonly Profile[],
  relations: readonly Relation[],
  o: DerivationOptions,
): { links: Relation[][]; parents: Set<number>[] } {
  const links: Relation[][] = profiles.map(() => []);
  const parents: Set<number>[] = profiles.map(() => new Set());
  for (const relation of [...relations].sort((x, y) => y.strength - x.strength || x.target - y.target)) {
    if (isAncestor(relation.target, relation.source, parents)) continue;
    const existing = links[relation.target]!;
    if (existing.length > 0) {
      const target = profiles[relation.target]!;
      const before = coverage(
        target,
        existing.flatMap((r) => r.passages),
        'target',
      ).weighted;
      const after = coverage(
        target,
        [...existing, relation].flatMap((r) => r.passages),
        'target',
      ).weighted;
      if (after - before < o.extraSourceCoverage) continue;
    }
    existing.push(relation);
    parents[relation.target]!.add(relation.source);
  }
  for (const list of links) {
    const primary = list[0];
    if (!primary) continue;
    const better = relations.find(
      (r) =>
        r.target === primary.target &&
        r.source !== primary.source &&
        isAncestor(r.source, primary.source, parents) &&
        r.strength >= primary.strength - o.directionMargin,
    );
    if (better && !list.some((r) => r.source === better.source) && !isAncestor(primary.target, better.source, parents)) {
      list[0] = better;
      parents[primary.target]!.delete(primary.source);
      parents[primary.target]!.add(better.source);
    }
  }
  return { links, parents };
}

/** An article's partners in shared absent sources, why, and the least of its verbatim shares with them. */
interface Sharing {
  readonly with: Set<number>;
  readonly why: string[];
  verbatim: number;
}

/**
 * Step 4: shared absent sources, only between articles that derive from nothing in the batch
 * (when one has a source here, that source explains what the two have in common).
 */
function sharedSources(profiles: readonly Profile[], shared: readonly SharedSource[], parents: readonly Set<number>[]): Sharing[] {
  const sharing: Sharing[] = profiles.map(() => ({ with: new Set(), why: [], verbatim: 1 }));
  for (const s of shared) {
    if (parents[s.x]!.size > 0 || parents[s.y]!.size > 0) continue;
    for (const [self, other, verbatim] of [
      [s.x, s.y, s.verbatimX],
      [s.y, s.x, s.verbatimY],
    ] as const) {
      const entry = sharing[self]!;
      entry.with.add(other);
      entry.why.push(s.why);
      entry.verbatim = Math.min(entry.verbatim, verbatim);
    }
  }
  return sharing;
}

/** Step 5: one article's derivation record: its sources with their evidence, share, role and reason. */
function describe(
  p: Profile,
  own: readonly Relation[],
  sharing: Sharing,
  hasChildren: boolean,
  separate: Separate,
  profiles: readonly Profile[],
  o: DerivationOptions,
): Derivation {
  const derivedFrom: DerivationLink[] = own.map((r) => ({
    article: profiles[r.source]!.id,
    evidence: r.passages,
    coverage: round(coverage(p, r.passages, 'target').plain),
    probability: round(r.probability),
  }));
  const share =
    own.length > 0
      ? derivedShare(
          p,
          own.flatMap((r) => r.passages),
        )
      : 0;
  const partners = [...sharing.with].map((i) => profiles[i]!);
  const { role, reason } = nameRole(p, own, partners, sharing.why, sharing.verbatim, hasChildren, profiles, o, separate);
  return {
    article: p.id,
    role,
    derivedFrom,
    derivedShare: round(share),
    sharedSourceWith: partners.map((q) => q.id),
    attributions: [...new Set(p.attributions.map((a) => a.cue))],
    reason,
  };
}

/**
 * Independent origins of a story: articles that derive from nothing, where articles sharing an
 * absent source count once together (copies and rewrites are not independent confirmation).
 */
export function countIndependentOrigins(derivations: readonly Derivation[]): number {
  const roots = derivations.filter((d) => d.derivedFrom.length === 0);
  const ids = new Set(roots.map((d) => d.article));
  const parent = new Map(roots.map((d) => [d.article, d.article]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const d of roots) for (const other of d.sharedSourceWith) if (ids.has(other)) parent.set(find(d.article), find(other));
  return new Set(roots.map((d) => find(d.article))).size;
}

function profile(a: AnalyzedArticle, index: number, o: DerivationOptions): Profile {
  const text = a.article.text;
  // Page chrome (a playlist, a copyright line) is left out of every measure: outlets share it.
  const chrome = chromeSpans(text);
  const inChrome = (offset: number) => chrome.some(([start, end]) => start <= offset && offset < end);
  const tokens = chrome.length === 0 ? tokenize(text) : tokenize(text).filter((t) => !inChrome(t.start));
  const sentences = chrome.length === 0 ? a.sentences : a.sentences.filter((x) => !inChrome(x.start));
  const quotes = quoteSpans(text);
  const tokenStarts = new Int32Array(tokens.length);
  const tokenWeights = new Float32Array(tokens.length);
  const quoted = new Uint8Array(tokens.length);
  let q = 0;
  tokens.forEach((t, k) => {
    tokenStarts[k] = t.start;
    while (q < quotes.length && quotes[q]![1] <= t.start) q++;
    const inQuote = q < quotes.length && quotes[q]![0] <= t.start && t.start < quotes[q]![1];
    tokenWeights[k] = inQuote ? o.quoteWeight : 1;
    quoted[k] = inQuote ? 1 : 0;
  });
  const attributions = findAttributions(text);
  const issuer = issuerOf(text, a.article.canonicalUrl ?? a.article.url, a.article.publisher);
  const selfCredits = [
    ...(a.article.outlet ? [a.article.outlet] : []),
    ...(issuer?.kind === 'agency-site' ? [issuer.name] : []),
    ...attributions.filter((x) => x.kind !== 'citation').map((x) => x.outlet),
  ];
  const time = a.article.published ? Date.parse(a.article.published) : NaN;
  return {
    index,
    id: a.article.id,
    text,
    words: tokens.length,
    tokenStarts,
    tokenWeights,
    attributions,
    selfCredits,
    citations: attributions.filter((x) => x.kind === 'citation').map((x) => x.outlet),
    issuer,
    published: Number.isFinite(time) ? time : null,
    outlet: a.article.outlet,
    sequence: prepareSequence(sentences, quotes),
    pairText: { norms: tokens.map((t) => t.norm), quoted, rare: rareWords(tokens, text), words: tokens.length },
  };
}

type RuleOutcome =
  | { kind: 'none' }
  | { kind: 'separate'; notes: [Profile, Profile, number][] }
  | { kind: 'shared'; shared: SharedSource }
  | { kind: 'relation'; relation: Relation };

/**
 * The rules: enough coverage with quotes discounted, then the derived side must have its source's
 * sequence of sentences or wording, unless it cites its source.
 */
function byRules(
  a: Profile,
  b: Profile,
  pairPassages: readonly Passage[],
  m: PairMeasure,
  presentOutlets: readonly string[],
  o: DerivationOptions,
): RuleOutcome {
  const { covA, covB } = m;
  const strongest = Math.max(covA.weighted, covB.weighted);
  if (strongest < o.minSharedCoverage) return { kind: 'none' };
  const decision = orient(a, b, covA, covB, pairPassages, presentOutlets, o);
  if (decision.kind === 'shared') {
    // Crediting the same absent wire is evidence by itself; otherwise the text must say so.
    if (!decision.byAttribution) {
      if (strongest < o.minDerivedCoverage) return { kind: 'none' };
      const flipped = pairPassages.map((p) => flipPassage(p, b.text));
      if (!writtenFrom(a, b, covB, pairPassages, o).written && !writtenFrom(b, a, covA, flipped, o).written)
        return {
          kind: 'separate',
          notes: [
            [a, b, covA.plain],
            [b, a, covB.plain],
          ],
        };
    }
    return { kind: 'shared', shared: { x: a.index, y: b.index, verbatimX: covA.verbatim, verbatimY: covB.verbatim, why: decision.why } };
  }
  const [source, target, covTarget] = decision.source === a ? [a, b, covB] : [b, a, covA];
  // One text inside the other word for word: that is the evidence, whichever side took it.
  if (!decision.contained && covTarget.weighted < o.minDerivedCoverage) return { kind: 'none' };
  const passages = source === a ? pairPassages : pairPassages.map((p) => flipPassage(p, b.text));
  const { written, evidence } = writtenFrom(source, target, covTarget, passages, o);
  // An article that names its source needs no more proof than the shared text.
  if (!written && !decision.cited && !decision.contained) return { kind: 'separate', notes: [[target, source, covTarget.plain]] };
  return {
    kind: 'relation',
    relation: {
      source: source.index,
      target: target.index,
      passages: sortByTarget(passages),
      strength: covTarget.weighted,
      probability: m.probability,
      why: decision.why,
      evidence,
    },
  };
}

/**
 * Whether `target` was written from `source` rather than reported separately: (nearly) all of it
 * verbatim, or the source's sequence of sentences, or the source's wording in several sentences.
 */
function writtenFrom(
  source: Profile,
  target: Profile,
  covTarget: Coverage,
  passages: readonly Passage[],
  o: DerivationOptions,
): { written: boolean; evidence: SequenceEvidence } {
  const evidence = sequenceEvidence(source.sequence, target.sequence, passages);
  const written =
    covTarget.verbatim >= o.copyCoverage || evidence.inOrder >= o.minSentencesInOrder || evidence.close >= o.minCloseSentences;
  return { written, evidence };
}

/** An article crediting the other (or both the same wire) needs only this share of its words shared. */
const MIN_CREDITED_COVERAGE = 0.1;
/**
 * Sentences following the source's sentence order from which a text retells the source... (on
 * reuse-dev, separate reports of one event follow each other's order for up to 5 or 6 sentences)
 */
const MIN_SENTENCES_IN_ORDER = 6;
/** ...when they are three quarters of its sentences (separate reports share the lede's order, not the whole)... */
const MIN_SHARE_IN_ORDER = 0.75;
/** ...and at least this many keep the source's wording. */
const MIN_CLOSE_IN_ORDER = 1;

/**
 * Links the pair model, fitted on real reuse that leaves out pure paraphrase, does not make: a
 * credit (the writer says where the text came from), or a retelling that follows the source
 * sentence by sentence through most of the article.
 */
function statedOrSequence(m: PairMeasure): boolean {
  const shared = Math.max(m.covA.plain, m.covB.plain);
  if ((m.cited || m.bothCredit) && shared >= MIN_CREDITED_COVERAGE) return true;
  const { inOrder, sentences, close } = m.sequence;
  return inOrder >= MIN_SENTENCES_IN_ORDER && inOrder >= MIN_SHARE_IN_ORDER * sentences && close >= MIN_CLOSE_IN_ORDER;
}

interface PairMeasure {
  readonly covA: Coverage;
  readonly covB: Coverage;
  readonly features: number[];
  readonly probability: number;
  /** Sequence evidence with the more covered side read as written from the other. */
  readonly sequence: SequenceEvidence;
  readonly cited: boolean;
  readonly bothCredit: boolean;
}

/** The pair model's features and probability for two articles of one story (passages: source = a). */
function measurePair(a: Profile, b: Profile, passages: readonly Passage[], grams: StoryGrams): PairMeasure {
  const covA = coverage(a, passages, 'source');
  const covB = coverage(b, passages, 'target');
  // Sequence evidence reads the more covered side as the one written from the other.
  const sequence =
    covB.plain >= covA.plain
      ? sequenceEvidence(a.sequence, b.sequence, passages)
      : sequenceEvidence(
          b.sequence,
          a.sequence,
          passages.map((p) => flipPassage(p, b.text)),
        );
  const cited = creditedBy(a, b) !== undefined || creditedBy(b, a) !== undefined;
  const bothCredit = a.citations.some((c) => isAgency(c) && b.citations.some((d) => sameOutlet(c, d)));
  const features = pairFeatures({
    a: a.pairText,
    b: b.pairText,
    ia: a.index,
    ib: b.index,
    story: grams,
    coverA: covA,
    coverB: covB,
    sequence,
    cited,
    bothCredit,
  });
  return { covA, covB, features, probability: probability(MODEL.weights, features), sequence, cited, bothCredit };
}

/**
 * The pair model's features for every reuse pair of one story, labelled by article ids: what
 * bench/derivation-fit.ts fits the weights on.
 */
export function storyPairFeatures(
  articles: readonly AnalyzedArticle[],
  reuse: readonly ReusePair[],
): { a: string; b: string; features: number[]; probability: number; sequence: SequenceEvidence }[] {
  const profiles = articles.map((x, index) => profile(x, index, DERIVATION_DEFAULTS));
  return measurePairs(profiles, reuse).map(({ a, b, m }) => ({
    a: a.id,
    b: b.id,
    features: m.features,
    probability: m.probability,
    sequence: m.sequence,
  }));
}

/** How much of `p`'s words the passages cover on the given side. */
function coverage(p: Profile, passages: readonly Passage[], side: 'source' | 'target'): Coverage {
  if (p.words === 0) return { plain: 0, weighted: 0, verbatim: 0 };
  const covered = new Uint8Array(p.words); // 1 = covered, 2 = covered verbatim
  for (const passage of passages) {
    const start = side === 'source' ? passage.sourceStart : passage.targetStart;
    const end = side === 'source' ? passage.sourceEnd : passage.targetEnd;
    const mark = passage.similarity >= VERBATIM_SIMILARITY ? 2 : 1;
    for (let k = lowerBound(p.tokenStarts, start); k < p.words && p.tokenStarts[k]! < end; k++) covered[k] = Math.max(covered[k]!, mark);
  }
  let plain = 0;
  let weighted = 0;
  let verbatim = 0;
  let total = 0;
  for (let k = 0; k < p.words; k++) {
    total += p.tokenWeights[k]!;
    if (!covered[k]) continue;
    plain++;
    weighted += p.tokenWeights[k]!;
    if (covered[k] === 2) verbatim++;
  }
  return { plain: plain / p.words, weighted: weighted / total, verbatim: verbatim / p.words };
}

type Orientation =
  | { kind: 'derived'; source: Profile; cited: boolean; why: string; contained?: boolean }
  | { kind: 'shared'; byAttribution: boolean; why: string };

/** Which of two related articles took from the other, or neither (a shared absent source). */
function orient(
  a: Profile,
  b: Profile,
  covA: Coverage,
  covB: Coverage,
  passages: readonly Passage[],
  presentOutlets: readonly string[],
  o: DerivationOptions,
): Orientation {
  // Attribution: one cites the outlet the other presents itself as.
  const credited = eitherWay(a, b, (x, y) => {
    const credit = creditedBy(x, y);
    if (!credit) return null;
    const named = y.citations.some((cited) => sameOutlet(cited, credit));
    const why = named
      ? `it cites ${credit}, which the other article is`
      : `it credits news agencies, and the other article is ${credit}'s copy`;
    return { kind: 'derived', source: x, cited: true, why };
  });
  if (credited) return credited;
  // One carries a wire's own credit and the other does not: the wire text came first.
  const wireFirst = eitherWay(a, b, (x, y) => {
    const wire = x.selfCredits.find((c) => isAgency(c) && !y.selfCredits.some((d) => sameOutlet(c, d)));
    return wire
      ? { kind: 'derived', source: x, cited: false, why: `the source carries the ${wire} credit and this article does not` }
      : null;
  });
  if (wireFirst) return wireFirst;
  // Both cite the same wire that no article of the batch is (and neither is a wire's own copy):
  // they share that absent source.
  const common = a.citations.find(
    (c) => isAgency(c) && b.citations.some((d) => sameOutlet(c, d)) && !presentOutlets.some((p) => sameOutlet(p, c)),
  );
  if (common) return { kind: 'shared', byAttribution: true, why: `both credit ${common}, which is not among the articles` };
  // A page that speaks for the source (an agency's own site, an official page, a press release)
  // and a news article: the text went from the page to the article, whichever was dated first
  // (an official site often posts its release after the newsroom has it).
  const issued = eitherWay(a, b, (x, y) => {
    const issuer = sourceSide(x, y);
    return issuer
      ? { kind: 'derived', source: x, cited: false, why: `the source is ${describeIssuer(issuer)} and this article is not` }
      : null;
  });
  if (issued) return issued;
  // Publication time.
  if (a.published !== null && b.published !== null && Math.abs(a.published - b.published) >= o.sameTimeMinutes * 60_000) {
    return { kind: 'derived', source: a.published < b.published ? a : b, cited: false, why: 'it was published later' };
  }
  // One text (nearly) wholly inside the other: the longer one is not first because it is longer.
  // Material of its own around the shared body (a new lede, paragraphs added after) is what a
  // writer adds to what they took; a wire's sign-off ending the longer one means the shorter is
  // the cut (newsrooms trim wire copy from the bottom).
  const edges = edgeMaterial(a, b, covA, covB, passages);
  if (edges) return edges;
  // Which side the other explains more of.
  if (covB.weighted - covA.weighted >= o.directionMargin)
    return { kind: 'derived', source: a, cited: false, why: 'more of it is found in the other than the other way round' };
  if (covA.weighted - covB.weighted >= o.directionMargin)
    return { kind: 'derived', source: b, cited: false, why: 'more of it is found in the other than the other way round' };
  if (Math.min(covA.verbatim, covB.verbatim) >= o.copyCoverage) {
    // Two copies of one text: the longer is the fuller version; on a tie, the first given.
    const source = b.words > a.words ? b : a;
    return { kind: 'derived', source, cited: false, why: 'the two texts are the same and the source is the fuller one' };
  }
  return { kind: 'shared', byAttribution: false, why: 'they share text but neither is dated, credited or covered enough to come first' };
}

/** `decide(a, b)`, else `decide(b, a)`: a cue that may point either way. */
function eitherWay(a: Profile, b: Profile, decide: (x: Profile, y: Profile) => Orientation | null): Orientation | null {
  return decide(a, b) ?? decide(b, a);
}

/** The name `x` presents itself as (its outlet, dateline or credit) that `y` credits, if any. */
function creditedBy(x: Profile, y: Profile): string | undefined {
  return x.selfCredits.find((c) => y.citations.some((cited) => credits(cited, c)));
}

/**
 * The issuer `x` is when it is the source of whatever it shares with `y`: an agency's own copy
 * that `y` credits (a dateline, a credit line, a citation), or an official page or release when
 * `y` is neither.
 */
function sourceSide(x: Profile, y: Profile): Issuer | null {
  const issuer = x.issuer;
  if (!issuer) return null;
  if (issuer.kind === 'agency-site') {
    const credited = [...y.selfCredits, ...y.citations].some((c) => sameOutlet(c, issuer.name));
    return credited && !(y.issuer?.kind === 'agency-site' && sameOutlet(y.issuer.name, issuer.name)) ? issuer : null;
  }
  return y.issuer ? null : issuer;
}

/** A text this much covered by the other lies wholly inside it (the outer text is not). */
const CONTAINED_COVERAGE = 0.85;
/** ...and the inner text was taken word for word when this share of it is verbatim (a summary is not). */
const CONTAINED_VERBATIM = 0.6;
/** Words of its own before or after the shared body that make material added at an edge. */
const EDGE_WORDS = 25;
/** A wire's sign-off: the end of a full agency text, which a cut copy loses. */
const SIGN_OFF = /\b(?:Reporting by|Editing by|Writing by|Additional reporting by|Compiled by)\b|\((?:Reuters|AP|AFP|PA|dpa)\)\s*$/;

/** Orientation of a pair where one text lies wholly inside the other, from the material around it. */
function edgeMaterial(a: Profile, b: Profile, covA: Coverage, covB: Coverage, passages: readonly Passage[]): Orientation | null {
  // The body is what was taken word for word: paraphrased sentences can be scattered anywhere.
  const verbatim = passages.filter((p) => p.similarity >= VERBATIM_SIMILARITY);
  if (verbatim.length === 0) return null;
  // `inner` lies inside `outer` (most of it word for word); `outer` does not lie inside `inner`.
  const [inner, outer, side, innerCov, outerCov] =
    covB.verbatim >= covA.verbatim ? ([b, a, 'source', covB, covA] as const) : ([a, b, 'target', covA, covB] as const);
  if (innerCov.verbatim < CONTAINED_VERBATIM || outerCov.plain >= CONTAINED_COVERAGE) return null;
  const bodyStart = Math.min(...verbatim.map((p) => (side === 'source' ? p.sourceStart : p.targetStart)));
  const bodyEnd = Math.max(...verbatim.map((p) => (side === 'source' ? p.sourceEnd : p.targetEnd)));
  const before = lowerBound(outer.tokenStarts, bodyStart);
  const after = outer.words - lowerBound(outer.tokenStarts, bodyEnd);
  if (before < EDGE_WORDS && after < EDGE_WORDS) return null;
  if (before < EDGE_WORDS && SIGN_OFF.test(outer.text.slice(bodyEnd).trim()))
    return {
      kind: 'derived',
      source: outer,
      cited: false,
      why: "it is a cut of the other, whose full text ends with the wire's sign-off",
      contained: true,
    };
  return {
    kind: 'derived',
    source: inner,
    cited: false,
    why: 'the other lies inside it word for word and it adds material of its own around that text',
    contained: true,
  };
}

function nameRole(
  p: Profile,
  own: readonly Relation[],
  partners: readonly Profile[],
  sharedWhy: readonly string[],
  sharedVerbatim: number,
  hasChildren: boolean,
  profiles: readonly Profile[],
  o: DerivationOptions,
  separate: Separate,
): { role: Role; reason: string } {
  if (own.length > 0) {
    const primary = own[0]!;
    const source = profiles[primary.source]!;
    const cov = coverage(
      p,
      own.flatMap((r) => r.passages),
      'target',
    );
    const ratio = p.words / Math.max(1, source.words);
    const sources = own.map((r) => label(profiles[r.source]!)).join(' and ');
    const inOrder = primary.evidence.inOrder > 1 ? `, ${primary.evidence.inOrder} of its sentences in the source's order` : '';
    const shares = `shared passages cover ${pct(cov.plain)} of its words (${pct(cov.verbatim)} verbatim)${inOrder}`;
    if (cov.verbatim >= o.copyCoverage) return { role: 'copy', reason: `Copy of ${sources}: ${shares}; ${primary.why}.` };
    if (ratio <= o.summaryLengthRatio) {
      return { role: 'summary', reason: `Summary of ${sources}: ${shares} at ${pct(ratio)} of the source's length; ${primary.why}.` };
    }
    if (ratio <= LIST_SUMMARY_LENGTH_RATIO && isListShaped(p.text)) {
      return {
        role: 'summary',
        reason: `Summary of ${sources}: ${shares}, set out as key points at ${pct(ratio)} of the source's length; ${primary.why}.`,
      };
    }
    const manner = cov.verbatim >= cov.plain / 2 ? 'largely word for word, with material of its own' : 'mostly reworded';
    return { role: 'rewrite', reason: `Rewrite of ${sources}: ${shares}, ${manner}; ${primary.why}.` };
  }
  if (partners.length > 0) {
    const names = partners.map(label).join(', ');
    const why = sharedWhy[0] ?? 'they share text';
    const verbatim = sharedVerbatim >= o.copyCoverage;
    return {
      role: verbatim ? 'copy' : 'rewrite',
      reason: `${verbatim ? 'Copy' : 'Rewrite'} of a source not in the batch that it shares with ${names}: ${why}.`,
    };
  }
  if (hasChildren) return { role: 'original', reason: 'Original: other articles derive from it and it derives from none of them.' };
  const cited = p.citations.filter(isAgency);
  if (separate.other >= 0) {
    const other = label(profiles[separate.other]!);
    return {
      role: 'independent',
      reason:
        o.method === 'model'
          ? `Independent: it shares facts with ${other} (${pct(separate.coverage)} of its words align), but the pair model puts the chance that the two share copy at ${pct(separate.probability)}: not enough of the other's wording outside quotes, as separate reports of one event share facts, names and quotes.`
          : `Independent: it shares facts with ${other} (${pct(separate.coverage)} of its words align), but neither that article's sequence of sentences nor its wording, as separate reports of one event do (pair model: ${pct(separate.probability)} chance of shared copy).`,
    };
  }
  return {
    role: 'independent',
    reason:
      cited.length > 0
        ? `Independent of the other articles here: it shares too little text with them to derive from one, though it credits ${cited[0]}.`
        : 'Independent: it shares too little text with the other articles (quotes discounted) to derive from any of them.',
  };
}

/** A sentence counts as aligned to a source when this share of its words lies in the evidence. */
const ALIGNED_SENTENCE_SHARE = 0.5;
/** Below this share of its sentences aligned to its sources, an article is partially derived. */
export const WHOLLY_DERIVED_SHARE = 0.6;

/** Share of the article's sentences whose words lie mostly in the passages (target side). */
function derivedShare(p: Profile, passages: readonly Passage[]): number {
  const sentences = p.sequence.sentences;
  if (sentences.length === 0) return 0;
  let aligned = 0;
  for (const s of sentences) {
    let words = 0;
    let covered = 0;
    for (let k = lowerBound(p.tokenStarts, s.start); k < p.words && p.tokenStarts[k]! < s.end; k++) {
      words++;
      const at = p.tokenStarts[k]!;
      if (passages.some((x) => x.targetStart <= at && at < x.targetEnd)) covered++;
    }
    if (words > 0 && covered >= ALIGNED_SENTENCE_SHARE * words) aligned++;
  }
  return aligned / sentences.length;
}

/** A shortened text laid out as key points is a summary up to this share of its source's length. */
const LIST_SUMMARY_LENGTH_RATIO = 0.8;
/** Bullet items and short headings ending in a colon ("Key Highlights:") that make a list. */
const LIST_LINE = /^\s*(?:[•·▪◦*–—-]|\d{1,2}[.)])\s+\S|^\s*(?:\S+\s+){0,7}\S+:\s*$/;
/** At least this many list lines, and this share of all lines, make a text list-shaped. */
const MIN_LIST_LINES = 3;
const MIN_LIST_SHARE = 0.15;

/** True when the text is laid out as key points (bullets, or short headings ending in ':'). */
export function isListShaped(text: string): boolean {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const list = lines.filter((l) => LIST_LINE.test(l)).length;
  return list >= MIN_LIST_LINES && list / Math.max(1, lines.length) >= MIN_LIST_SHARE;
}

function isAncestor(candidate: number, of: number, parents: readonly Set<number>[]): boolean {
  const stack = [of];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x === candidate) return true;
    if (seen.has(x)) continue;
    seen.add(x);
    stack.push(...parents[x]!);
  }
  return false;
}

function sortByTarget(passages: readonly Passage[]): Passage[] {
  return [...passages].sort((x, y) => x.targetStart - y.targetStart || x.sourceStart - y.sourceStart);
}

function lowerBound(values: Int32Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
