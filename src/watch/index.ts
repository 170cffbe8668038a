// Following feeds (`corroborate watch`, `serve --watch`): polls the RSS/Atom feeds and news
// sitemaps the store follows, fetches each new article once, and runs it through the same
// incremental pipeline as `analyze`. An edge: all its state is in the store (watched_feeds,
// watched_items), so it carries on across restarts, and a feed that fails is retried later,
// with a growing pause, while the others go on.
//
//   loop:  due feeds ─► poll each (conditional GET, in its host's turn, robots.txt obeyed)
//          ─► new item URLs (canonical, not seen before) ─► full content from the feed, or the page fetched
//          ─► analyzeStream() in batches ─► seen URLs and the feed's state written ─► sleep until the next is due
import type { Rejection, SourceDocument } from '../records.js';
import type { Store, WatchedFeed } from '../store/types.js';
import { INGEST_DEFAULTS, fetchOptions, readFetched, type IngestOptions } from '../ingest/index.js';
import { charsetOf } from '../ingest/warc.js';
import { decodeBytes } from '../extract/decode.js';
import { analyzeStream, type AnalyzeOptions } from '../pipeline/analyze.js';
import { MAX_URL_CHARS } from '../store/feeds.js';
import { canonicalUrl } from './canonical.js';
import { Hosts, POLITENESS_DEFAULTS, systemClock, type Clock, type PolitenessOptions } from './hosts.js';
import { parseSource, type FeedItem } from './sources.js';

export { canonicalUrl } from './canonical.js';
export { describeEvent } from './report.js';
export { parseSource, feedLinks, type FeedItem, type ParsedSource } from './sources.js';
export { systemClock, POLITENESS_DEFAULTS, type Clock, type PolitenessOptions } from './hosts.js';

export interface WatchOptions {
  /** How often each feed is polled. */
  readonly everyMs: number;
  /** The longest pause after failures: a feed failing again and again is still tried this often. */
  readonly maxBackoffMs: number;
  readonly politeness: Partial<PolitenessOptions>;
  /** Fetching (timeout, size caps, the private-address guard: `allowPrivateNetwork`) and reading pages. */
  readonly ingest: Partial<IngestOptions>;
  /** The pipeline the new articles go through (threads, stories ...). */
  readonly analyze: AnalyzeOptions;
  readonly clock: Clock;
  /** What happens, as it happens: the CLI prints it, the server logs it, tests wait on it. */
  readonly onEvent: (event: WatchEvent) => void;
}

export const WATCH_DEFAULTS: WatchOptions = {
  // Ten minutes: news feeds change every few minutes, and most publish a `ttl` of 5-60.
  everyMs: 10 * 60_000,
  // Six hours: a feed down for a day is still noticed coming back the same morning.
  maxBackoffMs: 6 * 60 * 60_000,
  politeness: {},
  ingest: {},
  analyze: {},
  clock: systemClock,
  onEvent: () => undefined,
};

/** New items read per poll: the rest of a large sitemap waits for the next poll, so one feed cannot hold the others for hours. */
const MAX_ITEMS_PER_POLL = 200;
/**
 * How long a poll holds its feed from other watchers: longer than a poll takes (a feed, then up
 * to 200 pages, each within its timeout). A watcher that dies mid-poll leaves the feed due again after it.
 */
const POLL_HOLD_MS = 30 * 60_000;
/** Feeds polled at once (each waits its host's turn anyway). */
const PARALLEL_FEEDS = 4;
/** What a poll asks for: feeds and sitemaps first, a page (to find a site's feeds) last. */
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.1';

export type WatchEvent =
  | {
      readonly type: 'polled';
      readonly feed: string;
      readonly outcome: 'unchanged' | 'read';
      /** Items not seen before. */
      readonly newItems: number;
      /** Articles stored for the first time. */
      readonly articles: readonly string[];
      /** Stories those articles joined or started (analyzed again). */
      readonly stories: readonly string[];
      readonly nextPollMs: number;
    }
  | {
      readonly type: 'failed';
      readonly feed: string;
      readonly reason: string;
      /** Polls that failed in a row, this one included. */
      readonly failures: number;
      readonly nextPollMs: number;
    }
  | { readonly type: 'item-failed'; readonly feed: string; readonly url: string; readonly reason: string; readonly retried: boolean }
  | { readonly type: 'discovered'; readonly site: string; readonly feeds: readonly string[] }
  | { readonly type: 'error'; readonly reason: string };

