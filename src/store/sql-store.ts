// The store itself, written once over the narrow SqlDriver interface: every backend runs this
// same code, so they behave alike and one test suite covers them all. Each write method is one
// transaction; the JSON documents (article records, dossiers) round-trip exactly, and the columns
// beside them serve listing, search and joins only.
import { createHash } from 'node:crypto';
import type { Article, Rejection, Sentence } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import { CorroborateError, usageError } from '../errors.js';
import type { Migration, SqlDriver, SqlExecutor, SqlValue } from './driver.js';
import type { ArticleTable, CountRow, Selected, SentenceTable, StoryTable } from './rows.js';
import {
  type FullTextDialect,
  fold,
  likePatterns,
  outletPatterns,
  paging,
  queryTimeMs,
  searchWords,
  snippet,
  storable,
  timeMs,
} from './search.js';
import { FULL_TEXT_MIGRATION } from './migrations.js';
import * as jobs from './jobs.js';
import * as feeds from './feeds.js';
import * as engine from './engine-state.js';
import type {
  ArticlePart,
  FeedPoll,
  WatchedFeed,
  EngineStateWrite,
  EngineStoryRead,
  QueuedStory,
  ArticleQuery,
  ArticleSummary,
  ClaimedJob,
  IngestJob,
  JobOutcome,
  JobState,
  ListQuery,
  OutletCount,
  SaveArticlesResult,
  Store,
  StoredRejection,
  StoryQuery,
  StorySummary,
  StoryVersion,
} from './types.js';

const { PARAMS_PER_STATEMENT } = engine;
/** A job's file is kept in rows of this many bytes: one row's worth of memory at a time, both ways. */
export const JOB_FILE_CHUNK_BYTES = 1024 * 1024;
/** Rejections listed when the caller gives no limit. */
const DEFAULT_REJECTIONS_LISTED = 100;

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS corroborate_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** ORDER BY for "newest first, undated last", the same in every backend. */
const newestFirst = (column: string, tiebreak: string): string =>
  `CASE WHEN ${column} IS NULL THEN 1 ELSE 0 END, ${column} DESC, ${tiebreak}`;

/** How a listing reads its table: what it selects, in what order, and its filters (one `?` each). */
interface Listing {
  /** What the rows are, for error messages. */
  readonly noun: string;
  readonly table: string;
  readonly columns: string;
  readonly order: string;
  /** The folded text the words of `text` are looked for in. */
  readonly searchText: string;
  /** The outlet filter, with two `?`: the outletPatterns() of the outlet asked for. */
  readonly outlet: string;
  readonly from: string;
  readonly to: string;
}

/** What a story listing reads of each story: its StorySummary. */
const STORY_LISTING_COLUMNS = [
  'id',
  'headline',
  'label',
  'first_seen',
  'last_seen',
  'outlets',
  'size',
  'independent_origins',
  'findings',
] as const satisfies readonly (keyof StoryTable)[];
type StoryListingRow = Selected<'stories', (typeof STORY_LISTING_COLUMNS)[number]>;

const STORY_LISTING: Listing = {
  noun: 'stories',
  table: 'stories s',
  columns: STORY_LISTING_COLUMNS.map((column) => `s.${column}`).join(', '),
  order: newestFirst('s.last_seen_ms', 's.id'),
  searchText: 's.search_text',
  outlet: `EXISTS (SELECT 1 FROM story_outlets o WHERE o.story_id = s.id
    AND (o.outlet_key LIKE ? ESCAPE '\\' OR o.outlet_key LIKE ? ESCAPE '\\'))`,
  // Overlap of [first, last] with [from, to]; a story with one known end spans that instant.
  from: 'COALESCE(s.last_seen_ms, s.first_seen_ms) >= ?',
  to: 'COALESCE(s.first_seen_ms, s.last_seen_ms) <= ?',
};

/** What an article listing reads of each article: its ArticleSummary. */
const ARTICLE_LISTING_COLUMNS = [
  'id',
  'input',
  'url',
  'title',
  'byline',
  'outlet',
  'publisher',
  'published',
  'language',
  'text_length',
] as const satisfies readonly (keyof ArticleTable)[];
type ArticleListingRow = Selected<'articles', (typeof ARTICLE_LISTING_COLUMNS)[number]>;

const ARTICLE_LISTING: Listing = {
  noun: 'articles',
  table: 'articles a',
  columns: ARTICLE_LISTING_COLUMNS.map((column) => `a.${column}`).join(', '),
  order: newestFirst('a.published_ms', 'a.id'),
  searchText: 'a.search_text',
  outlet: `(a.outlet_key LIKE ? ESCAPE '\\' OR a.outlet_key LIKE ? ESCAPE '\\')`,
  from: 'a.published_ms >= ?',
  to: 'a.published_ms <= ?',
};

