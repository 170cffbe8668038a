// `npm run bench:reconcile [-- --verbose] [--lexical]`: reconciliation and the brief on constructed
// stories (bench/stories/*.json, our own text, each with its documented expected result), run
// through the real stages: sentences, reuse, derivation, claims, reconcile, brief; then the real
// stories of ../shared/bench/stories end to end (bench/real-stories.ts). `-- --real-only` runs only
// those, `--dev-only` leaves out the held-out events, `--event NAME` picks events, `--keep DIR`
// keeps their texts and dossiers.
//
// Findings: a predicted finding matches an expected one when the kind is the same, the expected
// article is among the finding's articles and the expected keyword (if any) is in its message
// (one-to-one). Precision and recall are over all findings, and per kind.
// Statuses: the version of the expected article whose text holds `contains` has the expected status.
// Origins: the claim with a version holding `contains` counts that many independent origins.
// Derivations (end to end only): the stage gives each article its documented role and sources.
// Brief: every sentence cited, each first source's sentence holds the brief text (a leading
// "He"/"She" given as the name it stands for), and none opens with an unresolved he/she.
// Speed: reconcileStory on a 50-article story built from the stories' own articles (vectors warm).
// `-- --large`: also the speed test with five long pages (../shared/bench/ecbplus documents joined).
// `-- --ecbplus`: also the derivation stage over ECB+ gold event clusters (real reports of one
// event from many outlets, ../shared/bench): how many articles it calls derived. No gold for
// derivation there (some clusters hold real wire copies), so a sanity figure, not a score.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractClaims } from '../src/claims/index.js';
import { countIndependentOrigins, deriveStory } from '../src/derivation/index.js';
import { findReuse } from '../src/reuse/index.js';
import { reconcileStory, type ReconcileOptions } from '../src/reconcile/index.js';
import { writeBrief } from '../src/brief/index.js';
import { benchRealStories } from './real-stories.js';
import { article, derivation } from '../src/reconcile/fixtures/build.js';
import type {
  Role,
  AnalyzedArticle,
  BriefSentence,
  ClaimMention,
  Derivation,
  Finding,
  FindingKind,
  MentionStatus,
  Reconciliation,
} from '../src/records.js';

const STORIES = resolve(import.meta.dirname, 'stories');
const ECBPLUS = resolve(import.meta.dirname, '../../shared/bench/ecbplus/ecbplus-dev.jsonl');
/** Articles in the speed test: the task's figure. */
const SPEED_ARTICLES = 50;
/** Timed runs of the speed test; the median is reported. */
const SPEED_RUNS = 5;

interface StoryFile {
  readonly title: string;
  readonly about: string;
  readonly articles: readonly {
    key: string;
    outlet: string | null;
    publisher?: string | null;
    published: string | null;
    /** The documented truth about where the article's text came from. */
    role: Role;
    derivedFrom: readonly string[];
    credits: readonly string[];
    paragraphs: readonly string[];
  }[];
  readonly expected: {
    readonly findings: readonly { kind: FindingKind; article: string; keyword?: string }[];
    readonly statuses: readonly { article: string; contains: string; status: MentionStatus }[];
    readonly origins: readonly { contains: string; origins: number }[];
  };
}

interface Staged {
  readonly articles: AnalyzedArticle[];
  readonly derivations: Derivation[];
  readonly claims: ClaimMention[];
}

function loadStories(): { slug: string; story: StoryFile }[] {
  return readdirSync(STORIES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ slug: f.replace(/\.json$/, ''), story: JSON.parse(readFileSync(join(STORIES, f), 'utf8')) as StoryFile }));
}

/**
 * The real stages from sentences to claims. `derivations`: 'stage' runs the derivation stage;
 * 'documented' uses the roles the story file documents, to measure reconciliation on its own.
 */
