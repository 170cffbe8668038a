// The stories engine's state as rows, in SQL both backends share: stories (summary facts), their
// members (position, headline, and a profile for the most recent ones), posting lists per index
// key and day, merged ids, articles not yet placed, and the queue of stories whose dossier is
// older than their state. A batch reads only the rows its look-ups reach and writes only what it
// changed (src/pipeline/story-state.ts); stories that left the window are never read again.
// Each function runs inside one of the store's transactions, or on the driver for reads.
import type { SqlExecutor, SqlValue } from './driver.js';
import type { Selected } from './rows.js';
import { storable } from './search.js';
import type { EngineMemberEvent, EngineStateWrite, EngineStoryRead, EngineStoryRow, QueuedStory } from './types.js';

/** Bound parameters per statement: well under SQLite's (32766) and PostgreSQL's (65535) limits. */
export const PARAMS_PER_STATEMENT = 900;
/** The engine_state key of the next story sequence number. */
const SEQ_KEY = 'stories.seq';

/** Rows of `sql` (with one `IN (?)` list, `{in}`) over `values`, in chunks that stay under the parameter limit. */
export async function queryIn<R extends object>(
  db: SqlExecutor,
  sql: string,
  values: readonly SqlValue[],
  before: readonly SqlValue[] = [],
): Promise<R[]> {
  const unique = [...new Set(values)];
  const rows: R[] = [];
  const size = PARAMS_PER_STATEMENT - before.length;
  for (let i = 0; i < unique.length; i += size) {
    const chunk = unique.slice(i, i + size);
    rows.push(...(await db.query<R>(sql.replace('{in}', chunk.map(() => '?').join(', ')), [...before, ...chunk])));
  }
  return rows;
}

export async function readPostings(db: SqlExecutor, keys: readonly string[]): Promise<Map<string, string[]>> {
  const rows = await queryIn<Selected<'engine_postings', 'key' | 'stories'>>(
    db,
    'SELECT key, stories FROM engine_postings WHERE key IN ({in})',
    keys,
  );
  return new Map(rows.map((row) => [row.key, JSON.parse(row.stories) as string[]]));
}

export async function readMerges(db: SqlExecutor, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await queryIn<Selected<'engine_merges', 'id' | 'into_id'>>(
    db,
    'SELECT id, into_id FROM engine_merges WHERE id IN ({in})',
    ids,
  );
  return new Map(rows.map((row) => [row.id, row.into_id]));
}

export async function readPlacements(db: SqlExecutor, articleIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await queryIn<Selected<'engine_members', 'article_id' | 'story_id'>>(
    db,
    'SELECT article_id, story_id FROM engine_members WHERE article_id IN ({in})',
    articleIds,
  );
  return new Map(rows.map((row) => [row.article_id, row.story_id]));
}

export async function readStories(db: SqlExecutor, ids: readonly string[], heldUpTo: number): Promise<EngineStoryRead[]> {
  const rows = await queryIn<Selected<'engine_stories', EngineStoryColumn>>(
    db,
    'SELECT id, seq, version, size, first_ms, last_ms, facts FROM engine_stories WHERE id IN ({in})',
    ids,
  );
  const stories = rows.map(storyRow);
  const profiles = new Map<string, { article: string; profile: string }[]>();
  const profileRows = await queryIn<Selected<'engine_members', 'article_id' | 'story_id' | 'profile'>>(
    db,
    'SELECT article_id, story_id, profile FROM engine_members WHERE story_id IN ({in}) AND profile IS NOT NULL ORDER BY story_id, position',
    stories.map((s) => s.id),
  );
  for (const row of profileRows) if (row.profile !== null) push(profiles, row.story_id, { article: row.article_id, profile: row.profile });
  const small = stories.filter((s) => s.size <= heldUpTo).map((s) => s.id);
  const members = await readMembers(db, small);
  return stories.map((s) => ({ ...s, profiles: profiles.get(s.id) ?? [], members: members.get(s.id) ?? (s.size <= heldUpTo ? [] : null) }));
}

