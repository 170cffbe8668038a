// One suite, every backend, real databases, no mocks. SQLite runs in a temporary folder;
// PostgreSQL at CORROBORATE_TEST_POSTGRES (default postgres://postgres@127.0.0.1:5432/test),
// each test in its own freshly made schema, dropped afterwards, so parallel runs never collide.
// An unreachable PostgreSQL fails the suite: CI starts one, and a skipped backend hides bugs.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CorroborateError } from '../errors.js';
import { splitSentences } from '../sentences/index.js';
import type { Article } from '../records.js';
import { sampleArticle, sampleStory } from '../dossier/testing.js';
import { openStore } from './index.js';
import { connect as connectPostgres, migrations as postgresMigrations } from './postgres/index.js';
import { connect as connectSqlite, migrations as sqliteMigrations } from './sqlite/index.js';
import { SqlStore } from './sql-store.js';
import type { Migration, SqlDriver } from './driver.js';
import type { CountRow, Tables } from './rows.js';
import type { Store } from './types.js';

const POSTGRES_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Backend {
  readonly name: 'sqlite' | 'postgres';
  readonly migrations: readonly Migration[];
  setUp(): Promise<void>;
  /** A fresh, empty location for one test. */
  fresh(): Promise<{ location: string; options: { schema?: string } }>;
  /**
   * A location for one test that holds the current schema and no rows: as a fresh location is
   * once openStore has migrated it (PostgreSQL hands back a released one, emptied: a new schema
   * costs ~0.3 s of DDL per test).
   */
  empty(): Promise<{ location: string; options: { schema?: string } }>;
  /** The raw driver on that location, to do what the store never would. */
  raw(place: { location: string; options: { schema?: string } }): Promise<SqlDriver>;
  /** Frees what fresh() or empty() gave. */
  release(location: { options: { schema?: string } }): Promise<void>;
  tearDown(): Promise<void>;
}

function sqliteBackend(): Backend {
  let folder = '';
  let n = 0;
  return {
    name: 'sqlite',
    migrations: sqliteMigrations,
    async setUp() {
      folder = mkdtempSync(join(tmpdir(), 'corroborate-store-'));
    },
    async fresh() {
      return { location: join(folder, `test-${++n}.db`), options: {} };
    },
    empty() {
      return this.fresh();
    },
    raw({ location }) {
      return connectSqlite(location);
    },
    async release() {},
    async tearDown() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL schema's tables, columns, indexes and applied migrations, to tell one a test left as it found it. */
async function postgresLayout(admin: SqlDriver, schema: string): Promise<string> {
  const columns = await admin.query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
     WHERE table_schema = ? ORDER BY table_name, column_name`,
    [schema],
  );
  const indexes = await admin.query('SELECT indexname FROM pg_indexes WHERE schemaname = ? ORDER BY indexname', [schema]);
  const migrations = await admin.query(`SELECT version FROM "${schema}".corroborate_migrations ORDER BY version`);
  return JSON.stringify([columns, indexes, migrations]);
}

function postgresBackend(): Backend {
  let admin: SqlDriver | undefined;
  const run = `corroborate_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  let n = 0;
  /** The layout of a freshly migrated schema (setUp migrates one to learn it). */
  let migratedLayout: string | undefined;
  /** Released schemas with that layout, emptied, ready for the next test. */
  const spare: string[] = [];
  return {
    name: 'postgres',
    migrations: postgresMigrations,
    async setUp() {
      try {
        admin = await connectPostgres(POSTGRES_URL);
      } catch (error) {
        throw new Error(
          `PostgreSQL is not reachable at ${POSTGRES_URL}: ${(error as Error).message}\n` +
            'The store suite runs against a real PostgreSQL (CI starts one). Start PostgreSQL, or point ' +
            'CORROBORATE_TEST_POSTGRES at one (postgres://user@host:port/database).',
          { cause: error },
        );
      }
      // What a migrated schema looks like, from one migrated here (then the first spare).
      const schema = `${run}_${++n}`;
      const migrated = await openStore(POSTGRES_URL, { schema });
      await migrated.close();
      migratedLayout = await postgresLayout(admin, schema);
      spare.push(schema);
    },
    async fresh() {
      return { location: POSTGRES_URL, options: { schema: `${run}_${++n}` } };
    },
    async empty() {
      const schema = spare.pop();
      return schema ? { location: POSTGRES_URL, options: { schema } } : this.fresh();
    },
    raw({ location, options }) {
      return connectPostgres(location, options);
    },
    async release({ options }) {
      const { schema } = options;
      if (!admin || !schema) return;
      // Kept for the next test only when the schema is exactly a migrated one (a test that
      // migrated part of the way, or recorded a newer version, leaves one that is dropped).
      const layout = await postgresLayout(admin, schema).catch(() => null);
      if (layout !== null && layout === migratedLayout) {
        const tables = await admin.query<{ name: string }>(
          "SELECT tablename AS name FROM pg_tables WHERE schemaname = ? AND tablename <> 'corroborate_migrations'",
          [schema],
        );
        await admin.transaction(async (tx) => {
          for (const { name } of tables) await tx.run(`DELETE FROM "${schema}"."${name}"`);
        });
        spare.push(schema);
      } else await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
    async tearDown() {
      for (const schema of spare.splice(0)) await admin?.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin?.close();
    },
  };
}

/**
 * A child process that saves a batch and is killed (SIGKILL) while the third article's sentences
 * are being written: a real crash in the middle of a transaction, at a known point.
 */
const CRASHING_WRITER = `
const [{ openStore }, { sampleArticle }] = await Promise.all([import(process.env.STORE_MODULE), import(process.env.TESTING_MODULE)]);
const { location, options } = JSON.parse(process.env.STORE_PLACE);
const store = await openStore(location, options);
const bomb = { get index() { process.kill(process.pid, 'SIGKILL'); return 0; }, paragraph: 0, start: 0, end: 1, text: 'x' };
await store.saveArticles([
  { article: sampleArticle(101), sentences: [] },
  { article: sampleArticle(102), sentences: [] },
  { article: sampleArticle(103), sentences: [bomb] },
]);
console.log('not killed');
`;

function crashWhileWriting(place: { location: string; options: { schema?: string } }) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CRASHING_WRITER], {
    encoding: 'utf8',
    env: {
      ...process.env,
      STORE_MODULE: fileURLToPath(new URL('./index.ts', import.meta.url)),
      TESTING_MODULE: fileURLToPath(new URL('../dossier/testing.ts', import.meta.url)),
      STORE_PLACE: JSON.stringify(place),
    },
  });
}

function withSentences(article: Article) {
  return { article, sentences: splitSentences(article.text) };
}

