// Statements (facts stated without quotation marks) across outlets, and how they meet the quotes.
// The same fact paraphrased is one claim; the same fact with its polarity flipped ("was lifted" /
// "was not lifted") is a contradiction, and the claim is contested.
//
// Quotes were clustered first (quotes.ts); each quote claim now joins the statement clustering
// through its reference. A statement that lands with a quote is a report of that quote in other
// words: it becomes a paraphrased version of the quote claim. Two quotes from different speakers
// that assert opposite things ("talks resumed", the company said; "talks have not resumed", the
// union said) meet here too: that is a contradiction between sources, not two unrelated claims.
import type { MentionStatus, WordChange } from '../records.js';
import { starCluster, type Group, type Matcher } from './align.js';
import { derivesFrom, type StoryOrder } from './origins.js';
import { denies, type QuoteClaim, type SameFact } from './quotes.js';
import { dice, sameSpeaker, statementScore, type PreparedMention } from './similarity.js';

export interface StatementThresholds {
  /** Least score for two statements to be one claim. */
  readonly match: number;
  /** Least share of the shorter statement's content words in the other for a polarity flip to be a contradiction. */
  readonly contradiction: number;
}

/** Two statements must share this much of their content words before scoring is worth it. */
const CANDIDATE_MIN_DICE = 0.1;

export interface ReconciledVersion {
  readonly prepared: PreparedMention;
  readonly status: MentionStatus;
  readonly score: number;
  readonly diff?: readonly WordChange[];
}

export interface MergedClaim {
  readonly kind: 'statement' | 'quote';
  readonly reference: PreparedMention;
  readonly versions: readonly ReconciledVersion[];
  /** Articles whose version denies what the reference states (or the reverse). */
  readonly contradictedBy: readonly string[];
  /** Its article restates, in other words, a claim other outlets carry (see Group.echoes). */
  readonly echoes: boolean;
}

/** Taken off the threshold when one article derives from the other: a rewrite restates its source. */
const DERIVED_ARTICLE_BONUS = 0.1;

export function statementMatcher(thresholds: StatementThresholds, order: StoryOrder, sameFact: SameFact | null = null): Matcher {
  const related = (a: string, b: string) => derivesFrom(order, a, b) || derivesFrom(order, b, a);
  const threshold = (m: PreparedMention, r: PreparedMention) =>
    thresholds.match - (related(m.mention.article, r.mention.article) ? DERIVED_ARTICLE_BONUS : 0);
  return {
    absorb: false,
    // Different speakers may only meet to contradict each other.
    candidate: (m, r) => dice(m.content, r.content) >= CANDIDATE_MIN_DICE && (sameSpeaker(m.speaker, r.speaker) !== false || flipped(m, r)),
    // CANDIDATE_MIN_DICE > 0: two statements sharing no content word never meet.
    keys: (m) => m.content,
    score(m, r) {
      const score = statementScore(m, r);
      // "Felt worked as a Nazi hunter during World War II" / "Felt learned covert rules in the FBI
      // during World War II": one man, one war, two facts. A denial keeps its own test (contradicts).
      if (score < threshold(m, r) || !sameFact || flipped(m, r)) return score;
      return sameFact(m.mention, r.mention, related(m.mention.article, r.mention.article)) ? score : 0;
    },
    threshold,
  };
}

function flipped(a: PreparedMention, b: PreparedMention): boolean {
  return a.negations % 2 !== b.negations % 2;
}

function contradicts(a: PreparedMention, b: PreparedMention, thresholds: StatementThresholds): boolean {
  return denies(a, b, thresholds.contradiction);
}

export function reconcileStatements(
  statements: readonly PreparedMention[],
  quotes: readonly QuoteClaim[],
  thresholds: StatementThresholds,
  order: StoryOrder,
  sameFact: SameFact | null = null,
): MergedClaim[] {
  const quoteOf = new Map(quotes.map((q) => [q.reference, q]));
  const merged = new Set<QuoteClaim>();
  const out: MergedClaim[] = [];
  for (const group of starCluster([...statements, ...quoteOf.keys()], statementMatcher(thresholds, order, sameFact))) {
    const members = [...group.members.values()];
    const quoteMembers = members.map((m) => quoteOf.get(m.prepared)).filter((q): q is QuoteClaim => q !== undefined);
    if (quoteMembers.length === 0) {
      out.push(finishStatement(group, thresholds));
      continue;
    }
    // The quote most outlets carry leads; statements and contrary quotes join it.
    const lead = [...quoteMembers].sort((a, b) => b.versions.length - a.versions.length || a.reference.rank - b.reference.rank)[0]!;
    const versions: ReconciledVersion[] = lead.versions.map((v) => ({ ...v }));
    const articles = new Set(versions.map((v) => v.prepared.mention.article));
    const contradictedBy: string[] = [...lead.contradictedBy];
    for (const { prepared, score } of members) {
      const other = quoteOf.get(prepared);
      if (other === lead) continue;
      const article = prepared.mention.article;
      const denies = contradicts(prepared, lead.reference, thresholds);
      if (other && !denies) continue; // another quote that merely sounds alike keeps its own claim
      if (articles.has(article)) continue; // the article already quotes it; its report adds nothing
      if (other) merged.add(other);
      if (denies) contradictedBy.push(article);
      versions.push({ prepared, status: denies ? 'conflicting' : 'paraphrased', score: round(score) });
      articles.add(article);
    }
    merged.add(lead);
    out.push({ kind: 'quote', reference: lead.reference, versions, contradictedBy, echoes: group.echoes });
  }
  // Quote claims no statement joined are kept as they were.
  for (const q of quotes) {
    if (!merged.has(q))
      out.push({ kind: 'quote', reference: q.reference, versions: q.versions, contradictedBy: q.contradictedBy, echoes: false });
  }
  return out;
}

function finishStatement(group: Group, thresholds: StatementThresholds): MergedClaim {
  const reference = group.reference;
  const contradictedBy: string[] = [];
  const versions = [...group.members.values()].map(({ prepared, score }): ReconciledVersion => {
    if (prepared === reference) return { prepared, status: 'original', score: 1 };
    if (contradicts(prepared, reference, thresholds)) {
      contradictedBy.push(prepared.mention.article);
      return { prepared, status: 'conflicting', score: round(score) };
    }
    const same = prepared.words.length === reference.words.length && prepared.words.every((w, i) => w.norm === reference.words[i]!.norm);
    return { prepared, status: same ? 'verbatim' : 'paraphrased', score: round(score) };
  });
  return { kind: 'statement', reference, versions, contradictedBy, echoes: group.echoes };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
