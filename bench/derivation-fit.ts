// `npm run fit:derivation [-- --write]`: fits the derivation pair model (src/derivation/weights.ts)
// on the DEV events of reuse-dev (bench/derivation-data.ts; the held-out events are never read
// here). Every reuse pair the reuse stage finds inside an event is one example, labelled 1 when
// the gold labels put both articles in one family. Logistic regression with a small L2 penalty,
// fitted by Newton's method (17 features, a few thousand pairs: exact and instant). The link
// threshold is the probability that gives the best same-family pair F1 over the dev events when
// families are the linked components, as bench:derivation measures them.
// `--write` rewrites src/derivation/weights.ts; without it the weights are only printed.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FEATURES, storyPairFeatures } from '../src/derivation/index.js';
import { findReuse } from '../src/reuse/index.js';
import { componentPairs, goldPairs, loadReuseDev, pairKey } from './derivation-data.js';

/** L2 penalty on the weights (not the bias): keeps correlated features from trading off wildly. */
const L2 = 0.3;
const NEWTON_STEPS = 30;
const THRESHOLDS = Array.from({ length: 19 }, (_, k) => 0.05 * (k + 1));

interface Example {
  readonly event: string;
  readonly a: string;
  readonly b: string;
  readonly x: number[];
  readonly y: number;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Solves A w = g for a small dense symmetric positive definite A (Gaussian elimination). */
function solve(a: number[][], g: number[]): number[] {
  const n = g.length;
  const m = a.map((row, i) => [...row, g[i]!]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

function fit(examples: readonly Example[]): number[] {
  const d = FEATURES.length + 1;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < NEWTON_STEPS; step++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const e of examples) {
      const x = [1, ...e.x];
      const p = sigmoid(x.reduce((s, v, k) => s + v * w[k]!, 0));
      for (let i = 0; i < d; i++) {
        grad[i]! += (p - e.y) * x[i]!;
        for (let j = 0; j < d; j++) hess[i]![j]! += p * (1 - p) * x[i]! * x[j]!;
      }
    }
    for (let i = 1; i < d; i++) {
      grad[i]! += L2 * w[i]!;
      hess[i]![i]! += L2;
    }
    const delta = solve(hess, grad);
    for (let i = 0; i < d; i++) w[i]! -= delta[i]!;
  }
  return w;
}

export async function run(args: readonly string[]): Promise<void> {
  const events = loadReuseDev().filter((e) => !e.heldOut);
  const examples: Example[] = [];
  const gold = new Map<string, Set<string>>();
  for (const event of events) {
    const pairs = goldPairs(event);
    gold.set(event.event, pairs);
    for (const p of storyPairFeatures(event.articles, findReuse(event.articles)))
      examples.push({ event: event.event, a: p.a, b: p.b, x: p.features, y: pairs.has(pairKey(p.a, p.b)) ? 1 : 0 });
  }
  const positives = examples.filter((e) => e.y === 1).length;
  console.log(`dev events: ${events.length}; reuse pairs: ${examples.length} (${positives} same-family)`);
  const w = fit(examples);
  console.log(`bias ${w[0]!.toFixed(3)}`);
  FEATURES.forEach((name, k) => console.log(`${w[k + 1]!.toFixed(3).padStart(8)}  ${name}`));

  let best = { threshold: 0.5, f1: -1 };
  for (const t of THRESHOLDS) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const event of events) {
      const links = examples
        .filter((e) => e.event === event.event && sigmoid([1, ...e.x].reduce((s, v, k) => s + v * w[k]!, 0)) >= t)
        .map((e): [string, string] => [e.a, e.b]);
      const predicted = componentPairs(
        event.articles.map((a) => a.article.id),
        links,
      );
      const g = gold.get(event.event)!;
      for (const k of predicted)
        if (g.has(k)) tp++;
        else fp++;
      for (const k of g) if (!predicted.has(k)) fn++;
    }
    const f1 = (2 * tp) / Math.max(1, 2 * tp + fp + fn);
    console.log(`threshold ${t.toFixed(2)}: components pair F1 ${f1.toFixed(3)} (tp ${tp} fp ${fp} fn ${fn})`);
    if (f1 > best.f1) best = { threshold: t, f1 };
  }
  console.log(`chosen threshold ${best.threshold.toFixed(2)} (dev F1 ${best.f1.toFixed(3)})`);
  if (!args.includes('--write')) return;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const file = resolve(import.meta.dirname, '../src/derivation/weights.ts');
  writeFileSync(
    file,
    `// Fitted by bench/derivation-fit.ts (\`npm run fit:derivation -- --write\`); do not edit by hand.
// ${examples.length} reuse pairs (${positives} same-family) of ${events.length} dev events of reuse-dev; L2 ${L2}.
export const MODEL = {
  fittedOn: 'reuse-dev dev events, ${examples.length} pairs',
  /** Bias first, then one weight per feature of features.ts FEATURES, in order. */
  weights: [${w.map(round).join(', ')}],
  /** Probability from which two articles are linked (best components pair F1 on the dev events). */
  threshold: ${round(best.threshold)},
} as const;
`,
  );
  console.log(`wrote ${file}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run(process.argv.slice(2));