for (const backend of [sqliteBackend(), postgresBackend()]) {
  describe(`store: ${backend.name}`, () => {
    let store: Store;
    let place: Awaited<ReturnType<Backend['fresh']>>;

    before(() => backend.setUp());
    after(() => backend.tearDown());
    beforeEach(async () => {
      place = await backend.empty();
      store = await openStore(place.location, place.options);
    });
    afterEach(async () => {
      await store.close();
      await backend.release(place);
    });

    it('opens the backend the location names, and closes twice without harm', async () => {
      assert.equal(store.backend, backend.name);
      const second = await openStore(place.location, place.options);
      await second.close();
      await second.close();
      assert.deepEqual(await store.saveArticles([]), { inserted: [], existing: [] });
    });

    it('migrates idempotently and keeps data across reopening', async () => {
      await store.migrate();
      await store.migrate();
      await store.saveArticles([withSentences(sampleArticle(1))]);
      await store.close();
      store = await openStore(place.location, place.options);
      assert.equal(await store.countArticles(), 1);
    });

    it('refuses a database written by a newer corroborate', async () => {
      await store.close();
      const raw = await backend.raw(place);
      await raw.run('INSERT INTO corroborate_migrations (version, name, applied_at) VALUES (?, ?, ?)', [999, 'future', '2030-01-01']);
      await raw.close();
      await assert.rejects(openStore(place.location, place.options), (error: unknown) => {
        assert.ok(error instanceof CorroborateError, String(error));
        assert.match(error.message, /schema version 999/);
        assert.match(error.hint ?? '', /Upgrade corroborate/);
        return true;
      });
      store = await openStore(place.location, { ...place.options, migrate: false });
    });

    it('keeps article parts by article, part and version, replacing an older version', async () => {
      const [a, b] = [sampleArticle(1), sampleArticle(2)];
      await store.saveArticles([withSentences(a), withSentences(b)]);
      await store.saveArticleParts([
        { articleId: a.id, part: 'claims', version: 'v1', value: '[{"text":"é \\u0000 \\ud800"}]' },
        { articleId: b.id, part: 'claims', version: 'v1', value: '[]' },
        { articleId: a.id, part: 'other', version: 'v1', value: '1' },
        { articleId: b.id, part: 'other', version: 'v1', value: 'raw \u0000 NUL' },
      ]);
      assert.deepEqual(
        await store.getArticleParts([a.id, b.id, 'missing', a.id], 'claims', 'v1'),
        new Map([
          [a.id, '[{"text":"é \\u0000 \\ud800"}]'],
          [b.id, '[]'],
        ]),
      );
      assert.deepEqual(
        await store.getArticleParts([a.id, b.id], 'other', 'v1'),
        new Map([[a.id, '1']]),
        'a value it cannot keep exactly is not kept',
      );
      assert.deepEqual(await store.getArticleParts([a.id], 'claims', 'v2'), new Map(), 'another version is not returned');
      await store.saveArticleParts([{ articleId: a.id, part: 'claims', version: 'v2', value: '[1]' }]);
      assert.deepEqual(await store.getArticleParts([a.id, b.id], 'claims', 'v2'), new Map([[a.id, '[1]']]));
      assert.deepEqual(await store.getArticleParts([a.id], 'claims', 'v1'), new Map(), 'the older version was replaced');
      assert.deepEqual(await store.getArticleParts([], 'claims', 'v2'), new Map());
    });

    it('stores articles once by content hash', async () => {
      const batch = [1, 2, 3].map((n) => withSentences(sampleArticle(n)));
      const first = await store.saveArticles(batch);
      assert.deepEqual(first, { inserted: batch.map((b) => b.article.id), existing: [] });
      const again = await store.saveArticles([...batch, withSentences(sampleArticle(4))]);
      assert.deepEqual(
        again.existing,
        batch.map((b) => b.article.id),
      );
      assert.deepEqual(again.inserted, [sampleArticle(4).id]);
      assert.equal(await store.countArticles(), 4);
      assert.deepEqual(await store.listArticleIds(), [1, 2, 3, 4].map((n) => sampleArticle(n).id).sort());
      assert.deepEqual(await store.getArticle(sampleArticle(2).id), sampleArticle(2));
      assert.deepEqual(await store.getSentences(sampleArticle(2).id), splitSentences(sampleArticle(2).text));
      assert.equal(await store.getArticle('0000000000000000'), null);
      assert.deepEqual(await store.getSentences('0000000000000000'), []);
    });

    it('counts the same content twice in one batch once', async () => {
      const result = await store.saveArticles([withSentences(sampleArticle(5)), withSentences(sampleArticle(5))]);
      assert.deepEqual(result, { inserted: [sampleArticle(5).id], existing: [sampleArticle(5).id] });
      assert.equal(await store.countArticles(), 1);
    });

    it('writes nothing of an article batch that fails part-way', async () => {
      await store.saveArticles([withSentences(sampleArticle(1))]);
      // Same id, other content: the database refuses the third row, after two were written.
      const clash = sampleArticle(1, { contentHash: 'e'.repeat(64), text: 'Other text.' });
      await assert.rejects(
        store.saveArticles([withSentences(sampleArticle(2)), withSentences(sampleArticle(3)), withSentences(clash)]),
        (error: unknown) => error instanceof CorroborateError && error.code === 'store',
      );
      assert.equal(await store.countArticles(), 1);
      assert.equal(await store.getArticle(sampleArticle(2).id), null);
      assert.deepEqual(await store.getSentences(sampleArticle(2).id), []);
      // The store stays usable after the rollback.
      assert.deepEqual((await store.saveArticles([withSentences(sampleArticle(2))])).inserted, [sampleArticle(2).id]);
    });

    it('is consistent after a process is killed mid-batch', async () => {
      await store.saveArticles([withSentences(sampleArticle(1))]);
      const child = crashWhileWriting(place);
      assert.equal(child.signal, 'SIGKILL', `the writer should die mid-batch: ${child.stderr}${child.stdout}`);
      await store.close();
      store = await openStore(place.location, place.options);
      assert.deepEqual(await store.listArticleIds(), [sampleArticle(1).id], 'nothing of the killed batch is stored');
      assert.deepEqual((await store.saveArticles([withSentences(sampleArticle(101))])).inserted, [sampleArticle(101).id]);
    });

    it('keeps each rejection once, newest first', async () => {
      await store.saveRejections([{ input: 'a.bin', code: 'binary', reason: 'binary content' }]);
      await store.saveRejections([
        { input: 'b.txt', code: 'empty', reason: 'the file is empty' },
        { input: 'a.bin', code: 'binary', reason: 'binary content' },
      ]);
      const listed = await store.listRejections();
      assert.equal(listed.length, 2);
      assert.deepEqual(new Set(listed.map((r) => r.input)), new Set(['a.bin', 'b.txt']));
      assert.ok(
        listed.every((r) => !Number.isNaN(Date.parse(r.at))),
        'each rejection has a time',
      );
      assert.equal((await store.listRejections(1)).length, 1);
    });

    it('round-trips a story dossier and replaces it by id', async () => {
      const story = sampleStory();
      await store.saveStories([story]);
      assert.deepEqual(await store.getStory(story.id), story);
      const first = await store.getStoryJson(story.id);
      assert.equal(first?.json, JSON.stringify(story), 'the JSON text as saved');
      assert.deepEqual(await store.storyVersion(story.id), { id: story.id, version: first?.version });
      const changed = { ...story, headline: 'A better headline' };
      await store.saveStories([changed]);
      assert.deepEqual(await store.getStory(story.id), changed);
      assert.notEqual((await store.storyVersion(story.id))?.version, first?.version, 'a new save is a new version');
      assert.equal(await store.storyVersion('no-such-story'), null);
      assert.equal(await store.getStoryJson('no-such-story'), null);
      const { total, stories } = await store.listStories();
      assert.equal(total, 1);
      assert.deepEqual(stories[0], {
        id: story.id,
        headline: 'A better headline',
        label: story.label,
        firstSeen: story.firstSeen,
        lastSeen: story.lastSeen,
        outlets: story.outlets,
        size: 3,
        independentOrigins: 1,
        findings: 3,
      });
      assert.deepEqual(await store.storiesForArticle(story.articles[1]!.id), [story.id]);
      assert.equal(await store.getStory('no-such-story'), null);
    });

    it('resolves merged story ids to the surviving story, through chains', async () => {
      await store.saveStories([sampleStory({ id: 'a' }), sampleStory({ id: 'b' }), sampleStory({ id: 'c' })]);
      await store.saveStories(
        [sampleStory({ id: 'c', headline: 'C absorbed A and B' })],
        new Map([
          ['a', 'c'],
          ['b', 'c'],
        ]),
      );
      assert.equal((await store.getStory('a'))?.id, 'c');
      assert.equal((await store.getStory('b'))?.headline, 'C absorbed A and B');
      const live = await store.getStoryJson('a');
      assert.equal(live?.id, 'c', "the JSON of a merged id is the survivor's");
      assert.deepEqual(JSON.parse(live!.json), await store.getStory('c'));
      assert.deepEqual(await store.storyVersion('b'), { id: 'c', version: live!.version });
      assert.equal((await store.listStories()).total, 1);
      await store.saveStories([sampleStory({ id: 'd' })], new Map([['c', 'd']]));
      assert.equal(await store.resolveStoryId('a'), 'd');
      assert.equal(await store.resolveStoryId('c'), 'd');
      assert.equal(await store.resolveStoryId('d'), 'd');
      assert.equal(await store.resolveStoryId('zzz'), null);
      // A merged id stored again stands on its own.
      await store.saveStories([sampleStory({ id: 'a', headline: 'A again' })]);
      assert.equal((await store.getStory('a'))?.headline, 'A again');
      assert.equal(await store.resolveStoryId('b'), 'd');
    });

    it('finds the stored stories a new analysis absorbs', async () => {
      const base = sampleStory();
      const [a1, a2, a3] = base.articles;
      const only = (id: string, articles: typeof base.articles) => ({ ...sampleStory({ id }), articles });
      await store.saveStories([
        only('old-1', [a1!]),
        only('old-2', [a1!, a2!]),
        only('split', [a2!, a3!]),
        only('kept', [a3!]),
        only('partial', [a1!, { ...a1!, id: 'ffffffffffffffff' }]),
      ]);
      const fresh = [only('new', [a1!, a2!]), only('kept', [a3!])];
      const superseded = await store.findSupersededStories(fresh);
      // 'split' went half to each: the tie goes to the smaller id; 'partial' has an article elsewhere.
      assert.deepEqual([...superseded].sort(), [
        ['old-1', 'new'],
        ['old-2', 'new'],
        ['split', 'kept'],
      ]);
      await store.saveStories(fresh, superseded);
      assert.equal(await store.resolveStoryId('old-2'), 'new');
      assert.equal(await store.resolveStoryId('split'), 'kept');
      assert.equal(await store.resolveStoryId('partial'), 'partial', 'a story with articles elsewhere stays');
      assert.deepEqual(await store.findSupersededStories(fresh), new Map(), 'nothing left to absorb');
    });

    it('writes nothing of a story batch that fails part-way', async () => {
      await store.saveStories([sampleStory({ id: 'a' }), sampleStory({ id: 'b' })], new Map());
      await store.saveStories([], new Map([['a', 'b']]));
      // 'a' now points at 'b'; merging 'b' into 'a' is a cycle, found after 'c' was written.
      await assert.rejects(
        store.saveStories([sampleStory({ id: 'c' })], new Map([['b', 'a']])),
        (error: unknown) => error instanceof CorroborateError && /cycle/.test(error.message),
      );
      assert.equal(await store.getStory('c'), null);
      assert.equal((await store.getStory('b'))?.id, 'b');
      assert.equal(await store.resolveStoryId('a'), 'b');
      await assert.rejects(store.saveStories([sampleStory({ id: 'x' }), sampleStory({ id: 'x' })]), CorroborateError);
      await assert.rejects(store.saveStories([sampleStory({ id: 'x' })], new Map([['x', 'b']])), CorroborateError);
    });

    it('searches, filters and pages the story list', async () => {
      const stories = [
        sampleStory({
          id: 's1',
          headline: 'Zürich bank fined',
          outlets: ['Wire'],
          firstSeen: '2025-01-01T10:00:00Z',
          lastSeen: '2025-01-03T10:00:00Z',
        }),
        sampleStory({
          id: 's2',
          headline: 'Harvest 100% up',
          outlets: ['Daily Example', 'Wire'],
          firstSeen: '2025-02-01',
          lastSeen: '2025-02-02',
        }),
        sampleStory({
          id: 's3',
          headline: 'Port strike ends',
          outlets: ['Gazette'],
          titles: ['Dockers return', 'x', 'y'],
          firstSeen: '2025-03-10',
          lastSeen: '2025-03-10',
        }),
        sampleStory({ id: 's4', headline: 'Undated story', outlets: ['Gazette'], firstSeen: null, lastSeen: null }),
      ];
      await store.saveStories(stories);
      const ids = async (query: Parameters<Store['listStories']>[0]) => (await store.listStories(query)).stories.map((s) => s.id);

      assert.deepEqual(await ids({}), ['s3', 's2', 's1', 's4'], 'newest first, undated last');
      assert.deepEqual(await ids({ text: 'zurich' }), ['s1'], 'diacritics and case folded');
      assert.deepEqual(await ids({ text: 'ZÜRICH fined' }), ['s1']);
      assert.deepEqual(await ids({ text: 'zürich strike' }), [], 'every word must occur');
      assert.deepEqual(await ids({ text: 'dockers' }), ['s3'], 'article titles are searched');
      assert.deepEqual(await ids({ text: 'gazette' }), ['s3', 's4'], 'outlets are searched');
      assert.deepEqual(await ids({ text: '100%' }), ['s2'], 'LIKE wildcards are literal');
      assert.deepEqual(await ids({ text: '%' }), ['s2']);
      assert.deepEqual(await ids({ text: '_' }), []);
      assert.deepEqual(await ids({ outlet: 'wire' }), ['s2', 's1']);
      assert.deepEqual(await ids({ outlet: 'Wir' }), ['s2', 's1'], 'an outlet by the start of its name');
      assert.deepEqual(await ids({ outlet: 'example' }), ['s2'], 'or of a word of it');
      assert.deepEqual(await ids({ outlet: 'ample' }), [], 'not by the middle of a word');
      assert.deepEqual(await ids({ outlet: '%' }), [], 'LIKE wildcards are literal');
      assert.deepEqual(await ids({ from: '2025-01-02', to: '2025-02-01' }), ['s2', 's1'], 'span overlap');
      assert.deepEqual(await ids({ from: '2025-03-10', to: '2025-03-10' }), ['s3'], 'a bare date spans its day');
      assert.deepEqual(await ids({ from: '2025-03-11' }), []);
      assert.deepEqual(await ids({ to: '2024-12-31' }), []);

      const page = await store.listStories({ limit: 2, offset: 1 });
      assert.equal(page.total, 4);
      assert.deepEqual(
        page.stories.map((s) => s.id),
        ['s2', 's1'],
      );
      const filteredPage = await store.listStories({ outlet: 'Gazette', limit: 1 });
      assert.equal(filteredPage.total, 2);
      assert.equal(filteredPage.stories.length, 1);

      await assert.rejects(store.listStories({ limit: 0 }), CorroborateError);
      await assert.rejects(store.listStories({ offset: -1 }), CorroborateError);
      await assert.rejects(store.listStories({ from: 'last tuesday' }), CorroborateError);
      await assert.rejects(store.listStories({ from: '2025-02-01', to: '2025-01-01' }), CorroborateError);

      assert.deepEqual(await store.listOutlets(), [
        { outlet: 'Gazette', stories: 2 },
        { outlet: 'Wire', stories: 2 },
        { outlet: 'Daily Example', stories: 1 },
      ]);
    });

    it('finds stories by the text of their articles, best match first, with a snippet around the words', async () => {
      const article = (n: number, title: string, outlet: string, text: string) =>
        sampleArticle(n, { title, outlet, text, published: `2025-06-0${n}T09:00:00Z` });
      const articles = [
        article(
          1,
          'Putin offers metals deal',
          'Reuters',
          'Putin offered joint projects. Siberia is home to Rusal, the largest aluminium maker.',
        ),
        article(
          2,
          'Aluminium prices',
          'The Epoch Times',
          'Prices of aluminium rose. Rusal, Rusal and again Rusal: the maker was named three times.',
        ),
        article(3, 'Rusal profits fall', 'Wire', 'The company reported lower profits on Tuesday.'),
        article(4, 'Café in Zürich', 'Gazette', 'A café opened in Zürich on Monday, serving coffee.'),
      ];
      await store.saveArticles(articles.map(withSentences));
      const story = (id: string, members: Article[], headline: string) =>
        sampleStory({ id, headline, titles: members.map((a) => a.title ?? ''), outlets: members.map((a) => a.outlet ?? '') });
      const stories = [story('metals', [articles[0]!], 'Putin offers metals deal'), story('prices', [articles[1]!], 'Aluminium prices')];
      stories.push(story('profits', [articles[2]!], 'Rusal profits fall'), story('cafe', [articles[3]!], 'Café in Zürich'));
      await store.saveStories(
        stories.map((s, i) => ({ ...s, articles: [{ ...s.articles[0]!, id: articles[i]!.id, text: articles[i]!.text }] })),
      );
      const found = await store.listStories({ text: 'rusal' });
      assert.deepEqual(
        found.stories.map((s) => s.id),
        ['profits', 'prices', 'metals'],
        'the headline match first, then by how often and where the text has the word',
      );
      assert.equal(found.total, 3);
      const prices = found.stories[1]!;
      assert.equal(prices.match?.article, articles[1]!.id);
      assert.equal(prices.match?.outlet, 'The Epoch Times');
      const snippet = prices.match!.snippet;
      assert.deepEqual(
        snippet.marks.map(([start, end]) => snippet.text.slice(start, end)),
        ['Rusal', 'Rusal', 'Rusal'],
      );
      assert.equal(
        found.stories[2]!.match?.snippet.text,
        'Putin offered joint projects. Siberia is home to Rusal, the largest aluminium maker.',
      );
      assert.deepEqual(
        (await store.listStories({ text: 'alumin' })).stories.map((s) => s.id).sort(),
        ['metals', 'prices'],
        'a word may be the start of one',
      );
      assert.deepEqual(
        (await store.listStories({ text: 'zurich COFFEE' })).stories.map((s) => s.id),
        ['cafe'],
        'folded, every word',
      );
      assert.deepEqual((await store.listStories({ text: 'rusal coffee' })).stories, [], 'every word in one article');
      assert.deepEqual(
        (await store.listStories({ text: 'rusal', outlet: 'epoch' })).stories.map((s) => s.id),
        ['prices'],
      );
      assert.deepEqual(
        (await store.listStories({ text: 'rusal', limit: 1, offset: 1 })).stories.map((s) => s.id),
        ['prices'],
      );
    });

    it('searches and pages stored articles', async () => {
      await store.saveArticles([1, 2, 3, 4, 5].map((n) => withSentences(sampleArticle(n))));
      const page = await store.listArticles({ outlet: 'WIRE', limit: 1 });
      assert.equal(page.total, 2);
      assert.equal(page.articles[0]?.id, sampleArticle(4).id, 'newest published first');
      assert.equal(page.articles[0]?.length, sampleArticle(4).text.length);
      assert.deepEqual(
        (await store.listArticles({ text: 'number 3' })).articles.map((a) => a.id),
        [sampleArticle(3).id],
      );
      assert.deepEqual(
        (await store.listArticles({ from: '2025-05-05', to: '2025-05-05' })).articles.map((a) => a.id),
        [sampleArticle(4).id],
      );
    });

    it('keeps unicode exactly, including what text columns cannot hold', async () => {
      const text = 'Ünïcödé ✓ 東京 مرحبا 👩🏽‍🔬 e\u0301 — "quotes" \u0000 nul and a lone \ud800 surrogate.';
      const article = sampleArticle(7, { title: 'Café 東京 👩🏽‍🔬', outlet: 'Ελληνικά Νέα', text });
      await store.saveArticles([withSentences(article)]);
      assert.deepEqual(await store.getArticle(article.id), article);
      const sentences = await store.getSentences(article.id);
      assert.equal(sentences.length, splitSentences(text).length);
      assert.equal((await store.listArticles({ text: 'cafe 東京' })).total, 1);
      assert.equal((await store.listArticles({ outlet: 'ελληνικα νεα' })).total, 1);

      const story = sampleStory({ id: 'ü-1', headline: 'Ölpreis steigt — 油价上涨 \u0000', outlets: ['Süddeutsche', 'Ελληνικά Νέα'] });
      await store.saveStories([story]);
      assert.deepEqual(await store.getStory('ü-1'), story);
      assert.deepEqual(
        (await store.listStories({ text: 'olpreis 油价' })).stories.map((s) => s.id),
        ['ü-1'],
      );
      assert.deepEqual(
        (await store.listStories({ outlet: 'SÜDDEUTSCHE' })).stories.map((s) => s.id),
        ['ü-1'],
      );
    });

    it('finds articles by shared signature band keys', async () => {
      await store.saveSignatures([
        { articleId: 'a1', bandKeys: ['0:aa', '1:bb', '1:bb'] },
        { articleId: 'a2', bandKeys: ['0:aa', '2:cc'] },
      ]);
      assert.deepEqual(await store.findByBandKeys(['0:aa']), ['a1', 'a2']);
      assert.deepEqual(await store.findByBandKeys(['2:cc', '9:zz']), ['a2']);
      assert.deepEqual(await store.findByBandKeys([]), []);
      // Saving an article's signature again replaces its keys.
      await store.saveSignatures([{ articleId: 'a1', bandKeys: ['3:dd'] }]);
      assert.deepEqual(await store.findByBandKeys(['0:aa', '1:bb']), ['a2']);
      // More keys than one statement may bind.
      const many = Array.from({ length: 2500 }, (_, i) => `k:${i}`);
      await store.saveSignatures([{ articleId: 'a3', bandKeys: many }]);
      assert.deepEqual(await store.findByBandKeys([...many.slice(2400), 'nothing']), ['a3']);
    });

    it('keeps the stories engine state as rows: placements, members in order, profiles, merges, postings', async () => {
      const story = (id: string, version: number, size: number) => ({
        id,
        seq: 1,
        version,
        size,
        firstMs: 0,
        lastMs: 86_400_000,
        facts: `{"v":${version}}`,
      });
      const write = {
        seq: 3,
        stories: [story('s-a', 2, 2), story('s-c', 1, 1)],
        retired: [],
        events: [
          { type: 'place' as const, article: 'a', story: 's-a', position: 0, headline: 'A' },
          { type: 'place' as const, article: 'b', story: 's-a', position: 1, headline: 'B' },
          { type: 'place' as const, article: 'c', story: 's-c', position: 0, headline: 'C' },
        ],
        profiles: [
          { article: 'a', profile: '{"p":"a"}' },
          { article: 'b', profile: '{"p":"b"}' },
          { article: 'c', profile: '{"p":"c"}' },
        ],
        postings: [
          { key: 't:quake@19000', day: 19000, stories: ['s-c', 's-a'], complete: true },
          { key: 't:quake', day: null, stories: ['s-a'], complete: true },
        ],
        postingCap: 3,
        placed: [],
        holder: 'run-1',
        ttlMs: 60_000,
      };
      await store.writeEngineState(write);
      assert.equal(await store.readEngineSeq(), 3);
      assert.deepEqual(
        await store.readEnginePlacements(['a', 'c', 'x']),
        new Map([
          ['a', 's-a'],
          ['c', 's-c'],
        ]),
      );
      const [read] = await store.readEngineStories(['s-a'], 16);
      assert.deepEqual(read?.members, [
        { id: 'a', headline: 'A' },
        { id: 'b', headline: 'B' },
      ]);
      assert.deepEqual(
        read?.profiles.map((p) => p.profile),
        ['{"p":"a"}', '{"p":"b"}'],
      );
      assert.equal((await store.readEngineStories(['s-a'], 1))[0]?.members, null, 'a larger story comes without its members');

      // s-c merges into s-a; a new touch of a list not loaded goes after the stored entries, capped.
      await store.writeEngineState({
        ...write,
        seq: 4,
        stories: [story('s-a', 3, 3)],
        retired: [['s-c', 's-a']],
        events: [{ type: 'merge', drop: 's-c', keep: 's-a', offset: 2 }],
        profiles: [{ article: 'a', profile: null }],
        postings: [{ key: 't:quake@19000', day: 19000, stories: ['s-x', 's-y', 's-c'], complete: false }],
      });
      assert.deepEqual(
        (await store.readEngineMembers(['s-a'])).get('s-a')?.map((m) => m.id),
        ['a', 'b', 'c'],
      );
      assert.deepEqual(
        (await store.readEngineStories(['s-a'], 16))[0]?.profiles.map((p) => p.article),
        ['b', 'c'],
      );
      assert.deepEqual(await store.readEngineMerges(['s-c', 's-a']), new Map([['s-c', 's-a']]));
      assert.deepEqual(await store.readTakenStoryIds(['s-a', 's-c', 's-z']), new Set(['s-a', 's-c']));
      assert.deepEqual((await store.readEnginePostings(['t:quake@19000', 't:none'])).get('t:quake@19000'), ['s-x', 's-y', 's-c']);
      assert.equal((await store.readEngineStories(['s-c'], 16)).length, 0, 'a merged story is no longer live');
    });

    it('saves a dossier only for the current engine version, never over a newer one', async () => {
      const dossier = sampleStory();
      const row = { id: dossier.id, seq: 0, version: 1, size: 3, firstMs: null, lastMs: null, facts: '{}' };
      const write = {
        seq: 1,
        stories: [row],
        retired: [],
        events: [],
        profiles: [],
        postings: [],
        postingCap: 48,
        placed: [],
        holder: 'run-1',
        ttlMs: 60_000,
      };
      await store.writeEngineState(write);
      assert.deepEqual(await store.claimQueuedStories('run-2', 60_000, 10), [], 'queued for the run that changed it');
      // A second run changes the story (version 2) before the first one's analysis is saved.
      await store.writeEngineState({ ...write, stories: [{ ...row, version: 2 }], holder: 'run-2' });
      const late = { ...dossier, headline: 'analyzed at version 1' };
      const fresh = { ...dossier, headline: 'analyzed at version 2' };
      assert.deepEqual(await store.saveStoryVersions([{ story: fresh, version: 2 }]), { saved: [dossier.id], stale: [] });
      assert.deepEqual(await store.saveStoryVersions([{ story: late, version: 1 }]), { saved: [], stale: [dossier.id] });
      assert.equal((await store.getStory(dossier.id))?.headline, 'analyzed at version 2', 'the later state wins');
      // A run that stopped before analyzing: its stories go to another run once its time is out.
      await store.writeEngineState({ ...write, stories: [{ ...row, version: 3 }], holder: 'stopped', ttlMs: 1 });
      await new Promise((resolve) => setTimeout(resolve, 5));
      assert.deepEqual(await store.claimQueuedStories('run-3', 60_000, 10), [{ id: dossier.id, version: 3 }]);
      assert.deepEqual(await store.claimQueuedStories('run-4', 60_000, 10), [], 'taken once');
    });

    it('lists stored articles no story holds yet, and forgets them once placed or reset', async () => {
      await store.saveArticles([withSentences(sampleArticle(1)), withSentences(sampleArticle(2))]);
      const ids = [sampleArticle(1).id, sampleArticle(2).id].sort();
      assert.deepEqual(await store.listUnplacedArticles(10, 0), [], 'stored just now: its run places it');
      assert.deepEqual((await store.listUnplacedArticles(10, Date.now() + 1)).sort(), ids);
      await store.writeEngineState({
        seq: 1,
        stories: [],
        retired: [],
        events: [],
        profiles: [],
        postings: [],
        postingCap: 48,
        placed: [ids[0]!],
        holder: 'h',
        ttlMs: 1,
      });
      assert.deepEqual(await store.listUnplacedArticles(10, Date.now() + 1), [ids[1]]);
      await store.resetEngineState();
      assert.deepEqual((await store.listUnplacedArticles(10, Date.now() + 1)).sort(), ids, 'a reset rebuilds every story');
      assert.equal(await store.readEngineSeq(), 0);
    });

    it('keeps engine state by key, exactly as written, across reopening', async () => {
      assert.equal(await store.getState('stories'), null);
      // A few MB of JSON with text a column could mangle if the store were careless.
      const big = JSON.stringify({
        version: 1,
        entries: Array.from({ length: 25_000 }, (_, i) => ({
          id: `a${i}`,
          words: ['Zürich', '東京', '👩🏽‍🔬', 'nul \u0000', 'lone \ud800'],
          n: i / 7,
        })),
      });
      assert.ok(big.length > 2_000_000, `state is ${big.length} characters`);
      await store.putState('stories', big);
      await store.putState('other', '{"a":1}');
      assert.equal(await store.getState('stories'), big);
      await store.putState('stories', '[]');
      assert.equal(await store.getState('stories'), '[]', 'a second write replaces the first');
      assert.equal(await store.getState('other'), '{"a":1}');
      await store.close();
      store = await openStore(place.location, place.options);
      assert.equal(await store.getState('stories'), '[]');
    });

    it('refuses engine state it could not return exactly, and keeps the old value', async () => {
      await store.putState('stories', '{"ok":true}');
      const refused = (error: unknown) => error instanceof CorroborateError && error.code === 'usage';
      await assert.rejects(store.putState('stories', '{"cut": '), refused);
      await assert.rejects(store.putState('stories', '"raw \ud800 surrogate"'), refused);
      await assert.rejects(store.putState('', '{}'), refused);
      await assert.rejects(store.getState(''), refused);
      assert.equal(await store.getState('stories'), '{"ok":true}');
    });

    it('keeps concurrent state writes whole: one of them wins entirely', async () => {
      const values = [0, 1, 2, 3, 4].map((n) => JSON.stringify({ writer: n, payload: String(n).repeat(100_000) }));
      await Promise.all(values.map((value) => store.putState('stories', value)));
      assert.ok(values.includes((await store.getState('stories')) ?? ''), 'one whole value, not a mix');
    });

    it('upgrades a database made before engine state existed', async () => {
      await store.close();
      await backend.release(place);
      place = await backend.fresh();
      const driver = await backend.raw(place);
      const before = new SqlStore(
        driver,
        backend.migrations.filter((m) => m.version === 1),
      );
      await before.migrate();
      // An article as the first schema stored it (this code's saveArticles also notes it unplaced).
      const article = sampleArticle(1);
      await driver.run(
        `INSERT INTO articles (content_hash, id, input, text_length, search_text, record, stored_at)
         VALUES (?, ?, ?, ?, '', ?, '2026-01-01T00:00:00Z')`,
        [article.contentHash, article.id, article.input, article.text.length, JSON.stringify(article)],
      );
      await before.close();
      store = await openStore(place.location, place.options);
      assert.equal(await store.countArticles(), 1);
      assert.deepEqual(await store.listUnplacedArticles(10, Date.now()), [article.id], 'its stories are built by the next run');
      // Articles stored before full-text search are indexed when it arrives.
      await store.saveStories(
        [sampleStory({ id: 'old' })].map((story) => ({ ...story, articles: [{ ...story.articles[0]!, id: sampleArticle(1).id }] })),
      );
      assert.deepEqual(
        (await store.listStories({ text: 'paragraph' })).stories.map((s) => s.id),
        ['old'],
      );
      await store.putState('stories', '{}');
      assert.equal(await store.getState('stories'), '{}');
    });

    it('gives a lease to one holder at a time, to another once it runs out or is given up', async () => {
      assert.equal(await store.leaseHolder('stories'), null);
      assert.equal(await store.acquireLease('stories', 'a', 60_000), true);
      assert.equal(await store.acquireLease('stories', 'b', 60_000), false, 'held by a');
      assert.equal(await store.acquireLease('stories', 'a', 60_000), true, 'a renews its own');
      assert.equal(await store.acquireLease('other', 'b', 60_000), true, 'leases are by name');
      assert.equal((await store.leaseHolder('stories'))?.holder, 'a');
      await store.releaseLease('stories', 'b');
      assert.equal((await store.leaseHolder('stories'))?.holder, 'a', 'only the holder gives it up');
      await store.releaseLease('stories', 'a');
      assert.equal(await store.leaseHolder('stories'), null);
      assert.equal(await store.acquireLease('stories', 'b', 1), true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await store.leaseHolder('stories'), null, "an expired lease is nobody's");
      assert.equal(await store.acquireLease('stories', 'c', 60_000), true, 'c takes over an expired lease');
      assert.equal(await store.acquireLease('stories', 'b', 60_000), false, 'b lost it');
      await assert.rejects(store.acquireLease('', 'a', 1), (e: unknown) => e instanceof CorroborateError && e.code === 'usage');
      await assert.rejects(store.acquireLease('x', 'a', 0), (e: unknown) => e instanceof CorroborateError && e.code === 'usage');
    });

    it('gives a contested lease to exactly one of many holders at once', async () => {
      const second = await openStore(place.location, place.options);
      try {
        const takers = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? store : second).acquireLease('stories', `h${i}`, 60_000));
        const won = (await Promise.all(takers)).filter(Boolean).length;
        assert.equal(won, 1);
      } finally {
        await second.close();
      }
    });

    it('takes over a live lease only from the holder named, and gives it to one of many who try at once', async () => {
      assert.equal(await store.acquireLease('stories', 'gone', 60_000), true);
      assert.equal(await store.takeOverLease('stories', 'someone', 'b', 60_000), false, 'not held by someone');
      assert.equal((await store.leaseHolder('stories'))?.holder, 'gone');
      const second = await openStore(place.location, place.options);
      try {
        const takers = Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? store : second).takeOverLease('stories', 'gone', `t${i}`, 60_000),
        );
        assert.equal((await Promise.all(takers)).filter(Boolean).length, 1);
      } finally {
        await second.close();
      }
      assert.match((await store.leaseHolder('stories'))?.holder ?? '', /^t\d$/);
      await assert.rejects(
        store.takeOverLease('stories', 'gone', 'c', 0),
        (e: unknown) => e instanceof CorroborateError && e.code === 'usage',
      );
    });

    it('queues ingest jobs, gives each to one worker, and keeps their outcome', async () => {
      const outcome = {
        articlesAdded: ['a1'],
        articlesExisting: [],
        storiesTouched: ['s1'],
        errors: [{ input: 'x.bin', message: 'binary' }],
      };
      const first = await store.enqueueJob({ id: 'j1', inputs: ['pasted text', 'report.html'], request: '{"text":"one"}' }, 10);
      assert.equal(first?.state, 'queued');
      assert.deepEqual([first?.inputs, first?.total, first?.attempts], [['pasted text', 'report.html'], 2, 0]);
      await store.enqueueJob({ id: 'j2', inputs: ['https://example.com/a'], request: '{"urls":["https://example.com/a"]}' }, 10);
      assert.equal(await store.enqueueJob({ id: 'j3', inputs: [], request: '{}' }, 2), null, 'the queue is full');

      const claimed = await store.claimJob('w1', 60_000, 3);
      assert.equal(claimed?.job.id, 'j1', 'oldest first');
      assert.equal(claimed?.request, '{"text":"one"}');
      assert.deepEqual([claimed?.job.state, claimed?.job.attempts], ['running', 1]);
      assert.equal((await store.claimJob('w2', 60_000, 3))?.job.id, 'j2', 'a second worker takes the next job');
      assert.equal(await store.claimJob('w3', 60_000, 3), null, 'nothing left');

      assert.equal(await store.reportJob('j1', 'w1', { stage: 'extract', done: 1, total: 2 }, 60_000), true);
      assert.equal(await store.reportJob('j1', 'w2', { stage: 'extract', done: 2, total: 2 }, 60_000), false, 'only the holder reports');
      assert.deepEqual(await store.getJob('j1').then((j) => [j?.stage, j?.done, j?.total]), ['extract', 1, 2]);
      assert.equal(await store.finishJob('j1', 'w2', 'done', outcome, 100), false, 'only the holder finishes');
      assert.equal(await store.finishJob('j1', 'w1', 'done', outcome, 100), true);
      const done = await store.getJob('j1');
      assert.equal(done?.state, 'done');
      assert.ok(done?.finishedAt);
      assert.deepEqual(
        [done?.articlesAdded, done?.storiesTouched, done?.errors],
        [outcome.articlesAdded, outcome.storiesTouched, outcome.errors],
      );
      assert.deepEqual(await store.countJobs(), { queued: 0, running: 1, done: 1, failed: 0 });
      assert.deepEqual(
        (await store.listJobs(10)).map((j) => j.id),
        ['j2', 'j1'],
        'newest first',
      );
      assert.equal(await store.getJob('nope'), null);
      await assert.rejects(
        store.enqueueJob({ id: 'j4', inputs: [], request: '{cut' }, 10),
        (e: unknown) => e instanceof CorroborateError && e.code === 'usage',
      );
    });

    it("keeps a job's files in chunks, byte for byte, and deletes them when the job ends", async () => {
      // 2.5 MB in the 64 KB pieces an upload arrives in: rows of 1 MB, the last one shorter.
      const bytes = new Uint8Array(2.5 * 1024 * 1024);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + (i >> 12)) & 0xff;
      async function* pieces() {
        for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
      }
      assert.equal(await store.saveJobFile('jf', 0, pieces()), bytes.length);
      assert.equal(await store.saveJobFile('jf', 1, (async function* () {})()), 0);
      const read = async (file: number) => {
        const parts: Uint8Array[] = [];
        for await (const part of store.readJobFile('jf', file)) parts.push(part);
        return Buffer.concat(parts);
      };
      assert.ok((await read(0)).equals(Buffer.from(bytes)));
      assert.equal((await read(1)).length, 0);
      assert.equal((await read(7)).length, 0, 'a file never stored reads as nothing');
      await store.enqueueJob({ id: 'jf', inputs: ['big.html'], request: '{}' }, 10);
      assert.equal((await store.claimJob('w1', 60_000, 2))?.job.id, 'jf');
      const none = { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] };
      assert.equal(await store.finishJob('jf', 'w1', 'done', none, 10), true);
      assert.equal((await read(0)).length, 0, 'gone with the job');
      await store.saveJobFile('never-queued', 0, pieces());
      await store.deleteJobFiles('never-queued');
      assert.equal((await store.readJobFile('never-queued', 0)[Symbol.asyncIterator]().next()).done, true);
      await assert.rejects(store.saveJobFile('', 0, pieces()), (e: unknown) => e instanceof CorroborateError && e.code === 'usage');
    });

    it('takes a job again when its worker stopped, and fails it after the last attempt', async () => {
      await store.enqueueJob({ id: 'j1', inputs: ['x'], request: '{}' }, 10);
      assert.equal((await store.claimJob('w1', 1, 2))?.job.attempts, 1);
      assert.equal(await store.addJobArticles('j1', 'w1', ['a1', 'a2']), true, 'the first attempt stored two articles');
      assert.equal(await store.addJobArticles('j1', 'w1', ['a2']), true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const again = await store.claimJob('w2', 1, 2);
      assert.deepEqual([again?.job.id, again?.job.attempts], ['j1', 2], "the stopped worker's job is taken again");
      assert.deepEqual(again?.job.articlesAdded, ['a1', 'a2'], 'with the articles its earlier attempt stored');
      assert.equal(await store.addJobArticles('j1', 'w1', ['a3']), false, 'the first worker lost it');
      assert.equal(await store.reportJob('j1', 'w1', { stage: 'x', done: 0, total: null }, 60_000), false, 'the first worker lost it');
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.equal(await store.claimJob('w3', 60_000, 2), null, 'not a third time');
      const failed = await store.getJob('j1');
      assert.equal(failed?.state, 'failed');
      assert.match(failed?.errors[0]?.message ?? '', /started 2 times/);
      assert.deepEqual(failed?.articlesAdded, ['a1', 'a2'], 'a job given up keeps the articles it stored');
      await store.enqueueJob({ id: 'j2', inputs: ['x'], request: '{}' }, 10);
      assert.equal((await store.claimJob('killed', 60_000, 2))?.job.id, 'j2');
      assert.equal(await store.claimJob('w4', 60_000, 2, (holder) => holder === 'other'), null, 'its holder may still run');
      const taken = await store.claimJob('w4', 60_000, 2, (holder) => holder === 'killed');
      assert.deepEqual([taken?.job.id, taken?.job.attempts], ['j2', 2], 'a holder known to be gone waits for nobody');
    });

    it('gives a contested job to one worker, and forgets all but the newest finished jobs', async () => {
      for (let i = 0; i < 4; i++) await store.enqueueJob({ id: `j${i}`, inputs: [], request: '{}' }, 10);
      const second = await openStore(place.location, place.options);
      const held: [string, string][] = [];
      try {
        const claims = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? second : store).claimJob(`w${i}`, 60_000, 3)));
        claims.forEach((claim, i) => claim && held.push([claim.job.id, `w${i}`]));
        assert.equal(held.length, 4, 'every job taken');
        assert.equal(new Set(held.map(([id]) => id)).size, 4, 'none taken twice');
      } finally {
        await second.close();
      }
      const outcome = { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] };
      for (const [id, holder] of held) assert.equal(await store.finishJob(id, holder, 'done', outcome, 2), true);
      assert.deepEqual(await store.countJobs(), { queued: 0, running: 0, done: 2, failed: 0 }, 'the two newest finished jobs are kept');
    });

    it('follows feeds once each, keeps their polling state, and remembers the article URLs they named', async () => {
      const feed = await store.followFeed('https://news.example/rss');
      assert.deepEqual([feed.failures, feed.articles, feed.etag], [0, 0, null]);
      assert.ok(feed.nextPollMs <= Date.now(), 'a new feed is due at once');
      assert.equal((await store.followFeed('https://news.example/rss')).id, feed.id, 'followed twice is one feed');
      await assert.rejects(store.followFeed('javascript:alert(1)'), CorroborateError);
      const later = Date.now() + 3_600_000;
      await store.recordFeedPoll(feed.id, {
        etag: '"v1"',
        lastModified: 'Mon, 07 Dec 2026 05:00:00 GMT',
        nextPollMs: later,
        failures: 0,
        lastError: null,
        polledAt: '2026-12-07T05:00:00.000Z',
        articlesAdded: 3,
      });
      const failing = await store.followFeed('https://other.example/feed.xml');
      await store.recordFeedPoll(failing.id, {
        etag: null,
        lastModified: null,
        nextPollMs: later - 1,
        failures: 2,
        lastError: 'the server answered HTTP 500',
        polledAt: '2026-12-07T05:01:00.000Z',
        articlesAdded: 0,
      });
      await store.close();
      store = await openStore(place.location, place.options);
      const [first, second] = await store.listFeeds();
      assert.deepEqual(
        [first?.url, first?.failures, first?.lastError, first?.lastOkAt],
        ['https://other.example/feed.xml', 2, 'the server answered HTTP 500', null],
      );
      assert.deepEqual(
        [second?.etag, second?.lastModified, second?.nextPollMs, second?.articles, second?.lastOkAt],
        ['"v1"', 'Mon, 07 Dec 2026 05:00:00 GMT', later, 3, '2026-12-07T05:00:00.000Z'],
      );

      const urls = Array.from({ length: 1000 }, (_, i) => `https://news.example/a/${i}`);
      assert.equal((await store.unseenItems(urls)).length, 1000);
      await store.markItemsSeen(feed.id, [
        { url: urls[0]!, articleId: 'a1' },
        { url: urls[999]!, articleId: null },
      ]);
      await store.markItemsSeen(feed.id, [{ url: urls[0]!, articleId: null }]);
      const unseen = await store.unseenItems([...urls, urls[1]!]);
      assert.equal(unseen.length, 998);
      assert.ok(!unseen.includes(urls[0]!) && !unseen.includes(urls[999]!));
      const [due] = await store.listFeeds();
      const rival = await openStore(place.location, place.options);
      try {
        const claims = await Promise.all([store, rival, store].map((s) => s.claimFeedPoll(due!.id, due!.nextPollMs, later + 5)));
        assert.equal(claims.filter(Boolean).length, 1, 'one watcher polls a feed due');
      } finally {
        await rival.close();
      }
      assert.equal(await store.unfollowFeed(feed.id), true);
      assert.equal(await store.unfollowFeed(feed.id), false);
      assert.deepEqual(
        (await store.listFeeds()).map((f) => f.id),
        [failing.id],
      );
      assert.equal((await store.unseenItems([urls[0]!])).length, 0, 'what an unfollowed feed named stays seen');
    });

    it('keeps concurrent writes whole', async () => {
      const batches = [0, 1, 2, 3].map((b) => [1, 2, 3].map((n) => withSentences(sampleArticle(b * 10 + n))));
      const results = await Promise.all([...batches.map((batch) => store.saveArticles(batch)), store.saveArticles(batches[0]!)]);
      const inserted = results.flatMap((r) => r.inserted);
      assert.equal(new Set(inserted).size, 12);
      assert.equal(inserted.length, 12, 'no article counted as inserted twice');
      assert.equal(await store.countArticles(), 12);
    });
  });
}

