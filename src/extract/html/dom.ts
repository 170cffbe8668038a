// A light element tree built straight from htmlparser2's callbacks: only what extraction reads
// (tag, a few attributes, text), with scripts, styles and other non-content dropped on the way in.
// JSON-LD blocks, <meta>, <link> and <title> are collected during the same pass.
import { Parser } from 'htmlparser2';

export interface Element {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: (Element | string)[];
  readonly parent: Element | null;
  /** Scratch space for content scoring, kept on the node (faster than a Map). */
  readonly stats: Stats;
}

export interface Stats {
  text: number;
  links: number;
  commas: number;
  score: number;
  scored: boolean;
  /** What the class and id say about the element, computed once (html/content.ts). */
  hint: {
    readonly headlinePart: boolean;
    readonly negative: boolean;
    readonly positive: boolean;
    readonly strong: boolean;
    readonly body: boolean;
    readonly embed: boolean;
  } | null;
  /** Whether a list's points say more than their links, computed once per reading (html/content.ts). */
  proseList: boolean | null;
}

function freshStats(): Stats {
  return { text: 0, links: 0, commas: 0, score: 0, scored: false, hint: null, proseList: null };
}

export interface ParsedPage {
  readonly root: Element;
  readonly title: string | null;
  readonly metas: readonly Readonly<Record<string, string>>[];
  readonly links: readonly Readonly<Record<string, string>>[];
  readonly jsonLd: readonly string[];
  readonly lang: string | null;
  /** The first <h1>, noted while parsing so metadata need not walk the tree for it. */
  readonly firstH1: Element | null;
  /** The first element marked itemprop="dateModified". */
  readonly modified: Element | null;
  /** Tags read before the page was cut at MAX_TAGS (hostile or broken markup); null when read whole. */
  readonly cutAtTag: number | null;
}

/** Elements whose content is never article text. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'iframe',
  'object',
  'embed',
  'canvas',
  'select',
  'option',
  'button',
  'textarea',
  'input',
  'map',
  'audio',
  'video',
  'source',
  'track',
  'picture',
  'math',
]);
/** Presentational inline tags carry nothing extraction reads: their text joins the parent's. */
const FLATTEN = new Set([
  'b',
  'i',
  'em',
  'strong',
  'u',
  'small',
  'sup',
  'sub',
  'abbr',
  'cite',
  'mark',
  's',
  'strike',
  'font',
  'big',
  'tt',
  'bdi',
  'bdo',
  'ins',
  'del',
  'nobr',
  'q',
  'dfn',
  'kbd',
  'samp',
  'var',
]);
/** Real pages nest a few dozen levels; deeper trees come from unclosed tags, and recursion over them must stay bounded. */
const MAX_DEPTH = 256;
/** Block elements whose edges are paragraph breaks when the tree is too deep to build them. */
const PARAGRAPH_BREAKS = new Set([
  'p',
  'div',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'tr',
  'blockquote',
  'dd',
  'dt',
]);
/** Void elements never get a close tag. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Attributes extraction looks at; the rest are not kept. */
const KEEP_ATTRS = new Set([
  'class',
  'id',
  'role',
  'itemprop',
  'itemtype',
  'href',
  'datetime',
  'hidden',
  'aria-hidden',
  'style',
  'rel',
  'content',
  'property',
  'name',
  'lang',
  'type',
]);

const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * `nonContentCut`: scripts, styles and comments were already cut from the page's bytes
 * (`stripNonContentBytes`), so the text is not searched for them again.
 */
export function parseHtml(html: string, options: { readonly nonContentCut?: boolean } = {}): ParsedPage {
  // 1. Scripts, styles and comments out, unless the bytes were cut already.
  const stripped = options.nonContentCut ? html : stripNonContent(html);
  // 2. Hostile or broken markup is read up to MAX_TAGS tags.
  const capped = capTags(stripped);
  // 3. The tree, with the head's metadata collected on the way.
  const builder = new TreeBuilder();
  const parser = new Parser(builder, {
    decodeEntities: true,
    lowerCaseTags: true,
    lowerCaseAttributeNames: true,
    recognizeSelfClosing: true,
  });
  parser.write(capped);
  parser.end();
  return builder.page(capped.length < stripped.length ? MAX_TAGS : null);
}

