// `npm run bench:quotes [-- --split train|dev] [--limit N] [--errors]`: direct-quote extraction
// against PolNeAR (../shared/bench/polnear, brat standoff), plus the quantity phrasing table.
//
// Gold direct quotes are attributions whose Content span holds a quotation mark. A predicted quote
// matches a gold one when their spans overlap by at least half of the shorter (one-to-one, best
// overlap first). Speaker accuracy is over matched quotes: right when the predicted speaker
// mention overlaps the gold Source span, or the resolved name and the Source share a word.
// One annotator's file per article (the first by name) when several annotated it.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractClaims } from '../src/claims/index.js';
import { splitSentences } from '../src/sentences/index.js';
import type { Article, ClaimMention } from '../src/records.js';
import { QUANTITY_TABLE } from '../src/claims/quantities.table.js';
import { findQuantities } from '../src/claims/quantities.js';
import { tagText } from '../src/claims/tagging.js';

export const POLNEAR = resolve(import.meta.dirname, '../../shared/bench/polnear');
/** The overlap (share of the shorter span) at which a prediction matches a gold quote. */
const MATCH_SHARE = 0.5;
const QUOTE_MARK = /["“”«»„]/;
const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'mr', 'mrs', 'ms', 'dr', 'he', 'she', 'they', 'it', 'his', 'her']);

type Span = readonly [number, number];
interface GoldQuote {
  readonly content: readonly Span[];
  readonly source: readonly Span[];
  readonly sourceText: string;
}

export async function run(args: readonly string[]): Promise<void> {
  const split = flagValue(args, '--split') ?? 'dev';
  const limit = Number(flagValue(args, '--limit') ?? Infinity);
  const showErrors = args.includes('--errors');
  if (!existsSync(join(POLNEAR, split))) {
    console.log(`bench:quotes: ${join(POLNEAR, split)} not found; skipping the PolNeAR part.`);
  } else {
    benchPolnear(split, limit, showErrors);
  }
  benchQuantities(showErrors);
}

/** PolNeAR direct-quote figures over a split's first `articles` articles (by file name). */
export interface PolnearScores {
  readonly articles: number;
  readonly gold: number;
  readonly predicted: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly speakerAccuracy: number;
  readonly exactStartShare: number;
  readonly chars: number;
  readonly seconds: number;
}

function benchPolnear(split: string, limit: number, showErrors: boolean): void {
  const s = scorePolnear(split, limit, showErrors);
  console.log(`PolNeAR ${split}: ${s.articles} articles, ${s.gold} gold direct quotes, ${s.predicted} predicted`);
  console.log('| metric | value |');
  console.log('| --- | --- |');
  console.log(`| quote precision | ${s.precision.toFixed(3)} |`);
  console.log(`| quote recall | ${s.recall.toFixed(3)} |`);
  console.log(`| quote F1 (overlap >= half of shorter) | ${s.f1.toFixed(3)} |`);
  console.log(`| speaker accuracy on matched | ${s.speakerAccuracy.toFixed(3)} |`);
  console.log(`| matched quotes starting at the gold start (±2 chars, marks) | ${s.exactStartShare.toFixed(3)} |`);
  console.log(`| speed | ${(s.chars / 1000 / s.seconds).toFixed(0)} k chars/s (${s.seconds.toFixed(1)} s, machine under load) |`);
}

