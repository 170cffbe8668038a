// Who is an independent origin, and which article comes first. An article and its copies,
// rewrites and summaries (and articles sharing an absent common source) are one origin: a claim
// they all carry has been confirmed once, not many times.
import type { AnalyzedArticle, Derivation } from '../records.js';

export interface StoryOrder {
  /** Origin group of each article id: articles in one group are not independent of each other. */
  readonly originOf: ReadonlyMap<string, string>;
  /** Rank of each article id: 0 = the earliest, most original, fullest. */
  readonly rank: ReadonlyMap<string, number>;
  /** How many articles each article's text was taken from (0 = it derives from none). */
  readonly depth: ReadonlyMap<string, number>;
  /** The ids each article derives from, directly. */
  readonly sources: ReadonlyMap<string, readonly string[]>;
}

export function storyOrder(articles: readonly AnalyzedArticle[], derivations: readonly Derivation[]): StoryOrder {
  const ids = articles.map((a) => a.article.id);
  const known = new Set(ids);
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  const union = (a: string, b: string) => {
    if (!known.has(a) || !known.has(b)) return;
    const [ra, rb] = [find(a), find(b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const sources = new Map<string, string[]>();
  for (const d of derivations) {
    if (!known.has(d.article)) continue;
    const from = d.derivedFrom.map((link) => link.article).filter((id) => known.has(id));
    sources.set(d.article, from);
    if (d.role !== 'independent') for (const id of from) union(d.article, id);
    for (const id of d.sharedSourceWith) union(d.article, id);
  }

  const depth = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const cached = depth.get(id);
    if (cached !== undefined) return cached;
    if (seen.has(id)) return 0; // a cycle in bad input: stop, do not loop
    seen.add(id);
    const from = sources.get(id) ?? [];
    const value = from.length === 0 ? 0 : 1 + Math.max(...from.map((s) => depthOf(s, seen)));
    depth.set(id, value);
    return value;
  };
  for (const id of ids) depthOf(id, new Set());

  // Earliest published first; an undated article after the dated ones; then sources before what
  // derives from them; then the fuller text. A source is at least as old as anything taken from
  // it, whatever its own metadata says (dates on copies are often right when the original's is missing).
  const byId = new Map(articles.map((a) => [a.article.id, a.article]));
  const published = (id: string) => byId.get(id)!.published ?? '\uffff';
  const dated = new Map(ids.map((id) => [id, published(id)]));
  for (const id of ids) {
    for (const source of ids) {
      if (source !== id && published(id) < dated.get(source)! && derivesFromIn(sources, id, source)) dated.set(source, published(id));
    }
  }
  const ordered = [...ids].sort((x, y) => {
    const [a, b] = [byId.get(x)!, byId.get(y)!];
    const [pa, pb] = [dated.get(x)!, dated.get(y)!];
    if (pa !== pb) return pa < pb ? -1 : 1;
    const dd = depth.get(x)! - depth.get(y)!;
    if (dd !== 0) return dd;
    if (a.text.length !== b.text.length) return b.text.length - a.text.length;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rank = new Map(ordered.map((id, i) => [id, i]));
  const originOf = new Map(ids.map((id) => [id, find(id)]));
  return { originOf, rank, depth, sources };
}

/** The number of independent origins among `articleIds`. */
export function countOrigins(order: StoryOrder, articleIds: Iterable<string>): number {
  const groups = new Set<string>();
  for (const id of articleIds) groups.add(order.originOf.get(id) ?? id);
  return groups.size;
}

/** True when `a` derives, directly or through others, from `b`. */
export function derivesFrom(order: StoryOrder, a: string, b: string): boolean {
  return derivesFromIn(order.sources, a, b);
}

function derivesFromIn(sources: ReadonlyMap<string, readonly string[]>, a: string, b: string): boolean {
  const seen = new Set<string>();
  const stack = [...(sources.get(a) ?? [])];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === b) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(sources.get(id) ?? []));
  }
  return false;
}