export async function readMembers(db: SqlExecutor, storyIds: readonly string[]): Promise<Map<string, { id: string; headline: string }[]>> {
  const rows = await queryIn<Selected<'engine_members', 'article_id' | 'story_id' | 'headline'>>(
    db,
    'SELECT article_id, story_id, headline FROM engine_members WHERE story_id IN ({in}) ORDER BY story_id, position',
    storyIds,
  );
  const out = new Map<string, { id: string; headline: string }[]>();
  for (const row of rows) push(out, row.story_id, { id: row.article_id, headline: row.headline });
  return out;
}

export async function readTakenIds(db: SqlExecutor, ids: readonly string[]): Promise<Set<string>> {
  const stories = await queryIn<Selected<'engine_stories', 'id'>>(db, 'SELECT id FROM engine_stories WHERE id IN ({in})', ids);
  const merges = await queryIn<Selected<'engine_merges', 'id'>>(db, 'SELECT id FROM engine_merges WHERE id IN ({in})', ids);
  return new Set([...stories, ...merges].map((row) => row.id));
}

export async function readSeq(db: SqlExecutor): Promise<number> {
  const rows = await db.query<Selected<'engine_state', 'value'>>('SELECT value FROM engine_state WHERE key = ?', [SEQ_KEY]);
  return rows[0] ? Number(JSON.parse(rows[0].value)) : 0;
}

export async function listUnplaced(db: SqlExecutor, limit: number, storedBeforeMs: number): Promise<string[]> {
  const rows = await db.query<Selected<'unplaced_articles', 'article_id'>>(
    `SELECT article_id FROM unplaced_articles WHERE stored_ms < ?
     ORDER BY CASE WHEN published_ms IS NULL THEN 1 ELSE 0 END, published_ms, article_id LIMIT ?`,
    [storedBeforeMs, limit],
  );
  return rows.map((row) => row.article_id);
}

