// Inside the analysis thread: runs ingest jobs against its own connection to the store, so a long
// analysis never stalls the process's event loop (the API, the timers that renew a job's hold),
// and a crash in a stage ends this thread, not the process.
import { parentPort } from 'node:worker_threads';
import type { Store } from '../store/types.js';
import { openStore } from '../store/index.js';
import { loadPipeline, runIngestJob, type IngestJobOptions } from './ingest-job.js';
import type { JobOutcome } from './queue.js';

export type ThreadRequest =
  | RunRequest
  /** Load the pipeline and its models now, so the first job does not wait for them. */
  | { readonly type: 'warm' };

type RunRequest = {
  readonly type: 'run';
  readonly location: string;
  readonly inputs: readonly string[];
  readonly labels: readonly (readonly [string, string])[];
  readonly options: IngestJobOptions;
};

export type ThreadMessage =
  | { readonly type: 'progress'; readonly stage: string; readonly done: number; readonly total: number | null }
  | { readonly type: 'stored'; readonly articleIds: readonly string[] }
  | { readonly type: 'done'; readonly outcome: JobOutcome }
  | { readonly type: 'failed'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('analysis-thread-main.ts runs only as a worker thread (see analysis-thread.ts).');

let store: { location: string; store: Store } | null = null;

port.on('message', async (request: ThreadRequest) => {
  const send = (message: ThreadMessage) => port.postMessage(message);
  if (request.type === 'warm') {
    // A pipeline that cannot load is reported by the job that needs it, with its reason.
    await loadPipeline().catch(() => undefined);
    return;
  }
  try {
    if (!store || store.location !== request.location) {
      await store?.store.close();
      store = { location: request.location, store: await openStore(request.location) };
    }
    const outcome = await runIngestJob(
      store.store,
      { inputs: request.inputs, labels: new Map(request.labels), tempDir: null },
      {
        report: (stage, done, total) => send({ type: 'progress', stage, done, total }),
        stored: (articleIds) => send({ type: 'stored', articleIds }),
      },
      request.options,
    );
    send({ type: 'done', outcome });
  } catch (error) {
    send({ type: 'failed', message: (error as Error)?.message ?? String(error) });
  }
});
