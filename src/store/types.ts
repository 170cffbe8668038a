// The one storage interface. The core talks only to this; each backend folder implements it
// (sqlite/ with better-sqlite3, postgres/ with pg) and runs the same test suite (store.test.ts).
// All methods are async so a networked backend fits; each write method is one transaction.
import type { Article, Rejection, Sentence } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import type { Snippet } from './search.js';

export interface SaveArticlesResult {
  /** Ids newly stored by this call. */
  readonly inserted: readonly string[];
  /** Ids that were already stored (same content hash): not stored again. */
  readonly existing: readonly string[];
}

/** Filters for `listStories` and `listArticles`. */
export interface ListQuery {
  /**
   * Words that must all occur: in a story's headline, label, outlets or article titles, or in the
   * text of one of its articles (full-text search, best matches first); in an article's title,
   * byline, outlet, publisher, input or URL.
   */
  readonly text?: string;
  readonly outlet?: string;
  /** ISO dates: stories whose time span overlaps [from, to]; articles published within [from, to]. */
  readonly from?: string;
  readonly to?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export type StoryQuery = ListQuery;
export type ArticleQuery = ListQuery;

/** A stored story in a list: the dossier story's own fields, with counts for its lists. */
export interface StorySummary
  extends Pick<DossierStory, 'id' | 'headline' | 'label' | 'firstSeen' | 'lastSeen' | 'outlets' | 'independentOrigins'> {
  /** Articles in the story. */
  readonly size: number;
  /** Findings in the dossier. */
  readonly findings: number;
  /** For a search: the story's article whose text matched best, with a passage around the words found. */
  readonly match?: StoryMatch;
}

export interface StoryMatch {
  readonly article: string;
  /** Where the article came from (its file or URL), to name it when it has no outlet or title. */
  readonly input: string;
  readonly outlet: string | null;
  readonly title: string | null;
  readonly snippet: Snippet;
}

export interface StoryVersion {
  /** The live story's id. */
  readonly id: string;
  /** Opaque; differs between two saves of the story. */
  readonly version: string;
}

export interface ArticleSummary {
  readonly id: string;
  readonly input: string;
  readonly url: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly outlet: string | null;
  readonly publisher: string | null;
  readonly published: string | null;
  readonly language: string | null;
  /** Length of the cleaned text in characters. */
  readonly length: number;
}

export interface OutletCount {
  readonly outlet: string;
  /** Stories in which the outlet has at least one article. */
  readonly stories: number;
}

export interface StoredRejection extends Rejection {
  readonly at: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobError {
  readonly input: string;
  readonly message: string;
}

/** What an ingest job did, as its runner reports it. */
export interface JobOutcome {
  readonly articlesAdded: readonly string[];
  readonly articlesExisting: readonly string[];
  readonly storiesTouched: readonly string[];
  /** Rejected inputs, and the job's own failure when its state is `failed`. */
  readonly errors: readonly JobError[];
}

/** One queued, running or finished ingest job (the web app's "add articles"). */
export interface IngestJob extends JobOutcome {
  readonly id: string;
  readonly state: JobState;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** What the pipeline is doing now: ingest, extract, analyze, store. */
  readonly stage: string | null;
  readonly done: number;
  readonly total: number | null;
  /** What the user gave, for display: URLs, file names, "pasted text". */
  readonly inputs: readonly string[];
  /** Times a runner has taken the job (more than one when a runner stopped while running it). */
  readonly attempts: number;
}

/** A job a runner has taken, with the request it must carry out (JSON text, as enqueued). */
export interface ClaimedJob {
  readonly job: IngestJob;
  readonly request: string;
}

/** A stored story of the stories engine (src/stories/state.ts makes and reads `facts`). */
export interface EngineStoryRow {
  readonly id: string;
  readonly seq: number;
  readonly version: number;
  readonly size: number;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  /** JSON text: the story's summary facts (centroid, entities, numbers, vector ...). */
  readonly facts: string;
}

/** A stored story with what a batch reads of it: its recent members' profiles, and its member list when small. */
export interface EngineStoryRead extends EngineStoryRow {
  /** The members that carry a profile (JSON text), in story order. */
  readonly profiles: readonly { readonly article: string; readonly profile: string }[];
  /** Every member in story order, when the story has at most the `heldUpTo` asked for; else null. */
  readonly members: readonly { readonly id: string; readonly headline: string }[] | null;
}

/** A change of an article's place in the stories engine, replayed in order. */
export type EngineMemberEvent =
  | { readonly type: 'place'; readonly article: string; readonly story: string; readonly position: number; readonly headline: string }
  | { readonly type: 'merge'; readonly drop: string; readonly keep: string; readonly offset: number };

/** What one batch changed in the stories engine's state: written in one transaction. */
export interface EngineStateWrite {
  /** The next story's sequence number. */
  readonly seq: number;
  /** Stories that changed or are new (replacing their row). */
  readonly stories: readonly EngineStoryRow[];
  /** Story ids merged away, to the live story they resolve to: engine rows removed, dossiers retired as aliases. */
  readonly retired: readonly (readonly [string, string])[];
  readonly events: readonly EngineMemberEvent[];
  /** Profiles (JSON text) set or cleared (null), after the events. */
  readonly profiles: readonly { readonly article: string; readonly profile: string | null }[];
  /**
   * Posting lists: `complete` replaces the stored list; otherwise `stories` (this batch's touches,
   * oldest first) go after the stored ones, a story touched again moving to the end, and only the
   * last `postingCap` are kept.
   */
  readonly postings: readonly {
    readonly key: string;
    readonly day: number | null;
    readonly stories: readonly string[];
    readonly complete: boolean;
  }[];
  readonly postingCap: number;
  /** Articles placed by this batch: no longer unplaced. */
  readonly placed: readonly string[];
  /** Who will analyze the changed stories, and for how long they are its to analyze (story_queue). */
  readonly holder: string;
  readonly ttlMs: number;
  /** The stories' stored dossiers are already current (a state converted from the old format): queue nothing. */
  readonly analyzed?: boolean;
}

/** What analysis computed of one article alone, kept for the next time its story is analyzed. */
export interface ArticlePart {
  readonly articleId: string;
  readonly part: string;
  readonly version: string;
  /** JSON text. */
  readonly value: string;
}

/** A story whose engine state is newer than its stored dossier, to analyze. */
export interface QueuedStory {
  readonly id: string;
  readonly version: number;
}

/** A feed (RSS, Atom or news sitemap) the store follows, with its polling state (`corroborate watch`). */
export interface WatchedFeed {
  /** Stable id derived from the URL (for the API). */
  readonly id: string;
  readonly url: string;
  readonly addedAt: string;
  /** Validators of the last copy read, sent back on the next poll (conditional GET). */
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** When the feed is next due (milliseconds since the epoch); 0 for a feed never polled (due at once). */
  readonly nextPollMs: number;
  /** Polls that failed in a row (0 after a good one): the backoff grows with it. */
  readonly failures: number;
  /** Why the last poll failed; null after a good one. */
  readonly lastError: string | null;
  readonly lastPolledAt: string | null;
  readonly lastOkAt: string | null;
  /** Articles stored from this feed so far. */
  readonly articles: number;
}

/** What one poll of a feed leaves behind. */
export interface FeedPoll {
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly nextPollMs: number;
  readonly failures: number;
  readonly lastError: string | null;
  readonly polledAt: string;
  /** Articles this poll stored, added to the feed's count. */
  readonly articlesAdded: number;
}

export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Apply numbered migrations not yet applied. Idempotent. */
  migrate(): Promise<void>;
  /** Store articles (and their sentences) once by content hash, in one transaction. */
  saveArticles(batch: readonly { article: Article; sentences: readonly Sentence[] }[]): Promise<SaveArticlesResult>;
  saveRejections(rejections: readonly Rejection[]): Promise<void>;
  getArticle(id: string): Promise<Article | null>;
  getSentences(articleId: string): Promise<Sentence[]>;
  listArticleIds(): Promise<string[]>;
  countArticles(): Promise<number>;
  listRejections(limit?: number): Promise<StoredRejection[]>;
  /**
   * Store story dossiers in one transaction, replacing earlier versions of the same ids.
   * `mergedInto` records ids that were folded into another story so old links still resolve.
   */
  saveStories(stories: readonly DossierStory[], mergedInto?: ReadonlyMap<string, string>): Promise<void>;
  /** Resolves merged ids to the surviving story. */
  getStory(id: string): Promise<DossierStory | null>;
  /**
   * The live story `id` names (itself, or the story it was merged into) and its version, which
   * changes each time the story is saved: a reader that kept what it read of that version may
   * use it again. Null if unknown.
   */
  storyVersion(id: string): Promise<StoryVersion | null>;
  /** The live story `id` names as the JSON text it was saved as (JSON.stringify of the DossierStory), with its version. */
  getStoryJson(id: string): Promise<(StoryVersion & { readonly json: string }) | null>;
  listStories(query?: StoryQuery): Promise<{ total: number; stories: StorySummary[] }>;
  /**
   * Keeps what analysis computed of single articles (`part` names what, `version` the code and
   * options that made it; `value` is JSON text), replacing an article's earlier value of the part.
   */
  saveArticleParts(parts: readonly ArticlePart[]): Promise<void>;
  /** The kept `part` of each of `articleIds` made by `version`, by article id; absent when none or another version. */
  getArticleParts(articleIds: readonly string[], part: string, version: string): Promise<Map<string, string>>;
  /** Reuse signatures for incremental near-duplicate search (issue "Who copied whom"). */
  saveSignatures(entries: readonly { articleId: string; bandKeys: readonly string[] }[]): Promise<void>;
  /** Article ids sharing at least one band key with the given keys. */
  findByBandKeys(bandKeys: readonly string[]): Promise<string[]>;
  /**
   * Stored stories that the given (newly analyzed) stories absorb: every article of the stored
   * story is now in one of them. Maps each such old id to the new story holding most of its
   * articles; pass the map to saveStories as `mergedInto` so old links keep resolving.
   */
  findSupersededStories(stories: readonly DossierStory[]): Promise<Map<string, string>>;
  /** The id of the live story `id` names (itself, or the story it was merged into); null if unknown. */
  resolveStoryId(id: string): Promise<string | null>;
  /** Ids of the stored stories an article belongs to. */
  storiesForArticle(articleId: string): Promise<string[]>;
  /** Stored articles, newest published first, with the same search conventions as stories. */
  listArticles(query?: ArticleQuery): Promise<{ total: number; articles: ArticleSummary[] }>;
  /** Every outlet of the stored stories with its story count, most stories first. */
  listOutlets(): Promise<OutletCount[]>;
  /**
   * Durable state an engine keeps between runs so `analyze` can continue incrementally (the
   * stories engine's `StoryIndex.toJSON()`, under its own key). Returns the JSON text last
   * written under `key` exactly, or null if nothing was.
   */
  getState(key: string): Promise<string | null>;
  /**
   * Writes `value` (JSON text, e.g. from JSON.stringify) under `key`, replacing what was there,
   * in one transaction: a reader sees the old value or the new one, never a part. Refuses (usage
   * error) an empty key and a value that is not JSON or holds a raw NUL or lone surrogate.
   */
  putState(key: string, value: string): Promise<void>;
  /** Removes the state under `key` (nothing when there is none). */
  deleteState(key: string): Promise<void>;
  // The stories engine's state as rows (src/pipeline/story-state.ts): a batch reads only the
  // posting lists, stories and placements its look-ups reach, and writes only what it changed.
  /** Posting lists by key (story ids, oldest first); keys never written are absent. */
  readEnginePostings(keys: readonly string[]): Promise<Map<string, string[]>>;
  /** For merged story ids among `ids`, the live story each resolves to. */
  readEngineMerges(ids: readonly string[]): Promise<Map<string, string>>;
  /** For placed articles among `articleIds`, their live story. */
  readEnginePlacements(articleIds: readonly string[]): Promise<Map<string, string>>;
  /** Live engine stories among `ids`, with their profiles, and their members when at most `heldUpTo`. */
  readEngineStories(ids: readonly string[], heldUpTo: number): Promise<EngineStoryRead[]>;
  /** Every member of each story, in story order, with its headline. */
  readEngineMembers(storyIds: readonly string[]): Promise<Map<string, { id: string; headline: string }[]>>;
  /** Those of `ids` that name an engine story, live or merged. */
  readTakenStoryIds(ids: readonly string[]): Promise<Set<string>>;
  /** The engine's next story sequence number (0 for a new store). */
  readEngineSeq(): Promise<number>;
  /** Applies one batch's changes in one transaction (see EngineStateWrite); queues the changed stories for `holder`. */
  writeEngineState(changes: EngineStateWrite): Promise<void>;
  /**
   * Stored articles the engine has not placed yet, stored before `storedBeforeMs` (a run that
   * stopped before placing them, or a rebuild), oldest published first.
   */
  listUnplacedArticles(limit: number, storedBeforeMs: number): Promise<string[]>;
  /** Marks every stored article unplaced and empties the engine's tables: the stories are rebuilt by the next runs. */
  resetEngineState(): Promise<void>;
  /**
   * Stores dossiers built from the given engine versions, in one transaction: each is written
   * only while its version is still the engine's (a later batch changed the story: its own run
   * writes it) and newer than the stored dossier, so two writers never lose an update. Returns
   * the ids written and those refused as stale.
   */
  saveStoryVersions(entries: readonly { story: DossierStory; version: number }[]): Promise<{ saved: string[]; stale: string[] }>;
  /**
   * Stories queued for analysis whose holder's time ran out (it stopped), or never taken: up to
   * `limit`, given to `holder` for `ttlMs`.
   */
  claimQueuedStories(holder: string, ttlMs: number, limit: number): Promise<QueuedStory[]>;
  /**
   * Takes the lease `name` for `holder` until `ttlMs` from now, when nobody else holds it or the
   * other holder's lease has run out; a holder renews its own lease the same way. Resolves to
   * true when `holder` now holds it. Leases keep two processes from continuing the same engine
   * state at once (src/pipeline/lease.ts); one that dies frees its lease when the time runs out.
   */
  acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `holder` holds it; otherwise does nothing. */
  releaseLease(name: string, holder: string): Promise<void>;
  /**
   * Gives the lease `name` to `holder` until `ttlMs` from now if `from` still holds it, whether or
   * not its time has run out: for a holder known to be gone (its process no longer runs). Of two
   * that take over from the same holder at once, one gets it. True when `holder` now holds it.
   */
  takeOverLease(name: string, from: string, holder: string, ttlMs: number): Promise<boolean>;
  /** Who holds the lease `name` and until when, or null when nobody does (an expired lease is nobody's). */
  leaseHolder(name: string): Promise<{ holder: string; expires: string } | null>;
  /**
   * Queues an ingest job whose `request` (JSON text) a runner will carry out, unless `maxQueued`
   * jobs already wait (then null: a soft cap, two enqueuers at one instant may both get in).
   */
  enqueueJob(job: { id: string; inputs: readonly string[]; request: string }, maxQueued: number): Promise<IngestJob | null>;
  /**
   * Gives `holder` the oldest queued job, or a running one whose runner's lease ran out (it
   * stopped), until `ttlMs` from now; at most one holder gets each job. A job already taken
   * `maxAttempts` times is failed instead of taken again. A running job whose holder `isGone`
   * says has stopped (a process of this machine that no longer runs) counts as one whose lease
   * ran out. Null when nothing waits.
   */
  claimJob(holder: string, ttlMs: number, maxAttempts: number, isGone?: (holder: string) => boolean): Promise<ClaimedJob | null>;
  /**
   * Adds articles to a running job's `articlesAdded` as soon as they are stored, so a later attempt
   * (which finds them stored already) still counts them; false when the job is no longer the holder's.
   */
  addJobArticles(id: string, holder: string, articleIds: readonly string[]): Promise<boolean>;
  /** Records progress and renews the holder's lease; false when the job is no longer the holder's. */
  reportJob(id: string, holder: string, progress: { stage: string; done: number; total: number | null }, ttlMs: number): Promise<boolean>;
  /**
   * Ends the holder's job as done or failed with its outcome, drops its request and files, and
   * forgets all but the newest `keepFinished` finished jobs. False when the job is no longer the holder's.
   */
  finishJob(id: string, holder: string, state: 'done' | 'failed', outcome: JobOutcome, keepFinished: number): Promise<boolean>;
  /**
   * Stores file number `fileIndex` of the job `jobId` (to be queued, or queued) as its chunks
   * arrive, a bounded amount in memory at a time; resolves to its size in bytes. When `chunks`
   * throws, what was stored stays until deleteJobFiles (or, for a job never queued, an hour).
   */
  saveJobFile(jobId: string, fileIndex: number, chunks: AsyncIterable<Uint8Array>): Promise<number>;
  /** The bytes of a job's file, in order, a chunk at a time; nothing for a file never stored. */
  readJobFile(jobId: string, fileIndex: number): AsyncIterable<Uint8Array>;
  /** Deletes every file of a job; finishJob does it for the job it ends. */
  deleteJobFiles(jobId: string): Promise<void>;
  getJob(id: string): Promise<IngestJob | null>;
  /** The newest jobs first. */
  listJobs(limit: number): Promise<IngestJob[]>;
  countJobs(): Promise<Record<JobState, number>>;
  // Followed feeds (src/watch/): their polling state and the article URLs they named.
  /** Follows `url` (due at once), or returns the feed already followed at that URL. */
  followFeed(url: string): Promise<WatchedFeed>;
  /** Stops following the feed with this id (its seen URLs stay, so a feed followed again refetches nothing). False when unknown. */
  unfollowFeed(id: string): Promise<boolean>;
  /** Every followed feed, the soonest due first. */
  listFeeds(): Promise<WatchedFeed[]>;
  /**
   * Takes the poll of a feed found due at `dueMs` (its `nextPollMs` as read): moves its next poll
   * to `untilMs` if no other watcher did first. True when this caller is to poll it now; a
   * watcher that stops before recording the poll leaves the feed due again at `untilMs`.
   */
  claimFeedPoll(id: string, dueMs: number, untilMs: number): Promise<boolean>;
  /** Records a poll's outcome; nothing when the feed was unfollowed meanwhile. */
  recordFeedPoll(id: string, poll: FeedPoll): Promise<void>;
  /** Those of `urls` (canonical article URLs) that no feed has named before. */
  unseenItems(urls: readonly string[]): Promise<string[]>;
  /** Records article URLs as seen (fetched, or refused for good), with the article stored from each. */
  markItemsSeen(feedId: string, items: readonly { url: string; articleId: string | null }[]): Promise<void>;
  close(): Promise<void>;
}
