// The library: what a program that embeds Corroborate imports (`import { runAnalysis } from
// 'corroborate'`). The orchestrator first, then each stage with its options, the store, and the
// records and dossier types they exchange. Anything not exported here is internal and may change.

// The whole pipeline: over articles in memory (pure), or over inputs against a store. A program
// that follows news for good streams: `analyzeStream(inputs, store, options)` reads the inputs in
// bounded chunks (constant memory whatever their size) and yields each chunk's `BatchResult`
// (the stories it changed, story ids it merged away, its articles and rejections); `runAnalysis`
// collects the same stream into one `RunResult`. `options.threads` sizes the worker-thread pool.
export {
  analyzeArticles,
  analyzeStream,
  runAnalysis,
  type AnalyzeOptions,
  type BatchResult,
  type ProgressEvent,
  type RunResult,
} from './pipeline/analyze.js';

// The stages, top to bottom, each with its options object and defaults.
export { readInputs, INGEST_DEFAULTS, type IngestOptions } from './ingest/index.js';
export { extractArticle, extractArticles, EXTRACT_DEFAULTS, type ExtractOptions } from './extract/index.js';
export { splitSentences, tokenize } from './sentences/index.js';
export {
  findReuse,
  NearDuplicateBatch,
  NEAR_DUPLICATE_DEFAULTS,
  REUSE_DEFAULTS,
  type NearDuplicateOptions,
  type ReuseOptions,
} from './reuse/index.js';
export { clusterStories, StoryIndex, STORY_DEFAULTS, type StoryOptions } from './stories/index.js';
export { deriveStory, countIndependentOrigins, DERIVATION_DEFAULTS, type DerivationOptions } from './derivation/index.js';
export { extractClaims, CLAIM_DEFAULTS, type ClaimOptions } from './claims/index.js';
export {
  reconcileStory,
  storyCoverage,
  RECONCILE_DEFAULTS,
  type ReconcileInput,
  type ReconcileOptions,
  type StoryCoverage,
} from './reconcile/index.js';
export { writeBrief, BRIEF_DEFAULTS, type BriefInput, type BriefOptions } from './brief/index.js';

// The dossier: what analysis produces, its version and its JSON Schema check.
export { DOSSIER_VERSION } from './dossier/types.js';
export type * from './dossier/types.js';
export { validateDossier, dossierSchema, type DossierValidation } from './dossier/validate.js';

// Storage: SQLite (a file path) or PostgreSQL (a postgres:// URL), one interface.
export { openStore, type OpenStoreOptions } from './store/index.js';
export type { Store } from './store/types.js';

// Following feeds (`corroborate watch`): polls RSS/Atom feeds, news sitemaps and sites politely
// (conditional GET, one request at a time per host, robots.txt) and adds each new article through
// `analyzeStream`; the feeds and what was read of them live in the store, so it survives restarts.
// `watch(store, ['https://…/rss'], { everyMs })` resolves to a handle: `follow(url)`, `stop()`.
export {
  watch,
  WATCH_DEFAULTS,
  type WatchEvent,
  type WatchHandle,
  type WatchOptions,
  type Clock,
  type PolitenessOptions,
} from './watch/index.js';
export type { WatchedFeed } from './store/types.js';

// The records that flow between the stages, and the one error type for misuse.
export type * from './records.js';
export { CorroborateError, type ErrorCode } from './errors.js';
