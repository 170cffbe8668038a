// pg behind the SqlDriver interface. The only file that imports pg.
// The core writes `?` placeholders; they become `$1, $2, ...` here.
import pg from 'pg';
import { CorroborateError, usageError } from '../../errors.js';
import type { SqlDriver, SqlExecutor, SqlRow, SqlValue } from '../driver.js';

/** Connections kept open: the CLI runs one batch at a time, the server a few requests at once. */
export const POOL_SIZE = 4;
/** How long to wait for the server to answer a connection before saying it is unreachable. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Any fixed number: the advisory lock that keeps two processes from migrating at once. */
const MIGRATION_LOCK = 0x636f72;

/** PostgreSQL's BIGINT (int8): epoch milliseconds and COUNT(*); pg returns it as text by default. */
const INT8_OID = 20;

/**
 * BIGINT as a number, as SQLite's INTEGER comes back, so one row type (rows.ts) holds for both
 * backends. Epoch milliseconds and counts are far under 2^53; a value past it is refused rather
 * than rounded.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`the BIGINT ${text} is past 2^53 and cannot be read as a number`);
  return value;
}

/** pg's parsers, but for BIGINT; given to the pool so pg's process-wide defaults stay untouched. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** The schema to keep the tables in, created when missing; default: the server's search_path. */
  readonly schema?: string;
  readonly poolSize?: number;
}

export async function connect(url: string, options: PostgresOptions = {}): Promise<SqlDriver> {
  const location = redact(url);
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw usageError(`"${schema}" is not a usable schema name.`, 'Use letters, digits and underscores, starting with a letter.');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    types: TYPES,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle connection that drops must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    else await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const detail = error instanceof Error ? error.message || String((error as { code?: unknown }).code ?? '') : String(error);
    throw new CorroborateError(
      'store',
      `Cannot open the PostgreSQL database ${location}: ${detail}`,
      explain(error, databaseName(url)) ?? 'Check the postgres:// URL.',
      {
        cause: error,
      },
    );
  }
  return new PostgresDriver(pool, location);
}

/** The URL without its password, fit for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

function databaseName(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.slice(1)) || 'NAME';
  } catch {
    return 'NAME';
  }
}

function explain(error: unknown, database = 'NAME'): string | undefined {
  const failure = error as { code?: unknown; errors?: { code?: unknown }[] } | null;
  const code = failure?.code ?? failure?.errors?.[0]?.code;
  switch (code) {
    case 'ECONNREFUSED':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return 'Is PostgreSQL running and listening at that host and port? Start it or fix the URL.';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name in the URL does not resolve: fix the URL.';
    case '3D000':
      return `The database does not exist: create it (createdb ${database}) or name another one in the URL.`;
    case '28P01':
    case '28000':
      return 'PostgreSQL refused the user or password: fix them in the URL (postgres://user:password@host/db).';
    case '42501':
      return 'The user may not create tables there: grant it the rights, or choose another schema or database.';
    case '53100':
      return 'The database server is out of disk space: free some and try again.';
    case '57P01':
    case '57P03':
      return 'The server is shutting down or starting up: try again in a moment.';
    default:
      return undefined;
  }
}

/** `?` to `$n`, leaving quoted text alone. */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"])*"|\?/g, (token) => (token === '?' ? `$${++n}` : token));
}

class PostgresExecutor implements SqlExecutor {
  constructor(private readonly client: pg.Pool | pg.PoolClient) {}

  async query<R extends object = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    const result = await this.client.query(numberPlaceholders(sql), [...params]);
    return result.rows as R[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    const result = await this.client.query(numberPlaceholders(sql), [...params]);
    return result.rowCount ?? 0;
  }

  async exec(script: string): Promise<void> {
    await this.client.query(script);
  }
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres' as const;
  private readonly executor: PostgresExecutor;

  constructor(
    private readonly pool: pg.Pool,
    readonly location: string,
  ) {
    this.executor = new PostgresExecutor(pool);
  }

  query<R extends object = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.executor.query<R>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.executor.run(sql, params);
  }

  exec(script: string): Promise<void> {
    return this.executor.exec(script);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>, options: { exclusive?: boolean } = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (options.exclusive) await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const result = await work(new PostgresExecutor(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        // A connection that cannot roll back is not returned to the pool.
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async reclaimSpace(): Promise<void> {
    // Autovacuum makes the space of deleted rows reusable; nothing to do here.
  }

  explain(error: unknown): string | undefined {
    return explain(error);
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
