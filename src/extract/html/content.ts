// The main text of an HTML page: score text blocks (length, commas, link density, tag and
// class/id hints), let scores flow up to their containers, take the best container plus the
// siblings that belong with it, then prune chrome inside it and write paragraphs.
import type { RemovedBlock } from '../../records.js';
import type { Element, Stats } from './dom.js';
import { findFirst, textOf } from './dom.js';
import { CJK_CHAR_WEIGHT, isCjk } from '../script.js';
import type { RemovalReason } from '../reasons.js';

/** A block shorter than this (chars) adds no score: too short to tell prose from chrome. */
const MIN_BLOCK_CHARS = 25;
/** Every this many characters adds a point to a block, up to BLOCK_LENGTH_CAP points. */
const CHARS_PER_POINT = 100;
const BLOCK_LENGTH_CAP = 3;
/** How many ancestor levels a block's score reaches (readability's choice). */
const ANCESTOR_LEVELS = 5;
/** Class/id hints move a container's score by this much. */
const CLASS_WEIGHT = 25;
/** A "content"/"post" class name counts in full on a box with this much text outside links, in part below (150-300 measured alike). */
const POSITIVE_HINT_FULL_CHARS = 200;
/** A sibling joins the content when its score is this share of the winner's ... */
const SIBLING_SHARE = 0.2;
/** ... or at least this absolute score. */
const SIBLING_MIN_SCORE = 10;
/** Inside the content, a block whose text is more than this share link text is a link list. */
const MAX_LINK_DENSITY = 0.5;
/** A point of a list says something of its own with this many characters outside its links ("by Ann Lee, May 2, 2012" is 23) ... */
const PROSE_ITEM_MIN_CHARS = 30;
/** ... and a list is the story's when at least this share of its points do. */
const PROSE_LIST_SHARE = 0.5;
/** A container with at least this much text outside links holds prose, however long its link lists. */
const LINK_LIST_MAX_PROSE_CHARS = 300;
/** Paragraph-level elements: judged as prose, pruned for links only when short and nearly all link. */
const PROSE_TAGS = new Set(['p', 'blockquote', 'pre', 'td', 'th', 'dd']);
const PROSE_MAX_LINK_DENSITY = 0.9;
/** How a sentence ends (with its closing quote or bracket), in the scripts the extractor reads. */
const SENTENCE_END = /[.!?…。！？؟।]["”’»)\]」』]*$/;
/** A short sibling ends like this when it is a sentence (a one-line paragraph of the story). */
const SENTENCE_END_SHORT = /[.!?。！？]["”’」』]?$/;
/** A sibling paragraph with less link text than this share is prose. */
const SIBLING_PROSE_MAX_LINK_DENSITY = 0.25;
/** The box straight after the story joins it when it holds this much text ... */
const CONTINUATION_MIN_CHARS = 100;
/** ... with at most this share in links (a "more" list of other stories is all links). */
const CONTINUATION_MAX_LINK_DENSITY = 0.1;
/** A sibling with the winner's class name ("post-part") gets this share of its score. */
const SAME_CLASS_BONUS = 0.2;
/** Removed blocks are recorded up to this many characters: enough to recognise them. */
const REMOVED_TEXT_MAX_CHARS = 500;
/** Short blocks (chars) are judged more strictly on links: a "Read more" line. */
const SHORT_BLOCK_CHARS = 80;
/** A class/id hint prunes a block only when it holds less than this share of the content. */
const MAX_HINT_PRUNE_SHARE = 0.5;
/** A "subheadline" block after this much prose is a subheading inside the story, not the dek above it ... */
const STORY_STARTED_CHARS = 200;
/** ... when it is at most this long (a dek or teaser is longer). */
const SUBHEADING_MAX_CHARS = 150;
/** Blocks scoring at least this share of the best are its rivals (readability's 0.75) ... */
const RIVAL_SHARE = 0.75;
/** ... of which the best this many are looked at ... */
const RIVALS_LOOKED_AT = 4;
/** ... and an ancestor holding this many of them holds the story. */
const RIVALS_MIN = 3;
/** Climbing to a parent is worth it when the parent adds at most this much text. */
const PARENT_TEXT_GROWTH = 1.15;

/** A photo post has at least this many captions ... */
const PHOTO_POST_MIN_CAPTIONS = 3;
/** ... holding more than this many times the text of its prose (at 1, a story with three long captions lost its text to them). */
const PHOTO_POST_CAPTION_SHARE = 2;

/** A links post writes under this much prose of its own (at 500 an AEB story lost its text to a list under it) ... */
const LINKS_POST_MAX_PROSE_CHARS = 250;
/** ... and its lists of links hold more than that and at least this much. */
const LINKS_POST_MIN_CHARS = 150;

/** Blocks that join the story when they stand between two of its parts. */
const BETWEEN_TAGS = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'blockquote', 'pre', 'table']);

/** Blocks inside a comment, related or sidebar area count this much: prose there is not the story. */
const CHROME_AREA_FACTOR = 0.2;

