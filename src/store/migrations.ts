// Numbered schema migrations, written once for every backend: applied once each in ascending order
// and recorded in `corroborate_migrations`. Never edit a released migration: add the next number.
// Where the backends' SQL differs (a column type), a migration takes the backend's `ColumnTypes`;
// each backend folder's migrations.ts names its types. Dossiers and article records are JSON
// text: the exact document round-trips; the columns beside them exist only for listing, search
// and joins.
import type { Migration } from './driver.js';

/** The column types (and the one table) that differ between backends; all other SQL here is shared. */
export interface ColumnTypes {
  /** Milliseconds since the epoch: past 2^31, so PostgreSQL needs BIGINT (SQLite's INTEGER holds 64 bits). */
  readonly epochMs: string;
  /**
   * The full-text index of article text, `article_search`, in the backend's own engine: an FTS5
   * table in SQLite, a tsvector column with a GIN index in PostgreSQL (its backend's search.ts
   * writes and queries it).
   */
  readonly fullTextTable: string;
  /** Raw bytes: BLOB in SQLite, BYTEA in PostgreSQL. */
  readonly bytes: string;
}

/** The migration that adds `article_search`: the store indexes the articles stored before it. */
export const FULL_TEXT_MIGRATION = 5;

interface SharedMigration {
  readonly version: number;
  readonly name: string;
  sql(types: ColumnTypes): string;
}

