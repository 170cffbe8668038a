// The watcher against a feed site on 127.0.0.1 that the test starts (the private-address guard
// relaxed through `allowPrivateNetwork`), on a clock that moves only when the test says: no
// test here waits for time to pass, each waits for the watcher's next event or sleep.
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { openStore } from '../store/index.js';
import { connect as connectPostgres } from '../store/postgres/index.js';
import type { Store } from '../store/types.js';
import { canonicalUrl, parseSource, watch, type WatchEvent, type WatchHandle, type WatchOptions } from './index.js';
import { FeedSite, ManualClock } from './testing.js';

const EXAMPLES = fileURLToPath(new URL('../../examples', import.meta.url));
const EVERY_MS = 10 * 60_000;
const POSTGRES_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Events as they come, and a way to wait for the next one that matches. */
class Events {
  readonly seen: WatchEvent[] = [];
  private waiters: { match: (e: WatchEvent) => boolean; resolve: (e: WatchEvent) => void }[] = [];
  readonly record = (event: WatchEvent) => {
    this.seen.push(event);
    for (const waiter of [...this.waiters])
      if (waiter.match(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
  };
  next(match: (e: WatchEvent) => boolean): Promise<WatchEvent> {
    return new Promise((resolve) => this.waiters.push({ match, resolve }));
  }
}

// The watcher keeps its state through the Store interface: the same run on both backends.
// A hang (an awaited event that never comes) fails the file instead of holding the whole suite.
for (const backend of ['sqlite', 'postgres'] as const)
  describe(`watch (${backend})`, { timeout: 5 * 60_000 }, () => {
    let folder: string;
    let schema: string | null = null;
    let site: FeedSite;
    let store: Store;
    let clock: ManualClock;
    let events: Events;
    let handle: WatchHandle | null;

    before(() => {
      folder = mkdtempSync(join(tmpdir(), 'corroborate-watch-'));
    });
    after(() => rmSync(folder, { recursive: true, force: true }));
    beforeEach(async () => {
      site = new FeedSite(EXAMPLES);
      await site.start();
      if (backend === 'sqlite') store = await openStore(join(folder, `${randomBytes(6).toString('hex')}.db`));
      else {
        schema = `corroborate_watch_${process.pid}_${randomBytes(4).toString('hex')}`;
        store = await openStore(POSTGRES_URL, { schema });
      }
      // Stands still unless the test moves it; a feed followed is due at once whatever the time.
      clock = new ManualClock();
      events = new Events();
      handle = null;
    });
    afterEach(async () => {
      await handle?.stop();
      await store.close();
      await site.close();
      if (schema) {
        const admin = await connectPostgres(POSTGRES_URL);
        await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.close();
        schema = null;
      }
    });

    const options = (): Partial<WatchOptions> => ({
      everyMs: EVERY_MS,
      clock,
      onEvent: events.record,
      politeness: { minHostDelayMs: 0 },
      ingest: { allowPrivateNetwork: true, timeoutMs: 500 },
      analyze: { threads: 0 },
    });
    const polled = (feed: string) => (e: WatchEvent) => (e.type === 'polled' || e.type === 'failed') && e.feed === feed;

    it('reads new items within one polling period, each page once, also after a restart; asks with the ETag and takes 304', async () => {
      site.publish('/news/0.html', 'Putin outlines deals');
      site.publish('/news/1.html', 'Second story');
      site.publish('/private/2.html', 'Behind robots.txt');
      const feed = `${site.base}/feed.xml`;
      let round = events.next(polled(feed));
      let sleeping = clock.nextSleep();
      handle = await watch(store, [feed], options());
      const first = await round;
      assert.equal(first.type, 'polled');
      assert.equal(first.type === 'polled' && first.articles.length, 2);
      assert.ok(first.type === 'polled' && first.stories.length >= 1, 'the new articles are in stories');
      assert.equal(site.count('/private/2.html'), 0, 'robots.txt disallows it');
      assert.ok(events.seen.some((e) => e.type === 'item-failed' && /robots\.txt disallows/.test(e.reason)));
      assert.ok((await sleeping) <= EVERY_MS, 'the next poll is at most one period away');

      site.publish('/news/3.html', 'Third story');
      round = events.next(polled(feed));
      sleeping = clock.nextSleep();
      clock.advance(EVERY_MS);
      const second = await round;
      assert.deepEqual(second.type === 'polled' && [second.newItems, second.articles.length], [1, 1], 'the new item, within one period');
      await sleeping;
      assert.deepEqual(site.conditional, ['"v3"'], 'the second poll sent the ETag of the first');

      round = events.next(polled(feed));
      sleeping = clock.nextSleep();
      clock.advance(EVERY_MS);
      const third = await round;
      assert.equal(third.type === 'polled' && third.outcome, 'unchanged', 'a 304 reads nothing');
      await sleeping;
      await handle.stop();

      // A restart: a new watcher on the same store knows the feed's ETag and every page it read.
      site.publish('/news/4.html', 'Fourth story');
      site.publish('/news/0.html?utm_medium=social', 'The first again, under a tracking link');
      round = events.next(polled(feed));
      sleeping = clock.nextSleep();
      handle = await watch(store, [], options());
      clock.advance(EVERY_MS);
      const fourth = await round;
      assert.deepEqual(fourth.type === 'polled' && [fourth.newItems, fourth.articles.length], [1, 1]);
      await sleeping;
      for (const page of ['/news/0.html', '/news/1.html', '/news/3.html', '/news/4.html']) assert.equal(site.count(page), 1, page);
      assert.equal(site.count('/robots.txt'), 2, 'read once per watcher (it is kept a day)');
      assert.equal(await store.countArticles(), 4);
      const [kept] = await store.listFeeds();
      assert.deepEqual([kept?.failures, kept?.articles, kept?.etag], [0, 4, '"v6"']);
    });

    it('reads a page it could not reach at the next poll, though the feed has not changed', async () => {
      site.publish('/news/0.html', 'Putin outlines deals');
      site.publish('/flaky/1.html', 'A page whose server is restarting');
      const feed = `${site.base}/feed.xml`;
      let round = events.next(polled(feed));
      let sleeping = clock.nextSleep();
      handle = await watch(store, [feed], options());
      const first = await round;
      await sleeping;
      assert.equal(first.type === 'polled' && first.articles.length, 1);
      assert.ok(events.seen.some((e) => e.type === 'item-failed' && e.retried && /HTTP 503/.test(e.reason)));
      round = events.next(polled(feed));
      sleeping = clock.nextSleep();
      clock.advance(EVERY_MS);
      const second = await round;
      await sleeping;
      assert.deepEqual(
        second.type === 'polled' && [second.outcome, second.articles.length],
        ['read', 1],
        'not a 304: the feed was read again',
      );
      assert.equal(site.count('/flaky/1.html'), 2);
      assert.equal(await store.countArticles(), 2);
    });

    it('backs off a failing feed and reports it, while the others go on', async () => {
      site.publish('/news/0.html', 'Putin outlines deals');
      const good = `${site.base}/feed.xml`;
      const failing = ['/broken.xml', '/malformed.xml', '/slow.xml'].map((path) => `${site.base}${path}`);
      const rounds = [good, ...failing].map((feed) => events.next(polled(feed)));
      let sleeping = clock.nextSleep();
      handle = await watch(store, [good, ...failing], options());
      const [ok, broken, malformed, slow] = await Promise.all(rounds);
      await sleeping;
      assert.equal(ok?.type, 'polled');
      assert.match(broken?.type === 'failed' ? broken.reason : '', /HTTP 500/);
      assert.match(malformed?.type === 'failed' ? malformed.reason : '', /neither a feed/);
      assert.match(slow?.type === 'failed' ? slow.reason : '', /no complete answer/);

      const byUrl = async () => new Map((await store.listFeeds()).map((f) => [f.url, f]));
      // Polled again after one period (first failure), then after two, four: the pause doubles.
      for (const [failures, pause] of [
        [2, 2 * EVERY_MS],
        [3, 4 * EVERY_MS],
      ] as const) {
        const due = failing.map((feed) => events.next(polled(feed)));
        for (let waited = 0; waited < pause / 2; waited += EVERY_MS) {
          sleeping = clock.nextSleep();
          clock.advance(EVERY_MS);
          await sleeping;
        }
        await Promise.all(due);
        const feeds = await byUrl();
        for (const feed of failing) {
          assert.equal(feeds.get(feed)?.failures, failures, feed);
          assert.equal(feeds.get(feed)!.nextPollMs - clock.now(), pause, `${feed} waits ${pause / EVERY_MS} periods`);
          assert.ok(feeds.get(feed)?.lastError);
        }
      }
      const goodPolls = events.seen.filter((e) => e.type === 'polled' && e.feed === good).length;
      assert.equal(goodPolls, 4, 'the healthy feed was polled every period all along');
      assert.equal((await byUrl()).get(good)?.failures, 0);
      assert.equal(await store.countArticles(), 1);
    });

    it('follows the feeds a site names, and stops cleanly while sleeping', async () => {
      const page = `<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>`;
      assert.deepEqual(parseSource(page, 'https://news.example/'), { kind: 'page', feeds: ['https://news.example/feed.xml'] });
      assert.equal(canonicalUrl('HTTPS://News.Example:443/a?utm_source=x&id=2#top'), 'https://news.example/a?id=2');
      const sitemap = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
      <url><loc>https://news.example/a.html</loc><news:news><news:publication_date>2026-12-07</news:publication_date><news:title>A</news:title></news:news></url></urlset>`;
      assert.deepEqual(parseSource(sitemap, 'https://news.example/'), {
        kind: 'sitemap',
        items: [{ link: 'https://news.example/a.html', title: 'A', published: '2026-12-07', author: null, content: null }],
      });
      site.publish('/news/0.html', 'Putin outlines deals');
      const discovered = events.next((e) => e.type === 'discovered');
      const read = events.next(polled(`${site.base}/feed.xml`));
      handle = await watch(store, [`${site.base}/`], options());
      assert.deepEqual(await discovered, { type: 'discovered', site: `${site.base}/`, feeds: [`${site.base}/feed.xml`] });
      assert.equal((await read).type, 'polled');
      assert.deepEqual(
        (await store.listFeeds()).map((f) => f.url),
        [`${site.base}/feed.xml`],
        'the feed is followed instead of the page',
      );
      const sleeping = clock.nextSleep();
      await sleeping;
      await handle.stop();
      handle = null;
    });

    it('reaches no loopback or private address unless allowed', async () => {
      site.publish('/news/0.html', 'Putin outlines deals');
      const feed = `${site.base}/feed.xml`;
      const round = events.next(polled(feed));
      handle = await watch(store, [feed], { ...options(), ingest: { timeoutMs: 500 } });
      const refused = await round;
      assert.match(refused.type === 'failed' ? refused.reason : '', /private or loopback address/);
      assert.equal(site.requests.size, 0, 'nothing was asked of the site');
    });
  });
