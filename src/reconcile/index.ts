// Stage 9: reconcile. Line up every claim of a story across its articles: the same quote in
// several versions, the same number in several forms, the same fact paraphrased. Give every version
// a status against the fullest, earliest one, count copies as one origin, and list what an editor
// should look at first.
//
//   1. order the articles (earliest, most original, fullest first) and group them into origins
//   2. prepare each mention once (words, names, numbers, meaning vector)
//   3. quotes: cluster by speaker and wording, then fidelity (verbatim / trimmed / altered / paraphrased)
//   4. quantities: cluster by value and context, then agreement, rounding, conflict and drift
//   5. statements, with each quote claim: cluster by content and meaning; a statement that meets a
//      quote is its paraphrase, one that flips its polarity a contradiction
//   6. support: a claim one outlet seems to carry, stated by another outlet's sentence in other words
//   7. origins, uniqueness (a claim another outlet states across two sentences is no one's own), contested flags
//   8. findings: each claim's own (changed quotes, disputed figures, contradictions), what one outlet
//      alone adds, copies that credit nobody
import { CorroborateError } from '../errors.js';
import type { AnalyzedArticle, ClaimMention, ClaimVersion, Derivation, Finding, ReconciledClaim, Reconciliation } from '../records.js';
import {
  articleNames,
  outletOf,
  contradictionFindings,
  copyFindings,
  quantityFindings,
  quoteFindings,
  sortFindings,
  substance,
  uniqueFindings,
  type FindingContext,
  type UniqueCandidate,
} from './findings.js';
import { countOrigins, storyOrder, type StoryOrder } from './origins.js';
import { reconcileQuantities } from './quantities.js';
import { reconcileQuotes } from './quotes.js';
import { sentenceKey, type Draft } from './draft.js';
import { foldSpeaker, prepareMention, sameSpeaker, type PreparedMention } from './similarity.js';
import { reconcileStatements } from './statements.js';
import { statesSameFact, storyLexicon, supportClaims } from './support.js';
import { jointlyStated } from './joint.js';

export { articleNames, outletOf } from './findings.js';
export { storyCoverage, type StoryCoverage, type ArticleCoverage, type CoverageCell } from './coverage.js';
export { storyOrder, countOrigins, type StoryOrder } from './origins.js';
export { wordDiff } from './diff.js';
export { negationFlipped } from './quotes.js';
export { wordsOf, negationCount, contentStems, namesOf, stem, type Word } from './words.js';

export interface ReconcileOptions {
  /** Least alignment score (0..1) for two quotes of one speaker to be versions of one quote. */
  readonly quoteMatch: number;
  /** Least score (0..1) for two statements to be the same fact. */
  readonly statementMatch: number;
  /** Least shared content (0..1, of the shorter statement) at which a flipped polarity is a contradiction. */
  readonly contradiction: number;
  /** Least context similarity (0..1) for two equal numbers to be one claim. */
  readonly sameValueContext: number;
  /** Least measure similarity (0..1) for two different numbers to be a conflict. */
  readonly conflictMeasure: number;
  /** Largest relative difference (0..1) between two numbers still read as rounding. */
  readonly rounding: number;
  /** Use word-vector meaning as well as words (loads the vectors once, a few seconds). */
  readonly semantic: boolean;
  /** At most this many "only one outlet says this" findings per article, the most substantive first. */
  readonly maxUniqueFindingsPerArticle: number;
  /** At most this many of them per story, the most substantive first and spread over the outlets. */
  readonly maxUniqueFindingsPerStory: number;
  /** Also list quotes that were only shortened (off by default: trimming is normal editing). */
  readonly flagTrimmedQuotes: boolean;
}

