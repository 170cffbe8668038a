// Stage 6 against a store: a batch of stored articles joins the stored stories, and the stories it
// changed are analyzed again. Only the placement needs the store's lease (one writer of the
// engine state at a time); reuse before it and story analysis after it run outside the lease, in
// the worker pool, so several processes on one database overlap everything but the placement.
// A dossier is saved only while its engine version is current: two processes touching one story
// never lose an update (the later state's dossier wins, whoever finishes last).
import type { ClaimMention, ReusePair, Story } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import type { Store } from '../store/types.js';
import { splitSentences } from '../sentences/index.js';
import { STORY_DEFAULTS, StoryIndex, type SerializedStoryIndex, type StoryOptions } from '../stories/index.js';
import { feedBatch, reuseLinks } from '../stories/feed.js';
import { summarise } from '../stories/engine.js';
import { storyFromRow } from '../stories/state.js';
import { LEASE_DEFAULTS, leaseHolderName, withLease } from './lease.js';
import { engineOptions, loadStoryWindow, stateWrite } from './story-state.js';
import { stageOptions, type PreparedArticle, type StoryTask } from './tasks.js';
import type { PipelineWorkers } from './workers.js';
import type { AnalyzeOptions } from './analyze.js';
import { CLAIMS_PART, claimsFromPart, claimsPart, claimsVersion, type MemberArticle } from './article-parts.js';

/** The store's lease name for placing articles in stories (and, before issue #15, the key of the engine's one-value state). */
export const STORY_INDEX_STATE = 'stories.index';
/** Stored articles left unplaced (a stopped run, a rebuild) fed with one batch: bounded work per batch. */
const UNPLACED_PER_BATCH = 500;
/** How long a run has to analyze the stories it changed before another run may take them over. */
const STORY_ANALYSIS_TTL_MS = 10 * 60_000;
/** Stories another run changed but never analyzed (it stopped) taken up per batch. */
const ORPHANS_PER_BATCH = 20;
/** Stored members whose kept claims are missing or stale, per task sent to a thread: as many as a chunk's slices. */
const CLAIM_TASK_SLICE = 8;

export interface ContinueResult {
  /** The stories of the articles fed, as analyzed now (changed) or as stored (unchanged). */
  readonly stories: readonly DossierStory[];
  /** Story ids merged away by this batch, to the story they resolve to. */
  readonly retired: ReadonlyMap<string, string>;
  /** Stored articles still wait to be placed (a rebuild): call again with no articles. */
  readonly moreUnplaced: boolean;
}

/**
 * Places a batch of stored, prepared articles (and stored articles left unplaced) in the stored
 * stories and re-analyzes every story whose members changed: the batch's, and those a split or
 * merge changed, so an article never stands in two stored stories.
 */
