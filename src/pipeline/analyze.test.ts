// The orchestrator across runs: a store keeps the stories engine's state, so articles analyzed
// later join the stories already stored (same ids), re-running the same inputs changes nothing,
// and a store without a usable state is rebuilt from its articles. Uses the example articles and
// a real SQLite store.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeArticles, runAnalysis, STORY_INDEX_STATE } from './analyze.js';
import { openStore } from '../store/index.js';
import { validateDossier } from '../dossier/validate.js';
import type { Store } from '../store/types.js';

const EXAMPLES = new URL('../../examples/', import.meta.url).pathname;
const REUTERS = join(EXAMPLES, '000_0c083f95c1e08a76.txt');
const SUMMARY = join(EXAMPLES, '001_d6d31ae256cae5f1.txt');
const REWRITE = join(EXAMPLES, '002_bdac9d48c005ab8f.txt');
const EPOCH = join(EXAMPLES, '003_0176dabefc5f30e1.txt');
const BENZINGA = join(EXAMPLES, '004_883793e3d08d46d8.txt');

let dir: string;
const open: Store[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-pipeline-'));
});

after(async () => {
  await Promise.all(open.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

async function freshStore(name: string): Promise<Store> {
  const store = await openStore(join(dir, `${name}.db`));
  open.push(store);
  return store;
}

test('a later run joins the stored story: same id, all members, copies found across runs', async () => {
  const store = await freshStore('incremental');
  const first = await runAnalysis([REUTERS, EPOCH], store);
  assert.equal(first.dossier.stories.length, 1);
  const id = first.dossier.stories[0]!.id;

  const second = await runAnalysis([SUMMARY, REWRITE, BENZINGA], store);
  assert.deepEqual(second.inserted.length, 3);
  assert.equal(second.dossier.stories.length, 1, 'the new articles join one story');
  const story = second.dossier.stories[0]!;
  assert.equal(story.id, id, 'the stored story keeps its id');
  assert.equal(story.articles.length, 5, 'the re-analyzed story holds old and new members');
  assert.doesNotThrow(() => validateDossier(second.dossier));

  // The rewrite and the summary were stored in the second run; Reuters in the first. The
  // derivation still links them to it, which needs reuse found across runs.
  const reutersId = first.articles.find((a) => a.outlet === 'Reuters')!.id;
  const derived = story.articles.filter((a) => a.derivedFrom.some((link) => link.article === reutersId));
  assert.ok(derived.length >= 2, `the summary and the rewrite derive from the stored Reuters story (got ${derived.length})`);

  const listed = await store.listStories();
  assert.equal(listed.total, 1, 'one stored story, not one per run');
  assert.equal((await store.getStory(id))!.articles.length, 5);
  assert.ok((await store.readEngineSeq()) > 0, 'the engine state is saved');
  assert.equal((await store.readEnginePlacements(story.articles.map((a) => a.id))).size, 5, 'every article is placed');
});

test('re-running the same inputs adds nothing and keeps the story', async () => {
  const store = await freshStore('rerun');
  const first = await runAnalysis([EXAMPLES], store);
  const again = await runAnalysis([EXAMPLES], store);
  assert.equal(again.inserted.length, 0);
  assert.deepEqual(
    again.dossier.stories.map((s) => [s.id, s.articles.length]),
    first.dossier.stories.map((s) => [s.id, s.articles.length]),
  );
  assert.equal((await store.listStories()).total, first.dossier.stories.length);
});

test('a store whose engine state is missing or unreadable is rebuilt from its articles', async () => {
  const store = await freshStore('rebuild');
  const first = await runAnalysis([REUTERS, EPOCH, BENZINGA], store);
  await store.putState(STORY_INDEX_STATE, '{"version": 999}');
  const second = await runAnalysis([SUMMARY, REWRITE], store);
  assert.equal(second.dossier.stories.length, 1);
  assert.equal(second.dossier.stories[0]!.id, first.dossier.stories[0]!.id);
  assert.equal(second.dossier.stories[0]!.articles.length, 5);
});

test('every story carries what each article adds, leaves out and disputes', async () => {
  const store = await freshStore('coverage');
  const { articles } = await runAnalysis([EXAMPLES], store);
  const dossier = analyzeArticles(articles);
  const story = dossier.stories.find((s) => s.articles.length === 5)!;
  assert.deepEqual(story.coverage.map((c) => c.article).sort(), story.articles.map((a) => a.id).sort());
  const claimIds = new Set(story.claims.map((c) => c.id));
  for (const row of story.coverage) {
    for (const id of [...row.adds, ...row.omits, ...row.disputes]) assert.ok(claimIds.has(id), `coverage names a known claim ${id}`);
  }
  const epoch = story.articles.find((a) => a.outlet === 'The Epoch Times')!;
  assert.ok(story.coverage.find((c) => c.article === epoch.id)!.adds.length > 0, 'the Epoch Times adds claims of its own');
  const rewrite = story.articles.find((a) => a.role === 'rewrite');
  assert.ok(rewrite, 'the rewrite is found');
  assert.ok(story.coverage.find((c) => c.article === rewrite!.id)!.disputes.length > 0, 'the rewrite states claims against the others');
});

test("two runs writing one database at once: neither loses the other's articles", async () => {
  const path = join(dir, 'concurrent.db');
  const a = await openStore(path);
  const b = await openStore(path);
  open.push(a, b);
  await Promise.all([
    runAnalysis([REUTERS, EPOCH], a, { lease: { pollMs: 20 } }),
    runAnalysis([SUMMARY, REWRITE, BENZINGA], b, { lease: { pollMs: 20 } }),
  ]);
  const listed = await a.listStories();
  assert.equal(listed.total, 1, 'one story, not one per run');
  assert.equal((await a.getStory(listed.stories[0]!.id))!.articles.length, 5);
});

test("a run waits while another process holds the engine's lease, then continues its stories", async () => {
  const store = await freshStore('waiting');
  await runAnalysis([REUTERS, EPOCH], store);
  assert.equal(await store.acquireLease(STORY_INDEX_STATE, 'other-process', 60_000), true);
  const waits: string[] = [];
  const run = runAnalysis([SUMMARY, REWRITE, BENZINGA], store, { lease: { pollMs: 20, onWait: (holder) => waits.push(holder) } });
  // Until the run reaches the lease (ingest and extraction first), then a while longer.
  for (let i = 0; i < 400 && waits.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 25));
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal((await store.listStories()).stories[0]!.size, 2, 'nothing of the waiting run is analyzed yet');
  await store.releaseLease(STORY_INDEX_STATE, 'other-process');
  const result = await run;
  assert.deepEqual(waits, ['other-process'], 'the run was told who it waits for');
  assert.equal(result.dossier.stories[0]!.articles.length, 5);
});

test('articles stored by a run that stopped before placing them join their story next time', async () => {
  const store = await freshStore('interrupted');
  const first = await runAnalysis([REUTERS, EPOCH], store);
  // A second run stored its articles, then stopped before placing them in stories.
  const stopped = await runAnalysis([SUMMARY, REWRITE], await freshStore('scratch'));
  await store.saveArticles(stopped.articles.map((article) => ({ article, sentences: [] })));
  // Once a lease's time has passed, what it left unplaced is fed with the next batch.
  await new Promise((resolve) => setTimeout(resolve, 60));
  const third = await runAnalysis([BENZINGA], store, { lease: { ttlMs: 50 } });
  assert.equal(third.dossier.stories.length, 1);
  const story = third.dossier.stories[0]!;
  assert.equal(story.id, first.dossier.stories[0]!.id);
  assert.equal(story.articles.length, 5, 'the unplaced stored articles were fed with the new one');
});

test('an engine state kept as one JSON value (before tables) is moved into tables once, with a message', async () => {
  const legacy = await freshStore('legacy-source');
  await runAnalysis([REUTERS, EPOCH, BENZINGA], legacy);
  const { StoryIndex } = await import('../stories/index.js');
  // The state as the one-value format kept it: the same articles fed through an in-memory index.
  const index = new StoryIndex();
  const { feedBatch } = await import('../stories/feed.js');
  const articles = (await legacy.listArticles()).articles;
  const stored = await Promise.all(articles.map(async (a) => ({ article: (await legacy.getArticle(a.id))!, sentences: [] })));
  feedBatch(index, stored, []);
  const store = await freshStore('legacy');
  await store.saveArticles(stored);
  await store.putState(STORY_INDEX_STATE, JSON.stringify(index.toJSON()));
  const notices: string[] = [];
  const result = await runAnalysis([SUMMARY, REWRITE], store, { onNotice: (message) => notices.push(message) });
  assert.equal(notices.length, 1);
  assert.match(notices[0]!, /into tables; this happens once/);
  assert.equal(await store.getState(STORY_INDEX_STATE), null, 'the old value is gone');
  assert.equal(result.dossier.stories.length, 1);
  assert.equal(result.dossier.stories[0]!.id, index.allStories()[0]!.id, 'the converted story keeps its id');
  assert.equal(result.dossier.stories[0]!.articles.length, 5);
});
