// For the watcher's tests: a clock that moves only when told, and a feed site on 127.0.0.1
// (feeds with ETags, pages, robots.txt, and feeds that fail in each way a real one does).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import type { Clock } from './hosts.js';

/** Time that stands still until `advance()`; `nextSleep()` resolves when the watcher next waits. */
export class ManualClock implements Clock {
  private time: number;
  private readonly sleepers = new Set<{ until: number; wake: () => void }>();
  private waiting: ((ms: number) => void)[] = [];

  constructor(start = Date.now()) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const sleeper = {
        until: this.time + ms,
        wake: () => {
          this.sleepers.delete(sleeper);
          resolve();
        },
      };
      this.sleepers.add(sleeper);
      signal?.addEventListener('abort', sleeper.wake, { once: true });
      const waiting = this.waiting;
      this.waiting = [];
      for (const notify of waiting) notify(ms);
    });
  }

  /** Resolves with the length of the next sleep that starts. */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  advance(ms: number): void {
    this.time += ms;
    for (const sleeper of [...this.sleepers]) if (sleeper.until <= this.time) sleeper.wake();
  }
}

export interface FeedPage {
  readonly path: string;
  readonly title: string;
}

/** A news site: `/feed.xml` lists `items`; every response and request is counted by path. */
export class FeedSite {
  readonly requests = new Map<string, number>();
  readonly conditional: string[] = [];
  items: FeedPage[] = [];
  robots = 'User-agent: *\nDisallow: /private/\n';
  private server: Server | null = null;
  private version = 0;
  private readonly bodies: string[];

  constructor(examples: string) {
    this.bodies = readdirSync(examples)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => readFileSync(`${examples}/${name}`, 'utf8'));
  }

  get base(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Adds an item to the feed (a new ETag); `page` picks one of the example articles. */
  publish(path: string, title: string): void {
    this.items = [{ path, title }, ...this.items];
    this.version++;
  }

  count(path: string): number {
    return this.requests.get(path) ?? 0;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.answer(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    this.requests.set(path, (this.requests.get(path) ?? 0) + 1);
    if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end(this.robots);
    if (path === '/feed.xml') {
      const etag = `"v${this.version}"`;
      if (request.headers['if-none-match']) this.conditional.push(String(request.headers['if-none-match']));
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      return void response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(this.rss());
    }
    if (path === '/')
      return void response
        .writeHead(200, { 'content-type': 'text/html' })
        .end(
          '<!doctype html><html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>News</body></html>',
        );
    if (path === '/broken.xml') return void response.writeHead(500).end('down');
    if (path === '/malformed.xml')
      return void response.writeHead(200, { 'content-type': 'application/xml' }).end('<?xml version="1.0"?>\n{ "not": "a feed" }');
    if (path === '/slow.xml') return; // never answers: the fetch's timeout ends it
    // A page that fails the first time it is asked for (a server restarting), then answers.
    if (path.startsWith('/flaky/') && this.count(path) === 1) return void response.writeHead(503).end('try later');
    const page = /^\/(?:news|private|flaky)\/(\d+)\.html$/.exec(path);
    if (page) {
      const text = this.bodies[Number(page[1]) % this.bodies.length]!;
      const paragraphs = text
        .split(/\n\s*\n/)
        .map((p) => `<p>${escapeXml(p.trim())}</p>`)
        .join('\n');
      return void response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(`<!doctype html><html><head><title>Article ${page[1]}</title></head><body><article>${paragraphs}</article></body></html>`);
    }
    response.writeHead(404).end('not found');
  }

  private rss(): string {
    const items = this.items
      .map((item) => `<item><title>${escapeXml(item.title)}</title><link>${this.base}${item.path}?utm_source=rss</link></item>`)
      .join('\n');
    return `<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Test news</title>\n${items}\n</channel></rss>`;
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