// Class and id words, matched per word ("share-tools" -> share, tools; "articleBody" -> articlebody)
// and per joined pair of words ("most-read" -> mostread): a Set lookup, not a regex per element.
const NEGATIVE_WORDS = new Set(
  'ad ads advert advertisement adslot banner breadcrumb breadcrumbs byline bio caption comment comments community cookie consent disqus dropdown extra footer foot gdpr hidden masthead menu meta modal nav navbar navigation newsletter outbrain pagination pager paywall popup promo recirc recommend recommended recommendations related remark replies rss share sharing shoutbox sidebar skip social sponsor sponsored subscribe subscription supplemental taboola tags tag toolbar tools trending widget signup print credit credits disclaimer copyright overlay teaser timestamp dateline rating player video gallery carousel slideshow topics keywords authorbio authorinfo authorbox authorcontent authordescription authorbiography authorprofile authorcard authordetails authorwrap aboutauthor postauthor entryauthor inlinepromo mostread mostpopular readmore morestories alsoread latest prev previous nextprev navegacion rodape fusszeile piede lectores lecteurs lettori leitores leserkommentare werbung anzeige publicite publicidad pubblicita publicidade kommentare commentaires comentarios commenti comentarios partage compartir condividi teilen relacionadas relacionados correlati aehnliche verwandte postprofile userinfo usertitle postfoot pagefooter pageheader sitefooter siteheader header'.split(
    ' ',
  ),
);
/** Words that name the headline block's parts (dek, standfirst, kicker): chrome even inside "article-...". */
const HEADLINE_PART_WORDS = new Set('subheadline subhead subheading dek standfirst subtitle excerpt kicker eyebrow strapline'.split(' '));
const POSITIVE_WORDS = new Set(
  (
    'article articlebody articlecontent articletext body content entry entrycontent main page post postbody postcontent story storybody text blog hentry prose richtext paragraph detail ' +
    // Names written as one word ("mainContent", TYPO3's "ce-bodytext").
    'maincontent pagecontent contentarea contentmain contentbody bodytext storycontent newscontent fulltext ' +
    // The same in the class names of other languages' sites (Spanish, German, French, Italian, Portuguese, Dutch, Polish).
    'articulo cuerpo contenido noticia texto inhalt hauptinhalt artikel artikeltext beitrag meldung contenu corps texte articolo testo corpo conteudo materia tekst tresc'
  ).split(' '),
);
/** Words that mark an area as not the story even when it holds prose (comments, sidebars). */
const STRONG_NEGATIVE_WORDS = new Set(
  'comment comments disqus replies related recommend recommended recommendations sidebar footer share social newsletter promo outbrain taboola trending popular mostread mostpopular widget authorbio signup cookie consent recirc lectores lecteurs lettori leitores leserkommentare kommentare commentaires comentarios commenti relacionadas relacionados correlati'.split(
    ' ',
  ),
);
/** Words that name the story body itself: never damped. */
const BODY_WORDS = new Set('articlebody storybody postbody entrycontent'.split(' '));
/** Words that name an embedded post (a tweet, an Instagram post): quoted material, even in a "social" wrapper. */
const EMBED_WORDS = new Set('embed embedded oembed twittertweet instagrammedia tiktokembed fbpost'.split(' '));

export interface Hint {
  readonly headlinePart: boolean;
  readonly negative: boolean;
  readonly positive: boolean;
  readonly strong: boolean;
  readonly body: boolean;
  readonly embed: boolean;
}

const NO_HINT: Hint = { headlinePart: false, negative: false, positive: false, strong: false, body: false, embed: false };
/** First words of the two-word names above ("most read", "article body"): only these pairs are joined. */
const PAIR_STARTS = new Set(
  'about author inline most read more also article entry post story rich twitter instagram tiktok fb page site'.split(' '),
);

function hintOf(el: Element): Hint {
  const cached = el.stats.hint;
  if (cached) return cached;
  const cls = el.attrs['class'];
  const id = el.attrs['id'];
  if (!cls && !id) return (el.stats.hint = NO_HINT);
  // A section's id spelled from its own heading ("sharing-with-a-single-developer") names its topic, not a widget.
  const idWords = id && isHeadingAnchor(el, id) ? strongWordsOf(id) : (id ?? '');
  const words = `${cls ?? ''} ${idWords}`.toLowerCase().split(/[^a-z0-9]+/);
  let negative = false,
    positive = false,
    strong = false,
    body = false,
    headlinePart = false,
    embed = false;
  const check = (word: string) => {
    if (HEADLINE_PART_WORDS.has(word)) headlinePart = true;
    if (NEGATIVE_WORDS.has(word)) negative = true;
    if (POSITIVE_WORDS.has(word)) positive = true;
    if (STRONG_NEGATIVE_WORDS.has(word)) strong = true;
    if (BODY_WORDS.has(word)) body = true;
    if (EMBED_WORDS.has(word)) embed = true;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word) continue;
    // A known pair is read as one word: "post-author" is an author box, not a "post" that is content.
    if (PAIR_STARTS.has(word) && i + 1 < words.length && NEGATIVE_WORDS.has(word + words[i + 1]!)) {
      check(word + words[i + 1]!);
      i++;
      continue;
    }
    check(word);
    if (PAIR_STARTS.has(word) && i + 1 < words.length) check(word + words[i + 1]!);
  }
  return (el.stats.hint =
    negative || positive || strong || body || headlinePart || embed ? { headlinePart, negative, positive, strong, body, embed } : NO_HINT);
}