export const RECONCILE_DEFAULTS: ReconcileOptions = {
  // Same speaker, half the words in order or the same meaning: rewrites keep about this much.
  quoteMatch: 0.45,
  // Paraphrases of one fact share most content words or nearly all the meaning.
  statementMatch: 0.55,
  // A polarity flip only means denial when one statement holds nearly all the other's words.
  contradiction: 0.7,
  // Equal numbers in one story are usually one fact; some shared context is enough.
  sameValueContext: 0.3,
  // Different numbers are only a conflict when they plainly measure the same thing.
  conflictMeasure: 0.5,
  // 3.8 vs 3.75 million is rounding; 15% vs 16% is not.
  rounding: 0.03,
  semantic: true,
  // An editor reads a handful of one outlet's additions; the rest are in each article's coverage.
  maxUniqueFindingsPerArticle: 4,
  // A story of twenty independent reports would list eighty; a short list is what gets read, and
  // every claim one outlet carries stays in the claims (uniqueTo) and the coverage matrix.
  maxUniqueFindingsPerStory: 12,
  flagTrimmedQuotes: false,
};

export interface ReconcileInput {
  readonly articles: readonly AnalyzedArticle[];
  readonly claims: readonly ClaimMention[];
  readonly derivations: readonly Derivation[];
}

/**
 * The stage, step by step (the numbers are the steps in this file's header): the story's order and
 * prepared mentions, draft claims of each kind, support across outlets, the claims in reading
 * order, then the findings an editor reads.
 */
export function reconcileStory(input: ReconcileInput, options: Partial<ReconcileOptions> = {}): Reconciliation {
  const settings = { ...RECONCILE_DEFAULTS, ...options } satisfies ReconcileOptions;
  validate(settings);
  checkClaimsBelong(input);
  const { articles, claims, derivations } = input;

  // 1-2.
  const order = storyOrder(articles, derivations);
  const prepared = claims.map((c) => prepareMention(c, order.rank.get(c.article)!, settings.semantic));
  // 3-5. Two claims are one only when one states what the other does, not merely the story's names.
  const lexicon = storyLexicon(articles, settings.semantic);
  const drafts = draftClaims(prepared, order, lexicon, settings);
  // 6. Claims one outlet alone seems to carry, against every sentence of the others.
  const outletKey = new Map(articles.map((a) => [a.article.id, outletOf(a.article).toLowerCase()]));
  const supported = supportClaims({ lexicon, articles, drafts, mentions: prepared, order, outletKey, semantic: settings.semantic });
  // 7.
  const joint = jointlyStated({ lexicon, articles, drafts: supported, mentions: prepared, outletKey });
  const reconciled = supported.map((draft) => ({ draft, claim: toClaim(draft, order, outletKey, joint.has(draft)) }));
  reconciled.sort((a, b) => claimOrder(a.claim, b.claim, a.draft, b.draft));
  const ctx = findingContext(input, order, reconciled, settings);
  const findings = [...claimFindings(reconciled, ctx), ...additionFindings(input, reconciled, order, outletKey, ctx), ...copyFindings(ctx)];
  return { claims: reconciled.map((r) => r.claim), findings: sortFindings(findings) };
}

/** A claim and the draft it was made from. */
interface Reconciled {
  readonly draft: Draft;
  readonly claim: ReconciledClaim;
}

function checkClaimsBelong({ articles, claims }: ReconcileInput): void {
  const known = new Set(articles.map((a) => a.article.id));
  for (const claim of claims) {
    if (!known.has(claim.article)) {
      throw new CorroborateError(
        'usage',
        `claim ${claim.id} belongs to article ${claim.article}, which is not in the story`,
        "Pass the claims of the story's own articles only.",
      );
    }
  }
}

