// The real reuse development set for the derivation stage: ECB+ dev articles
// (../shared/bench/ecbplus/ecbplus-dev.jsonl) with the hand labels of reuse-dev.json (families,
// wholly / partially / none, clear directions; rules in REUSE.md there), our corrections of those
// labels (bench/derivation.corrections.json, each with its reason), and the split BY EVENT that
// fitting and reporting share: the model is fitted on the dev events only, and the held-out events
// (every third event in sorted order) are only reported on.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyzed } from '../src/derivation/families.js';
import type { AnalyzedArticle } from '../src/records.js';

const SHARED = resolve(import.meta.dirname, '../../shared/bench/ecbplus');
export const ECBPLUS_TEXTS = resolve(SHARED, 'ecbplus-dev.jsonl');
export const REUSE_LABELS = resolve(SHARED, 'reuse-dev.json');
const CORRECTIONS = resolve(import.meta.dirname, 'derivation.corrections.json');
/** One event in this many is held out (never fitted or tuned on). */
const HELD_OUT_EVERY = 3;

export type Share = 'wholly' | 'partially' | 'none';

export interface GoldArticle {
  readonly id: string;
  readonly event: string;
  readonly family: string | null;
  readonly share: Share;
  readonly derivedFrom: readonly string[];
}

export interface ReuseEvent {
  readonly event: string;
  readonly heldOut: boolean;
  readonly articles: readonly AnalyzedArticle[];
  readonly gold: ReadonlyMap<string, GoldArticle>;
}

interface Correction {
  readonly id: string;
  readonly family?: string | null;
  readonly share?: Share;
  readonly derivedFrom?: readonly string[];
  readonly reason: string;
}

export function reuseDevAvailable(): boolean {
  return existsSync(ECBPLUS_TEXTS) && existsSync(REUSE_LABELS);
}

/** Every event of the set with its articles (input order) and gold labels, corrections applied. */
export function loadReuseDev(): ReuseEvent[] {
  const labels = JSON.parse(readFileSync(REUSE_LABELS, 'utf8')) as { articles: GoldArticle[] };
  const gold = new Map(labels.articles.map((a) => [a.id, a]));
  const corrections = existsSync(CORRECTIONS)
    ? (JSON.parse(readFileSync(CORRECTIONS, 'utf8')) as { corrections: Correction[] }).corrections
    : [];
  const events = [...new Set(labels.articles.map((a) => a.event))].sort();
  const heldOutEvents = new Set(events.filter((_, k) => k % HELD_OUT_EVERY === HELD_OUT_EVERY - 1));
  for (const c of corrections) {
    const g = gold.get(c.id);
    if (!g) throw new Error(`derivation.corrections.json: no article ${c.id}`);
    // Found by reading held-out errors: applying it would tune the held-out figure.
    if (heldOutEvents.has(g.event)) continue;
    gold.set(c.id, {
      ...g,
      ...(c.family !== undefined ? { family: c.family } : {}),
      ...(c.share ? { share: c.share } : {}),
      ...(c.derivedFrom ? { derivedFrom: c.derivedFrom } : {}),
    });
  }
  const byEvent = new Map<string, AnalyzedArticle[]>();
  for (const line of readFileSync(ECBPLUS_TEXTS, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const doc = JSON.parse(line) as { doc_id: string; cluster: string; text: string; url: string | null };
    const list = byEvent.get(doc.cluster) ?? [];
    // The page's address and site, as extraction gives them: a derivation cue (an official site).
    list.push(analyzed(doc.doc_id, doc.text, doc.url ? { url: doc.url, publisher: siteOf(doc.url) } : {}));
    byEvent.set(doc.cluster, list);
  }
  return [...byEvent.keys()].sort().map((event, k) => {
    const articles = byEvent.get(event)!;
    return {
      event,
      heldOut: k % HELD_OUT_EVERY === HELD_OUT_EVERY - 1,
      articles,
      gold: new Map(articles.map((a) => [a.article.id, gold.get(a.article.id)!])),
    };
  });
}

/** Same-family pairs of the gold labels, as "a|b" keys with a < b. */
export function goldPairs(event: ReuseEvent): Set<string> {
  const pairs = new Set<string>();
  const ids = event.articles.map((a) => a.article.id);
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) {
      const x = event.gold.get(ids[i]!)!;
      const y = event.gold.get(ids[j]!)!;
      if (x.family !== null && x.family === y.family) pairs.add(pairKey(ids[i]!, ids[j]!));
    }
  return pairs;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** Pairs inside the connected components of the given links. */
export function componentPairs(ids: readonly string[], links: readonly (readonly [string, string])[]): Set<string> {
  const parent = new Map(ids.map((id) => [id, id]));
  const find = (x: string): string => {
    while (parent.get(x) !== x) x = parent.get(x)!;
    return x;
  };
  for (const [a, b] of links) if (parent.has(a) && parent.has(b)) parent.set(find(a), find(b));
  const pairs = new Set<string>();
  for (let i = 0; i < ids.length; i++)
    for (let j = i + 1; j < ids.length; j++) if (find(ids[i]!) === find(ids[j]!)) pairs.add(pairKey(ids[i]!, ids[j]!));
  return pairs;
}

function siteOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
