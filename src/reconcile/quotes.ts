// Quote fidelity: every version of a quote against the fullest, earliest version of it.
//   original     the reference itself
//   verbatim     the same words (punctuation, case, curly quotes and brackets aside)
//   trimmed      words dropped, none changed
//   altered      inside quotation marks, but the words differ
//   paraphrased  reported without quotation marks
import type { ClaimMention, MentionStatus, WordChange } from '../records.js';
import { starCluster, type Group, type Matcher } from './align.js';
import { lcsLength, wordDiff, wordSteps } from './diff.js';
import type { StoryOrder } from './origins.js';
import { derivesFrom } from './origins.js';
import { overlap, prepareMention, quoteScore, sameSpeaker, type PreparedMention } from './similarity.js';
import { NEGATIONS, isContent, type Word } from './words.js';

export interface QuoteThresholds {
  /** Least score for two quotes of the same speaker to be one quote. */
  readonly match: number;
  /** Least shared content (of the shorter) at which a flipped polarity is a denial. */
  readonly contradiction: number;
}

/** Added when either speaker is unknown: the words alone must carry the match. */
const UNKNOWN_SPEAKER_PENALTY = 0.15;
/** Taken off when the article derives from the reference's article: its quotes are likely reused. */
const DERIVED_ARTICLE_BONUS = 0.1;
/** Share of a version's words found in order in another for that other to be "fuller" than it. */
const FULLER_CONTAINMENT = 0.95;
/** Words that a quote may gain at its edges when an outlet splits it in two ("And when I say..."). */
const EDGE_CONJUNCTIONS = new Set(['and', 'but', 'so', 'or']);

export function quoteMatcher(order: StoryOrder, thresholds: QuoteThresholds): Matcher {
  return {
    absorb: true,
    candidate: (m, r) => sameSpeaker(m.speaker, r.speaker) !== false,
    score: quoteScore,
    threshold(m, r) {
      let t = thresholds.match;
      if (sameSpeaker(m.speaker, r.speaker) === null) t += UNKNOWN_SPEAKER_PENALTY;
      if (derivesFrom(order, m.mention.article, r.mention.article)) t -= DERIVED_ARTICLE_BONUS;
      return t;
    },
  };
}

export interface QuoteVersion {
  readonly prepared: PreparedMention;
  readonly status: MentionStatus;
  readonly score: number;
  readonly diff: readonly WordChange[];
}

export interface QuoteClaim {
  readonly reference: PreparedMention;
  readonly versions: readonly QuoteVersion[];
  /** Articles whose version denies the reference. */
  readonly contradictedBy: readonly string[];
}

export function reconcileQuotes(
  mentions: readonly PreparedMention[],
  order: StoryOrder,
  thresholds: QuoteThresholds,
  semantic: boolean,
): QuoteClaim[] {
  return starCluster(mentions, quoteMatcher(order, thresholds)).map((group) => finishQuote(group, thresholds, semantic));
}

function finishQuote(group: Group, thresholds: QuoteThresholds, semantic: boolean): QuoteClaim {
  const members = [...group.members.values()].map((m) => joinSplitQuote(m.prepared, group, semantic));
  const reference = chooseReference(members);
  const contradictedBy: string[] = [];
  const versions = members.map((prepared): QuoteVersion => {
    if (prepared === reference) return { prepared, status: 'original', score: 1, diff: [] };
    const diff = wordDiff(reference.words, prepared.words);
    const score = round(quoteScore(prepared, reference));
    // "Talks resumed", the company said; "talks have not resumed", the union said: a denial, not a version.
    // (Between two direct quotes of one speaker a flipped word is a changed quote: altered, below.)
    const sameWordsAtStake = isDirect(prepared) && isDirect(reference) && sameSpeaker(prepared.speaker, reference.speaker) === true;
    if (!sameWordsAtStake && denies(prepared, reference, thresholds.contradiction)) {
      contradictedBy.push(prepared.mention.article);
      return { prepared, status: 'conflicting', score, diff };
    }
    return { prepared, status: quoteStatus(reference, prepared), score, diff };
  });
  return { reference, versions, contradictedBy };
}

/** Sentences apart that two quotation-mark stretches of one speaker may stand and still be one quote split in two. */
const SPLIT_QUOTE_SENTENCES = 2;
/** Words of the group's reference that the second stretch must add to the alignment for the two to be one quote. */
const SPLIT_QUOTE_GAIN_WORDS = 3;

/**
 * An outlet that splits a quote in two ("... to work together," Putin said. "If they show interest,
 * ...") gives one version of it, not a version and a stray: the stretches of its article that the
 * group absorbed join the member, in text order, when they are the same speaker's, stand close by
 * and line up with more of the reference's words than the member alone.
 */