/** 3-5: quotes, quantities, and statements (which meet the quotes: a report of one in other words, or a denial). */
function draftClaims(
  prepared: readonly PreparedMention[],
  order: StoryOrder,
  lexicon: ReturnType<typeof storyLexicon>,
  settings: ReconcileOptions,
): Draft[] {
  const ofKind = (kind: ClaimMention['kind']) => prepared.filter((p) => p.mention.kind === kind);
  const sameFact = (a: ClaimMention, b: ClaimMention, related: boolean) => statesSameFact(lexicon, a, b, related);
  const drafts: Draft[] = [];
  const quotes = reconcileQuotes(
    ofKind('quote'),
    order,
    { match: settings.quoteMatch, contradiction: settings.contradiction },
    settings.semantic,
    sameFact,
  );
  for (const q of reconcileQuantities(ofKind('quantity'), order, { ...settings })) {
    drafts.push({
      kind: 'quantity',
      reference: q.reference.prepared,
      versions: q.versions,
      contested: q.conflicts.length > 0,
      drifts: q.drifts,
    });
  }
  const statementThresholds = { match: settings.statementMatch, contradiction: settings.contradiction };
  for (const c of reconcileStatements(ofKind('statement'), quotes, statementThresholds, order, sameFact)) {
    drafts.push({
      kind: c.kind,
      reference: c.reference,
      versions: c.versions.map((v) => ({ ...v, diff: v.prepared === c.reference ? undefined : v.diff })),
      contested: c.contradictedBy.length > 0,
      drifts: [],
      echoes: c.echoes,
    });
  }
  return drafts;
}

function findingContext(
  input: ReconcileInput,
  order: StoryOrder,
  reconciled: readonly Reconciled[],
  settings: ReconcileOptions,
): FindingContext {
  return {
    articles: input.articles.map((a) => a.article),
    names: articleNames(input.articles.map((a) => a.article)),
    order,
    derivations: input.derivations,
    maxUniquePerArticle: settings.maxUniqueFindingsPerArticle,
    maxUniquePerStory: settings.maxUniqueFindingsPerStory,
    flagTrimmedQuotes: settings.flagTrimmedQuotes,
    drifts: new Map(reconciled.filter((r) => r.draft.drifts.length > 0).map((r) => [r.claim.id, r.draft.drifts])),
  };
}

/** Changed quotes, disputed or drifting figures, contradictions: each claim's own findings. */
function claimFindings(reconciled: readonly Reconciled[], ctx: FindingContext): Finding[] {
  const findings: Finding[] = [];
  for (const { claim } of reconciled) {
    if (claim.kind === 'quote') findings.push(...quoteFindings(claim, ctx), ...contradictionFindings(claim, ctx));
    else if (claim.kind === 'quantity') findings.push(...quantityFindings(claim, ctx));
    else findings.push(...contradictionFindings(claim, ctx));
  }
  return findings;
}

/**
 * What one outlet alone adds ("Only X reports ..."): claims no other outlet carries, less those
 * whose sentence is flagged already, confirmed by others' figures, taken over by a derived
 * article, or a version of what several outlets state.
 */
