// Stage 1, an edge: turns what the user named (files, directories, '-', URLs) into source
// documents. Containers (gzip, feeds, WARC, JSONL) are opened here; every refusal is a
// `Rejection` value with a reason, and one bad input never stops the batch.
import { createReadStream, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Rejection, RejectionCode, SourceDocument } from '../records.js';
import { gunzipCapped } from './gzip.js';
import { isBlank, isGzip, sniff } from './sniff.js';
import { ByteSource, capped, gunzipped, InputTooLarge } from './stream.js';
import { splitLines } from './lines.js';
import { charsetOf, parseHttpResponse, readWarcRecords, WarcFormatError } from './warc.js';
import { parseFeed } from './feed.js';
import { fetchUrl, type FetchOptions } from './http.js';
// Feeds are decoded here (their items leave as text): the same decoder extraction uses for pages.
import { decodeBytes } from '../extract/decode.js';

export interface IngestOptions {
  /** Largest single document (page, feed item, WARC record, JSON line) we accept, in bytes. */
  readonly maxDocumentBytes: number;
  /** Most bytes read from one input (a file, standard input), counted after decompression; the rest is refused. */
  readonly maxInputBytes: number;
  /** URL fetches give up after this long. */
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Let URL inputs reach loopback and private addresses (tests, intranets). */
  readonly allowPrivateNetwork: boolean;
  readonly userAgent: string;
  /** Fetch the link of a feed item that carries only a summary (network access). */
  readonly fetchFeedLinks: boolean;
  /** Where '-' reads from (process.stdin by default). */
  readonly stdin: AsyncIterable<Uint8Array> | null;
}

export const INGEST_DEFAULTS: IngestOptions = {
  // News pages are rarely over 2 MB; 10 MB leaves room for inline assets without risking memory.
  maxDocumentBytes: 10 * 1024 * 1024,
  // Twice the 1 GB a WARC file should stay under (WARC 1.1, annex C); a compressed bomb stops
  // after about 7 s of decompression instead of filling the disk's worth of memory or time.
  maxInputBytes: 2 * 1024 * 1024 * 1024,
  // Long enough for a slow news site, short enough that a dead host does not stall a batch.
  timeoutMs: 15_000,
  // Browsers allow 20; news pages need 1-3 (http->https, canonical host, consent).
  maxRedirects: 5,
  allowPrivateNetwork: false,
  userAgent: 'corroborate/0.1 (news analysis; +https://github.com/corroborate/corroborate)',
  fetchFeedLinks: false,
  stdin: null,
};

/** A .jsonl file whose first this-many lines all fail to parse is not JSON lines: one rejection, not one per line. */
const JSONL_GIVE_UP_LINES = 5;
/** A feed item whose full content has at least this many characters of text is an article on its own. */
const FULL_CONTENT_MIN_CHARS = 400;
/** Bytes looked at before deciding how to read an input: the gzip header, then what it holds. */
const PEEK_BYTES = 8192;

type Item = SourceDocument | Rejection;

/** Extensions read when walking a directory (files without an extension are read too). */
const ARTICLE_EXTENSIONS = new Set([
  'txt',
  'text',
  'html',
  'htm',
  'xhtml',
  'shtml',
  'php',
  'asp',
  'aspx',
  'xml',
  'rss',
  'atom',
  'warc',
  'arc',
  'jsonl',
  'ndjson',
]);

function reject(input: string, code: RejectionCode, reason: string): Rejection {
  return { input, code, reason };
}