/** Every table's columns (name, type family, whether NULL is refused) and the named indexes. */
async function schemaOf(driver: SqlDriver): Promise<Record<string, string[]>> {
  const schema: Record<string, string[]> = {};
  const add = (table: string, entry: string) => (schema[table] ??= []).push(entry);
  const family = (type: string) => (/int/i.test(type) ? 'integer' : /^(blob|bytea)$/i.test(type) ? 'bytes' : type.toLowerCase());
  if (driver.dialect === 'sqlite') {
    const columns = await driver.query(
      `SELECT m.name AS tbl, c.name, c.type, c."notnull" AS required, c.pk FROM sqlite_master m, pragma_table_info(m.name) c
       WHERE m.type = 'table' ORDER BY m.name, c.cid`,
    );
    // SQLite lets a TEXT primary key hold NULL; corroborate never writes one, PostgreSQL refuses it.
    for (const c of columns)
      add(String(c.tbl), `${c.name} ${family(String(c.type))}${Number(c.required) || Number(c.pk) ? ' not null' : ''}`);
    const indexes = await driver.query(`SELECT tbl_name AS tbl, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`);
    for (const i of indexes) add(String(i.tbl), `index ${i.name}`);
  } else {
    const columns = await driver.query(
      `SELECT table_name AS tbl, column_name AS name, data_type AS type, is_nullable FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    for (const c of columns) add(String(c.tbl), `${c.name} ${family(String(c.type))}${c.is_nullable === 'NO' ? ' not null' : ''}`);
    const indexes = await driver.query(
      `SELECT i.tablename AS tbl, i.indexname AS name FROM pg_indexes i
       WHERE i.schemaname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
    );
    for (const i of indexes) add(String(i.tbl), `index ${i.name}`);
  }
  for (const entries of Object.values(schema)) entries.sort();
  return schema;
}

