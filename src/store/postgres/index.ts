// The PostgreSQL backend: a postgres:// URL, opened with pg.
export { connect, POOL_SIZE, type PostgresOptions } from './driver.js';
export { migrations } from './migrations.js';
export { fullText } from './search.js';
