// The shared schema migrations (../migrations.ts) in SQLite's column types.
import { migrationsFor } from '../migrations.js';

export const migrations = migrationsFor({ epochMs: 'INTEGER' });