/** Heading tags: a section's title. */
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** A heading's anchor names a section when it has at least this many words: "comments" or "share" under a "Share" heading stay hints. */
const HEADING_ANCHOR_MIN_WORDS = 3;
/** The first elements of a section looked at for its heading (an empty anchor `<span>` may come first). */
const HEADING_LOOKAHEAD = 3;

/** The words of a heading or id, as documentation tools write anchors: lower case, joined by hyphens. */
function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

/** An id written from the element's own heading (Sphinx, Markdown and wiki sections), of HEADING_ANCHOR_MIN_WORDS or more. */
function isHeadingAnchor(el: Element, id: string): boolean {
  const slug = slugOf(id);
  if (slug.split('-').length < HEADING_ANCHOR_MIN_WORDS) return false;
  let seen = 0;
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (HEADING_TAGS.has(child.tag)) {
      // "1.2 Sharing ..." under "sharing-..."; "sharing-..." under GitHub's "user-content-sharing-...".
      const heading = slugOf(textOf(child));
      return heading.split('-').length >= HEADING_ANCHOR_MIN_WORDS && (heading.endsWith(slug) || slug.endsWith(heading));
    }
    if (++seen >= HEADING_LOOKAHEAD) return false;
  }
  return false;
}

/** Only the words (and joined pairs: "most-read") of a name that mark chrome even in a section's heading ("comments-on-this-story"). */
function strongWordsOf(name: string): string {
  const words = name.toLowerCase().split(/[^a-z0-9]+/);
  const strong: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (STRONG_NEGATIVE_WORDS.has(words[i]!)) strong.push(words[i]!);
    if (i + 1 < words.length && STRONG_NEGATIVE_WORDS.has(words[i]! + words[i + 1]!)) strong.push(words[i]! + words[i + 1]!);
  }
  return strong.join(' ');
}

function isStronglyNegative(el: Element, useHints: boolean): boolean {
  if (!useHints) return false;
  const h = hintOf(el);
  return h.strong && !h.body;
}

/** Elements that are never the story, with the reason a reader is shown. */
const NON_CONTENT_TAGS: ReadonlyMap<string, RemovalReason> = new Map([
  ['nav', 'site navigation'],
  ['menu', 'site navigation'],
  ['aside', 'sidebar'],
  ['footer', 'page footer'],
  ['figure', 'photo caption or credit'],
  ['figcaption', 'photo caption or credit'],
  ['dialog', 'pop-up'],
  ['label', 'form controls'],
  ['fieldset', 'form controls'],
  ['legend', 'form controls'],
  ['address', 'contact details'],
  ['time', 'timestamp line'],
]);
/** Tags that templates put whole posts in (`<aside class="post">`, `<footer>` around the text): distrusted on the last look. */
const MISUSED_TAGS = new Set(['aside']);
const NON_CONTENT_ROLES = /^(navigation|banner|contentinfo|complementary|dialog|alertdialog|menu|menubar|search|toolbar|tablist|form)$/i;
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'li',
  'ul',
  'ol',
  'dl',
  'dd',
  'dt',
  'blockquote',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'td',
  'th',
  'tbody',
  'thead',
  'header',
  'footer',
  'nav',
  'aside',
  'figure',
  'figcaption',
  'hr',
  'center',
  'address',
  'details',
  'summary',
  'body',
  'html',
  'form',
  'fieldset',
]);
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'blockquote', 'td', 'li', 'dd', 'h2', 'h3', 'h4', 'h5', 'h6']);

export interface ContentResult {
  readonly paragraphs: string[];
  readonly removed: RemovedBlock[];
  /** Paragraphs of the page's comment threads, when asked for (`withComments`); empty otherwise. */
  readonly comments: string[];
}

function hint(el: Element): string {
  return `${el.attrs['class'] ?? ''} ${el.attrs['id'] ?? ''}`;
}

function classWeight(el: Element, useHints: boolean): number {
  if (!useHints) return el.attrs['itemprop'] === 'articleBody' ? CLASS_WEIGHT * 2 : 0;
  const h = hintOf(el);
  let weight = 0;
  if (h.negative) weight -= CLASS_WEIGHT;
  // A name says "content" of a box of any size: it counts in full only for a box holding a story's worth of prose.
  if (h.positive) weight += CLASS_WEIGHT * Math.min(1, (el.stats.text - el.stats.links) / POSITIVE_HINT_FULL_CHARS);
  if (el.attrs['itemprop'] === 'articleBody') weight += CLASS_WEIGHT * 2;
  return weight;
}

function isHidden(el: Element): boolean {
  if (el.attrs['hidden'] !== undefined || el.attrs['aria-hidden'] === 'true') return true;
  const style = el.attrs['style'];
  return (
    style !== undefined && (style.includes('none') || style.includes('hidden')) && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
  );
}

