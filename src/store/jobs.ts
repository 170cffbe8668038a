// The durable ingest job queue, in SQL both backends share (the runners are in src/jobs/). A job
// row carries its request until it ends, so a runner in any process on the database can carry it
// out; a runner holds its job under a lease it renews with each progress report, and a job whose
// runner stopped is taken again.
// Each function runs inside one of the store's transactions (SqlStore calls them).
import { usageError } from '../errors.js';
import type { SqlExecutor } from './driver.js';
import type { CountRow, IngestJobTable, Selected } from './rows.js';
import { storable } from './search.js';
import type { ClaimedJob, IngestJob, JobOutcome, JobState } from './types.js';

/** What a job listing reads of each job: its IngestJob. */
const JOB_COLUMN_NAMES = [
  'id',
  'state',
  'created_at',
  'started_at',
  'finished_at',
  'stage',
  'done',
  'total',
  'attempts',
  'inputs',
  'outcome',
] as const satisfies readonly (keyof IngestJobTable)[];
type JobListingRow = Pick<IngestJobTable, (typeof JOB_COLUMN_NAMES)[number]>;
const JOB_COLUMNS = JOB_COLUMN_NAMES.join(', ');
const NO_OUTCOME: JobOutcome = { articlesAdded: [], articlesExisting: [], storiesTouched: [], errors: [] };
/** Claim attempts within one transaction when other runners take the same job first. */
const CLAIM_RETRIES = 5;
/** Files of a job that was never queued (a server stopped in the middle of an upload) are deleted after this long. */
const ORPHAN_FILES_MS = 60 * 60_000;
/** Jobs queued in one millisecond by one process keep their order (microsecond-like positions). */
const POSITIONS_PER_MS = 1000;
let queued = 0;

/** Where a job queued now stands: milliseconds since the epoch, then this process's count. */
function queuePosition(now: Date): number {
  queued = (queued + 1) % POSITIONS_PER_MS;
  return now.getTime() * POSITIONS_PER_MS + queued;
}

export async function enqueueJob(
  tx: SqlExecutor,
  job: { id: string; inputs: readonly string[]; request: string },
  maxQueued: number,
): Promise<IngestJob | null> {
  checkRequest(job.request);
  const waiting = await tx.query<CountRow>("SELECT COUNT(*) AS n FROM ingest_jobs WHERE state = 'queued'");
  if ((waiting[0]?.n ?? 0) >= maxQueued) return null;
  const now = new Date();
  await tx.run(
    `INSERT INTO ingest_jobs (id, state, created_at, queue_position, done, total, attempts, inputs, request, outcome)
     VALUES (?, 'queued', ?, ?, 0, ?, 0, ?, ?, ?)`,
    [
      job.id,
      now.toISOString(),
      queuePosition(now),
      job.inputs.length,
      JSON.stringify(job.inputs.map(storable)),
      job.request,
      JSON.stringify(NO_OUTCOME),
    ],
  );
  return getJob(tx, job.id);
}

