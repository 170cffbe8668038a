// What an ingest job carries out: the request a person made (URLs, a feed, pasted text, uploaded
// files), kept as JSON text in the job queue until a runner (maybe in another process or on
// another machine) takes it, then turned into the inputs `runAnalysis` reads: URLs as given, and
// pasted text or uploaded files written to a per-job temporary folder, so the pipeline sees them
// exactly as it sees files named on the command line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A pasted title shown in a job's inputs is cut to this many characters; the job keeps it whole. */
const LABEL_TITLE_CHARS = 60;

export interface IngestRequest {
  readonly urls: readonly string[];
  readonly feed: string | null;
  readonly text: string | null;
  readonly title: string | null;
  readonly files: readonly { readonly name: string; readonly bytes: Uint8Array }[];
}

/** What a job hands to the pipeline, and how to show each input to a person. */
export interface PreparedInputs {
  readonly inputs: readonly string[];
  /** Input as the pipeline sees it -> what the user gave ("pasted text", "report.html"). */
  readonly labels: ReadonlyMap<string, string>;
  /** Removed when the job ends. */
  readonly tempDir: string | null;
}

/** How each input of a request is shown to a person, in the order the job reads them. */
export function inputLabels(request: IngestRequest): string[] {
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

/**
 * A request as JSON text, to be kept in the job queue until a runner (maybe another process or
 * machine) carries it out; files travel as base64.
 */
export function encodeIngestRequest(request: IngestRequest): string {
  return JSON.stringify({
    urls: request.urls,
    feed: request.feed,
    text: request.text,
    title: request.title,
    files: request.files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') })),
  });
}

export function decodeIngestRequest(json: string): IngestRequest {
  const raw = JSON.parse(json) as {
    urls?: string[];
    feed?: string | null;
    text?: string | null;
    title?: string | null;
    files?: { name: string; base64: string }[];
  };
  return {
    urls: raw.urls ?? [],
    feed: raw.feed ?? null,
    text: raw.text ?? null,
    title: raw.title ?? null,
    files: (raw.files ?? []).map((file) => ({ name: file.name, bytes: new Uint8Array(Buffer.from(file.base64, 'base64')) })),
  };
}

/** Writes pasted text and uploads to a fresh temporary folder and lists every input. */
export async function prepareInputs(request: IngestRequest): Promise<PreparedInputs> {
  const inputs: string[] = [];
  const shown = inputLabels(request);
  let tempDir: string | null = null;
  if (request.text !== null || request.files.length > 0) {
    tempDir = await mkdtemp(join(tmpdir(), 'corroborate-ingest-'));
    try {
      if (request.text !== null) {
        const path = join(tempDir, 'pasted-text.txt');
        // A plain-text page starts with its headline, so a given title goes first.
        const body = request.title ? `${request.title.trim()}\n\n${request.text}` : request.text;
        await writeFile(path, body, 'utf8');
        inputs.push(path);
      }
      for (const [index, file] of request.files.entries()) {
        const path = join(tempDir, `${index + 1}-${safeFileName(file.name)}`);
        await writeFile(path, file.bytes);
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
