// `npm run bench:dedup`: near-duplicate detection at scale, whole process, one core.
//  1. Generates the deterministic corpus (bench/dedup-corpus.ts) as JSON lines in a temp folder.
//  2. Computes the exact ground truth: every pair with 5-word-shingle Jaccard >= threshold, by
//     prefix filtering over an exact inverted index (no pair is missed, nothing is estimated).
//  3. Runs `corroborate dedup FILE --threshold T` as a child process under /usr/bin/time and
//     reports wall time, docs/s, peak memory, memory per document, precision and recall.
//  4. All near-duplicate headline pairs of the UCI News Aggregator titles (422,937 rows).
// Flags: --docs 20000,100000   --threshold 0.5   --verify exact|sketch   --no-uci   --uci-shingle-size 2
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { exactPairs, generateCorpus, shingleSet } from './dedup-corpus.js';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(tmpdir(), 'corroborate-bench-dedup');
const UCI = resolve(ROOT, '../shared/bench/uci-news/newsCorpora.csv.gz');
/** datasketch (bulk MinHash + MinHashLSH, 128 permutations, threshold 0.5) on 20,000 documents here. */
const DATASKETCH_SECONDS = 37;
const DATASKETCH_MB = 1900;
/** Largest corpus for which the exact ground truth is computed (it keeps every shingle set). */
const MAX_TRUTH_DOCS = 200_000;

export async function run(args: readonly string[]): Promise<void> {
  const flag = (name: string, fallback: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
  };
  const sizes = flag('docs', '20000,100000').split(',').map(Number);
  const threshold = Number(flag('threshold', '0.5'));
  const verify = flag('verify', 'exact');
  mkdirSync(WORK, { recursive: true });

  const empty = join(WORK, 'empty.jsonl');
  writeFileSync(empty, '');
  const baseline = timed(['dedup', empty]);
  console.log(
    `process baseline (node + tsx + dedup command, empty input): ${baseline.seconds.toFixed(2)} s wall, ${baseline.cpu.toFixed(2)} s CPU, ${baseline.peakMb.toFixed(0)} MB`,
  );

  const rows: string[][] = [];
  for (const n of sizes) {
    const file = join(WORK, `corpus-${n}-seed42.jsonl`);
    if (!existsSync(file)) await writeCorpus(file, n);
    // The exact reference holds every shingle set at once: beyond this size only speed is measured.
    const truth = n <= MAX_TRUTH_DOCS ? groundTruth(file, threshold) : null;
    const result = timed(['dedup', file, '--threshold', String(threshold), '--verify', verify]);
    const found = parsePairs(result.stdout);
    let hit = 0;
    if (truth) for (const key of found) if (truth.pairs.has(key)) hit++;
    const precision = !truth ? '-' : (found.size === 0 ? 1 : hit / found.size).toFixed(3);
    const recall = !truth ? '-' : (truth.pairs.size === 0 ? 1 : hit / truth.pairs.size).toFixed(3);
    rows.push([
      n.toLocaleString('en'),
      result.seconds.toFixed(2),
      result.cpu.toFixed(2),
      Math.round(n / result.cpu).toLocaleString('en'),
      result.peakMb.toFixed(0),
      (((result.peakMb - baseline.peakMb) * 1024) / n).toFixed(2),
      String(found.size),
      truth ? String(truth.pairs.size) : '-',
      precision,
      recall,
      n === 20_000 ? `${(DATASKETCH_SECONDS / result.seconds).toFixed(1)}x / ${(DATASKETCH_SECONDS / result.cpu).toFixed(1)}x` : '',
      truth ? truth.seconds.toFixed(1) : '-',
    ]);
  }
  console.log(`\nsynthetic corpus, threshold ${threshold}, 5-word shingles, ${verify} verification (whole process, one core)`);
  table(
    [
      'docs',
      'wall s',
      'CPU s',
      'docs/CPU s',
      'peak MB',
      'KB/doc',
      'pairs',
      'true pairs',
      'precision',
      'recall',
      'vs datasketch (wall / CPU)',
      'truth s',
    ],
    rows,
  );
  console.log(`datasketch reference (20k docs): ${DATASKETCH_SECONDS} s, ${DATASKETCH_MB} MB, precision 0.893, recall 0.959`);

  if (!args.includes('--no-uci')) uciHeadlines(threshold, Number(flag('uci-shingle-size', '2')));
}

interface Timed {
  readonly seconds: number;
  /** User + system CPU seconds: what one unloaded core would take (the machine is shared). */
  readonly cpu: number;
  readonly peakMb: number;
  readonly stdout: string;
}

