// The pages `npm run bench:extract` measures on, read from ../shared/bench/ by path (never copied):
// AEB (181 news pages, MIT) and WCEB's redistributable sets, Readability's test pages (115,
// Apache-2.0) and Dragnet (1,379 news and blog pages of 2012, AGPL: measured on, never fitted on).
//
// Every set is split by a hash of the page id: HELD_OUT_SHARE of it is held out, looked at only to
// report, never while developing rules or fitting weights.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const BENCH = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'bench');
export const AEB_DIR = join(BENCH, 'aeb');
export const WCEB_DIR = join(BENCH, 'wceb');

export const DATASETS = ['aeb', 'readability', 'dragnet'] as const;
export type Dataset = (typeof DATASETS)[number];
export type Split = 'dev' | 'heldout' | 'all';

/** One page in five is held out: enough pages to report on (23 Readability, ~275 Dragnet, ~36 AEB). */
const HELD_OUT_SHARE = 0.2;
/** Salt of the split hash, fixed so the held-out pages never change. */
const SPLIT_SALT = 'corroborate-extract-heldout-v1:';

export interface Page {
  readonly dataset: Dataset;
  readonly id: string;
  readonly bytes: Uint8Array;
}

export interface Gold {
  /** The gold text as the benchmark scores it (Dragnet: with the readers' comments where annotated). */
  readonly text: string;
  /** Dragnet: the article alone, before the comments marker (the same as text on pages without comments). */
  readonly article: string;
  /** Dragnet: the page's gold holds comments. */
  readonly hasComments: boolean;
}

export function isHeldOut(id: string): boolean {
  const digest = createHash('sha256')
    .update(SPLIT_SALT + id)
    .digest();
  return digest.readUInt16BE(0) / 0x10000 < HELD_OUT_SHARE;
}

export function inSplit(id: string, split: Split): boolean {
  return split === 'all' || (split === 'heldout') === isHeldOut(id);
}

export function loadGold(dataset: Dataset): Map<string, Gold> {
  const gold = new Map<string, Gold>();
  if (dataset === 'aeb') {
    const truth = JSON.parse(readFileSync(join(AEB_DIR, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
    for (const [id, { articleBody }] of Object.entries(truth))
      gold.set(id, { text: articleBody, article: articleBody, hasComments: false });
    return gold;
  }
  for (const line of readFileSync(join(WCEB_DIR, 'ground-truth', `${dataset}.jsonl`), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; text: string; text_article?: string };
    gold.set(row.id, { text: row.text, article: row.text_article ?? row.text, hasComments: row.text_article !== undefined });
  }
  return gold;
}

export function loadPages(dataset: Dataset, split: Split, limit = Infinity): Page[] {
  const dir = dataset === 'aeb' ? join(AEB_DIR, 'html') : join(WCEB_DIR, 'html', dataset);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.html.gz'))
    .sort()
    .map((file) => file.replace(/\.html\.gz$/, ''))
    .filter((id) => inSplit(id, split))
    .slice(0, limit)
    .map((id) => ({ dataset, id, bytes: gunzipSync(readFileSync(join(dir, `${id}.html.gz`))) }));
}

export interface ReferenceScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** WCEB's published per-page ROUGE-LSum scores of other extractors: dataset -> extractor -> page -> score. */
export function loadReferenceScores(): Map<Dataset, Map<string, Map<string, ReferenceScore>>> {
  const out = new Map<Dataset, Map<string, Map<string, ReferenceScore>>>();
  const csv = gunzipSync(readFileSync(join(WCEB_DIR, 'reference-scores.csv.gz'))).toString('utf8');
  for (const line of csv.split('\n').slice(1)) {
    const [dataset, id, model, prec, rec, f1] = line.split(',');
    if (!dataset || !id || !model) continue;
    const byModel = out.get(dataset as Dataset) ?? new Map<string, Map<string, ReferenceScore>>();
    out.set(dataset as Dataset, byModel);
    const pages = byModel.get(model) ?? new Map<string, ReferenceScore>();
    byModel.set(model, pages);
    pages.set(id, { precision: Number(prec), recall: Number(rec), f1: Number(f1) });
  }
  return out;
}
