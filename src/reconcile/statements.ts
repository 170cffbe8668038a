// Statements (facts stated without quotation marks) across outlets: the same fact paraphrased is
// one claim; the same fact with its polarity flipped ("has no objections" / "objects") is a
// contradiction, and the claim is contested.
import type { MentionStatus } from '../records.js';
import { starCluster, type Group, type Matcher } from './align.js';
import { chooseReference, quoteStatus } from './quotes.js';
import { dice, overlap, sameSpeaker, statementScore, type PreparedMention } from './similarity.js';

export interface StatementThresholds {
  /** Least score for two statements to be one claim. */
  readonly match: number;
  /** Least share of the shorter statement's content words in the other for a polarity flip to be a contradiction. */
  readonly contradiction: number;
}

/** Two statements must share this much of their content words before scoring is worth it. */
const CANDIDATE_MIN_DICE = 0.1;

export interface StatementVersion {
  readonly prepared: PreparedMention;
  readonly status: MentionStatus;
  readonly score: number;
}

export interface StatementClaim {
  /** 'quote' when a reported quote joined the statements that paraphrase it. */
  readonly kind: 'statement' | 'quote';
  readonly reference: PreparedMention;
  readonly versions: readonly StatementVersion[];
  /** Articles whose version denies what the reference states (or the reverse). */
  readonly contradictedBy: readonly string[];
}

export function statementMatcher(thresholds: StatementThresholds): Matcher {
  return {
    absorb: false,
    candidate: (m, r) => sameSpeaker(m.speaker, r.speaker) !== false && dice(m.content, r.content) >= CANDIDATE_MIN_DICE,
    score: statementScore,
    threshold: () => thresholds.match,
  };
}

export function reconcileStatements(mentions: readonly PreparedMention[], thresholds: StatementThresholds): StatementClaim[] {
  return starCluster(mentions, statementMatcher(thresholds)).map((group) => finishStatement(group, thresholds));
}

function finishStatement(group: Group, thresholds: StatementThresholds): StatementClaim {
  const members = [...group.members.values()];
  // A quote no other outlet repeats may still be reported in other words: then the claim is that
  // quote, and the reports are its paraphrases.
  const hasQuote = members.some((m) => m.prepared.mention.kind === 'quote');
  const reference = hasQuote ? chooseReference(members.map((m) => m.prepared)) : group.reference;
  const contradictedBy: string[] = [];
  const versions = members.map(({ prepared, score }): StatementVersion => {
    if (prepared === reference) return { prepared, status: 'original', score: 1 };
    if (hasQuote) {
      const rescored = prepared === group.reference ? (members.find((m) => m.prepared === reference)?.score ?? score) : score;
      return { prepared, status: quoteStatus(reference, prepared), score: round(rescored) };
    }
    if (overlap(prepared.content, reference.content) >= thresholds.contradiction && prepared.negations % 2 !== reference.negations % 2) {
      contradictedBy.push(prepared.mention.article);
      return { prepared, status: 'conflicting', score: round(score) };
    }
    const same = prepared.words.length === reference.words.length && prepared.words.every((w, i) => w.norm === reference.words[i]!.norm);
    return { prepared, status: same ? 'verbatim' : 'paraphrased', score: round(score) };
  });
  return { kind: hasQuote ? 'quote' : 'statement', reference, versions, contradictedBy };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
