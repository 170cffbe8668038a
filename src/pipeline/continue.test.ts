// The stories engine over a store, batch after batch: the window a batch loads and the rows it
// writes must give exactly the stories one in-memory index gives when fed the same batches, and
// an article must stand in exactly one current stored story after every run, splits and merges
// included. Random streams of made-up reports of same-kind events (two earthquakes, two
// strikes ...) sharing names, so wrong joins, splits and merges happen. Real SQLite stores.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Article } from '../records.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import { STORY_DEFAULTS, StoryIndex } from '../stories/index.js';
import { feedBatch, orderForClustering } from '../stories/feed.js';
import { splitSentences } from '../sentences/index.js';
import { articleFeatures } from '../stories/features.js';
import { storyInput } from '../stories/feed.js';
import { loadStoryWindow, stateWrite } from './story-state.js';
import { runAnalysis } from './analyze.js';

let dir: string;
const open: Store[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-continue-'));
});

after(async () => {
  await Promise.all(open.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

/** A small deterministic random source (mulberry32), so a failing stream can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = [
  ['earthquake', 'magnitude', 'rescuers', 'collapsed', 'aftershocks'],
  ['strike', 'union', 'walkout', 'wages', 'pickets'],
  ['flood', 'river', 'evacuated', 'rainfall', 'levee'],
];
const PLACES = ['Varna', 'Oulu', 'Tromso', 'Izmir', 'Cusco', 'Mombasa', 'Leeds', 'Gdansk'];
const PEOPLE = ['Maria Okafor', 'Tomas Lindqvist', 'Ana Ferreira', 'Kenji Sato', 'Lea Dubois', 'Omar Haddad'];
const OUTLETS = ['Wire', 'Daily', 'Herald', 'Post'];

/** Reports of `events` events, two of each kind, sharing names across the pair; dated within days. */
function stream(seed: number, events: number, reports: number): Article[] {
  const rand = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const articles: Article[] = [];
  for (let e = 0; e < events; e++) {
    const kind = KINDS[e % KINDS.length]!;
    const place = PLACES[Math.floor(e / 2) % PLACES.length]!;
    const person = PEOPLE[e % PEOPLE.length]!;
    const day = 1 + Math.floor(rand() * 6);
    const figure = 10 + Math.floor(rand() * 90);
    for (let r = 0; r < reports; r++) {
      const words = [...kind].sort(() => rand() - 0.5);
      const text =
        `${place}: the ${words[0]} reported on May ${day} left ${figure} ${words[1]} in ${place}, officials said. ` +
        `${person} said the ${words[2]} and the ${words[3]} would go on. ${pick(PEOPLE)} spoke of ${words[4]}.\n\n` +
        `Report ${e}-${r} from ${pick(OUTLETS)} on the ${words[0]} in ${place}.`;
      const id = `${seed.toString(16)}${e.toString(16).padStart(3, '0')}${r.toString(16).padStart(3, '0')}`.padEnd(16, '0');
      articles.push({
        id,
        contentHash: id.padEnd(64, '0'),
        input: `report-${e}-${r}.txt`,
        url: null,
        canonicalUrl: null,
        title: `${place} ${words[0]}: ${figure} ${words[1]}`,
        byline: null,
        outlet: pick(OUTLETS),
        publisher: null,
        published: `2026-05-${String(day + Math.floor(rand() * 2)).padStart(2, '0')}T${String(Math.floor(rand() * 24)).padStart(2, '0')}:00:00Z`,
        language: 'en',
        text,
        removed: [],
        warnings: [],
      } as unknown as Article);
    }
  }
  return articles.sort(() => rand() - 0.5);
}

function batches<T>(items: readonly T[], seed: number): T[][] {
  const rand = random(seed);
  const out: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = 1 + Math.floor(rand() * 9);
    out.push(items.slice(i, i + size));
    i += size;
  }
  return out;
}

test('batches placed through the store give the stories one in-memory index gives', async () => {
  let splits = 0;
  let merges = 0;
  for (const seed of [1, 2, 3]) {
    const articles = stream(seed, 8, 6);
    const store = await openStore(join(dir, `same-${seed}.db`));
    open.push(store);
    const reference = new StoryIndex();
    for (const batch of batches(articles, seed)) {
      const prepared = batch.map((article) => ({
        article,
        sentences: splitSentences(article.text),
        features: articleFeatures(storyInput(article)),
      }));
      // feedBatch's steps, counting what the streams must exercise.
      for (const { article } of orderForClustering(prepared)) {
        const assignment = reference.add(storyInput(article));
        if (assignment.split) splits++;
        merges += assignment.merged.length;
      }
      merges += reference.revisit().length;
      await store.saveArticles(prepared);
      const index = await loadStoryWindow(
        store,
        STORY_DEFAULTS,
        prepared.map((p) => ({ features: p.features, links: [] })),
      );
      feedBatch(index, prepared, []);
      await store.writeEngineState(
        stateWrite(
          index.changes(),
          batch.map((a) => a.id),
          'test',
          60_000,
        ),
      );
    }
    const placements = await store.readEnginePlacements(articles.map((a) => a.id));
    for (const article of articles) assert.equal(placements.get(article.id), reference.storyOf(article.id), `seed ${seed}: ${article.id}`);
    const stored = await store.readEngineMembers(reference.allStories().map((s) => s.id));
    for (const story of reference.allStories()) {
      assert.deepEqual(
        stored.get(story.id)?.map((m) => m.id),
        story.articleIds,
        `seed ${seed}: members of ${story.id} in order`,
      );
    }
  }
  assert.ok(splits > 0 && merges > 0, `the streams split (${splits}) and merge (${merges}) stories`);
});

test('after every run, each stored article stands in exactly one current story', async () => {
  const articles = stream(7, 6, 5);
  const store = await openStore(join(dir, 'invariant.db'));
  open.push(store);
  let n = 0;
  for (const batch of batches(articles, 7)) {
    const files = await Promise.all(
      batch.map(async (a) => {
        const path = join(dir, `inv-${n++}.jsonl`);
        await writeFile(path, `${JSON.stringify({ title: a.title, text: a.text, published: a.published, outlet: a.outlet })}\n`);
        return path;
      }),
    );
    await runAnalysis(files, store, { threads: 0 });
    const ids = (await store.listArticles({ limit: 500 })).articles.map((a) => a.id);
    const placements = await store.readEnginePlacements(ids);
    for (const id of ids) {
      const stories = await store.storiesForArticle(id);
      assert.equal(stories.length, 1, `article ${id} stands in ${stories.length} stored stories: ${stories.join(', ')}`);
      assert.equal(stories[0], placements.get(id), `article ${id} is stored where the engine placed it`);
    }
  }
});

test('two processes on one PostgreSQL touching the same story: no lost update, each article in one story', async () => {
  const url = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `continue_${process.pid}`;
  const examples = new URL('../../examples/', import.meta.url).pathname;
  const files = [
    '000_0c083f95c1e08a76.txt',
    '001_d6d31ae256cae5f1.txt',
    '002_bdac9d48c005ab8f.txt',
    '003_0176dabefc5f30e1.txt',
    '004_883793e3d08d46d8.txt',
  ];
  const a = await openStore(url, { schema });
  const b = await openStore(url, { schema });
  try {
    await runAnalysis([join(examples, files[0]!)], a, { threads: 0 });
    // Both place in turn (the lease) and analyze the one story side by side.
    await Promise.all([
      runAnalysis([join(examples, files[1]!), join(examples, files[2]!)], a, { threads: 0, lease: { pollMs: 20 } }),
      runAnalysis([join(examples, files[3]!), join(examples, files[4]!)], b, { threads: 0, lease: { pollMs: 20 } }),
    ]);
    const listed = await a.listStories();
    assert.equal(listed.total, 1);
    const story = (await a.getStory(listed.stories[0]!.id))!;
    assert.equal(story.articles.length, 5, 'the stored dossier is the one built from the later state');
    for (const article of story.articles) assert.deepEqual(await a.storiesForArticle(article.id), [story.id]);
  } finally {
    await a.close();
    await b.close();
    const { connect } = await import('../store/postgres/index.js');
    const admin = await connect(url);
    await admin.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.close();
  }
});
