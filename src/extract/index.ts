// Stage 2, pure: a source document becomes an article (cleaned text, metadata, the chrome that
// was removed and why) or a rejection. Steps, in order:
//   1. decode bytes (BOM, declared charset, <meta charset>, UTF-8, detector)
//   2. HTML: parse, pick the main content, prune chrome; text: classify lines
//   3. metadata: what the page states (JSON-LD, meta, header lines), then credits in the text
//   4. batch: lines one site repeats on many of its pages are boilerplate
import { createHash } from 'node:crypto';
import type { Article, Rejection, RemovedBlock, SourceDocument } from '../records.js';
import { decodeBytes } from './decode.js';
import { mayStripBytes, parseHtml, stripNonContentBytes } from './html/dom.js';
import { type ContentResult, extractContent } from './html/content.js';
import { firstHeadline, readHtmlMetadata } from './html/metadata.js';
import { cleanPlainText, datelineCredit, filterChromeParagraphs, wordCount } from './text/clean.js';
import { normalizeDate, urlDate, writtenDate } from './dates.js';
import { bylineCredit, normalizeByline } from './people.js';
import { detectLanguage } from './language.js';
import { removeSiteBoilerplate } from './boilerplate.js';
import { CJK_CHAR_WEIGHT, isCjk } from './script.js';

export interface ExtractOptions {
  /** Articles with less cleaned text than this (characters) are rejected as "no article". */
  readonly minTextChars: number;
  /** Learn boilerplate from the batch: lines one site repeats across its pages are removed. */
  readonly learnBoilerplate: boolean;
  /** A line is a site's boilerplate when it is on at least this many of its pages ... */
  readonly boilerplateMinPages: number;
  /** Use JSON-LD articleBody when the page's own markup yields less text than it. */
  readonly useJsonLdBody: boolean;
  /** Keep the readers' comments a page prints after the story (HTML), after the story's text. */
  readonly withComments: boolean;
}

export const EXTRACT_DEFAULTS: ExtractOptions = {
  // A headline plus one sentence: anything shorter is a stub, an error page or a redirect.
  minTextChars: 80,
  learnBoilerplate: true,
  // Two pages can share a line by chance (a quote); three of one site is a pattern.
  boilerplateMinPages: 3,
  useJsonLdBody: true,
  // The story is what the outlet published; readers' comments are asked for.
  withComments: false,
};

/** The part after a title's last separator is a site name when it has at most this many words ... */
const TITLE_SITE_MAX_WORDS = 3;
/** ... and what is left is still a headline of at least this many words. */
const TITLE_MIN_WORDS_LEFT = 4;

/** A dateline ("VALENCIA, 22 de noviembre de 2026 (EFE) –") is read for its date within this many characters. */
const DATELINE_MAX_CHARS = 80;

/** The second reading of a page (secondLook) is taken when it finds at least this much text: a stub found twice is still a stub. */
const SECOND_LOOK_MIN_CHARS = 200;
/** A story shorter than this (chars) gets the last look (a one-paragraph post is longer). */
const SHORT_STORY_CHARS = 250;
/** The last look replaces a short story only when it finds this many times its text. */
const LAST_LOOK_GAIN = 3;

/** JSON-LD articleBody replaces the markup's text when the markup gives less than this share of it. */
const JSONLD_BODY_PREFERRED_BELOW = 0.6;

export function extractArticles(docs: readonly SourceDocument[], options: Partial<ExtractOptions> = {}): (Article | Rejection)[] {
  const settings: ExtractOptions = { ...EXTRACT_DEFAULTS, ...options };
  const results = docs.map((doc) => extractArticle(doc, settings));
  return settings.learnBoilerplate ? removeSiteBoilerplate(results, settings.boilerplateMinPages, settings.minTextChars) : results;
}