export class SqlStore implements Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Full-text search of article text; null for a schema without it (an older store's migrations). */
  private readonly fullText: FullTextDialect | null;

  constructor(
    private readonly driver: SqlDriver,
    private readonly migrations: readonly Migration[],
    fullText: FullTextDialect | null = null,
  ) {
    this.backend = driver.dialect;
    this.fullText = migrations.some((m) => m.version === FULL_TEXT_MIGRATION) ? fullText : null;
  }

  async migrate(): Promise<void> {
    const ordered = [...this.migrations].sort((a, b) => a.version - b.version);
    const known = ordered.at(-1)?.version ?? 0;
    await this.guard('apply schema migrations', () =>
      this.driver.transaction(
        async (tx) => {
          await tx.exec(MIGRATIONS_TABLE);
          const rows = await tx.query<Selected<'corroborate_migrations', 'version'>>('SELECT version FROM corroborate_migrations');
          const applied = new Set(rows.map((row) => row.version));
          const newest = Math.max(0, ...applied);
          if (newest > known) {
            throw new CorroborateError(
              'store',
              `The database ${this.driver.location} has schema version ${newest}; this corroborate knows only up to ${known}.`,
              'Upgrade corroborate, or give --db a different database.',
            );
          }
          for (const migration of ordered) {
            if (applied.has(migration.version)) continue;
            await tx.exec(migration.sql);
            // Articles stored before full-text search existed are indexed once, with the table.
            if (migration.version === FULL_TEXT_MIGRATION && this.fullText) await indexStoredArticles(tx, this.fullText);
            await tx.run('INSERT INTO corroborate_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
              migration.version,
              migration.name,
              new Date().toISOString(),
            ]);
          }
        },
        { exclusive: true },
      ),
    );
  }

  async saveArticles(batch: readonly { article: Article; sentences: readonly Sentence[] }[]): Promise<SaveArticlesResult> {
    for (const { article } of batch) checkArticle(article);
    if (batch.length === 0) return { inserted: [], existing: [] };
    return this.write('store articles', async (tx) => {
      const inserted: string[] = [];
      const existing: string[] = [];
      const storedAt = new Date().toISOString();
      for (const { article, sentences } of batch) {
        const changed = await tx.run(
          `INSERT INTO articles (content_hash, id, input, url, title, byline, outlet, outlet_key, publisher,
             published, published_ms, language, text_length, search_text, record, stored_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (content_hash) DO NOTHING`,
          [
            article.contentHash,
            article.id,
            storable(article.input),
            nullable(article.url),
            nullable(article.title),
            nullable(article.byline),
            nullable(article.outlet),
            article.outlet ? fold(article.outlet).trim() : null,
            nullable(article.publisher),
            nullable(article.published),
            timeMs(article.published, 'start'),
            nullable(article.language),
            article.text.length,
            articleSearchText(article),
            JSON.stringify(article),
            storedAt,
          ],
        );
        if (changed === 0) {
          existing.push(article.id);
          continue;
        }
        inserted.push(article.id);
        if (this.fullText) await indexArticle(tx, this.fullText, article);
        // Not yet in a story: the stories engine places it (src/pipeline/story-state.ts).
        await tx.run(
          'INSERT INTO unplaced_articles (article_id, published_ms, stored_ms) VALUES (?, ?, ?) ON CONFLICT (article_id) DO NOTHING',
          [article.id, timeMs(article.published, 'start'), Date.now()],
        );
        await insertRows(
          tx,
          'sentences',
          ['article_id', 'idx', 'paragraph', 'start_offset', 'end_offset', 'text'],
          sentences.map((s) => [article.id, s.index, s.paragraph, s.start, s.end, storable(s.text)]),
        );
      }
      return { inserted, existing };
    });
  }

  async saveRejections(rejections: readonly Rejection[]): Promise<void> {
    if (rejections.length === 0) return;
    const at = new Date().toISOString();
    await this.write('store rejections', async (tx) => {
      for (const { input, code, reason } of rejections) {
        // The same refusal of the same input is kept once, with the time it last happened.
        const key = createHash('sha256').update(`${input}\u0000${code}\u0000${reason}`).digest('hex');
        await tx.run(
          `INSERT INTO rejections (key, input, code, reason, at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET at = excluded.at`,
          [key, storable(input), code, storable(reason), at],
        );
      }
    });
  }

  async getArticle(id: string): Promise<Article | null> {
    const rows = await this.read<Selected<'articles', 'record'>>('read an article', 'SELECT record FROM articles WHERE id = ?', [id]);
    return rows[0] ? (JSON.parse(rows[0].record) as Article) : null;
  }

  async getSentences(articleId: string): Promise<Sentence[]> {
    const rows = await this.read<SentenceTable>(
      'read sentences',
      'SELECT idx, paragraph, start_offset, end_offset, text FROM sentences WHERE article_id = ? ORDER BY idx',
      [articleId],
    );
    return rows.map((row) => ({ index: row.idx, paragraph: row.paragraph, start: row.start_offset, end: row.end_offset, text: row.text }));
  }

  async listArticleIds(): Promise<string[]> {
    const rows = await this.read<Selected<'articles', 'id'>>('list articles', 'SELECT id FROM articles ORDER BY id');
    return rows.map((row) => row.id);
  }

  async countArticles(): Promise<number> {
    const rows = await this.read<CountRow>('count articles', 'SELECT COUNT(*) AS n FROM articles');
    return rows[0]?.n ?? 0;
  }

  async listRejections(limit = DEFAULT_REJECTIONS_LISTED): Promise<StoredRejection[]> {
    const page = paging(limit, 0);
    const rows = await this.read<Selected<'rejections', 'input' | 'code' | 'reason' | 'at'>>(
      'list rejections',
      'SELECT input, code, reason, at FROM rejections ORDER BY at DESC, key LIMIT ?',
      [page.limit],
    );
    return rows.map((row) => ({ input: row.input, code: row.code as Rejection['code'], reason: row.reason, at: row.at }));
  }

  async saveStories(stories: readonly DossierStory[], mergedInto: ReadonlyMap<string, string> = new Map()): Promise<void> {
    const ids = new Set<string>();
    for (const story of stories) {
      if (typeof story?.id !== 'string' || story.id === '')
        throw usageError('A story to store has no id.', 'Store dossier stories built by buildStoryDossier().');
      if (ids.has(story.id)) throw usageError(`Story ${story.id} appears twice in one batch.`, 'Store each story once per call.');
      ids.add(story.id);
    }
    for (const [merged, survivor] of mergedInto) {
      if (merged === survivor || ids.has(merged)) {
        throw usageError(
          `Story ${merged} cannot be both kept and merged into ${survivor}.`,
          'List in mergedInto only ids that no longer stand as stories.',
        );
      }
    }
    const savedAt = saveTime();
    await this.write('store stories', async (tx) => {
      for (const story of stories) await saveStory(tx, story, savedAt, null);
      for (const [merged, survivor] of mergedInto) await retireStory(tx, merged, survivor, savedAt);
    });
  }

  async saveStoryVersions(entries: readonly { story: DossierStory; version: number }[]): Promise<{ saved: string[]; stale: string[] }> {
    for (const { story } of entries) {
      if (typeof story?.id !== 'string' || story.id === '')
        throw usageError('A story to store has no id.', 'Store dossier stories built by buildStoryDossier().');
    }
    const savedAt = saveTime();
    return this.write('store stories', async (tx) => {
      const saved: string[] = [];
      const stale: string[] = [];
      for (const { story, version } of entries) {
        // Only the engine's current version of a live story: a merged-away or since-changed story is another run's to write.
        const written = (await engine.engineVersion(tx, story.id)) === version && (await saveStory(tx, story, savedAt, version));
        (written ? saved : stale).push(story.id);
        await tx.run('DELETE FROM story_queue WHERE story_id = ? AND version <= ?', [story.id, version]);
      }
      return { saved, stale };
    });
  }

  async getStory(id: string): Promise<DossierStory | null> {
    const live = await this.resolveStoryId(id);
    if (live === null) return null;
    const rows = await this.read<Selected<'stories', 'dossier'>>('read a story', 'SELECT dossier FROM stories WHERE id = ?', [live]);
    return rows[0] ? (JSON.parse(rows[0].dossier) as DossierStory) : null;
  }

  async storyVersion(id: string): Promise<StoryVersion | null> {
    const rows = await this.read<Selected<'stories', 'id' | 'saved_at'>>('read a story version', liveStory(['id', 'saved_at']), [id, id]);
    return rows[0] ? { id: rows[0].id, version: rows[0].saved_at } : null;
  }

  async getStoryJson(id: string): Promise<(StoryVersion & { json: string }) | null> {
    const rows = await this.read<Selected<'stories', 'id' | 'saved_at' | 'dossier'>>(
      'read a story',
      liveStory(['id', 'saved_at', 'dossier']),
      [id, id],
    );
    return rows[0] ? { id: rows[0].id, version: rows[0].saved_at, json: rows[0].dossier } : null;
  }

  async resolveStoryId(id: string): Promise<string | null> {
    const rows = await this.read<Selected<'stories', 'id'>>(
      'resolve a story id',
      `SELECT id FROM stories WHERE id = ?
       UNION ALL
       SELECT story_id AS id FROM story_aliases WHERE id = ?`,
      [id, id],
    );
    return rows[0]?.id ?? null;
  }

  async findSupersededStories(stories: readonly DossierStory[]): Promise<Map<string, string>> {
    const newStoryOf = new Map<string, string>();
    for (const story of stories) for (const article of story.articles) newStoryOf.set(article.id, story.id);
    const batchIds = new Set(stories.map((story) => story.id));
    const articleIds = [...newStoryOf.keys()];
    const membersOf = new Map<string, string[]>();
    for (let i = 0; i < articleIds.length; i += PARAMS_PER_STATEMENT) {
      const chunk = articleIds.slice(i, i + PARAMS_PER_STATEMENT);
      const rows = await this.read<Selected<'story_articles', 'story_id' | 'article_id'>>(
        'find superseded stories',
        `SELECT story_id, article_id FROM story_articles WHERE story_id IN
           (SELECT story_id FROM story_articles WHERE article_id IN (${chunk.map(() => '?').join(', ')}))`,
        chunk,
      );
      for (const row of rows) {
        const members = membersOf.get(row.story_id) ?? [];
        if (!members.includes(row.article_id)) members.push(row.article_id);
        membersOf.set(row.story_id, members);
      }
    }
    const superseded = new Map<string, string>();
    for (const [oldId, members] of membersOf) {
      if (batchIds.has(oldId) || !members.every((id) => newStoryOf.has(id))) continue;
      const votes = new Map<string, number>();
      for (const id of members) votes.set(newStoryOf.get(id)!, (votes.get(newStoryOf.get(id)!) ?? 0) + 1);
      // Most articles wins; a tie goes to the smaller id, so the answer does not depend on order.
      const [winner] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
      superseded.set(oldId, winner);
    }
    return superseded;
  }

  async storiesForArticle(articleId: string): Promise<string[]> {
    const rows = await this.read<Selected<'story_articles', 'story_id'>>(
      'find the stories of an article',
      'SELECT story_id FROM story_articles WHERE article_id = ? ORDER BY story_id',
      [articleId],
    );
    return rows.map((row) => row.story_id);
  }

  async listStories(query: StoryQuery = {}): Promise<{ total: number; stories: StorySummary[] }> {
    if (this.fullText && query.text !== undefined && query.text.trim() !== '') return this.searchStories(query, this.fullText);
    const { total, rows } = await this.listPage<StoryListingRow>(query, STORY_LISTING);
    return { total, stories: rows.map(storySummary) };
  }

  /**
   * Stories that match a search, best first: those whose headline, label, outlets or article
   * titles hold every word (as the listing filter finds them), then by the full-text rank of their
   * best-matching article's text; each with a snippet of that article around the words found.
   */
  private async searchStories(query: StoryQuery, fullText: FullTextDialect): Promise<{ total: number; stories: StorySummary[] }> {
    const page = paging(query.limit, query.offset);
    const words = searchWords(query.text);
    const patterns = likePatterns(query.text);
    const titleHit = patterns.length > 0 ? patterns.map(() => `${STORY_LISTING.searchText} LIKE ? ESCAPE '\\'`).join(' AND ') : 'FALSE';
    const { where: filters, params } = listingFilters(query, STORY_LISTING);
    // No word the engine can look for ('%'): only headline matches.
    const hits = words.length > 0 ? fullText.matchSql : 'SELECT NULL AS article_id, 0 AS rank WHERE 1 = 0';
    const sql = `WITH hits AS (${hits}),
      best AS (
        SELECT sa.story_id, h.article_id, h.rank,
          ROW_NUMBER() OVER (PARTITION BY sa.story_id ORDER BY h.rank DESC, h.article_id) AS n
        FROM hits h JOIN story_articles sa ON sa.article_id = h.article_id
      ),
      found AS (
        SELECT s.id AS story_id, b.article_id AS match_article, COALESCE(b.rank, 0) AS match_rank,
          CASE WHEN ${titleHit} THEN 1 ELSE 0 END AS title_hit
        FROM stories s LEFT JOIN best b ON b.story_id = s.id AND b.n = 1
      )
      SELECT ${STORY_LISTING.columns}, f.match_article, f.title_hit
      FROM found f JOIN stories s ON s.id = f.story_id
      WHERE (f.title_hit = 1 OR f.match_article IS NOT NULL)${filters.map((f) => ` AND ${f}`).join('')}`;
    const base = [...(words.length > 0 ? [fullText.query(words)] : []), ...patterns, ...params];
    const [count, rows] = await Promise.all([
      this.read<CountRow>('count stories found', `SELECT COUNT(*) AS n FROM (${sql}) matched`, base),
      this.read<StoryListingRow & { match_article: string | null }>(
        'search stories',
        `${sql} ORDER BY f.title_hit DESC, f.match_rank DESC, ${STORY_LISTING.order} LIMIT ? OFFSET ?`,
        [...base, page.limit, page.offset],
      ),
    ]);
    const stories: StorySummary[] = [];
    for (const row of rows) {
      const summary = storySummary(row);
      const articleId = row.match_article;
      const article = articleId ? await this.getArticle(articleId) : null;
      const passage = article ? snippet(article.text, words) : null;
      stories.push(
        article && passage
          ? {
              ...summary,
              match: { article: article.id, input: article.input, outlet: article.outlet, title: article.title, snippet: passage },
            }
          : summary,
      );
    }
    return { total: count[0]?.n ?? 0, stories };
  }

  async listArticles(query: ArticleQuery = {}): Promise<{ total: number; articles: ArticleSummary[] }> {
    const { total, rows } = await this.listPage<ArticleListingRow>(query, ARTICLE_LISTING);
    return {
      total,
      articles: rows.map(({ text_length, ...row }) => ({ ...row, length: text_length })),
    };
  }

  async listOutlets(): Promise<OutletCount[]> {
    const rows = await this.read<{ outlet: string } & CountRow>(
      'list outlets',
      `SELECT MIN(outlet) AS outlet, COUNT(*) AS n FROM story_outlets
       GROUP BY outlet_key ORDER BY COUNT(*) DESC, MIN(outlet)`,
    );
    return rows.map((row) => ({ outlet: row.outlet, stories: row.n }));
  }

  async saveArticleParts(parts: readonly ArticlePart[]): Promise<void> {
    if (parts.length === 0) return;
    await this.write('store article parts', async (tx) => {
      for (const { articleId, part, version, value } of parts) {
        // A value the database could not keep exactly (a raw NUL) is not kept: it is computed again.
        if (storable(value) !== value) continue;
        await tx.run(
          `INSERT INTO article_parts (article_id, part, version, value) VALUES (?, ?, ?, ?)
           ON CONFLICT (article_id, part) DO UPDATE SET version = excluded.version, value = excluded.value`,
          [articleId, part, version, value],
        );
      }
    });
  }

  async getArticleParts(articleIds: readonly string[], part: string, version: string): Promise<Map<string, string>> {
    const ids = [...new Set(articleIds)];
    const found = new Map<string, string>();
    for (let i = 0; i < ids.length; i += PARAMS_PER_STATEMENT - 2) {
      const chunk = ids.slice(i, i + PARAMS_PER_STATEMENT - 2);
      const rows = await this.read<Selected<'article_parts', 'article_id' | 'value'>>(
        'read article parts',
        `SELECT article_id, value FROM article_parts WHERE part = ? AND version = ? AND article_id IN (${chunk.map(() => '?').join(', ')})`,
        [part, version, ...chunk],
      );
      for (const row of rows) found.set(row.article_id, row.value);
    }
    return found;
  }

  async saveSignatures(entries: readonly { articleId: string; bandKeys: readonly string[] }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.write('store reuse signatures', async (tx) => {
      for (const { articleId, bandKeys } of entries) {
        await tx.run('DELETE FROM signature_bands WHERE article_id = ?', [articleId]);
        await insertRows(
          tx,
          'signature_bands',
          ['band_key', 'article_id'],
          [...new Set(bandKeys)].map((key) => [key, articleId]),
        );
      }
    });
  }

  async findByBandKeys(bandKeys: readonly string[]): Promise<string[]> {
    const keys = [...new Set(bandKeys)];
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += PARAMS_PER_STATEMENT) {
      const chunk = keys.slice(i, i + PARAMS_PER_STATEMENT);
      const rows = await this.read<Selected<'signature_bands', 'article_id'>>(
        'look up reuse signatures',
        `SELECT DISTINCT article_id FROM signature_bands WHERE band_key IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) found.add(row.article_id);
    }
    return [...found].sort();
  }

  async getState(key: string): Promise<string | null> {
    checkStateKey(key);
    const rows = await this.read<Selected<'engine_state', 'value'>>('read engine state', 'SELECT value FROM engine_state WHERE key = ?', [
      key,
    ]);
    return rows[0]?.value ?? null;
  }

  async putState(key: string, value: string): Promise<void> {
    checkStateKey(key);
    checkStateValue(key, value);
    await this.write('store engine state', (tx) =>
      tx.run(
        `INSERT INTO engine_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, value, new Date().toISOString()],
      ),
    );
  }

  readEnginePostings(keys: readonly string[]): Promise<Map<string, string[]>> {
    return this.guard('read story postings', () => engine.readPostings(this.driver, keys));
  }

  readEngineMerges(ids: readonly string[]): Promise<Map<string, string>> {
    return this.guard('read story merges', () => engine.readMerges(this.driver, ids));
  }

  readEnginePlacements(articleIds: readonly string[]): Promise<Map<string, string>> {
    return this.guard('read article placements', () => engine.readPlacements(this.driver, articleIds));
  }

  readEngineStories(ids: readonly string[], heldUpTo: number): Promise<EngineStoryRead[]> {
    return this.guard('read story states', () => engine.readStories(this.driver, ids, heldUpTo));
  }

  readEngineMembers(storyIds: readonly string[]): Promise<Map<string, { id: string; headline: string }[]>> {
    return this.guard('read story members', () => engine.readMembers(this.driver, storyIds));
  }

  readTakenStoryIds(ids: readonly string[]): Promise<Set<string>> {
    return this.guard('read story ids', () => engine.readTakenIds(this.driver, ids));
  }

  readEngineSeq(): Promise<number> {
    return this.guard('read the story sequence', () => engine.readSeq(this.driver));
  }

  async writeEngineState(changes: EngineStateWrite): Promise<void> {
    const savedAt = saveTime();
    await this.write('store the stories engine state', (tx) =>
      engine.writeState(tx, changes, (merged, survivor) => retireStory(tx, merged, survivor, savedAt)),
    );
  }

  listUnplacedArticles(limit: number, storedBeforeMs: number): Promise<string[]> {
    return this.guard('list unplaced articles', () => engine.listUnplaced(this.driver, Math.max(1, Math.floor(limit)), storedBeforeMs));
  }

  async deleteState(key: string): Promise<void> {
    checkStateKey(key);
    await this.write('remove engine state', (tx) => tx.run('DELETE FROM engine_state WHERE key = ?', [key]));
  }

  async resetEngineState(): Promise<void> {
    await this.write('reset the stories engine state', (tx) => engine.resetState(tx));
  }

  claimQueuedStories(holder: string, ttlMs: number, limit: number): Promise<QueuedStory[]> {
    checkLeaseHolder(holder);
    return this.write('take queued stories', (tx) => engine.claimQueued(tx, holder, ttlMs, limit));
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    checkLeaseName(name);
    checkLeaseHolder(holder);
    checkLeaseTtl(ttlMs);
    const now = Date.now();
    // One statement: the row is taken when free, expired or already ours, atomically in both backends.
    const changed = await this.write('take a lease', (tx) =>
      tx.run(
        `INSERT INTO leases (name, holder, expires_ms) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_ms = excluded.expires_ms
         WHERE leases.expires_ms < ? OR leases.holder = excluded.holder`,
        [name, holder, now + Math.ceil(ttlMs), now],
      ),
    );
    return changed > 0;
  }

  async takeOverLease(name: string, from: string, holder: string, ttlMs: number): Promise<boolean> {
    checkLeaseName(name);
    checkLeaseHolder(from);
    checkLeaseHolder(holder);
    checkLeaseTtl(ttlMs);
    const changed = await this.write('take over a lease', (tx) =>
      tx.run('UPDATE leases SET holder = ?, expires_ms = ? WHERE name = ? AND holder = ?', [
        holder,
        Date.now() + Math.ceil(ttlMs),
        name,
        from,
      ]),
    );
    return changed > 0;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    checkLeaseName(name);
    checkLeaseHolder(holder);
    await this.write('give up a lease', (tx) => tx.run('DELETE FROM leases WHERE name = ? AND holder = ?', [name, holder]));
  }

  async leaseHolder(name: string): Promise<{ holder: string; expires: string } | null> {
    checkLeaseName(name);
    const rows = await this.read<Selected<'leases', 'holder' | 'expires_ms'>>(
      'read a lease',
      'SELECT holder, expires_ms FROM leases WHERE name = ? AND expires_ms >= ?',
      [name, Date.now()],
    );
    const lease = rows[0];
    return lease ? { holder: lease.holder, expires: new Date(lease.expires_ms).toISOString() } : null;
  }

  enqueueJob(job: { id: string; inputs: readonly string[]; request: string }, maxQueued: number): Promise<IngestJob | null> {
    return this.write('queue an ingest job', (tx) => jobs.enqueueJob(tx, job, maxQueued));
  }

  claimJob(holder: string, ttlMs: number, maxAttempts: number, isGone?: (holder: string) => boolean): Promise<ClaimedJob | null> {
    return this.write('take an ingest job', (tx) => jobs.claimJob(tx, holder, ttlMs, maxAttempts, isGone));
  }

  reportJob(id: string, holder: string, progress: { stage: string; done: number; total: number | null }, ttlMs: number): Promise<boolean> {
    return this.write('record job progress', (tx) => jobs.reportJob(tx, id, holder, progress, ttlMs));
  }

  addJobArticles(id: string, holder: string, articleIds: readonly string[]): Promise<boolean> {
    return this.write('record the articles of a job', (tx) => jobs.addJobArticles(tx, id, holder, articleIds));
  }

  async finishJob(id: string, holder: string, state: 'done' | 'failed', outcome: JobOutcome, keepFinished: number): Promise<boolean> {
    const finished = await this.write('finish an ingest job', (tx) => jobs.finishJob(tx, id, holder, state, outcome, keepFinished));
    if (finished) await this.guard('give the space of a job back', () => this.driver.reclaimSpace());
    return finished;
  }

  async saveJobFile(jobId: string, fileIndex: number, chunks: AsyncIterable<Uint8Array>): Promise<number> {
    checkJobFile(jobId, fileIndex);
    let size = 0;
    let chunkIndex = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    // Each row in its own short transaction: an upload arrives at the client's pace, and other
    // writers (an analysis) must not wait for it.
    const flush = async (upTo: number) => {
      const joined = Buffer.concat(pending, pendingBytes);
      const row = joined.subarray(0, upTo);
      const rest = joined.subarray(upTo);
      await this.write('store an uploaded file', (tx) => jobs.putJobFileChunk(tx, jobId, fileIndex, chunkIndex, Buffer.from(row)));
      chunkIndex++;
      pending = rest.length > 0 ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    };
    for await (const chunk of chunks) {
      size += chunk.byteLength;
      pending.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      pendingBytes += chunk.byteLength;
      while (pendingBytes >= JOB_FILE_CHUNK_BYTES) await flush(JOB_FILE_CHUNK_BYTES);
    }
    if (pendingBytes > 0) await flush(pendingBytes);
    return size;
  }

  async *readJobFile(jobId: string, fileIndex: number): AsyncIterable<Uint8Array> {
    checkJobFile(jobId, fileIndex);
    for (let chunkIndex = 0; ; chunkIndex++) {
      const bytes = await this.guard('read an uploaded file', () => jobs.getJobFileChunk(this.driver, jobId, fileIndex, chunkIndex));
      if (bytes === null) return;
      yield new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  }

  async deleteJobFiles(jobId: string): Promise<void> {
    await this.write('delete the files of a job', (tx) => jobs.deleteJobFiles(tx, jobId));
    await this.guard('give the space of a job back', () => this.driver.reclaimSpace());
  }

  getJob(id: string): Promise<IngestJob | null> {
    return this.guard('read an ingest job', () => jobs.getJob(this.driver, id));
  }

  listJobs(limit: number): Promise<IngestJob[]> {
    return this.guard('list ingest jobs', () => jobs.listJobs(this.driver, limit));
  }

  countJobs(): Promise<Record<JobState, number>> {
    return this.guard('count ingest jobs', () => jobs.countJobs(this.driver));
  }

  followFeed(url: string): Promise<WatchedFeed> {
    return this.write('follow a feed', (tx) => feeds.followFeed(tx, url));
  }

  unfollowFeed(id: string): Promise<boolean> {
    return this.write('stop following a feed', (tx) => feeds.unfollowFeed(tx, id));
  }

  listFeeds(): Promise<WatchedFeed[]> {
    return this.guard('list followed feeds', () => feeds.listFeeds(this.driver));
  }

  claimFeedPoll(id: string, dueMs: number, untilMs: number): Promise<boolean> {
    return this.write('take a feed poll', (tx) => feeds.claimFeedPoll(tx, id, dueMs, untilMs));
  }

  async recordFeedPoll(id: string, poll: FeedPoll): Promise<void> {
    await this.write('record a feed poll', (tx) => feeds.recordFeedPoll(tx, id, poll));
  }

  unseenItems(urls: readonly string[]): Promise<string[]> {
    return this.guard('look up seen feed items', () => feeds.unseenItems(this.driver, urls));
  }

  async markItemsSeen(feedId: string, items: readonly { url: string; articleId: string | null }[]): Promise<void> {
    if (items.length === 0) return;
    await this.write('record seen feed items', (tx) => feeds.markItemsSeen(tx, feedId, items));
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** One page of a listing, with the total of rows that match the query. */
  private async listPage<R extends object>(query: ListQuery, listing: Listing): Promise<{ total: number; rows: R[] }> {
    const page = paging(query.limit, query.offset);
    const patterns = likePatterns(query.text);
    const where = patterns.map(() => `${listing.searchText} LIKE ? ESCAPE '\\'`);
    const params: SqlValue[] = [...patterns];
    const filters = listingFilters(query, listing);
    where.push(...filters.where);
    params.push(...filters.params);
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const [count, rows] = await Promise.all([
      this.read<CountRow>(`count ${listing.noun}`, `SELECT COUNT(*) AS n FROM ${listing.table} ${filter}`, params),
      this.read<R>(
        `list ${listing.noun}`,
        `SELECT ${listing.columns} FROM ${listing.table} ${filter} ORDER BY ${listing.order} LIMIT ? OFFSET ?`,
        [...params, page.limit, page.offset],
      ),
    ]);
    return { total: count[0]?.n ?? 0, rows };
  }

  private read<R extends object>(action: string, sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.guard(action, () => this.driver.query<R>(sql, params));
  }

  private write<T>(action: string, work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.guard(action, () => this.driver.transaction(work));
  }

  /** Driver failures become CorroborateErrors that name the database and say what to do. */
  private async guard<T>(action: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof CorroborateError) throw error;
      const detail = error instanceof Error ? error.message : String(error);
      throw new CorroborateError('store', `Could not ${action} in ${this.driver.location}: ${detail}`, this.driver.explain(error), {
        cause: error,
      });
    }
  }
}

