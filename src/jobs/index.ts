// The ingest job machinery: a durable queue in the store (queue.ts, SQL in src/store/jobs.ts), the
// runners that take its jobs (runner.ts), what a job does (ingest-job.ts) and the thread it runs
// in (analysis-thread.ts). The HTTP API queues jobs; `corroborate serve` and each `corroborate
// worker` process run one runner. Nothing here knows about HTTP.
export { JobDraft, JobQueue, MAX_FINISHED_JOBS, MAX_QUEUED_JOBS, type JobProgress, type JobWork } from './queue.js';
export type { JobError, JobOutcome, JobSnapshot, JobState } from './queue.js';
export { JobRunner, JOB_RUNNER_DEFAULTS, type JobRunnerOptions } from './runner.js';
export { startIngestRunner, type IngestRunner } from './ingest-runner.js';
export type { IngestJobOptions } from './ingest-job.js';
export type { IngestRequest } from './request.js';
