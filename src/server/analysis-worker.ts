// The main-thread side of the analysis worker: one long-lived thread (the NLP models load once),
// one job at a time, started again after a crash.
import { Worker } from 'node:worker_threads';
import type { IngestJobOptions } from './ingest-job.js';
import type { PreparedInputs } from './ingest-request.js';
import type { JobOutcome, JobProgress } from './jobs.js';
import type { WorkerMessage, WorkerRequest } from './job-worker.js';

// Compiled (dist/), the thread runs job-worker.js itself; from the TypeScript source (tests, `npm
// run dev`), worker-entry.mjs first registers tsx, which a worker thread does not inherit.
const ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./worker-entry.mjs', import.meta.url)
  : new URL('./job-worker.js', import.meta.url);

export class AnalysisWorker {
  private worker: Worker | null = null;

  constructor(private readonly location: string) {}

  run(prepared: PreparedInputs, progress: JobProgress, options: IngestJobOptions): Promise<JobOutcome> {
    const worker = (this.worker ??= this.start());
    return new Promise<JobOutcome>((resolve, reject) => {
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'progress') progress.report(message.stage, message.done, message.total);
        else {
          cleanup();
          if (message.type === 'done') resolve(message.outcome);
          else reject(new Error(message.message));
        }
      };
      const onError = (error: Error) => {
        cleanup();
        void worker.terminate();
        reject(new Error(`the analysis worker crashed: ${error.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        reject(new Error(`the analysis worker stopped (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      const request: WorkerRequest = {
        type: 'run',
        location: this.location,
        inputs: prepared.inputs,
        labels: [...prepared.labels],
        options,
      };
      worker.postMessage(request);
    });
  }

  /** Starts the thread and loads the pipeline in the background. */
  warm(): void {
    (this.worker ??= this.start()).postMessage({ type: 'warm' } satisfies WorkerRequest);
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const worker = new Worker(ENTRY);
    // An idle worker must not keep the process alive after the server closes.
    worker.unref();
    // Always listened to: an 'error' with no listener would take the server down with the thread.
    const forget = () => {
      if (this.worker === worker) this.worker = null;
    };
    worker.on('error', forget);
    worker.on('exit', forget);
    return worker;
  }
}
