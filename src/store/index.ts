// Opens the store a location names: a postgres:// or postgresql:// URL is PostgreSQL, anything
// else a SQLite file. Backends are imported on demand, so SQLite users never load pg.
import { CorroborateError, usageError } from '../errors.js';
import { SqlStore } from './sql-store.js';
import type { Store } from './types.js';

export type * from './types.js';

export interface OpenStoreOptions {
  /** PostgreSQL: the schema to keep the tables in (created when missing); default the server's search_path. */
  readonly schema?: string;
  /** SQLite: how long to wait for another process's write lock, in ms. */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: connections kept open. */
  readonly poolSize?: number;
  /** Apply pending schema migrations on open (default true). */
  readonly migrate?: boolean;
}

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

export function isPostgresLocation(location: string): boolean {
  return POSTGRES_URL.test(location.trim());
}

export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (typeof location !== 'string' || location.trim() === '') {
    throw usageError('No database given.', 'Pass --db a SQLite file path (e.g. ./corroborate.db) or a postgres:// URL.');
  }
  const backend = isPostgresLocation(location) ? await import('./postgres/index.js') : await import('./sqlite/index.js');
  const driver = await backend.connect(location.trim(), options);
  const store = new SqlStore(driver, backend.migrations, backend.fullText);
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error instanceof CorroborateError ? error : new CorroborateError('store', String(error), undefined, { cause: error });
    }
  }
  return store;
}