export function extractArticle(doc: SourceDocument, options: Partial<ExtractOptions> = {}): Article | Rejection {
  const settings: ExtractOptions = { ...EXTRACT_DEFAULTS, ...options };
  try {
    return extract(doc, settings);
  } catch (error) {
    // Extraction is pure and should not throw; if it does, the page is refused, not the batch.
    return { input: doc.input, code: 'malformed', reason: `the page could not be processed (${(error as Error).message})` };
  }
}

function extract(doc: SourceDocument, settings: ExtractOptions): Article | Rejection {
  const raw: Uint8Array | string | undefined = doc.bytes ?? doc.content;
  if (raw === undefined || raw.length === 0) return { input: doc.input, code: 'empty', reason: 'the document has no content' };
  const hash = createHash('sha256').update(raw).digest('hex');
  // Scripts and styles are cut from HTML bytes before decoding (most of a page's bytes; the hash
  // above is of the page as it came).
  const cutBytes = typeof raw !== 'string' && doc.format !== 'text' && mayStripBytes(raw);
  const bytes = cutBytes ? stripNonContentBytes(raw) : raw;
  const source = typeof bytes === 'string' ? bytes : decodeBytes(bytes, doc.declaredCharset, doc.format !== 'text').text;
  if (!source.trim()) return { input: doc.input, code: 'empty', reason: 'there is no text in it' };
  if (looksGarbled(source)) return { input: doc.input, code: 'malformed', reason: 'the text does not decode in any known encoding' };

  const isHtml = doc.format === 'html' || (doc.format === 'auto' && looksLikeHtml(source));
  const body = isHtml ? fromHtml(source, doc, settings, cutBytes) : fromText(source, doc);
  const text = body.paragraphs.join('\n\n');
  const title = doc.hints?.title?.trim() || body.title;
  // The floor is a headline plus one sentence, and the headline is printed apart from the text:
  // a one-line photo post under its headline is an article, a page of one short line is not.
  const counted = title && text ? `${title}\n\n${text}` : text;
  // The weighted length only matters for short texts: it is never less than the plain one.
  if (counted.length < settings.minTextChars && textWeight(counted) < settings.minTextChars) {
    const found = text ? `only ${text.length} characters of article text found` : 'no article text found';
    const cut =
      body.cutAtTag === null
        ? ''
        : ` (the markup was read only up to its first ${body.cutAtTag} tags: it is nested or repeated beyond what a page holds)`;
    return { input: doc.input, code: 'no-article', reason: found + cut };
  }
  const hints = doc.hints ?? {};
  const url = doc.url ?? null;
  const credit = body.paragraphs.slice(0, 3).map(datelineCredit).find(Boolean) ?? null;
  const outlet =
    credit ?? bylineCredit(hints.byline ?? body.byline) ?? body.bioOutlet ?? body.footerOutlet ?? hints.outlet ?? body.siteName ?? null;
  const publisher = body.publisher ?? body.siteName ?? hostName(url);
  const published =
    normalizeDate(hints.published) ?? body.published ?? urlDate(body.canonicalUrl ?? url) ?? datelineDate(body.paragraphs[0]);
  return {
    id: hash.slice(0, 16),
    contentHash: hash,
    input: doc.input,
    url,
    canonicalUrl: body.canonicalUrl,
    title,
    byline: normalizeByline(hints.byline, [outlet ?? '', publisher ?? '']) ?? normalizeByline(body.byline, [outlet ?? '', publisher ?? '']),
    published,
    updated: body.updated,
    outlet,
    publisher,
    language: detectLanguage(text) ?? primaryLanguage(body.declaredLanguage),
    text,
    removed: body.removed,
    fetchedAt: doc.fetchedAt ?? null,
  };
}

interface Body {
  paragraphs: readonly string[];
  removed: readonly RemovedBlock[];
  title: string | null;
  byline: string | null;
  published: string | null;
  updated: string | null;
  bioOutlet: string | null;
  footerOutlet: string | null;
  siteName: string | null;
  publisher: string | null;
  canonicalUrl: string | null;
  declaredLanguage: string | null;
  /** Where the HTML parser stopped reading a hostile page (see parseHtml); null for text and whole pages. */
  cutAtTag: number | null;
}