export async function claimJob(
  tx: SqlExecutor,
  holder: string,
  ttlMs: number,
  maxAttempts: number,
  isGone: (holder: string) => boolean = () => false,
): Promise<ClaimedJob | null> {
  const now = Date.now();
  // A running job whose runner is known to be gone is as good as one whose hold ran out.
  const running = await tx.query<Selected<'ingest_jobs', 'id' | 'holder'>>(
    "SELECT id, holder FROM ingest_jobs WHERE state = 'running' AND expires_ms >= ?",
    [now],
  );
  for (const { id, holder } of running) {
    if (holder !== null && isGone(holder))
      await tx.run('UPDATE ingest_jobs SET expires_ms = ? WHERE id = ? AND holder = ?', [now - 1, id, holder]);
  }
  const stopped = {
    ...NO_OUTCOME,
    errors: [{ input: '', message: `The job was started ${maxAttempts} times and its runner stopped each time; it is not tried again.` }],
  };
  const givenUp = await tx.query<Selected<'ingest_jobs', 'id' | 'outcome'>>(
    "SELECT id, outcome FROM ingest_jobs WHERE state = 'running' AND expires_ms < ? AND attempts >= ?",
    [now, maxAttempts],
  );
  for (const row of givenUp) {
    // The articles its attempts stored stay counted as the job's.
    const { articlesAdded } = JSON.parse(row.outcome) as JobOutcome;
    await tx.run(
      `UPDATE ingest_jobs SET state = 'failed', finished_at = ?, holder = NULL, expires_ms = NULL, request = NULL, outcome = ?
       WHERE id = ? AND state = 'running' AND expires_ms < ?`,
      [new Date(now).toISOString(), JSON.stringify({ ...stopped, articlesAdded }), row.id, now],
    );
    await deleteJobFiles(tx, row.id);
  }
  await tx.run('DELETE FROM ingest_job_files WHERE stored_ms < ? AND job_id NOT IN (SELECT id FROM ingest_jobs)', [now - ORPHAN_FILES_MS]);
  for (let attempt = 0; attempt < CLAIM_RETRIES; attempt++) {
    const next = await tx.query<Selected<'ingest_jobs', 'id'>>(
      `SELECT id FROM ingest_jobs WHERE state = 'queued' OR (state = 'running' AND expires_ms < ?)
       ORDER BY queue_position, id LIMIT 1`,
      [now],
    );
    const id = next[0]?.id;
    if (id === undefined) return null;
    // The condition is checked again on the row itself: of two runners that picked it, one wins.
    const taken = await tx.run(
      `UPDATE ingest_jobs SET state = 'running', holder = ?, expires_ms = ?, started_at = ?, attempts = attempts + 1, stage = NULL, done = 0
       WHERE id = ? AND (state = 'queued' OR (state = 'running' AND expires_ms < ?))`,
      [holder, now + Math.ceil(ttlMs), new Date(now).toISOString(), id, now],
    );
    if (taken === 0) continue;
    const rows = await tx.query<JobListingRow & Pick<IngestJobTable, 'request'>>(
      `SELECT ${JOB_COLUMNS}, request FROM ingest_jobs WHERE id = ?`,
      [id],
    );
    // A running job keeps its request until it ends (finishJob clears it), so it is never null here.
    return { job: jobOf(rows[0]!), request: rows[0]!.request ?? 'null' };
  }
  return null;
}

export async function reportJob(
  tx: SqlExecutor,
  id: string,
  holder: string,
  progress: { stage: string; done: number; total: number | null },
  ttlMs: number,
): Promise<boolean> {
  const changed = await tx.run(
    `UPDATE ingest_jobs SET stage = ?, done = ?, total = ?, expires_ms = ? WHERE id = ? AND holder = ? AND state = 'running'`,
    [
      storable(progress.stage),
      Math.max(0, Math.round(progress.done)),
      progress.total === null ? null : Math.round(progress.total),
      Date.now() + Math.ceil(ttlMs),
      id,
      holder,
    ],
  );
  return changed > 0;
}

export async function addJobArticles(tx: SqlExecutor, id: string, holder: string, articleIds: readonly string[]): Promise<boolean> {
  const rows = await tx.query<Selected<'ingest_jobs', 'outcome'>>(
    "SELECT outcome FROM ingest_jobs WHERE id = ? AND holder = ? AND state = 'running'",
    [id, holder],
  );
  if (rows[0] === undefined) return false;
  const outcome = JSON.parse(rows[0].outcome) as JobOutcome;
  const added = [...new Set([...outcome.articlesAdded, ...articleIds])];
  await tx.run('UPDATE ingest_jobs SET outcome = ? WHERE id = ?', [JSON.stringify({ ...outcome, articlesAdded: added }), id]);
  return true;
}