let lastSaveMicros = 0;

/**
 * Now as an ISO time to the microsecond, later than any this process gave before: a story's
 * saved_at is its version (storyVersion), so two saves in one millisecond must differ.
 */
function saveTime(): string {
  const micros = Math.max(Date.now() * 1000 + Number((process.hrtime.bigint() / 1000n) % 1000n), lastSaveMicros + 1);
  lastSaveMicros = micros;
  return new Date(Math.floor(micros / 1000)).toISOString().replace('Z', `${String(micros % 1000).padStart(3, '0')}Z`);
}

/** The columns of the live story a story id names (itself, or through its alias): two `?`, the id twice. */
function liveStory(columns: readonly string[]): string {
  const selected = columns.map((column) => `s.${column}`).join(', ');
  return `SELECT ${selected} FROM stories s WHERE s.id = ?
          UNION ALL
          SELECT ${selected} FROM story_aliases a JOIN stories s ON s.id = a.story_id WHERE a.id = ?`;
}

/** Records `merged` as an alias of `survivor` and removes its dossier. */
async function retireStory(tx: SqlExecutor, merged: string, survivor: string, savedAt: string): Promise<void> {
  const alias = await tx.query<Selected<'story_aliases', 'story_id'>>('SELECT story_id FROM story_aliases WHERE id = ?', [survivor]);
  const target = alias[0]?.story_id ?? survivor;
  if (target === merged) {
    throw usageError(
      `Merging story ${merged} into ${survivor} would make a cycle.`,
      'Give mergedInto pairs that point towards the surviving story.',
    );
  }
  await tx.run('DELETE FROM stories WHERE id = ?', [merged]);
  // Aliases are kept flat (every old id points at a live story), so one lookup resolves.
  await tx.run('UPDATE story_aliases SET story_id = ? WHERE story_id = ?', [target, merged]);
  await tx.run(
    `INSERT INTO story_aliases (id, story_id, merged_at) VALUES (?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET story_id = excluded.story_id, merged_at = excluded.merged_at`,
    [merged, target, savedAt],
  );
}

