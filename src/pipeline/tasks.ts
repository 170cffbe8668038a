// The pieces of work that run in parallel (src/pipeline/workers.ts sends them to worker threads,
// or runs them here when there is no pool): extraction of one document, the per-article
// preparation the stories step reads (sentences, story features, reuse band keys), reuse among a
// set of articles, and the analysis of one story. Pure functions over cloneable records.
import type { AnalyzedArticle, Article, ClaimMention, Rejection, ReusePair, SourceDocument, Story } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import { extractArticle } from '../extract/index.js';
import { splitSentences } from '../sentences/index.js';
import { computeBandKeys, findReuse } from '../reuse/index.js';
import { articleFeatures, type ArticleFeatures } from '../stories/features.js';
import { storyInput } from '../stories/feed.js';
import { extractClaims } from '../claims/index.js';
import { analyzeStory, type AnalyzeOptions } from './analyze.js';
import type { MemberArticle } from './article-parts.js';

/** The options a worker needs: the stage options, without callbacks (which cannot cross threads). */
export type StageOptions = Pick<
  AnalyzeOptions,
  'extract' | 'sentences' | 'limits' | 'reuse' | 'stories' | 'derivation' | 'claims' | 'reconcile' | 'brief'
>;

export function stageOptions(options: AnalyzeOptions): StageOptions {
  const { extract, sentences, limits, reuse, stories, derivation, claims, reconcile, brief } = options;
  return { extract, sentences, limits, reuse, stories, derivation, claims, reconcile, brief };
}

/** An article with what the stories step reads of it, and its claims, computed once. */
export interface PreparedArticle extends AnalyzedArticle {
  readonly features: ArticleFeatures;
  readonly bandKeys: readonly string[];
  readonly claims: readonly ClaimMention[];
}

/** One story to analyze: its record, the engine version it was built from, its members and, when known, their reuse pairs. */
export interface StoryTask {
  readonly story: Story;
  readonly version: number;
  /** Members whose claims are known carry them; the others' are extracted. */
  readonly members: readonly MemberArticle[];
  /** Null: compare the members among themselves. */
  readonly reuse: readonly ReusePair[] | null;
}

export type Task =
  | { readonly kind: 'extract'; readonly documents: readonly SourceDocument[]; readonly options: StageOptions }
  | { readonly kind: 'prepare'; readonly articles: readonly (Article | AnalyzedArticle)[]; readonly options: StageOptions }
  | { readonly kind: 'reuse'; readonly articles: readonly AnalyzedArticle[]; readonly options: StageOptions }
  | { readonly kind: 'claims'; readonly articles: readonly AnalyzedArticle[]; readonly options: StageOptions }
  | { readonly kind: 'analyze'; readonly task: StoryTask; readonly options: StageOptions };

export function extractDocuments(documents: readonly SourceDocument[], options: StageOptions): (Article | Rejection)[] {
  return documents.map((document) => extractArticle(document, options.extract));
}

export function prepareArticles(articles: readonly (Article | AnalyzedArticle)[], options: StageOptions): PreparedArticle[] {
  return articles.map((given) => {
    const { article, sentences } =
      'article' in given ? given : { article: given, sentences: splitSentences(given.text, options.sentences) };
    return {
      article,
      sentences,
      features: articleFeatures(storyInput(article)),
      bandKeys: computeBandKeys(article.text, options.reuse),
      claims: extractClaims({ article, sentences }, options.claims),
    };
  });
}

export function analyzeTask({ story, members, reuse }: StoryTask, options: StageOptions): DossierStory {
  return analyzeStory(story, members, reuse ?? findReuse(members, options.reuse), options);
}

/** Runs one task: what a worker thread does with a message. */
export function runTask(task: Task): unknown {
  switch (task.kind) {
    case 'extract':
      return extractDocuments(task.documents, task.options);
    case 'prepare':
      return prepareArticles(task.articles, task.options);
    case 'reuse':
      return findReuse(task.articles, task.options.reuse);
    case 'claims':
      return task.articles.map((article) => extractClaims(article, task.options.claims));
    case 'analyze':
      return analyzeTask(task.task, task.options);
  }
}
