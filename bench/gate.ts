// `npm run bench:gate`: the benchmarks' fast subset with pinned floors, run by CI after the tests
// (trafilatura's eval gate). Each part is a fixed, small sample of a full benchmark, run in this
// one process, and must stay under PART_CPU_BUDGET_S of CPU:
//   extract  AEB shingle F1 on the first AEB_PAGES pages of the dev split (bench:extract's metric)
//   cluster  ECB+ B-cubed F1 of the online engine on ECB_TOPICS, one fixed arrival order (bench:cluster)
//   quotes   PolNeAR direct-quote F1 on the first POLNEAR_ARTICLES dev articles (bench:quotes)
//   seeds    the five example articles (examples/) end to end: roles and key findings
// A figure below its floor fails the gate (exit 1). Floors sit a little under the figures measured
// when they were pinned, so noise-free code changes pass and a real drop does not; raise a floor
// when a change lifts its figure for good.
//
// The data is read by path from ../shared/bench (never copied into the repository: the texts belong
// to their publishers). When it is missing the gate FAILS (exit 2) and says where it looked: a gate
// that passes without measuring would hide exactly the regressions it exists for. A machine
// without the data runs the tests alone (`npm test`), not `.ci/run`.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { wordVectors } from '../src/semantics/index.js';
import { openStore } from '../src/store/index.js';
import { extractArticle } from '../src/extract/index.js';
import type { DossierStory } from '../src/dossier/types.js';
import { clusterOnline, clusterScores, loadEcb, shuffled, ECB_PATH } from './cluster-fit.js';
import { AEB_DIR, loadGold, loadPages } from './extract/datasets.js';
import { score as shingleScore } from './extract.js';
import { POLNEAR, scorePolnear } from './quotes.js';

const BENCH_DIR = resolve(import.meta.dirname, '../../shared/bench');
const EXAMPLES = resolve(import.meta.dirname, '../examples');

/** The most CPU one part may take: CI runs four parts after a several-minute test suite. */
const PART_CPU_BUDGET_S = 30;

/** AEB pages in the extraction sample: under a second of CPU, and one bad page moves F1 by ~0.02. */
const AEB_PAGES = 40;
/** Measured 0.988 on the sample (2026-12-07); one page turning to chrome costs ~0.02. */
const AEB_F1_FLOOR = 0.975;

/**
 * ECB+ topics in the clustering sample: the first six by number, each holding two events of the
 * same kind (the benchmark's trap), ~130 documents.
 */
const ECB_TOPICS = [1, 2, 3, 4, 5, 6];
/** The fixed arrival order (seed of bench/cluster-fit.ts's shuffle): the full bench averages three. */
const ECB_ORDER_SEED = 1;
/** Measured 0.940 on the sample (2026-12-07); one wrongly merged event pair costs ~0.04. */
const ECB_B3_FLOOR = 0.92;

/** PolNeAR dev articles in the quote sample (first by file name). */
const POLNEAR_ARTICLES = 20;
/** Measured 0.881 on the sample (188 gold quotes, 2026-12-07); three quotes lost cost ~0.015. */
const POLNEAR_F1_FLOOR = 0.86;

/** The seed story's checks must all pass: each is a property a reader of the example dossier sees. */
const SEED_CHECKS_FLOOR = 1;

interface PartResult {
  readonly figure: number;
  readonly floor: number;
  readonly detail: string;
}

interface Part {
  readonly name: string;
  readonly metric: string;
  readonly needs: readonly string[];
  readonly run: () => Promise<PartResult>;
}

