// The shared schema migrations (../migrations.ts) in PostgreSQL's column types.
import { migrationsFor } from '../migrations.js';
import { fullTextTable } from './search.js';

export const migrations = migrationsFor({ epochMs: 'BIGINT', bytes: 'BYTEA', fullTextTable });
