// The orchestrator: every stage, top to bottom. `analyzeArticles` is pure (records in, dossier
// out); `runAnalysis` adds the edges: reading inputs and keeping results in a store.
import type { AnalysedArticle, Article, Rejection } from '../records.js';
import type { Dossier, DossierStory } from '../dossier/types.js';
import type { Store } from '../store/types.js';
import { readInputs, type IngestOptions } from '../ingest/index.js';
import { extractArticles, type ExtractOptions } from '../extract/index.js';
import { splitSentences } from '../sentences/index.js';
import { findReuse, type ReuseOptions } from '../reuse/index.js';
import { clusterStories, type StoryOptions } from '../stories/index.js';
import { deriveStory, countIndependentOrigins, type DerivationOptions } from '../derivation/index.js';
import { extractClaims, type ClaimOptions } from '../claims/index.js';
import { reconcileStory, storyCoverage, type ReconcileOptions } from '../reconcile/index.js';
import { writeBrief, type BriefOptions } from '../brief/index.js';
import { buildStoryDossier } from '../dossier/build.js';
import { DOSSIER_VERSION } from '../dossier/types.js';

export interface AnalyzeOptions {
  readonly ingest?: Partial<IngestOptions>;
  readonly extract?: Partial<ExtractOptions>;
  readonly reuse?: Partial<ReuseOptions>;
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
  const analysed: AnalysedArticle[] = articles.map((article) => ({ article, sentences: splitSentences(article.text) }));
  const byId = new Map(analysed.map((a) => [a.article.id, a]));
  const reuse = findReuse(analysed, options.reuse);
  const stories = clusterStories(analysed, reuse, options.stories);

  const dossierStories: DossierStory[] = stories.map((story) => {
    const members = story.articleIds.map((id) => byId.get(id)!).filter(Boolean);
    const memberIds = new Set(story.articleIds);
    const storyReuse = reuse.filter((pair) => memberIds.has(pair.a) && memberIds.has(pair.b));
    const derivations = deriveStory(members, storyReuse, options.derivation);
    const claims = members.flatMap((member) => extractClaims(member, options.claims));
    const reconciliation = reconcileStory({ articles: members, claims, derivations }, options.reconcile);
    const brief = writeBrief({ articles: members, reconciliation, derivations }, options.brief);
    return buildStoryDossier({
      story,
      articles: members.map((m) => m.article),
      derivations,
      reconciliation,
      brief,
      independentOrigins: countIndependentOrigins(derivations),
      coverage: storyCoverage({ articles: members, reconciliation, derivations }).perArticle,
    });
  });

  return {
    version: DOSSIER_VERSION,
    generatedAt: new Date().toISOString(),
    stories: dossierStories,
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

/** The whole job: read inputs, extract, store, analyse, store the stories. */
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
    else articles.push(result);
  }
  options.onProgress?.({ stage: 'extract', done: articles.length, total: documents.length });

  // The same content given twice in one batch is one article.
  const unique = [...new Map(articles.map((a) => [a.contentHash, a])).values()];
  const saved = await store.saveArticles(unique.map((article) => ({ article, sentences: splitSentences(article.text) })));
  await store.saveRejections(rejections);

  const dossier = analyzeArticles(unique, options, rejections);
  options.onProgress?.({ stage: 'analyze', done: dossier.stories.length, total: dossier.stories.length });
  await store.saveStories(dossier.stories);
  options.onProgress?.({ stage: 'store', done: 1, total: 1 });
  return { dossier, articles: unique, rejections, inserted: saved.inserted };
}