/** Runs the shipped CLI (bin/ runs the compiled dist/: `npm run build` first) under /usr/bin/time: wall seconds and peak memory. */
function timed(cli: readonly string[]): Timed {
  const out = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', 'node', join(ROOT, 'bin/corroborate.js'), ...cli], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  if (out.status !== 0) throw new Error(`dedup failed: ${out.stderr}`);
  const last = out.stderr.trim().split('\n').pop()!.trim().split(/\s+/);
  return { seconds: Number(last[0]), cpu: Number(last[1]) + Number(last[2]), peakMb: Number(last[3]) / 1024, stdout: out.stdout };
}

async function writeCorpus(file: string, n: number): Promise<void> {
  const started = performance.now();
  const out = createWriteStream(`${file}.part`);
  let block = '';
  for (const doc of generateCorpus({ documents: n })) {
    block += `${JSON.stringify({ id: doc.id, text: doc.text })}\n`;
    if (block.length > 1 << 20) {
      if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
      block = '';
    }
  }
  out.write(block);
  await new Promise<void>((r) => out.end(() => r()));
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  console.log(
    `generated ${n} documents (${(statSync(file).size / 2 ** 20).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s: ${file}`,
  );
}

/** The exact pairs of a JSON-lines corpus, keyed "id\tid" with the smaller id first. */
function groundTruth(file: string, threshold: number): { pairs: Set<string>; seconds: number } {
  const started = performance.now();
  const ids: string[] = [];
  const sets: Uint32Array[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    const { id, text } = JSON.parse(line) as { id: string; text: string };
    ids.push(id);
    sets.push(shingleSet(text, 5).slice());
  }
  const pairs = new Set<string>();
  for (const key of exactPairs(sets, threshold).keys()) pairs.add(pairKey(ids[Math.floor(key / sets.length)]!, ids[key % sets.length]!));
  return { pairs, seconds: (performance.now() - started) / 1000 };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\t${b}` : `${b}\t${a}`;
}

function parsePairs(tsv: string): Set<string> {
  const pairs = new Set<string>();
  for (const line of tsv.split('\n')) {
    if (!line) continue;
    const [a, b] = line.split('\t');
    pairs.add(pairKey(a!, b!));
  }
  return pairs;
}

/** All near-duplicate pairs among the UCI headlines, whole process, with exact recall. */
function uciHeadlines(threshold: number, shingleSize: number): void {
  if (!existsSync(UCI)) {
    console.log(`\nUCI headlines skipped: ${UCI} not found`);
    return;
  }
  const file = join(WORK, 'uci-titles.jsonl');
  const titles: string[] = [];
  for (const row of gunzipSync(readFileSync(UCI)).toString('utf8').split('\n')) {
    const fields = row.split('\t');
    if (fields.length < 2) continue;
    titles.push(fields[1]!);
  }
  if (!existsSync(file)) writeFileSync(file, `${titles.map((text, i) => JSON.stringify({ id: String(i), text })).join('\n')}\n`);
  const result = timed(['dedup', file, '--threshold', String(threshold), '--shingle-size', String(shingleSize)]);
  const found = parsePairs(result.stdout);
  const started = performance.now();
  const sets = titles.map((t) => shingleSet(t, shingleSize).slice());
  const truth = exactPairs(sets, threshold);
  const truthSeconds = (performance.now() - started) / 1000;
  let hit = 0;
  for (const key of truth.keys()) if (found.has(pairKey(String(Math.floor(key / sets.length)), String(key % sets.length)))) hit++;
  console.log(
    `\nUCI News Aggregator headlines (${titles.length.toLocaleString('en')} titles), ${shingleSize}-word shingles, threshold ${threshold}, whole process`,
  );
  table(
    ['titles', 'wall s', 'CPU s', 'titles/CPU s', 'peak MB', 'pairs', 'true pairs', 'precision', 'recall', 'truth s'],
    [
      [
        titles.length.toLocaleString('en'),
        result.seconds.toFixed(2),
        result.cpu.toFixed(2),
        Math.round(titles.length / result.cpu).toLocaleString('en'),
        result.peakMb.toFixed(0),
        String(found.size),
        String(truth.size),
        (found.size === 0 ? 1 : hit / found.size).toFixed(3),
        (truth.size === 0 ? 1 : hit / truth.size).toFixed(3),
        truthSeconds.toFixed(1),
      ],
    ],
  );
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padStart(widths[i]!)).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
