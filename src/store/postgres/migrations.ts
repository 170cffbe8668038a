// The shared schema migrations (../migrations.ts) in PostgreSQL's column types.
import { migrationsFor } from '../migrations.js';

export const migrations = migrationsFor({ epochMs: 'BIGINT' });
