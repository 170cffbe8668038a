// The one scoring function that says how likely an article reports the same event as a story.
// Content evidence is combined by a logistic regression whose weights were fitted on ECB+ dev
// (bench/cluster-fit.ts, see docs/stories.md); time and reuse act on the same log-odds scale with
// weights set by principle, because the fitting data has neither publication dates nor copies.

/** The content evidence, each a number in [0, 1] (indicators are 0 or 1). */
export interface Evidence {
  /** TF-IDF cosine of the article with the story centroid (title terms weighted). */
  readonly lexical: number;
  /** Highest TF-IDF cosine with one of the story's recent members. */
  readonly lexicalBest: number;
  /** Share of the article's entity weight (IDF) that the story also names. */
  readonly entities: number;
  /** Cosine of salience-weighted entity vectors (article vs story). */
  readonly entityCosine: number;
  /** Salience-squared share of the story's entities the article names. */
  readonly storySalientCovered: number;
  /** Telling numbers shared that recur in the story (two or more = 1). */
  readonly numbers: number;
  /** A year mentioned by both. */
  readonly yearShared: number;
  /** Both mention years, none in common: often two events of the same kind in different years. */
  readonly yearConflict: number;
  /** A calendar date ("May 3") mentioned by both. */
  readonly dateShared: number;
  /** Cosine of the SIF semantic vectors (article vs story mean), clipped at 0. */
  readonly semantic: number;
  /** Story size, log-scaled: 0 for one member, 1 from STORY_SIZE_SCALE members. */
  readonly size: number;
}

export const EVIDENCE_NAMES = [
  'lexical',
  'lexicalBest',
  'entities',
  'entityCosine',
  'storySalientCovered',
  'numbers',
  'yearShared',
  'yearConflict',
  'dateShared',
  'semantic',
  'size',
] as const satisfies readonly (keyof Evidence)[];

export interface ScoreWeights {
  readonly bias: number;
  readonly weights: Readonly<Record<(typeof EVIDENCE_NAMES)[number], number>>;
}

/**
 * Fitted by `npm run bench:cluster -- --fit` (L2-regularised logistic regression, lambda = 10, on
 * article-vs-story pairs from ECB+ dev, all 33 topics). Recorded with the fit in docs/stories.md.
 */
export const FITTED_WEIGHTS: ScoreWeights = {
  bias: -5.088,
  weights: {
    lexical: 2.042,
    lexicalBest: 1.962,
    entities: 2.97,
    entityCosine: 2.687,
    storySalientCovered: 2.319,
    numbers: 0.808,
    yearShared: 0.666,
    yearConflict: -1.053,
    dateShared: 1.501,
    semantic: 0.57,
    size: -1.816,
  },
};

/** Log-odds lost at the edge of the time window (linear inside it): nearer in time, likelier the same event. */
export const TIME_DECAY_LOGIT = 1.5;
/** Log-odds gained per unit of containment with a member: shared passages are strong evidence of one event. */
export const REUSE_LOGIT = 8;
/**
 * Reuse from which a copy joins its story beyond the time window: a quarter or more of one text
 * inside the other is a reprint (the story continued); a later event reusing one background
 * paragraph shares less (0.22 in the stories test) and stays new (docs/stories.md "Copies across days").
 */
export const CROSS_WINDOW_REUSE = 0.25;

/** The content log-odds of sameness. */
export function evidenceLogit(evidence: Evidence, weights: ScoreWeights = FITTED_WEIGHTS): number {
  let logit = weights.bias;
  for (const name of EVIDENCE_NAMES) logit += weights.weights[name] * evidence[name];
  return logit;
}

/**
 * The time term: 0 without dates, -Infinity beyond the window (two same-kind events weeks apart
 * never merge) unless the article reprints the story (`reuse` >= CROSS_WINDOW_REUSE: then the
 * window-edge value), and a linear decay inside it. `gapDays` is the distance from the article to
 * the nearest end of the story's span, so a long-running story keeps accreting.
 */
export function timeLogit(gapDays: number | null, windowDays: number, reuse = 0): number {
  if (gapDays === null) return 0;
  if (gapDays > windowDays) return reuse >= CROSS_WINDOW_REUSE ? -TIME_DECAY_LOGIT : -Infinity;
  return windowDays === 0 || gapDays === 0 ? 0 : -TIME_DECAY_LOGIT * (gapDays / windowDays);
}

/** The probability that the article reports the story's event. */
export function sameStoryProbability(
  evidence: Evidence,
  gapDays: number | null,
  reuse: number,
  windowDays: number,
  weights: ScoreWeights = FITTED_WEIGHTS,
): number {
  const logit = evidenceLogit(evidence, weights) + timeLogit(gapDays, windowDays, reuse) + REUSE_LOGIT * reuse;
  return 1 / (1 + Math.exp(-logit));
}
