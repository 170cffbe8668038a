// One runner of the ingest job queue: takes the oldest waiting job from the store, carries it
// out, records its progress and outcome, and takes the next; sleeps while nothing waits. Several
// runners (in several processes or machines) share one queue: each job goes to one of them, and
// a job whose runner stopped mid-way is taken again by another once its lease runs out.
// The runner knows only the Store's job methods and a JobWork, so another queue (a PostgreSQL job
// queue library) can take its place without touching what a job does.
import { decodeIngestRequest } from './request.js';
import { leaseHolderName } from '../pipeline/lease.js';
import type { JobOutcome, Store } from '../store/types.js';
import { MAX_FINISHED_JOBS, type JobWork } from './queue.js';

export interface JobRunnerOptions {
  /** How long a taken job stays this runner's without a progress report or renewal. */
  readonly ttlMs: number;
  /** How often an idle runner looks for work queued by other processes. */
  readonly pollMs: number;
  /** A job is given up after this many runners stopped while running it. */
  readonly maxAttempts: number;
  /** Progress is written at most this often (stage changes and the end always are). */
  readonly progressEveryMs: number;
  readonly log: (message: string) => void;
}

export const JOB_RUNNER_DEFAULTS = {
  // The work runs in the analysis thread or awaits I/O, so the timer below renews the lease on time.
  ttlMs: 60_000,
  pollMs: 1_000,
  // A request that kills its runner twice is not worth a third runner.
  maxAttempts: 2,
  progressEveryMs: 500,
  log: (message: string) => process.stderr.write(`${message}\n`),
} satisfies JobRunnerOptions;

/** Renew a held job's lease this many times per lease period. */
const RENEWALS_PER_TTL = 3;

export class JobRunner {
  private readonly settings: JobRunnerOptions;
  private readonly holder = leaseHolderName();
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly store: Store,
    private readonly work: JobWork,
    options: Partial<JobRunnerOptions> = {},
  ) {
    this.settings = { ...JOB_RUNNER_DEFAULTS, ...options };
  }

  /** Starts taking jobs. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** Takes no more jobs and waits for the running one; queued jobs stay queued for other runners. */
  async close(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failing: string | null = null;
    while (!this.stopped) {
      let ran = false;
      try {
        ran = await this.runOne();
        if (failing !== null) this.settings.log('corroborate: the job queue can be read again.');
        failing = null;
      } catch (error) {
        // The store failed (a lost connection): keep the runner alive and try again at the next
        // poll, saying so once per failure rather than once a second.
        const message = (error as Error)?.message ?? String(error);
        if (message !== failing) this.settings.log(`corroborate: the job queue could not be read (trying again): ${message}`);
        failing = message;
      }
      if (!ran && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.settings.pollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        this.wakeUp = null;
        done();
      };
    });
  }

  /** Carries out one job; false when none was waiting. */
  private async runOne(): Promise<boolean> {
    const claimed = await this.store.claimJob(this.holder, this.settings.ttlMs, this.settings.maxAttempts);
    if (!claimed) return false;
    const { id } = claimed.job;
    const { ttlMs, progressEveryMs, log } = this.settings;
    let lost = false;
    let last = { stage: '', at: 0 };
    let latest = { stage: 'ingest', done: 0, total: claimed.job.total };
    const write = () =>
      this.store.reportJob(id, this.holder, latest, ttlMs).then(
        (held) => {
          if (!held && !lost) {
            lost = true;
            log(`corroborate: job ${id} was taken over by another runner while this one ran it.`);
          }
        },
        (error: unknown) => log(`corroborate: could not record progress of job ${id}: ${(error as Error)?.message ?? String(error)}`),
      );
    const renew = setInterval(() => void write(), Math.max(1, Math.floor(ttlMs / RENEWALS_PER_TTL)));
    let outcome: JobOutcome;
    let state: 'done' | 'failed' = 'done';
    try {
      outcome = await this.work(decodeIngestRequest(claimed.request), {
        report(stage, done, total) {
          latest = { stage, done, total };
          const now = Date.now();
          if (stage !== last.stage || now - last.at >= progressEveryMs) {
            last = { stage, at: now };
            void write();
          }
        },
      });
    } catch (error) {
      log(`corroborate: ingest job ${id} failed: ${(error as Error)?.stack ?? String(error)}`);
      state = 'failed';
      outcome = {
        articlesAdded: [],
        articlesExisting: [],
        storiesTouched: [],
        errors: [{ input: '', message: `The job failed: ${(error as Error)?.message ?? String(error)}` }],
      };
    } finally {
      clearInterval(renew);
    }
    if (!(await this.store.finishJob(id, this.holder, state, outcome, MAX_FINISHED_JOBS)) && !lost) {
      log(`corroborate: job ${id} ended here but another runner holds it now; its outcome is that runner's.`);
    }
    return true;
  }
}