function fromText(source: string, doc: SourceDocument): Body {
  const cleaned = cleanPlainText(source);
  const m = cleaned.metadata;
  return {
    paragraphs: cleaned.paragraphs,
    removed: cleaned.removed,
    title: m.title,
    byline: m.byline,
    published: m.published ?? urlDate(doc.url),
    updated: m.updated,
    // The plain-text cleaner already ranks dateline, bio and footer credits.
    bioOutlet: m.outlet,
    footerOutlet: null,
    siteName: null,
    publisher: m.publisher,
    canonicalUrl: null,
    declaredLanguage: null,
    cutAtTag: null,
  };
}

function fromHtml(source: string, doc: SourceDocument, settings: ExtractOptions, nonContentCut: boolean): Body {
  const page = parseHtml(source, { nonContentCut });
  const meta = readHtmlMetadata(page);
  const content = laterLooks(
    page.root,
    extractContent(page.root, { withComments: settings.withComments }),
    settings.minTextChars,
    settings.withComments,
  );
  let paragraphs = content?.paragraphs ?? [];
  const removed: RemovedBlock[] = [...(content?.removed ?? [])];
  const ldBody = meta.articleBody ? meta.articleBody.replace(/\r\n?/g, '\n') : null;
  if (settings.useJsonLdBody && ldBody) {
    const markupChars = paragraphs.reduce((n, p) => n + p.length, 0);
    if (markupChars < ldBody.length * JSONLD_BODY_PREFERRED_BELOW) {
      paragraphs = ldBody
        .split(/\n\s*\n|\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
    }
  }
  const filtered = filterChromeParagraphs(paragraphs, normalizeByline(meta.author), meta.authorBios);
  removed.push(...filtered.removed);
  // A <title> without a letter ('">' left of a hostile page's markup, "|", "404") names nothing.
  const written = meta.title ? cleanTitle(meta.title, meta.siteName, () => firstHeadline(page)) : null;
  const title = written && /\p{L}/u.test(written) ? written : (firstHeadline(page) ?? null);
  const story = title ? filtered.kept.filter((p, i) => i > 0 || p !== title) : filtered.kept;
  // Comments pass the same chrome filter ("Reply", "Report abuse", sign-in prompts), apart from the story.
  const comments = content && content.comments.length > 0 ? filterChromeParagraphs(content.comments) : null;
  if (comments) removed.push(...comments.removed);
  const kept = comments ? [...story, ...comments.kept] : story;
  const footer = removed.map((b) => /\bbrought to you by\s+(\S+(?:\s+[A-Z]\S*)*)/i.exec(b.text)?.[1]).find(Boolean) ?? null;
  return {
    paragraphs: kept,
    removed,
    title,
    // What the head states first; the byline and date lines above the story when it states nothing.
    byline: meta.author ?? filtered.byline,
    published: meta.published ?? urlDate(meta.canonicalUrl ?? doc.url) ?? filtered.published,
    updated: meta.updated ?? filtered.updated,
    bioOutlet: filtered.bioOutlet,
    footerOutlet: footer ? footer.replace(/\s+APIs?$/, '') : null,
    siteName: meta.siteName,
    // The site that carried the page: its own name first, then the organisation behind it.
    publisher: meta.siteName ?? meta.publisher,
    canonicalUrl: absoluteUrl(meta.canonicalUrl, doc.url),
    declaredLanguage: meta.language,
    cutAtTag: page.cutAtTag,
  };
}

/**
 * A page whose hinted reading found no article is read again without class and id hints: its
 * text may all sit in boxes named like chrome (a photo blog's "caption" divs, a discussion whose
 * only text is its "comments", a forum's "reply" posts). Only then: a short story above a long
 * thread stays the story (taking the second reading below 250 characters as well cost 0.003
 * ROUGE on Dragnet's articles). A story still short is read once more with the tags templates
 * misuse (an `<aside class="blogPost">`) not taken for chrome, and that reading is kept only when
 * it finds several times the text.
 */
function laterLooks(
  root: Parameters<typeof extractContent>[0],
  first: ContentResult | null,
  minTextChars: number,
  withComments: boolean,
): ContentResult | null {
  const chars = (result: ContentResult | null) => result?.paragraphs.reduce((n, p) => n + p.length, 0) ?? 0;
  let best = first;
  if (chars(best) < minTextChars) {
    const second = extractContent(root, { useHints: false });
    if (chars(second) >= SECOND_LOOK_MIN_CHARS) best = second;
  }
  if (chars(best) >= SHORT_STORY_CHARS) return best;
  const last = extractContent(root, { trustTags: false, withComments });
  return chars(last) >= Math.max(SECOND_LOOK_MIN_CHARS, chars(best) * LAST_LOOK_GAIN) ? last : best;
}

/** Separators between a headline and the site's name in <title> (Chinese sites use "_"). */
const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' · ', '_', '｜'];

