// The ingest job queue: jobs run one at a time, in the order they came, inside the server
// process. A job that fails records why; nothing a job does can take the server down.
import { randomUUID } from 'node:crypto';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobError {
  readonly input: string;
  readonly message: string;
}

export interface JobSnapshot {
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
  readonly articlesAdded: readonly string[];
  readonly articlesExisting: readonly string[];
  readonly storiesTouched: readonly string[];
  /** Rejected inputs, and the job's own failure when state is `failed`. */
  readonly errors: readonly JobError[];
}

export interface JobProgress {
  report(stage: string, done: number, total: number | null): void;
}

export interface JobOutcome {
  readonly articlesAdded: readonly string[];
  readonly articlesExisting: readonly string[];
  readonly storiesTouched: readonly string[];
  readonly errors: readonly JobError[];
}

export type JobWork = (progress: JobProgress) => Promise<JobOutcome>;

/** Finished jobs kept for polling; older ones are forgotten first. */
export const MAX_FINISHED_JOBS = 200;
/** Jobs waiting at once; beyond this the API answers 503 rather than queueing without bound. */
export const MAX_QUEUED_JOBS = 20;

type MutableJob = { -readonly [K in keyof JobSnapshot]: JobSnapshot[K] };

export class JobQueue {
  private readonly jobs = new Map<string, MutableJob>();
  private readonly pending: { job: MutableJob; work: JobWork; cleanup?: () => Promise<void> }[] = [];
  private running: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /** Queues work; returns null when the queue is full or closed. */
  enqueue(inputs: readonly string[], work: JobWork, cleanup?: () => Promise<void>): JobSnapshot | null {
    if (this.closed || this.pending.length >= MAX_QUEUED_JOBS) return null;
    const job: MutableJob = {
      id: randomUUID(),
      state: 'queued',
      createdAt: new Date().toISOString(),
      startedAt: null,
      finishedAt: null,
      stage: null,
      done: 0,
      total: inputs.length,
      inputs: [...inputs],
      articlesAdded: [],
      articlesExisting: [],
      storiesTouched: [],
      errors: [],
    };
    this.jobs.set(job.id, job);
    this.pending.push({ job, work, ...(cleanup ? { cleanup } : {}) });
    this.forgetOldJobs();
    // Start on a later tick: the caller gets the job (and its id) before any work runs.
    if (!this.running) this.running = Promise.resolve().then(() => this.drain());
    return snapshot(job);
  }

  get(id: string): JobSnapshot | null {
    const job = this.jobs.get(id);
    return job ? snapshot(job) : null;
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].reverse().map(snapshot);
  }

  counts(): Record<JobState, number> {
    const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const job of this.jobs.values()) counts[job.state]++;
    return counts;
  }

  /** Stops taking jobs, drops the queued ones and waits for the running one to finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { job, cleanup } of this.pending.splice(0)) {
      finish(job, 'failed');
      job.errors = [...job.errors, { input: '', message: 'The server stopped before this job ran.' }];
      await cleanup?.().catch(this.onError);
    }
    await this.running;
  }

  private async drain(): Promise<void> {
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      const { job, work, cleanup } = next;
      job.state = 'running';
      job.startedAt = new Date().toISOString();
      try {
        const outcome = await work({
          report(stage, done, total) {
            job.stage = stage;
            job.done = done;
            job.total = total;
          },
        });
        job.articlesAdded = [...outcome.articlesAdded];
        job.articlesExisting = [...outcome.articlesExisting];
        job.storiesTouched = [...outcome.storiesTouched];
        job.errors = [...outcome.errors];
        finish(job, 'done');
      } catch (error) {
        this.onError(error);
        job.errors = [...job.errors, { input: '', message: `The job failed: ${(error as Error)?.message ?? String(error)}` }];
        finish(job, 'failed');
      } finally {
        await cleanup?.().catch(this.onError);
      }
    }
    this.running = null;
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((j) => j.state === 'done' || j.state === 'failed');
    for (const job of finished.slice(0, Math.max(0, finished.length - MAX_FINISHED_JOBS))) this.jobs.delete(job.id);
  }
}

function finish(job: MutableJob, state: 'done' | 'failed'): void {
  job.state = state;
  job.finishedAt = new Date().toISOString();
}

function snapshot(job: MutableJob): JobSnapshot {
  return { ...job };
}
