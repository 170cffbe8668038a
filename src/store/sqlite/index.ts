// The SQLite backend (the default): a file on disk, opened with better-sqlite3.
export { connect, BUSY_TIMEOUT_MS, type SqliteOptions } from './driver.js';
export { migrations } from './migrations.js';
export { fullText } from './search.js';
