// What one ingest job does: run the pipeline over the new inputs. The pipeline continues the
// store's stories incrementally (src/pipeline/analyze.ts), so new articles join the stored
// stories they belong to (a pasted rewrite of a stored wire story lands in that story, not in a
// story of its own), and story ids folded into another story are recorded as merged so links to
// them keep working.
import type { Store } from '../store/types.js';
import type { AnalyzeOptions } from '../pipeline/analyze.js';
import type { JobError, JobOutcome, JobProgress } from './queue.js';
import type { PreparedInputs } from './request.js';

export interface IngestJobOptions {
  readonly analyze: AnalyzeOptions;
}

export async function runIngestJob(
  store: Store,
  prepared: PreparedInputs,
  progress: JobProgress,
  options: IngestJobOptions,
): Promise<JobOutcome> {
  const label = (input: string) => prepared.labels.get(input) ?? input;
  const { runAnalysis } = await loadPipeline();
  const result = await runAnalysis(prepared.inputs, tellingStored(store, progress), {
    ...options.analyze,
    onProgress(event) {
      // Reading counts inputs; a later stage without a total has not counted its work yet.
      progress.report(event.stage, event.done, event.total ?? (event.stage === 'ingest' ? prepared.inputs.length : null));
    },
  });
  const errors: JobError[] = result.rejections.map((r) => ({ input: label(r.input), message: r.reason }));
  const inserted = new Set(result.inserted);
  return {
    articlesAdded: result.articles.filter((a) => inserted.has(a.id)).map((a) => a.id),
    articlesExisting: result.articles.filter((a) => !inserted.has(a.id)).map((a) => a.id),
    storiesTouched: result.dossier.stories.map((s) => s.id),
    errors,
  };
}

/**
 * `store`, telling `progress` which articles each save stored for the first time as soon as it
 * has: a job stopped after that and run again finds them already stored, and still reports them
 * as its own.
 */
function tellingStored(store: Store, progress: JobProgress): Store {
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'saveArticles') {
        return async (...args: Parameters<Store['saveArticles']>) => {
          const saved = await target.saveArticles(...args);
          if (saved.inserted.length > 0) progress.stored(saved.inserted);
          return saved;
        };
      }
      const value = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The pipeline (and the NLP models its stages load) is imported on the first job, so the server
 * starts at once and serves stored stories even on a machine where analysis cannot run.
 */
export function loadPipeline(): Promise<typeof import('../pipeline/analyze.js')> {
  return import('../pipeline/analyze.js');
}
