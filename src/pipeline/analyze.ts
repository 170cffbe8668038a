// The orchestrator: every stage, top to bottom. `analyzeArticles` is pure (records in, dossier
// out); `runAnalysis` adds the edges: reading inputs and keeping results in a store.
import type { AnalyzedArticle, Article, Rejection, ReusePair, SourceDocument, Story } from '../records.js';
import type { Dossier, DossierStory } from '../dossier/types.js';
import type { Store } from '../store/types.js';
import { readInputs, type IngestOptions } from '../ingest/index.js';
import { EXTRACT_DEFAULTS, type ExtractOptions } from '../extract/index.js';
import { removeSiteBoilerplate } from '../extract/boilerplate.js';
import { splitSentences, type SentenceOptions } from '../sentences/index.js';
import { capArticle, capClaims, type AnalysisLimits } from './limits.js';
import type { LeaseOptions } from './lease.js';
import { findReuse, type ReuseOptions } from '../reuse/index.js';
import { clusterStories, type StoryOptions } from '../stories/index.js';
import { compareStories } from '../stories/feed.js';
import { continueStories } from './continue.js';
import { stageOptions, type PreparedArticle } from './tasks.js';
import { claimsPart, claimsVersion, type MemberArticle } from './article-parts.js';
import { checkThreads, defaultThreads, inlineWorkers, threadPool, type PipelineWorkers } from './workers.js';
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
  /** The longest article analyzed and the most claims compared (see limits.ts). */
  readonly limits?: Partial<AnalysisLimits>;
  readonly reuse?: Partial<ReuseOptions>;
  /** How a run waits for another one writing the same store (runAnalysis only). */
  readonly lease?: Partial<LeaseOptions>;
  readonly stories?: Partial<StoryOptions>;
  readonly derivation?: Partial<DerivationOptions>;
  readonly claims?: Partial<ClaimOptions>;
  readonly reconcile?: Partial<ReconcileOptions>;
  readonly brief?: Partial<BriefOptions>;
  /** Worker threads for extraction and story analysis (runAnalysis only): default one per core; 0 runs everything on this thread. */
  readonly threads?: number;
  /** Called as work advances, for progress bars. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** Called with a message a user should see once (a store's state converted to a new layout). */
  readonly onNotice?: (message: string) => void;
}

export interface ProgressEvent {
  readonly stage: 'ingest' | 'extract' | 'analyze' | 'store';
  readonly done: number;
  readonly total: number | null;
  readonly input?: string;
  /** Input records (documents and rejections) read so far in this run. */
  readonly records?: number;
  /** Articles placed in stories so far in this run. */
  readonly articles?: number;
  /** Bytes of input documents read so far (for an estimate against the inputs' size). */
  readonly bytes?: number;
}

/** Stages 4-10 over articles already extracted. Pure. */
export function analyzeArticles(
  articles: readonly Article[],
  options: AnalyzeOptions = {},
  rejections: readonly Rejection[] = [],
): Dossier {
  const analyzed: AnalyzedArticle[] = articles.map((given) => {
    const article = capArticle(given, options.limits);
    return { article, sentences: splitSentences(article.text, options.sentences) };
  });
  const byId = new Map(analyzed.map((a) => [a.article.id, a]));
  const reuse = findReuse(analyzed, options.reuse);
  const stories = clusterStories(analyzed, reuse, options.stories);
  const dossierStories = stories.map((story) => {
    const memberIds = new Set(story.articleIds);
    const members = story.articleIds.map((id) => byId.get(id)).filter((a): a is AnalyzedArticle => a !== undefined);
    return analyzeStory(
      story,
      members,
      reuse.filter((pair) => memberIds.has(pair.a) && memberIds.has(pair.b)),
      options,
    );
  });
  return makeDossier(dossierStories, rejections);
}