function stage(story: StoryFile, prefix: string, derivations: 'stage' | 'documented'): Staged {
  const articles = story.articles.map((a) =>
    article(`${prefix}${a.key}`, a.paragraphs.join('\n\n'), {
      outlet: a.outlet,
      publisher: a.publisher ?? null,
      published: a.published,
      input: `${a.key}.txt`,
    }),
  );
  const roles =
    derivations === 'stage'
      ? deriveStory(articles, findReuse(articles))
      : story.articles.map((a) =>
          derivation(
            `${prefix}${a.key}`,
            a.role,
            a.derivedFrom.map((k) => `${prefix}${k}`),
            a.credits,
          ),
        );
  const claims = articles.flatMap((a) => extractClaims(a));
  return { articles, derivations: roles, claims };
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

function matchFindings(findings: readonly Finding[], expected: StoryFile['expected']['findings'], key: (id: string) => string) {
  const used = new Set<number>();
  const missed: (typeof expected)[number][] = [];
  for (const e of expected) {
    const i = findings.findIndex(
      (f, k) =>
        !used.has(k) &&
        f.kind === e.kind &&
        f.articles.some((id) => key(id) === e.article) &&
        (!e.keyword || f.message.toLowerCase().includes(e.keyword.toLowerCase())),
    );
    if (i >= 0) used.add(i);
    else missed.push(e);
  }
  const extra = findings.filter((_, k) => !used.has(k));
  return { matched: used.size, missed, extra };
}

function briefProblems(brief: readonly BriefSentence[], articles: readonly AnalyzedArticle[]): string[] {
  const text = new Map(articles.map((a) => [a.article.id, a.article.text]));
  const problems: string[] = [];
  if (brief.length < 3 || brief.length > 12) problems.push(`brief has ${brief.length} sentences`);
  for (const s of brief) {
    if (s.citations.length === 0 || s.sources.length === 0) problems.push(`uncited: ${s.text}`);
    const first = s.sources[0];
    const source = first ? text.get(first.article)!.slice(first.start, first.end).replace(/\s+/g, ' ').trim() : '';
    // A leading "He" the brief gives as the name it stands for: the rest is the source's own words.
    const named = /^(?:He|She) /.test(source) && source.includes(s.text.slice(s.text.indexOf(' ') + 1));
    if (first && !source.includes(s.text) && !named) problems.push(`unsupported: ${s.text}`);
    if (/^(?:He|She)\b/.test(s.text)) problems.push(`leans on a sentence before it: ${s.text}`);
  }
  if (new Set(brief.map((s) => s.text)).size !== brief.length) problems.push('duplicate sentences');
  return problems;
}

export async function run(args: readonly string[]): Promise<void> {
  const verbose = args.includes('--verbose');
  const options: Partial<ReconcileOptions> = args.includes('--lexical') ? { semantic: false } : {};
  const real = {
    verbose,
    devOnly: args.includes('--dev-only'),
    events: args.flatMap((a, i) => (args[i - 1] === '--event' ? [a] : [])),
    keep: args.find((_, i) => args[i - 1] === '--keep') ?? null,
  };
  if (args.includes('--real-only')) {
    await benchRealStories(real);
    return;
  }
  const stories = loadStories();
  for (const mode of ['stage', 'documented'] as const) {
    console.log(
      `\n--- derivations: ${mode === 'stage' ? 'from the derivation stage (end to end)' : 'as documented in the story files (reconciliation alone)'} ---`,
    );
    evaluate(stories, mode, options, verbose);
  }
  speed(stories, options);
  if (args.includes('--large')) speedLarge(stories, options);
  await benchRealStories(real);
  if (args.includes('--ecbplus')) ecbplusDerivations();
}

/** Roles the derivation stage gives the documents of each ECB+ gold event cluster. */
function ecbplusDerivations(): void {
  if (!existsSync(ECBPLUS)) {
    console.log(`ecbplus: ${ECBPLUS} not found; skipped`);
    return;
  }
  const clusters = new Map<string, AnalyzedArticle[]>();
  for (const line of readFileSync(ECBPLUS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { doc_id: string; cluster: string; text: string };
    const list = clusters.get(doc.cluster) ?? [];
    list.push(article(doc.doc_id, doc.text));
    clusters.set(doc.cluster, list);
  }
  const roles = new Map<string, number>();
  let documents = 0;
  let origins = 0;
  for (const articles of clusters.values()) {
    const derivations = deriveStory(articles, findReuse(articles));
    for (const d of derivations) roles.set(d.role, (roles.get(d.role) ?? 0) + 1);
    documents += articles.length;
    origins += countIndependentOrigins(derivations);
  }
  const counts = [...roles]
    .sort()
    .map(([role, n]) => `${role} ${n}`)
    .join(', ');
  console.log(`ecbplus derivations: ${documents} documents in ${clusters.size} event clusters: ${counts}; ${origins} independent origins`);
}

function evaluate(
  stories: readonly { slug: string; story: StoryFile }[],
  mode: 'stage' | 'documented',
  options: Partial<ReconcileOptions>,
  verbose: boolean,
): void {
  const overall: Tally = { tp: 0, fp: 0, fn: 0 };
  const byKind = new Map<string, Tally>();
  const tally = (kind: string) => {
    let counts = byKind.get(kind);
    if (!counts) byKind.set(kind, (counts = { tp: 0, fp: 0, fn: 0 }));
    return counts;
  };
  let statusRight = 0;
  let statusTotal = 0;
  let originsRight = 0;
  let originsTotal = 0;
  let derivationsRight = 0;
  let briefSentences = 0;
  const briefIssues: string[] = [];
  const rows: string[][] = [];

  for (const { slug, story } of stories) {
    const staged = stage(story, `${slug}-`, mode);
    const reconciliation = reconcileStory(staged, options);
    const brief = writeBrief({ articles: staged.articles, reconciliation, derivations: staged.derivations }, options);
    const key = (id: string) => id.slice(slug.length + 1);

    const { matched, missed, extra } = matchFindings(reconciliation.findings, story.expected.findings, key);
    overall.tp += matched;
    overall.fn += missed.length;
    overall.fp += extra.length;
    for (const e of story.expected.findings) tally(e.kind);
    for (const m of missed) tally(m.kind).fn += 1;
    for (const f of extra) tally(f.kind).fp += 1;
    const expectedByKind = new Map<string, number>();
    for (const e of story.expected.findings) expectedByKind.set(e.kind, (expectedByKind.get(e.kind) ?? 0) + 1);
    for (const [kind, n] of expectedByKind) tally(kind).tp += n - missed.filter((m) => m.kind === kind).length;

    const statusMisses: string[] = [];
    for (const e of story.expected.statuses) {
      statusTotal += 1;
      const version = versionHolding(reconciliation, `${slug}-${e.article}`, e.contains);
      if (version === e.status) statusRight += 1;
      else statusMisses.push(`${e.article} "${e.contains}": expected ${e.status}, got ${version ?? 'no claim'}`);
    }
    const originMisses: string[] = [];
    for (const e of story.expected.origins) {
      originsTotal += 1;
      const claim = claimHolding(reconciliation, e.contains);
      if (claim?.origins === e.origins) originsRight += 1;
      else originMisses.push(`"${e.contains}": expected ${e.origins} origins, got ${claim?.origins ?? 'no claim'}`);
    }
    const derivationMisses: string[] = [];
    for (const a of story.articles) {
      const got = staged.derivations.find((d) => key(d.article) === a.key)!;
      const sources = got.derivedFrom.map((l) => key(l.article));
      if (got.role === a.role && sources.join() === a.derivedFrom.join()) derivationsRight += 1;
      else
        derivationMisses.push(
          `${a.key}: documented ${a.role}${a.derivedFrom.length ? ` of ${a.derivedFrom.join(', ')}` : ''}, got ${got.role}${sources.length ? ` of ${sources.join(', ')}` : ''}`,
        );
    }
    const problems = briefProblems(brief, staged.articles);
    briefSentences += brief.length;
    briefIssues.push(...problems.map((p) => `${slug}: ${p}`));

    rows.push([
      slug,
      String(story.expected.findings.length),
      String(reconciliation.findings.length),
      String(matched),
      `${story.expected.statuses.length - statusMisses.length}/${story.expected.statuses.length}`,
      String(brief.length),
    ]);
    const roleMisses = mode === 'stage' ? derivationMisses : [];
    if (verbose && (missed.length || extra.length || statusMisses.length || originMisses.length || problems.length || roleMisses.length)) {
      console.log(`\n${slug}: ${story.title}`);
      for (const m of missed) console.log(`  missed   ${m.kind} ${m.article} ${m.keyword ?? ''}`);
      for (const f of extra) console.log(`  extra    ${f.kind}: ${f.message}`);
      for (const s of statusMisses) console.log(`  status   ${s}`);
      for (const o of originMisses) console.log(`  origins  ${o}`);
      for (const d of roleMisses) console.log(`  role     ${d}`);
      for (const p of problems) console.log(`  brief    ${p}`);
    }
  }

  console.log(table(['story', 'expected', 'found', 'matched', 'statuses', 'brief'], rows));
  const p = overall.tp / Math.max(1, overall.tp + overall.fp);
  const r = overall.tp / Math.max(1, overall.tp + overall.fn);
  console.log(
    `\nfindings: precision ${p.toFixed(3)}  recall ${r.toFixed(3)}  F1 ${((2 * p * r) / Math.max(1e-9, p + r)).toFixed(3)}  (tp ${overall.tp}, fp ${overall.fp}, fn ${overall.fn})`,
  );
  console.log(
    table(
      ['kind', 'tp', 'fp', 'fn', 'precision', 'recall'],
      [...byKind]
        .sort()
        .map(([kind, t]) => [
          kind,
          String(t.tp),
          String(t.fp),
          String(t.fn),
          (t.tp / Math.max(1, t.tp + t.fp)).toFixed(2),
          (t.tp / Math.max(1, t.tp + t.fn)).toFixed(2),
        ]),
    ),
  );
  const articles = stories.reduce((n, { story }) => n + story.articles.length, 0);
  const roles = mode === 'stage' ? `   derivations right: ${derivationsRight}/${articles}` : '';
  console.log(
    `statuses right: ${statusRight}/${statusTotal}   origins right: ${originsRight}/${originsTotal}${roles}   brief: ${briefSentences} sentences in ${stories.length} stories, ${briefIssues.length} problems`,
  );
  for (const issue of briefIssues) console.log(`  ${issue}`);
}

function speed(stories: readonly { slug: string; story: StoryFile }[], options: Partial<ReconcileOptions>): void {
  // Speed: one story of 50 articles, built from every story's articles (the claims and derivations
  // are computed once, untimed; reconcileStory alone is timed, after a warm-up run loads the vectors).
  const pool = stories.flatMap(({ story }) => story.articles);
  const big: StoryFile = {
    title: 'speed',
    about: '',
    articles: Array.from({ length: SPEED_ARTICLES }, (_, i) => ({ ...pool[i % pool.length]!, key: `s${i}` })),
    expected: { findings: [], statuses: [], origins: [] },
  };
  const staged = stage(big, 'speed-', 'stage');
  reconcileStory(staged, options);
  const times: number[] = [];
  let claims = 0;
  for (let i = 0; i < SPEED_RUNS; i++) {
    const t0 = performance.now();
    const result = reconcileStory(staged, options);
    times.push(performance.now() - t0);
    claims = result.claims.length;
  }
  times.sort((a, b) => a - b);
  const reconciliation = reconcileStory(staged, options);
  const b0 = performance.now();
  writeBrief({ articles: staged.articles, reconciliation, derivations: staged.derivations }, options);
  const briefMs = performance.now() - b0;
  console.log(
    `speed: reconcileStory on ${SPEED_ARTICLES} articles (${staged.claims.length} mentions -> ${claims} claims): median ${times[SPEED_RUNS >> 1]!.toFixed(0)} ms, max ${times[SPEED_RUNS - 1]!.toFixed(0)} ms; writeBrief ${briefMs.toFixed(0)} ms (2 shared cores, under load)`,
  );
}

/** Long pages in the large speed test, each this many ECB+ documents joined. */
const LARGE_PAGES = 5;
const DOCUMENTS_PER_PAGE = 40;

/**
 * `--large`: the speed test's 50 articles with five of them long pages (40 ECB+ documents each,
 * ~3,400 sentences in all), the case where anything quadratic in a story's sentences shows.
 * Process CPU time (user + system), not wall time: the machine is shared.
 */
function speedLarge(stories: readonly { slug: string; story: StoryFile }[], options: Partial<ReconcileOptions>): void {
  if (!existsSync(ECBPLUS)) {
    console.log(`speed (large): ${ECBPLUS} not found; skipped`);
    return;
  }
  const documents = readFileSync(ECBPLUS, 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const pool = stories.flatMap(({ story }) => story.articles);
  const short = Array.from({ length: SPEED_ARTICLES - LARGE_PAGES }, (_, i) => ({ ...pool[i % pool.length]!, key: `s${i}` }));
  const long = Array.from({ length: LARGE_PAGES }, (_, i) => ({
    ...pool[i % pool.length]!,
    key: `long${i}`,
    outlet: `Long Page ${i}`,
    paragraphs: documents.slice(i * DOCUMENTS_PER_PAGE, (i + 1) * DOCUMENTS_PER_PAGE),
  }));
  const big: StoryFile = {
    title: 'speed (large)',
    about: '',
    articles: [...short, ...long],
    expected: { findings: [], statuses: [], origins: [] },
  };
  const staged = stage(big, 'large-', 'stage');
  const cpu = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1000;
  };
  reconcileStory(staged, options);
  const times: number[] = [];
  let reconciliation: Reconciliation | null = null;
  for (let i = 0; i < LARGE_RUNS; i++) {
    const t0 = cpu();
    reconciliation = reconcileStory(staged, options);
    times.push(cpu() - t0);
  }
  times.sort((a, b) => a - b);
  const b0 = cpu();
  writeBrief({ articles: staged.articles, reconciliation: reconciliation!, derivations: staged.derivations }, options);
  const briefMs = cpu() - b0;
  const sentences = staged.articles.reduce((n, a) => n + a.sentences.length, 0);
  console.log(
    `speed (large): reconcileStory on ${SPEED_ARTICLES} articles, ${LARGE_PAGES} of them long pages (${sentences} sentences, ${staged.claims.length} mentions -> ${reconciliation!.claims.length} claims): median ${times[LARGE_RUNS >> 1]!.toFixed(0)} ms CPU; writeBrief ${briefMs.toFixed(0)} ms CPU`,
  );
}

/** Timed runs of the large speed test (each takes seconds). */
const LARGE_RUNS = 3;

/** The status of the tightest version (shortest text) of `article` holding `contains`: "31" means the quantity, not a quote with 31 in it. */
function versionHolding(r: Reconciliation, article: string, contains: string): MentionStatus | null {
  const versions = r.claims.flatMap((c) => c.versions).filter((v) => v.article === article && v.text.includes(contains));
  return versions.sort((a, b) => a.text.length - b.text.length)[0]?.status ?? null;
}

function claimHolding(r: Reconciliation, contains: string) {
  const withLength = r.claims.flatMap((c) =>
    c.versions.filter((v) => v.text.includes(contains)).map((v) => ({ c, length: v.text.length })),
  );
  return withLength.sort((a, b) => a.length - b.length)[0]?.c;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
