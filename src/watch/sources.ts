// What a followed URL holds: an RSS or Atom feed, a (news) sitemap, or a site's page, whose
// <link rel="alternate"> names its feeds. Pure functions over text; fetching is in index.ts.
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';
import { parseFeed } from '../ingest/feed.js';

/** One article a feed or sitemap names. */
export interface FeedItem {
  readonly link: string;
  readonly title: string | null;
  readonly published: string | null;
  readonly author: string | null;
  /** Full content as HTML, when the feed carries it (no page fetch needed then). */
  readonly content: string | null;
}

export type ParsedSource =
  | { readonly kind: 'feed' | 'sitemap'; readonly items: readonly FeedItem[] }
  | { readonly kind: 'page'; readonly feeds: readonly string[] }
  | { readonly kind: 'unreadable'; readonly reason: string };

/** A feed item whose full content has at least this many characters of text is an article on its own (as ingest reads feeds). */
export const FULL_CONTENT_MIN_CHARS = 400;
/** Feeds named by a page that are followed: a site names one to a few (all, comments, a section). */
const MAX_DISCOVERED_FEEDS = 5;
const FEED_TYPES = /^application\/(rss|atom|rdf)\+xml$/i;

/** Reads what a poll fetched; relative links are resolved against `base`. */
export function parseSource(text: string, base: string): ParsedSource {
  const head = text.slice(0, 2048).toLowerCase();
  if (/<(urlset|sitemapindex)[\s>]/.test(head)) return parseSitemap(text, base);
  if (/<(rss|feed|rdf:rdf)[\s>]/.test(head)) {
    const entries = parseFeed(text);
    if (!entries) return { kind: 'unreadable', reason: 'it looks like a feed but is neither RSS nor Atom' };
    const items: FeedItem[] = [];
    for (const entry of entries) {
      const link = absolute(entry.link, base);
      if (!link) continue;
      const content = entry.content && plainLength(entry.content) >= FULL_CONTENT_MIN_CHARS ? entry.content : null;
      items.push({ link, title: entry.title, published: entry.published, author: entry.author, content });
    }
    // A feed whose items all lack a usable link is a broken feed, not an empty one.
    if (items.length === 0 && entries.length > 0) return { kind: 'unreadable', reason: 'no item of the feed has a link' };
    return { kind: 'feed', items };
  }
  if (/<html[\s>]|<!doctype html/.test(head)) return { kind: 'page', feeds: feedLinks(text, base) };
  return { kind: 'unreadable', reason: 'it is neither a feed (RSS, Atom), a sitemap nor a web page' };
}

function parseSitemap(text: string, base: string): ParsedSource {
  const document = parseDocument(text, { xmlMode: true, decodeEntities: true });
  const root = document.children.find(isElement);
  if (!root) return { kind: 'unreadable', reason: 'the sitemap has no root element' };
  // A sitemap index names other sitemaps: each is followed as a source of its own.
  const name = localName(root);
  const items: FeedItem[] = [];
  for (const entry of root.children.filter(isElement)) {
    if (localName(entry) !== (name === 'sitemapindex' ? 'sitemap' : 'url')) continue;
    const link = absolute(childText(entry, 'loc'), base);
    if (!link) continue;
    const news = entry.children.filter(isElement).find((c) => localName(c) === 'news');
    items.push({
      link,
      title: news ? childText(news, 'title') : null,
      published: (news ? childText(news, 'publication_date') : null) ?? childText(entry, 'lastmod'),
      author: null,
      content: null,
    });
  }
  if (name === 'sitemapindex') return { kind: 'page', feeds: items.map((item) => item.link).slice(0, MAX_DISCOVERED_FEEDS) };
  if (name !== 'urlset') return { kind: 'unreadable', reason: 'the sitemap is neither a urlset nor a sitemap index' };
  return { kind: 'sitemap', items };
}

/** The feeds a page names in its head (`<link rel="alternate" type="application/rss+xml" href>`). */
export function feedLinks(html: string, base: string): string[] {
  const document = parseDocument(html);
  const found: string[] = [];
  const visit = (node: AnyNode) => {
    if (found.length >= MAX_DISCOVERED_FEEDS) return;
    if (isElement(node) && node.name === 'link') {
      const rel = (node.attribs.rel ?? '').toLowerCase().split(/\s+/);
      const href = absolute(node.attribs.href ?? null, base);
      if (rel.includes('alternate') && FEED_TYPES.test((node.attribs.type ?? '').trim()) && href && !found.includes(href)) found.push(href);
    }
    if ('children' in node) for (const child of node.children as AnyNode[]) visit(child);
  };
  visit(document);
  return found;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag';
}

/** The name without its namespace prefix (`news:title` is `title`). */
function localName(node: Element): string {
  return node.name.toLowerCase().replace(/^.*:/, '');
}

function childText(node: Element, name: string): string | null {
  const child = node.children.filter(isElement).find((c) => localName(c) === name);
  const text = child ? textOf(child).trim() : '';
  return text || null;
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if ('children' in node) return (node.children as AnyNode[]).map(textOf).join('');
  return '';
}

/** An http(s) URL, resolved against `base`; null for anything else (javascript:, mailto:, garbage). */
function absolute(link: string | null, base: string): string | null {
  if (!link) return null;
  try {
    const url = new URL(link.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

function plainLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}
