// The shared schema migrations (../migrations.ts) in SQLite's column types.
import { migrationsFor } from '../migrations.js';
import { fullTextTable } from './search.js';

export const migrations = migrationsFor({ epochMs: 'INTEGER', bytes: 'BLOB', fullTextTable });
