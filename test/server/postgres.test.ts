// The API over the PostgreSQL store (CI starts one; CORROBORATE_TEST_POSTGRES points elsewhere):
// the server talks only to the Store interface, so the same answers come from either backend.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Store } from '../../src/store/types.js';
import { openStore } from '../../src/store/index.js';
import { connect } from '../../src/store/postgres/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { seedStore } from './helpers.js';
import type { DossierStory } from '../../src/dossier/types.js';

const POSTGRES_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `corroborate_server_${process.pid}_${randomBytes(4).toString('hex')}`;

describe('API over PostgreSQL', () => {
  let store: Store;
  let server: RunningServer;
  let story: DossierStory;
  let url: string;

  before(async () => {
    try {
      store = await openStore(POSTGRES_URL, { schema: SCHEMA });
    } catch (error) {
      throw new Error(
        `PostgreSQL is not reachable at ${POSTGRES_URL}: ${(error as Error).message}. ` +
          'Start PostgreSQL, or point CORROBORATE_TEST_POSTGRES at one (postgres://user@host:port/database).',
        { cause: error },
      );
    }
    ({ story } = await seedStore(store));
    await store.saveStories([story], new Map([['story-merged-away', story.id]]));
    // No storeLocation: jobs would run on the main thread over this store and its schema.
    server = await startServer({ store, port: 0, host: '127.0.0.1', log: () => {} });
    url = server.url.replace(/\/$/, '');
  });

  after(async () => {
    await server?.close();
    await store?.close();
    const admin = await connect(POSTGRES_URL).catch(() => null);
    await admin?.exec(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
    await admin?.close();
  });

  const get = async (path: string) => {
    const response = await fetch(url + path);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('reports the postgres backend and its counts', async () => {
    const { status, body } = await get('/api/health');
    assert.equal(status, 200);
    assert.deepEqual([body.store, body.articles, body.stories], ['postgres', 6, 2]);
  });

  it('lists, searches and pages stories', async () => {
    assert.equal((await get('/api/stories')).body.total, 2);
    assert.deepEqual(
      (await get('/api/stories?q=Hostile')).body.stories.map((s: any) => s.id),
      ['story-hostile'],
    );
    assert.equal((await get('/api/stories?limit=1&offset=1')).body.stories.length, 1);
    assert.equal((await get('/api/stories?limit=nope')).status, 400);
  });

  it('returns a dossier, resolves merged ids and answers 404 for unknown ones', async () => {
    assert.deepEqual((await get(`/api/stories/${story.id}`)).body.story, JSON.parse(JSON.stringify(story)));
    assert.equal((await get('/api/stories/story-merged-away')).body.story.id, story.id);
    assert.equal((await get('/api/stories/nothing-here')).status, 404);
  });

  it('returns an article with its removed chrome and sentences', async () => {
    const article = story.articles[0]!;
    const { status, body } = await get(`/api/articles/${article.id}`);
    assert.equal(status, 200);
    assert.equal(body.article.text, article.text);
    assert.deepEqual(body.article.removed, article.removed);
    assert.ok(body.sentences.length > 0);
    assert.equal((await get('/api/articles/ffffffffffffffff')).status, 404);
  });
});
