// The ingest job queue. Its rows live in the store (src/store/jobs.ts), so a job outlives the
// server that queued it and any runner on the same database can carry it out: `corroborate serve`
// runs one runner of its own, each `corroborate worker` process another, on this machine or on
// others sharing PostgreSQL.
import { randomUUID } from 'node:crypto';
import type { IngestJob, JobOutcome, JobState, Store } from '../store/types.js';
import {
  encodeQueuedRequest,
  inputLabels,
  PASTED_TEXT,
  pastedText,
  type IngestRequest,
  type QueuedRequest,
  type StoredFile,
} from './request.js';

export type { IngestJob as JobSnapshot, JobError, JobOutcome, JobState } from '../store/types.js';

export interface JobProgress {
  report(stage: string, done: number, total: number | null): void;
  /** Articles the job stored for the first time, told as soon as they are stored. */
  stored(articleIds: readonly string[]): void;
}

/** Carries out one job's request; throws when the job fails as a whole. */
export type JobWork = (
  job: { readonly id: string; readonly request: QueuedRequest },
  progress: JobProgress,
  /** Aborted when the job runs past its time limit: the work stops and rejects. */
  stop: AbortSignal,
) => Promise<JobOutcome>;

/** Finished jobs kept for polling; older ones are forgotten first. */
export const MAX_FINISHED_JOBS = 200;
/** Jobs waiting at once; beyond this the API answers 503 rather than queueing without bound. */
export const MAX_QUEUED_JOBS = 20;
/** Jobs listed by GET /api/jobs. */
const JOBS_LISTED = 50;

export class JobQueue {
  private readonly listeners = new Set<() => void>();

  constructor(private readonly store: Store) {}

  /** A job to receive: its files are stored as they arrive (JobDraft.addFile), then it is queued by enqueue. */
  draft(): JobDraft {
    return new JobDraft(this.store);
  }

  /**
   * Queues a request, with the files a draft received (its pasted text and in-memory files are
   * stored first); null when the queue is full, and the draft's files are then deleted. Wakes
   * this process's runners.
   */
  async enqueue(request: IngestRequest, draft: JobDraft = this.draft()): Promise<IngestJob | null> {
    const queued = await draft.complete(request);
    const job = await this.store.enqueueJob(
      { id: draft.id, inputs: inputLabels(queued), request: encodeQueuedRequest(queued) },
      MAX_QUEUED_JOBS,
    );
    if (!job) {
      await draft.discard();
      return null;
    }
    for (const listener of this.listeners) listener();
    return job;
  }

  /** Whether the queue has room for one more job now (checked again when it is queued). */
  async hasRoom(): Promise<boolean> {
    return (await this.store.countJobs()).queued < MAX_QUEUED_JOBS;
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

/** A job being received: the files of its request go to the store as they arrive, before it is queued. */
export class JobDraft {
  readonly id = randomUUID();
  private readonly files: StoredFile[] = [];
  private nextIndex = 0;

  constructor(private readonly store: Store) {}

  /** Stores one uploaded file as its bytes arrive; what `chunks` throws (a size limit) comes through. */
  async addFile(name: string, chunks: AsyncIterable<Uint8Array>): Promise<StoredFile> {
    const index = this.nextIndex++;
    const size = await this.store.saveJobFile(this.id, index, chunks);
    const file = { name, index, size };
    this.files.push(file);
    return file;
  }

  /** Bytes stored so far. */
  get bytes(): number {
    return this.files.reduce((sum, file) => sum + file.size, 0);
  }

  /** How many files were stored. */
  get count(): number {
    return this.files.length;
  }

  /** Deletes what was stored: the request was refused or the queue was full. */
  async discard(): Promise<void> {
    await this.store.deleteJobFiles(this.id);
  }

  /** The request as its job keeps it, with its pasted text and in-memory files stored too. */
  async complete(request: IngestRequest): Promise<QueuedRequest> {
    const received = [...this.files];
    const text =
      request.text === null
        ? null
        : await this.addFile(PASTED_TEXT, oneChunk(new TextEncoder().encode(pastedText(request.text, request.title))));
    for (const file of request.files) await this.addFile(file.name, oneChunk(file.bytes));
    const given = this.files.slice(received.length + (text ? 1 : 0));
    return { urls: request.urls, feed: request.feed, title: request.title, text, files: [...received, ...given] };
  }
}

async function* oneChunk(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}
