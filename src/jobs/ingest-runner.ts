// The runner that carries out ingest jobs: `corroborate serve` runs one, each `corroborate worker`
// process another. Kept apart from ingest-job.ts, which the analysis thread loads, so the thread
// does not load the runner and the thread's own launcher.
import { rm } from 'node:fs/promises';
import type { Store } from '../store/types.js';
import type { JobWork } from './queue.js';
import { prepareInputs } from './request.js';
import { AnalysisThread, ThreadStopped } from './analysis-thread.js';
import { holderIsThread } from '../pipeline/lease.js';
import { JobRunner, type JobRunnerOptions } from './runner.js';
import { runIngestJob, type IngestJobOptions } from './ingest-job.js';

/** A job runner over `store` that carries out ingest jobs, and the analysis thread it runs them in. */
export interface IngestRunner {
  readonly runner: JobRunner;
  /** Takes no more jobs, waits for the running one, and stops the analysis thread. */
  close(): Promise<void>;
}

/**
 * Starts taking ingest jobs from `store`: in an analysis thread with its own connection when the
 * store's location is known (the process stays responsive, its timers renew the job's hold), on
 * this thread over `store` otherwise. `corroborate serve` and `corroborate worker` both run one.
 */
export function startIngestRunner(
  store: Store,
  location: string | null,
  options: IngestJobOptions,
  runnerOptions: Partial<JobRunnerOptions> = {},
): IngestRunner {
  const analysis = location ? new AnalysisThread(location) : null;
  analysis?.warm();
  const runner = new JobRunner(store, ingestWork(store, analysis, options), runnerOptions);
  runner.start();
  return {
    runner,
    async close() {
      await runner.close();
      await analysis?.close();
    },
  };
}

/**
 * What a job runner does with a request: write its pasted text and files from the store to a temporary folder,
 * run the pipeline over them (in the analysis thread when there is one, so the process stays
 * responsive and its timers renew the job's lease), and remove the folder.
 */
function ingestWork(store: Store, thread: AnalysisThread | null, options: IngestJobOptions): JobWork {
  return async (job, progress, stop) => {
    const prepared = await prepareInputs(job.request, job.id, store);
    try {
      // Without the thread the work cannot be stopped: the time limit then only applies with one.
      return await (thread ? thread.run(prepared, progress, options, stop) : runIngestJob(store, prepared, progress, options));
    } catch (error) {
      // A thread stopped in the middle may hold the writer lease: its process still runs, so
      // nobody would take the lease over until it ran out.
      if (error instanceof ThreadStopped) await releaseLeasesOfThread(store, error.threadId).catch(() => undefined);
      throw error;
    } finally {
      if (prepared.tempDir) await rm(prepared.tempDir, { recursive: true, force: true });
    }
  };
}

/** Gives up the writer lease if the ended thread `thread` held it. */
async function releaseLeasesOfThread(store: Store, thread: number): Promise<void> {
  // Loaded only now: the runner's process does not load the pipeline (its thread does).
  const { STORY_INDEX_STATE } = await import('../pipeline/analyze.js');
  const held = await store.leaseHolder(STORY_INDEX_STATE);
  if (held && holderIsThread(held.holder, thread)) await store.releaseLease(STORY_INDEX_STATE, held.holder);
}