/**
 * Writes one dossier with its listing rows. With a `version` (the engine state it was built
 * from), a stored dossier of that version or newer is kept: false, nothing written.
 */
async function saveStory(tx: SqlExecutor, story: DossierStory, savedAt: string, version: number | null): Promise<boolean> {
  const dossier = JSON.stringify(story);
  const changed = await tx.run(
    `INSERT INTO stories (id, headline, label, first_seen, last_seen, first_seen_ms, last_seen_ms, outlets, size,
       independent_origins, findings, search_text, dossier, saved_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET headline = excluded.headline, label = excluded.label,
       first_seen = excluded.first_seen, last_seen = excluded.last_seen, first_seen_ms = excluded.first_seen_ms,
       last_seen_ms = excluded.last_seen_ms, outlets = excluded.outlets, size = excluded.size,
       independent_origins = excluded.independent_origins, findings = excluded.findings,
       search_text = excluded.search_text, dossier = excluded.dossier, saved_at = excluded.saved_at, version = excluded.version
     ${version === null ? '' : 'WHERE stories.version IS NULL OR stories.version < excluded.version'}`,
    [
      story.id,
      storable(story.headline),
      storable(story.label),
      nullable(story.firstSeen),
      nullable(story.lastSeen),
      timeMs(story.firstSeen, 'start'),
      timeMs(story.lastSeen, 'end'),
      JSON.stringify(story.outlets),
      story.articles.length,
      story.independentOrigins,
      story.findings.length,
      fold([story.headline, story.label, ...story.outlets, ...story.articles.map((a) => a.title ?? '')].join('\n')),
      dossier,
      savedAt,
      version,
    ],
  );
  if (changed === 0) return false;
  await tx.run('DELETE FROM story_outlets WHERE story_id = ?', [story.id]);
  const outlets = new Map<string, string>();
  for (const outlet of story.outlets) {
    const key = fold(outlet).trim();
    if (key !== '' && !outlets.has(key)) outlets.set(key, storable(outlet));
  }
  await insertRows(
    tx,
    'story_outlets',
    ['story_id', 'outlet_key', 'outlet'],
    [...outlets].map(([key, outlet]) => [story.id, key, outlet]),
  );
  await tx.run('DELETE FROM story_articles WHERE story_id = ?', [story.id]);
  const members = new Map(
    story.articles.map((article, position) => [article.id, [story.id, article.id, position, article.role] as SqlValue[]]),
  );
  await insertRows(tx, 'story_articles', ['story_id', 'article_id', 'position', 'role'], [...members.values()]);
  // A story stored again is live, whatever it was merged into before.
  await tx.run('DELETE FROM story_aliases WHERE id = ?', [story.id]);
  return true;
}