/** Reads every input in order, yielding documents and rejections as they come. */
export async function* readInputs(inputs: readonly string[], options: Partial<IngestOptions> = {}): AsyncGenerator<Item> {
  const settings: IngestOptions = { ...INGEST_DEFAULTS, ...options };
  // Each real file and folder is read once, under the first path that reached it: links to a
  // folder inside itself would otherwise make the walk endless.
  const visited = new Map<string, string>();
  for (const input of inputs) {
    try {
      if (input === '-') yield* readStream('-', settings.stdin ?? (process.stdin as AsyncIterable<Uint8Array>), settings);
      else if (/^https?:\/\//i.test(input)) yield* readUrl(input, settings);
      else yield* readPath(input, settings, visited);
    } catch (error) {
      // A last guard: whatever went wrong with this input, the batch goes on.
      yield reject(input, 'unreadable', `could not be read: ${(error as Error).message}`);
    }
  }
}

async function* readUrl(input: string, settings: IngestOptions): AsyncGenerator<Item> {
  const result = await fetchUrl(input, fetchOptions(settings));
  if (!result.ok) {
    yield reject(input, result.code, result.reason);
    return;
  }
  yield* fromBytes(input, result.bytes, settings, {
    url: result.url,
    declaredCharset: charsetOf(result.contentType),
    fetchedAt: result.fetchedAt,
  });
}

/**
 * A page fetched elsewhere (`corroborate watch` fetches politely, host by host) read as `readInputs`
 * reads a URL: decompressed, sniffed, opened if it is a container; `hints` (a feed item's title,
 * date, author) go on each document.
 */
export async function* readFetched(
  input: string,
  page: { readonly url: string; readonly bytes: Uint8Array; readonly contentType: string; readonly fetchedAt: string },
  options: Partial<IngestOptions> = {},
  hints: SourceDocument['hints'] = {},
): AsyncGenerator<Item> {
  const settings: IngestOptions = { ...INGEST_DEFAULTS, ...options };
  const declaredCharset = charsetOf(page.contentType);
  for await (const item of fromBytes(input, page.bytes, settings, {
    url: page.url,
    fetchedAt: page.fetchedAt,
    ...(declaredCharset ? { declaredCharset } : {}),
  }))
    yield 'code' in item || !hints || Object.keys(hints).length === 0 ? item : { ...item, hints: { ...hints, ...item.hints } };
}

export function fetchOptions(settings: IngestOptions): FetchOptions {
  return {
    timeoutMs: settings.timeoutMs,
    maxBytes: settings.maxDocumentBytes,
    maxRedirects: settings.maxRedirects,
    allowPrivateNetwork: settings.allowPrivateNetwork,
    userAgent: settings.userAgent,
  };
}

async function* readPath(path: string, settings: IngestOptions, visited: Map<string, string>): AsyncGenerator<Item> {
  let info: Stats;
  let real: string;
  try {
    info = await stat(path);
    real = await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') yield reject(path, 'not-found', 'no such file or directory');
    else if (code === 'ELOOP') yield reject(path, 'unreadable', 'a link that leads back to itself');
    else yield reject(path, 'unreadable', `cannot be read (${code ?? (error as Error).message})`);
    return;
  }
  const first = visited.get(real);
  if (first !== undefined) {
    const what = info.isDirectory() ? 'folder' : 'file';
    yield reject(path, 'unsupported', `the same ${what} as ${first}, already read (named twice, or reached again through a link)`);
    return;
  }
  visited.set(real, path);
  if (info.isDirectory()) {
    yield* readDirectory(path, settings, visited);
    return;
  }
  if (!info.isFile()) {
    yield reject(path, 'unsupported', 'not a regular file');
    return;
  }
  if (info.size === 0) {
    yield reject(path, 'empty', 'the file is empty');
    return;
  }
  try {
    yield* readStream(path, createReadStream(path), settings, info.size);
  } catch (error) {
    // Inside a folder, one unreadable file must not end the walk.
    yield reject(path, 'unreadable', `could not be read: ${(error as Error).message}`);
  }
}

async function* readDirectory(dir: string, settings: IngestOptions, visited: Map<string, string>): AsyncGenerator<Item> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield reject(dir, 'unreadable', `the directory cannot be listed (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    return;
  }
  const byName = new Map(entries.filter((e) => !e.name.startsWith('.')).map((e) => [e.name, e]));
  for (const name of [...byName.keys()].sort()) {
    const path = join(dir, name);
    const entry = byName.get(name)!;
    // A directory of pages often carries notes and code beside them (a README, a licence): pass
    // over those without a word, as a reader would; they are not refused pages. Named on their
    // own, they are read.
    const extension = /\.([a-z0-9]+)$/i.exec(name.replace(/\.gz$/i, ''))?.[1]?.toLowerCase();
    if (entry.isFile() && extension && !ARTICLE_EXTENSIONS.has(extension)) continue;
    yield* readPath(path, settings, visited);
  }
}

/**
 * One input as a stream (a file, standard input): decompressed if it is gzip, capped at
 * `maxInputBytes` after decompression, then streamed record by record if it is a container
 * (WARC, JSON lines), or read whole, up to `maxDocumentBytes`, if it is one document.
 * `fileSize` is the size on disk when known, to refuse a large plain file without reading it.
 */
async function* readStream(
  input: string,
  stream: AsyncIterable<Uint8Array>,
  settings: IngestOptions,
  fileSize?: number,
): AsyncGenerator<Item> {
  const outer = new ByteSource(stream);
  let source = outer;
  const compressed = isGzip(await outer.peek(PEEK_BYTES));
  const name = input === '-' ? 'standard input' : 'the file';
  try {
    if (compressed) source = new ByteSource(capped(gunzipped(outer.chunks()), settings.maxInputBytes));
    let head: Buffer;
    try {
      head = await source.peek(PEEK_BYTES);
    } catch (error) {
      return yield reject(input, 'malformed', `the gzip data is corrupt or cut off (${(error as Error).message})`);
    }
    if (head.length === 0) return yield reject(input, 'empty', 'there is no text in it');
    const kind = sniff(head, input.replace(/\.gz$/i, ''));
    const body = compressed ? source.chunks() : capped(source.chunks(), settings.maxInputBytes);
    if (kind === 'warc') return yield* readWarcStream(input, body, settings);
    if (kind === 'jsonl') return yield* readJsonlLines(input, body, settings);
    if (!compressed && fileSize !== undefined && fileSize > settings.maxDocumentBytes) {
      return yield reject(input, 'too-large', `the file is ${fileSize} bytes, over the ${settings.maxDocumentBytes}-byte cap per document`);
    }
    let bytes: Buffer | null;
    try {
      bytes = await source.collect(settings.maxDocumentBytes);
    } catch (error) {
      return yield reject(input, 'malformed', `the gzip data is corrupt or cut off (${(error as Error).message})`);
    }
    if (bytes === null) {
      return yield reject(
        input,
        'too-large',
        compressed
          ? `it decompresses to over the ${settings.maxDocumentBytes}-byte cap per document`
          : `${name} is over the ${settings.maxDocumentBytes}-byte cap per document`,
      );
    }
    yield* fromBytes(input, bytes, settings, {});
  } finally {
    await source.close();
    await outer.close();
  }
}

interface Context {
  readonly url?: string;
  readonly declaredCharset?: string;
  readonly fetchedAt?: string;
}

/** A whole blob in memory: decompress if needed, then refuse, open as a container, or pass on. */
async function* fromBytes(input: string, raw: Uint8Array, settings: IngestOptions, given: Context): AsyncGenerator<Item> {
  let bytes = raw;
  let context = given;
  if (isGzip(bytes)) {
    const result = await gunzipCapped(bytes, settings.maxDocumentBytes);
    if (result.problem === 'too-large')
      return yield reject(input, 'too-large', `it decompresses to over the ${settings.maxDocumentBytes}-byte cap`);
    if (result.problem === 'truncated')
      return yield reject(input, 'malformed', `the gzip data is corrupt or cut off (${result.detail ?? 'unexpected end'})`);
    bytes = result.bytes;
  }
  if (bytes.length === 0 || isBlank(bytes)) return yield reject(input, 'empty', 'there is no text in it');
  let kind = sniff(bytes, context.url ?? input);
  if (kind === 'utf-16le' || kind === 'utf-16be') {
    // UTF-16 text, with or without a byte-order mark, goes on as UTF-8: every later step (feeds,
    // JSON lines, extraction's decoder) reads that. A charset declared for the UTF-16 no longer holds.
    bytes = Buffer.from(new TextDecoder(kind).decode(bytes), 'utf8');
    context = { ...(context.url ? { url: context.url } : {}), ...(context.fetchedAt ? { fetchedAt: context.fetchedAt } : {}) };
    kind = sniff(bytes, context.url ?? input);
    // Still UTF-16-shaped once decoded: NUL characters throughout, not text.
    if (kind === 'utf-16le' || kind === 'utf-16be') kind = 'binary';
  }
  switch (kind) {
    case 'binary':
      return yield reject(input, 'binary', 'it is a binary file, not text or HTML');
    case 'empty':
      return yield reject(input, 'empty', 'there is no text in it');
    case 'warc':
      return yield* readWarcStream(input, Readable.from([bytes]), settings);
    case 'jsonl':
      return yield* readJsonlLines(input, Readable.from([bytes]), settings);
    case 'feed':
      return yield* readFeed(input, bytes, settings, context.declaredCharset);
    case 'xml':
      return yield reject(
        input,
        'unsupported',
        'it is an XML document that is neither an RSS or Atom feed nor a web page (a sitemap is followed with `corroborate watch`)',
      );
    default:
      yield { input, bytes, format: kind === 'html' ? 'html' : kind === 'text' ? 'text' : 'auto', ...context };
  }
}

async function* readFeed(
  input: string,
  bytes: Uint8Array,
  settings: IngestOptions,
  declaredCharset: string | undefined,
): AsyncGenerator<Item> {
  // The XML prolog (or the HTTP header) names the encoding: a windows-1251 feed is not UTF-8.
  const entries = parseFeed(decodeBytes(bytes, declaredCharset).text);
  if (!entries) return yield reject(input, 'malformed', 'it looks like a feed but is neither RSS nor Atom');
  if (entries.length === 0) return yield reject(input, 'empty', 'the feed has no items');
  for (const [index, entry] of entries.entries()) {
    const itemInput = `${input}#${entry.link ?? index + 1}`;
    const hints = {
      ...(entry.title ? { title: entry.title } : {}),
      ...(entry.published ? { published: entry.published } : {}),
      ...(entry.author ? { byline: entry.author } : {}),
    };
    const full = entry.content && plainLength(entry.content) >= FULL_CONTENT_MIN_CHARS ? entry.content : null;
    if (!full && settings.fetchFeedLinks && entry.link && /^https?:/i.test(entry.link)) {
      const result = await fetchUrl(entry.link, fetchOptions(settings));
      if (result.ok) {
        const fetched: Item[] = [];
        for await (const item of fromBytes(itemInput, result.bytes, settings, {
          url: result.url,
          declaredCharset: charsetOf(result.contentType),
          fetchedAt: result.fetchedAt,
        }))
          fetched.push(item);
        for (const item of fetched) yield 'code' in item ? item : { ...item, hints };
        continue;
      }
      yield reject(itemInput, result.code, `the feed item's link could not be fetched: ${result.reason}`);
      continue;
    }
    const content = full ?? entry.content ?? entry.summary;
    if (!content || plainLength(content) === 0) {
      yield reject(itemInput, 'no-article', 'the feed item has no content (allow fetching feed links to read the page)');
      continue;
    }
    yield { input: itemInput, content, format: 'html', ...(entry.link ? { url: entry.link } : {}), hints };
  }
}

function plainLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)/i;

async function* readWarcStream(input: string, stream: AsyncIterable<Uint8Array>, settings: IngestOptions): AsyncGenerator<Item> {
  let count = 0;
  try {
    for await (const record of readWarcRecords(stream, settings.maxDocumentBytes)) {
      count++;
      if ((record.headers.get('warc-type') ?? '') !== 'response') continue;
      const url = record.headers.get('warc-target-uri')?.replace(/^<|>$/g, '');
      const recordInput = `${input}#${url ?? count}`;
      if (!record.block) {
        yield reject(recordInput, 'too-large', `the WARC record is ${record.length} bytes, over the ${settings.maxDocumentBytes}-byte cap`);
        continue;
      }
      const response = parseHttpResponse(record.block);
      if (!response) {
        yield reject(recordInput, 'malformed', 'the WARC response record has no readable HTTP header');
        continue;
      }
      const contentType = response.headers.get('content-type') ?? '';
      // Redirects, errors and non-HTML (images, scripts) are not articles: skip them quietly.
      if (response.status !== 200 || (contentType && !HTML_TYPES.test(contentType))) continue;
      let body = response.body;
      if (/gzip/i.test(response.headers.get('content-encoding') ?? '') && isGzip(body)) {
        const result = await gunzipCapped(body, settings.maxDocumentBytes);
        if (result.problem) {
          yield reject(recordInput, 'malformed', 'the record body is gzip data that could not be decompressed');
          continue;
        }
        body = result.bytes;
      }
      if (body.length === 0 || isBlank(body)) {
        yield reject(recordInput, 'empty', 'the WARC response has an empty body');
        continue;
      }
      const fetchedAt = record.headers.get('warc-date');
      const charset = charsetOf(contentType);
      yield {
        input: recordInput,
        bytes: body,
        format: 'html',
        ...(url ? { url } : {}),
        ...(charset ? { declaredCharset: charset } : {}),
        ...(fetchedAt ? { fetchedAt } : {}),
      };
    }
  } catch (error) {
    if (error instanceof InputTooLarge) return yield tooLargeInput(input, error, `${count} record(s) read before that`);
    const message = error instanceof WarcFormatError ? error.message : `the data is corrupt or cut off (${(error as Error).message})`;
    yield reject(input, 'malformed', `${message}; ${count} record(s) read before that`);
  }
}