/** Why an element is chrome whatever its text (hidden, navigation, captions), or null. */
function hardJunkReason(el: Element, trustTags: boolean): RemovalReason | null {
  if (isHidden(el)) return 'hidden element';
  const reason = NON_CONTENT_TAGS.get(el.tag);
  if (reason && (trustTags || !MISUSED_TAGS.has(el.tag))) return reason;
  const role = el.attrs['role'];
  if (role && NON_CONTENT_ROLES.test(role)) return 'page chrome';
  return null;
}

/** Rows and cells are data ("player-2020-580" is a driver's row in a standings table), never widgets. */
const TABLE_PARTS = new Set(['tr', 'td', 'th', 'tbody', 'thead', 'tfoot']);

/** Why an element's class or id marks it as chrome ("share-tools", "related"), or null. */
function hintJunkReason(el: Element, useHints: boolean): RemovalReason | null {
  if (TABLE_PARTS.has(el.tag)) return null;
  if (!useHints) return el.tag === 'header' ? 'page header' : null;
  const h = hintOf(el);
  if (h.headlinePart) return 'headline';
  // A tweet quoted in the story sits in a "social-media-embed" wrapper: the quote is the story's.
  if (h.embed && findFirst(el, (child) => (child.tag === 'blockquote' ? child : null))) return null;
  if (h.negative && !h.positive && el.tag !== 'body' && el.tag !== 'article' && el.tag !== 'main') return reasonFromHint(hint(el));
  if (el.tag === 'header') return 'page header';
  return null;
}

function reasonFromHint(h: string): RemovalReason {
  const lower = h.toLowerCase();
  if (/share|social|partage|compartir|condividi|teilen/.test(lower)) return 'share widget';
  if (/comment|disqus|replies|kommentar|lectores|lecteurs|lettori|leitores/.test(lower)) return 'comment widget';
  if (
    /related|recommend|recirc|outbrain|taboola|trending|most|more-?stories|also-?read|read-?more|relacionad|correlat|aehnlich|verwandt/.test(
      lower,
    )
  )
    return 'related headlines';
  if (/newsletter|subscri|signup|sign-up|paywall/.test(lower)) return 'newsletter sign-up';
  if (/\bad|advert|sponsor|promo|werbung|anzeige|publici|pubblicit/.test(lower)) return 'advertisement';
  if (/caption|credit|gallery|carousel|slideshow/.test(lower)) return 'photo caption or credit';
  if (/author|byline|bio/.test(lower)) return 'author bio';
  if (/tag|topics|keywords/.test(lower)) return 'tags';
  if (/cookie|consent|gdpr/.test(lower)) return 'cookie banner';
  if (/nav|menu|breadcrumb|toolbar|masthead|skip/.test(lower)) return 'site navigation';
  if (/footer|copyright|disclaimer/.test(lower)) return 'page footer';
  return 'page chrome';
}

export interface ContentOptions {
  /**
   * Read class and id names ("comments", "sidebar", "caption") as hints. Off for the second look at
   * a page whose hinted reading found no story: a photo blog whose text sits in "caption" boxes,
   * a thread whose only text is its "comments".
   */
  readonly useHints: boolean;
  /** Also read the page's comment threads (returned apart, in `comments`). */
  readonly withComments: boolean;
  /**
   * Read the tags templates misuse (MISUSED_TAGS: a blog's post in an `<aside class="blogPost">`)
   * as chrome. Off for the last look at a page whose other readings found next to no story.
   */
  readonly trustTags: boolean;
}

const CONTENT_DEFAULTS: ContentOptions = { useHints: true, withComments: false, trustTags: true };

/**
 * The story's paragraphs, in readability's way: each step below is a function, called in order.
 * Scores live on the elements (`el.stats`), so a second reading of the same tree starts afresh at step 1.
 */
export function extractContent(root: Element, options: Partial<ContentOptions> = {}): ContentResult | null {
  const settings = { ...CONTENT_DEFAULTS, ...options } satisfies ContentOptions;
  // 1. Text, link text and commas of every element.
  measure(root);
  // 2. Paragraphs score by length, commas and links, and pass their points to their containers.
  const candidates = scoreBlocks(root, settings.useHints, settings.trustTags);
  // 3. The container scoring best, its links discounted.
  const best = bestCandidate(candidates);
  if (!best) return null;
  // 4. A story cut into blocks of like score: the nearest ancestor holding enough of them.
  // 5. A wrapper that adds little text is the same content.
  const top = climbWrappers(ancestorOfRivals(best.element, best.score, candidates), settings.trustTags);
  // 6. The siblings that belong with it.
  const parts = storyParts(top, best.score, settings.useHints, settings.trustTags);
  // 7. Paragraphs, with chrome inside the content pruned; the comment threads after them when asked for.
  const contentChars = parts.reduce((n, part) => n + part.stats.text, 0);
  let writer = new ParagraphWriter(settings.useHints, settings.trustTags, settings.withComments, contentChars, null);
  for (const part of parts) writer.emit(part);
  let paragraphs = writer.take();
  // 8. A photo post: its captions hold more text than its prose, so the captions are the story;
  // a links post ("Quickies"): its lists of links are.
  const keep = isPhotoPost(paragraphs, writer.removed)
    ? 'photo caption or credit'
    : isLinksPost(paragraphs, writer.removed)
      ? 'link list'
      : null;
  if (keep) {
    writer = new ParagraphWriter(settings.useHints, settings.trustTags, settings.withComments, contentChars, keep);
    for (const part of parts) writer.emit(part);
    paragraphs = writer.take();
  }
  if (settings.withComments) {
    writer.readComments();
    for (const area of commentAreas(root, parts)) writer.emit(area);
  }
  return { paragraphs, removed: writer.removed, comments: writer.take() };
}

