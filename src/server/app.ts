// The HTTP app: the JSON API under /api and the web app's static files, with security headers on
// every response. It knows nothing about sockets (index.ts binds it), so tests can call it directly.
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Store } from '../store/types.js';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import { ApiError, badRequest, errorBody, notFound, tooLarge } from './errors.js';
import { checkId, parseStoryQuery } from './validate.js';
import { JobQueue, startIngestRunner, type IngestRequest, type JobDraft, type JobRunnerOptions } from '../jobs/index.js';
import { DRAIN_LIMIT_FACTOR, discardBody, MAX_INGEST_BYTES, MAX_UPLOADS_AT_ONCE, parseIngestJson, readIngestForm } from './ingest-body.js';
import { openApiDocument } from './openapi.js';
import { matchesEtag, StoryCache } from './story-cache.js';
import { accessControl, addLoginRoutes } from './access.js';
import { loadWebAssets, type WebAssets } from './assets.js';

export interface AppOptions {
  readonly store: Store;
  /** Options for the pipeline run by ingest jobs (ingest.allowPrivateNetwork and the rest). */
  readonly analyze: AnalyzeOptions;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** Host names (no port, lower case) the Host header may carry (defeats DNS rebinding); null accepts any. */
  readonly allowedHosts: readonly string[] | null;
  /** The access token every request must carry (src/server/access.ts); null asks for none. */
  readonly token: string | null;
  /**
   * Where the store lives (SQLite path or postgres:// URL). Given, ingest jobs run in the analysis
   * thread with their own connection, so analysis never stalls the API; null runs them on the
   * main thread over `store`. `analyze` must then be plain data (it is sent to the thread).
   */
  readonly storeLocation: string | null;
  /**
   * Run queued ingest jobs in this server. Off, the server only queues them and
   * `corroborate worker` processes on the same database carry them out.
   */
  readonly runJobs: boolean;
  /** How this server's own job runner polls and holds jobs (tests shorten the poll). */
  readonly jobRunner: Partial<JobRunnerOptions>;
  /** Where server-side failures are reported. */
  readonly log: (message: string) => void;
}

export const APP_DEFAULTS = {
  analyze: {},
  maxBodyBytes: MAX_INGEST_BYTES,
  allowedHosts: null,
  token: null,
  storeLocation: null,
  runJobs: true,
  jobRunner: {},
  log: (message: string) => process.stderr.write(`${message}\n`),
} satisfies Omit<AppOptions, 'store'>;

/**
 * Strict by default: scripts, styles and data only from this origin; no inline script, no eval,
 * no plugins, no framing, no form posts elsewhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** When a client told to wait (503) for a slot to upload should try again. */
const UPLOAD_RETRY_SECONDS = 5;

export interface App {
  readonly hono: Hono;
  readonly jobs: JobQueue;
  /** Stops taking jobs and waits for the running one; queued jobs stay queued in the store. */
  close(): Promise<void>;
}

/**
 * The app, step by step: security headers and access control on every request, errors as JSON,
 * the API's routes (reading, ingest, jobs), its refusals (other methods, unknown paths), then the
 * web app's files. The order is the order Hono tries them in.
 */
export function createApp(options: Partial<AppOptions> & Pick<AppOptions, 'store'>): App {
  const settings: AppOptions = { ...APP_DEFAULTS, ...options };
  const jobs = new JobQueue(settings.store);
  const assets = loadWebAssets();
  const runner = startJobRunner(settings, jobs);
  const app = new Hono();
  addSecurityHeaders(app);
  app.use('*', accessControl(settings));
  if (settings.token !== null) addLoginRoutes(app, settings.token);
  addErrorAnswers(app, settings.log);
  addReadRoutes(app, settings.store, jobs, assets);
  addIngestRoute(app, settings, jobs);
  addJobRoutes(app, jobs);
  refuseOtherApiRequests(app);
  addWebApp(app, assets);
  return {
    hono: app,
    jobs,
    async close() {
      runner.stopWaking();
      await runner.ingest?.close();
    },
  };
}