function tooLargeInput(input: string, error: InputTooLarge, read: string): Rejection {
  return reject(input, 'too-large', `the rest was not read: it holds over ${error.limit} bytes, the cap per input; ${read}`);
}

async function* readJsonlLines(input: string, stream: AsyncIterable<Uint8Array>, settings: IngestOptions): AsyncGenerator<Item> {
  let n = 0;
  let parsed = 0;
  let failures = 0;
  try {
    for await (const line of splitLines(stream, settings.maxDocumentBytes)) {
      n = line.number;
      const lineInput = `${input}#${n}`;
      if ('tooLong' in line) {
        yield reject(
          lineInput,
          'too-large',
          `the line is ${line.tooLong} bytes, over the ${settings.maxDocumentBytes}-byte cap; skipped to the next line`,
        );
        continue;
      }
      if (!line.text.trim()) continue;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
        parsed++;
      } catch {
        if (parsed === 0 && ++failures >= JSONL_GIVE_UP_LINES) {
          yield reject(input, 'malformed', `the first ${failures} lines are not JSON: not a JSON-lines file`);
          return;
        }
        yield reject(lineInput, 'malformed', `the line is not valid JSON${line.text.includes('\0') ? ' (it holds a NUL byte)' : ''}`);
        continue;
      }
      yield jsonlDocument(lineInput, value);
    }
  } catch (error) {
    if (error instanceof InputTooLarge) return yield tooLargeInput(input, error, `${n} line(s) read before that`);
    yield reject(input, 'malformed', `the file is corrupt or cut off after line ${n} (${(error as Error).message})`);
  }
}

function jsonlDocument(input: string, value: unknown): Item {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return reject(input, 'malformed', 'the line is not a JSON object');
  const record = value as Record<string, unknown>;
  const str = (key: string) => (typeof record[key] === 'string' && (record[key] as string).trim() ? (record[key] as string) : undefined);
  const html = str('html');
  const text = str('text');
  if (!html && !text) return reject(input, 'empty', "the object has neither 'html' nor 'text'");
  const url = str('url');
  const title = str('title');
  const published = str('published');
  const byline = str('byline') ?? str('author');
  const outlet = str('outlet');
  return {
    input,
    content: (html ?? text)!,
    format: html ? 'html' : 'text',
    ...(url ? { url } : {}),
    hints: {
      ...(title ? { title } : {}),
      ...(published ? { published } : {}),
      ...(byline ? { byline } : {}),
      ...(outlet ? { outlet } : {}),
    },
  };
}