/** Stages 7-10 for one story whose members and reuse pairs are known. Pure. */
export function analyzeStory(
  story: Story,
  members: readonly MemberArticle[],
  reuse: readonly ReusePair[],
  options: AnalyzeOptions = {},
): DossierStory {
  const derivations = deriveStory(members, reuse, options.derivation);
  const { claims, notes } = capClaims(
    // A member's claims depend on it alone: those already extracted (article-parts.ts) are not extracted again.
    members.flatMap((member) => member.claims ?? extractClaims(member, options.claims)),
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

/** What one chunk of a run did (`analyzeStream`). */
export interface BatchResult {
  /** The stories this chunk's articles are in, analyzed again when they changed. */
  readonly stories: readonly DossierStory[];
  /** Story ids this chunk merged away, to the story each resolves to. */
  readonly retired: ReadonlyMap<string, string>;
  readonly articles: readonly Article[];
  readonly rejections: readonly Rejection[];
  /** Ids stored for the first time by this chunk. */
  readonly inserted: readonly string[];
}

export { STORY_INDEX_STATE } from './continue.js';

/** Documents read before a chunk goes through extraction, storage and stories: bounds memory whatever the input's size. */
const CHUNK_DOCUMENTS = 500;
/** ... or this many bytes of documents, whichever comes first (pages of up to 10 MB each). */
const CHUNK_BYTES = 64 * 1024 * 1024;
/** A pool's threads load the models (about a second of CPU each): a chunk smaller than this runs on the main thread. */
const POOL_MIN_DOCUMENTS = 16;
/** Documents or articles per task sent to a thread: enough to make the message worth it, small enough to share out. */
const TASK_SLICE = 8;

/**
 * The whole job, as a stream: inputs are read, extracted, stored and analyzed in bounded chunks
 * (so a million-record WARC or JSONL file runs in constant memory), each chunk's articles joining
 * the stored stories they belong to (or starting new ones). Yields what each chunk did. Story
 * assignment runs under the store's lease; everything else in a pool of worker threads.
 */
export async function* analyzeStream(
  inputs: readonly string[] | AsyncIterable<SourceDocument | Rejection>,
  store: Store,
  options: AnalyzeOptions = {},
): AsyncGenerator<BatchResult> {
  const threads = checkThreads(options.threads ?? defaultThreads());
  let workers: PipelineWorkers | null = null;
  const counts = { records: 0, bytes: 0, articles: 0 };
  try {
    let chunk: SourceDocument[] = [];
    let chunkBytes = 0;
    let rejections: Rejection[] = [];
    const flush = async (): Promise<BatchResult> => {
      workers ??= threads > 0 && chunk.length >= POOL_MIN_DOCUMENTS ? threadPool(threads) : inlineWorkers();
      const result = await analyzeChunk(chunk, rejections, store, workers, options, counts);
      chunk = [];
      chunkBytes = 0;
      rejections = [];
      return result;
    };
    // Inputs as the user named them, or documents an edge has read already (`corroborate watch`).
    const items = Array.isArray(inputs)
      ? readInputs(inputs as readonly string[], options.ingest)
      : (inputs as AsyncIterable<SourceDocument | Rejection>);
    for await (const item of items) {
      counts.records++;
      if ('code' in item) rejections.push(item);
      else {
        chunk.push(item);
        const size = item.bytes?.length ?? item.content?.length ?? 0;
        chunkBytes += size;
        counts.bytes += size;
      }
      options.onProgress?.({ stage: 'ingest', done: counts.records, total: null, input: item.input, ...counts });
      if (chunk.length >= CHUNK_DOCUMENTS || chunkBytes >= CHUNK_BYTES) yield await flush();
    }
    if (chunk.length > 0 || rejections.length > 0) yield await flush();
    // Stored articles still unplaced (a rebuild of the stories) are placed before the run ends.
    workers ??= inlineWorkers();
    for (let more = true; more; ) {
      const rest = await continueStories(store, [], workers, options);
      if (rest.stories.length > 0) yield { stories: rest.stories, retired: rest.retired, articles: [], rejections: [], inserted: [] };
      more = rest.moreUnplaced;
    }
    options.onProgress?.({ stage: 'store', done: 1, total: 1, ...counts });
  } finally {
    await (workers as PipelineWorkers | null)?.close();
  }
}

/** One chunk: extraction (in the pool), boilerplate learned over the chunk, storage, then the stories step. */
async function analyzeChunk(
  documents: readonly SourceDocument[],
  rejected: readonly Rejection[],
  store: Store,
  workers: PipelineWorkers,
  options: AnalyzeOptions,
  counts: { records: number; bytes: number; articles: number },
): Promise<BatchResult> {
  const stages = stageOptions(options);
  const extracted = (
    await Promise.all(
      slices(documents, TASK_SLICE).map((slice) =>
        workers.run<(Article | Rejection)[]>({ kind: 'extract', documents: slice, options: stages }),
      ),
    )
  ).flat();
  const settings = { ...EXTRACT_DEFAULTS, ...options.extract };
  const results = settings.learnBoilerplate
    ? removeSiteBoilerplate(extracted, settings.boilerplateMinPages, settings.minTextChars)
    : extracted;
  const rejections = [...rejected];
  const articles: Article[] = [];
  for (const result of results) {
    if ('code' in result) rejections.push(result);
    else articles.push(capArticle(result, options.limits));
  }
  options.onProgress?.({ stage: 'extract', done: articles.length, total: documents.length, ...counts });

  // The same content given twice in one chunk is one article.
  const unique = [...new Map(articles.map((a) => [a.contentHash, a])).values()];
  const prepared = (
    await Promise.all(
      slices(unique, TASK_SLICE).map((slice) => workers.run<PreparedArticle[]>({ kind: 'prepare', articles: slice, options: stages })),
    )
  ).flat();
  const saved = await store.saveArticles(prepared);
  const version = claimsVersion(options.claims);
  await store.saveArticleParts(prepared.map((a) => claimsPart(a.article.id, a.claims, version)));
  await store.saveRejections(rejections);
  // The longest stage (and, on a machine's first run, the word vectors' load): say it has begun.
  options.onProgress?.({ stage: 'analyze', done: counts.articles, total: null, ...counts });
  const stories = await continueStories(store, prepared, workers, options);
  counts.articles += unique.length;
  options.onProgress?.({ stage: 'analyze', done: counts.articles, total: null, ...counts });
  return { stories: stories.stories, retired: stories.retired, articles: unique, rejections, inserted: saved.inserted };
}

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The whole job, collected: read inputs, extract, store the articles, then analyze them
 * incrementally against what the store already holds (`analyzeStream`). A new article joins the
 * stored story it belongs to (or starts one), stored articles it copies are found through their
 * stored reuse signatures, and only the stories this run changes are re-analyzed and saved. Story
 * ids merged into another resolve to it. Holds the whole result in memory: for inputs of any
 * size, read `analyzeStream` instead.
 */
export async function runAnalysis(
  inputs: readonly string[] | AsyncIterable<SourceDocument | Rejection>,
  store: Store,
  options: AnalyzeOptions = {},
): Promise<RunResult> {
  const stories = new Map<string, DossierStory>();
  const articles = new Map<string, Article>();
  const rejections: Rejection[] = [];
  const inserted: string[] = [];
  for await (const batch of analyzeStream(inputs, store, options)) {
    for (const drop of batch.retired.keys()) stories.delete(drop);
    for (const story of batch.stories) stories.set(story.id, story);
    for (const article of batch.articles) articles.set(article.id, article);
    rejections.push(...batch.rejections);
    inserted.push(...batch.inserted);
  }
  const ordered = [...stories.values()].sort((a, b) =>
    compareStories({ ...a, size: a.articles.length }, { ...b, size: b.articles.length }),
  );
  return { dossier: makeDossier(ordered, rejections), articles: [...articles.values()], rejections, inserted };
}
