// The analysis thread, seen from the process that runs ingest jobs: one long-lived thread (the
// NLP models load once), one job at a time, started again after a crash.
import { Worker } from 'node:worker_threads';
import type { IngestJobOptions } from './ingest-job.js';
import type { PreparedInputs } from './request.js';
import type { JobOutcome, JobProgress } from './queue.js';
import type { ThreadMessage, ThreadRequest } from './analysis-thread-main.js';

// Compiled (dist/), the thread runs analysis-thread-main.js itself; from the TypeScript source
// (tests, `npm run dev`), analysis-thread-tsx.mjs first registers tsx, which a thread does not
// inherit.
const ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./analysis-thread-tsx.mjs', import.meta.url)
  : new URL('./analysis-thread-main.js', import.meta.url);

/** The job's thread was ended before the job did (its time limit). */
export class ThreadStopped extends Error {
  constructor(readonly threadId: number) {
    super('the analysis thread was stopped');
    this.name = 'ThreadStopped';
  }
}

export class AnalysisThread {
  private thread: Worker | null = null;

  constructor(private readonly location: string) {}

  /** Runs one job; `stop` ends the thread (a new one starts for the next job) and rejects with ThreadStopped. */
  run(prepared: PreparedInputs, progress: JobProgress, options: IngestJobOptions, stop?: AbortSignal): Promise<JobOutcome> {
    const thread = (this.thread ??= this.start());
    return new Promise<JobOutcome>((resolve, reject) => {
      const cleanup = () => {
        thread.off('message', onMessage);
        thread.off('error', onError);
        thread.off('exit', onExit);
        stop?.removeEventListener('abort', onStop);
      };
      const onStop = () => {
        cleanup();
        const { threadId } = thread;
        if (this.thread === thread) this.thread = null;
        void thread.terminate().then(() => reject(new ThreadStopped(threadId)));
      };
      if (stop?.aborted) return onStop();
      stop?.addEventListener('abort', onStop);
      const onMessage = (message: ThreadMessage) => {
        if (message.type === 'progress') progress.report(message.stage, message.done, message.total);
        else if (message.type === 'stored') progress.stored(message.articleIds);
        else {
          cleanup();
          if (message.type === 'done') resolve(message.outcome);
          else reject(new Error(message.message));
        }
      };
      const onError = (error: Error) => {
        cleanup();
        void thread.terminate();
        reject(new Error(`the analysis thread crashed: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the analysis thread stopped (exit code ${code})`));
      };
      thread.on('message', onMessage);
      thread.on('error', onError);
      thread.on('exit', onExit);
      const request: ThreadRequest = {
        type: 'run',
        location: this.location,
        inputs: prepared.inputs,
        labels: [...prepared.labels],
        options,
      };
      thread.postMessage(request);
    });
  }

  /** Starts the thread and loads the pipeline in the background. */
  warm(): void {
    (this.thread ??= this.start()).postMessage({ type: 'warm' } satisfies ThreadRequest);
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (thread) await thread.terminate();
  }

  private start(): Worker {
    const thread = new Worker(ENTRY);
    // An idle thread must not keep the process alive after the server closes.
    thread.unref();
    // Always listened to: an 'error' with no listener would take the process down with the thread.
    const forget = () => {
      if (this.thread === thread) this.thread = null;
    };
    thread.on('error', forget);
    thread.on('exit', forget);
    return thread;
  }
}