describe('schema', () => {
  const backends = [sqliteBackend(), postgresBackend()];
  before(() => Promise.all(backends.map((b) => b.setUp())));
  after(() => Promise.all(backends.map((b) => b.tearDown())));

  it('is the same in every backend: tables, columns, NOT NULL and indexes', async () => {
    const schemas = [];
    for (const backend of backends) {
      const place = await backend.fresh();
      const store = await openStore(place.location, place.options);
      await store.close();
      const raw = await backend.raw(place);
      try {
        schemas.push(await schemaOf(raw));
      } finally {
        await raw.close();
        await backend.release(place);
      }
    }
    assert.ok(Object.keys(schemas[0]!).includes('engine_state'), Object.keys(schemas[0]!).join(', '));
    // The full-text index is each engine's own by design (FTS5's shadow tables, a tsvector).
    for (const schema of schemas) {
      assert.ok(schema.article_search, 'every backend has a full-text index of articles');
      for (const table of Object.keys(schema)) if (table.startsWith('article_search')) delete schema[table];
    }
    assert.deepEqual(schemas[1], schemas[0]);
  });
});

/** A column as schemaOf() describes it, worked out from its rows.ts type. */
type Described<V> =
  `${NonNullable<V> extends number ? 'integer' : NonNullable<V> extends Buffer ? 'bytes' : 'text'}${null extends V ? '' : ' not null'}`;