/** htmlparser2's callbacks, building the element tree and noting the head's metadata as they go. */
class TreeBuilder {
  private readonly root: Element = { tag: '#root', attrs: {}, children: [], parent: null, stats: freshStats() };
  private current: Element = this.root;
  private depth = 0;
  /** Inside a skipped element (SKIP): how many of its tag are open. */
  private skipDepth = 0;
  private skipTag = '';
  private inTitle = false;
  private title = '';
  private inJsonLd = false;
  private jsonLdText = '';
  private lang: string | null = null;
  private readonly metas: Record<string, string>[] = [];
  private readonly links: Record<string, string>[] = [];
  private readonly jsonLd: string[] = [];
  private firstH1: Element | null = null;
  private modified: Element | null = null;

  page(cutAtTag: number | null): ParsedPage {
    const { root, metas, links, jsonLd, lang, firstH1, modified } = this;
    return { root, title: this.title.trim() || null, metas, links, jsonLd, lang, firstH1, modified, cutAtTag };
  }

  onopentag(name: string, attribs: Record<string, string>): void {
    if (name === 'meta') {
      this.metas.push(attribs);
      return;
    }
    if (name === 'link') {
      this.links.push(attribs);
      return;
    }
    if (this.skipDepth > 0) {
      if (name === this.skipTag) this.skipDepth++;
      return;
    }
    if (name === 'html' && attribs['lang']) this.lang = attribs['lang'];
    if (name === 'title' && !this.title) {
      this.inTitle = true;
      return;
    }
    if (name === 'script' && /ld\+json/i.test(attribs['type'] ?? '')) {
      this.inJsonLd = true;
      this.jsonLdText = '';
    }
    if (SKIP.has(name)) {
      this.skipDepth = 1;
      this.skipTag = name;
      return;
    }
    if (FLATTEN.has(name)) return;
    // Past this depth (broken or hostile markup) elements are not built: text joins the deepest
    // one, and a block's edge becomes a paragraph break (two <br>).
    if (this.depth >= MAX_DEPTH) {
      if (PARAGRAPH_BREAKS.has(name))
        for (let i = 0; i < 2; i++)
          this.current.children.push({ tag: 'br', attrs: NO_ATTRS, children: [], parent: this.current, stats: freshStats() });
      return;
    }
    let attrs: Record<string, string> = NO_ATTRS;
    for (const key in attribs) {
      if (!KEEP_ATTRS.has(key)) continue;
      if (attrs === NO_ATTRS) attrs = {};
      attrs[key] = attribs[key]!;
    }
    const element: Element = { tag: name, attrs, children: [], parent: this.current, stats: freshStats() };
    this.current.children.push(element);
    if (name === 'h1') this.firstH1 ??= element;
    if (attrs['itemprop'] === 'dateModified') this.modified ??= element;
    if (!VOID.has(name)) {
      this.current = element;
      this.depth++;
    }
  }

  ontext(text: string): void {
    if (this.inJsonLd) {
      this.jsonLdText += text;
      return;
    }
    if (this.inTitle) {
      this.title += text;
      return;
    }
    if (this.skipDepth > 0) return;
    const children = this.current.children;
    const last = children[children.length - 1];
    if (typeof last === 'string') children[children.length - 1] = last + text;
    else children.push(text);
  }

  onclosetag(name: string): void {
    if (name === 'title' && this.inTitle) {
      this.inTitle = false;
      return;
    }
    if (this.skipDepth > 0) {
      if (name === this.skipTag && --this.skipDepth === 0 && this.inJsonLd) {
        this.inJsonLd = false;
        this.jsonLd.push(this.jsonLdText);
      }
      return;
    }
    if (VOID.has(name) || FLATTEN.has(name)) return;
    // Close up to the matching open element; a stray close tag is ignored.
    let node: Element | null = this.current;
    let levels = 1;
    while (node && node.tag !== name) {
      node = node.parent;
      levels++;
    }
    if (node?.parent) {
      this.current = node.parent;
      this.depth -= levels;
    }
  }
}