/** One batch's changes, inside the caller's transaction. `retire` records a merged-away story's dossier as an alias. */
export async function writeState(
  tx: SqlExecutor,
  changes: EngineStateWrite,
  retire: (merged: string, survivor: string) => Promise<void>,
): Promise<void> {
  const now = new Date().toISOString();
  await tx.run(
    `INSERT INTO engine_state (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    [SEQ_KEY, JSON.stringify(changes.seq), now],
  );
  await replayEvents(tx, changes.events);
  for (const [drop, keep] of changes.retired) {
    await tx.run('DELETE FROM engine_stories WHERE id = ?', [drop]);
    await tx.run('DELETE FROM story_queue WHERE story_id = ?', [drop]);
    // Kept flat, as story aliases are: every merged id points at a live story, one look-up away.
    await tx.run('UPDATE engine_merges SET into_id = ? WHERE into_id = ?', [keep, drop]);
    await tx.run('INSERT INTO engine_merges (id, into_id) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET into_id = excluded.into_id', [
      drop,
      keep,
    ]);
    await retire(drop, keep);
  }
  for (const story of changes.stories) {
    if (changes.analyzed) {
      // A converted state: the stored dossiers are current, nothing to analyze.
      await tx.run('UPDATE stories SET version = ? WHERE id = ?', [story.version, story.id]);
    }
    await tx.run(
      `INSERT INTO engine_stories (id, seq, version, size, first_ms, last_ms, facts) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET version = excluded.version, size = excluded.size, first_ms = excluded.first_ms,
         last_ms = excluded.last_ms, facts = excluded.facts`,
      [story.id, story.seq, story.version, story.size, story.firstMs, story.lastMs, story.facts],
    );
    if (changes.analyzed) continue;
    const expires = Date.now() + changes.ttlMs;
    await tx.run(
      `INSERT INTO story_queue (story_id, version, holder, expires_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT (story_id) DO UPDATE SET version = excluded.version, holder = excluded.holder, expires_ms = excluded.expires_ms`,
      [story.id, story.version, changes.holder, expires],
    );
  }
  for (const { article, profile } of changes.profiles) {
    await tx.run('UPDATE engine_members SET profile = ? WHERE article_id = ?', [profile, article]);
  }
  await writePostings(tx, changes);
  for (let i = 0; i < changes.placed.length; i += PARAMS_PER_STATEMENT) {
    const chunk = changes.placed.slice(i, i + PARAMS_PER_STATEMENT);
    await tx.run(`DELETE FROM unplaced_articles WHERE article_id IN (${chunk.map(() => '?').join(', ')})`, chunk);
  }
}

/** Member events in order; runs of placements go in multi-row statements. */
async function replayEvents(tx: SqlExecutor, events: readonly EngineMemberEvent[]): Promise<void> {
  let run = new Map<string, SqlValue[]>();
  const flush = async () => {
    const rows = [...run.values()];
    run = new Map();
    const perStatement = Math.floor(PARAMS_PER_STATEMENT / 4);
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await tx.run(
        `INSERT INTO engine_members (article_id, story_id, position, headline) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
         ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, position = excluded.position, headline = excluded.headline`,
        chunk.flat(),
      );
    }
  };
  for (const event of events) {
    if (event.type === 'place') {
      // One statement may not touch a row twice: a later place of the same article replaces the earlier.
      run.delete(event.article);
      run.set(event.article, [event.article, event.story, event.position, storable(event.headline)]);
      continue;
    }
    await flush();
    await tx.run('UPDATE engine_members SET story_id = ?, position = position + ? WHERE story_id = ?', [
      event.keep,
      event.offset,
      event.drop,
    ]);
  }
  await flush();
}

async function writePostings(tx: SqlExecutor, changes: EngineStateWrite): Promise<void> {
  const partial = changes.postings.filter((p) => !p.complete).map((p) => p.key);
  const stored = partial.length > 0 ? await readPostings(tx, partial) : new Map<string, string[]>();
  const rows: SqlValue[][] = changes.postings.map(({ key, day, stories, complete }) => {
    let list = stories;
    if (!complete) {
      // Most recent last: the stored entries, then this batch's touches moved to the end.
      const merged = new Set(stored.get(key) ?? []);
      for (const id of stories) {
        merged.delete(id);
        merged.add(id);
      }
      list = [...merged].slice(-changes.postingCap);
    }
    return [key, day, JSON.stringify(list)];
  });
  const perStatement = Math.floor(PARAMS_PER_STATEMENT / 3);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.run(
      `INSERT INTO engine_postings (key, day, stories) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}
       ON CONFLICT (key) DO UPDATE SET stories = excluded.stories`,
      chunk.flat(),
    );
  }
}

export async function resetState(tx: SqlExecutor): Promise<void> {
  for (const table of ['engine_stories', 'engine_members', 'engine_postings', 'engine_merges', 'story_queue']) {
    await tx.run(`DELETE FROM ${table}`);
  }
  await tx.run('DELETE FROM engine_state WHERE key = ?', [SEQ_KEY]);
  await tx.run(
    // WHERE true: SQLite's parser needs it between a SELECT and ON CONFLICT.
    `INSERT INTO unplaced_articles (article_id, published_ms, stored_ms) SELECT id, published_ms, 0 FROM articles WHERE true
     ON CONFLICT (article_id) DO NOTHING`,
  );
}

export async function claimQueued(tx: SqlExecutor, holder: string, ttlMs: number, limit: number): Promise<QueuedStory[]> {
  const now = Date.now();
  const rows = await tx.query<Selected<'story_queue', 'story_id' | 'version'>>(
    'SELECT story_id, version FROM story_queue WHERE holder IS NULL OR expires_ms < ? ORDER BY story_id LIMIT ?',
    [now, limit],
  );
  const taken: QueuedStory[] = [];
  for (const row of rows) {
    const changed = await tx.run(
      'UPDATE story_queue SET holder = ?, expires_ms = ? WHERE story_id = ? AND (holder IS NULL OR expires_ms < ?)',
      [holder, now + ttlMs, row.story_id, now],
    );
    if (changed > 0) taken.push({ id: row.story_id, version: row.version });
  }
  return taken;
}

/** The engine version of a live story, or null when it is not live (merged away, or unknown). */
export async function engineVersion(tx: SqlExecutor, id: string): Promise<number | null> {
  const rows = await tx.query<Selected<'engine_stories', 'version'>>('SELECT version FROM engine_stories WHERE id = ?', [id]);
  return rows[0]?.version ?? null;
}

type EngineStoryColumn = 'id' | 'seq' | 'version' | 'size' | 'first_ms' | 'last_ms' | 'facts';

function storyRow(row: Selected<'engine_stories', EngineStoryColumn>): EngineStoryRow {
  return { id: row.id, seq: row.seq, version: row.version, size: row.size, firstMs: row.first_ms, lastMs: row.last_ms, facts: row.facts };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
