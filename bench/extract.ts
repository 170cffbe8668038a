// `npm run bench:extract`: main-text F1 and pages/s on ../shared/bench/aeb/, ours next to Mozilla
// readability.js on linkedom, each run in its own one-core child process so start-up counts.
// Metric (the benchmark's own): 4-token shingle multisets, per-page precision/recall averaged.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const AEB = join(HERE, '..', '..', 'shared', 'bench', 'aeb');

type Extractor = 'corroborate' | 'readability';

/** Pinned floors: the run fails loudly when quality drops below them. */
const F1_FLOOR = 0.95;

function loadPages(limit: number): { id: string; html: string }[] {
  const files = readdirSync(join(AEB, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .slice(0, limit);
  return files.map((f) => ({ id: f.replace(/\.html\.gz$/, ''), html: gunzipSync(readFileSync(join(AEB, 'html', f))).toString('utf8') }));
}

/** Runs in the child: load the extractor (start-up is timed), extract every page, print JSON. */
async function worker(which: Extractor, limit: number): Promise<void> {
  const pages = loadPages(limit);
  // Ingest hands extraction bytes; encoding them is not extraction's work, so it is not timed.
  const encoder = new TextEncoder();
  const bytes = new Map(pages.map((page) => [page.id, encoder.encode(page.html)]));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const out: Record<string, string> = {};
  let startupCpu = { user: 0, system: 0 };
  if (which === 'corroborate') {
    const { extractArticle } = await import('../src/extract/index.js');
    startupCpu = process.cpuUsage(cpuStart);
    for (const page of pages) {
      const result = extractArticle({ input: page.id, bytes: bytes.get(page.id)!, format: 'html' }, { learnBoilerplate: false });
      out[page.id] = 'code' in result ? '' : result.text;
    }
  } else {
    const { Readability } = await import('@mozilla/readability');
    const { parseHTML } = await import('linkedom');
    startupCpu = process.cpuUsage(cpuStart);
    for (const page of pages) {
      try {
        const { document } = parseHTML(page.html);
        out[page.id] = new Readability(document as never).parse()?.textContent ?? '';
      } catch {
        out[page.id] = '';
      }
    }
  }
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  process.stdout.write(
    JSON.stringify({
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      startupCpuSeconds: (startupCpu.user + startupCpu.system) / 1e6,
      out,
    }),
  );
}

function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+/gu) ?? [];
}

function shingles(text: string): Map<string, number> {
  const t = tokens(text);
  const counts = new Map<string, number>();
  if (t.length === 0) return counts;
  const add = (s: string) => counts.set(s, (counts.get(s) ?? 0) + 1);
  if (t.length < 4) add(t.join(' '));
  else for (let i = 0; i + 4 <= t.length; i++) add(`${t[i]} ${t[i + 1]} ${t[i + 2]} ${t[i + 3]}`);
  return counts;
}

export function score(
  predicted: Record<string, string>,
  gold: Record<string, { articleBody: string }>,
): { precision: number; recall: number; f1: number } {
  let pSum = 0,
    pN = 0,
    rSum = 0,
    rN = 0;
  for (const [id, { articleBody }] of Object.entries(gold)) {
    if (!(id in predicted)) continue;
    const p = shingles(predicted[id] ?? '');
    const g = shingles(articleBody);
    let tp = 0,
      fp = 0,
      fn = 0;
    for (const [s, n] of p) {
      const m = g.get(s) ?? 0;
      tp += Math.min(n, m);
      fp += Math.max(0, n - m);
    }
    for (const [s, m] of g) fn += Math.max(0, m - (p.get(s) ?? 0));
    if (tp + fp > 0) {
      pN++;
      pSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fp);
    }
    if (tp + fn > 0) {
      rN++;
      rSum += fp === 0 && fn === 0 ? 1 : tp / (tp + fn);
    }
  }
  const precision = pN ? pSum / pN : 0;
  const recall = rN ? rSum / rN : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

