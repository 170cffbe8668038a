// better-sqlite3 behind the SqlDriver interface. The only file that imports better-sqlite3.
// The driver is synchronous; calls are queued so that one transaction's statements never
// interleave with another caller's on the same connection.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { CorroborateError } from '../../errors.js';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from '../driver.js';

/** How long to wait for another process's write lock before failing: a batch write is quick. */
export const BUSY_TIMEOUT_MS = 5_000;
/** The write-ahead log is cut back to this after a checkpoint: a burst of uploads leaves no large file behind. */
const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;
/** Prepared statements kept: the store's own queries plus its chunked INSERT and IN variants. */
const STATEMENT_CACHE_SIZE = 256;

export interface SqliteOptions {
  readonly busyTimeoutMs?: number;
}

export async function connect(path: string, options: SqliteOptions = {}): Promise<SqlDriver> {
  const location = path === ':memory:' ? ':memory:' : resolve(path);
  if (location !== ':memory:') checkPath(location);
  let db: Database.Database;
  try {
    db = new Database(location);
  } catch (error) {
    throw openError(location, error);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.round(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    // Takes effect only in a new database (before its first table): deleted uploads then give
    // their pages back to the file system (reclaimSpace) instead of leaving the file at its largest.
    db.pragma('auto_vacuum = INCREMENTAL');
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
    // WAL: readers never block the writer, and a crash mid-write leaves the last commit intact.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw openError(location, error);
  }
  return new SqliteDriver(db, location);
}

function checkPath(location: string): void {
  const folder = dirname(location);
  if (!existsSync(folder)) {
    throw new CorroborateError(
      'store',
      `Cannot create the database ${location}: the folder ${folder} does not exist.`,
      `Create the folder first (mkdir -p ${folder}) or pass another --db path.`,
    );
  }
  if (existsSync(location) && statSync(location).isDirectory()) {
    throw new CorroborateError(
      'store',
      `Cannot open the database ${location}: it is a folder.`,
      'Pass --db the path of a file, e.g. --db ./corroborate.db.',
    );
  }
}

function openError(location: string, error: unknown): CorroborateError {
  const detail = error instanceof Error ? error.message : String(error);
  return new CorroborateError('store', `Cannot open the database ${location}: ${detail}`, explain(error) ?? 'Check the --db path.', {
    cause: error,
  });
}

function explain(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'SQLITE_NOTADB':
      return 'The file is not a corroborate database: pass --db a new or existing database path.';
    case 'SQLITE_CANTOPEN':
      return 'Check that the folder exists and that you may write to it, or pass another --db path.';
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_PERM':
    case 'SQLITE_AUTH':
      return 'The database (or its folder) is read-only: fix the file permissions or pass another --db path.';
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return 'Another process is writing to the database: wait for it to finish and try again.';
    case 'SQLITE_FULL':
      return 'The disk is full: free some space and try again.';
    case 'SQLITE_CORRUPT':
      return 'The database file is damaged: restore it from a backup or start a new one with another --db path.';
    default:
      return undefined;
  }
}

class Queue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Write transactions per database file, across every connection of this process. better-sqlite3
 * waits for a lock synchronously, so a second connection of the same process asking for the
 * write lock while the first one's transaction awaits would block the thread the first one needs
 * to finish: a deadlock until busy_timeout. Other processes wait on SQLite's own lock as usual.
 */
const writersByFile = new Map<string, Queue>();

function writersOf(location: string): Queue | null {
  if (location === ':memory:') return null;
  let queue = writersByFile.get(location);
  if (!queue) writersByFile.set(location, (queue = new Queue()));
  return queue;
}

class SqliteExecutor implements SqlExecutor {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(protected readonly db: Database.Database) {}

  async query<R extends object = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    return this.prepare(sql).all(...params) as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.prepare(sql).run(...params).changes;
  }

  async exec(script: string): Promise<void> {
    this.db.exec(script);
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite' as const;
  private readonly queue = new Queue();
  private readonly executor: SqliteExecutor;

  constructor(
    private readonly db: Database.Database,
    readonly location: string,
  ) {
    this.executor = new SqliteExecutor(db);
  }

  query<R extends object = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.queue.run(() => this.executor.query<R>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.queue.run(() => this.executor.run(sql, params));
  }

  exec(script: string): Promise<void> {
    return this.queue.run(() => this.executor.exec(script));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const writers = writersOf(this.location);
    return writers ? writers.run(() => this.runTransaction(work)) : this.runTransaction(work);
  }

  private runTransaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.queue.run(async () => {
      // IMMEDIATE takes the write lock up front, so two writers wait (busy_timeout), not deadlock.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.executor);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async reclaimSpace(): Promise<void> {
    // Frees nothing in a database made before auto_vacuum was set (VACUUM once to change that).
    await this.transaction((tx) => tx.exec('PRAGMA incremental_vacuum'));
  }

  explain(error: unknown): string | undefined {
    return explain(error);
  }

  close(): Promise<void> {
    return this.queue.run(async () => {
      if (this.db.open) this.db.close();
    });
  }
}
