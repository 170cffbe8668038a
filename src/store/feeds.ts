// Followed feeds and the article URLs they named, in SQL both backends share (the watcher is in
// src/watch/). A feed's row is its polling state (validators, failures, next poll), so a watcher
// that restarts, or another one on the same database, carries on where the last one stopped.
// Each function runs inside one of the store's transactions or on the driver (SqlStore calls them).
import { createHash } from 'node:crypto';
import { usageError } from '../errors.js';
import type { SqlExecutor } from './driver.js';
import { PARAMS_PER_STATEMENT } from './engine-state.js';
import { storable } from './search.js';
import type { FeedPoll, WatchedFeed } from './types.js';
import type { Selected, WatchedFeedTable } from './rows.js';

const FEED_COLUMNS = 'id, url, added_at, etag, last_modified, next_poll_ms, failures, last_error, last_polled_at, last_ok_at, articles';
/** Longest feed or article URL kept: browsers handle about this much, and no feed needs more. */
export const MAX_URL_CHARS = 2048;
/** Longest error message kept for a feed (one line for a list). */
const MAX_ERROR_CHARS = 500;

/** A feed's id: the first 16 hex digits of the SHA-256 of its URL, stable across databases. */
export function feedId(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 16);
}

function checkUrl(url: string, what: string): void {
  if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url) || url.length > MAX_URL_CHARS) {
    throw usageError(
      `${JSON.stringify(String(url).slice(0, 80))} is not a ${what} URL.`,
      `Give an http(s) URL of at most ${MAX_URL_CHARS} characters.`,
    );
  }
}

function feedOf(row: WatchedFeedTable): WatchedFeed {
  return {
    id: row.id,
    url: row.url,
    addedAt: row.added_at,
    etag: row.etag,
    lastModified: row.last_modified,
    nextPollMs: row.next_poll_ms,
    failures: row.failures,
    lastError: row.last_error,
    lastPolledAt: row.last_polled_at,
    lastOkAt: row.last_ok_at,
    articles: row.articles,
  };
}

export async function followFeed(tx: SqlExecutor, url: string): Promise<WatchedFeed> {
  checkUrl(url, 'feed');
  const id = feedId(url);
  // Due at 0: at once, whatever clock a watcher keeps (a test's stands still).
  await tx.run(
    `INSERT INTO watched_feeds (id, url, added_at, next_poll_ms, failures, articles) VALUES (?, ?, ?, 0, 0, 0)
     ON CONFLICT (id) DO NOTHING`,
    [id, url, new Date().toISOString()],
  );
  const rows = await tx.query<WatchedFeedTable>(`SELECT ${FEED_COLUMNS} FROM watched_feeds WHERE id = ?`, [id]);
  return feedOf(rows[0]!);
}

export async function unfollowFeed(tx: SqlExecutor, id: string): Promise<boolean> {
  return (await tx.run('DELETE FROM watched_feeds WHERE id = ?', [id])) > 0;
}

export async function listFeeds(db: SqlExecutor): Promise<WatchedFeed[]> {
  const rows = await db.query<WatchedFeedTable>(`SELECT ${FEED_COLUMNS} FROM watched_feeds ORDER BY next_poll_ms, id`);
  return rows.map(feedOf);
}

export async function claimFeedPoll(tx: SqlExecutor, id: string, dueMs: number, untilMs: number): Promise<boolean> {
  // Compare-and-set on the due time: of two watchers that found the feed due, one moves it on.
  return (
    (await tx.run('UPDATE watched_feeds SET next_poll_ms = ? WHERE id = ? AND next_poll_ms = ?', [Math.round(untilMs), id, dueMs])) > 0
  );
}

export async function recordFeedPoll(tx: SqlExecutor, id: string, poll: FeedPoll): Promise<void> {
  const ok = poll.lastError === null;
  await tx.run(
    `UPDATE watched_feeds SET etag = ?, last_modified = ?, next_poll_ms = ?, failures = ?, last_error = ?, last_polled_at = ?,
       last_ok_at = ${ok ? '?' : 'last_ok_at'}, articles = articles + ? WHERE id = ?`,
    [
      poll.etag === null ? null : storable(poll.etag),
      poll.lastModified === null ? null : storable(poll.lastModified),
      Math.round(poll.nextPollMs),
      poll.failures,
      poll.lastError === null ? null : storable(poll.lastError).slice(0, MAX_ERROR_CHARS),
      poll.polledAt,
      ...(ok ? [poll.polledAt] : []),
      poll.articlesAdded,
      id,
    ],
  );
}

export async function unseenItems(db: SqlExecutor, urls: readonly string[]): Promise<string[]> {
  const unique = [...new Set(urls)];
  const seen = new Set<string>();
  for (let i = 0; i < unique.length; i += PARAMS_PER_STATEMENT) {
    const chunk = unique.slice(i, i + PARAMS_PER_STATEMENT);
    const rows = await db.query<Selected<'watched_items', 'url'>>(
      `SELECT url FROM watched_items WHERE url IN (${chunk.map(() => '?').join(', ')})`,
      chunk,
    );
    for (const row of rows) seen.add(row.url);
  }
  return unique.filter((url) => !seen.has(url));
}

export async function markItemsSeen(
  tx: SqlExecutor,
  feed: string,
  items: readonly { url: string; articleId: string | null }[],
): Promise<void> {
  const now = Date.now();
  const rows = [...new Map(items.map((item) => [item.url, item])).values()];
  for (const item of rows) checkUrl(item.url, 'article');
  const perStatement = Math.floor(PARAMS_PER_STATEMENT / 4);
  for (let i = 0; i < rows.length; i += perStatement) {
    const chunk = rows.slice(i, i + perStatement);
    await tx.run(
      `INSERT INTO watched_items (url, feed_id, seen_ms, article_id) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
       ON CONFLICT (url) DO UPDATE SET article_id = COALESCE(excluded.article_id, watched_items.article_id)`,
      chunk.flatMap((item) => [item.url, feed, now, item.articleId]),
    );
  }
}