export async function run(args: readonly string[]): Promise<void> {
  if (args.includes('--warc')) return runWarcMemory();
  const limit = Number(args.find((a) => a.startsWith('--limit='))?.slice(8) ?? Infinity);
  const only = args.find((a) => a.startsWith('--only='))?.slice(7) as Extractor | undefined;
  const repeats = Number(args.find((a) => a.startsWith('--repeat='))?.slice(9) ?? 3);
  const gold = JSON.parse(readFileSync(join(AEB, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
  const rows: string[] = [];
  for (const which of ['corroborate', 'readability'] as const) {
    if (only && only !== which) continue;
    // Best of REPEATS runs: on a shared machine the slowest runs measure the neighbours, not us.
    let best: { seconds: number; cpuSeconds: number; startupCpuSeconds: number; wall: number; out: Record<string, string> } | null = null;
    for (let attempt = 0; attempt < repeats; attempt++) {
      const started = performance.now();
      // taskset pins the child to one core where it exists; the figures are one-core figures.
      const node = [process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url), '--worker', which, String(limit)];
      const hasTaskset = spawnSync('taskset', ['-c', '0', 'true']).status === 0;
      const child = spawnSync(hasTaskset ? 'taskset' : node[0]!, hasTaskset ? ['-c', '0', ...node] : node.slice(1), {
        maxBuffer: 1 << 30,
        encoding: 'utf8',
        cwd: join(HERE, '..'),
      });
      const wall = (performance.now() - started) / 1000;
      if (child.status !== 0) {
        console.error(child.stderr);
        throw new Error(`the ${which} worker failed`);
      }
      const result = {
        ...(JSON.parse(child.stdout) as { seconds: number; cpuSeconds: number; startupCpuSeconds: number; out: Record<string, string> }),
        wall,
      };
      if (!best || result.cpuSeconds < best.cpuSeconds) best = result;
    }
    const { seconds, cpuSeconds, startupCpuSeconds, wall, out } = best!;
    const pages = Object.keys(out).length;
    const s = score(out, gold);
    rows.push(
      `${which.padEnd(12)} ${s.f1.toFixed(3).padStart(6)} ${s.precision.toFixed(3).padStart(9)} ${s.recall.toFixed(3).padStart(7)} ${(pages / cpuSeconds).toFixed(0).padStart(12)} ${(pages / seconds).toFixed(0).padStart(13)} ${(pages / wall).toFixed(0).padStart(13)} ${(startupCpuSeconds * 1000).toFixed(0).padStart(10)}`,
    );
    if (which === 'corroborate' && limit === Infinity && s.f1 < F1_FLOOR) process.exitCode = 1;
    if (process.argv.includes('--dump') && which === 'corroborate') {
      const { writeFileSync } = await import('node:fs');
      writeFileSync('/tmp/extract-bench-out.json', JSON.stringify(out));
    }
  }
  console.log(
    `aeb: ${Object.keys(gold).length} pages, each extractor in a child pinned to one core (taskset -c 0), best of ${repeats} runs.`,
  );
  console.log('pages/s(cpu): pages per CPU-second of the child from module start-up to the last page (steady under load);');
  console.log('pages/s(proc): the same over elapsed time; pages/s(wall): including node+tsx boot and reading the pages.');
  console.log('extractor        F1  precision  recall  pages/s(cpu)  pages/s(proc)  pages/s(wall)  start-up(cpu ms)');
  for (const row of rows) console.log(row);
}

/** Writes a synthetic WARC (.warc.gz, one gzip member per record as CC-NEWS does) of `records` HTML responses. */
async function writeSyntheticWarc(path: string, records: number): Promise<void> {
  const { createWriteStream } = await import('node:fs');
  const { gzipSync: gz } = await import('node:zlib');
  const out = createWriteStream(path);
  const write = (chunk: Buffer) => new Promise<void>((resolve) => (out.write(chunk) ? resolve() : out.once('drain', () => resolve())));
  const filler = 'Officials said the measure would take effect next month, after a vote in the regional assembly. '.repeat(40);
  for (let i = 0; i < records; i++) {
    const html = `<html><head><title>Story ${i}</title></head><body><nav><a href="/">Home</a></nav><article><h1>Story ${i}</h1><p>Story number ${i}. ${filler}</p></article></body></html>`;
    const http = `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${html}`;
    const block = Buffer.from(http);
    const header = `WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://synthetic.example/${i}\r\nWARC-Date: 2025-02-24T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`;
    await write(gz(Buffer.concat([Buffer.from(header), block, Buffer.from('\r\n\r\n')])));
  }
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Child: reads a WARC through ingest and extraction, prints records read and peak RSS. */
async function warcWorker(path: string): Promise<void> {
  const { readInputs } = await import('../src/ingest/index.js');
  const { extractArticle } = await import('../src/extract/index.js');
  let documents = 0;
  let articles = 0;
  for await (const item of readInputs([path])) {
    if ('code' in item) continue;
    documents++;
    if (!('code' in extractArticle(item))) articles++;
  }
  process.stdout.write(JSON.stringify({ documents, articles, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
}

/** `npm run bench:extract -- --warc`: peak RSS reading 1,000 and 10,000 synthetic WARC records. */
export async function runWarcMemory(): Promise<void> {
  const { mkdtempSync, statSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-warc-'));
  console.log('records  file MB  documents  articles  peak RSS MB  seconds');
  try {
    for (const records of [1_000, 10_000]) {
      const path = join(dir, `synthetic-${records}.warc.gz`);
      await writeSyntheticWarc(path, records);
      const started = performance.now();
      const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--warc-worker', path], {
        encoding: 'utf8',
        cwd: join(HERE, '..'),
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`the WARC worker failed: ${child.stderr}`);
      const { documents, articles, maxRssMb } = JSON.parse(child.stdout) as { documents: number; articles: number; maxRssMb: number };
      console.log(
        `${String(records).padStart(7)} ${(statSync(path).size / 1e6).toFixed(1).padStart(8)} ${String(documents).padStart(10)} ${String(articles).padStart(9)} ${maxRssMb.toFixed(0).padStart(12)} ${((performance.now() - started) / 1000).toFixed(1).padStart(8)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--worker') await worker(process.argv[3] as Extractor, Number(process.argv[4]));
if (process.argv[2] === '--warc-worker') await warcWorker(process.argv[3]!);
