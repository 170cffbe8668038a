// Input validation for the API: every query parameter and body field is checked here and a bad
// one becomes a 400 that names the field and says what it should be.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH } from '../store/search.js';
import type { StoryQuery } from '../store/types.js';
import { badRequest } from './errors.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH };

/** Ids are hex hashes or slugs; anything else cannot name a stored record. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const MAX_OFFSET = 1_000_000;
/** A date, or a date and time, as ISO 8601 writes them. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function checkId(value: string, what: string): string {
  if (!ID_PATTERN.test(value)) throw badRequest(`'${truncate(value)}' is not a valid ${what} id.`);
  return value;
}

/** Reads the /api/stories query string into a StoryQuery, refusing anything malformed. */
export function parseStoryQuery(
  params: Readonly<Record<string, string | undefined>>,
): Required<Pick<StoryQuery, 'limit' | 'offset'>> & StoryQuery {
  const text = optionalText(params.q, 'q');
  const outlet = optionalText(params.outlet, 'outlet');
  const from = optionalDate(params.from, 'from');
  const to = optionalDate(params.to, 'to');
  if (from && to && Date.parse(from) > Date.parse(to)) throw badRequest(`'from' (${from}) is after 'to' (${to}).`);
  const limit = optionalInteger(params.limit, 'limit', 1, MAX_PAGE_SIZE) ?? DEFAULT_PAGE_SIZE;
  const offset = optionalInteger(params.offset, 'offset', 0, MAX_OFFSET) ?? 0;
  return {
    ...(text ? { text } : {}),
    ...(outlet ? { outlet } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit,
    offset,
  };
}

function optionalText(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed.length > MAX_QUERY_LENGTH) throw badRequest(`'${name}' must be at most ${MAX_QUERY_LENGTH} characters.`);
  return trimmed || undefined;
}

function optionalDate(value: string | undefined, name: string): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (!ISO_DATE.test(trimmed) || Number.isNaN(Date.parse(trimmed))) {
    throw badRequest(`'${name}' must be an ISO 8601 date such as 2025-02-24, not '${truncate(trimmed)}'.`);
  }
  return trimmed;
}

function optionalInteger(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw badRequest(`'${name}' must be a whole number from ${min} to ${max}, not '${truncate(value)}'.`);
  const n = Number(value);
  if (n < min || n > max) throw badRequest(`'${name}' must be a whole number from ${min} to ${max}, not ${n}.`);
  return n;
}

export function truncate(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