const NON_CONTENT_OPEN = /<(script|style|svg|noscript|template)\b[^>]*>|<!--/gi;
/** Their close tags, in any case, the name ending there ("</scripture>" closes something else). */
const CLOSE_TAGS = {
  script: /<\/script(?=[\s/>]|$)/gi,
  style: /<\/style(?=[\s/>]|$)/gi,
  svg: /<\/svg(?=[\s/>]|$)/gi,
  noscript: /<\/noscript(?=[\s/>]|$)/gi,
  template: /<\/template(?=[\s/>]|$)/gi,
};

/**
 * Cuts scripts, styles, inline SVG and comments out before parsing: on news pages they are
 * half the bytes, and a native indexOf skips them far faster than the tokenizer. JSON-LD stays.
 * Content ends at the first matching close tag, as the HTML tokenizer itself decides.
 */
export function stripNonContent(html: string): string {
  const out: string[] = [];
  let at = 0;
  NON_CONTENT_OPEN.lastIndex = 0;
  for (let m = NON_CONTENT_OPEN.exec(html); m; m = NON_CONTENT_OPEN.exec(html)) {
    let end: number;
    if (m[0] === '<!--') {
      const close = html.indexOf('-->', m.index + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      const tag = m[1]!.toLowerCase();
      if (tag === 'script' && /ld\+json/i.test(m[0])) {
        // JSON-LD stays, and its strings are text: an "<svg" or "<!--" in one opens nothing.
        CLOSE_TAGS.script.lastIndex = NON_CONTENT_OPEN.lastIndex;
        NON_CONTENT_OPEN.lastIndex = CLOSE_TAGS.script.exec(html)?.index ?? html.length;
        continue;
      }
      const closing = CLOSE_TAGS[tag as keyof typeof CLOSE_TAGS];
      closing.lastIndex = NON_CONTENT_OPEN.lastIndex;
      const close = closing.exec(html)?.index ?? -1;
      const gt = close < 0 ? -1 : html.indexOf('>', close);
      end = gt < 0 ? html.length : gt + 1;
    }
    out.push(html.slice(at, m.index));
    at = end;
    NON_CONTENT_OPEN.lastIndex = end;
  }
  if (at === 0) return html;
  out.push(html.slice(at));
  // Nothing is put in their place: a browser shows "Ev<!-- -->en" as one word, "Even".
  return out.join('');
}

/** The elements `stripNonContent` cuts, as lower-case bytes. */
const NON_CONTENT_TAGS = ['script', 'style', 'svg', 'noscript', 'template'].map((tag) => ({ tag, name: Buffer.from(tag, 'latin1') }));
const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const DASH = 0x2d;

/**
 * `stripNonContent` on the raw bytes, before they are decoded: on news pages scripts and styles
 * are more than half the bytes (59 % of AEB's), and decoding them only to cut them is one of the
 * largest costs of reading a page. One native search for each "<", a few byte comparisons after
 * it (any letter case), and a jump to the element's close tag. Only for encodings where "<" and
 * ">" are never part of another character: the caller checks (`mayStripBytes`).
 */
export function stripNonContentBytes(bytes: Uint8Array): Uint8Array {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (let start = buffer.indexOf(LT); start >= 0; ) {
    let end = -1;
    if (buffer[start + 1] === BANG && buffer[start + 2] === DASH && buffer[start + 3] === DASH) {
      const close = buffer.indexOf('-->', start + 4, 'latin1');
      end = close < 0 ? buffer.length : close + 3;
    } else {
      const element = NON_CONTENT_TAGS.find(({ name }) => namedAt(buffer, start + 1, name));
      const openEnd = element ? buffer.indexOf(GT, start) : -1;
      const jsonLd = element?.tag === 'script' && openEnd >= 0 && /ld\+json/i.test(buffer.toString('latin1', start, openEnd));
      if (jsonLd) {
        // Kept, and its strings are text: go on at its close tag, not at an "<svg" inside it.
        const close = closeTag(buffer, element.name, openEnd + 1);
        start = close < 0 ? -1 : close;
        continue;
      }
      if (element && openEnd >= 0) {
        const close = closeTag(buffer, element.name, openEnd + 1);
        const gt = close < 0 ? -1 : buffer.indexOf(GT, close);
        end = gt < 0 ? buffer.length : gt + 1;
      }
    }
    if (end < 0) {
      start = buffer.indexOf(LT, start + 1);
      continue;
    }
    parts.push(bytes.subarray(at, start));
    at = end;
    start = end < buffer.length ? buffer.indexOf(LT, end) : -1;
  }
  if (at === 0) return bytes;
  parts.push(bytes.subarray(at));
  return Buffer.concat(parts);
}

/** True when the tag name at `at` is `name` (any case) and ends there ("<scripture>" is another tag). */
function namedAt(buffer: Buffer, at: number, name: Buffer): boolean {
  for (let i = 0; i < name.length; i++) if ((buffer[at + i]! | 0x20) !== name[i]) return false;
  const after = buffer[at + name.length];
  return (
    after === undefined ||
    after === GT ||
    after === SLASH ||
    after === 0x20 ||
    after === 0x09 ||
    after === 0x0a ||
    after === 0x0d ||
    after === 0x0c
  );
}

/** Where the first "</name" (any case) at or after `from` starts, or -1. */
function closeTag(buffer: Buffer, name: Buffer, from: number): number {
  for (let at = buffer.indexOf('</', from, 'latin1'); at >= 0; at = buffer.indexOf('</', at + 2, 'latin1')) {
    if (namedAt(buffer, at + 2, name)) return at;
  }
  return -1;
}

/**
 * Whether cutting at "<" and ">" bytes cannot split a character: not UTF-16 or UTF-32 (NUL bytes),
 * not ISO-2022 (ESC sequences, whose two-byte characters may hold "<"); every other encoding a
 * page uses (UTF-8, the single-byte sets, Shift_JIS, GBK, Big5, EUC) keeps those bytes for themselves.
 */
export function mayStripBytes(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.indexOf(0x00) >= 0 || buffer.indexOf(0x1b) >= 0) return false;
  for (let i = 0; i < buffer.length && i < 1024; i++) {
    const c = buffer[i]!;
    if (c === LT) return true;
    // A UTF-8 BOM or white space may come first; anything else and this is not markup.
    if (!(c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xef || c === 0xbb || c === 0xbf)) return false;
  }
  return false;
}

/**
 * Real pages hold a few thousand tags (AEB's largest: ~3,200 after scripts are cut). The parser
 * slows quadratically on deep unclosed nesting, so a hostile page is cut at this many tags.
 */
const MAX_TAGS = 60_000;

function capTags(html: string): string {
  let at = -1;
  for (let n = 0; n < MAX_TAGS; n++) {
    at = html.indexOf('<', at + 1);
    if (at < 0) return html;
  }
  return html.slice(0, at);
}

/** All text under an element, whitespace collapsed. */
export function textOf(node: Element | string): string {
  const parts: string[] = [];
  collect(node, parts);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function collect(node: Element | string, parts: string[]): void {
  if (typeof node === 'string') {
    parts.push(node);
    return;
  }
  if (node.tag === 'br') parts.push(' ');
  for (const child of node.children) collect(child, parts);
}

/** The first element, in document order, for which `test` returns a value. */
export function findFirst<T>(root: Element, test: (el: Element) => T | null | undefined): T | null {
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const el = stack.pop()!;
    const found = test(el);
    if (found !== null && found !== undefined) return found;
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (typeof child !== 'string') stack.push(child);
    }
  }
  return null;
}
