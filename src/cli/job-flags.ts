// The flag that `serve` and `worker`, the two commands that run ingest jobs, share.
import { JOB_RUNNER_DEFAULTS } from '../jobs/index.js';
import { numberFlag } from './command.js';

/** `--job-time-limit MINUTES` in milliseconds: fractions allowed, up to a day. */
export function jobTimeLimitMs(value: string | undefined): number {
  return numberFlag(value, 'job-time-limit', JOB_RUNNER_DEFAULTS.timeLimitMs / 60_000, 0.01, 24 * 60) * 60_000;
}
