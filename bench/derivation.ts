// `npm run bench:derivation [-- --errors] [--method rules|model|both | --model-only] [--end-to-end] [--chrome]`: who copied whom (stage 7).
//  1. Real reuse (ECB+ dev, reuse-dev.json; bench/derivation-data.ts): reuse and derivation run on
//     each gold event's articles; predicted families are the linked components of `derivedFrom`
//     and `sharedSourceWith`; same-family pair precision/recall/F1 on the dev events and on the
//     held-out events separately; clear directions right; and the `derivedShare` buckets against
//     the gold share (wholly / partially / none). Baseline: word 5-gram containment >= 0.2 either
//     way, then components (the figure REUSE.md gives).
//  2. METER-like rewrites (bench/derivation-meter.ts): wire-like ECB+ articles and what a tabloid
//     makes of them; derived / non-derived F1 and accuracy, dev and held-out events apart.
//  3. Constructed families (bench/stories/*.json): each article's documented role, P/R per role.
//  4. Speed: deriveStory on a 50-article story (reuse pairs given), median of 5.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { deriveStory, type DerivationOptions } from '../src/derivation/index.js';
import { analyzed } from '../src/derivation/families.js';
import { findReuse } from '../src/reuse/index.js';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { openStore } from '../src/store/index.js';
import type { AnalyzedArticle, Derivation, Role } from '../src/records.js';
import { componentPairs, goldPairs, loadReuseDev, reuseDevAvailable, type ReuseEvent, type Share } from './derivation-data.js';
import { meterCases } from './derivation-meter.js';

const STORIES = resolve(import.meta.dirname, 'stories');
/** Containment of word 5-grams from which the baseline links two articles (REUSE.md's baseline). */
const BASELINE_CONTAINMENT = 0.2;
/** A derived share at or above this is a wholesale rewrite ("wholly"), below it "partially". */
const WHOLLY_SHARE = 0.6;
const SPEED_ARTICLES = 50;
const SPEED_RUNS = 5;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });
const f1 = (t: Tally) => {
  const p = t.tp / Math.max(1, t.tp + t.fp);
  const r = t.tp / Math.max(1, t.tp + t.fn);
  return { p, r, f: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
};
const fmt = (x: number) => x.toFixed(3);
const prf = (t: Tally) => {
  const { p, r, f } = f1(t);
  return `P ${fmt(p)} R ${fmt(r)} F1 ${fmt(f)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})`;
};

function addPairs(t: Tally, gold: ReadonlySet<string>, predicted: ReadonlySet<string>): void {
  for (const k of predicted)
    if (gold.has(k)) t.tp++;
    else t.fp++;
  for (const k of gold) if (!predicted.has(k)) t.fn++;
}

/** Links of a derivation result: each `derivedFrom` and `sharedSourceWith` as an undirected edge. */
function derivationLinks(derivations: readonly Derivation[]): [string, string][] {
  return derivations.flatMap((d) => [
    ...d.derivedFrom.map((l): [string, string] => [d.article, l.article]),
    ...d.sharedSourceWith.map((o): [string, string] => [d.article, o]),
  ]);
}

function words(text: string): string[] {
  return (text.toLowerCase().match(/\w+/g) ?? []) as string[];
}
function grams(text: string, n: number): Set<string> {
  const w = words(text);
  const set = new Set<string>();
  for (let k = 0; k + n <= w.length; k++) set.add(w.slice(k, k + n).join(' '));
  return set;
}
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0) return 0;
  let n = 0;
  for (const g of a) if (b.has(g)) n++;
  return n / a.size;
}

function baselineLinks(articles: readonly AnalyzedArticle[]): [string, string][] {
  const sets = articles.map((a) => grams(a.article.text, 5));
  const links: [string, string][] = [];
  for (let i = 0; i < articles.length; i++)
    for (let j = i + 1; j < articles.length; j++)
      if (Math.max(containment(sets[i]!, sets[j]!), containment(sets[j]!, sets[i]!)) >= BASELINE_CONTAINMENT)
        links.push([articles[i]!.article.id, articles[j]!.article.id]);
  return links;
}

function predictedShare(d: Derivation | undefined, inFamily: boolean): Share {
  if (!d || !inFamily) return 'none';
  if (d.derivedFrom.length === 0) return 'wholly'; // a family's original is wholly its common text
  return ((d as { derivedShare?: number }).derivedShare ?? 0) >= WHOLLY_SHARE ? 'wholly' : 'partially';
}

/**
 * Page chrome one outlet puts on every page (a video playlist and a photo credit), added to every
 * third article of each event: shared text that is not reuse (modern US news pages carry it).
 */
