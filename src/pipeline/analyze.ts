// The orchestrator: every stage, top to bottom. `analyzeArticles` is pure (records in, dossier
// out); `runAnalysis` adds the edges: reading inputs and keeping results in a store.
import type { AnalysedArticle, Article, Rejection, ReusePair, Story } from '../records.js';
import type { Dossier, DossierStory } from '../dossier/types.js';
import type { Store } from '../store/types.js';
import { readInputs, type IngestOptions } from '../ingest/index.js';
import { extractArticles, type ExtractOptions } from '../extract/index.js';
import { splitSentences, type SentenceOptions } from '../sentences/index.js';
import { capArticle, capClaims, type AnalysisLimits } from './limits.js';
import { withLease, type HeldLease, type LeaseOptions } from './lease.js';
import { computeBandKeys, findReuse, type ReuseOptions } from '../reuse/index.js';
import { clusterStories, DEFAULT_STORY_OPTIONS, StoryIndex, type SerializedStoryIndex, type StoryOptions } from '../stories/index.js';
import { compareStories, feedBatch } from '../stories/feed.js';
import { deriveStory, countIndependentOrigins, type DerivationOptions } from '../derivation/index.js';
import { extractClaims, type ClaimOptions } from '../claims/index.js';
import { reconcileStory, storyCoverage, type ReconcileOptions } from '../reconcile/index.js';
import { writeBrief, type BriefOptions } from '../brief/index.js';
import { buildStoryDossier } from '../dossier/build.js';
import { DOSSIER_VERSION } from '../dossier/types.js';

