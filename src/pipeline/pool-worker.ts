// One thread of the pipeline's pool (src/pipeline/workers.ts): runs the tasks it is sent.
import { runTask, type Task } from './tasks.js';

export default function work(task: Task): unknown {
  return runTask(task);
}
