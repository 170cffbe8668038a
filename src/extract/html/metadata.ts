// Metadata an HTML page states about itself: JSON-LD first (most specific), then OpenGraph and
// other <meta>, then <link rel=canonical>, <time>, <html lang> and the <title>.
import type { ParsedPage, Element } from './dom.js';
import { findFirst, textOf } from './dom.js';
import { normalizeDate, writtenDate } from '../dates.js';

export interface HtmlMetadata {
  readonly title: string | null;
  readonly author: string | null;
  readonly published: string | null;
  readonly updated: string | null;
  readonly siteName: string | null;
  readonly publisher: string | null;
  readonly canonicalUrl: string | null;
  readonly language: string | null;
  readonly articleBody: string | null;
  /** What the page says about its authors (JSON-LD Person descriptions): the author box's text, never the story's. */
  readonly authorBios: readonly string[];
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BlogPosting|Report|OpinionNewsArticle|LiveBlogPosting|WebPage|SocialMediaPosting|BackgroundNewsArticle|ScholarlyArticle|TechArticle)$/;

type Json = Record<string, unknown>;

function asString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) return asString(value[0]);
  if (value && typeof value === 'object' && 'name' in value) return asString((value as Json)['name']);
  return null;
}

function names(value: unknown): string[] {
  if (!value) return [];
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'string') return [value];
  if (typeof value === 'object') {
    const name = (value as Json)['name'];
    return typeof name === 'string' ? [name] : [];
  }
  return [];
}

/** A bio shorter than this (characters) says too little to be told apart from a story sentence. */
const MIN_BIO_CHARS = 40;

interface LinkedData {
  /** Objects of an article type, the most specific first. */
  readonly articles: Json[];
  /** Person objects by their @id, so an author given as {"@id": ...} can be named. */
  readonly people: Map<string, Json>;
}

/** Every JSON-LD object of an article type and every Person, flattening @graph and arrays. */
function linkedData(blocks: readonly string[]): LinkedData {
  const out: Json[] = [];
  const people = new Map<string, Json>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const obj = value as Json;
    if (obj['@graph']) visit(obj['@graph']);
    const type = obj['@type'];
    const types = Array.isArray(type) ? type : [type];
    if (types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t))) out.push(obj);
    if (types.includes('Person')) {
      people.set(typeof obj['@id'] === 'string' ? obj['@id'] : `#person-${people.size}`, obj);
    }
  };
  for (const block of blocks) {
    try {
      visit(JSON.parse(block.trim().replace(/^<!--|-->$/g, '')));
    } catch {
      // Broken JSON-LD is common; the page's other metadata still counts.
    }
  }
  // A specific article type beats a generic WebPage.
  const articles = out.sort((a, b) => Number(String(a['@type']).includes('WebPage')) - Number(String(b['@type']).includes('WebPage')));
  return { articles, people };
}

/** An author given by reference ({"@id": "#/schema/person/1"}) takes the name of the Person it points at. */
function resolveAuthors(value: unknown, people: ReadonlyMap<string, Json>): unknown {
  if (Array.isArray(value)) return value.map((v) => resolveAuthors(v, people));
  if (value && typeof value === 'object' && !('name' in value)) {
    const id = (value as Json)['@id'];
    if (typeof id === 'string') return people.get(id) ?? value;
  }
  return value;
}

/** The descriptions of the article's authors. */
function bios(authors: unknown): string[] {
  const out: string[] = [];
  for (const person of Array.isArray(authors) ? authors : [authors]) {
    if (!person || typeof person !== 'object') continue;
    const description = (person as Json)['description'];
    if (typeof description !== 'string') continue;
    const text = description
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length >= MIN_BIO_CHARS) out.push(text);
  }
  return out;
}

