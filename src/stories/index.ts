// Stage 6, stories: group articles that report the same real-world event (this earthquake, this
// offer), not the same topic. A batch is fed, oldest first, through the same online engine a
// store keeps between runs (`StoryIndex`, engine.ts); the evidence and the one scoring function
// that weighs it are in features.ts and score.ts; docs/stories.md explains the fit.
import type { AnalyzedArticle, ReusePair, Story } from '../records.js';
import { StoryIndex, DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS } from './engine.js';
import { compareStories, feedBatch } from './feed.js';
import { FITTED_WEIGHTS, type ScoreWeights } from './score.js';

export { StoryIndex, DEFAULT_THRESHOLD, DEFAULT_WINDOW_DAYS, compare } from './engine.js';
export type {
  Assignment,
  Candidate,
  MemberProfile,
  ReuseLink,
  SerializedStoryIndex,
  StoryFacts,
  StoryState,
  EngineOptions,
} from './engine.js';
export { articleFeatures, type ArticleFeatures, type StoryInput } from './features.js';
export {
  FITTED_WEIGHTS,
  sameStoryProbability,
  evidenceLogit,
  timeLogit,
  EVIDENCE_NAMES,
  type Evidence,
  type ScoreWeights,
} from './score.js';

export interface StoryOptions {
  /** Days between an article and the nearest end of a story's span beyond which they never join. */
  readonly windowDays: number;
  /** Probability (0..1) that an article reports a story's event needed to join it. */
  readonly threshold: number;
  /** The scoring weights; the fitted ones unless you are experimenting. */
  readonly weights: ScoreWeights;
}

export const STORY_DEFAULTS: StoryOptions = {
  windowDays: DEFAULT_WINDOW_DAYS,
  threshold: DEFAULT_THRESHOLD,
  weights: FITTED_WEIGHTS,
};

/**
 * Clusters articles into stories. Articles are fed oldest first (undated last, ties by id), so
 * the result does not depend on the input order; near-duplicate pairs from the reuse stage link
 * copies to their source's story; articles left alone get a second look at the end (`revisit`).
 * Stories come out oldest first, largest first among undated.
 */
export function clusterStories(
  articles: readonly AnalyzedArticle[],
  reuse: readonly ReusePair[],
  options: Partial<StoryOptions> = {},
): Story[] {
  const settings = { ...STORY_DEFAULTS, ...options } satisfies StoryOptions;
  const index = new StoryIndex(settings);
  feedBatch(index, articles, reuse);
  const position = new Map(articles.map((a, i) => [a.article.id, i]));
  return index
    .allStories()
    .map((story) => ({ ...story, articleIds: [...story.articleIds].sort((a, b) => position.get(a)! - position.get(b)!) }))
    .sort((a, b) => compareStories({ ...a, size: a.articleIds.length }, { ...b, size: b.articleIds.length }));
}
