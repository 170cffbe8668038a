// Grouping mentions into claims: star clustering around the earliest, most original mention.
// Mentions are visited from the top-ranked article down; each joins the claim whose reference it
// matches best (if the match clears the threshold) or starts a claim of its own. A claim holds at
// most one version per article: when an article states the claim twice (a quote split in two,
// a number repeated in the headline), the better match is its version and the other is absorbed.
import type { PreparedMention } from './similarity.js';

export interface Member {
  readonly prepared: PreparedMention;
  /** Alignment score against the group's reference (1 for the reference itself). */
  readonly score: number;
}

export interface Group {
  reference: PreparedMention;
  /** One member per article, the reference included. */
  readonly members: Map<string, Member>;
  /** Mentions of articles already in the group that matched less well. */
  readonly absorbed: PreparedMention[];
  /**
   * The reference also matches a claim its article already states elsewhere (it says the same
   * thing twice in other words): not something only it reports, even when no one else has this wording.
   */
  readonly echoes: boolean;
}

export interface Matcher {
  /** 0..1 alignment of a mention with a group's reference; 0 when they cannot be one claim. */
  score(mention: PreparedMention, reference: PreparedMention): number;
  /** The least score at which `mention` joins the group of `reference`. */
  threshold(mention: PreparedMention, reference: PreparedMention): number;
  /** Cheap pre-check: false when the two surely differ (skips `score`). */
  candidate?(mention: PreparedMention, reference: PreparedMention): boolean;
  /**
   * Index keys (content words): when given, `candidate` is false for two mentions sharing none, so
   * a mention meets only the groups whose reference shares a key, not every group of the story.
   */
  keys?(mention: PreparedMention): Iterable<string>;
  /**
   * True: a second mention from an article already in the group is absorbed (a quote split in two).
   * False: it looks for another group or starts its own (two sentences are two statements).
   */
  readonly absorb: boolean;
}

/** Visit order: top-ranked article first, then position in the article. */
export function byRankAndPosition(a: PreparedMention, b: PreparedMention): number {
  return a.rank - b.rank || a.mention.start - b.mention.start;
}

export function starCluster(mentions: readonly PreparedMention[], matcher: Matcher): Group[] {
  const groups: Group[] = [];
  const keys = matcher.keys?.bind(matcher);
  const postings = new Map<string, number[]>();
  /** The groups a mention may join, in the order they were made. */
  const reachable = (mention: PreparedMention): Iterable<Group> => {
    if (!keys) return groups;
    const found = new Set<number>();
    for (const key of keys(mention)) for (const g of postings.get(key) ?? []) found.add(g);
    return [...found].sort((a, b) => a - b).map((g) => groups[g]!);
  };
  for (const mention of [...mentions].sort(byRankAndPosition)) {
    let best: Group | null = null;
    let bestScore = 0;
    let echoes = false;
    for (const group of reachable(mention)) {
      const reference = group.reference;
      if (reference.mention.article === mention.mention.article) continue;
      const taken = !matcher.absorb && group.members.has(mention.mention.article);
      if (matcher.candidate && !matcher.candidate(mention, reference)) continue;
      const score = matcher.score(mention, reference);
      if (score < matcher.threshold(mention, reference)) continue;
      if (taken) echoes = true;
      else if (score > bestScore) {
        best = group;
        bestScore = score;
      }
    }
    if (!best) {
      if (keys) for (const key of keys(mention)) (postings.get(key) ?? postings.set(key, []).get(key)!).push(groups.length);
      groups.push({
        reference: mention,
        members: new Map([[mention.mention.article, { prepared: mention, score: 1 }]]),
        absorbed: [],
        echoes,
      });
      continue;
    }
    const article = mention.mention.article;
    const existing = best.members.get(article);
    if (!existing) best.members.set(article, { prepared: mention, score: bestScore });
    else if (bestScore > existing.score) {
      best.members.set(article, { prepared: mention, score: bestScore });
      best.absorbed.push(existing.prepared);
    } else best.absorbed.push(mention);
  }
  return groups;
}
