// Backend-neutral search: the store keeps a folded copy of the searchable words of each row and
// compares it with LIKE, so SQLite and PostgreSQL find exactly the same rows (neither backend's
// own case folding is trusted: SQLite's lower() knows only ASCII).
import { usageError } from '../errors.js';

/** Page size when the caller gives none: one screen of a story list. */
export const DEFAULT_PAGE_SIZE = 50;
/** Largest page a caller may ask for: keeps one request from reading the whole store. */
export const MAX_PAGE_SIZE = 500;
/** Longest search text accepted: longer is a mistake (pasted article), not a query. */
export const MAX_QUERY_LENGTH = 500;

const DAY_MS = 86_400_000;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** Removes what a text column cannot hold in every backend (NUL, lone surrogates). */
export function storable(text: string): string {
  return text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Lower-case, diacritics removed, width-normalised: "Zürich" and "ZURICH" fold alike. */
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