/** Characters and commas of a stretch of text (countText adds to it). */
interface Tally {
  chars: number;
  commas: number;
}

/** Step 1: every element's text length, link text and commas, bottom up; scores reset. */
function measure(el: Element): Stats {
  const tally: Tally = { chars: 0, commas: 0 };
  let links = 0;
  for (const child of el.children) {
    if (typeof child === 'string') countText(child, tally);
    else {
      const s = measure(child);
      tally.chars += s.text;
      tally.commas += s.commas;
      links += child.tag === 'a' ? s.text : s.links;
    }
  }
  const s = el.stats;
  s.text = tally.chars;
  s.links = links;
  s.commas = tally.commas;
  s.score = 0;
  s.scored = false;
  s.proseList = null;
  return s;
}

function density(el: Element): number {
  const s = el.stats;
  if (el.tag === 'a') return 1;
  return s.text === 0 ? 0 : s.links / s.text;
}

function finalScore(el: Element): number {
  return el.stats.score * (1 - density(el));
}

/** Step 2: scores paragraphs and passes them to ANCESTOR_LEVELS ancestors; returns the ancestors scored. */
function scoreBlocks(root: Element, useHints: boolean, trustTags: boolean): Element[] {
  const candidates: Element[] = [];
  const initialise = (el: Element) => {
    const s = el.stats;
    if (s.scored) return;
    s.scored = true;
    s.score = baseScore(el) + classWeight(el, useHints);
    candidates.push(el);
  };
  const visit = (el: Element, junk: boolean, penalised: boolean) => {
    const isJunk = junk || hardJunkReason(el, trustTags) !== null;
    const isPenalised =
      penalised || el.tag === 'a' || el.tag === 'header' || isStronglyNegative(el, useHints) || (useHints && hintOf(el).headlinePart);
    const own: Tally = { chars: 0, commas: 0 };
    let hasBlockChild = false;
    for (const child of el.children) {
      if (typeof child === 'string') countText(child, own);
      else {
        if (BLOCK_TAGS.has(child.tag)) hasBlockChild = true;
        else {
          own.chars += child.stats.text;
          own.commas += child.stats.commas;
        }
        visit(child, isJunk, isPenalised);
      }
    }
    if (isJunk) return;
    const isParagraph = PARAGRAPH_TAGS.has(el.tag) || ((el.tag === 'div' || el.tag === 'section') && !hasBlockChild);
    // Text written straight into a container beside block children (<div>text<br>text<div>ad</div>)
    // is a paragraph of that container, as if wrapped in <p>.
    const looseText =
      !isParagraph && hasBlockChild && own.chars >= MIN_BLOCK_CHARS && el.tag !== 'body' && el.tag !== 'html' && el.tag !== '#root';
    if (!isParagraph && !looseText) return;
    const text = isParagraph ? el.stats.text : own.chars;
    if (text < MIN_BLOCK_CHARS) return;
    const commas = isParagraph ? el.stats.commas : own.commas;
    const points =
      (1 + commas + Math.min(Math.floor(text / CHARS_PER_POINT), BLOCK_LENGTH_CAP)) *
      (1 - density(el)) *
      (isPenalised ? CHROME_AREA_FACTOR : 1);
    let ancestor = isParagraph ? el.parent : el;
    for (let level = 0; ancestor && level < ANCESTOR_LEVELS; level++, ancestor = ancestor.parent) {
      initialise(ancestor);
      ancestor.stats.score += points / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  };
  visit(root, false, false);
  return candidates;
}

/** Step 3: the candidate with the best score, links discounted (the first of equals). */
function bestCandidate(candidates: readonly Element[]): { element: Element; score: number } | null {
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const el of candidates) {
    const score = finalScore(el);
    if (score > bestScore) {
      bestScore = score;
      best = el;
    }
  }
  return best ? { element: best, score: bestScore } : null;
}

function isPageTop(el: Element): boolean {
  return el.tag === 'body' || el.tag === 'html' || el.tag === '#root';
}

/**
 * Step 4: a story cut into several blocks of like score (photo posts, text boxed between ads): the
 * nearest ancestor that holds enough of the close rivals is the content. (Readability's other
 * climb, to an ancestor scoring above the block below it, lost 0.002 on Dragnet and was left out.)
 */