const CHROME = [
  // One agency photo's caption, as every outlet running that photo prints it.
  'Firefighters work at the scene on Monday, Jan. 6, 2025, as crews search through the rubble for survivors. (AP Photo/Jane Doe)',
  'Watch more videos',
  'Storm brings heavy snow to the mountains as drivers are told to stay home',
  'Local bakery celebrates 100 years in business with free bread for everyone',
  'High school team wins the state title in overtime thriller on Saturday night',
  'Officials unveil plans for a new bridge over the river downtown',
  'Copyright 2024 Example Broadcasting Company. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.',
].join('\n');

function withChrome(events: readonly ReuseEvent[]): ReuseEvent[] {
  return events.map((e) => ({
    ...e,
    articles: e.articles.map((a, k) =>
      k % 3 === 0
        ? analyzed(a.article.id, `${a.article.text}\n\n${CHROME}`, {
            outlet: a.article.outlet,
            url: a.article.url,
            publisher: a.article.publisher,
          })
        : a,
    ),
  }));
}

function reuseDev(args: readonly string[], method: DerivationOptions['method']): void {
  if (!reuseDevAvailable()) {
    console.log('reuse-dev: ../shared/bench/ecbplus not found; skipped');
    return;
  }
  const errors = args.includes('--errors');
  const chrome = args.includes('--chrome');
  const events = chrome ? withChrome(loadReuseDev()) : loadReuseDev();
  const tallies = { dev: { model: tally(), baseline: tally() }, heldOut: { model: tally(), baseline: tally() } };
  const directions = { right: 0, wrong: 0, missing: 0 };
  const shares = new Map<string, number>();
  let started = performance.now();
  let deriveMs = 0;
  for (const event of events) {
    const ids = event.articles.map((a) => a.article.id);
    const gold = goldPairs(event);
    const reuse = findReuse(event.articles);
    started = performance.now();
    const derivations = deriveStory(event.articles, reuse, { method });
    deriveMs += performance.now() - started;
    const predicted = componentPairs(ids, derivationLinks(derivations));
    const side = event.heldOut ? tallies.heldOut : tallies.dev;
    addPairs(side.model, gold, predicted);
    addPairs(side.baseline, gold, componentPairs(ids, baselineLinks(event.articles)));
    const byId = new Map(derivations.map((d) => [d.article, d]));
    for (const [id, g] of event.gold) {
      for (const source of g.derivedFrom) {
        const d = byId.get(id);
        const back = byId.get(source);
        if (d?.derivedFrom.some((l) => l.article === source)) directions.right++;
        else if (back?.derivedFrom.some((l) => l.article === id)) directions.wrong++;
        else directions.missing++;
      }
      const inFamily = [...predicted].some((k) => k.split('|').includes(id));
      const key = `${g.share} -> ${predictedShare(byId.get(id), inFamily)}`;
      shares.set(key, (shares.get(key) ?? 0) + 1);
    }
    if (errors) {
      for (const k of predicted) if (!gold.has(k)) console.log(`  fp ${event.event} ${k}`);
      for (const k of gold) if (!predicted.has(k)) console.log(`  fn ${event.event} ${k}`);
    }
  }
  console.log(
    `[method ${method}] reuse-dev (${events.length} events; held out: ${events.filter((e) => e.heldOut).length}), same-family pairs:`,
  );
  console.log(`  dev events      model    ${prf(tallies.dev.model)}`);
  console.log(`  dev events      5-gram   ${prf(tallies.dev.baseline)}`);
  console.log(`  held-out events model    ${prf(tallies.heldOut.model)}`);
  console.log(`  held-out events 5-gram   ${prf(tallies.heldOut.baseline)}`);
  const all = { tp: 0, fp: 0, fn: 0 };
  for (const t of [tallies.dev.model, tallies.heldOut.model]) {
    all.tp += t.tp;
    all.fp += t.fp;
    all.fn += t.fn;
  }
  console.log(`  all events      model    ${prf(all)}`);
  console.log(`  clear directions: ${directions.right} right, ${directions.wrong} reversed, ${directions.missing} not linked`);
  console.log(
    `  share (gold -> predicted): ${[...shares]
      .sort()
      .map(([k, n]) => `${k}: ${n}`)
      .join('; ')}`,
  );
  console.log(`  deriveStory over all events: ${deriveMs.toFixed(0)} ms`);
}

interface StoryFile {
  readonly articles: readonly {
    key: string;
    outlet: string | null;
    publisher?: string | null;
    published: string | null;
    role: Role;
    derivedFrom: readonly string[];
    paragraphs: readonly string[];
  }[];
}