/** Multi-row INSERTs in chunks that stay under every backend's parameter limit. */
async function insertRows(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  const perStatement = Math.max(1, Math.floor(PARAMS_PER_STATEMENT / columns.length));
  const row = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => row).join(', ')}`, chunk.flat());
  }
}

function checkArticle(article: Article): void {
  if (typeof article?.id !== 'string' || typeof article.contentHash !== 'string' || typeof article.text !== 'string') {
    throw usageError('An article to store has no id, content hash or text.', 'Store articles made by extractArticles().');
  }
}

function checkLeaseName(name: string): void {
  if (typeof name !== 'string' || name === '' || storable(name) !== name)
    throw usageError(`${JSON.stringify(name)} is not a lease name.`, 'Name a lease with non-empty text.');
}

function checkLeaseHolder(holder: string): void {
  if (typeof holder !== 'string' || holder === '' || storable(holder) !== holder)
    throw usageError(`${JSON.stringify(holder)} is not a lease holder.`, 'Name the holder of a lease with non-empty text.');
}

function checkLeaseTtl(ttlMs: number): void {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw usageError(`A lease of ${ttlMs} ms cannot be taken.`, 'Give a lease a positive number of milliseconds.');
}

function checkJobFile(jobId: string, fileIndex: number): void {
  if (typeof jobId !== 'string' || jobId === '' || storable(jobId) !== jobId || !Number.isSafeInteger(fileIndex) || fileIndex < 0) {
    throw usageError(`${JSON.stringify(jobId)} file ${fileIndex} cannot name a job's file.`, 'Give a job id and a file number from 0.');
  }
}