const PARTS: readonly Part[] = [
  {
    name: 'extract',
    metric: `AEB shingle F1, ${AEB_PAGES} dev pages`,
    needs: [join(AEB_DIR, 'html'), join(AEB_DIR, 'ground-truth.json')],
    run: async () => gateExtraction(),
  },
  {
    name: 'cluster',
    metric: `ECB+ B-cubed F1, topics ${ECB_TOPICS.join(',')}`,
    needs: [ECB_PATH.pathname],
    run: async () => gateClustering(),
  },
  {
    name: 'quotes',
    metric: `PolNeAR direct-quote F1, ${POLNEAR_ARTICLES} dev articles`,
    needs: [join(POLNEAR, 'dev')],
    run: async () => gateQuotes(),
  },
  {
    name: 'seeds',
    metric: 'example story: roles and key findings (share of checks)',
    needs: [EXAMPLES],
    run: gateSeeds,
  },
];

function gateExtraction(): PartResult {
  const gold = loadGold('aeb');
  const pages = loadPages('aeb', 'dev', AEB_PAGES);
  const predicted: Record<string, string> = {};
  for (const page of pages) {
    const result = extractArticle({ input: page.id, bytes: page.bytes, format: 'html' }, { learnBoilerplate: false });
    predicted[page.id] = 'code' in result ? '' : result.text;
  }
  const truth = Object.fromEntries(pages.map((page) => [page.id, { articleBody: gold.get(page.id)?.text ?? '' }]));
  const { precision, recall, f1 } = shingleScore(predicted, truth);
  return { figure: f1, floor: AEB_F1_FLOOR, detail: `P ${precision.toFixed(3)} R ${recall.toFixed(3)} over ${pages.length} pages` };
}

function gateClustering(): PartResult {
  wordVectors();
  const docs = loadEcb().filter((doc) => ECB_TOPICS.includes(doc.topic));
  const gold = new Map(docs.map((doc) => [doc.id, doc.cluster]));
  const scores = clusterScores(clusterOnline(shuffled(docs, ECB_ORDER_SEED)), gold);
  return {
    figure: scores.bF,
    floor: ECB_B3_FLOOR,
    detail: `B3 P ${scores.bP.toFixed(3)} R ${scores.bR.toFixed(3)}, pair F1 ${scores.pairF.toFixed(3)}, ${docs.length} documents, ${new Set(gold.values()).size} events`,
  };
}

function gateQuotes(): PartResult {
  const s = scorePolnear('dev', POLNEAR_ARTICLES);
  return {
    figure: s.f1,
    floor: POLNEAR_F1_FLOOR,
    detail: `P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}, speaker accuracy ${s.speakerAccuracy.toFixed(3)}, ${s.gold} gold quotes`,
  };
}

/** One property of the example story's dossier (test/examples.test.ts holds the full golden test). */
interface SeedCheck {
  readonly what: string;
  readonly holds: (story: DossierStory, article: (file: string) => DossierStory['articles'][number] | undefined) => boolean;
}

const REUTERS = '000_0c083f95c1e08a76.txt';
const SUMMARY = '001_d6d31ae256cae5f1.txt';
const REWRITE = '002_bdac9d48c005ab8f.txt';
const EPOCH = '003_0176dabefc5f30e1.txt';
const BENZINGA = '004_883793e3d08d46d8.txt';
/** More findings than this and the list stops being a short list a reader goes through. */
const SEED_FINDINGS_MAX = 17;

