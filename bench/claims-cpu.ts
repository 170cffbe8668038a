// `node --import tsx bench/claims-cpu.ts`: CPU time of claim extraction on the reconcile speed
// test's story (50 articles cycled from bench/stories/, in bench/reconcile.ts's order), and whether
// every article's claims come out the same when the story is read in reverse order in the same
// process (they must: a text's claims may not depend on what the process read before it). Then the
// same two figures on the 772 ECB+ development documents (../shared/bench/ecbplus), real news
// text with many more words the tagger's model does not know.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractClaims } from '../src/claims/index.js';
import { article } from '../src/reconcile/fixtures/build.js';
import type { AnalyzedArticle, ClaimMention } from '../src/records.js';

const STORIES = resolve(import.meta.dirname, 'stories');
const ECBPLUS = resolve(import.meta.dirname, '../../shared/bench/ecbplus/ecbplus-dev.jsonl');
/** As in bench/reconcile.ts's speed test. */
const SPEED_ARTICLES = 50;
/** Timed passes over the 50 articles (after one untimed pass that loads the tagger). */
const RUNS = 21;

interface StoryFile {
  readonly articles: readonly { key: string; paragraphs: readonly string[] }[];
}

const pool = readdirSync(STORIES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .flatMap((f) => (JSON.parse(readFileSync(join(STORIES, f), 'utf8')) as StoryFile).articles);
const articles: AnalyzedArticle[] = Array.from({ length: SPEED_ARTICLES }, (_, i) =>
  article(`s${i}`, pool[i % pool.length]!.paragraphs.join('\n\n')),
);

const cpuMs = (from: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
};
const read = (list: readonly AnalyzedArticle[]) => new Map(list.map((a) => [a.article.id, extractClaims(a)] as const));

const load = process.cpuUsage();
read(articles.slice(0, 1));
console.log(`claims: loading the tagger (first article) ${cpuMs(load).toFixed(0)} ms CPU`);
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = process.cpuUsage();
  read(articles);
  times.push(cpuMs(t0));
}
times.sort((a, b) => a - b);
console.log(
  `claims: extractClaims on ${SPEED_ARTICLES} articles: median ${times[RUNS >> 1]!.toFixed(0)} ms CPU of ${RUNS} passes (min ${times[0]!.toFixed(0)}, max ${times[RUNS - 1]!.toFixed(0)})`,
);
orderCheck('the 50 articles', articles);

if (existsSync(ECBPLUS)) {
  const documents = readFileSync(ECBPLUS, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const doc = JSON.parse(line) as { doc_id: string; text: string };
      return article(doc.doc_id, doc.text);
    });
  orderCheck(`${documents.length} ECB+ documents`, documents);
} else console.log(`claims: ${ECBPLUS} not found; ECB+ part skipped`);

/** Reads `list` forward, then backward, timing the forward pass; prints the articles whose claims differ. */
function orderCheck(name: string, list: readonly AnalyzedArticle[]): void {
  const t0 = process.cpuUsage();
  const forward = read(list);
  const forwardMs = cpuMs(t0);
  const reverse = read([...list].reverse());
  const same = (a: readonly ClaimMention[] | undefined, b: readonly ClaimMention[] | undefined) => JSON.stringify(a) === JSON.stringify(b);
  const differing = list.filter((a) => !same(forward.get(a.article.id), reverse.get(a.article.id))).map((a) => a.article.id);
  console.log(
    `claims: ${name}: ${forwardMs.toFixed(0)} ms CPU forward; same claims read in reverse order: ${differing.length === 0 ? 'yes' : `no, ${differing.length} differ (${differing.slice(0, 8).join(', ')}${differing.length > 8 ? ', ...' : ''})`}`,
  );
}