/** A running watcher. */
export interface WatchHandle {
  /** Follows one more feed or site (checked at once, polled in the next round). */
  follow(url: string): Promise<WatchedFeed>;
  /** Polls what is due now instead of sleeping (a feed was followed elsewhere). */
  wake(): void;
  /** Stops: the poll running finishes its article batch and records it; nothing more starts. */
  stop(): Promise<void>;
  /** Settles when the watcher has stopped. */
  readonly done: Promise<void>;
}

/**
 * Follows `sources` (feeds, sitemaps or sites, added to what the store already follows) and
 * polls every followed feed until stopped. The store's feeds are read again every round, so a
 * feed followed by another process (the web app) is polled too.
 */
export async function watch(store: Store, sources: readonly string[], options: Partial<WatchOptions> = {}): Promise<WatchHandle> {
  const watcher = new Watcher(store, { ...WATCH_DEFAULTS, ...options });
  for (const source of sources) await watcher.follow(source);
  return watcher.start();
}

class Watcher {
  private readonly hosts: Hosts;
  private readonly ingest: IngestOptions;
  private readonly stopping = new AbortController();
  private wakeUp = new AbortController();
  /** One analysis at a time in this process: they take turns at the store's lease anyway. */
  private analyzing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly settings: WatchOptions,
  ) {
    this.ingest = { ...INGEST_DEFAULTS, ...settings.ingest };
    this.hosts = new Hosts(
      fetchOptions(this.ingest),
      { ...POLITENESS_DEFAULTS, ...settings.politeness },
      settings.clock,
      this.stopping.signal,
    );
  }

  follow(url: string): Promise<WatchedFeed> {
    return this.store.followFeed(canonicalUrl(url) ?? url);
  }

  start(): WatchHandle {
    const done = this.loop();
    return {
      follow: async (url) => {
        const feed = await this.follow(url);
        this.wake();
        return feed;
      },
      wake: () => this.wake(),
      stop: async () => {
        this.stopping.abort();
        this.wake();
        await done;
      },
      done,
    };
  }

  private wake(): void {
    this.wakeUp.abort();
  }

  private async loop(): Promise<void> {
    const { clock, everyMs, onEvent } = this.settings;
    let storeFailures = 0;
    while (!this.stopping.signal.aborted) {
      let waitMs = everyMs;
      try {
        const due = (await this.store.listFeeds()).filter((feed) => feed.nextPollMs <= clock.now());
        await inParallel(due, PARALLEL_FEEDS, async (feed) => {
          if (this.stopping.signal.aborted) return;
          // Another watcher on the database (serve --watch beside corroborate watch) may poll it first.
          if (await this.store.claimFeedPoll(feed.id, feed.nextPollMs, clock.now() + POLL_HOLD_MS)) await this.poll(feed);
        });
        const next = (await this.store.listFeeds())[0]?.nextPollMs;
        // With nothing followed, look again each period: the web app may follow a feed in another process.
        if (next !== undefined) waitMs = Math.min(everyMs, Math.max(0, next - clock.now()));
        storeFailures = 0;
      } catch (error) {
        // The store is unreachable (a PostgreSQL restart): say so, wait, and go on.
        storeFailures++;
        waitMs = Math.min(this.settings.maxBackoffMs, everyMs * 2 ** Math.min(storeFailures - 1, 20));
        onEvent({ type: 'error', reason: (error as Error).message });
      }
      if (this.stopping.signal.aborted) break;
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
      else await clock.sleep(waitMs, AbortSignal.any([this.wakeUp.signal, this.stopping.signal]));
      if (this.wakeUp.signal.aborted) this.wakeUp = new AbortController();
    }
  }

  /** One poll of one feed; records its outcome. Never throws for the feed's own failures. */
  private async poll(feed: WatchedFeed): Promise<void> {
    const { clock, everyMs } = this.settings;
    const polledAt = clock.now();
    const answer = await this.hosts.fetch(feed.url, {
      conditional: { etag: feed.etag, lastModified: feed.lastModified },
      accept: FEED_ACCEPT,
    });
    if (!answer.ok) return this.failed(feed, answer.reason);
    // A 304 may leave its validators out (they stand); a new copy comes with its own, or none.
    const validators = answer.notModified
      ? { etag: answer.etag ?? feed.etag, lastModified: answer.lastModified ?? feed.lastModified }
      : { etag: answer.etag ?? null, lastModified: answer.lastModified ?? null };
    if (answer.notModified) return this.succeeded(feed, polledAt, validators, 'unchanged', 0, [], []);
    const parsed = parseSource(decodeBytes(answer.bytes, charsetOf(answer.contentType)).text, answer.url);
    if (parsed.kind === 'unreadable') return this.failed(feed, parsed.reason);
    if (parsed.kind === 'page') {
      if (parsed.feeds.length === 0) return this.failed(feed, 'the page names no RSS or Atom feed; follow a feed or sitemap URL instead');
      // A site: follow the feeds it names instead of the page.
      for (const url of parsed.feeds) await this.follow(url);
      await this.store.unfollowFeed(feed.id);
      this.settings.onEvent({ type: 'discovered', site: feed.url, feeds: parsed.feeds });
      this.wake();
      return;
    }
    let result: { newItems: number; articles: string[]; stories: string[]; complete: boolean };
    try {
      result = await this.readItems(feed, parsed.items);
    } catch (error) {
      // The pipeline or the store failed: nothing was marked seen, so the next poll tries again.
      return this.failed(feed, `its articles could not be analyzed: ${(error as Error).message}`);
    }
    const nextPollMs = polledAt + everyMs;
    // Items left for later (past the poll's share, or a page that could not be reached) are read
    // at the next poll: without validators, so the feed is not answered 304 meanwhile.
    const kept = result.complete ? validators : { etag: null, lastModified: null };
    await this.succeeded(feed, polledAt, kept, 'read', result.newItems, result.articles, result.stories, nextPollMs);
  }

  /** Fetches and analyzes the items not seen before, a batch at a time; returns what they added. */
  private async readItems(feed: WatchedFeed, items: readonly FeedItem[]) {
    const byUrl = new Map<string, FeedItem>();
    for (const item of items) {
      const url = canonicalUrl(item.link);
      if (url && url.length <= MAX_URL_CHARS && !byUrl.has(url)) byUrl.set(url, item);
    }
    const unseen = await this.store.unseenItems([...byUrl.keys()]);
    const fresh = unseen.slice(0, MAX_ITEMS_PER_POLL);
    let complete = unseen.length === fresh.length;
    const articles: string[] = [];
    const stories = new Set<string>();
    /** The canonical URLs each document's input stands for (the item's, and where it redirected). */
    const urlsOf = new Map<string, string[]>();
    /** Items that gave no document (a 404, robots.txt says no): seen, with no article. */
    let nothing: string[] = [];
    // The pages are fetched as the pipeline asks for documents: it reads them in its own bounded
    // chunks (one worker pool for the poll, memory bounded whatever the feed's size).
    const documents = async function* (this: Watcher): AsyncGenerator<SourceDocument | Rejection> {
      for (const url of fresh) {
        if (this.stopping.signal.aborted) {
          complete = false;
          return;
        }
        const read = await this.readItem(feed, url, byUrl.get(url)!);
        if (read === 'retry') complete = false;
        else if (read.length === 0) nothing.push(url);
        else
          for (const { document, urls } of read) {
            urlsOf.set(document.input, urls);
            yield document;
          }
      }
    }.call(this);
    const run = this.analyzing.then(async () => {
      for await (const chunk of analyzeStream(documents, this.store, this.settings.analyze)) {
        articles.push(...chunk.inserted);
        for (const story of chunk.stories) stories.add(story.id);
        const seen = nothing.map((url) => ({ url, articleId: null as string | null }));
        nothing = [];
        for (const article of chunk.articles) {
          for (const url of urlsOf.get(article.input) ?? []) seen.push({ url, articleId: article.id });
          const canonical = article.canonicalUrl ? canonicalUrl(article.canonicalUrl) : null;
          if (canonical && canonical.length <= MAX_URL_CHARS) seen.push({ url: canonical, articleId: article.id });
          urlsOf.delete(article.input);
        }
        // Every document read so far went through this chunk: those left gave no article (the
        // page holds none), and fetching them again would find the same.
        for (const urls of urlsOf.values()) for (const url of urls) seen.push({ url, articleId: null });
        urlsOf.clear();
        await this.store.markItemsSeen(feed.id, seen);
      }
      await this.store.markItemsSeen(
        feed.id,
        nothing.map((url) => ({ url, articleId: null })),
      );
    });
    this.analyzing = run.catch(() => undefined);
    await run;
    if (this.stopping.signal.aborted) complete = false;
    return { newItems: fresh.length, articles, stories: [...stories], complete };
  }

  /**
   * One item as documents: from the feed's own full content, or its page fetched politely. An
   * empty list is an item that will never give an article (a 404, robots.txt says no); 'retry'
   * one to try again at the next poll (the network failed).
   */
  private async readItem(
    feed: WatchedFeed,
    url: string,
    item: FeedItem,
  ): Promise<{ document: SourceDocument | Rejection; urls: string[] }[] | 'retry'> {
    const hints = {
      ...(item.title ? { title: item.title } : {}),
      ...(item.published ? { published: item.published } : {}),
      ...(item.author ? { byline: item.author } : {}),
    };
    if (item.content)
      return [{ document: { input: item.link, content: item.content, format: 'html', url: item.link, hints }, urls: [url] }];
    const page = await this.hosts.fetch(item.link);
    if (!page.ok) {
      const retried = page.code === 'network';
      this.settings.onEvent({ type: 'item-failed', feed: feed.url, url: item.link, reason: page.reason, retried });
      return retried ? 'retry' : [];
    }
    const landed = canonicalUrl(page.url);
    const urls = landed && landed !== url && landed.length <= MAX_URL_CHARS ? [url, landed] : [url];
    const read: { document: SourceDocument | Rejection; urls: string[] }[] = [];
    for await (const document of readFetched(item.link, page, this.ingest, hints)) read.push({ document, urls });
    return read;
  }

  private async succeeded(
    feed: WatchedFeed,
    polledAt: number,
    validators: { etag: string | null; lastModified: string | null },
    outcome: 'unchanged' | 'read',
    newItems: number,
    articles: readonly string[],
    stories: readonly string[],
    nextPollMs = polledAt + this.settings.everyMs,
  ): Promise<void> {
    await this.store.recordFeedPoll(feed.id, {
      ...validators,
      nextPollMs,
      failures: 0,
      lastError: null,
      polledAt: new Date(polledAt).toISOString(),
      articlesAdded: articles.length,
    });
    this.settings.onEvent({ type: 'polled', feed: feed.url, outcome, newItems, articles, stories, nextPollMs });
  }

  /** A failed poll: the pause before the next one doubles with each failure in a row, up to `maxBackoffMs`. */
  private async failed(feed: WatchedFeed, reason: string): Promise<void> {
    const { clock, everyMs, maxBackoffMs } = this.settings;
    const failures = feed.failures + 1;
    const nextPollMs = clock.now() + Math.min(maxBackoffMs, everyMs * 2 ** Math.min(failures - 1, 20));
    await this.store.recordFeedPoll(feed.id, {
      etag: feed.etag,
      lastModified: feed.lastModified,
      nextPollMs,
      failures,
      lastError: reason,
      polledAt: new Date(clock.now()).toISOString(),
      articlesAdded: 0,
    });
    this.settings.onEvent({ type: 'failed', feed: feed.url, reason, failures, nextPollMs });
  }
}

/** Runs `work` over `items`, at most `limit` at once. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
