// What one ingest job does: run the pipeline over the new inputs, then re-analyse the stored
// collection so new articles join the stories they belong to (a pasted rewrite of a stored wire
// story lands in that story, not in a story of its own). Old story ids that were folded into
// another story are recorded as merged so links to them keep working.
import type { Article } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import type { Store } from '../store/types.js';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import type { JobError, JobOutcome, JobProgress } from './jobs.js';
import type { PreparedInputs } from './ingest-request.js';

/**
 * Whole-collection re-analysis is quadratic-ish in the story stages; past this many stored
 * articles a job analyses its new articles on their own instead of blocking the server for long.
 */
export const MAX_COLLECTION_REANALYSIS = 500;
/** Page size when reading every stored story summary. */
const STORY_PAGE = 100;

export interface IngestJobOptions {
  readonly analyze: AnalyzeOptions;
  readonly maxCollection: number;
}

export async function runIngestJob(
  store: Store,
  prepared: PreparedInputs,
  progress: JobProgress,
  options: IngestJobOptions,
): Promise<JobOutcome> {
  const label = (input: string) => prepared.labels.get(input) ?? input;
  const { runAnalysis } = await loadPipeline();
  const result = await runAnalysis(prepared.inputs, store, {
    ...options.analyze,
    onProgress(event) {
      progress.report(event.stage, event.done, event.total ?? prepared.inputs.length);
    },
  });
  const errors: JobError[] = result.rejections.map((r) => ({ input: label(r.input), message: r.reason }));
  const inserted = new Set(result.inserted);
  const jobArticles = new Set(result.articles.map((a) => a.id));

  let stories: readonly DossierStory[] = result.dossier.stories;
  const total = await store.countArticles();
  if (inserted.size > 0 && total > jobArticles.size && total <= options.maxCollection) {
    progress.report('collection', 0, total);
    stories = await reanalyseCollection(store, options.analyze);
    progress.report('collection', total, total);
  }
  return {
    articlesAdded: result.articles.filter((a) => inserted.has(a.id)).map((a) => a.id),
    articlesExisting: result.articles.filter((a) => !inserted.has(a.id)).map((a) => a.id),
    storiesTouched: stories.filter((s) => s.articles.some((a) => jobArticles.has(a.id))).map((s) => s.id),
    errors,
  };
}

/**
 * The pipeline (and the NLP models its stages load) is imported on the first job, so the server
 * starts at once and serves stored stories even on a machine where analysis cannot run.
 */
export function loadPipeline(): Promise<typeof import('../pipeline/analyze.js')> {
  return import('../pipeline/analyze.js');
}

/** Analyses every stored article together and replaces the stored stories with the result. */
export async function reanalyseCollection(store: Store, options: AnalyzeOptions): Promise<readonly DossierStory[]> {
  const ids = await store.listArticleIds();
  const articles: Article[] = [];
  for (const id of ids) {
    const article = await store.getArticle(id);
    if (article) articles.push(article);
  }
  // A stable order makes the analysis (and so story ids) independent of storage order.
  articles.sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id));

  const storyOfArticle = await currentStoryOfEachArticle(store);
  const { analyzeArticles } = await loadPipeline();
  const dossier = analyzeArticles(articles, options);
  const survivors = new Set(dossier.stories.map((s) => s.id));
  const mergedInto = new Map<string, string>();
  for (const story of dossier.stories) {
    for (const article of story.articles) {
      const previous = storyOfArticle.get(article.id);
      if (previous && !survivors.has(previous) && !mergedInto.has(previous)) mergedInto.set(previous, story.id);
    }
  }
  await store.saveStories(dossier.stories, mergedInto);
  return dossier.stories;
}

async function currentStoryOfEachArticle(store: Store): Promise<Map<string, string>> {
  const storyOf = new Map<string, string>();
  for (let offset = 0; ; offset += STORY_PAGE) {
    const page = await store.listStories({ limit: STORY_PAGE, offset });
    for (const summary of page.stories) {
      const story = await store.getStory(summary.id);
      for (const article of story?.articles ?? []) storyOf.set(article.id, summary.id);
    }
    if (page.stories.length < STORY_PAGE || offset + STORY_PAGE >= page.total) break;
  }
  return storyOf;
}
