// Search. Listing filters are backend-neutral: the store keeps a folded copy of the searchable
// words of each row and compares it with LIKE, so SQLite and PostgreSQL find exactly the same rows
// (neither backend's own case folding is trusted: SQLite's lower() knows only ASCII). Article text
// is searched with each database's own full-text engine (SQLite FTS5, PostgreSQL tsvector + GIN),
// fed the same folded words; only the SQL that differs lives in each backend's search.ts. Snippets
// are cut here, from the article's own text, so both backends show the same ones.
import { usageError } from '../errors.js';

// The one definition of paging and query limits: the HTTP API (server/validate.ts) and the
// OpenAPI document take these, so a caller meets the same limits through the library and the API.
/** Page size when the caller gives none: one screen of a story list. */
export const DEFAULT_PAGE_SIZE = 20;
/** Largest page a caller may ask for: keeps one request from reading the whole store. */
export const MAX_PAGE_SIZE = 500;
/** Longest search text accepted: long enough for any real search; longer is a pasted article, not a query. */
export const MAX_QUERY_LENGTH = 200;

const DAY_MS = 86_400_000;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Removes what a text column cannot hold in every backend (NUL, lone surrogates). */
export function storable(text: string): string {
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lower-case, diacritics removed, width-normalized: "Zürich" and "ZURICH" fold alike. */
export function fold(text: string): string {
  return storable(text)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The words of a search, each as a LIKE pattern (every word must occur). */
export function likePatterns(text: string | undefined): string[] {
  if (text === undefined) return [];
  if (text.length > MAX_QUERY_LENGTH)
    throw usageError(`Search text is ${text.length} characters long.`, `Search with at most ${MAX_QUERY_LENGTH} characters.`);
  return fold(text)
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
}

/**
 * Milliseconds since the epoch for an ISO date or date-time, or null when absent or unparseable.
 * A bare date means the whole day: its start for a lower bound, its last millisecond for an upper.
 */
export function timeMs(iso: string | null | undefined, bound: 'start' | 'end'): number | null {
  if (!iso) return null;
  const text = iso.trim().replace(/^(\d{4}-\d{2}-\d{2}) (?=\d{2}:)/, '$1T');
  // A date-time without a zone is read as UTC, so every machine files it under the same instant.
  const ms = Date.parse(ZONELESS_DATE_TIME.test(text) ? `${text}Z` : text);
  if (Number.isNaN(ms)) return null;
  return bound === 'end' && BARE_DATE.test(text) ? ms + DAY_MS - 1 : ms;
}

/** A date from a query: like timeMs, but a bad date is the caller's mistake. */
export function queryTimeMs(iso: string | undefined, bound: 'start' | 'end', name: string): number | null {
  if (iso === undefined || iso === '') return null;
  const ms = timeMs(iso, bound);
  if (ms === null)
    throw usageError(`"${iso}" is not a date (${name}).`, 'Give an ISO 8601 date such as 2025-05-14 or 2025-05-14T09:30:00Z.');
  return ms;
}

export function paging(limit: number | undefined, offset: number | undefined): { limit: number; offset: number } {
  const l = limit ?? DEFAULT_PAGE_SIZE;
  const o = offset ?? 0;
  if (!Number.isInteger(l) || l < 1 || l > MAX_PAGE_SIZE)
    throw usageError(`limit ${l} is out of range.`, `Give a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  if (!Number.isInteger(o) || o < 0) throw usageError(`offset ${o} is out of range.`, 'Give a whole number of 0 or more.');
  return { limit: l, offset: o };
}

/** The SQL of full-text search that differs between backends (each backend folder's search.ts). */
export interface FullTextDialect {
  /** Indexes one article; parameters: article id, heading (title, outlet, publisher), body (text), both folded. */
  readonly insertSql: string;
  /**
   * A SELECT of `article_id` and `rank` (higher is better) of the articles matching the query
   * `query()` made, its one parameter.
   */
  readonly matchSql: string;
  /** The backend's query for words that must all occur, each as a whole word or a word's start. */
  query(words: readonly string[]): string;
}

/** Most words of a search given to the full-text engine: more narrows nothing a reader meant. */
export const MAX_SEARCH_WORDS = 16;

/** The folded words of a search as the full-text engines see words: runs of letters and digits. */
export function searchWords(text: string | undefined): string[] {
  if (text === undefined) return [];
  const words = fold(text).match(WORD) ?? [];
  return [...new Set(words)].slice(0, MAX_SEARCH_WORDS);
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Outlet filter patterns: the words given must start a word of the outlet's name, so "epoch"
 * finds "The Epoch Times" and "wire" finds "Wire", but "ample" does not find "Daily Example".
 */
export function outletPatterns(outlet: string): [string, string] {
  const key = fold(outlet)
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/[\\%_]/g, (c) => `\\${c}`);
  return [`${key}%`, `% ${key}%`];
}

/** A passage of an article around the words a search found, with where they are in it. */
export interface Snippet {
  readonly text: string;
  /** [start, end) of each found word, in `text`. */
  readonly marks: readonly (readonly [number, number])[];
}

/** Words shown around the found ones: about two lines of a results page. */
export const SNIPPET_WORDS = 32;

/**
 * The passage of `text` of about SNIPPET_WORDS words that holds the most of the search's words
 * (each counted once), cut at word boundaries; null when none occurs. A word is found where a word
 * of the text starts with it, as the full-text engines match.
 */
export function snippet(text: string, words: readonly string[]): Snippet | null {
  if (words.length === 0) return null;
  const tokens: { start: number; end: number; hit: number }[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = fold(match[0]);
    tokens.push({ start: match.index, end: match.index + match[0].length, hit: words.findIndex((w) => folded.startsWith(w)) });
  }
  let best = { from: -1, score: 0 };
  for (let from = 0; from < tokens.length; from++) {
    if (tokens[from]!.hit < 0) continue;
    const seen = new Set<number>();
    for (let i = from; i < Math.min(tokens.length, from + SNIPPET_WORDS); i++) if (tokens[i]!.hit >= 0) seen.add(tokens[i]!.hit);
    if (seen.size > best.score) best = { from, score: seen.size };
    if (best.score === words.length) break;
  }
  if (best.from < 0) return null;
  // A little before the first found word, so it is read in its sentence.
  const first = Math.max(0, best.from - Math.floor(SNIPPET_WORDS / 4));
  const last = Math.min(tokens.length, first + SNIPPET_WORDS) - 1;
  // The passage as written, but with its line breaks and runs of spaces made one space.
  let out = first > 0 ? '… ' : '';
  const marks: [number, number][] = [];
  for (let i = first; i <= last; i++) {
    const token = tokens[i]!;
    if (i > first) out += text.slice(tokens[i - 1]!.end, token.start).replace(/\s+/g, ' ');
    if (token.hit >= 0) marks.push([out.length, out.length + token.end - token.start]);
    out += text.slice(token.start, token.end);
  }
  // Punctuation that closes the last word (a full stop, a closing quote) belongs to it.
  const after = /^[^\s\p{L}\p{N}]+/u.exec(text.slice(tokens[last]!.end))?.[0] ?? '';
  out += after;
  if (last < tokens.length - 1) out += ' …';
  return { text: out, marks };
}
