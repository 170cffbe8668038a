// The HTTP app: the JSON API under /api and the web app's static files, with security headers on
// every response. It knows nothing about sockets (index.ts binds it), so tests can call it directly.
import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { bodyLimit } from 'hono/body-limit';
import type { Store } from '../store/types.js';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import { ApiError, badRequest, errorBody, notFound, tooLarge } from './errors.js';
import { checkId, parseStoryQuery } from './validate.js';
import { JobQueue, startIngestRunner, type IngestRequest, type JobRunnerOptions } from '../jobs/index.js';
import { MAX_INGEST_BYTES, parseIngestForm, parseIngestJson } from './ingest-body.js';
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

export interface App {
  readonly hono: Hono;
  readonly jobs: JobQueue;
  /** Stops taking jobs and waits for the running one; queued jobs stay queued in the store. */
  close(): Promise<void>;
}

export function createApp(options: Partial<AppOptions> & Pick<AppOptions, 'store'>): App {
  const settings: AppOptions = { ...APP_DEFAULTS, ...options };
  const { store, log } = settings;
  const jobs = new JobQueue(store);
  const stories = new StoryCache(store);
  const assets: WebAssets = loadWebAssets();
  const ingest = settings.runJobs
    ? startIngestRunner(store, settings.storeLocation, { analyze: settings.analyze }, { log, ...settings.jobRunner })
    : null;
  const stopWaking = ingest ? jobs.onEnqueue(() => ingest.runner.wake()) : () => true;
  const app = new Hono();

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
  app.use('*', accessControl(settings));
  if (settings.token !== null) addLoginRoutes(app, settings.token);

  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      return c.json(errorBody(error.message || 'Request refused.'), error.status);
    }
    log(`corroborate serve: ${c.req.method} ${c.req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
    return c.json(errorBody('Internal error: the server could not answer this request. The server log says why.'), 500);
  });
  app.notFound((c) => c.json(errorBody(`Nothing at ${c.req.method} ${c.req.path}.`), 404));

  // --- API -------------------------------------------------------------------------------------
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

  app.post(
    '/api/ingest',
    bodyLimit({ maxSize: settings.maxBodyBytes, onError: (c) => c.json(errorBody(tooLarge(settings.maxBodyBytes).message), 413) }),
    async (c) => {
      const request = await readIngestRequest(c);
      const job = await jobs.enqueue(request);
      if (!job) throw new ApiError(503, 'Too many ingest jobs are waiting; try again when the queue has drained.');
      c.header('Location', `/api/jobs/${job.id}`);
      return c.json({ job }, 202);
    },
  );

  app.get('/api/jobs', async (c) => c.json({ jobs: await jobs.list() }));

  app.get('/api/jobs/:id', async (c) => {
    const id = checkId(c.req.param('id'), 'job');
    const job = await jobs.get(id);
    if (!job) throw notFound(`No job with id '${id}' (only the newest finished jobs are kept).`);
    return c.json({ job });
  });

  for (const path of [
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
  ]) {
    app.all(path, (c) => {
      throw new ApiError(405, `${c.req.method} is not allowed on ${c.req.path}.`);
    });
  }
  app.all('/api/*', (c) => {
    throw notFound(`No API endpoint at ${c.req.path}; see /api/openapi.json.`);
  });

  // --- Web app ---------------------------------------------------------------------------------
  app.get('*', (c) => {
    const asset = assets.get(c.req.path === '/' ? '/index.html' : c.req.path);
    if (!asset) throw notFound(`No page at ${c.req.path}.`);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'no-cache');
    return c.body(asset.body);
  });

  return {
    hono: app,
    jobs,
    async close() {
      stopWaking();
      await ingest?.close();
    },
  };
}

async function readIngestRequest(c: Context): Promise<IngestRequest> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/json')) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw badRequest('The body is not valid JSON.');
    }
    return parseIngestJson(body);
  }
  if (type.startsWith('multipart/form-data')) {
    let form;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw badRequest('The multipart body could not be read.');
    }
    return parseIngestForm(form);
  }
  throw new ApiError(415, 'Send application/json ({"urls": [...]} or {"text": "..."}) or multipart/form-data with files.');
}