function ancestorOfRivals(top: Element, topScore: number, candidates: readonly Element[]): Element {
  const rivals = candidates
    .filter((el) => el !== top && finalScore(el) >= topScore * RIVAL_SHARE)
    .sort((a, b) => finalScore(b) - finalScore(a))
    .slice(0, RIVALS_LOOKED_AT);
  if (rivals.length < RIVALS_MIN) return top;
  for (let ancestor = top.parent; ancestor && !isPageTop(ancestor); ancestor = ancestor.parent)
    if (rivals.filter((el) => el !== ancestor && isInside(el, ancestor)).length >= RIVALS_MIN) return ancestor;
  return top;
}

/** Step 5: climbs while the parent is the same content with little more text (a wrapper div). */
function climbWrappers(top: Element, trustTags: boolean): Element {
  let el = top;
  while (
    el.parent &&
    el.parent.tag !== '#root' &&
    el.parent.tag !== 'body' &&
    el.parent.stats.text <= el.stats.text * PARENT_TEXT_GROWTH &&
    !hardJunkReason(el.parent, trustTags)
  )
    el = el.parent;
  return el;
}

/** Step 6: the content and the siblings that belong with it, in page order. */
function storyParts(top: Element, topScore: number, useHints: boolean, trustTags: boolean): Element[] {
  const parent = top.parent;
  if (!parent || parent.tag === '#root') return [top];
  // Siblings that belong with the winner: well scored, or paragraphs of plain prose.
  const chosen = new Set<Element>();
  const threshold = Math.max(SIBLING_MIN_SCORE, topScore * SIBLING_SHARE);
  const next = elementAfter(parent, top);
  const topHint = top.attrs['class'];
  for (const sibling of parent.children) {
    if (typeof sibling === 'string') continue;
    if (sibling === top) {
      chosen.add(sibling);
      continue;
    }
    if (hardJunkReason(sibling, trustTags) || hintJunkReason(sibling, useHints)) continue;
    const bonus = topHint && sibling.attrs['class'] === topHint ? topScore * SAME_CLASS_BONUS : 0;
    const score = (sibling.stats.scored ? sibling.stats.score : 0) * (1 - density(sibling)) + bonus;
    if (score >= threshold) chosen.add(sibling);
    else if (sibling === next && isPlainProse(sibling)) chosen.add(sibling);
    else if (top.tag === 'section' && sibling.tag === 'section' && isProseSection(sibling)) chosen.add(sibling);
    else if (sibling.tag === 'p' || ((sibling.tag === 'div' || sibling.tag === 'section') && !hasBlockChild(sibling))) {
      const text = textOf(sibling);
      const d = density(sibling);
      if (
        (text.length > SHORT_BLOCK_CHARS && d < SIBLING_PROSE_MAX_LINK_DENSITY) ||
        (text.length > 0 && d === 0 && SENTENCE_END_SHORT.test(text))
      )
        chosen.add(sibling);
    }
  }
  // What stands between two parts of the story is the story too: a subheading, a list, a table,
  // a quote, a paragraph with many links, left out above for scoring low on its own.
  const children = parent.children;
  const indexes = [...chosen].map((el) => children.indexOf(el));
  const first = Math.min(...indexes);
  const last = Math.max(...indexes);
  const parts: Element[] = [];
  for (let i = 0; i < children.length; i++) {
    const sibling = children[i]!;
    if (typeof sibling === 'string') continue;
    if (chosen.has(sibling)) parts.push(sibling);
    else if (
      i > first &&
      i < last &&
      BETWEEN_TAGS.has(sibling.tag) &&
      !hardJunkReason(sibling, trustTags) &&
      !hintJunkReason(sibling, useHints) &&
      density(sibling) <= MAX_LINK_DENSITY
    )
      parts.push(sibling);
  }
  return parts;
}

/** The element straight after `el`, with nothing but whitespace between (a blog's "more" box after the excerpt), or null. */
function elementAfter(parent: Element, el: Element): Element | null {
  const children = parent.children;
  for (let i = children.indexOf(el) + 1; i < children.length; i++) {
    const next = children[i]!;
    if (typeof next !== 'string') return next;
    if (next.trim()) return null;
  }
  return null;
}

/**
 * A box of text with next to no links, long enough to be more than a label, and no headings or
 * list items (a list of other stories, each under its own title): the rest of the story.
 */
function isPlainProse(el: Element): boolean {
  const s = el.stats;
  return (
    s.text >= CONTINUATION_MIN_CHARS &&
    s.links <= s.text * CONTINUATION_MAX_LINK_DENSITY &&
    !findFirst(el, (child) => (HEADING_TAGS.has(child.tag) || child.tag === 'li' ? child : null))
  );
}

/**
 * A section of a page written as sections ("Anfahrt", "Parken", "Barrierefreiheit"): headings and
 * paragraphs of prose, too short to score as a sibling, judged as a paragraph would be.
 */
