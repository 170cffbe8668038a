// Boilerplate learned from the batch: a paragraph that one site prints on many of its pages
// ("Sign up for our newsletter ...", a standing disclaimer) is chrome, even when no rule knows
// it. Pages that are versions of the same story share most paragraphs; they are not evidence.
import type { Article, Rejection } from '../records.js';

/** A paragraph is boilerplate when it is on at least this share of the site's pages. */
const MIN_SHARE_OF_SITE = 0.5;
/** Independence is checked on at most this many pages holding a line: enough evidence, bounded cost. */
const MAX_HOLDERS_CHECKED = 12;
/** Two pages sharing more than this share of their paragraphs are one story twice, not a pattern. */
const SAME_STORY_OVERLAP = 0.5;

function siteOf(article: Article): string | null {
  const url = article.canonicalUrl ?? article.url;
  if (url) {
    try {
      return new URL(url).hostname.replace(/^www\./, '');
    } catch {
      // fall through
    }
  }
  return article.publisher;
}

function keyOf(paragraph: string): string {
  return paragraph
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function removeSiteBoilerplate(results: (Article | Rejection)[], minPages: number, minTextChars: number): (Article | Rejection)[] {
  const bySite = new Map<string, Article[]>();
  for (const result of results) {
    if ('code' in result) continue;
    const site = siteOf(result);
    if (!site) continue;
    const group = bySite.get(site) ?? [];
    group.push(result);
    bySite.set(site, group);
  }
  const replacements = new Map<Article, Article | Rejection>();
  for (const pages of bySite.values()) {
    const distinct = [...new Map(pages.map((p) => [p.contentHash, p])).values()];
    if (distinct.length < minPages) continue;
    const keys = distinct.map((page) => new Set(page.text.split('\n\n').map(keyOf).filter(Boolean)));
    const counts = new Map<string, number[]>();
    keys.forEach((set, i) =>
      set.forEach((key) => {
        const holders = counts.get(key);
        if (holders) holders.push(i);
        else counts.set(key, [i]);
      }),
    );
    const boilerplate = new Set<string>();
    for (const [key, holders] of counts) {
      if (holders.length < minPages || holders.length < distinct.length * MIN_SHARE_OF_SITE) continue;
      // Only count pages that are not versions of one another (checked on a bounded sample).
      const sample = holders.slice(0, MAX_HOLDERS_CHECKED);
      const independent = sample.filter((i) => sample.every((j) => i === j || overlap(keys[i]!, keys[j]!) <= SAME_STORY_OVERLAP));
      if (independent.length >= minPages) boilerplate.add(key);
    }
    if (boilerplate.size === 0) continue;
    for (const page of pages) {
      const paragraphs = page.text.split('\n\n');
      const kept = paragraphs.filter((p) => !boilerplate.has(keyOf(p)));
      if (kept.length === paragraphs.length) continue;
      const text = kept.join('\n\n');
      const dropped = paragraphs
        .filter((p) => boilerplate.has(keyOf(p)))
        .map((p) => ({ text: p, reason: 'repeated on many pages of this site' }));
      replacements.set(
        page,
        text.length < minTextChars
          ? { input: page.input, code: 'no-article', reason: 'only text the site repeats on every page was found' }
          : { ...page, text, removed: [...page.removed, ...dropped] },
      );
    }
  }
  return results.map((r) => ('code' in r ? r : (replacements.get(r) ?? r)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const key of a) if (b.has(key)) shared++;
  return shared / Math.max(1, Math.min(a.size, b.size));
}