export function readHtmlMetadata(page: ParsedPage): HtmlMetadata {
  const meta = new Map<string, string>();
  for (const attrs of page.metas) {
    const key = (attrs['property'] ?? attrs['name'] ?? attrs['itemprop'] ?? '').toLowerCase();
    const value = attrs['content'];
    if (key && value && !meta.has(key)) meta.set(key, value.trim());
  }
  const get = (...keys: string[]) => {
    for (const key of keys) {
      const value = meta.get(key);
      if (value) return value;
    }
    return null;
  };
  const { articles: ld, people } = linkedData(page.jsonLd);
  const article = ld[0] ?? null;
  const ldGet = (key: string) => asString(ld.map((o) => o[key]).find((v) => v !== undefined && v !== null && v !== ''));

  const canonical = page.links.find((l) => /(^|\s)canonical(\s|$)/i.test(l['rel'] ?? ''))?.['href'] ?? get('og:url') ?? ldGet('url');
  const authors = article ? resolveAuthors(article['author'], people) : null;
  const ldAuthor = authors ? names(authors).join(', ') || null : null;

  return {
    title: ldGet('headline') ?? get('og:title', 'twitter:title', 'title', 'dc.title', 'sailthru.title') ?? page.title,
    // Walking the tree for <time> and byline elements only when the head said nothing.
    author:
      ldAuthor ??
      get('author', 'article:author', 'byl', 'dc.creator', 'sailthru.author', 'parsely-author', 'twitter:creator') ??
      authorElement(page.root),
    published:
      normalizeDate(ldGet('datePublished')) ??
      normalizeDate(
        get(
          'article:published_time',
          'og:article:published_time',
          'datepublished',
          'pubdate',
          'publishdate',
          'publish-date',
          'date',
          'dc.date',
          'dc.date.issued',
          'dcterms.created',
          'citation_publication_date',
          'sailthru.date',
          'parsely-pub-date',
          'article.published',
          'published_time',
          'og:published_time',
        ),
      ) ??
      normalizeDate(firstTime(page.root)),
    updated:
      normalizeDate(ldGet('dateModified')) ??
      normalizeDate(get('article:modified_time', 'og:updated_time', 'datemodified', 'last-modified', 'dcterms.modified')) ??
      normalizeDate(modifiedTime(page.modified)),
    siteName: get('og:site_name', 'application-name', 'twitter:site')?.replace(/^@/, '') ?? null,
    publisher: article ? asString(article['publisher']) : null,
    canonicalUrl: canonical ?? null,
    language: (page.lang ?? get('og:locale', 'language', 'content-language', 'dc.language') ?? ldGet('inLanguage'))?.trim() || null,
    articleBody: ldGet('articleBody'),
    authorBios: bios(authors),
  };
}

/** The first <h1>: the headline as the page shows it. */
export function firstHeadline(page: ParsedPage): string | null {
  return page.firstH1 ? textOf(page.firstH1).replace(/\s+/g, ' ').trim() || null : null;
}

function firstTime(root: Element): string | null {
  return findFirst(root, (el) => {
    // <time> without a datetime attribute is read as written, in the page's language ("Publié le 22 novembre 2026").
    if (el.tag === 'time') return el.attrs['datetime'] ?? writtenDate(textOf(el), false);
    if (el.attrs['itemprop'] === 'datePublished') return el.attrs['content'] ?? el.attrs['datetime'] ?? textOf(el);
    return null;
  });
}

/** A date the markup marks as the last modification (itemprop="dateModified"), as an attribute or written out. */
function modifiedTime(el: Element | null): string | null {
  if (!el) return null;
  return el.attrs['content'] ?? el.attrs['datetime'] ?? writtenDate(textOf(el), false);
}

function authorElement(root: Element): string | null {
  return findFirst(root, (el) => {
    const prop = el.attrs['itemprop'];
    if (
      prop === 'author' ||
      el.attrs['rel'] === 'author' ||
      /(^|\s)(byline|author-name|byline__name)(\s|$)/i.test(el.attrs['class'] ?? '')
    ) {
      const text = textOf(el);
      if (text && text.length < 120) return text;
    }
    return null;
  });
}