/**
 * Every table's columns as rows.ts types them: the compiler holds each entry to its interface
 * (every column, no other, the type family and nullability its type says), the test below holds
 * them to the schema the migrations make.
 */
const DECLARED: { [T in keyof Tables]: { [C in keyof Tables[T]]-?: Described<Tables[T][C]> } } = {
  corroborate_migrations: { version: 'integer not null', name: 'text not null', applied_at: 'text not null' },
  articles: {
    content_hash: 'text not null',
    id: 'text not null',
    input: 'text not null',
    url: 'text',
    title: 'text',
    byline: 'text',
    outlet: 'text',
    outlet_key: 'text',
    publisher: 'text',
    published: 'text',
    published_ms: 'integer',
    language: 'text',
    text_length: 'integer not null',
    search_text: 'text not null',
    record: 'text not null',
    stored_at: 'text not null',
  },
  sentences: {
    article_id: 'text not null',
    idx: 'integer not null',
    paragraph: 'integer not null',
    start_offset: 'integer not null',
    end_offset: 'integer not null',
    text: 'text not null',
  },
  rejections: { key: 'text not null', input: 'text not null', code: 'text not null', reason: 'text not null', at: 'text not null' },
  stories: {
    id: 'text not null',
    headline: 'text not null',
    label: 'text not null',
    first_seen: 'text',
    last_seen: 'text',
    first_seen_ms: 'integer',
    last_seen_ms: 'integer',
    outlets: 'text not null',
    size: 'integer not null',
    independent_origins: 'integer not null',
    findings: 'integer not null',
    search_text: 'text not null',
    dossier: 'text not null',
    saved_at: 'text not null',
    version: 'integer',
  },
  story_outlets: { story_id: 'text not null', outlet_key: 'text not null', outlet: 'text not null' },
  story_articles: { story_id: 'text not null', article_id: 'text not null', position: 'integer not null', role: 'text not null' },
  story_aliases: { id: 'text not null', story_id: 'text not null', merged_at: 'text not null' },
  signature_bands: { band_key: 'text not null', article_id: 'text not null' },
  engine_state: { key: 'text not null', value: 'text not null', updated_at: 'text not null' },
  leases: { name: 'text not null', holder: 'text not null', expires_ms: 'integer not null' },
  ingest_jobs: {
    id: 'text not null',
    state: 'text not null',
    created_at: 'text not null',
    queue_position: 'integer not null',
    started_at: 'text',
    finished_at: 'text',
    stage: 'text',
    done: 'integer not null',
    total: 'integer',
    attempts: 'integer not null',
    holder: 'text',
    expires_ms: 'integer',
    inputs: 'text not null',
    request: 'text',
    outcome: 'text not null',
  },
  ingest_job_files: {
    job_id: 'text not null',
    file_index: 'integer not null',
    chunk_index: 'integer not null',
    bytes: 'bytes not null',
    stored_ms: 'integer not null',
  },
  engine_stories: {
    id: 'text not null',
    seq: 'integer not null',
    version: 'integer not null',
    size: 'integer not null',
    first_ms: 'integer',
    last_ms: 'integer',
    facts: 'text not null',
  },
  engine_members: {
    article_id: 'text not null',
    story_id: 'text not null',
    position: 'integer not null',
    headline: 'text not null',
    profile: 'text',
  },
  engine_postings: { key: 'text not null', day: 'integer', stories: 'text not null' },
  engine_merges: { id: 'text not null', into_id: 'text not null' },
  unplaced_articles: { article_id: 'text not null', published_ms: 'integer', stored_ms: 'integer not null' },
  story_queue: { story_id: 'text not null', version: 'integer not null', holder: 'text', expires_ms: 'integer' },
  article_parts: { article_id: 'text not null', part: 'text not null', version: 'text not null', value: 'text not null' },
  watched_feeds: {
    id: 'text not null',
    url: 'text not null',
    added_at: 'text not null',
    etag: 'text',
    last_modified: 'text',
    next_poll_ms: 'integer not null',
    failures: 'integer not null',
    last_error: 'text',
    last_polled_at: 'text',
    last_ok_at: 'text',
    articles: 'integer not null',
  },
  watched_items: { url: 'text not null', feed_id: 'text not null', seen_ms: 'integer not null', article_id: 'text' },
};

