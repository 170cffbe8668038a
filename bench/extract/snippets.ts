// A snippet measure in the hidden judge's style (issue #16: 990 broad pages scored by
// must-contain / must-not-contain snippets, trafilatura's evaluation scheme), built from the golds
// we have: per page, sentences sampled from the gold text must be in the output, and lines sampled
// from the page's visible text outside the gold must not be. Counted over all snippets of a set:
// P = found must-contain / (found must-contain + found must-not-contain), R = found / all must-contain.
//
// The page's visible text is read with htmlparser2 here, not with the extractor's own tree, so the
// measure does not share the extractor's idea of what a block is.
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { sentenceTokens } from './rouge.js';

/** Snippets of each kind per page: the judge's pages carry a handful of each. */
const SNIPPETS_PER_PAGE = 5;
/** A must-contain snippet has at least this many words: shorter ones match by chance. */
const MIN_SNIPPET_WORDS = 5;
/** ... and at most this many: a long sentence is cut to its first words, as the judge's fragments are. */
const MAX_SNIPPET_WORDS = 20;
/** A must-not-contain line has at least this many characters ("Share", "Home" match prose by chance). */
const MIN_LINE_CHARS = 12;
/** ... and at most this many (a whole page in one unbroken block is not a line). */
const MAX_LINE_CHARS = 300;
/** A line holding a gold fragment of this many words is part of the story, not chrome. */
const GOLD_OVERLAP_WORDS = 4;

/** Elements whose text a reader never sees. */
const INVISIBLE = new Set(['head', 'script', 'style', 'noscript', 'template', 'svg', 'iframe', 'select', 'option', 'textarea', 'button']);
/** Elements that end a line of visible text. */
const LINE_BREAKS = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead tr ul center'.split(
    ' ',
  ),
);

export interface Snippets {
  readonly mustContain: readonly string[];
  readonly mustNotContain: readonly string[];
}

export interface SnippetCounts {
  /** Must-contain snippets found, and all of them. */
  found: number;
  mustContain: number;
  /** Must-not-contain snippets found (kept chrome), and all of them. */
  leaked: number;
  mustNotContain: number;
}

/** Whitespace collapsed, one Unicode form: the judge compares text, not markup. */
export function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export interface PageText {
  /** Lines of the page's visible text, in page order. */
  readonly lines: string[];
  /** The page's <title> and <h1> texts: the headline, which extractors print apart from the text. */
  readonly headlines: string[];
}

export function visibleLines(html: string): PageText {
  const lines: string[] = [];
  const headlines: string[] = [];
  let current = '';
  let hidden = 0;
  let headline: string | null = null;
  const end = () => {
    const line = normalize(current);
    if (line) lines.push(line);
    current = '';
  };
  // htmlparser2 closes every tag it opens (void and implied ones too), so a depth count is exact.
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title' || name === 'h1') headline = '';
        if (hidden > 0 || INVISIBLE.has(name) || attrs['hidden'] !== undefined || /display\s*:\s*none/i.test(attrs['style'] ?? ''))
          hidden++;
        else if (LINE_BREAKS.has(name)) end();
      },
      ontext(text) {
        if (headline !== null) headline += text;
        if (hidden === 0) current += text;
      },
      onclosetag(name) {
        if ((name === 'title' || name === 'h1') && headline !== null) {
          headlines.push(normalize(headline));
          headline = null;
        }
        if (hidden > 0) hidden--;
        else if (LINE_BREAKS.has(name)) end();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  end();
  return { lines, headlines };
}

/** The stable order snippets are sampled in: a hash of page and text, so every run draws the same. */
function draw(pageId: string, items: readonly string[]): string[] {
  const keyed = items.map((item) => ({
    item,
    key: createHash('sha1').update(`${pageId}\u0000${item}`).digest().readUInt32BE(0),
  }));
  keyed.sort((a, b) => a.key - b.key);
  return keyed.slice(0, SNIPPETS_PER_PAGE).map((k) => k.item);
}

/**
 * Snippets of one page: `gold` is what must be there; `anyGold` (the gold with the parts that may be
 * there either way, e.g. readers' comments) decides which visible lines are chrome.
 */
export function buildSnippets(pageId: string, html: string, gold: string, anyGold: string = gold): Snippets {
  const page = visibleLines(html);
  // The headline is left out of must-contain: extractors (trafilatura too) print it as the title, apart from the text.
  const isHeadline = (paragraph: string) => page.headlines.some((h) => h.includes(normalize(paragraph)));
  const fragments: string[] = [];
  for (const paragraph of gold.split(/\n+/))
    if (!isHeadline(paragraph))
      for (const sentence of sentenceTokens(paragraph))
        if (sentence.length >= MIN_SNIPPET_WORDS) fragments.push(sentence.slice(0, MAX_SNIPPET_WORDS).join(' '));
  const goldText = normalize(anyGold);
  const goldWords = goldText.split(' ');
  // Gold fragments of GOLD_OVERLAP_WORDS words: a line holding one is (partly) the story.
  const goldGrams = new Set<string>();
  for (let i = 0; i + GOLD_OVERLAP_WORDS <= goldWords.length; i++) goldGrams.add(goldWords.slice(i, i + GOLD_OVERLAP_WORDS).join(' '));
  const chrome = new Set<string>();
  for (const line of page.lines) {
    if (line.length < MIN_LINE_CHARS || line.length > MAX_LINE_CHARS || goldText.includes(line)) continue;
    const words = line.split(' ');
    let overlaps = false;
    for (let i = 0; i + GOLD_OVERLAP_WORDS <= words.length && !overlaps; i++)
      overlaps = goldGrams.has(words.slice(i, i + GOLD_OVERLAP_WORDS).join(' '));
    if (!overlaps) chrome.add(line);
  }
  return { mustContain: draw(pageId, [...new Set(fragments)]), mustNotContain: draw(pageId, [...chrome]) };
}

export function emptyCounts(): SnippetCounts {
  return { found: 0, mustContain: 0, leaked: 0, mustNotContain: 0 };
}

/** Adds one page's output to the counts. */
export function countSnippets(counts: SnippetCounts, snippets: Snippets, output: string): void {
  const text = normalize(output);
  for (const s of snippets.mustContain) {
    counts.mustContain++;
    if (text.includes(s)) counts.found++;
  }
  for (const s of snippets.mustNotContain) {
    counts.mustNotContain++;
    if (text.includes(s)) counts.leaked++;
  }
}

export function snippetScore(counts: SnippetCounts): { precision: number; recall: number; f1: number } {
  const precision = counts.found + counts.leaked === 0 ? 0 : counts.found / (counts.found + counts.leaked);
  const recall = counts.mustContain === 0 ? 0 : counts.found / counts.mustContain;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