function isProseSection(el: Element): boolean {
  let last: Element | null = null;
  for (const child of el.children) {
    if (typeof child === 'string') {
      if (child.trim()) return false;
      continue;
    }
    if (child.tag === 'p') last = child;
    else if (!HEADING_TAGS.has(child.tag)) return false;
  }
  if (!last) return false;
  const d = density(el);
  return (el.stats.text > SHORT_BLOCK_CHARS && d < SIBLING_PROSE_MAX_LINK_DENSITY) || (d === 0 && SENTENCE_END_SHORT.test(textOf(last)));
}

/** Step 7: writes the chosen elements as paragraphs, pruning chrome inside them (with its reason). */
class ParagraphWriter {
  readonly removed: RemovedBlock[] = [];
  private paragraphs: string[] = [];
  private buffer: string[] = [];
  private headline: string | null = null;
  private proseChars = 0;
  /** Inside a comment thread its own class names ("comment-body", "comment-author") prune nothing. */
  private inComments = false;

  constructor(
    private readonly useHints: boolean,
    private readonly trustTags: boolean,
    private readonly withComments: boolean,
    /** Text of the whole content: a class hint never prunes most of it. */
    private readonly contentChars: number,
    /** Blocks removed for this reason are the story's text here (a photo post's captions, a links post's lists). */
    private readonly keep: RemovalReason | null,
  ) {}

  /** The paragraphs written since the last call. */
  take(): string[] {
    this.flush();
    return this.paragraphs.splice(0);
  }

  readComments(): void {
    this.inComments = true;
  }

  emit(node: Element | string): void {
    if (typeof node === 'string') {
      this.buffer.push(node.replace(/\s+/g, ' '));
      return;
    }
    if (node.tag === 'br') {
      this.buffer.push('\n');
      return;
    }
    const block = BLOCK_TAGS.has(node.tag);
    if (block && this.pruned(node)) return;
    // The first <h1> is the headline; pages that use <h1> for every section title keep the later ones as subheadings.
    if (node.tag === 'h1' && (this.headline === null || textOf(node) === this.headline)) {
      const text = textOf(node);
      if (text) {
        this.removed.push({ text, reason: 'headline' });
        this.headline = text;
      }
      return;
    }
    // A table row is one line: its cells are separated, not split into paragraphs.
    const cell = node.tag === 'td' || node.tag === 'th';
    if (cell) this.buffer.push(' ');
    else if (block) this.flush();
    for (const child of node.children) this.emit(child);
    if (cell) this.buffer.push(' ');
    else if (block) this.flush();
  }

  /** Whether a block is chrome (recorded in `removed`) or a comment thread left for later. */
  private pruned(node: Element): boolean {
    // A class hint never prunes most of the content: "non-ad-column" can hold the story.
    const share = node.stats.text / Math.max(1, this.contentChars);
    let hinted = share < MAX_HINT_PRUNE_SHARE ? hintJunkReason(node, this.useHints && !this.inComments) : null;
    // A thread inside the story's container is read after the story, with the others.
    if (this.withComments && !this.inComments && hinted === 'comment widget') return true;
    if (hinted === 'headline' && this.proseChars >= STORY_STARTED_CHARS && node.stats.text <= SUBHEADING_MAX_CHARS) hinted = null;
    const reason = hardJunkReason(node, this.trustTags) ?? hinted ?? linkListReason(node);
    if (!reason || reason === this.keep) return false;
    const text = textOf(node);
    if (text) this.removed.push({ text: text.slice(0, REMOVED_TEXT_MAX_CHARS), reason });
    return true;
  }

  private flush(): void {
    // Two line breaks in a row (<br><br>) end a paragraph.
    for (const piece of this.buffer.join('').split(/\n[^\S\n]*\n/)) {
      const text = piece.replace(/\s+/g, ' ').trim();
      if (text) {
        this.paragraphs.push(text);
        this.proseChars += text.length;
      }
    }
    this.buffer = [];
  }
}

/** Captions removed from the content outweigh the prose kept, over PHOTO_POST_MIN_CAPTIONS photos or more. */
function isPhotoPost(paragraphs: readonly string[], removed: readonly RemovedBlock[]): boolean {
  const captions = removed.filter((block) => block.reason === 'photo caption or credit');
  if (captions.length < PHOTO_POST_MIN_CAPTIONS) return false;
  const prose = paragraphs.reduce((n, p) => n + p.length, 0);
  return captions.reduce((n, block) => n + block.text.length, 0) > prose * PHOTO_POST_CAPTION_SHARE;
}

/** A short story whose link lists, removed from inside the content, hold more text than it: the links are the post. */
function isLinksPost(paragraphs: readonly string[], removed: readonly RemovedBlock[]): boolean {
  const prose = paragraphs.reduce((n, p) => n + p.length, 0);
  if (prose >= LINKS_POST_MAX_PROSE_CHARS) return false;
  const links = removed.filter((block) => block.reason === 'link list').reduce((n, block) => n + block.text.length, 0);
  return links > Math.max(prose, LINKS_POST_MIN_CHARS);
}

