// `node --import tsx bench/crossday.ts [--errors]`: copies across days (issue 14). The ECB+ dev
// articles with the reuse-dev.json families (bench/derivation-data.ts), given publication dates so
// that copies of one family lie 5 to 10 days apart (beyond the stories' 3-day window), while the
// other reports of their event sit on the family's first day and the same-kind event of the same
// ECB+ topic (the "other earthquake") is spread over the days of the reprints. One JSONL batch
// through `runAnalysis`, as a user would run it. Measured:
// - family pairs: same-family pairs linked (derivedFrom / sharedSourceWith components, as
//   `bench:derivation -- --end-to-end`) and in one story;
// - events: story pairs against the gold events (precision: unrelated events at the reprints'
//   dates stay apart; recall: reports of one event together).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { openStore } from '../src/store/index.js';
import { componentPairs, goldPairs, loadReuseDev, pairKey, reuseDevAvailable } from './derivation-data.js';

/** The first day of every topic's events. */
const BASE = Date.UTC(2026, 0, 5, 9);
const DAY = 86_400_000;
/** Gaps between successive members of a family: 5 to 10 days, beyond the 3-day story window. */
const MIN_GAP_DAYS = 5;
const GAP_SPREAD_DAYS = 6;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const fmt = (x: number) => x.toFixed(3);
function prf(t: Tally): string {
  const p = t.tp / Math.max(1, t.tp + t.fp);
  const r = t.tp / Math.max(1, t.tp + t.fn);
  return `P ${fmt(p)} R ${fmt(r)} F1 ${fmt(p + r === 0 ? 0 : (2 * p * r) / (p + r))} (tp ${t.tp} fp ${t.fp} fn ${t.fn})`;
}

/** Publication dates: families chained 5-10 days apart, the rest of the event on day 0, the topic's other event over the reprint days. */
function datesOf(events: ReturnType<typeof loadReuseDev>): Map<string, number> {
  const days = new Map<string, number>();
  const lastDay = new Map<string, number>();
  const topicOf = (event: string) => event.split('_')[0]!;
  for (const e of events) {
    const families = new Map<string, string[]>();
    for (const a of e.articles) {
      const family = e.gold.get(a.article.id)!.family;
      if (family === null) continue;
      families.set(family, [...(families.get(family) ?? []), a.article.id]);
    }
    let last = 0;
    for (const members of families.values()) {
      let day = 0;
      members.sort().forEach((id, k) => {
        if (k > 0) day += MIN_GAP_DAYS + ((k * 7 + id.length) % GAP_SPREAD_DAYS);
        days.set(id, day);
      });
      last = Math.max(last, day);
    }
    for (const a of e.articles) if (!days.has(a.article.id)) days.set(a.article.id, 0);
    const topic = topicOf(e.event);
    lastDay.set(topic, Math.max(lastDay.get(topic) ?? 0, last));
  }
  // The topic's event without families (or the second one) is moved onto the reprints' days.
  const byTopic = new Map<string, typeof events>();
  for (const e of events) byTopic.set(topicOf(e.event), [...(byTopic.get(topicOf(e.event)) ?? []), e]);
  for (const [topic, list] of byTopic) {
    const span = lastDay.get(topic) ?? 0;
    if (list.length < 2 || span === 0) continue;
    const familyCount = (e: (typeof list)[number]) => [...e.gold.values()].filter((g) => g.family !== null).length;
    const other = [...list].sort((a, b) => familyCount(a) - familyCount(b) || a.event.localeCompare(b.event))[0]!;
    if (familyCount(other) > 0) continue;
    other.articles.forEach((a, k) => days.set(a.article.id, MIN_GAP_DAYS + (k % Math.max(1, span - MIN_GAP_DAYS + 1))));
  }
  return days;
}

async function main(): Promise<void> {
  if (!reuseDevAvailable()) {
    console.log('bench/crossday: ../shared/bench/ecbplus not found, skipped');
    return;
  }
  const errors = process.argv.includes('--errors');
  const events = loadReuseDev();
  const days = datesOf(events);
  const dir = mkdtempSync(join(tmpdir(), 'bench-crossday-'));
  try {
    const input = join(dir, 'crossday.jsonl');
    const eventOf = new Map<string, string>();
    const lines: string[] = [];
    for (const e of events)
      for (const a of e.articles) {
        eventOf.set(a.article.id, e.event);
        const published = new Date(BASE + days.get(a.article.id)! * DAY).toISOString();
        lines.push(JSON.stringify({ url: `https://example.org/${a.article.id}`, title: null, published, text: a.article.text }));
      }
    writeFileSync(input, `${lines.join('\n')}\n`);
    const store = await openStore(join(dir, 'bench.db'));
    const result = await runAnalysis([input], store);
    await store.close();
    const idOf = (url: string | null) => (url ?? '').replace('https://example.org/', '');
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
    const gold = new Set(events.flatMap((e) => [...goldPairs(e)]));
    const crossDay = [...gold].filter((k) => {
      const [a, b] = k.split('|') as [string, string];
      return days.get(a) !== days.get(b);
    });
    const linked = componentPairs(ids, links);
    const family: Tally = { tp: 0, fp: 0, fn: 0 };
    for (const k of linked) family[gold.has(k) ? 'tp' : 'fp']++;
    for (const k of gold) if (!linked.has(k)) family.fn++;
    const sameStory = (k: string) => {
      const [a, b] = k.split('|') as [string, string];
      return storyOf.get(a) === storyOf.get(b);
    };
    const crossLinked = crossDay.filter((k) => linked.has(k)).length;
    const crossTogether = crossDay.filter(sameStory).length;
    // Story pairs against gold events.
    const stories: Tally = { tp: 0, fp: 0, fn: 0 };
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const together = storyOf.get(ids[i]!) === storyOf.get(ids[j]!);
        const same = eventOf.get(ids[i]!) === eventOf.get(ids[j]!);
        if (together && same) stories.tp++;
        else if (together) {
          stories.fp++;
          if (errors && days.get(ids[i]!) !== days.get(ids[j]!)) console.log(`  story fp ${pairKey(ids[i]!, ids[j]!)}`);
        } else if (same) stories.fn++;
      }
    if (errors) for (const k of crossDay) if (!linked.has(k)) console.log(`  cross-day fn ${k}${sameStory(k) ? '' : ' (apart)'}`);
    console.log(
      `cross-day copies (ECB+ reuse-dev families 5-10 days apart, ${ids.length} articles, ${result.dossier.stories.length} stories):`,
    );
    console.log(`  same-family pairs linked  ${prf(family)}`);
    console.log(`  cross-day family pairs    ${crossLinked} of ${crossDay.length} linked, ${crossTogether} in one story`);
    console.log(`  stories vs gold events    ${prf(stories)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
