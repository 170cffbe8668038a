// Reads a POST /api/ingest body (JSON or multipart) into an ingest request (src/jobs/request.ts),
// refusing with a 4xx that names the field anything the job could not carry out.
import type { IngestRequest } from '../jobs/request.js';
import { ApiError, badRequest, formatBytes } from './errors.js';
import { truncate } from './validate.js';

/** Uploads and pasted text together; large enough for any batch of pages, small enough for memory. */
export const MAX_INGEST_BYTES = 20 * 1024 * 1024;
/** One request names at most this many URLs or files; bigger batches belong to the CLI. */
export const MAX_INGEST_ITEMS = 50;
/** Longer than any headline; a "title" beyond this is text pasted in the wrong box. */
const MAX_TITLE_CHARS = 500;
/** A URL longer than this is not a news page address. */
const MAX_URL_CHARS = 2048;

const JSON_FIELDS = new Set(['urls', 'feed', 'text', 'title']);

/** Validates a parsed JSON body. */
export function parseIngestJson(body: unknown): IngestRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The body must be a JSON object such as {"urls": ["https://..."]} or {"text": "..."}.');
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!JSON_FIELDS.has(key)) throw badRequest(`Unknown field '${truncate(key)}': use urls, feed, text or title.`);
  }
  const urls = record.urls === undefined ? [] : record.urls;
  if (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string')) throw badRequest("'urls' must be an array of strings.");
  return checkRequest({
    urls: urls as string[],
    feed: optionalString(record.feed, 'feed'),
    text: optionalString(record.text, 'text'),
    title: optionalString(record.title, 'title'),
    files: [],
  });
}

/** Validates a parsed multipart form (hono's parseBody with `all: true`). */
export async function parseIngestForm(form: Record<string, string | File | (string | File)[]>): Promise<IngestRequest> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  let urls: string[] = [];
  const fields: Record<string, string | null> = { feed: null, text: null, title: null };
  for (const [key, raw] of Object.entries(form)) {
    const values = Array.isArray(raw) ? raw : [raw];
    if (key === 'file' || key === 'files' || key === 'files[]') {
      for (const value of values) {
        if (typeof value === 'string') throw badRequest(`'${key}' must be a file upload, not a text field.`);
        files.push({ name: value.name || 'upload', bytes: new Uint8Array(await value.arrayBuffer()) });
      }
    } else if (key === 'urls' || key === 'feed' || key === 'text' || key === 'title') {
      if (values.some((v) => typeof v !== 'string')) throw badRequest(`'${key}' must be a text field, not a file.`);
      const joined = (values as string[]).join('\n');
      if (key === 'urls') urls = joined.split(/\s+/).filter(Boolean);
      else fields[key] = joined.trim() === '' ? null : joined;
    } else {
      throw badRequest(`Unknown form field '${truncate(key)}': use file, urls, feed, text or title.`);
    }
  }
  return checkRequest({ urls, feed: fields.feed ?? null, text: fields.text ?? null, title: fields.title ?? null, files });
}

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`'${name}' must be a string.`);
  return value.trim() === '' ? null : value;
}

function checkRequest(request: IngestRequest): IngestRequest {
  const { urls, feed, text, title, files } = request;
  if (urls.length === 0 && !feed && !text && files.length === 0) {
    throw badRequest('Nothing to ingest: give urls, a feed, text or a file.');
  }
  if (urls.length + files.length > MAX_INGEST_ITEMS) {
    throw badRequest(`At most ${MAX_INGEST_ITEMS} URLs and files per request; use 'corroborate analyze' for larger batches.`);
  }
  for (const url of urls) checkUrl(url, 'urls');
  if (feed) checkUrl(feed, 'feed');
  if (title !== null && title.length > MAX_TITLE_CHARS) throw badRequest(`'title' must be at most ${MAX_TITLE_CHARS} characters.`);
  if (title !== null && text === null) throw badRequest("'title' goes with 'text': give the article text too.");
  const bytes = files.reduce((sum, f) => sum + f.bytes.byteLength, 0) + (text?.length ?? 0);
  if (bytes > MAX_INGEST_BYTES) throw new ApiError(413, `The upload is larger than the ${formatBytes(MAX_INGEST_BYTES)} limit.`);
  return request;
}

function checkUrl(value: string, field: string): void {
  let url: URL;
  try {
    if (value.length > MAX_URL_CHARS) throw new Error('too long');
    url = new URL(value);
  } catch {
    throw badRequest(`'${field}' holds '${truncate(value)}', which is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw badRequest(`'${field}' holds '${truncate(value)}': only http and https URLs can be fetched.`);
  }
}