/** This server's own ingest runner, woken by each new job; none when jobs are left to `corroborate worker`. */
function startJobRunner(settings: AppOptions, jobs: JobQueue) {
  if (!settings.runJobs) return { ingest: null, stopWaking: () => true };
  const ingest = startIngestRunner(
    settings.store,
    settings.storeLocation,
    { analyze: settings.analyze },
    { log: settings.log, ...settings.jobRunner },
  );
  return { ingest, stopWaking: jobs.onEnqueue(() => ingest.runner.wake()) };
}

function addSecurityHeaders(app: Hono): void {
  app.use('*', async (c, next) => {
    // Set before the handler runs so error responses carry them too.
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    c.header('Cross-Origin-Resource-Policy', 'same-origin');
    c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
    await next();
  });
}

/** Refusals answer with their message; anything else is logged and answered as a plain 500. */
function addErrorAnswers(app: Hono, log: AppOptions['log']): void {
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json(errorBody(error.message || 'Request refused.'), error.status);
    }
    log(`corroborate serve: ${c.req.method} ${c.req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
    return c.json(errorBody('Internal error: the server could not answer this request. The server log says why.'), 500);
  });
  app.notFound((c) => c.json(errorBody(`Nothing at ${c.req.method} ${c.req.path}.`), 404));
}

/** Health, the API's own documents, and the stored stories, outlets and articles. */
function addReadRoutes(app: Hono, store: Store, jobs: JobQueue, assets: WebAssets): void {
  const stories = new StoryCache(store);
  app.get('/api/health', async (c) => {
    const [articles, stories] = await Promise.all([store.countArticles(), store.listStories({ limit: 1, offset: 0 })]);
    const counts = await jobs.counts();
    return c.json({ status: 'ok', store: store.backend, articles, stories: stories.total, jobs: counts });
  });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument));

  // A readable reference next to the JSON document: Swagger UI, served from this server, runs
  // under the same strict policy as the app.
  app.get('/api/reference', (c) => {
    const page = assets.get('/api-reference.html')!;
    c.header('Content-Type', page.type);
    c.header('Cache-Control', 'no-cache');
    return c.body(page.body);
  });

  app.get('/api/stories', async (c) => {
    const query = parseStoryQuery(c.req.query());
    const page = await store.listStories(query);
    return c.json({ total: page.total, limit: query.limit, offset: query.offset, stories: page.stories });
  });

  // The outlets of the stored stories, most stories first: the search form's suggestions.
  app.get('/api/outlets', async (c) => c.json({ outlets: await store.listOutlets() }));

  app.get('/api/stories/:id', async (c) => {
    const id = checkId(c.req.param('id'), 'story');
    const answer = await stories.get(id);
    if (!answer) throw notFound(`No story with id '${id}'.`);
    c.header('ETag', answer.etag);
    // Stored by the browser, but asked about again each time (If-None-Match): a story changes.
    c.header('Cache-Control', 'private, no-cache');
    if (matchesEtag(c.req.header('if-none-match'), answer.etag)) return c.body(null, 304);
    c.header('Content-Type', 'application/json; charset=UTF-8');
    return c.body(answer.body);
  });

  app.get('/api/articles/:id', async (c) => {
    const id = checkId(c.req.param('id'), 'article');
    const article = await store.getArticle(id);
    if (!article) throw notFound(`No article with id '${id}'.`);
    const sentences = await store.getSentences(id);
    return c.json({ article, sentences });
  });
}

/** POST /api/ingest: the body becomes a queued job, or is refused before it is read when it cannot be taken. */
function addIngestRoute(app: Hono, settings: AppOptions, jobs: JobQueue): void {
  /** Ingest bodies being read now (MAX_UPLOADS_AT_ONCE). */
  let receiving = 0;
  app.post('/api/ingest', async (c) => {
    // A body announced as too large is refused before it is stored; one that grows too large, when it does.
    if (Number(c.req.header('content-length') ?? 0) > settings.maxBodyBytes) {
      await refuseUnread(c, settings.maxBodyBytes);
      throw tooLarge(settings.maxBodyBytes);
    }
    if (receiving >= MAX_UPLOADS_AT_ONCE) {
      c.header('Retry-After', String(UPLOAD_RETRY_SECONDS));
      await refuseUnread(c, settings.maxBodyBytes);
      throw new ApiError(503, `${MAX_UPLOADS_AT_ONCE} uploads are being received already; try again in a few seconds.`);
    }
    receiving++;
    try {
      // Refused before the body is read: an upload the queue cannot take is not received.
      if (!(await jobs.hasRoom())) {
        await refuseUnread(c, settings.maxBodyBytes);
        throw queueFull();
      }
      const draft = jobs.draft();
      try {
        const job = await jobs.enqueue(await readIngestRequest(c, draft, settings.maxBodyBytes), draft);
        if (!job) throw queueFull();
        c.header('Location', `/api/jobs/${job.id}`);
        return c.json({ job }, 202);
      } catch (error) {
        await draft.discard();
        throw error;
      }
    } finally {
      receiving--;
    }
  });
}

function addJobRoutes(app: Hono, jobs: JobQueue): void {
  app.get('/api/jobs', async (c) => c.json({ jobs: await jobs.list() }));

  app.get('/api/jobs/:id', async (c) => {
    const id = checkId(c.req.param('id'), 'job');
    const job = await jobs.get(id);
    if (!job) throw notFound(`No job with id '${id}' (only the newest finished jobs are kept).`);
    return c.json({ job });
  });
}

/** The API's paths, for the 405 of a method they do not take. */
const API_PATHS = [
  '/api/health',
  '/api/openapi.json',
  '/api/reference',
  '/api/stories',
  '/api/outlets',
  '/api/stories/:id',
  '/api/articles/:id',
  '/api/ingest',
  '/api/jobs',
  '/api/jobs/:id',
];

/** A method an API path does not take is a 405; a path the API does not have, a 404 that points to the document. */
function refuseOtherApiRequests(app: Hono): void {
  for (const path of API_PATHS) {
    app.all(path, (c) => {
      throw new ApiError(405, `${c.req.method} is not allowed on ${c.req.path}.`);
    });
  }
  app.all('/api/*', (c) => {
    throw notFound(`No API endpoint at ${c.req.path}; see /api/openapi.json.`);
  });
}

/** Everything else is the web app's files. */
function addWebApp(app: Hono, assets: WebAssets): void {
  app.get('*', (c) => {
    const asset = assets.get(c.req.path === '/' ? '/index.html' : c.req.path);
    if (!asset) throw notFound(`No page at ${c.req.path}.`);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'no-cache');
    return c.body(asset.body);
  });
}

async function readIngestRequest(c: Context, draft: JobDraft, maxBytes: number): Promise<IngestRequest> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    const text = await readText(requestBody(c), maxBytes);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    return parseIngestJson(body);
  }
  if (type.startsWith('multipart/form-data')) return readIngestForm(requestBody(c), c.req.header('content-type')!, draft, maxBytes);
  throw new ApiError(415, 'Send application/json ({"urls": [...]} or {"text": "..."}) or multipart/form-data with files.');
}

/**
 * The request body as a stream: under @hono/node-server the request as Node has it, read once
 * and to its end (the web stream made of it reads ahead and holds the body back), else the
 * web request's body (a test calling the app directly).
 */
function requestBody(c: Context): Readable {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof Readable) return incoming;
  const body = c.req.raw.body;
  return body ? Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>) : Readable.from([]);
}

/** A JSON body, refused (413) past `maxBytes` whatever its Content-Length said. */
async function readText(body: Readable, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      body.destroy();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

/**
 * For an answer decided before the body is read: the body is read and dropped first (nothing of
 * it is kept), so the client, still sending, gets the answer and its connection stays usable;
 * answered at once, the server's HTTP layer would cut the connection under a large upload. A
 * body announced as longer than twice the limit is not waited for: the connection closes.
 */
async function refuseUnread(c: Context, maxBytes: number): Promise<void> {
  const announced = Number(c.req.header('content-length') ?? 0);
  if (announced > DRAIN_LIMIT_FACTOR * maxBytes) c.header('Connection', 'close');
  else await discardBody(requestBody(c), DRAIN_LIMIT_FACTOR * maxBytes).catch(() => undefined);
}

function queueFull(): ApiError {
  return new ApiError(503, 'Too many ingest jobs are waiting; try again when the queue has drained.');
}
