// Helpers of bench:cluster: the ECB+ data, the clustering metrics, the TF-IDF single-link
// baseline, and the fit of the scoring weights (a logistic regression on article-vs-story pairs).
import { readFileSync } from 'node:fs';
import { words } from '../src/semantics/index.js';
import {
  StoryIndex,
  articleFeatures,
  EVIDENCE_NAMES,
  type ArticleFeatures,
  type ScoreWeights,
  type StoryOptions,
} from '../src/stories/index.js';

export const ECB_PATH = new URL('../../shared/bench/ecbplus/ecbplus-dev.jsonl', import.meta.url);

export interface EcbDoc {
  readonly id: string;
  readonly topic: number;
  readonly cluster: string;
  readonly title: string | null;
  readonly text: string;
}

/** Longest first line read as a headline, as extraction would: short and without a sentence end. */
const HEADLINE_MAX_WORDS = 20;

export function loadEcb(): EcbDoc[] {
  return readFileSync(ECB_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const row = JSON.parse(line) as { doc_id: string; topic: number; cluster: string; text: string };
      const [first = '', ...rest] = row.text.split('\n');
      const headline = first.split(/\s+/).length <= HEADLINE_MAX_WORDS && !/[.!?"”]$/.test(first.trim()) && rest.length > 0;
      return {
        id: row.doc_id,
        topic: row.topic,
        cluster: row.cluster,
        title: headline ? first.trim() : null,
        text: headline ? rest.join('\n') : row.text,
      };
    });
}

/** A deterministic shuffle (mulberry32), so runs are repeatable and orders can vary by seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface Scores {
  readonly bP: number;
  readonly bR: number;
  readonly bF: number;
  readonly pairF: number;
}

/** B-cubed precision/recall/F1 over items and pairwise F1, predicted vs gold labels. */
export function clusterScores(predicted: ReadonlyMap<string, string>, gold: ReadonlyMap<string, string>): Scores {
  const group = (labels: ReadonlyMap<string, string>) => {
    const out = new Map<string, Set<string>>();
    for (const [item, label] of labels) {
      let set = out.get(label);
      if (!set) out.set(label, (set = new Set()));
      set.add(item);
    }
    return out;
  };
  const predGroups = group(predicted);
  const goldGroups = group(gold);
  let p = 0;
  let r = 0;
  let tp = 0;
  let predPairs = 0;
  let goldPairs = 0;
  for (const [item, label] of gold) {
    const mine = predGroups.get(predicted.get(item)!)!;
    const truth = goldGroups.get(label)!;
    let both = 0;
    for (const other of mine) if (gold.get(other) === label) both++;
    p += both / mine.size;
    r += both / truth.size;
    tp += both - 1;
    predPairs += mine.size - 1;
    goldPairs += truth.size - 1;
  }
  const n = gold.size;
  const bP = p / n;
  const bR = r / n;
  const pp = predPairs === 0 ? 1 : tp / predPairs;
  const pr = goldPairs === 0 ? 1 : tp / goldPairs;
  return { bP, bR, bF: (2 * bP * bR) / (bP + bR), pairF: pp + pr === 0 ? 0 : (2 * pp * pr) / (pp + pr) };
}

/** Runs the online engine over documents in the given order; returns article -> story. */
export function clusterOnline(docs: readonly EcbDoc[], options: Partial<StoryOptions> = {}): Map<string, string> {
  const index = new StoryIndex(options);
  for (const doc of docs) index.add({ id: doc.id, title: doc.title, text: doc.text });
  index.revisit();
  return new Map(docs.map((d) => [d.id, index.storyOf(d.id)!]));
}