function linkListReason(el: Element): RemovalReason | null {
  const s = el.stats;
  if (s.text === 0 || el.tag === 'body' || el.tag === 'article' || el.tag === 'main') return null;
  const d = s.links / s.text;
  // A paragraph of prose whose names are links is still prose; only an all-link line is chrome.
  // An item of a list that is not itself a link list is a point of the story ("Your <a>email list</a> will grow").
  const proseItem =
    el.tag === 'li' && el.parent !== null && (el.parent.stats.links <= el.parent.stats.text * MAX_LINK_DENSITY || isProseList(el.parent));
  // A paragraph that is one link and no sentence is a headline pointing elsewhere ("'DANCING WITH THE STARS' CARRIE ANN ...");
  // an address written out is a source the story cites, as it was before.
  // A heading linked to its own anchor ("Setting up¶", a contents back-link) is a section's title, not a pointer elsewhere.
  if (HEADING_TAGS.has(el.tag) && !findFirst(el, (a) => (a.tag === 'a' && !(a.attrs['href'] ?? '#').startsWith('#') ? a : null)))
    return null;
  if (PROSE_TAGS.has(el.tag) || proseItem)
    return d > PROSE_MAX_LINK_DENSITY && (s.text < SHORT_BLOCK_CHARS || (!TABLE_PARTS.has(el.tag) && isHeadlineLink(textOf(el))))
      ? 'link list'
      : null;
  // A container whose own prose outweighs a short story is not a link list: its list of links goes, its story stays.
  if ((el.tag === 'div' || el.tag === 'section') && s.text - s.links >= LINK_LIST_MAX_PROSE_CHARS && hasBlockChild(el)) return null;
  // A list whose points say something beyond their links ("gero <a>removed the attribute</a> from dialogs ...") is the story's.
  if ((el.tag === 'ul' || el.tag === 'ol') && isProseList(el)) return null;
  if (d > MAX_LINK_DENSITY && (s.text < 1000 || el.tag === 'ul' || el.tag === 'ol' || el.tag === 'div' || el.tag === 'section'))
    return 'link list';
  return null;
}

/**
 * Most of a list's points carry words of their own beside their links: at least PROSE_ITEM_MIN_CHARS
 * outside links and no more than half link. A list of headlines, each with its date or author, has not.
 */
function isProseList(list: Element): boolean {
  // Asked once per point of a list: the answer is kept on the list.
  if (list.stats.proseList !== null) return list.stats.proseList;
  let items = 0;
  let prose = 0;
  for (const item of list.children) {
    if (typeof item === 'string' || item.tag !== 'li') continue;
    items++;
    const s = item.stats;
    if (s.text - s.links >= PROSE_ITEM_MIN_CHARS && s.links <= s.text * MAX_LINK_DENSITY) prose++;
  }
  return (list.stats.proseList = items > 0 && prose >= items * PROSE_LIST_SHARE);
}

/** The outermost elements named as comment threads ("comments", "disqus", "kommentare"), in page order, that hold no part of the story. */
function commentAreas(root: Element, parts: readonly Element[]): Element[] {
  const areas: Element[] = [];
  const holdsStory = (el: Element) => parts.some((part) => isInside(part, el));
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (typeof child === 'string' || hardJunkReason(child, true)) continue;
      const h = hintOf(child);
      if (BLOCK_TAGS.has(child.tag) && h.negative && reasonFromHint(hint(child)) === 'comment widget' && !holdsStory(child))
        areas.push(child);
      else walk(child);
    }
  };
  walk(root);
  return areas;
}

function isInside(el: Element, ancestor: Element): boolean {
  for (let node: Element | null = el; node; node = node.parent) if (node === ancestor) return true;
  return false;
}

/** The text of an all-link paragraph reads as a headline: no sentence end, and not an address. */
function isHeadlineLink(text: string): boolean {
  return !SENTENCE_END.test(text) && !/^(https?:\/\/|www\.)/i.test(text);
}

/** A div with only inline content is a paragraph written without <p>. */
function hasBlockChild(el: Element): boolean {
  return el.children.some((child) => typeof child !== 'string' && BLOCK_TAGS.has(child.tag));
}

function baseScore(el: Element): number {
  switch (el.tag) {
    case 'article':
      return 10;
    case 'main':
    case 'div':
    case 'section':
      return 5;
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3;
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3;
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5;
    default:
      return 0;
  }
}

/**
 * Adds a text's characters, with runs of whitespace counted as one as the text will be written,
 * and its commas (Latin, CJK, Arabic) to `tally`: one pass does both. Chinese and Japanese
 * characters weigh CJK_CHAR_WEIGHT, so a short CJK paragraph scores like the English it would
 * translate to and is not lost under MIN_BLOCK_CHARS.
 */
function countText(text: string, tally: Tally): void {
  let n = 0;
  let commas = 0;
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const isSpace = c === 32 || c === 10 || c === 9 || c === 13 || c === 160;
    if (isSpace) {
      if (!space) n++;
      space = true;
    } else {
      n += c >= 0x3040 && isCjk(c) ? CJK_CHAR_WEIGHT : 1;
      space = false;
      if (c === 44 || c === 0xff0c || c === 0x3001 || c === 0x060c) commas++;
    }
  }
  tally.chars += n;
  tally.commas += commas;
}
