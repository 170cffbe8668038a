// `npm run bench:watch [-- --threads N] [--feeds 100] [--rounds 5]`: what following feeds costs.
// A feed site runs as a separate process on 127.0.0.1 (its CPU is not counted), serving the 181
// real article pages of ../shared/bench/aeb behind one RSS feed, and `--feeds` small feeds.
//   first read   one poll of the big feed: every page fetched, extracted, analyzed and stored in a
//                fresh SQLite store: articles per CPU-second end to end, peak memory
//   same pages   `runAnalysis` over the same pages as files, into another fresh store: what
//                fetching one page at a time through the watcher adds
//   unchanged    `--rounds` rounds over `--feeds` feeds that have not changed (each answers 304
//                to the ETag of the first round): CPU per poll
// CPU is this process's user + system time (process.cpuUsage, all its threads); the politeness
// pause is 0 here (one local site), so wall time is not what a real site would see.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStore } from '../src/store/index.js';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { defaultThreads } from '../src/pipeline/workers.js';
import { watch, type WatchEvent } from '../src/watch/index.js';
import { ManualClock } from '../src/watch/testing.js';

const HERE = resolve(import.meta.dirname, '..');
const AEB = resolve(HERE, '../shared/bench/aeb/html');
const HOUR = 3_600_000;

function pages(): { id: string; html: Buffer }[] {
  return readdirSync(AEB)
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => ({ id: name.replace(/\.html\.gz$/, ''), html: gunzipSync(readFileSync(join(AEB, name))) }));
}

/** The feed site, in its own process: `node --import tsx bench/watch.ts --serve-site FEEDS`. */
async function serveSite(smallFeeds: number): Promise<void> {
  const all = pages();
  const byPath = new Map(all.map((page) => [`/a/${page.id}.html`, page.html]));
  const rss = (paths: readonly string[]) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>${paths
      .map((path) => `<item><title>${path}</title><link>http://127.0.0.1:${port}${path}</link></item>`)
      .join('')}</channel></rss>`;
  let port = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    if (path === '/feed.xml') return void response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([...byPath.keys()]));
    const small = /^\/f\/(\d+)\.xml$/.exec(path);
    if (small && Number(small[1]) < smallFeeds) {
      const etag = `"f${small[1]}"`;
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
      // One item each, a page the big feed named already: nothing new to fetch.
      return void response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(rss([[...byPath.keys()][0]!]));
    }
    const html = byPath.get(path);
    if (html) return void response.writeHead(200, { 'content-type': 'text/html' }).end(html);
    response.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1', () => {
    port = (server.address() as { port: number }).port;
    process.stdout.write(`${port}\n`);
  });
}

if (process.argv[2] === '--serve-site') await serveSite(Number(process.argv[3] ?? 0));

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

export async function run(args: readonly string[]): Promise<void> {
  const flag = (name: string, fallback: number) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const threads = flag('threads', defaultThreads());
  const smallFeeds = flag('feeds', 100);
  const rounds = flag('rounds', 5);
  const site = spawn(process.execPath, ['--import', 'tsx', import.meta.filename, '--serve-site', String(smallFeeds)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve) => site.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim()))));
  const base = `http://127.0.0.1:${port}`;
  const folder = mkdtempSync(join(tmpdir(), 'corroborate-bench-watch-'));
  try {
    const store = await openStore(join(folder, 'watch.db'));
    const clock = new ManualClock();
    const waiting: { feed: string; resolve: () => void }[] = [];
    const onEvent = (event: WatchEvent) => {
      if (event.type !== 'polled' && event.type !== 'failed') return;
      if (event.type === 'failed') console.log(`  ${event.feed} failed: ${event.reason}`);
      for (const waiter of waiting.filter((w) => w.feed === event.feed)) waiter.resolve();
    };
    const polled = (feed: string) => new Promise<void>((resolve) => waiting.push({ feed, resolve }));

    let cpu = process.cpuUsage();
    let wall = performance.now();
    const first = polled(`${base}/feed.xml`);
    const handle = await watch(store, [`${base}/feed.xml`], {
      everyMs: HOUR,
      clock,
      onEvent,
      politeness: { minHostDelayMs: 0 },
      ingest: { allowPrivateNetwork: true },
      analyze: { threads },
    });
    await first;
    const articles = await store.countArticles();
    const firstCpu = cpuSeconds(cpu);
    console.log(
      `first read: ${articles} articles of 181 pages, ${firstCpu.toFixed(1)} s CPU (${(articles / firstCpu).toFixed(1)} articles/CPU-s), ` +
        `${((performance.now() - wall) / 1000).toFixed(1)} s wall, threads ${threads}`,
    );

    const feeds = Array.from({ length: smallFeeds }, (_, i) => `${base}/f/${i}.xml`);
    for (const feed of feeds) await handle.follow(feed);
    const roundDone = () => Promise.all(feeds.map(polled));
    let done = roundDone();
    clock.advance(HOUR);
    handle.wake();
    await done;
    const perRound: number[] = [];
    for (let round = 0; round < rounds; round++) {
      done = roundDone();
      cpu = process.cpuUsage();
      wall = performance.now();
      clock.advance(HOUR);
      handle.wake();
      await done;
      perRound.push(cpuSeconds(cpu));
    }
    const sorted = [...perRound].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `unchanged: ${smallFeeds} feeds answering 304 (plus the big feed), ${rounds} rounds: median ${(median * 1000).toFixed(0)} ms CPU a round, ` +
        `${((median * 1000) / (smallFeeds + 1)).toFixed(2)} ms CPU a poll`,
    );
    await handle.stop();
    await store.close();

    // The same pages as files, through analyze's own path.
    const files = join(folder, 'pages');
    mkdirSync(files);
    for (const page of pages()) writeFileSync(join(files, `${page.id}.html`), page.html);
    const baseline = await openStore(join(folder, 'analyze.db'));
    cpu = process.cpuUsage();
    const result = await runAnalysis([files], baseline, { threads });
    const analyzeCpu = cpuSeconds(cpu);
    console.log(
      `same pages as files (runAnalysis): ${result.articles.length} articles, ${analyzeCpu.toFixed(1)} s CPU ` +
        `(${(result.articles.length / analyzeCpu).toFixed(1)} articles/CPU-s)`,
    );
    await baseline.close();
    console.log(`peak resident memory of this process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    site.kill();
    rmSync(folder, { recursive: true, force: true });
  }
}
