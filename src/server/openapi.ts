// The API's OpenAPI 3 description, served at /api/openapi.json. Kept beside the routes it
// describes (app.ts); the API tests check that every route here answers and every answer is here.
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, MAX_QUERY_LENGTH } from './validate.js';
import { MAX_INGEST_BYTES, MAX_INGEST_ITEMS } from './ingest-body.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('Error')) });
const nullableString = { type: 'string', nullable: true };
const idParam = (what: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description: `The ${what} id.`,
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$' },
});

export const openApiDocument = {
  openapi: '3.0.3',
  info: {
    title: 'Corroborate API',
    version: '1',
    description:
      'Stories, their dossiers and articles from a Corroborate database, and ingest jobs that add to it. ' +
      'Every error is JSON: {"error": {"message": "..."}}. Article text is untrusted input: render it as text. ' +
      'A server with an access token (always one bound beyond loopback) answers 401 to a request without it.',
  },
  servers: [{ url: '/' }],
  security: [{ token: [] }, { login: [] }, {}],
  paths: {
    '/api/health': {
      get: {
        summary: 'Server and database status',
        responses: { 200: { description: 'The server is up.', content: json(ref('Health')) } },
      },
    },
    '/api/openapi.json': {
      get: { summary: 'This document', responses: { 200: { description: 'The OpenAPI document.', content: json({ type: 'object' }) } } },
    },
    '/api/reference': {
      get: {
        summary: 'This document, readable (an HTML page)',
        responses: { 200: { description: 'The API reference page.', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    '/api/outlets': {
      get: {
        summary: 'The outlets of the stored stories, most stories first',
        responses: { 200: { description: 'Outlets with their number of stories.', content: json(ref('OutletList')) } },
      },
    },
    '/api/stories': {
      get: {
        summary: 'List stories, newest first, or search them, best match first',
        parameters: [
          {
            name: 'q',
            in: 'query',
            description:
              'Words that must all occur (each as a word or the start of one, case and accents ignored): stories whose ' +
              'headline, label, outlets or article titles hold them come first, then those with an article whose text ' +
              "does, best matches first (the database's own full-text search). Each found story carries `match`: the " +
              'article and a passage around the words.',
            schema: { type: 'string', maxLength: MAX_QUERY_LENGTH },
          },
          {
            name: 'outlet',
            in: 'query',
            description: 'Only stories carried by an outlet whose name has a word starting with this ("epoch" finds The Epoch Times).',
            schema: { type: 'string', maxLength: MAX_QUERY_LENGTH },
          },
          {
            name: 'from',
            in: 'query',
            description: 'Stories whose time span overlaps [from, to] (ISO 8601).',
            schema: { type: 'string', format: 'date' },
          },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE } },
          { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
        ],
        responses: {
          200: { description: 'One page of story summaries.', content: json(ref('StoryPage')) },
          400: error('A parameter is malformed.'),
        },
      },
    },
    '/api/stories/{id}/events': {
      get: {
        summary: 'Server-sent events: the story changed (live story pages)',
        description:
          'A text/event-stream. `open` first, with the story id and version; then `story` each time the story changes ' +
          '(`id` differs from the one asked for when it was merged into another story), `gone` if it no longer exists; ' +
          'a comment line every 15 s keeps the connection open. Closed when the server stops.',
        parameters: [idParam('story')],
        responses: {
          200: {
            description: 'The event stream; each event\'s data is JSON {"id": string, "version": string}.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          400: error('The id is malformed.'),
          404: error('No such story.'),
          503: error('Too many live story pages are open; Retry-After says when to try again.'),
        },
      },
    },
    '/api/feeds': {
      get: {
        summary: 'The feeds the database follows, with their polling state',
        responses: {
          200: {
            description:
              '`watching` is true when this server polls them (serve --watch); otherwise a `corroborate watch` on the database does.',
            content: json({
              type: 'object',
              required: ['watching', 'feeds'],
              properties: { watching: { type: 'boolean' }, feeds: { type: 'array', items: ref('Feed') } },
            }),
          },
        },
      },
      post: {
        summary: 'Follow a feed, a news sitemap or a site (the feeds its page names)',
        requestBody: {
          required: true,
          content: json({ type: 'object', required: ['url'], properties: { url: { type: 'string', format: 'uri', maxLength: 2048 } } }),
        },
        responses: {
          200: {
            description: 'Already followed.',
            content: json({ type: 'object', properties: { feed: ref('Feed'), watching: { type: 'boolean' } } }),
          },
          201: {
            description: 'Followed; polled at once.',
            content: json({ type: 'object', properties: { feed: ref('Feed'), watching: { type: 'boolean' } } }),
          },
          400: error('Not an http(s) URL, or one with a user name or password.'),
          413: error('The body is too large.'),
          415: error('Not JSON.'),
          422: error('The database follows the most feeds it may.'),
        },
      },
    },
    '/api/feeds/{id}': {
      delete: {
        summary: 'Stop following a feed (the articles it brought stay)',
        parameters: [idParam('feed')],
        responses: { 204: { description: 'No longer followed.' }, 400: error('The id is malformed.'), 404: error('No such feed.') },
      },
    },
    '/api/stories/{id}': {
      get: {
        summary: "One story's dossier (an id merged into another story resolves to it)",
        parameters: [
          idParam('story'),
          {
            name: 'If-None-Match',
            in: 'header',
            required: false,
            description: 'The ETag of a copy the client holds: answered 304 while the story is unchanged.',
            schema: { type: 'string' },
          },
        ],
        responses: {
          200: {
            description:
              'The dossier story; `story.id` differs from `requestedId` when the story was merged. The ETag header names this version.',
            content: json({
              type: 'object',
              required: ['requestedId', 'story'],
              properties: { requestedId: { type: 'string' }, story: ref('Story') },
            }),
          },
          304: { description: 'Not modified: the copy named in If-None-Match is current.' },
          400: error('The id is malformed.'),
          404: error('No such story.'),
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        summary: 'One article: clean text, removed page chrome, metadata and sentences',
        parameters: [idParam('article')],
        responses: {
          200: {
            description: 'The article.',
            content: json({
              type: 'object',
              required: ['article', 'sentences'],
              properties: { article: ref('Article'), sentences: { type: 'array', items: ref('Sentence') } },
            }),
          },
          400: error('The id is malformed.'),
          404: error('No such article.'),
        },
      },
    },
    '/api/ingest': {
      post: {
        summary: 'Queue an ingest job: URLs, a feed, pasted text or uploaded files',
        description: `At most ${MAX_INGEST_ITEMS} URLs and files and ${MAX_INGEST_BYTES} bytes per request. Each worker (the server's own, and any 'corroborate worker' on the same database) runs one job at a time; poll the job for progress.`,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: ref('IngestRequest') },
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'array', items: { type: 'string', format: 'binary' } },
                  urls: { type: 'string', description: 'URLs separated by whitespace.' },
                  feed: { type: 'string' },
                  text: { type: 'string' },
                  title: { type: 'string' },
                },
              },
            },
          },
        },
        responses: {
          202: {
            description: 'The job was queued; `Location` names it.',
            content: json({ type: 'object', required: ['job'], properties: { job: ref('Job') } }),
          },
          400: error('The body is malformed or names nothing to ingest.'),
          403: error('A cross-origin request.'),
          413: error('The body is larger than the limit.'),
          415: error('Neither JSON nor multipart.'),
          503: error('Too many jobs are waiting.'),
        },
      },
    },
    '/api/jobs': {
      get: {
        summary: 'Recent ingest jobs, newest first',
        responses: {
          200: { description: 'The jobs.', content: json({ type: 'object', properties: { jobs: { type: 'array', items: ref('Job') } } }) },
        },
      },
    },
    '/api/jobs/{id}': {
      get: {
        summary: "An ingest job's progress and outcome",
        parameters: [idParam('job')],
        responses: {
          200: { description: 'The job.', content: json({ type: 'object', required: ['job'], properties: { job: ref('Job') } }) },
          400: error('The id is malformed.'),
          404: error('No such job.'),
        },
      },
    },
  },
  components: {
    securitySchemes: {
      token: {
        type: 'http',
        scheme: 'bearer',
        description: "The server's access token (serve --token, CORROBORATE_TOKEN, or printed at start).",
      },
      login: {
        type: 'apiKey',
        in: 'cookie',
        name: 'corroborate_token_PORT',
        description: 'Set by /login for browsers; PORT is the port the server is reached on.',
      },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['message'], properties: { message: { type: 'string' } } } },
      },
      Health: {
        type: 'object',
        required: ['status', 'store', 'articles', 'stories', 'jobs'],
        properties: {
          status: { type: 'string', enum: ['ok'] },
          store: { type: 'string', enum: ['sqlite', 'postgres'] },
          articles: { type: 'integer' },
          stories: { type: 'integer' },
          jobs: { type: 'object', additionalProperties: { type: 'integer' } },
        },
      },
      StorySummary: {
        type: 'object',
        required: ['id', 'headline', 'label', 'firstSeen', 'lastSeen', 'outlets', 'size', 'independentOrigins', 'findings'],
        properties: {
          id: { type: 'string' },
          headline: { type: 'string' },
          label: { type: 'string' },
          firstSeen: nullableString,
          lastSeen: nullableString,
          outlets: { type: 'array', items: { type: 'string' } },
          size: { type: 'integer', description: 'Number of articles.' },
          independentOrigins: { type: 'integer' },
          findings: { type: 'integer' },
          match: ref('StoryMatch'),
        },
      },
      OutletList: {
        type: 'object',
        required: ['outlets'],
        properties: {
          outlets: {
            type: 'array',
            items: {
              type: 'object',
              required: ['outlet', 'stories'],
              properties: { outlet: { type: 'string' }, stories: { type: 'integer' } },
            },
          },
        },
      },
      StoryMatch: {
        type: 'object',
        description: 'For a search (q) that an article of the story matched: that article and a passage of its text.',
        required: ['article', 'input', 'outlet', 'title', 'snippet'],
        properties: {
          article: { type: 'string' },
          input: { type: 'string', description: 'The file or URL the article came from.' },
          outlet: nullableString,
          title: nullableString,
          snippet: {
            type: 'object',
            required: ['text', 'marks'],
            properties: {
              text: { type: 'string', description: 'The passage, as plain text ("…" where it was cut).' },
              marks: {
                type: 'array',
                description: '[start, end) of each word found, in characters of text.',
                items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
              },
            },
          },
        },
      },
      StoryPage: {
        type: 'object',
        required: ['total', 'limit', 'offset', 'stories'],
        properties: {
          total: { type: 'integer' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
          stories: { type: 'array', items: ref('StorySummary') },
        },
      },
      Story: {
        type: 'object',
        description: 'A DossierStory: see docs/dossier.md and src/dossier/schema.json.',
        required: ['id', 'headline', 'articles', 'claims', 'findings', 'brief', 'independentOrigins'],
        properties: {
          id: { type: 'string' },
          headline: { type: 'string' },
          independentOrigins: { type: 'integer' },
          articles: { type: 'array', items: { type: 'object' } },
          claims: { type: 'array', items: { type: 'object' } },
          findings: { type: 'array', items: { type: 'object' } },
          brief: { type: 'array', items: { type: 'object' } },
        },
      },
      Article: {
        type: 'object',
        required: ['id', 'input', 'text', 'removed'],
        properties: {
          id: { type: 'string' },
          contentHash: { type: 'string' },
          input: { type: 'string' },
          url: nullableString,
          canonicalUrl: nullableString,
          title: nullableString,
          byline: nullableString,
          published: nullableString,
          updated: nullableString,
          outlet: nullableString,
          publisher: nullableString,
          language: nullableString,
          fetchedAt: nullableString,
          text: { type: 'string', description: 'The cleaned body; paragraphs separated by a blank line. Untrusted.' },
          removed: {
            type: 'array',
            items: { type: 'object', required: ['text', 'reason'], properties: { text: { type: 'string' }, reason: { type: 'string' } } },
          },
        },
      },
      Sentence: {
        type: 'object',
        required: ['index', 'paragraph', 'start', 'end', 'text'],
        properties: {
          index: { type: 'integer' },
          paragraph: { type: 'integer' },
          start: { type: 'integer' },
          end: { type: 'integer' },
          text: { type: 'string' },
        },
      },
      IngestRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          urls: { type: 'array', items: { type: 'string', format: 'uri' }, maxItems: MAX_INGEST_ITEMS },
          feed: { type: 'string', format: 'uri' },
          text: { type: 'string', description: 'A pasted article, headline first.' },
          title: { type: 'string', description: 'Headline for the pasted text.' },
        },
      },
      Job: {
        type: 'object',
        description: 'Jobs are kept in the database: any server or `corroborate worker` on it may run them, one at a time each.',
        required: [
          'id',
          'state',
          'createdAt',
          'done',
          'total',
          'inputs',
          'attempts',
          'articlesAdded',
          'articlesExisting',
          'storiesTouched',
          'errors',
        ],
        properties: {
          id: { type: 'string' },
          state: { type: 'string', enum: ['queued', 'running', 'done', 'failed'] },
          createdAt: { type: 'string' },
          startedAt: nullableString,
          finishedAt: nullableString,
          stage: nullableString,
          done: { type: 'integer' },
          total: { type: 'integer', nullable: true },
          inputs: { type: 'array', items: { type: 'string' } },
          attempts: { type: 'integer', description: 'Times a worker took the job; more than 1 when a worker stopped while running it.' },
          articlesAdded: { type: 'array', items: { type: 'string' } },
          articlesExisting: { type: 'array', items: { type: 'string' } },
          storiesTouched: { type: 'array', items: { type: 'string' } },
          errors: { type: 'array', items: { type: 'object', properties: { input: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
      Feed: {
        type: 'object',
        required: ['id', 'url', 'addedAt', 'nextPollAt', 'failures', 'articles'],
        properties: {
          id: { type: 'string' },
          url: { type: 'string' },
          addedAt: { type: 'string' },
          etag: nullableString,
          lastModified: nullableString,
          nextPollAt: { ...nullableString, description: 'When the feed is polled next; null: at once (never polled yet).' },
          failures: { type: 'integer', description: 'Polls that failed in a row; the pause before the next doubles with each.' },
          lastError: { ...nullableString, description: 'Why the last poll failed.' },
          lastPolledAt: nullableString,
          lastOkAt: nullableString,
          articles: { type: 'integer', description: 'Articles stored from this feed.' },
        },
      },
    },
  },
} as const;