function joinSplitQuote(member: PreparedMention, group: Group, semantic: boolean): PreparedMention {
  if (member === group.reference || !isDirect(member)) return member;
  let joined = member;
  const reference = group.reference.spoken;
  const parts = group.absorbed
    .filter((p) => p.mention.article === member.mention.article && isDirect(p) && sameSpeaker(p.speaker, member.speaker) !== false)
    .filter((p) => Math.abs(p.mention.sentence - member.mention.sentence) <= SPLIT_QUOTE_SENTENCES)
    .sort((a, b) => a.mention.start - b.mention.start);
  for (const part of parts) {
    const [first, second] = part.mention.start < joined.mention.start ? [part.mention, joined.mention] : [joined.mention, part.mention];
    const candidate = prepareMention(joinMentions(first, second), member.rank, semantic);
    if (lcsLength(reference, candidate.spoken, stemKey) >= lcsLength(reference, joined.spoken, stemKey) + SPLIT_QUOTE_GAIN_WORDS)
      joined = candidate;
  }
  return joined;
}

/** Two quotation-mark stretches of one article as one mention, like an interrupted quote: `text` joins them, `parts` lists them. */
function joinMentions(first: ClaimMention, second: ClaimMention): ClaimMention {
  const partsOf = (m: ClaimMention) => m.quote?.parts ?? [{ start: m.start, end: m.end }];
  const contexts = first.context === second.context ? first.context : `${first.context} ${second.context}`;
  return {
    ...first,
    id: `${first.id}+${second.id}`,
    // A second stretch that opens a new sentence is shown as one: "... to work together … If they show interest".
    text: /^\p{Lu}/u.test(second.text) && !/[.!?…]$/.test(first.text) ? `${first.text} … ${second.text}` : `${first.text} ${second.text}`,
    end: Math.max(first.end, second.end),
    context: contexts,
    quote: { ...first.quote!, parts: [...partsOf(first), ...partsOf(second)] },
  };
}

const stemKey = (w: Word) => w.stem;

/**
 * Opposite polarity over nearly the same content words, where the negation itself is the change
 * ("was lifted" / "was not lifted"), not part of a phrase one version simply leaves out ("without warning").
 */
export function denies(a: PreparedMention, b: PreparedMention, minOverlap: number): boolean {
  if (a.negations % 2 === b.negations % 2 || overlap(a.content, b.content) < minOverlap) return false;
  return negationFlipped(a.words, b.words);
}

/** True when one text adds or drops a negation on its own, amid shared words. */
export function negationFlipped(a: readonly Word[], b: readonly Word[]): boolean {
  const steps = wordSteps(a, b, (w) => w.stem);
  let run: Word[] = [];
  const flips = (words: Word[]) => words.some((w) => NEGATIONS.has(w.norm) || w.norm.endsWith("n't")) && !words.some((w) => isContent(w));
  for (const step of [...steps, { op: 'same' as const, word: null }]) {
    if (step.op !== 'same') run.push(step.word);
    else {
      if (flips(run)) return true;
      run = [];
    }
  }
  return false;
}

/** The fullest earliest version: the top-ranked direct quote, unless another direct one contains it and says more. */
export function chooseReference(members: readonly PreparedMention[]): PreparedMention {
  const direct = members.filter(isDirect);
  const reported = members.filter((m) => m.mention.kind === 'quote');
  const pool = direct.length > 0 ? direct : reported.length > 0 ? reported : members;
  const earliest = [...pool].sort((a, b) => a.rank - b.rank || b.words.length - a.words.length)[0]!;
  let fullest = earliest;
  for (const other of pool) {
    if (other.words.length <= fullest.words.length) continue;
    if (lcsLength(earliest.words, other.words) >= FULLER_CONTAINMENT * earliest.words.length) fullest = other;
  }
  return fullest;
}

/** The status of `version` against `reference`, ignoring editorial insertions on either side. */
export function quoteStatus(reference: PreparedMention, version: PreparedMention): MentionStatus {
  if (!isDirect(version) || !isDirect(reference)) return 'paraphrased';
  const steps = wordSteps(reference.words, version.words);
  const firstSame = steps.findIndex((s) => s.op === 'same');
  const lastSame = steps.length - 1 - [...steps].reverse().findIndex((s) => s.op === 'same');
  let dropped = 0;
  let changed = 0;
  steps.forEach((step, i) => {
    if (step.op === 'same' || step.word.editorial) return;
    if (step.op === 'dropped') dropped += 1;
    else if (!((i < firstSame || i > lastSame) && EDGE_CONJUNCTIONS.has(step.word.norm))) changed += 1;
  });
  if (changed > 0) return 'altered';
  return dropped > 0 ? 'trimmed' : 'verbatim';
}

export function isDirect(m: PreparedMention): boolean {
  return m.mention.kind === 'quote' && m.mention.quote?.direct !== false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
