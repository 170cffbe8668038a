// One runner of the ingest job queue: takes the oldest waiting job from the store, carries it
// out, records its progress and outcome, and takes the next; sleeps while nothing waits. Several
// runners (in several processes or machines) share one queue: each job goes to one of them, and
// a job whose runner stopped mid-way is taken again by another once its lease runs out.
// The runner knows only the Store's job methods and a JobWork, so another queue (a PostgreSQL job
// queue library) can take its place without touching what a job does.
import { decodeQueuedRequest } from './request.js';
import { holderIsGone, leaseHolderName } from '../pipeline/lease.js';
import type { IngestJob, JobOutcome, Store } from '../store/types.js';
import { MAX_FINISHED_JOBS, type JobProgress, type JobWork } from './queue.js';

export interface JobRunnerOptions {
  /** How long a taken job stays this runner's without a progress report or renewal. */
  readonly ttlMs: number;
  /** How often an idle runner looks for work queued by other processes. */
  readonly pollMs: number;
  /** A job is given up after this many runners stopped while running it. */
  readonly maxAttempts: number;
  /** Progress is written at most this often (stage changes and the end always are). */
  readonly progressEveryMs: number;
  /** A job still running after this long is stopped and failed, so one upload cannot hold the queue. */
  readonly timeLimitMs: number;
  readonly log: (message: string) => void;
}

export const JOB_RUNNER_DEFAULTS = {
  // The work runs in the analysis thread or awaits I/O, so the timer below renews the lease on time.
  ttlMs: 60_000,
  pollMs: 1_000,
  // A request that kills its runner twice is not worth a third runner.
  maxAttempts: 2,
  progressEveryMs: 500,
  // Minutes for a batch of thousands of articles; an input that takes longer is not news.
  timeLimitMs: 10 * 60_000,
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
    // A job whose runner was killed on this machine is taken again at once, not when its hold runs out.
    const claimed = await this.store.claimJob(this.holder, this.settings.ttlMs, this.settings.maxAttempts, holderIsGone);
    if (!claimed) return false;
    const job = new HeldJob(this.store, this.holder, claimed.job, this.settings);
    const renew = setInterval(() => job.renew(), Math.max(1, Math.floor(this.settings.ttlMs / RENEWALS_PER_TTL)));
    const limit = new AbortController();
    const timer = setTimeout(() => limit.abort(), this.settings.timeLimitMs);
    try {
      await job.finish('done', await this.work({ id: claimed.job.id, request: decodeQueuedRequest(claimed.request) }, job, limit.signal));
    } catch (error) {
      const { timeLimitMs } = this.settings;
      const allowed = timeLimitMs < 60_000 ? `${Math.round(timeLimitMs / 1000)} s` : `${Math.round(timeLimitMs / 6000) / 10} min`;
      const message = limit.signal.aborted
        ? `The job ran past its time limit (${allowed}) and was stopped; the articles it had stored are kept and join their stories with the next job. Send fewer or smaller files at once.`
        : `The job failed: ${(error as Error)?.message ?? String(error)}`;
      this.settings.log(
        `corroborate: ingest job ${claimed.job.id} ${limit.signal.aborted ? 'ran past its time limit' : 'failed'}: ${(error as Error)?.stack ?? String(error)}`,
      );
      await job.finish('failed', { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [{ input: '', message }] });
    } finally {
      clearTimeout(timer);
      clearInterval(renew);
    }
    return true;
  }
}

/**
 * One job while a runner holds it: its writes to the store, one at a time and in order (a late
 * progress report must not land after the outcome), the articles it has stored so far (kept in
 * the job, so an attempt after a stopped one still reports them as added), and what to say when
 * the job turns out to be no longer this runner's.
 */
class HeldJob implements JobProgress {
  private writes: Promise<unknown> = Promise.resolve();
  private ended = false;
  private told = false;
  private latest: { stage: string; done: number; total: number | null };
  private lastWritten = { stage: '', at: 0 };
  /** Stored for the first time by this job, in this attempt or an earlier one. */
  private readonly added: Set<string>;

  constructor(
    private readonly store: Store,
    private readonly holder: string,
    private readonly job: IngestJob,
    private readonly settings: JobRunnerOptions,
  ) {
    this.latest = { stage: 'ingest', done: 0, total: job.total };
    this.added = new Set(job.articlesAdded);
  }

  report(stage: string, done: number, total: number | null): void {
    this.latest = { stage, done, total };
    const now = Date.now();
    if (stage !== this.lastWritten.stage || now - this.lastWritten.at >= this.settings.progressEveryMs) {
      this.lastWritten = { stage, at: now };
      this.renew();
    }
  }

  stored(articleIds: readonly string[]): void {
    const fresh = articleIds.filter((id) => !this.added.has(id));
    if (fresh.length === 0) return;
    for (const id of fresh) this.added.add(id);
    this.write('record the articles', () => this.store.addJobArticles(this.job.id, this.holder, fresh));
  }

  /** Writes the latest progress, which renews the hold. */
  renew(): void {
    const progress = this.latest;
    this.write('record progress', () => this.store.reportJob(this.job.id, this.holder, progress, this.settings.ttlMs));
  }

  /** Waits for the writes under way, then records the outcome, with the articles of earlier attempts. */
  async finish(state: 'done' | 'failed', outcome: JobOutcome): Promise<void> {
    this.ended = true;
    await this.writes;
    for (const id of outcome.articlesAdded) this.added.add(id);
    const whole: JobOutcome = {
      ...outcome,
      articlesAdded: [...this.added],
      articlesExisting: outcome.articlesExisting.filter((id) => !this.added.has(id)),
    };
    const held = await this.store.finishJob(this.job.id, this.holder, state, whole, MAX_FINISHED_JOBS).catch((error: unknown) => {
      this.settings.log(`corroborate: could not record the outcome of job ${this.job.id}: ${(error as Error)?.message ?? String(error)}`);
      return true;
    });
    if (!held) await this.explainLoss();
  }

  private write(what: string, write: () => Promise<boolean>): void {
    if (this.ended) return;
    this.writes = this.writes.then(write).then(
      (held) => (held ? undefined : this.explainLoss()),
      (error: unknown) =>
        this.settings.log(`corroborate: could not ${what} of job ${this.job.id}: ${(error as Error)?.message ?? String(error)}`),
    );
  }

  /** Says, once, what became of a job that is no longer this runner's: only what did happen. */
  private async explainLoss(): Promise<void> {
    if (this.told) return;
    this.told = true;
    const now = await this.store.getJob(this.job.id).catch(() => null);
    const { id, attempts } = this.job;
    if (now?.state === 'running' && now.attempts > attempts) {
      this.settings.log(`corroborate: job ${id} was taken over by another runner: this one did not renew its hold in time.`);
    } else if (now && now.state !== 'running' && now.attempts > attempts) {
      this.settings.log(`corroborate: job ${id} was taken over and ended by another runner; its outcome is that runner's.`);
    } else if (now?.state === 'failed') {
      this.settings.log(`corroborate: job ${id} was given up while this runner ran it: its hold ran out too often.`);
    }
  }
}