describe('row types', () => {
  const backends = [sqliteBackend(), postgresBackend()];
  before(() => Promise.all(backends.map((b) => b.setUp())));
  after(() => Promise.all(backends.map((b) => b.tearDown())));

  it("are the schema's: rows.ts declares every table and column with its type and nullability, and counts come back as numbers", async () => {
    const declared = Object.fromEntries(
      Object.entries(DECLARED).map(([table, columns]) => [
        table,
        Object.entries(columns)
          .map(([column, described]) => `${column} ${described}`)
          .sort(),
      ]),
    );
    for (const backend of backends) {
      const place = await backend.fresh();
      const store = await openStore(place.location, place.options);
      await store.saveArticles([withSentences(sampleArticle(1))]);
      await store.close();
      const raw = await backend.raw(place);
      try {
        const schema = await schemaOf(raw);
        const columns = Object.fromEntries(
          Object.entries(schema)
            .filter(([table]) => !table.startsWith('article_search'))
            .map(([table, entries]) => [table, entries.filter((entry) => !entry.startsWith('index '))]),
        );
        assert.deepEqual(columns, declared, backend.name);
        // PostgreSQL's COUNT(*) is a BIGINT, which pg returns as text unless the driver parses it.
        const [count] = await raw.query<CountRow>('SELECT COUNT(*) AS n FROM articles');
        assert.strictEqual(count?.n, 1, `${backend.name}: COUNT(*) is a number`);
        const [article] = await raw.query<Pick<Tables['articles'], 'published_ms' | 'text_length'>>(
          'SELECT published_ms, text_length FROM articles',
        );
        assert.equal(typeof article?.published_ms, 'number', `${backend.name}: a BIGINT column is a number`);
        assert.equal(typeof article?.text_length, 'number');
      } finally {
        await raw.close();
        await backend.release(place);
      }
    }
  });
});