export async function continueStories(
  store: Store,
  given: readonly PreparedArticle[],
  workers: PipelineWorkers,
  options: AnalyzeOptions,
): Promise<ContinueResult> {
  const settings = { ...STORY_DEFAULTS, ...options.stories };
  const stages = stageOptions(options);
  const ttlMs = options.lease?.ttlMs ?? LEASE_DEFAULTS.ttlMs;
  const holder = leaseHolderName();
  const version = claimsVersion(options.claims);
  const cache = new ArticleCache(store, given, version);

  await adoptOldState(store, settings, options);
  // Articles a run stored and never placed: it stopped (older than a lease lasts), or a rebuild.
  const givenIds = new Set(given.map((a) => a.article.id));
  const unplacedIds = (await store.listUnplacedArticles(UNPLACED_PER_BATCH, Date.now() - ttlMs)).filter((id) => !givenIds.has(id));
  const unplaced =
    unplacedIds.length === 0
      ? []
      : await workers.run<PreparedArticle[]>({ kind: 'prepare', articles: await cache.getAll(unplacedIds), options: stages });
  await store.saveArticleParts(unplaced.map((a) => claimsPart(a.article.id, a.claims, version)));
  const batch = [...given, ...unplaced];
  if (batch.length === 0) return { stories: [], retired: new Map(), moreUnplaced: false };
  const batchIds = new Set(batch.map((a) => a.article.id));

  // Near-duplicates of the batch, among itself and the stored articles sharing a signature band.
  const neighbourIds = (await store.findByBandKeys(batch.flatMap((a) => a.bandKeys))).filter((id) => !batchIds.has(id));
  const neighbours = await cache.getAll(neighbourIds);
  cache.add(batch);
  // Reuse reads the text and sentences alone: the rest is not copied to the thread.
  const texts = [...batch, ...neighbours].map(({ article, sentences }) => ({ article, sentences }));
  const reuse = await workers.run<ReusePair[]>({ kind: 'reuse', articles: texts, options: stages });
  await store.saveSignatures(batch.map((a) => ({ articleId: a.article.id, bandKeys: a.bandKeys })));

  // One writer of the engine state at a time: load the window, place, write what changed.
  const links = reuseLinks(reuse);
  const placed = await withLease(
    store,
    STORY_INDEX_STATE,
    async (lease) => {
      const index = await loadStoryWindow(
        store,
        settings,
        batch.map((a) => ({ features: a.features, links: links.get(a.article.id) ?? [] })),
      );
      feedBatch(index, batch, reuse);
      const changes = index.changes();
      await lease.confirm();
      await store.writeEngineState(stateWrite(changes, [...batchIds], holder, STORY_ANALYSIS_TTL_MS));
      const large = changes.stories.filter((s) => s.members.length !== s.size).map((s) => s.id);
      for (const [id, members] of await store.readEngineMembers(large)) index.holdMembers(id, members);
      const changed = changes.stories.map((s) => ({ story: index.story(s.id), version: s.version }));
      const changedIds = new Set(changed.map((c) => c.story.id));
      const unchanged = [...new Set(batch.map((a) => index.storyOf(a.article.id)!))].filter((id) => !changedIds.has(id));
      return { changed, unchanged, retired: changes.retired };
    },
    options.lease,
  );

  // Each changed story again, with all its members, old and new, in the pool.
  const orphans = await store.claimQueuedStories(holder, STORY_ANALYSIS_TTL_MS, ORPHANS_PER_BATCH);
  const tasks = [...placed.changed, ...(await orphanStories(store, orphans))];
  // Stored members' claims are read as kept; those kept by other code or options are extracted again (and kept).
  const stale = [...new Set((await Promise.all(tasks.map(({ story }) => cache.getAll(story.articleIds)))).flat())].filter((m) => !m.claims);
  const extracted = (
    await Promise.all(
      slices(stale, CLAIM_TASK_SLICE).map((slice) => workers.run<ClaimMention[][]>({ kind: 'claims', articles: slice, options: stages })),
    )
  ).flat();
  cache.add(stale.map((member, i) => ({ ...member, claims: extracted[i] ?? [] })));
  await store.saveArticleParts(stale.map((member, i) => claimsPart(member.article.id, extracted[i] ?? [], version)));
  const analyzed = await Promise.all(
    tasks.map(async ({ story, version }) => {
      const members = await cache.getAll(story.articleIds);
      const memberIds = new Set(story.articleIds);
      // Pairs already found cover the batch; older members are re-compared among themselves.
      const known = members.length === story.articleIds.length && story.articleIds.every((m) => batchIds.has(m));
      const task: StoryTask = {
        story: { ...story, articleIds: members.map((m) => m.article.id) },
        version,
        members,
        reuse: known ? reuse.filter((pair) => memberIds.has(pair.a) && memberIds.has(pair.b)) : null,
      };
      return { story: await workers.run<DossierStory>({ kind: 'analyze', task, options: stages }), version };
    }),
  );
  await store.saveStoryVersions(analyzed);
  const ownIds = new Set(placed.changed.map((c) => c.story.id));
  const stored = await Promise.all(placed.unchanged.map((id) => store.getStory(id)));
  return {
    stories: [...analyzed.map((a) => a.story).filter((s) => ownIds.has(s.id)), ...stored.filter((s): s is DossierStory => s !== null)],
    retired: placed.retired,
    moreUnplaced: unplacedIds.length === UNPLACED_PER_BATCH,
  };
}

