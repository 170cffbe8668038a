// Quote fidelity: every version of a quote against the fullest, earliest version of it.
//   original     the reference itself
//   verbatim     the same words (punctuation, case, curly quotes and brackets aside)
//   trimmed      words dropped, none changed
//   altered      inside quotation marks, but the words differ
//   paraphrased  reported without quotation marks
import type { ClaimMention, MentionStatus, WordChange } from '../records.js';
import { byRankAndPosition, starCluster, type Matcher } from './align.js';
import { lcsLength, longestCommonRun, wordDiff, wordSteps } from './diff.js';
import type { StoryOrder } from './origins.js';
import { derivesFrom } from './origins.js';
import { overlap, prepareMention, quoteScore, sameSpeaker, type PreparedMention } from './similarity.js';
import { NEGATIONS, contentStems, isContent, wordsOf, type Word } from './words.js';

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

export function quoteMatcher(
  order: StoryOrder,
  thresholds: QuoteThresholds,
  sameFact: SameFact | null = null,
  speakersOf: (m: PreparedMention) => readonly (string | null)[] = (m) => [m.speaker],
): Matcher {
  // A stretch quoted by several outlets speaks with every speaker they name: one may write "Reid's
  // rep" where another names Jack Ketsoyan. True when any two agree, null when none is known.
  const speakers = (m: PreparedMention, r: PreparedMention) => {
    let verdict: boolean | null = false;
    for (const x of speakersOf(m)) {
      for (const y of speakersOf(r)) {
        const same = sameSpeaker(x, y);
        if (same === true) return true;
        if (same === null) verdict = null;
      }
    }
    return verdict;
  };
  const threshold = (m: PreparedMention, r: PreparedMention) => {
    let t = thresholds.match;
    if (speakers(m, r) === null) t += UNKNOWN_SPEAKER_PENALTY;
    if (derivesFrom(order, m.mention.article, r.mention.article)) t -= DERIVED_ARTICLE_BONUS;
    return t;
  };
  return {
    absorb: true,
    candidate: (m, r) => speakers(m, r) !== false,
    score(m, r) {
      const score = quoteScore(m, r);
      // Two reports of one speaker in other words (no quotation to hold them to) must say the same
      // thing, not two things one speaker said about one subject ("deals could extend to deposits in
      // eastern Ukraine" / "Russia's resources are larger than Ukraine's"). A quotation and its report
      // are held together by the quotation's words.
      if (score < threshold(m, r) || !sameFact || isDirect(m) || isDirect(r)) return score;
      const related = derivesFrom(order, m.mention.article, r.mention.article) || derivesFrom(order, r.mention.article, m.mention.article);
      return sameFact(m.mention, r.mention, related) ? score : 0;
    },
    threshold,
  };
}

/** Whether two mentions state one fact (words, figures and polarity, not only the story's names); `related` when one article derives from the other. */
export type SameFact = (a: ClaimMention, b: ClaimMention, related: boolean) => boolean;

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
  sameFact: SameFact | null = null,
): QuoteClaim[] {
  // 1. Stretches of one speech: direct quotes that overlap, however each outlet cut them.
  const components = overlapComponents(mentions.filter(isDirect));
  const componentOf = new Map<PreparedMention, PreparedMention[]>();
  for (const component of components) for (const m of component) componentOf.set(m, component);
  // 2. Each stretch stands for its consensus version; rewrites, translations and reported speech
  // join one by their alignment and meaning, star-wise around the earliest.
  const representatives = [...components.map((c) => consensusReference(c, order)), ...mentions.filter((m) => !isDirect(m))];
  const speakersOf = (m: PreparedMention) => (componentOf.get(m) ?? [m]).map((p) => p.speaker);
  return starCluster(representatives, quoteMatcher(order, thresholds, sameFact, speakersOf)).map((group) => {
    const members = [...group.members.values(), ...group.absorbed.map((prepared) => ({ prepared }))].flatMap(
      ({ prepared }) => componentOf.get(prepared) ?? [prepared],
    );
    return finishQuote(members, order, thresholds, semantic);
  });
}