describe('openStore errors', () => {
  it('says how to fix a missing folder', async () => {
    await assert.rejects(openStore(join(tmpdir(), `no-such-folder-${randomBytes(4).toString('hex')}`, 'x.db')), (error: unknown) => {
      assert.ok(error instanceof CorroborateError, String(error));
      assert.match(error.message, /does not exist/);
      assert.match(error.hint ?? '', /mkdir -p/);
      return true;
    });
  });

  it('refuses a file that is not a database', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'corroborate-store-'));
    try {
      const path = join(folder, 'notes.db');
      writeFileSync(path, 'These are my notes, not a database. '.repeat(200));
      await assert.rejects(
        openStore(path),
        (error: unknown) =>
          error instanceof CorroborateError && error.code === 'store' && /not a corroborate database/.test(error.hint ?? ''),
      );
      await assert.rejects(openStore(folder), (error: unknown) => error instanceof CorroborateError && /is a folder/.test(error.message));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('says when PostgreSQL is unreachable', async () => {
    await assert.rejects(openStore('postgres://postgres@127.0.0.1:1/test'), (error: unknown) => {
      assert.ok(error instanceof CorroborateError, String(error));
      assert.match(error.message, /Cannot open the PostgreSQL database/);
      assert.match(error.hint ?? '', /running/);
      return true;
    });
  });

  it('refuses an empty location and a bad schema name', async () => {
    await assert.rejects(openStore(''), (error: unknown) => error instanceof CorroborateError && error.code === 'usage');
    await assert.rejects(
      openStore(POSTGRES_URL, { schema: 'x"; drop' }),
      (error: unknown) => error instanceof CorroborateError && error.code === 'usage',
    );
  });
});