function additionFindings(
  input: ReconcileInput,
  reconciled: readonly Reconciled[],
  order: StoryOrder,
  outletKey: ReadonlyMap<string, string>,
  ctx: FindingContext,
): Finding[] {
  // "Only X reports" says something only beside another outlet's report of the same story.
  if (new Set(outletKey.values()).size <= 1) return [];
  const { articles, derivations } = input;
  // A sentence already flagged for a changed quote or a disputed figure needs no "only X says" too.
  const flagged = new Set(
    reconciled.flatMap(({ draft }) =>
      draft.versions.filter((v) => DISPUTED.has(v.status)).map((v) => sentenceKey(v.prepared.mention.article, v.prepared.mention.sentence)),
    ),
  );
  // A sentence whose figures other outlets all confirm is not one outlet's claim, however worded;
  // one that also gives a figure of its own ("scored 31 goals ..., signed a contract until 2030") may be.
  const confirmedNumbers = new Map<string, Set<string>>();
  for (const { draft, claim } of reconciled) {
    if (draft.kind !== 'quantity' || claim.uniqueTo !== null) continue;
    for (const v of draft.versions) {
      const key = sentenceKey(v.prepared.mention.article, v.prepared.mention.sentence);
      const numbers = confirmedNumbers.get(key) ?? new Set<string>();
      for (const n of v.prepared.numbers) numbers.add(n);
      confirmedNumbers.set(key, numbers);
    }
  }
  const sentenceOf = (draft: Draft) => sentenceKey(draft.reference.mention.article, draft.reference.mention.sentence);
  const confirmed = (draft: Draft) => {
    const numbers = confirmedNumbers.get(sentenceOf(draft));
    return numbers !== undefined && [...draft.reference.numbers].every((n) => numbers.has(n));
  };
  // A sentence another article took over, however reworded, is carried by two outlets: the
  // derivation's evidence says so even where the claims did not line up. Quotations excepted:
  // a rewrite that drops the quotation marks no longer carries the quote.
  const takenOver = takenOverSentences(articles, derivations, outletKey);
  // Copies, rewrites and summaries of another article of the story: what they add is background.
  const derived = new Set(
    derivations
      .filter((d) => d.role !== 'independent' && d.role !== 'original' && d.derivedFrom.some((l) => order.rank.has(l.article)))
      .map((d) => d.article),
  );
  const direct = (draft: Draft) => draft.kind === 'quote' && draft.reference.mention.quote?.direct !== false;
  // A sentence that is already a version of what several outlets state ("Thunderstorms should bring
  // relief on Thursday" beside another outlet's "Storms are forecast for Thursday") is not one
  // outlet's addition, though its own claim found no partner: support lined it up the other way.
  const shared = new Set(
    reconciled
      .filter(({ draft, claim }) => draft.kind !== 'quantity' && claim.uniqueTo === null)
      .flatMap(({ draft }) => draft.versions.map((v) => sentenceKey(v.prepared.mention.article, v.prepared.mention.sentence))),
  );
  const candidates: UniqueCandidate[] = reconciled
    .filter(({ draft }) => !draft.echoes && !flagged.has(sentenceOf(draft)) && (draft.kind === 'quantity' || !confirmed(draft)))
    .filter(({ draft }) => direct(draft) || draft.kind === 'quantity' || !takenOver.has(sentenceOf(draft)))
    .filter(({ draft, claim }) => direct(draft) || draft.kind === 'quantity' || claim.uniqueTo === null || !shared.has(sentenceOf(draft)))
    .map(({ draft, claim }) => ({
      claim,
      substance: substance(claim, draft.reference.names.size, draft.reference.numbers.size, derived.has(draft.reference.mention.article)),
      sentence: draft.reference.mention.sentence,
      context: draft.reference.mention.context,
      direct: draft.reference.mention.quote?.direct ?? true,
    }));
  return uniqueFindings(candidates, ctx);
}

/** Share of a source sentence an evidence passage must cover for the derived article to carry it. */
const TAKEN_OVER_SHARE = 0.5;

/** `article#sentence` keys of source sentences that derived articles took over (their evidence covers them). */
function takenOverSentences(
  articles: readonly AnalyzedArticle[],
  derivations: readonly Derivation[],
  outletKey: ReadonlyMap<string, string>,
): Set<string> {
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  const keys = new Set<string>();
  for (const d of derivations) {
    if (!byId.has(d.article)) continue;
    for (const link of d.derivedFrom) {
      const source = byId.get(link.article);
      // An outlet rerunning its own text is still one outlet.
      if (!source || outletKey.get(link.article) === outletKey.get(d.article)) continue;
      for (const sentence of source.sentences) {
        let covered = 0;
        for (const p of link.evidence)
          covered += Math.max(0, Math.min(sentence.end, p.sourceEnd) - Math.max(sentence.start, p.sourceStart));
        if (covered >= TAKEN_OVER_SHARE * (sentence.end - sentence.start)) keys.add(sentenceKey(link.article, sentence.index));
      }
    }
  }
  return keys;
}