export interface AnalyzeOptions {
  readonly ingest?: Partial<IngestOptions>;
  readonly extract?: Partial<ExtractOptions>;
  readonly sentences?: Partial<SentenceOptions>;
  /** The longest article analysed and the most claims compared (see limits.ts). */
  readonly limits?: Partial<AnalysisLimits>;
  readonly reuse?: Partial<ReuseOptions>;
  /** How a run waits for another one writing the same store (runAnalysis only). */
  readonly lease?: Partial<LeaseOptions>;
  readonly stories?: Partial<StoryOptions>;
  readonly derivation?: Partial<DerivationOptions>;
  readonly claims?: Partial<ClaimOptions>;
  readonly reconcile?: Partial<ReconcileOptions>;
  readonly brief?: Partial<BriefOptions>;
  /** Called as work advances, for progress bars. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  readonly stage: 'ingest' | 'extract' | 'analyze' | 'store';
  readonly done: number;
  readonly total: number | null;
  readonly input?: string;
}

/** Stages 4-10 over articles already extracted. Pure. */
export function analyzeArticles(
  articles: readonly Article[],
  options: AnalyzeOptions = {},
  rejections: readonly Rejection[] = [],
): Dossier {
  const analysed: AnalysedArticle[] = articles.map((given) => {
    const article = capArticle(given, options.limits);
    return { article, sentences: splitSentences(article.text, options.sentences) };
  });
  const byId = new Map(analysed.map((a) => [a.article.id, a]));
  const reuse = findReuse(analysed, options.reuse);
  const stories = clusterStories(analysed, reuse, options.stories);
  const dossierStories = stories.map((story) => {
    const memberIds = new Set(story.articleIds);
    const members = story.articleIds.map((id) => byId.get(id)).filter((a): a is AnalysedArticle => a !== undefined);
    return analyseStory(
      story,
      members,
      reuse.filter((pair) => memberIds.has(pair.a) && memberIds.has(pair.b)),
      options,
    );
  });
  return makeDossier(dossierStories, rejections);
}

/** Stages 7-10 for one story whose members and reuse pairs are known. Pure. */
export function analyseStory(
  story: Story,
  members: readonly AnalysedArticle[],
  reuse: readonly ReusePair[],
  options: AnalyzeOptions = {},
): DossierStory {
  const derivations = deriveStory(members, reuse, options.derivation);
  const { claims, notes } = capClaims(
    members.flatMap((member) => extractClaims(member, options.claims)),
    options.limits,
  );
  const reconciliation = reconcileStory({ articles: members, claims, derivations }, options.reconcile);
  const brief = writeBrief({ articles: members, reconciliation, derivations }, options.brief);
  return buildStoryDossier({
    story,
    // Claims past the caps are named on their article, as what analysis left out.
    articles: members.map(({ article }) => {
      const note = notes.get(article.id);
      return note ? { ...article, removed: [...article.removed, note] } : article;
    }),
    derivations,
    reconciliation,
    brief,
    independentOrigins: countIndependentOrigins(derivations),
    coverage: storyCoverage({ articles: members, reconciliation, derivations }).perArticle,
  });
}

function makeDossier(stories: readonly DossierStory[], rejections: readonly Rejection[]): Dossier {
  return {
    version: DOSSIER_VERSION,
    generatedAt: new Date().toISOString(),
    stories: [...stories],
    rejections: rejections.map(({ input, code, reason }) => ({ input, code, reason })),
  };
}

export interface RunResult {
  readonly dossier: Dossier;
  readonly articles: readonly Article[];
  readonly rejections: readonly Rejection[];
  /** Ids stored for the first time by this run; the rest were already in the store. */
  readonly inserted: readonly string[];
}

/** The store's key for the stories engine's state (StoryIndex.toJSON()). */
export const STORY_INDEX_STATE = 'stories.index';

/**
 * The whole job: read inputs, extract, store the articles, then analyse them incrementally
 * against what the store already holds. The stories engine's state is kept in the store between
 * runs, so a new article joins the stored story it belongs to (or starts one), stored articles
 * it copies are found through their stored reuse signatures, and only the stories this run
 * touches are re-analysed and saved. Stored stories that a bridging article merged into another
 * are recorded as merged, so their old ids keep resolving.
 */
export async function runAnalysis(inputs: readonly string[], store: Store, options: AnalyzeOptions = {}): Promise<RunResult> {
  const documents = [];
  const rejections: Rejection[] = [];
  for await (const item of readInputs(inputs, options.ingest)) {
    if ('code' in item) rejections.push(item);
    else documents.push(item);
    options.onProgress?.({ stage: 'ingest', done: documents.length + rejections.length, total: null, input: item.input });
  }

  const articles: Article[] = [];
  for (const result of extractArticles(documents, options.extract)) {
    if ('code' in result) rejections.push(result);
    else articles.push(capArticle(result, options.limits));
  }
  options.onProgress?.({ stage: 'extract', done: articles.length, total: documents.length });

  // The same content given twice in one batch is one article.
  const unique = [...new Map(articles.map((a) => [a.contentHash, a])).values()];
  const analysed: AnalysedArticle[] = unique.map((article) => ({ article, sentences: splitSentences(article.text, options.sentences) }));
  const saved = await store.saveArticles(analysed);
  await store.saveRejections(rejections);

  // The longest stage (and, on a machine's first run, the word vectors' load): say it has begun.
  options.onProgress?.({ stage: 'analyze', done: 0, total: null });
  // One writer at a time continues the engine state; a second run waits for the first.
  const stories = await withLease(store, STORY_INDEX_STATE, (lease) => continueStories(store, analysed, options, lease), options.lease);
  options.onProgress?.({ stage: 'analyze', done: stories.length, total: stories.length });
  options.onProgress?.({ stage: 'store', done: 1, total: 1 });
  return { dossier: makeDossier(stories, rejections), articles: unique, rejections, inserted: saved.inserted };
}

/**
 * Feeds a batch of (already stored) articles to the store's stories engine and re-analyses every
 * story the batch belongs to, with all its members, old and new. Stored articles the engine has
 * never placed (a run that stopped between storing its articles and saving the engine state) are
 * fed with the batch. Saves the stories, their merges and the engine's state; returns the
 * stories of the articles fed, oldest first.
 */
async function continueStories(
  store: Store,
  given: readonly AnalysedArticle[],
  options: AnalyzeOptions,
  lease: HeldLease,
): Promise<DossierStory[]> {
  if (given.length === 0) return [];
  const settings = { ...DEFAULT_STORY_OPTIONS, ...options.stories };
  const givenIds = new Set(given.map((a) => a.article.id));
  const cache = new ArticleCache(store, given);
  const storedIds = (await store.listArticleIds()).filter((id) => !givenIds.has(id));
  const index = (await loadStoryIndex(store, settings)) ?? rebuildStoryIndex(settings, await cache.getAll(storedIds), options.reuse);
  const unplaced = storedIds.filter((id) => index.storyOf(id) === undefined);
  const batch = [...given, ...(await cache.getAll(unplaced))];
  const batchIds = new Set(batch.map((a) => a.article.id));

  // Near-duplicates of the batch, among itself and the stored articles sharing a signature band.
  const bandKeys = new Map(batch.map((a) => [a.article.id, computeBandKeys(a.article.text, options.reuse)]));
  const neighbourIds = (await store.findByBandKeys([...bandKeys.values()].flat())).filter((id) => !batchIds.has(id));
  const neighbours = await cache.getAll(neighbourIds);
  const reuse = findReuse([...batch, ...neighbours], options.reuse);
  await store.saveSignatures([...bandKeys].map(([articleId, keys]) => ({ articleId, bandKeys: keys })));

  feedBatch(index, batch, reuse);

  const touched = [...new Set(batch.map((a) => index.storyOf(a.article.id)!))];
  const dossierStories: DossierStory[] = [];
  for (const id of touched) {
    const story = index.story(id);
    const members = await cache.getAll(story.articleIds);
    const memberIds = new Set(story.articleIds);
    // Pairs already found cover the batch; older members are re-compared among themselves.
    const storyReuse =
      members.length === story.articleIds.length && story.articleIds.every((m) => batchIds.has(m))
        ? reuse.filter((pair) => memberIds.has(pair.a) && memberIds.has(pair.b))
        : findReuse(members, options.reuse);
    const ordered = { ...story, articleIds: members.map((m) => m.article.id) };
    options.onProgress?.({ stage: 'analyze', done: dossierStories.length, total: touched.length });
    await lease.confirm();
    dossierStories.push(analyseStory(ordered, members, storyReuse, options));
  }
  dossierStories.sort((a, b) => compareStories({ ...a, size: a.articles.length }, { ...b, size: b.articles.length }));
  const mergedInto = await store.findSupersededStories(dossierStories);
  await lease.confirm();
  await store.saveStories(dossierStories, mergedInto);
  await store.putState(STORY_INDEX_STATE, JSON.stringify(index.toJSON()));
  return dossierStories;
}

function engineOptions(settings: StoryOptions) {
  return { windowDays: settings.windowDays, threshold: settings.threshold, weights: settings.weights };
}

/** The engine as the last run left it; null without a saved state this version can read. */
async function loadStoryIndex(store: Store, settings: StoryOptions): Promise<StoryIndex | null> {
  const state = await store.getState(STORY_INDEX_STATE);
  if (state === null) return null;
  try {
    return StoryIndex.fromJSON(JSON.parse(state) as SerializedStoryIndex, engineOptions(settings));
  } catch {
    // An unreadable or older state: the caller rebuilds it.
    return null;
  }
}

/**
 * The engine rebuilt from the stored articles (a database from before states were kept, or one
 * whose state this version cannot read), so the stories come out as one run over everything
 * would make them.
 */
function rebuildStoryIndex(
  settings: StoryOptions,
  stored: readonly AnalysedArticle[],
  reuseOptions: Partial<ReuseOptions> | undefined,
): StoryIndex {
  const index = new StoryIndex(engineOptions(settings));
  if (stored.length > 0) feedBatch(index, stored, findReuse(stored, reuseOptions));
  return index;
}

/** Articles of the batch by id, and stored ones read once from the store when a story needs them. */
class ArticleCache {
  private readonly byId = new Map<string, AnalysedArticle>();

  constructor(
    private readonly store: Store,
    batch: readonly AnalysedArticle[],
  ) {
    for (const a of batch) this.byId.set(a.article.id, a);
  }

  async getAll(ids: readonly string[]): Promise<AnalysedArticle[]> {
    const out: AnalysedArticle[] = [];
    for (const id of ids) {
      let found = this.byId.get(id);
      if (!found) {
        const article = await this.store.getArticle(id);
        if (!article) continue;
        const sentences = await this.store.getSentences(id);
        found = { article, sentences: sentences.length > 0 ? sentences : splitSentences(article.text) };
        this.byId.set(id, found);
      }
      out.push(found);
    }
    return out;
  }
}