/** Scores direct quotes on PolNeAR (also bench:gate's quote part); `showErrors` prints each miss. */
export function scorePolnear(split: string, limit: number, showErrors = false): PolnearScores {
  const dir = join(POLNEAR, split);
  const annFiles = readdirSync(join(dir, 'attributions')).sort();
  const articles = readdirSync(join(dir, 'text'))
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .slice(0, limit);
  let tp = 0;
  let predicted = 0;
  let goldCount = 0;
  let speakerRight = 0;
  let exactSpans = 0;
  const started = performance.now();
  let chars = 0;
  for (const file of articles) {
    const name = file.replace(/\.txt$/, '');
    const ann = annFiles.find((f) => f.startsWith(`${name}_`));
    if (!ann) continue;
    const text = readFileSync(join(dir, 'text', file), 'utf8');
    chars += text.length;
    const gold = readGold(readFileSync(join(dir, 'attributions', ann), 'utf8'), text);
    const article = { id: name, text } as Article;
    const claims = extractClaims(
      { article, sentences: splitSentences(text) },
      { kinds: ['quote'], indirect: false, ...(process.env.CLAIM_OPTS ? JSON.parse(process.env.CLAIM_OPTS) : {}) },
    );
    const preds = groupByAttribution(
      claims.filter((c) => c.quote?.direct),
      text,
    );
    predicted += preds.length;
    goldCount += gold.length;
    const matches = match(preds, gold);
    tp += matches.length;
    for (const [p, g] of matches) {
      const right = speakerMatches(preds[p]!, gold[g]!);
      if (right) speakerRight += 1;
      const gs = gold[g]!.content;
      if (Math.abs(spanOf(preds[p]!)[0]![0] - gs[0]![0]) <= 2) exactSpans += 1;
      if (showErrors && !right) {
        const before = text.slice(Math.max(0, preds[p]!.start - 120), preds[p]!.start).replace(/\n/g, ' / ');
        const after = text.slice(preds[p]!.end, preds[p]!.end + 60).replace(/\n/g, ' / ');
        console.log(
          `SPEAKER ${name}: pred=${preds[p]!.quote!.speakerMention}→${preds[p]!.quote!.speaker} gold=${gold[g]!.sourceText} | …${before}⟦${preds[p]!.text.slice(0, 50)}⟧${after}`,
        );
      }
    }
    if (showErrors) {
      const mp = new Set(matches.map(([p]) => p));
      const mg = new Set(matches.map(([, g]) => g));
      preds.forEach((p, i) => {
        if (!mp.has(i)) console.log(`FP ${name}: ${p.text.slice(0, 90)} [${p.quote!.cue}]`);
      });
      gold.forEach((g, i) => {
        if (!mg.has(i))
          console.log(
            `FN ${name}: ${g.content
              .map(([s, e]) => text.slice(s, e))
              .join(' … ')
              .slice(0, 100)}`,
          );
      });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const precision = predicted ? tp / predicted : 0;
  const recall = goldCount ? tp / goldCount : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return {
    articles: articles.length,
    gold: goldCount,
    predicted,
    precision,
    recall,
    f1,
    speakerAccuracy: tp ? speakerRight / tp : 0,
    exactStartShare: tp ? exactSpans / tp : 0,
    chars,
    seconds,
  };
}

function readGold(ann: string, text: string): GoldQuote[] {
  const spans = new Map<string, { type: string; spans: Span[] }>();
  const events: string[][] = [];
  for (const line of ann.split('\n')) {
    const [id, info] = line.split('\t');
    if (!id || !info) continue;
    if (id.startsWith('T')) {
      const [type, ...rest] = info.split(' ');
      const ranges = rest
        .join(' ')
        .split(';')
        .map((r) => r.split(' ').map(Number) as unknown as Span);
      spans.set(id, { type: type!, spans: ranges });
    } else if (id.startsWith('E')) {
      events.push(info.split(' ').map((part) => part.split(':')[1]!));
    }
  }
  const quotes: GoldQuote[] = [];
  for (const ids of events) {
    const parts = ids.map((id) => spans.get(id)).filter((x) => x !== undefined);
    const content = parts.filter((p) => p.type === 'Content').flatMap((p) => p.spans);
    const source = parts.filter((p) => p.type === 'Source').flatMap((p) => p.spans);
    if (content.length === 0 || !content.some(([s, e]) => QUOTE_MARK.test(text.slice(s, e)))) continue;
    quotes.push({ content, source, sourceText: source.map(([s, e]) => text.slice(s, e)).join(' ') });
  }
  return quotes;
}

/**
 * PolNeAR annotates attributions, not quotation marks: "called it “divisive” and “mean-spirited”"
 * is one gold Content, and so is a quote with the unattributed sentences that continue it. Predicted
 * quotes that hang on the same speaker mention with the same cue (or no cue of their own) are one
 * predicted attribution, and so are the paragraphs of one quotation running over several (the
 * claims stage gives one quote per paragraph): a quote that continues the one before it with
 * nothing between them but the paragraph break and an opening mark.
 */
function groupByAttribution(quotes: readonly ClaimMention[], text: string): ClaimMention[] {
  const out: ClaimMention[] = [];
  const byKey = new Map<string, number>();
  const byMention = new Map<number, number>();
  let last = -1;
  for (const q of quotes) {
    // Same mention and same cue ("“A,” he said, ... “B”"), or a cue-less continuation of that quote.
    const mention = q.quote!.speakerStart;
    const key = mention !== null ? `${mention}:${q.quote!.cue ?? ''}` : null;
    const previous = out[last];
    const continues = previous !== undefined && /^\s*\n\s*["“]?$/.test(text.slice(previous.end, q.start));
    const at = continues
      ? last
      : key !== null
        ? (byKey.get(key) ?? (q.quote!.cue === null ? byMention.get(mention!) : undefined))
        : undefined;
    if (at === undefined) {
      if (key !== null) byKey.set(key, out.length);
      if (mention !== null) byMention.set(mention, out.length);
      last = out.length;
      out.push(q);
      continue;
    }
    last = at;
    const prev = out[at]!;
    out[at] = {
      ...prev,
      end: q.end,
      text: `${prev.text} … ${q.text}`,
      quote: { ...prev.quote!, parts: [...spanOf(prev), ...spanOf(q)].map(([start, end]) => ({ start, end })) },
    };
  }
  return out;
}

function spanOf(c: ClaimMention): Span[] {
  return c.quote?.parts ? c.quote.parts.map((p) => [p.start, p.end] as const) : [[c.start, c.end]];
}

const length = (spans: readonly Span[]) => spans.reduce((n, [s, e]) => n + (e - s), 0);
function overlap(a: readonly Span[], b: readonly Span[]): number {
  let n = 0;
  for (const [s1, e1] of a) for (const [s2, e2] of b) n += Math.max(0, Math.min(e1, e2) - Math.max(s1, s2));
  return n;
}

/** One-to-one matches [prediction, gold], best overlap first. */
function match(preds: readonly ClaimMention[], gold: readonly GoldQuote[]): [number, number][] {
  const pairs: [number, number, number][] = [];
  preds.forEach((p, i) => {
    const ps = spanOf(p);
    gold.forEach((g, j) => {
      const o = overlap(ps, g.content);
      if (o > 0 && o >= MATCH_SHARE * Math.min(length(ps), length(g.content))) pairs.push([i, j, o]);
    });
  });
  pairs.sort((a, b) => b[2] - a[2]);
  const usedP = new Set<number>();
  const usedG = new Set<number>();
  const out: [number, number][] = [];
  for (const [i, j] of pairs) {
    if (usedP.has(i) || usedG.has(j)) continue;
    usedP.add(i);
    usedG.add(j);
    out.push([i, j]);
  }
  return out;
}

function speakerMatches(pred: ClaimMention, gold: GoldQuote): boolean {
  const q = pred.quote!;
  if (q.speakerStart !== null && q.speakerEnd !== null && overlap([[q.speakerStart, q.speakerEnd]], gold.source) > 0) return true;
  const words = (s: string | null) =>
    new Set(
      (s ?? '')
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .filter((w) => w.length > 1 && !STOP.has(w)),
    );
  const goldWords = words(gold.sourceText);
  return [...words(q.speaker)].some((w) => goldWords.has(w));
}

function benchQuantities(showErrors: boolean): void {
  let right = 0;
  let valueUnit = 0;
  for (const row of QUANTITY_TABLE) {
    const found = findQuantities(row.text, splitSentences(row.text), tagText(row.text));
    const q = found.find((f) => f.value === row.value && f.unit === row.unit) ?? found[0];
    const vu = q !== undefined && q.value === row.value && q.unit === row.unit;
    const ok = vu && q.qualifier === (row.qualifier ?? 'exact') && (row.per === undefined || q.per === row.per);
    if (vu) valueUnit += 1;
    if (ok) right += 1;
    else if (showErrors)
      console.log(
        `QTY ${row.text} -> ${q ? `${q.value} ${q.unit} ${q.qualifier} per=${q.per}` : 'none'} (want ${row.value} ${row.unit} ${row.qualifier ?? 'exact'}${row.per ? ` per=${row.per}` : ''})`,
      );
  }
  const n = QUANTITY_TABLE.length;
  console.log(`\nQuantity phrasings (src/claims/quantities.table.ts): ${n} rows`);
  console.log('| metric | value |');
  console.log('| --- | --- |');
  console.log(`| value and unit right | ${(valueUnit / n).toFixed(3)} |`);
  console.log(`| value, unit, qualifier (and period when given) right | ${(right / n).toFixed(3)} |`);
}

function flagValue(args: readonly string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