const MIGRATIONS: readonly SharedMigration[] = [
  {
    version: 1,
    name: 'init',
    sql: (types) => `
CREATE TABLE articles (
  content_hash TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  input TEXT NOT NULL,
  url TEXT,
  title TEXT,
  byline TEXT,
  outlet TEXT,
  outlet_key TEXT,
  publisher TEXT,
  published TEXT,
  published_ms ${types.epochMs},
  language TEXT,
  text_length INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  record TEXT NOT NULL,
  stored_at TEXT NOT NULL
);
CREATE INDEX articles_outlet_key ON articles (outlet_key);
CREATE INDEX articles_published_ms ON articles (published_ms);

CREATE TABLE sentences (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  start_offset INTEGER NOT NULL,
  end_offset INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);

CREATE TABLE rejections (
  key TEXT PRIMARY KEY,
  input TEXT NOT NULL,
  code TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX rejections_at ON rejections (at);

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  headline TEXT NOT NULL,
  label TEXT NOT NULL,
  first_seen TEXT,
  last_seen TEXT,
  first_seen_ms ${types.epochMs},
  last_seen_ms ${types.epochMs},
  outlets TEXT NOT NULL,
  size INTEGER NOT NULL,
  independent_origins INTEGER NOT NULL,
  findings INTEGER NOT NULL,
  search_text TEXT NOT NULL,
  dossier TEXT NOT NULL,
  saved_at TEXT NOT NULL
);
CREATE INDEX stories_last_seen_ms ON stories (last_seen_ms);

CREATE TABLE story_outlets (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  outlet_key TEXT NOT NULL,
  outlet TEXT NOT NULL,
  PRIMARY KEY (story_id, outlet_key)
);
CREATE INDEX story_outlets_outlet_key ON story_outlets (outlet_key);

CREATE TABLE story_articles (
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  article_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (story_id, article_id)
);
CREATE INDEX story_articles_article_id ON story_articles (article_id);

CREATE TABLE story_aliases (
  id TEXT PRIMARY KEY,
  story_id TEXT NOT NULL,
  merged_at TEXT NOT NULL
);
CREATE INDEX story_aliases_story_id ON story_aliases (story_id);

CREATE TABLE signature_bands (
  band_key TEXT NOT NULL,
  article_id TEXT NOT NULL,
  PRIMARY KEY (band_key, article_id)
);
CREATE INDEX signature_bands_article_id ON signature_bands (article_id);
`,
  },
  {
    version: 2,
    name: 'engine state',
    sql: () => `
CREATE TABLE engine_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
  },
  {
    version: 3,
    name: 'leases',
    sql: (types) => `
CREATE TABLE leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_ms ${types.epochMs} NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'ingest jobs',
    sql: (types) => `
CREATE TABLE ingest_jobs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  created_at TEXT NOT NULL,
  queue_position ${types.epochMs} NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  stage TEXT,
  done INTEGER NOT NULL,
  total INTEGER,
  attempts INTEGER NOT NULL,
  holder TEXT,
  expires_ms ${types.epochMs},
  inputs TEXT NOT NULL,
  request TEXT,
  outcome TEXT NOT NULL
);
CREATE INDEX ingest_jobs_state ON ingest_jobs (state, queue_position);
`,
  },
  {
    version: FULL_TEXT_MIGRATION,
    name: 'full-text search of articles',
    sql: (types) => types.fullTextTable,
  },
  {
    version: 6,
    name: 'ingest job files',
    // Uploads and pasted text of queued jobs, in chunks, out of the job rows: stored as they
    // arrive, read back a chunk at a time, deleted when the job ends.
    sql: (types) => `
CREATE TABLE ingest_job_files (
  job_id TEXT NOT NULL,
  file_index INTEGER NOT NULL,
  chunk_index INTEGER NOT NULL,
  bytes ${types.bytes} NOT NULL,
  stored_ms ${types.epochMs} NOT NULL,
  PRIMARY KEY (job_id, file_index, chunk_index)
);
`,
  },
  // 10: the stories engine's state as rows (issue #15); 7-9 are left free for other work in
  // progress, so the branches merge in any order (each migration is applied once, by number).
  {
    version: 10,
    name: 'stories engine state in tables',
    sql: (types) => `
CREATE TABLE engine_stories (
  id TEXT PRIMARY KEY,
  seq ${types.epochMs} NOT NULL,
  version INTEGER NOT NULL,
  size INTEGER NOT NULL,
  first_ms ${types.epochMs},
  last_ms ${types.epochMs},
  facts TEXT NOT NULL
);

CREATE TABLE engine_members (
  article_id TEXT PRIMARY KEY,
  story_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  headline TEXT NOT NULL,
  profile TEXT
);
CREATE INDEX engine_members_story ON engine_members (story_id, position);
-- A story's recent members (at most 16) carry a profile: found without reading its other members.
CREATE INDEX engine_members_profiles ON engine_members (story_id, position) WHERE profile IS NOT NULL;

CREATE TABLE engine_postings (
  key TEXT PRIMARY KEY,
  day INTEGER,
  stories TEXT NOT NULL
);

CREATE TABLE engine_merges (
  id TEXT PRIMARY KEY,
  into_id TEXT NOT NULL
);
CREATE INDEX engine_merges_into ON engine_merges (into_id);

CREATE TABLE unplaced_articles (
  article_id TEXT PRIMARY KEY,
  published_ms ${types.epochMs},
  stored_ms ${types.epochMs} NOT NULL
);
CREATE INDEX unplaced_articles_published_ms ON unplaced_articles (published_ms);
INSERT INTO unplaced_articles (article_id, published_ms, stored_ms) SELECT id, published_ms, 0 FROM articles;

CREATE TABLE story_queue (
  story_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  holder TEXT,
  expires_ms ${types.epochMs}
);

ALTER TABLE stories ADD COLUMN version INTEGER;
`,
  },
  // 11: what analysis computes of one article alone (its claims), kept so that a story it stands
  // in is analyzed again without computing it again (issue #15); `version` names the code and
  // options that made it, and a part of another version is computed again.
  {
    version: 11,
    name: 'article parts',
    sql: () => `
CREATE TABLE article_parts (
  article_id TEXT NOT NULL,
  part TEXT NOT NULL,
  version TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (article_id, part)
);
`,
  },
  // 20-29: following feeds (`corroborate watch`); 11-19 are left to other work in progress.
  {
    version: 20,
    name: 'followed feeds',
    // A feed's polling state survives restarts; watched_items is every article URL a feed has
    // named (canonical form), so nothing is fetched twice, across restarts too.
    sql: (types) => `
CREATE TABLE watched_feeds (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL UNIQUE,
  added_at TEXT NOT NULL,
  etag TEXT,
  last_modified TEXT,
  next_poll_ms ${types.epochMs} NOT NULL,
  failures INTEGER NOT NULL,
  last_error TEXT,
  last_polled_at TEXT,
  last_ok_at TEXT,
  articles INTEGER NOT NULL
);

CREATE TABLE watched_items (
  url TEXT PRIMARY KEY,
  feed_id TEXT NOT NULL,
  seen_ms ${types.epochMs} NOT NULL,
  article_id TEXT
);
`,
  },
];

/** The migrations in one backend's SQL. */
export function migrationsFor(types: ColumnTypes): Migration[] {
  return MIGRATIONS.map(({ version, name, sql }) => ({ version, name, sql: sql(types) }));
}
