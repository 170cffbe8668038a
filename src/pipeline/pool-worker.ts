// One thread of the pipeline's pool (src/pipeline/workers.ts): runs the tasks it is sent. The word
// vectors are read from the main thread's cache file, each row as this thread first needs it.
import { Piscina } from 'piscina';
import { useSharedVectors } from '../semantics/vectors.js';
import { runTask, type Task } from './tasks.js';

const given = Piscina.workerData as { vectors?: Parameters<typeof useSharedVectors>[0] } | undefined;
useSharedVectors(given?.vectors ?? null);

export default function work(task: Task): unknown {
  return runTask(task);
}