/** "Headline | Site" and "Headline - Site" titles lose the site part. */
function cleanTitle(title: string, siteName: string | null, headline: () => string | null): string {
  let t = title.replace(/\s+/g, ' ').trim();
  // The page's own <h1> is the headline when <title> is that headline plus a site part.
  if (TITLE_SEPARATORS.some((sep) => t.includes(sep))) {
    const h1 = headline();
    if (h1 && h1.length < t.length && TITLE_SEPARATORS.some((sep) => t.startsWith(h1 + sep) || t.endsWith(sep + h1))) return h1;
  }
  if (siteName) {
    for (const sep of TITLE_SEPARATORS) {
      if (t.endsWith(sep + siteName)) t = t.slice(0, -(sep.length + siteName.length));
      if (t.startsWith(siteName + sep)) t = t.slice(siteName.length + sep.length);
    }
  }
  // "Headline | Section | Site" or "Headline - Site": a short last part after a separator is the site.
  const parts = t.split(/\s+[|–—-]\s+|\s+[|]\s*/);
  const last = parts[parts.length - 1]!;
  if (parts.length > 1 && wordCount(last) <= TITLE_SITE_MAX_WORDS) {
    const rest = t.slice(0, t.lastIndexOf(last)).replace(/\s*[|–—-]\s*$/, '');
    if (wordCount(rest) >= TITLE_MIN_WORDS_LEFT) t = /\s[|]\s/.test(rest) ? rest.split(/\s[|]\s/)[0]! : rest;
  }
  return t;
}

/** The date of a dateline opening the story: "BERLIN, 22. November 2026 –", "VALENCIA, 22 de noviembre de 2026 (EFE) –". */
function datelineDate(paragraph: string | undefined): string | null {
  if (!paragraph) return null;
  const head = /^[\p{Lu}][\p{Lu}\p{L} .'’-]{1,40},\s*([^–—(]{6,50}?)\s*(?:\(|[-–—])/u.exec(paragraph.slice(0, DATELINE_MAX_CHARS));
  return head ? writtenDate(head[1]!, false) : null;
}

/** Text length with Chinese and Japanese characters weighted for what they carry. */
function textWeight(text: string): number {
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    if (isCjk(text.charCodeAt(i))) cjk++;
  }
  return text.length + cjk * (CJK_CHAR_WEIGHT - 1);
}

function absoluteUrl(value: string | null, base: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value, base).toString();
  } catch {
    return /^https?:\/\//.test(value) ? value : null;
  }
}

function hostName(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

function primaryLanguage(tag: string | null): string | null {
  const match = /^([a-z]{2,3})\b/i.exec(tag ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  return (
    /^<(!doctype|html|head|body|meta|title|div|p|article|!--)/.test(head) ||
    (/<(p|div|br|article)[\s>/]/.test(head) && /<\/(p|div|article)>/.test(text.slice(0, 20000).toLowerCase()))
  );
}

/** Control characters and replacement marks everywhere: what binary decoded as text looks like. */
function looksGarbled(text: string): boolean {
  const sample = text.slice(0, 8192);
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return bad > sample.length * 0.1;
}
