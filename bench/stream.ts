// `npm run bench:stream`: a realistic news stream fed in batches into one store, the way an
// always-on monitor sees it. The 422,937 UCI News headlines in timestamp order, with full-text
// articles interleaved (ECB+ reports, grouped by event; PolNeAR articles; the AEB pages as HTML),
// one every FULL_TEXT_EVERY headlines, dated at their place in the stream. Each batch is one
// process (bench/stream-batch.mjs over dist/): its CPU (user + sys) and peak RSS are measured by
// /usr/bin/time. Prints per-batch figures at the checkpoints and a summary line per run.
//
//   npm run bench:stream -- --articles 10000 --batch 1000 [--db sqlite|postgres] [--threads 2]
//   npm run bench:stream -- --full-text heldout       (full-text articles only, in 12 batches)
//   npm run bench:stream -- --articles 100000 --one   (then add one article to the store)
//   npm run bench:stream -- --full-text heldout --runner /tmp/main-batch.mjs   (another build's dist/)
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gunzipSync } from 'node:zlib';

const BENCH = new URL('../../shared/bench/', import.meta.url).pathname;
const ROOT = new URL('..', import.meta.url).pathname;
/** A full-text article every this many headlines: ~1,900 full texts spread over the first ~95,000 items. */
const FULL_TEXT_EVERY = 50;
const POSTGRES_URL = process.env.CORROBORATE_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';

interface Item {
  readonly url?: string;
  readonly title?: string;
  readonly text?: string;
  readonly html?: string;
  readonly outlet?: string;
  published?: string;
}