export async function finishJob(
  tx: SqlExecutor,
  id: string,
  holder: string,
  state: 'done' | 'failed',
  outcome: JobOutcome,
  keepFinished: number,
): Promise<boolean> {
  const record: JobOutcome = {
    articlesAdded: [...outcome.articlesAdded],
    articlesExisting: [...outcome.articlesExisting],
    storiesTouched: [...outcome.storiesTouched],
    errors: outcome.errors.map((e) => ({ input: storable(e.input), message: storable(e.message) })),
  };
  const changed = await tx.run(
    `UPDATE ingest_jobs SET state = ?, finished_at = ?, outcome = ?, request = NULL, holder = NULL, expires_ms = NULL
     WHERE id = ? AND holder = ? AND state = 'running'`,
    [state, new Date().toISOString(), JSON.stringify(record), id, holder],
  );
  // An ended job needs its uploads no more, whoever ended it.
  if (changed > 0) await deleteJobFiles(tx, id);
  await tx.run(
    `DELETE FROM ingest_jobs WHERE state IN ('done', 'failed') AND id NOT IN (
       SELECT id FROM ingest_jobs WHERE state IN ('done', 'failed') ORDER BY finished_at DESC, id LIMIT ?)`,
    [Math.max(0, Math.floor(keepFinished))],
  );
  return changed > 0;
}

export async function putJobFileChunk(tx: SqlExecutor, jobId: string, fileIndex: number, chunkIndex: number, bytes: Buffer): Promise<void> {
  await tx.run('INSERT INTO ingest_job_files (job_id, file_index, chunk_index, bytes, stored_ms) VALUES (?, ?, ?, ?, ?)', [
    jobId,
    fileIndex,
    chunkIndex,
    bytes,
    Date.now(),
  ]);
}

export async function getJobFileChunk(tx: SqlExecutor, jobId: string, fileIndex: number, chunkIndex: number): Promise<Buffer | null> {
  const rows = await tx.query<Selected<'ingest_job_files', 'bytes'>>(
    'SELECT bytes FROM ingest_job_files WHERE job_id = ? AND file_index = ? AND chunk_index = ?',
    [jobId, fileIndex, chunkIndex],
  );
  return rows[0]?.bytes ?? null;
}

export async function deleteJobFiles(tx: SqlExecutor, jobId: string): Promise<void> {
  await tx.run('DELETE FROM ingest_job_files WHERE job_id = ?', [jobId]);
}

export async function getJob(tx: SqlExecutor, id: string): Promise<IngestJob | null> {
  const rows = await tx.query<JobListingRow>(`SELECT ${JOB_COLUMNS} FROM ingest_jobs WHERE id = ?`, [id]);
  return rows[0] ? jobOf(rows[0]) : null;
}

export async function listJobs(tx: SqlExecutor, limit: number): Promise<IngestJob[]> {
  const rows = await tx.query<JobListingRow>(`SELECT ${JOB_COLUMNS} FROM ingest_jobs ORDER BY queue_position DESC, id DESC LIMIT ?`, [
    Math.max(0, Math.floor(limit)),
  ]);
  return rows.map(jobOf);
}

export async function countJobs(tx: SqlExecutor): Promise<Record<JobState, number>> {
  const counts: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of await tx.query<Selected<'ingest_jobs', 'state'> & CountRow>(
    'SELECT state, COUNT(*) AS n FROM ingest_jobs GROUP BY state',
  )) {
    const state = row.state as JobState;
    if (state in counts) counts[state] = row.n;
  }
  return counts;
}

function jobOf(row: JobListingRow): IngestJob {
  const outcome = JSON.parse(row.outcome) as JobOutcome;
  return {
    id: row.id,
    state: row.state as JobState,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    stage: row.stage,
    done: row.done,
    total: row.total,
    inputs: JSON.parse(row.inputs) as string[],
    attempts: row.attempts,
    articlesAdded: outcome.articlesAdded,
    articlesExisting: outcome.articlesExisting,
    storiesTouched: outcome.storiesTouched,
    errors: outcome.errors,
  };
}

function checkRequest(request: string): void {
  const how = 'Pass the output of JSON.stringify, which escapes NUL and lone surrogates.';
  try {
    JSON.parse(request);
  } catch (error) {
    throw usageError(`A job request must be JSON: ${(error as Error).message}`, how);
  }
  if (storable(request) !== request) throw usageError('A job request holds a raw NUL or lone surrogate.', how);
}