/** `jointlyStated`: another outlet states it across two sentences (see joint.ts), so it is no one outlet's. */
function toClaim(draft: Draft, order: StoryOrder, outletKey: ReadonlyMap<string, string>, jointlyStated: boolean): ReconciledClaim {
  const versions: ClaimVersion[] = [...draft.versions]
    .sort((a, b) => a.prepared.rank - b.prepared.rank)
    .map(({ prepared, status, score, diff }) => ({
      article: prepared.mention.article,
      mention: prepared.mention.id,
      text: prepared.mention.text,
      start: prepared.mention.start,
      end: prepared.mention.end,
      // A claim nobody else states has nothing to agree or differ with.
      status: draft.versions.length === 1 && draft.kind !== 'quote' ? 'stated' : status,
      score,
      ...(diff && diff.length > 0 ? { diff } : {}),
    }));
  const articleIds = versions.map((v) => v.article);
  const outlets = new Set(articleIds.map((id) => outletKey.get(id) ?? id));
  const ref = draft.reference.mention;
  const speaker = draft.kind === 'quote' ? claimSpeaker(draft) : null;
  return {
    id: `claim-${ref.id}`,
    kind: draft.kind,
    text: ref.text,
    speaker,
    quantity: ref.quantity ? { value: ref.quantity.value, unit: ref.quantity.unit, text: ref.quantity.text } : null,
    versions,
    origins: countOrigins(order, articleIds),
    uniqueTo: !jointlyStated && (articleIds.length === 1 || outlets.size === 1) ? ref.article : null,
    contested: draft.contested,
  };
}

/**
 * Who a quote claim is by: the speaker most of its versions name (an outlet that names someone
 * else for the same words is outvoted), the reference's on a tie, else any version's.
 */
function claimSpeaker(draft: Draft): string | null {
  const named = draft.versions.map((v) => v.prepared).filter((p) => p.speaker !== null && p.mention.quote?.speaker);
  let best: { name: string; votes: number } | null = null;
  for (const p of named) {
    const votes = named.filter((o) => sameSpeaker(o.speaker, p.speaker) === true).length;
    const name = p.mention.quote!.speaker!;
    const isReference = p === draft.reference;
    if (!best || votes > best.votes || (votes === best.votes && isReference)) best = { name, votes };
  }
  const reference = draft.reference.mention.quote?.speaker ?? null;
  if (best && reference && sameSpeaker(draft.reference.speaker, foldSpeaker(best.name)) === true) return reference;
  return best?.name ?? reference ?? draft.versions.map((v) => v.prepared.mention.quote?.speaker).find(Boolean) ?? null;
}

const KIND_ORDER = { quantity: 0, quote: 1, statement: 2 } as const;
/** Version statuses that carry a finding of their own. */
const DISPUTED: ReadonlySet<ClaimVersion['status']> = new Set(['altered', 'conflicting', 'drifted']);

/** Most independent origins first, then most versions, numbers before quotes before statements, then story order. */
function claimOrder(a: ReconciledClaim, b: ReconciledClaim, da: Draft, db: Draft): number {
  return (
    b.origins - a.origins ||
    b.versions.length - a.versions.length ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    da.reference.rank - db.reference.rank ||
    da.reference.mention.start - db.reference.mention.start
  );
}

function validate(settings: ReconcileOptions): void {
  const unit = ['quoteMatch', 'statementMatch', 'contradiction', 'sameValueContext', 'conflictMeasure', 'rounding'] as const;
  for (const key of unit) {
    const value = settings[key];
    if (!(typeof value === 'number' && value >= 0 && value <= 1)) {
      throw new CorroborateError(
        'usage',
        `reconcile option ${key} must be a number from 0 to 1, got ${String(value)}`,
        `Set ${key} between 0 and 1, e.g. ${RECONCILE_DEFAULTS[key]}.`,
      );
    }
  }
  for (const key of ['maxUniqueFindingsPerArticle', 'maxUniqueFindingsPerStory'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0) {
      throw new CorroborateError(
        'usage',
        `reconcile option ${key} must be a whole number >= 0, got ${settings[key]}`,
        `Set ${key} to e.g. ${RECONCILE_DEFAULTS[key]}.`,
      );
    }
  }
}
