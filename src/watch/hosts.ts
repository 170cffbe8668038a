// Politeness towards the sites followed: one request at a time per host, a pause between two
// requests to one host (longer when its robots.txt asks for a Crawl-delay), and robots.txt obeyed
// (RFC 9309, read with the robots-parser package). Every request goes through fetchUrl, so the
// private-address guard applies to feeds, pages and robots.txt alike.
import robotsParser from 'robots-parser';
import { fetchUrl, type FetchOptions, type FetchResult } from '../ingest/http.js';

/** Time as the watcher sees it: tests may give their own. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export interface PolitenessOptions {
  /** The shortest pause between the end of one request to a host and the start of the next. */
  readonly minHostDelayMs: number;
  /** The longest Crawl-delay honoured: a robots.txt asking for more gets this (and is slowed, not obeyed to a standstill). */
  readonly maxCrawlDelayMs: number;
  /** How long a robots.txt is used before it is read again (RFC 9309 section 2.4: at most 24 hours). */
  readonly robotsTtlMs: number;
  /** The product token robots.txt groups are matched against. */
  readonly robotsAgent: string;
}

export const POLITENESS_DEFAULTS: PolitenessOptions = {
  // One request a second per host: what crawlers of well-known search engines default to.
  minHostDelayMs: 1000,
  // A minute between pages is already a crawl of 1,440 pages a day: more would starve a news feed.
  maxCrawlDelayMs: 60_000,
  robotsTtlMs: 24 * 60 * 60_000,
  robotsAgent: 'corroborate',
};

// The package is CommonJS (module.exports is the function) with types written for an ES default
// export, which TypeScript's NodeNext resolution reads as the module object: the function it is.
const parseRobots = robotsParser as unknown as (url: string, text: string) => Robots;

/** RFC 9309 section 2.5: parse at least 500 KiB of a robots.txt; more is not read. */
const ROBOTS_MAX_BYTES = 500 * 1024;

export type PoliteResult = FetchResult | { readonly ok: false; readonly code: 'disallowed'; readonly reason: string };

interface Robots {
  isAllowed(url: string, agent: string): boolean | undefined;
  getCrawlDelay(agent: string): number | undefined;
}

interface HostState {
  /** The last request queued for this host: the next waits for it. */
  tail: Promise<unknown>;
  /** When the next request may start. */
  readyAt: number;
  robots: { rules: Robots | 'allow-all'; readAt: number } | null;
}

export class Hosts {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly fetchOptions: FetchOptions,
    private readonly settings: PolitenessOptions,
    private readonly clock: Clock,
    private readonly signal?: AbortSignal,
  ) {}

  /** GETs `url` when robots.txt allows it, in its host's turn. Never throws. */
  async fetch(url: string, extra: Pick<FetchOptions, 'conditional' | 'accept'> = {}): Promise<PoliteResult> {
    let origin: string;
    try {
      origin = new URL(url).origin;
    } catch {
      return { ok: false, code: 'network', reason: 'not a valid URL' };
    }
    const robots = await this.robots(origin);
    if (robots !== 'allow-all' && 'ok' in robots) return robots;
    if (robots !== 'allow-all' && robots.isAllowed(url, this.settings.robotsAgent) === false) {
      return { ok: false, code: 'disallowed', reason: `${origin}/robots.txt disallows it` };
    }
    return this.inTurn(origin, () => fetchUrl(url, { ...this.fetchOptions, ...extra }));
  }

  /** The host's robots rules, read once per `robotsTtlMs`; a failure to read them, as RFC 9309 says to treat it. */
  private async robots(origin: string): Promise<Robots | 'allow-all' | PoliteResult> {
    const host = this.host(origin);
    if (host.robots && this.clock.now() - host.robots.readAt < this.settings.robotsTtlMs) return host.robots.rules;
    const address = `${origin}/robots.txt`;
    const answer = await this.inTurn(origin, () =>
      fetchUrl(address, { ...this.fetchOptions, maxBytes: ROBOTS_MAX_BYTES, accept: 'text/plain,*/*;q=0.5' }),
    );
    let rules: Robots | 'allow-all';
    // The private-address guard refused the host: say that, not that its robots.txt is missing.
    if (!answer.ok && answer.code === 'refused') return answer;
    if (answer.ok) rules = parseRobots(address, Buffer.from(answer.bytes).toString('utf8'));
    else if (answer.code === 'too-large') rules = 'allow-all';
    // RFC 9309 section 2.3.1.3: a robots.txt that is not there (4xx) allows everything.
    else if (answer.code === 'not-found' || (answer.status !== undefined && answer.status >= 400 && answer.status < 500))
      rules = 'allow-all';
    // Section 2.3.1.4: unreachable or a server error means everything is disallowed until it can be read.
    else
      return {
        ok: false,
        code: answer.code,
        reason: `its robots.txt could not be read (${answer.reason}), so nothing of ${origin} is fetched`,
      };
    host.robots = { rules, readAt: this.clock.now() };
    return rules;
  }

  /** Runs `request` after the host's previous request, and after the pause that follows it. */
  private inTurn<T>(origin: string, request: () => Promise<T>): Promise<T> {
    const host = this.host(origin);
    const turn = host.tail.then(async () => {
      const wait = host.readyAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, this.signal);
      try {
        return await request();
      } finally {
        host.readyAt = this.clock.now() + this.pause(host);
      }
    });
    host.tail = turn.catch(() => undefined);
    return turn;
  }

  private pause(host: HostState): number {
    const rules = host.robots?.rules;
    const crawlDelay = rules && rules !== 'allow-all' ? rules.getCrawlDelay(this.settings.robotsAgent) : undefined;
    const asked = crawlDelay === undefined || !Number.isFinite(crawlDelay) ? 0 : crawlDelay * 1000;
    return Math.max(this.settings.minHostDelayMs, Math.min(asked, this.settings.maxCrawlDelayMs));
  }

  private host(origin: string): HostState {
    let host = this.hosts.get(origin);
    if (!host) {
      host = { tail: Promise.resolve(), readyAt: 0, robots: null };
      this.hosts.set(origin, host);
    }
    return host;
  }
}
