// The tables' rows as the drivers return them: one interface per table (kysely's `PersonTable`)
// and `Tables`, every table by name (kysely's `Database`). Both backends' queries are typed by these
// one definitions: a query names what it reads with `Selected<'table', 'a' | 'b'>`, an aggregate
// with its own small shape (`CountRow`). Keep in step with migrations.ts: a migration that adds or
// changes a column changes its interface here.
//
// Types hold for both backends: SQLite's INTEGER and PostgreSQL's INTEGER come back as numbers, and
// the PostgreSQL driver reads BIGINT (epoch milliseconds, COUNT(*)) as a number too, refusing a
// value past 2^53 (postgres/driver.ts). TEXT is a string, BLOB / BYTEA a Buffer, a nullable column
// `| null`. Columns holding JSON text say what the JSON is in their comment.

export interface MigrationTable {
  readonly version: number;
  readonly name: string;
  readonly applied_at: string;
}

export interface ArticleTable {
  readonly content_hash: string;
  readonly id: string;
  readonly input: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly outlet: string | null;
  readonly outlet_key: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly published_ms: number | null;
  readonly language: string | null;
  readonly text_length: number;
  readonly search_text: string;
  /** JSON: the Article record exactly as stored. */
  readonly record: string;
  readonly stored_at: string;
}

export interface SentenceTable {
  readonly article_id: string;
  readonly idx: number;
  readonly paragraph: number;
  readonly start_offset: number;
  readonly end_offset: number;
  readonly text: string;
}

export interface RejectionTable {
  readonly key: string;
  readonly input: string;
  readonly code: string;
  readonly reason: string;
  readonly at: string;
}

export interface StoryTable {
  readonly id: string;
  readonly headline: string;
  readonly label: string;
  readonly first_seen: string | null;
  readonly last_seen: string | null;
  readonly first_seen_ms: number | null;
  readonly last_seen_ms: number | null;
  /** JSON: the outlets' names, a string array. */
  readonly outlets: string;
  readonly size: number;
  readonly independent_origins: number;
  readonly findings: number;
  readonly search_text: string;
  /** JSON: the DossierStory exactly as stored. */
  readonly dossier: string;
  readonly saved_at: string;
  /** The engine version the dossier was built from (migration 10); null before it. */
  readonly version: number | null;
}

export interface StoryOutletTable {
  readonly story_id: string;
  readonly outlet_key: string;
  readonly outlet: string;
}

export interface StoryArticleTable {
  readonly story_id: string;
  readonly article_id: string;
  readonly position: number;
  readonly role: string;
}

export interface StoryAliasTable {
  readonly id: string;
  readonly story_id: string;
  readonly merged_at: string;
}

export interface SignatureBandTable {
  readonly band_key: string;
  readonly article_id: string;
}

export interface EngineStateTable {
  readonly key: string;
  /** JSON text, returned exactly as written. */
  readonly value: string;
  readonly updated_at: string;
}

export interface LeaseTable {
  readonly name: string;
  readonly holder: string;
  readonly expires_ms: number;
}

export interface IngestJobTable {
  readonly id: string;
  readonly state: string;
  readonly created_at: string;
  readonly queue_position: number;
  readonly started_at: string | null;
  readonly finished_at: string | null;
  readonly stage: string | null;
  readonly done: number;
  readonly total: number | null;
  readonly attempts: number;
  readonly holder: string | null;
  readonly expires_ms: number | null;
  /** JSON: the inputs' names, a string array. */
  readonly inputs: string;
  /** JSON: the analysis request, kept until the job ends. */
  readonly request: string | null;
  /** JSON: the JobOutcome. */
  readonly outcome: string;
}

export interface IngestJobFileTable {
  readonly job_id: string;
  readonly file_index: number;
  readonly chunk_index: number;
  readonly bytes: Buffer;
  readonly stored_ms: number;
}

export interface EngineStoryTable {
  readonly id: string;
  readonly seq: number;
  readonly version: number;
  readonly size: number;
  readonly first_ms: number | null;
  readonly last_ms: number | null;
  /** JSON: the story's summary facts. */
  readonly facts: string;
}

export interface EngineMemberTable {
  readonly article_id: string;
  readonly story_id: string;
  readonly position: number;
  readonly headline: string;
  /** JSON: the member's profile, kept for a story's most recent members only. */
  readonly profile: string | null;
}

export interface EnginePostingTable {
  readonly key: string;
  readonly day: number | null;
  /** JSON: the story ids, a string array. */
  readonly stories: string;
}

export interface EngineMergeTable {
  readonly id: string;
  readonly into_id: string;
}

export interface UnplacedArticleTable {
  readonly article_id: string;
  readonly published_ms: number | null;
  readonly stored_ms: number;
}

export interface StoryQueueTable {
  readonly story_id: string;
  readonly version: number;
  readonly holder: string | null;
  readonly expires_ms: number | null;
}

/** Every table by name. */
/** What analysis computes of one article alone (its claims), kept for the stories it stands in (migration 11). */
export interface ArticlePartTable {
  readonly article_id: string;
  readonly part: string;
  /** The code and options that made it: a part of another version is computed again. */
  readonly version: string;
  /** JSON of the part. */
  readonly value: string;
}

/** A feed or site `corroborate watch` follows (migration 20, store/feeds.ts). */
export interface WatchedFeedTable {
  readonly id: string;
  readonly url: string;
  readonly added_at: string;
  /** The validators of its last 200 answer, sent back for a 304. */
  readonly etag: string | null;
  readonly last_modified: string | null;
  readonly next_poll_ms: number;
  readonly failures: number;
  readonly last_error: string | null;
  readonly last_polled_at: string | null;
  readonly last_ok_at: string | null;
  readonly articles: number;
}

/** An article URL a followed feed named, fetched once (migration 20). */
export interface WatchedItemTable {
  readonly url: string;
  readonly feed_id: string;
  readonly seen_ms: number;
  readonly article_id: string | null;
}

export interface Tables {
  readonly corroborate_migrations: MigrationTable;
  readonly articles: ArticleTable;
  readonly sentences: SentenceTable;
  readonly rejections: RejectionTable;
  readonly stories: StoryTable;
  readonly story_outlets: StoryOutletTable;
  readonly story_articles: StoryArticleTable;
  readonly story_aliases: StoryAliasTable;
  readonly signature_bands: SignatureBandTable;
  readonly engine_state: EngineStateTable;
  readonly leases: LeaseTable;
  readonly ingest_jobs: IngestJobTable;
  readonly ingest_job_files: IngestJobFileTable;
  readonly engine_stories: EngineStoryTable;
  readonly engine_members: EngineMemberTable;
  readonly engine_postings: EnginePostingTable;
  readonly engine_merges: EngineMergeTable;
  readonly unplaced_articles: UnplacedArticleTable;
  readonly story_queue: StoryQueueTable;
  readonly article_parts: ArticlePartTable;
  readonly watched_feeds: WatchedFeedTable;
  readonly watched_items: WatchedItemTable;
}

/** The columns `C` of table `T`, as a SELECT of them returns each row. */
export type Selected<T extends keyof Tables, C extends keyof Tables[T]> = Pick<Tables[T], C>;

/** The row of `SELECT COUNT(*) AS n`. */
export interface CountRow {
  readonly n: number;
}