function checkStateKey(key: string): void {
  if (typeof key !== 'string' || key === '' || storable(key) !== key) {
    throw usageError(`${JSON.stringify(key)} is not a state key.`, 'Name engine state with a non-empty text key such as "stories".');
  }
}

/** State is stored and returned byte for byte, so refuse what a text column would alter. */
function checkStateValue(key: string, value: string): void {
  const how = 'Pass the output of JSON.stringify, which escapes NUL and lone surrogates.';
  if (typeof value !== 'string') throw usageError(`The state "${key}" is not text.`, how);
  try {
    JSON.parse(value);
  } catch (error) {
    throw usageError(`The state "${key}" is not JSON: ${(error as Error).message}`, how);
  }
  if (storable(value) !== value) throw usageError(`The state "${key}" holds a raw NUL or lone surrogate.`, how);
}

/** A story list row as a summary. */
function storySummary(row: StoryListingRow): StorySummary {
  return {
    id: row.id,
    headline: row.headline,
    label: row.label,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
    outlets: JSON.parse(row.outlets) as string[],
    size: row.size,
    independentOrigins: row.independent_origins,
    findings: row.findings,
  };
}

/** Adds one article to the full-text index: its heading (title, outlet, publisher) and text, folded. */
async function indexArticle(tx: SqlExecutor, fullText: FullTextDialect, article: Article): Promise<void> {
  const heading = fold([article.title, article.outlet, article.publisher].filter(Boolean).join('\n'));
  await tx.run(fullText.insertSql, [article.id, heading, fold(article.text)]);
}