export async function run(args: readonly string[]): Promise<void> {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const fullText = value('full-text');
  const threads = Number(value('threads') ?? 2);
  const backend = value('db') ?? 'sqlite';
  // Another build's batch runner (a copy of stream-batch.mjs importing that build), for before/after.
  const runner = value('runner') ?? join(ROOT, 'bench/stream-batch.mjs');
  const items = fullText ? fullTextOnly(fullText === 'heldout') : await mixedStream(Number(value('articles') ?? 10_000));
  const batchSize = fullText ? Math.ceil(items.length / 12) : Number(value('batch') ?? 1000);
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-stream-'));
  const schema = `stream_${process.pid}`;
  const db = backend === 'postgres' ? POSTGRES_URL : join(dir, 'stream.db');
  console.log(
    `${items.length} items in batches of ${batchSize}, ${backend}, ${threads} thread(s); store ${backend === 'postgres' ? `schema ${schema}` : db}`,
  );
  console.log('batch  stored   cpu s  wall s  peak MB  articles/cpu-s');
  let stored = 0;
  let cpu = 0;
  let wall = 0;
  let peak = 0;
  const perBatch: number[] = [];
  try {
    for (let start = 0, n = 1; start < items.length; start += batchSize, n++) {
      const batch = items.slice(start, start + batchSize);
      const figures = runBatch(runner, dir, batch, db, threads, backend === 'postgres' ? schema : '');
      stored += figures.articles;
      cpu += figures.cpu;
      wall += figures.wall;
      peak = Math.max(peak, figures.peakMb);
      perBatch.push(figures.cpu);
      const total = Math.ceil(items.length / batchSize);
      if (fullText || n <= 2 || n === total || [1_000, 10_000, 100_000].some((c) => start < c && start + batchSize >= c)) {
        console.log(
          `${String(n).padStart(5)}  ${String(stored).padStart(6)}  ${figures.cpu.toFixed(2).padStart(6)}  ${figures.wall.toFixed(1).padStart(6)}  ${String(figures.peakMb).padStart(7)}  ${(figures.articles / figures.cpu).toFixed(1).padStart(8)}`,
        );
      }
    }
    const second = perBatch[1] ?? perBatch[0] ?? 0;
    console.log(
      `total: ${stored} articles, ${cpu.toFixed(1)} s CPU, ${wall.toFixed(1)} s wall, ${(stored / cpu).toFixed(1)} articles/CPU-s, ` +
        `${(stored / wall).toFixed(1)} articles/s; last batch ${((perBatch.at(-1) ?? 0) / second).toFixed(2)}x the second; peak ${peak} MB`,
    );
    if (args.includes('--one')) {
      const one = runBatch(
        runner,
        dir,
        [{ title: 'Late report', text: ONE_ARTICLE, published: items.at(-1)?.published, outlet: 'Bench Wire' }],
        db,
        threads,
        backend === 'postgres' ? schema : '',
      );
      console.log(`one more article into ${stored}: ${one.cpu.toFixed(2)} s CPU, ${one.wall.toFixed(2)} s wall, peak ${one.peakMb} MB`);
    }
  } finally {
    if (!args.includes('--keep')) {
      if (backend === 'postgres') spawnSync('psql', [POSTGRES_URL, '-c', `DROP SCHEMA IF EXISTS ${schema} CASCADE`], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    } else console.log(`kept ${dir}${backend === 'postgres' ? ` and schema ${schema}` : ''}`);
  }
}

const ONE_ARTICLE =
  'Officials said on Tuesday that the rescue teams had reached the last of the villages cut off by the floods, ' +
  'and that about 1,200 people were still in shelters. The regional governor said roads would reopen within the week.';

function runBatch(runner: string, dir: string, batch: readonly Item[], db: string, threads: number, schema: string) {
  const file = join(dir, 'batch.jsonl');
  writeFileSync(file, batch.map((item) => JSON.stringify(item)).join('\n'));
  const child = spawnSync('/usr/bin/time', ['-f', 'TIME %e %U %S %M', process.execPath, runner, file, db, String(threads), schema], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const time = /TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(child.stderr);
  if (child.status !== 0 || !time) throw new Error(`batch failed: ${child.stderr.slice(-2000)}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { articles: number };
  return {
    articles: result.articles,
    wall: Number(time[1]),
    cpu: Number(time[2]) + Number(time[3]),
    peakMb: Math.round(Number(time[4]) / 1024),
  };
}

/** UCI headlines in time order with the full texts interleaved, the first `limit` items. */
async function mixedStream(limit: number): Promise<Item[]> {
  const rows: { title: string; url: string; outlet: string; time: number; id: number }[] = [];
  const lines = createInterface({
    input: createReadStream(join(BENCH, 'uci-news/newsCorpora.csv.gz')).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  for await (const line of lines) {
    const [id, title, url, publisher, , , , timestamp] = line.split('\t');
    if (id && title && timestamp) rows.push({ title, url: url ?? '', outlet: publisher ?? '', time: Number(timestamp), id: Number(id) });
  }
  rows.sort((a, b) => a.time - b.time || a.id - b.id);
  const texts = [...fullTexts(false), ...fullTexts(true)];
  const items: Item[] = [];
  for (let i = 0; i < rows.length && items.length < limit; i++) {
    const row = rows[i]!;
    const published = new Date(row.time).toISOString();
    // A headline is its own one-sentence text (extraction reads a bare line as a title, not a body).
    items.push({
      url: row.url,
      title: row.title,
      text: /[.!?]$/.test(row.title) ? row.title : `${row.title}.`,
      outlet: row.outlet,
      published,
    });
    const text = i % FULL_TEXT_EVERY === FULL_TEXT_EVERY - 1 ? texts[Math.floor(i / FULL_TEXT_EVERY)] : undefined;
    if (text && items.length < limit) items.push({ ...text, published });
  }
  return items;
}

/** The full-text articles alone, dated one hour apart (an ECB+ event's reports together): the development or the held-out half. */
function fullTextOnly(heldout: boolean): Item[] {
  const start = Date.parse('2014-03-10T00:00:00Z');
  return fullTexts(heldout).map((item, i) => ({ ...item, published: new Date(start + i * 3_600_000).toISOString() }));
}

/**
 * Full texts, development half (ECB+ odd topics, PolNeAR train) or held-out half (ECB+ even
 * topics, PolNeAR dev, the AEB pages): the held-out half is only reported on.
 */
function fullTexts(heldout: boolean): Item[] {
  const ecb = readFileSync(join(BENCH, 'ecbplus/ecbplus-dev.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { url: string; text: string; topic: number | string; cluster: string })
    .filter((d) => (Number(d.topic) % 2 === 0) === heldout)
    .sort((a, b) => String(a.cluster).localeCompare(String(b.cluster)))
    .map((d): Item => ({ url: d.url, text: d.text }));
  const polnearDir = join(BENCH, 'polnear', heldout ? 'dev' : 'train', 'text');
  const polnear = readdirSync(polnearDir)
    .sort()
    .map((name): Item => ({ text: readFileSync(join(polnearDir, name), 'utf8') }));
  const items = [...ecb, ...polnear];
  if (heldout) {
    const truth = JSON.parse(readFileSync(join(BENCH, 'aeb/ground-truth.json'), 'utf8')) as Record<string, { url: string }>;
    for (const [id, { url }] of Object.entries(truth)) {
      const path = join(BENCH, 'aeb/html', `${id}.html.gz`);
      if (existsSync(path)) items.push({ url, html: gunzipSync(readFileSync(path)).toString('utf8') });
    }
  }
  // Interleave sources so every part of the stream carries each kind.
  return interleave(items, ecb.length);
}

function interleave(items: readonly Item[], split: number): Item[] {
  const a = items.slice(0, split);
  const b = items.slice(split);
  const out: Item[] = [];
  const ratio = a.length / Math.max(1, b.length);
  let ai = 0;
  for (const item of b) {
    for (let k = 0; k < ratio && ai < a.length; k++) out.push(a[ai++]!);
    out.push(item);
  }
  out.push(...a.slice(ai));
  return out;
}

await run(process.argv.slice(2));