const SEED_CHECKS: readonly SeedCheck[] = [
  { what: 'all five articles in one story', holds: (story) => story.articles.length === 5 },
  { what: 'Reuters is the original', holds: (_, article) => article(REUTERS)?.role === 'original' },
  {
    what: 'the summary is a summary of Reuters',
    holds: (_, article) => isDerived(article(SUMMARY), 'summary', article(REUTERS)?.id),
  },
  {
    what: 'the rewrite is a rewrite of Reuters',
    holds: (_, article) => isDerived(article(REWRITE), 'rewrite', article(REUTERS)?.id),
  },
  { what: '1-3 independent origins', holds: (story) => story.independentOrigins >= 1 && story.independentOrigins <= 3 },
  {
    what: "the rewrite's altered quote is a finding",
    holds: (story, article) =>
      story.findings.some(
        (f) => f.kind === 'altered-quote' && f.articles[0] === article(REWRITE)?.id && f.message.includes('If they show interest'),
      ),
  },
  { what: 'the imports/market drift is a finding', holds: (story) => story.findings.some((f) => f.kind === 'drifted-number') },
  {
    what: "Benzinga's EU sanctions is a unique-claim finding",
    holds: (story, article) =>
      story.findings.some(
        (f) => f.kind === 'unique-claim' && f.articles[0] === article(BENZINGA)?.id && /16th sanctions package/.test(f.message),
      ),
  },
  {
    what: "the Epoch Times' reactions are unique-claim findings",
    holds: (story, article) =>
      story.findings.some((f) => f.kind === 'unique-claim' && f.articles[0] === article(EPOCH)?.id && /Trump|Macron/.test(f.message)),
  },
  { what: `at most ${SEED_FINDINGS_MAX} findings`, holds: (story) => story.findings.length <= SEED_FINDINGS_MAX },
];

function isDerived(article: DossierStory['articles'][number] | undefined, role: string, source: string | undefined): boolean {
  return article?.role === role && article.derivedFrom.some((link) => link.article === source && link.evidence.length > 0);
}

async function gateSeeds(): Promise<PartResult> {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-gate-'));
  const store = await openStore(join(dir, 'gate.db'));
  try {
    const result = await runAnalysis([EXAMPLES], store);
    const story = result.dossier.stories.find((s) => s.articles.length === 5) ?? result.dossier.stories[0];
    if (!story) return { figure: 0, floor: SEED_CHECKS_FLOOR, detail: 'no story was made' };
    const article = (file: string) => story.articles.find((a) => a.input.endsWith(file));
    const failed = SEED_CHECKS.filter((check) => !check.holds(story, article)).map((check) => check.what);
    const passed = SEED_CHECKS.length - failed.length;
    return {
      figure: passed / SEED_CHECKS.length,
      floor: SEED_CHECKS_FLOOR,
      detail: `${passed}/${SEED_CHECKS.length} checks${failed.length ? `; failed: ${failed.join('; ')}` : ''}, ${story.findings.length} findings`,
    };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main(only: readonly string[]): Promise<number> {
  const parts = only.length ? PARTS.filter((part) => only.includes(part.name)) : PARTS;
  if (parts.length === 0) {
    console.error(`bench:gate: no part named ${only.join(', ')}. Parts: ${PARTS.map((part) => part.name).join(', ')}.`);
    return 2;
  }
  const missing = parts.flatMap((part) => part.needs.filter((path) => !existsSync(path)));
  if (missing.length > 0) {
    console.error(
      `bench:gate: FAILED, the benchmark data is missing:\n${missing.map((path) => `  ${path}`).join('\n')}\n` +
        `The gate reads ${BENCH_DIR} by path (it is not in the repository). Put the shared benchmark ` +
        'folder there, or run `npm test` alone on a machine without it; the gate never passes without measuring.',
    );
    return 2;
  }
  let failures = 0;
  console.log('| part | metric | figure | floor | CPU s | detail |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const part of parts) {
    const cpu = process.cpuUsage();
    const result = await part.run();
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    const below = result.figure < result.floor;
    const slow = cpuSeconds > PART_CPU_BUDGET_S;
    if (below) failures++;
    const verdict = below ? ' **BELOW FLOOR**' : '';
    const budget = slow ? ` (over the ${PART_CPU_BUDGET_S} s budget: make the sample smaller)` : '';
    console.log(
      `| ${part.name} | ${part.metric} | ${result.figure.toFixed(3)}${verdict} | ${result.floor} | ${cpuSeconds.toFixed(1)}${budget} | ${result.detail} |`,
    );
  }
  console.log(failures ? `bench:gate: FAILED, ${failures} part(s) below the floor.` : 'bench:gate: passed.');
  return failures ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
