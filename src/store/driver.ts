// The narrow driver interface the store core needs. Each backend folder (sqlite/, postgres/) wraps
// its own driver into this shape; the core (sql-store.ts) never imports a driver.
// SQL passed here uses `?` placeholders and only syntax that SQLite and PostgreSQL share; the
// PostgreSQL driver rewrites `?` to `$n`.

/** Bytes (a Buffer) go to a BLOB / BYTEA column and come back as a Buffer. */
export type SqlValue = string | number | null | Buffer;

/** A row whose shape the query does not name; rows.ts has each table's. */
export type SqlRow = Record<string, unknown>;

/** What can run inside (or outside) a transaction. */
export interface SqlExecutor {
  /** Rows of a SELECT (or of a statement with RETURNING), typed by the caller from rows.ts. */
  query<R extends object = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** An INSERT/UPDATE/DELETE; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
  /** Several statements without parameters (migration scripts). */
  exec(script: string): Promise<void>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /** Where the database is, fit to show a user (no password). */
  readonly location: string;
  /**
   * Runs `work` in one transaction: commit when it resolves, roll back when it throws.
   * `exclusive` asks for the strongest lock the backend offers (used by migrations so two
   * processes never migrate at once).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options?: { exclusive?: boolean }): Promise<T>;
  /**
   * Gives the space of deleted rows back to the file system where the backend does not do it by
   * itself (SQLite; PostgreSQL's autovacuum does). Called after large deletes (a job's uploads).
   */
  reclaimSpace(): Promise<void>;
  /** How a user can fix a failure this driver raised, when the driver can tell. */
  explain(error: unknown): string | undefined;
  close(): Promise<void>;
}

/** One numbered schema migration. `version` is applied in ascending order, once. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
