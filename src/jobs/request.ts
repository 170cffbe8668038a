// What an ingest job carries out: the request a person made (URLs, a feed, pasted text, uploaded
// files). Its pasted text and files are kept in the store (Store.saveJobFile) and the rest as JSON
// text in the job's row until a runner (maybe in another process or on another machine) takes
// it; then it becomes the inputs `runAnalysis` reads: URLs as given, and the text and files
// written to a per-job temporary folder, so the pipeline sees them exactly as it sees files
// named on the command line.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Store } from '../store/types.js';

/** A pasted title shown in a job's inputs is cut to this many characters; the job keeps it whole. */
const LABEL_TITLE_CHARS = 60;

/** What a person asks for, as the library takes it (the API streams its files to the store instead). */
export interface IngestRequest {
  readonly urls: readonly string[];
  readonly feed: string | null;
  readonly text: string | null;
  readonly title: string | null;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

/** A file of a job, kept in the store by number until the job ends. */
export interface StoredFile {
  readonly name: string;
  readonly index: number;
  readonly size: number;
}

/** A file that a job queued by an earlier version carries in its row. */
interface InlineFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A request as its job keeps it: the pasted text (its title first) and the files are in the store. */
export interface QueuedRequest {
  readonly urls: readonly string[];
  readonly feed: string | null;
  readonly title: string | null;
  readonly text: StoredFile | InlineFile | null;
  readonly files: readonly (StoredFile | InlineFile)[];
}

/** The name the pasted text's file goes by. */
export const PASTED_TEXT = 'pasted-text.txt';

/** What a job hands to the pipeline, and how to show each input to a person. */
export interface PreparedInputs {
  readonly inputs: readonly string[];
  /** Input as the pipeline sees it -> what the user gave ("pasted text", "report.html"). */
  readonly labels: ReadonlyMap<string, string>;
  /** Removed when the job ends. */
  readonly tempDir: string | null;
}

/** How each input of a request is shown to a person, in the order the job reads them. */
export function inputLabels(request: QueuedRequest): string[] {
  const labels: string[] = [];
  if (request.text !== null) {
    const title = request.title?.trim() ?? '';
    const shown = title.length > LABEL_TITLE_CHARS ? `${title.slice(0, LABEL_TITLE_CHARS - 1)}…` : title;
    labels.push(shown ? `pasted text "${shown}"` : 'pasted text');
  }
  for (const file of request.files) labels.push(file.name);
  labels.push(...request.urls);
  if (request.feed) labels.push(request.feed);
  return labels;
}

/** A queued request as the JSON text of its job's row: small, whatever was uploaded. */
export function encodeQueuedRequest(request: QueuedRequest): string {
  const reference = (file: StoredFile | InlineFile) =>
    'index' in file
      ? { name: file.name, index: file.index, size: file.size }
      : { name: file.name, base64: Buffer.from(file.bytes).toString('base64') };
  return JSON.stringify({
    urls: request.urls,
    feed: request.feed,
    title: request.title,
    text: request.text === null ? null : reference(request.text),
    files: request.files.map(reference),
  });
}

/** Reads a job's request, also as earlier versions wrote it (text inline, files as base64). */
export function decodeQueuedRequest(json: string): QueuedRequest {
  type Reference = { name: string; index?: number; size?: number; base64?: string };
  const raw = JSON.parse(json) as {
    urls?: string[];
    feed?: string | null;
    title?: string | null;
    text?: string | Reference | null;
    files?: Reference[];
  };
  const file = (reference: Reference): StoredFile | InlineFile =>
    reference.base64 === undefined
      ? { name: reference.name, index: Number(reference.index), size: Number(reference.size ?? 0) }
      : { name: reference.name, bytes: new Uint8Array(Buffer.from(reference.base64, 'base64')) };
  const title = raw.title ?? null;
  const text =
    typeof raw.text === 'string'
      ? { name: PASTED_TEXT, bytes: new TextEncoder().encode(pastedText(raw.text, title)) }
      : raw.text
        ? file(raw.text)
        : null;
  return { urls: raw.urls ?? [], feed: raw.feed ?? null, title, text, files: (raw.files ?? []).map(file) };
}

/** Pasted text as its file holds it: a plain-text page starts with its headline, so a given title goes first. */
export function pastedText(text: string, title: string | null): string {
  return title ? `${title.trim()}\n\n${text}` : text;
}

/** Writes the job's pasted text and files from the store to a fresh temporary folder and lists every input. */
export async function prepareInputs(request: QueuedRequest, jobId: string, store: Store): Promise<PreparedInputs> {
  const inputs: string[] = [];
  const shown = inputLabels(request);
  let tempDir: string | null = null;
  const files = [
    ...(request.text ? [{ file: request.text, as: PASTED_TEXT }] : []),
    ...request.files.map((file, i) => ({ file, as: `${i + 1}-${safeFileName(file.name)}` })),
  ];
  if (files.length > 0) {
    tempDir = await mkdtemp(join(tmpdir(), 'corroborate-ingest-'));
    try {
      for (const { file, as } of files) {
        const path = join(tempDir, as);
        const bytes = 'index' in file ? store.readJobFile(jobId, file.index) : [file.bytes];
        await pipeline(Readable.from(bytes), createWriteStream(path));
        inputs.push(path);
      }
    } catch (error) {
      await rm(tempDir, { recursive: true, force: true });
      throw error;
    }
  }
  for (const url of request.urls) inputs.push(url);
  if (request.feed) inputs.push(request.feed);
  return { inputs, labels: new Map(inputs.map((input, i) => [input, shown[i] ?? input])), tempDir };
}

/** Keeps the extension (ingest reads .html, .gz, .warc by it) and nothing that could leave the folder. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(-100);
  return cleaned || 'upload';
}