/** Fewest words two quotes must share, in order, to be stretches of one speech. */
const MIN_OVERLAP_WORDS = 4;
/** Share of the shorter quote found in order in the longer: a fragment inside a passage. */
const CONTAINED_SHARE = 0.8;
/** Consecutive words two quotes share at least, when each runs past the other: overlapping stretches. */
const OVERLAP_RUN_WORDS = 6;
/** Consecutive words that make two quotes one whatever the speakers: an outlet that names another speaker misattributes it. */
const VERBATIM_RUN_WORDS = 8;

/**
 * Direct quotes of different articles grouped by overlap: one contains the other (a few words of a
 * longer passage), or the two share a long run of words (different but overlapping stretches of
 * one speech). Speakers must be compatible, unless the run is long enough to be the same words
 * misattributed.
 */
function overlapComponents(direct: readonly PreparedMention[]): PreparedMention[][] {
  const parent = direct.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < direct.length; i++) {
    const a = direct[i]!;
    for (let j = i + 1; j < direct.length; j++) {
      const b = direct[j]!;
      if (a.mention.article === b.mention.article || find(i) === find(j)) continue;
      if (sharedCount(a.content, b.content) < MIN_SHARED_CONTENT) continue;
      if (stretchesOfOneSpeech(a, b)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, PreparedMention[]>();
  direct.forEach((m, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(m);
    groups.set(root, list);
  });
  return [...groups.values()];
}

/** Content words two quotes must share before their word order is compared. */
const MIN_SHARED_CONTENT = 2;

function sharedCount(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n += 1;
  return n;
}

function stretchesOfOneSpeech(a: PreparedMention, b: PreparedMention): boolean {
  const speakers = sameSpeaker(a.speaker, b.speaker);
  const run = longestCommonRun(a.spoken, b.spoken, stemKey);
  if (run >= VERBATIM_RUN_WORDS) return true;
  // "Chargers general manager AJ Butler" for "General Manager A.J. Smith": one outlet got the name
  // wrong; the whole of a shorter quote, word for word, from someone in the same post is the same words.
  const whole = run === Math.min(a.spoken.length, b.spoken.length) && run >= OVERLAP_RUN_WORDS;
  if (speakers === false) return whole && samePost(a, b);
  const common = lcsLength(a.spoken, b.spoken, stemKey);
  if (common < MIN_OVERLAP_WORDS) return false;
  const shorter = Math.min(a.spoken.length, b.spoken.length);
  // Unknown speakers: the words alone must make it plain.
  const contained = common >= (speakers === null ? FULLER_CONTAINMENT : CONTAINED_SHARE) * shorter;
  return contained || (speakers === true && run >= OVERLAP_RUN_WORDS);
}

/** True when both quotes give their speaker's post and the shorter's words are all in the other ("general manager" / "Chargers general manager"). */
function samePost(a: PreparedMention, b: PreparedMention): boolean {
  const [x, y] = [a.mention.quote?.speakerRole, b.mention.quote?.speakerRole].map((role) => contentStems(wordsOf(role ?? '')));
  if (!x || !y || x.size === 0 || y.size === 0) return false;
  const [shorter, longer] = x.size <= y.size ? [x, y] : [y, x];
  return [...shorter].every((w) => longer.has(w));
}

/**
 * The reference of a set of versions: the fullest version the others agree with, that is the one
 * sharing the most words, in order, with the other outlets' versions (a passage holding the
 * fragments others quote; of three translations, the one nearest both others). Between two that
 * share as much (always so with two versions), the fuller when it holds 80% of the other's
 * words, else the earliest: two outlets that disagree leave the first word to the first report. A
 * version copied from another member's article is not the reference when its source quotes it too.
 */
function consensusReference(members: readonly PreparedMention[], order: StoryOrder): PreparedMention {
  const direct = members.filter(isDirect);
  const pool = direct.length > 0 ? direct : members;
  const articles = new Set(pool.map((m) => m.mention.article));
  const sources = pool.filter(
    (m) => ![...articles].some((other) => other !== m.mention.article && derivesFrom(order, m.mention.article, other)),
  );
  const candidates = sources.length > 0 ? sources : pool;
  // Each other article counts once, with its version nearest the candidate (its stretches or their join).
  const agreement = (c: PreparedMention) => {
    const best = new Map<string, number>();
    for (const o of pool) {
      if (o.mention.article === c.mention.article) continue;
      best.set(o.mention.article, Math.max(best.get(o.mention.article) ?? 0, lcsLength(c.spoken, o.spoken, stemKey)));
    }
    let total = 0;
    for (const n of best.values()) total += n;
    return total;
  };
  const scored = candidates.map((c) => ({ c, agreement: agreement(c) }));
  const top = Math.max(...scored.map((x) => x.agreement));
  const tied = scored.filter((x) => x.agreement === top).map((x) => x.c);
  const earliest = [...tied].sort(byRankAndPosition)[0]!;
  let fullest = earliest;
  for (const c of tied) {
    if (c.spoken.length <= fullest.spoken.length) continue;
    if (lcsLength(c.spoken, fullest.spoken, stemKey) >= AGREEING_SHARE * fullest.spoken.length) fullest = c;
  }
  return fullest;
}

/** Share of a version's words a fuller one must hold, in order, to agree with it. */
const AGREEING_SHARE = 0.8;

function finishQuote(members: readonly PreparedMention[], order: StoryOrder, thresholds: QuoteThresholds, semantic: boolean): QuoteClaim {
  const byArticle = new Map<string, PreparedMention[]>();
  for (const m of members) {
    const list = byArticle.get(m.mention.article) ?? [];
    list.push(m);
    byArticle.set(m.mention.article, list);
  }
  // The reference is chosen among whole versions: an article that quotes a passage line by line
  // offers the passage, not its lines one at a time.
  const reference = consensusReference(
    [...byArticle.values()].flatMap((stretches) => [...stretches, ...wholeVersion(stretches, semantic)]),
    order,
  );
  // One version per article: its stretch that lines up best, joined with the stretches next to it
  // that line up with more of the reference (an outlet that splits the quote in two).
  const contradictedBy: string[] = [];
  const versions: QuoteVersion[] = [];
  for (const [article, stretches] of byArticle) {
    const base =
      article === reference.mention.article
        ? reference
        : [...stretches].sort((a, b) => quoteScore(b, reference) - quoteScore(a, reference) || byRankAndPosition(a, b))[0]!;
    const prepared = base === reference ? reference : joinSplitQuote(base, reference, stretches, semantic);
    if (prepared === reference) {
      versions.push({ prepared, status: 'original', score: 1, diff: [] });
      continue;
    }
    const diff = wordDiff(reference.words, prepared.words);
    const score = round(quoteScore(prepared, reference));
    // "Talks resumed", the company said; "talks have not resumed", the union said: a denial, not a version.
    // (Between two direct quotes of one speaker a flipped word is a changed quote: altered, below.)
    const sameWordsAtStake = isDirect(prepared) && isDirect(reference) && sameSpeaker(prepared.speaker, reference.speaker) !== false;
    if (!sameWordsAtStake && denies(prepared, reference, thresholds.contradiction)) {
      contradictedBy.push(prepared.mention.article);
      versions.push({ prepared, status: 'conflicting', score, diff });
      continue;
    }
    versions.push({ prepared, status: quoteStatus(reference, prepared), score, diff });
  }
  return { reference, versions, contradictedBy };
}

/** Sentences apart that two quotation-mark stretches of one speaker may stand and still be one quote split in two. */
const SPLIT_QUOTE_SENTENCES = 2;
/** Words of the group's reference that the second stretch must add to the alignment for the two to be one quote. */
const SPLIT_QUOTE_GAIN_WORDS = 3;

/**
 * An outlet that splits a quote in two ("... to work together," Putin said. "If they show interest,
 * ...") gives one version of it, not a version and a stray: the other stretches of its article in
 * the claim join the member, in text order, when they are the same speaker's, stand close by and
 * line up with more of the reference's words than the member alone.
 */
function joinSplitQuote(
  member: PreparedMention,
  reference: PreparedMention,
  stretches: readonly PreparedMention[],
  semantic: boolean,
): PreparedMention {
  if (!isDirect(member)) return member;
  let joined = member;
  const parts = stretches
    .filter((p) => p !== member && isDirect(p) && sameSpeaker(p.speaker, member.speaker) !== false)
    .filter((p) => Math.abs(p.mention.sentence - member.mention.sentence) <= SPLIT_QUOTE_SENTENCES)
    .sort((a, b) => a.mention.start - b.mention.start);
  for (const part of parts) {
    const [first, second] = part.mention.start < joined.mention.start ? [part.mention, joined.mention] : [joined.mention, part.mention];
    const candidate = prepareMention(joinMentions(first, second), member.rank, semantic);
    if (
      lcsLength(reference.spoken, candidate.spoken, stemKey) >=
      lcsLength(reference.spoken, joined.spoken, stemKey) + SPLIT_QUOTE_GAIN_WORDS
    )
      joined = candidate;
  }
  return joined;
}

/** An article's stretches of one speaker that stand close together, joined in text order, when it has several. */
function wholeVersion(stretches: readonly PreparedMention[], semantic: boolean): PreparedMention[] {
  const direct = stretches.filter(isDirect).sort((a, b) => a.mention.start - b.mention.start);
  if (direct.length < 2) return [];
  let joined = direct[0]!;
  for (const next of direct.slice(1)) {
    if (next.mention.sentence - joined.mention.sentence > SPLIT_QUOTE_SENTENCES + (joined.mention.quote?.parts?.length ?? 1)) break;
    if (sameSpeaker(next.speaker, joined.speaker) === false) break;
    joined = prepareMention(joinMentions(joined.mention, next.mention), joined.rank, semantic);
  }
  return joined === direct[0] ? [] : [joined];
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

/**
 * The status of `version` against `reference`, ignoring editorial insertions on either side.
 * Words a version adds before or after the stretch it shares with the reference are more of the
 * same speech, not a change (one outlet quotes on where another stops), unless the reference has
 * other words there: "This morning I was stopped" / "Yesterday I was stopped" is altered.
 */
export function quoteStatus(reference: PreparedMention, version: PreparedMention): MentionStatus {
  if (!isDirect(version) || !isDirect(reference)) return 'paraphrased';
  const steps = wordSteps(reference.words, version.words);
  const firstSame = steps.findIndex((s) => s.op === 'same');
  if (firstSame < 0) return 'altered';
  const lastSame = steps.length - 1 - [...steps].reverse().findIndex((s) => s.op === 'same');
  const spoken = (from: number, to: number, op: 'dropped' | 'added') =>
    steps.slice(from, to).filter((s) => s.op === op && !s.word.editorial).length;
  // "And when I say ...": a conjunction an outlet adds where it splits the quote is no change either.
  const edge = (from: number, to: number) =>
    spoken(from, to, 'dropped') > 0
      ? steps.slice(from, to).filter((s) => s.op === 'added' && !s.word.editorial && !EDGE_CONJUNCTIONS.has(s.word.norm)).length
      : 0;
  const changed = spoken(firstSame, lastSame + 1, 'added') + edge(0, firstSame) + edge(lastSame + 1, steps.length);
  if (changed > 0) return 'altered';
  return spoken(0, steps.length, 'dropped') > 0 ? 'trimmed' : 'verbatim';
}

export function isDirect(m: PreparedMention): boolean {
  return m.mention.kind === 'quote' && m.mention.quote?.direct !== false;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
