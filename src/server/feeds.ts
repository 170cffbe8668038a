// "Follow this feed" in the web app: /api/feeds lists, follows and unfollows feeds. The feeds are
// kept in the store, so the watcher of this server (`serve --watch`) or any `corroborate watch` on
// the same database polls them. The access rules of every other endpoint apply (access.ts).
import type { Hono } from 'hono';
import type { Store, WatchedFeed } from '../store/types.js';
import { MAX_URL_CHARS } from '../store/feeds.js';
import type { WatchHandle } from '../watch/index.js';
import { canonicalUrl } from '../watch/canonical.js';
import { ApiError, badRequest, notFound } from './errors.js';
import { checkId, truncate } from './validate.js';

/** A follow request is one URL in JSON: anything longer is not one. */
const MAX_FOLLOW_BODY_BYTES = 8 * 1024;
/** Feeds one database follows through the API: enough for every outlet a desk reads, and a bound on what one client can make the server poll. */
const MAX_FEEDS = 500;

export function addFeedRoutes(app: Hono, store: Store, watcher: Promise<WatchHandle> | null): void {
  const listing = async () => ({ watching: watcher !== null, feeds: (await store.listFeeds()).map(feedView) });

  app.get('/api/feeds', async (c) => c.json(await listing()));

  app.post('/api/feeds', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json'))
      throw new ApiError(415, 'Send application/json: {"url": "https://…/feed.xml"}.');
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_FOLLOW_BODY_BYTES)
      throw new ApiError(413, `A follow request is at most ${MAX_FOLLOW_BODY_BYTES} bytes.`);
    const url = parseFollow(text);
    const followed = await store.listFeeds();
    const existing = followed.find((feed) => feed.url === url);
    if (!existing && followed.length >= MAX_FEEDS)
      throw new ApiError(422, `This database follows ${MAX_FEEDS} feeds already; unfollow one first.`);
    const feed = watcher ? await (await watcher).follow(url) : await store.followFeed(url);
    c.header('Location', `/api/feeds/${feed.id}`);
    return c.json({ feed: feedView(feed), watching: watcher !== null }, existing ? 200 : 201);
  });

  app.delete('/api/feeds/:id', async (c) => {
    const id = checkId(c.req.param('id'), 'feed');
    if (!(await store.unfollowFeed(id))) throw notFound(`No followed feed with id '${id}'.`);
    return c.body(null, 204);
  });
}

/** The body of a follow request: `{"url": "http(s)://…"}`, refused with a reason otherwise. */
export function parseFollow(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.');
  }
  const given = body && typeof body === 'object' && !Array.isArray(body) ? (body as { url?: unknown }).url : undefined;
  if (typeof given !== 'string' || given.trim() === '') throw badRequest("'url' must be the URL of a feed, a sitemap or a site.");
  const trimmed = given.trim();
  if (trimmed.length > MAX_URL_CHARS) throw badRequest(`'url' must be at most ${MAX_URL_CHARS} characters.`);
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw badRequest(`'${truncate(trimmed)}' is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw badRequest(`'url' must be an http or https URL, not ${parsed.protocol}.`);
  // A password in a followed URL would be stored and shown to everyone who lists the feeds.
  if (parsed.username || parsed.password) throw badRequest("'url' must not carry a user name or password.");
  return canonicalUrl(trimmed) ?? trimmed;
}

/** A feed as the API shows it: times as ISO 8601; the next poll null while it is due at once. */
function feedView(feed: WatchedFeed) {
  const { nextPollMs, ...rest } = feed;
  return { ...rest, nextPollAt: nextPollMs > 0 ? new Date(nextPollMs).toISOString() : null };
}