function constructed(args: readonly string[], method: DerivationOptions['method']): void {
  const roles = new Map<Role, Tally>();
  const at = (r: Role): Tally => {
    const t = roles.get(r) ?? tally();
    roles.set(r, t);
    return t;
  };
  let links = 0;
  let linksRight = 0;
  for (const file of readdirSync(STORIES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const story = JSON.parse(readFileSync(resolve(STORIES, file), 'utf8')) as StoryFile;
    const prefix = `${file.slice(0, 2)}-`;
    const articles = story.articles.map((a) =>
      analyzed(`${prefix}${a.key}`, a.paragraphs.join('\n\n'), {
        outlet: a.outlet,
        publisher: a.publisher ?? null,
        published: a.published,
      }),
    );
    const derivations = deriveStory(articles, findReuse(articles), { method });
    story.articles.forEach((a, k) => {
      const d = derivations[k]!;
      if (d.role === a.role) at(a.role).tp++;
      else {
        at(a.role).fn++;
        at(d.role).fp++;
        if (args.includes('--errors')) console.log(`  ${file} ${a.key}: ${a.role} -> ${d.role}: ${d.reason}`);
      }
      for (const s of a.derivedFrom) {
        links++;
        if (d.derivedFrom.some((l) => l.article === `${prefix}${s}`)) linksRight++;
      }
    });
  }
  console.log(`[method ${method}] constructed families (bench/stories), role per article:`);
  for (const [role, t] of [...roles].sort()) console.log(`  ${role.padEnd(12)} ${prf(t)}`);
  console.log(`  documented sources found: ${linksRight} of ${links}`);
}

function meter(args: readonly string[], method: DerivationOptions['method']): void {
  if (!reuseDevAvailable()) return;
  const out = { dev: { tp: 0, fp: 0, fn: 0, tn: 0 }, heldOut: { tp: 0, fp: 0, fn: 0, tn: 0 } };
  for (const c of meterCases(loadReuseDev())) {
    const derivations = deriveStory(c.articles, findReuse(c.articles), { method });
    const t = c.heldOut ? out.heldOut : out.dev;
    for (const [id, derived] of c.labels) {
      const d = derivations.find((x) => x.article === id)!;
      const said = d.derivedFrom.some((l) => l.article === c.wire) || d.sharedSourceWith.includes(c.wire);
      if (said && derived) t.tp++;
      else if (said) t.fp++;
      else if (derived) {
        t.fn++;
        if (args.includes('--errors')) console.log(`  meter fn ${id} (${c.kinds.get(id)}): ${d.reason}`);
      } else t.tn++;
    }
  }
  console.log(
    `[method ${method}] METER-like rewrites of wire-like ECB+ articles (bench/derivation-meter.ts), derived = linked to the wire copy:`,
  );
  for (const [name, t] of Object.entries(out)) {
    const derived = f1({ tp: t.tp, fp: t.fp, fn: t.fn }).f;
    const non = f1({ tp: t.tn, fp: t.fn, fn: t.fp }).f;
    const accuracy = (t.tp + t.tn) / Math.max(1, t.tp + t.tn + t.fp + t.fn);
    console.log(
      `  ${name.padEnd(8)} derived F1 ${fmt(derived)}, non-derived F1 ${fmt(non)}, accuracy ${fmt(accuracy)} (tp ${t.tp} fp ${t.fp} fn ${t.fn} tn ${t.tn})`,
    );
  }
}

/**
 * End to end: all 772 articles as one JSONL batch through `runAnalysis` (extraction, clustering
 * into stories, reuse, derivation), families = linked components over the whole batch, so pairs
 * split across stories are missed and links across events count against precision.
 */
async function endToEnd(method: DerivationOptions['method'], chrome: boolean, errors: boolean): Promise<void> {
  if (!reuseDevAvailable()) return;
  const events = chrome ? withChrome(loadReuseDev()) : loadReuseDev();
  const dir = mkdtempSync(join(tmpdir(), 'bench-derivation-'));
  try {
    const input = join(dir, 'reuse-dev.jsonl');
    const eventOf = new Map<string, ReuseEvent>();
    const lines: string[] = [];
    // Each page at its own address (a made-up one where ECB+ has none or repeats one): the
    // address is one of the cues for which of two texts came first (an official site).
    const urls = events.flatMap((e) => e.articles.map((a) => a.article.url));
    const idByUrl = new Map<string, string>();
    for (const e of events)
      for (const a of e.articles) {
        eventOf.set(a.article.id, e);
        const own = a.article.url;
        const url = own && urls.indexOf(own) === urls.lastIndexOf(own) ? own : `https://example.org/${a.article.id}`;
        idByUrl.set(url, a.article.id);
        lines.push(JSON.stringify({ url, title: null, published: null, text: a.article.text }));
      }
    writeFileSync(input, `${lines.join('\n')}\n`);
    const store = await openStore(join(dir, 'bench.db'));
    const result = await runAnalysis([input], store, { derivation: { method } });
    await store.close();
    const idOf = (url: string | null) => idByUrl.get(url ?? '') ?? '';
    const links: [string, string][] = [];
    const storyOf = new Map<string, string>();
    for (const story of result.dossier.stories) {
      const byArticle = new Map(story.articles.map((a) => [a.id, idOf(a.url)]));
      for (const a of story.articles) {
        storyOf.set(idOf(a.url), story.id);
        for (const l of a.derivedFrom) links.push([idOf(a.url), byArticle.get(l.article) ?? l.article]);
        for (const o of a.sharedSourceWith) links.push([idOf(a.url), byArticle.get(o) ?? o]);
      }
    }
    const ids = [...eventOf.keys()];
    const predicted = componentPairs(ids, links);
    const directions = { right: 0, wrong: 0, missing: 0 };
    const linked = new Set(links.map(([x, y]) => `${x}>${y}`));
    const derivedLinks = new Set<string>();
    for (const story of result.dossier.stories) {
      const byArticle = new Map(story.articles.map((a) => [a.id, idOf(a.url)]));
      for (const a of story.articles) for (const l of a.derivedFrom) derivedLinks.add(`${idOf(a.url)}>${byArticle.get(l.article) ?? ''}`);
    }
    for (const e of events)
      for (const [id, g] of e.gold)
        for (const source of g.derivedFrom) {
          if (derivedLinks.has(`${id}>${source}`)) directions.right++;
          else if (derivedLinks.has(`${source}>${id}`)) directions.wrong++;
          else directions.missing++;
          if (errors && !derivedLinks.has(`${id}>${source}`))
            console.log(`  e2e direction ${id} <- ${source}: ${linked.has(`${source}>${id}`) ? 'reversed' : 'not derived'}`);
        }
    const gold = new Set(events.flatMap((e) => [...goldPairs(e)]));
    const t = { dev: tally(), heldOut: tally() };
    let split = 0;
    for (const k of predicted) (eventOf.get(k.split('|')[0]!)!.heldOut ? t.heldOut : t.dev)[gold.has(k) ? 'tp' : 'fp']++;
    if (errors) for (const k of predicted) if (!gold.has(k)) console.log(`  e2e fp ${k}`);
    for (const k of gold)
      if (!predicted.has(k)) {
        if (errors) console.log(`  e2e fn ${k}`);
        const [a, b] = k.split('|') as [string, string];
        (eventOf.get(a)!.heldOut ? t.heldOut : t.dev).fn++;
        if (storyOf.get(a) !== storyOf.get(b)) split++;
      }
    console.log(
      `[method ${method}] end to end${chrome ? ' with page chrome' : ''} (runAnalysis on all ${ids.length} articles as JSONL, ${result.dossier.stories.length} stories):`,
    );
    console.log(`  dev events      ${prf(t.dev)}`);
    console.log(`  held-out events ${prf(t.heldOut)}`);
    console.log(`  missed same-family pairs whose articles landed in different stories: ${split}`);
    console.log(`  clear directions: ${directions.right} right, ${directions.wrong} reversed, ${directions.missing} not linked that way`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function speed(): void {
  if (!reuseDevAvailable()) return;
  const events = loadReuseDev();
  const articles = events
    .slice()
    .sort((a, b) => b.articles.length - a.articles.length)
    .flatMap((e) => e.articles)
    .slice(0, SPEED_ARTICLES);
  const reuse = findReuse(articles);
  deriveStory(articles, reuse); // warm
  const times: number[] = [];
  for (let k = 0; k < SPEED_RUNS; k++) {
    const t0 = performance.now();
    deriveStory(articles, reuse);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(
    `speed: deriveStory on a ${articles.length}-article story with ${reuse.length} reuse pairs: median ${times[SPEED_RUNS >> 1]!.toFixed(1)} ms`,
  );
}

export async function run(args: readonly string[]): Promise<void> {
  const chosen = args.includes('--method') ? args[args.indexOf('--method') + 1] : args.includes('--model-only') ? 'model' : null;
  const methods = (chosen ? [chosen] : ['rules', 'model', 'both']) as DerivationOptions['method'][];
  for (const method of methods) {
    reuseDev(args, method);
    meter(args, method);
    constructed(args, method);
    if (args.includes('--end-to-end')) await endToEnd(method, args.includes('--chrome'), args.includes('--errors'));
  }
  speed();
}