/** The reference: TF-IDF (corpus IDF) cosine, single-link, threshold tuned on the data itself. */
export function tfidfSingleLink(docs: readonly EcbDoc[], gold: ReadonlyMap<string, string>): { threshold: number; scores: Scores } {
  const df = new Map<string, number>();
  const bags = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const w of words(`${d.title ?? ''}\n${d.text}`)) tf.set(w, (tf.get(w) ?? 0) + 1);
    for (const w of tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
    return tf;
  });
  const vectors = bags.map((tf) => {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [w, c] of tf) {
      const x = (1 + Math.log(c)) * Math.log(docs.length / df.get(w)!);
      v.set(w, x);
      norm += x * x;
    }
    for (const [w, x] of v) v.set(w, x / Math.sqrt(norm || 1));
    return v;
  });
  const sims: [number, number, number][] = [];
  for (let i = 0; i < docs.length; i++) {
    for (let j = i + 1; j < docs.length; j++) {
      let dot = 0;
      for (const [w, x] of vectors[i]!) dot += x * (vectors[j]!.get(w) ?? 0);
      if (dot > 0.02) sims.push([dot, i, j]);
    }
  }
  let best = { threshold: 0, scores: { bP: 0, bR: 0, bF: 0, pairF: 0 } };
  for (let t = 0.05; t <= 0.6; t += 0.01) {
    const parent = docs.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
    for (const [s, i, j] of sims) if (s >= t) parent[find(i)] = find(j);
    const predicted = new Map(docs.map((d, i) => [d.id, String(find(i))]));
    const scores = clusterScores(predicted, gold);
    if (scores.bF > best.scores.bF) best = { threshold: Math.round(t * 100) / 100, scores };
  }
  return best;
}

/**
 * Training pairs as the engine meets them: documents arrive in a shuffled order, each is scored
 * against the stories the index offers, labelled by whether the candidate is its gold event, and
 * then placed in its gold story (so the stories the model learns from are correct ones).
 */
export function trainingPairs(docs: readonly EcbDoc[], seeds: readonly number[]): { x: number[][]; y: number[] } {
  const x: number[][] = [];
  const y: number[] = [];
  const features = new Map<string, ArticleFeatures>(docs.map((d) => [d.id, articleFeatures({ id: d.id, title: d.title, text: d.text })]));
  for (const seed of seeds) {
    const index = new StoryIndex();
    for (const doc of shuffled(docs, seed)) {
      const f = features.get(doc.id)!;
      for (const c of index.candidates(f)) {
        x.push(EVIDENCE_NAMES.map((name) => c.evidence[name]));
        y.push(c.story === `gold-${doc.cluster}` ? 1 : 0);
      }
      index.assign(f, `gold-${doc.cluster}`);
    }
  }
  return { x, y };
}

/** L2-regularised logistic regression by Newton's method (IRLS). Returns [bias, ...weights]. */
export function fitLogistic(x: readonly number[][], y: readonly number[], l2 = 1): number[] {
  const k = (x[0]?.length ?? 0) + 1;
  let beta = new Array<number>(k).fill(0);
  for (let iteration = 0; iteration < 50; iteration++) {
    const gradient = new Array<number>(k).fill(0);
    const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    for (let n = 0; n < x.length; n++) {
      const row = [1, ...x[n]!];
      let z = 0;
      for (let i = 0; i < k; i++) z += beta[i]! * row[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = Math.max(p * (1 - p), 1e-9);
      for (let i = 0; i < k; i++) {
        gradient[i]! += (y[n]! - p) * row[i]!;
        for (let j = 0; j < k; j++) hessian[i]![j]! += w * row[i]! * row[j]!;
      }
    }
    for (let i = 1; i < k; i++) {
      gradient[i]! -= l2 * beta[i]!;
      hessian[i]![i]! += l2;
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, i) => b + step[i]!);
    if (Math.max(...step.map(Math.abs)) < 1e-6) break;
  }
  return beta;
}

export function toWeights(beta: readonly number[]): ScoreWeights {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return {
    bias: round(beta[0]!),
    weights: Object.fromEntries(EVIDENCE_NAMES.map((name, i) => [name, round(beta[i + 1]!)])) as unknown as ScoreWeights['weights'],
  };
}

function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const d = m[col]![col]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / d;
      for (let c = col; c <= n; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
