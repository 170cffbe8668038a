// How articles are fed to the stories engine, shared by a one-off batch (`clusterStories`) and
// the store's incremental runs (src/pipeline/analyze.ts): the engine input of an article, the
// order a batch goes in (oldest first, undated last, ties by id, so results do not depend on the
// order of the inputs) and reuse pairs turned into links between copies.
import type { Article, ReusePair } from '../records.js';
import type { ReuseLink, StoryIndex } from './engine.js';
import type { ArticleFeatures, StoryInput } from './features.js';

/** What the engine reads of an article. */
export function storyInput(article: Article): StoryInput {
  return {
    id: article.id,
    title: article.title,
    text: article.text,
    published: article.published,
    outlet: article.outlet ?? article.publisher,
  };
}

/** A batch in the order the engine takes it: oldest first, undated last, ties by id. */
export function orderForClustering<T extends { readonly article: Article }>(batch: readonly T[]): T[] {
  return [...batch].sort((x, y) => compareByDate(x.article.published, y.article.published) || x.article.id.localeCompare(y.article.id));
}

/** Near-duplicate pairs as links both ways, weighted by how much of one is in the other. */
export function reuseLinks(reuse: readonly ReusePair[]): Map<string, ReuseLink[]> {
  const links = new Map<string, ReuseLink[]>();
  const add = (from: string, to: string, strength: number) => {
    let list = links.get(from);
    if (!list) links.set(from, (list = []));
    list.push({ article: to, strength });
  };
  for (const pair of reuse) {
    const strength = Math.max(pair.aInB, pair.bInA, pair.similarity);
    add(pair.a, pair.b, strength);
    add(pair.b, pair.a, strength);
  }
  return links;
}

/**
 * Feeds a batch to the engine in the order it takes it, copies linked to their sources, then
 * gives the articles left alone their second look (`revisit`).
 */
export function feedBatch<T extends { readonly article: Article; readonly features?: ArticleFeatures }>(
  index: StoryIndex,
  batch: readonly T[],
  reuse: readonly ReusePair[],
): void {
  const links = reuseLinks(reuse);
  for (const { article, features } of orderForClustering(batch)) {
    // Features computed ahead (in a worker thread) are the same as the engine's own.
    if (features) index.addFeatures(features, links.get(article.id) ?? []);
    else index.add(storyInput(article), links.get(article.id) ?? []);
  }
  index.revisit();
}

/** Stories oldest first; among equals (and the undated) the larger first, then by id. */
export function compareStories(
  a: { firstSeen: string | null; size: number; id: string },
  b: { firstSeen: string | null; size: number; id: string },
): number {
  return compareByDate(a.firstSeen, b.firstSeen) || b.size - a.size || a.id.localeCompare(b.id);
}

/** Orders ISO dates, earliest first; null or unparseable dates sort last. */
export function compareByDate(a: string | null, b: string | null): number {
  const ta = a ? Date.parse(a) : NaN;
  const tb = b ? Date.parse(b) : NaN;
  if (Number.isNaN(ta)) return Number.isNaN(tb) ? 0 : 1;
  if (Number.isNaN(tb)) return -1;
  return ta - tb;
}