/** Stories whose analysis another run took and never finished: their records as the engine holds them now. */
async function orphanStories(
  store: Store,
  queued: readonly { id: string; version: number }[],
): Promise<{ story: Story; version: number }[]> {
  if (queued.length === 0) return [];
  const rows = await store.readEngineStories(
    queued.map((q) => q.id),
    0,
  );
  const members = await store.readEngineMembers(rows.map((r) => r.id));
  return rows.map((row) => ({ story: summarise(storyFromRow(row, [], members.get(row.id) ?? [])), version: row.version }));
}

/**
 * A store written before the engine state moved into tables keeps it as one JSON value: it is
 * converted once (or, when it cannot be read, the stories are rebuilt from the stored articles).
 */
async function adoptOldState(store: Store, settings: StoryOptions, options: AnalyzeOptions): Promise<void> {
  let text: string | null;
  try {
    text = await store.getState(STORY_INDEX_STATE);
  } catch {
    // Too large to read at all (past the largest string the runtime makes): rebuild.
    text = '';
  }
  if (text === null) return;
  await withLease(
    store,
    STORY_INDEX_STATE,
    async () => {
      await store.resetEngineState();
      let index: StoryIndex | null = null;
      try {
        index = StoryIndex.fromJSON(JSON.parse(text) as SerializedStoryIndex, engineOptions(settings));
      } catch {
        index = null;
      }
      if (index) {
        const all = index.exportAll();
        const placed = all.events.map((e) => (e.type === 'place' ? e.article : '')).filter(Boolean);
        await store.writeEngineState({ ...stateWrite(all, placed, leaseHolderName(), 0), analyzed: true });
        options.onNotice?.(
          `Moved the stories engine's state (${index.storyCount} stories, ${index.articleCount} articles) from one ` +
            `${Math.round(text.length / 1e6)} MB value into tables; this happens once.`,
        );
      } else {
        options.onNotice?.(
          `The stories engine's stored state could not be read; the stories are rebuilt from the ${await store.countArticles()} stored articles, this once.`,
        );
      }
      await store.deleteState(STORY_INDEX_STATE);
    },
    options.lease,
  );
}

/** Articles of the batch by id, and stored ones read once from the store (with their kept claims) when a story needs them. */
class ArticleCache {
  private readonly byId = new Map<string, MemberArticle>();

  constructor(
    private readonly store: Store,
    batch: readonly MemberArticle[],
    private readonly claimsVersion: string,
  ) {
    this.add(batch);
  }

  add(batch: readonly MemberArticle[]): void {
    for (const a of batch) this.byId.set(a.article.id, a);
  }

  async getAll(ids: readonly string[]): Promise<MemberArticle[]> {
    const missing = ids.filter((id) => !this.byId.has(id));
    const kept =
      missing.length > 0 ? await this.store.getArticleParts(missing, CLAIMS_PART, this.claimsVersion) : new Map<string, string>();
    const out: MemberArticle[] = [];
    for (const id of ids) {
      let found = this.byId.get(id);
      if (!found) {
        const article = await this.store.getArticle(id);
        if (!article) continue;
        const sentences = await this.store.getSentences(id);
        const claims = kept.get(id);
        found = {
          article,
          sentences: sentences.length > 0 ? sentences : splitSentences(article.text),
          ...(claims === undefined ? {} : { claims: claimsFromPart(claims) }),
        };
        this.byId.set(id, found);
      }
      out.push(found);
    }
    return out;
  }
}

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