/** Articles read at a time when indexing a store's articles: bounded memory on a large store. */
const INDEX_BATCH = 500;

/** Indexes every stored article (the full-text migration on a store that already has articles). */
async function indexStoredArticles(tx: SqlExecutor, fullText: FullTextDialect): Promise<void> {
  for (let after = ''; ; ) {
    const rows = await tx.query<Selected<'articles', 'id' | 'record'>>('SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT ?', [
      after,
      INDEX_BATCH,
    ]);
    for (const row of rows) await indexArticle(tx, fullText, JSON.parse(row.record) as Article);
    if (rows.length < INDEX_BATCH) return;
    after = rows.at(-1)!.id;
  }
}

function articleSearchText(article: Article): string {
  return fold([article.title, article.byline, article.outlet, article.publisher, article.input, article.url].filter(Boolean).join('\n'));
}

/** A listing's outlet and date filters for a query: the SQL conditions and their parameters. */
function listingFilters(query: ListQuery, listing: Listing): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.outlet !== undefined && query.outlet.trim() !== '') {
    where.push(listing.outlet);
    params.push(...outletPatterns(query.outlet));
  }
  const [from, to] = dateRange(query.from, query.to);
  if (from !== null) {
    where.push(listing.from);
    params.push(from);
  }
  if (to !== null) {
    where.push(listing.to);
    params.push(to);
  }
  return { where, params };
}

function dateRange(from: string | undefined, to: string | undefined): [number | null, number | null] {
  const start = queryTimeMs(from, 'start', 'from');
  const end = queryTimeMs(to, 'end', 'to');
  if (start !== null && end !== null && start > end)
    throw usageError(`The date range ${from} to ${to} ends before it starts.`, 'Give from on or before to.');
  return [start, end];
}

function nullable(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : storable(text);
}
