// Where the parallel work runs (src/pipeline/tasks.ts): a piscina pool of worker threads, one per
// core by default, or this thread when there is nothing worth a thread for. Story assignment
// stays on the main thread, under the lease; everything before it (extraction, sentences,
// features, signatures, reuse) and after it (each touched story's derivation, claims,
// reconciliation, brief) is spread over the pool. Each thread loads the NLP models once.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { usageError } from '../errors.js';
import { runTask, type Task } from './tasks.js';
import { sharedVectors } from '../semantics/vectors.js';

export interface PipelineWorkers {
  /** Threads in the pool; 0 when tasks run on this thread. */
  readonly threads: number;
  run<T>(task: Task): Promise<T>;
  /** Stops the threads (waits for none: call it when no task is running). */
  close(): Promise<void>;
}

/** Threads used when none is asked for: one per core. */
export function defaultThreads(): number {
  return availableParallelism();
}

/** Accepts a thread count from a user (0: no pool, everything on the main thread). */
export function checkThreads(threads: number): number {
  if (!Number.isInteger(threads) || threads < 0 || threads > 256)
    throw usageError(`--threads ${threads} is not a number of threads.`, 'Give a whole number from 0 (no worker threads) to 256.');
  return threads;
}

/** Tasks on this thread, one after the other. */
export function inlineWorkers(): PipelineWorkers {
  return {
    threads: 0,
    async run<T>(task: Task): Promise<T> {
      return runTask(task) as T;
    },
    async close() {},
  };
}

// Compiled (dist/), the threads run pool-worker.js itself; from the TypeScript source (tests, `npm
// run dev`), pool-worker-entry.mjs first registers tsx, which a worker thread does not inherit.
const ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./pool-worker-entry.mjs', import.meta.url).href
  : new URL('./pool-worker.js', import.meta.url).href;

/** A pool of `threads` worker threads, started at once so their models load while the main thread reads input. */
export function threadPool(threads: number): PipelineWorkers {
  const pool = new Piscina({
    filename: ENTRY,
    minThreads: threads,
    maxThreads: threads,
    // The threads hold the models (seconds to load): never let an idle one go within a run.
    idleTimeout: Number.POSITIVE_INFINITY,
    // The word vectors' cache file: every thread reads the rows it needs from the main thread's file.
    workerData: { vectors: sharedVectors() },
  });
  return {
    threads,
    run<T>(task: Task): Promise<T> {
      return pool.run(task) as Promise<T>;
    },
    async close() {
      await pool.destroy();
    },
  };
}
