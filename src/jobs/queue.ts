// The ingest job queue. Its rows live in the store (src/store/jobs.ts), so a job outlives the
// server that queued it and any runner on the same database can carry it out: `corroborate serve`
// runs one runner of its own, each `corroborate worker` process another, on this machine or on
// others sharing PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { IngestJob, JobOutcome, JobState, Store } from '../store/types.js';
import { encodeIngestRequest, inputLabels, type IngestRequest } from './request.js';

export type { IngestJob as JobSnapshot, JobError, JobOutcome, JobState } from '../store/types.js';

export interface JobProgress {
  report(stage: string, done: number, total: number | null): void;
  /** Articles the job stored for the first time, told as soon as they are stored. */
  stored(articleIds: readonly string[]): void;
}

/** Carries out one job's request; throws when the job fails as a whole. */
export type JobWork = (request: IngestRequest, progress: JobProgress) => Promise<JobOutcome>;

/** Finished jobs kept for polling; older ones are forgotten first. */
export const MAX_FINISHED_JOBS = 200;
/** Jobs waiting at once; beyond this the API answers 503 rather than queueing without bound. */
export const MAX_QUEUED_JOBS = 20;
/** Jobs listed by GET /api/jobs. */
const JOBS_LISTED = 50;

export class JobQueue {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: Store) {}

  /** Queues a request; null when the queue is full. Wakes this process's runners. */
  async enqueue(request: IngestRequest): Promise<IngestJob | null> {
    const job = await this.store.enqueueJob(
      { id: randomUUID(), inputs: inputLabels(request), request: encodeIngestRequest(request) },
      MAX_QUEUED_JOBS,
    );
    if (job) for (const listener of this.listeners) listener();
    return job;
  }

  get(id: string): Promise<IngestJob | null> {
    return this.store.getJob(id);
  }

  list(): Promise<IngestJob[]> {
    return this.store.listJobs(JOBS_LISTED);
  }

  counts(): Promise<Record<JobState, number>> {
    return this.store.countJobs();
  }

  /** Calls `listener` whenever this process queues a job; returns the way to stop. */
  onEnqueue(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
