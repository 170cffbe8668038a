// Reads a POST /api/ingest body (JSON, or a multipart form whose files are streamed to the store)
// into an ingest request (src/jobs/request.ts), refusing with a 4xx that names the field anything
// the job could not carry out.
import type { Readable } from 'node:stream';
import busboy, { type Busboy } from 'busboy';
import type { IngestRequest, JobDraft } from '../jobs/index.js';
import { ApiError, badRequest, formatBytes, tooLarge } from './errors.js';
import { truncate } from './validate.js';

/** Uploads and pasted text together; large enough for any batch of pages, small enough for memory. */
export const MAX_INGEST_BYTES = 20 * 1024 * 1024;
/** One request names at most this many URLs or files; bigger batches belong to the CLI. */
export const MAX_INGEST_ITEMS = 50;
/** Ingest bodies read at once; more wait outside (503): uploads use the disk and database, not memory, but both have limits. */
export const MAX_UPLOADS_AT_ONCE = 4;
/** A refused body is read to its end (so the client gets the answer) up to this many times the limit. */
export const DRAIN_LIMIT_FACTOR = 2;
/** The form's text fields (urls, feed, text, title), a few times over; beyond that it is not our form. */
const MAX_FORM_FIELDS = 20;
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

const FILE_FIELDS = new Set(['file', 'files', 'files[]']);
const TEXT_FIELDS = new Set(['urls', 'feed', 'text', 'title']);

/**
 * Reads a multipart form as it arrives: each file goes to the store through `draft` (a bounded
 * amount in memory, whatever its size), the text fields are kept. Refuses a body past
 * `maxBytes` (413) as soon as it gets there. On a refusal, the draft's files are the caller's to
 * discard, once every write under way has ended (this waits for them).
 */
export async function readIngestForm(input: Readable, contentType: string, draft: JobDraft, maxBytes: number): Promise<IngestRequest> {
  let parser: Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: { fieldSize: maxBytes, fields: MAX_FORM_FIELDS, files: MAX_INGEST_ITEMS, parts: MAX_INGEST_ITEMS + MAX_FORM_FIELDS },
    });
  } catch {
    throw badRequest('The multipart body has no boundary: send it as a browser form does (multipart/form-data; boundary=...).');
  }
  const fields = new Map<string, string[]>();
  const storing: Promise<unknown>[] = [];
  let received = 0;
  let failure: unknown = null;
  const parsed = new Promise<void>((resolve, reject) => {
    // The refusal is answered once the rest of the body is read and dropped: the client, still
    // sending, then gets the answer and its connection stays usable. Past twice the limit the
    // body is cut off instead.
    const refuse = () => reject(failure);
    const fail = (error: unknown) => {
      if (failure !== null) return;
      failure = error;
      // The file being stored fails with it (its stream errors, which its reader sees), so
      // nothing waits on a part that will not come.
      input.unpipe(parser);
      parser.destroy();
      if (input.readableEnded || input.destroyed) refuse();
      else input.resume();
    };
    input.on('data', (chunk: Buffer) => {
      received += chunk.byteLength;
      if (received > maxBytes) fail(tooLarge(maxBytes));
      if (received > DRAIN_LIMIT_FACTOR * maxBytes) input.destroy();
    });
    input.on('end', () => failure !== null && refuse());
    input.on('close', () => failure !== null && refuse());
    input.on('error', () => fail(badRequest('The upload was cut off before its end.')));
    parser.on('file', (name, stream, info) => {
      // Its failures reach whoever reads it; an unread one must not take the process down.
      stream.on('error', () => undefined);
      if (!FILE_FIELDS.has(name)) {
        stream.resume();
        fail(badRequest(TEXT_FIELDS.has(name) ? `'${name}' must be a text field, not a file.` : unknownField(name)));
        return;
      }
      storing.push(draft.addFile(info.filename || 'upload', stream).catch(fail));
    });
    parser.on('field', (name, value) => {
      if (FILE_FIELDS.has(name)) fail(badRequest(`'${name}' must be a file upload, not a text field.`));
      else if (!TEXT_FIELDS.has(name)) fail(badRequest(unknownField(name)));
      else fields.set(name, [...(fields.get(name) ?? []), value]);
    });
    for (const limit of ['filesLimit', 'partsLimit'] as const) parser.on(limit, () => fail(tooMany()));
    parser.on('fieldsLimit', () => fail(badRequest(`At most ${MAX_FORM_FIELDS} text fields per form.`)));
    parser.on('error', () => fail(badRequest('The multipart body could not be read.')));
    parser.on('close', () => failure === null && resolve());
    input.pipe(parser);
  });
  try {
    await parsed;
  } finally {
    await Promise.allSettled(storing);
  }
  // A file whose storing failed after the form's end.
  if (failure !== null) throw failure;
  const field = (name: string) => {
    const joined = fields.get(name)?.join('\n') ?? null;
    return joined === null || joined.trim() === '' ? null : joined;
  };
  const request = {
    urls: (field('urls') ?? '').split(/\s+/).filter(Boolean),
    feed: field('feed'),
    text: field('text'),
    title: field('title'),
    files: [],
  };
  return checkRequest(request, draft);
}

/** Reads and drops a body the server refuses, cutting it off past `maxBytes`. */
export async function discardBody(input: Readable, maxBytes: number): Promise<void> {
  let read = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    read += chunk.byteLength;
    if (read > maxBytes) {
      input.destroy();
      return;
    }
  }
}

function unknownField(name: string): string {
  return `Unknown form field '${truncate(name)}': use file, urls, feed, text or title.`;
}

function tooMany(): ApiError {
  return badRequest(`At most ${MAX_INGEST_ITEMS} URLs and files per request; use 'corroborate analyze' for larger batches.`);
}

function optionalString(value: unknown, name: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw badRequest(`'${name}' must be a string.`);
  return value.trim() === '' ? null : value;
}

/** `received` holds the files a form streamed to the store; the request's own `files` are in memory. */
function checkRequest(request: IngestRequest, received?: JobDraft): IngestRequest {
  const { urls, feed, text, title, files } = request;
  const fileCount = files.length + (received?.count ?? 0);
  if (urls.length === 0 && !feed && !text && fileCount === 0) {
    throw badRequest('Nothing to ingest: give urls, a feed, text or a file.');
  }
  if (urls.length + fileCount > MAX_INGEST_ITEMS) throw tooMany();
  for (const url of urls) checkUrl(url, 'urls');
  if (feed) checkUrl(feed, 'feed');
  if (title !== null && title.length > MAX_TITLE_CHARS) throw badRequest(`'title' must be at most ${MAX_TITLE_CHARS} characters.`);
  if (title !== null && text === null) throw badRequest("'title' goes with 'text': give the article text too.");
  const bytes = files.reduce((sum, f) => sum + f.bytes.byteLength, 0) + (received?.bytes ?? 0) + (text?.length ?? 0);
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
