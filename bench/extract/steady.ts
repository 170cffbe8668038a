// Steady-state extraction cost for same-machine A/B runs of two trees (farm-bench --vs): one
// process reads AEB, Readability and the first 300 Dragnet pages and extracts them three times.
// `node --import tsx bench/extract/steady.ts [TREE]` uses TREE's src/extract (default: this tree),
// so a tree exported with `git archive` can be timed against this one with the same pages.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { AEB_DIR, WCEB_DIR } from './datasets.js';

/** Passes over the pages: the first warms the code, the rest are the steady state. */
const PASSES = 3;
/** Dragnet pages taken (in file order), so one run stays under ~10 s of CPU. */
const DRAGNET_PAGES = 300;

const tree = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..'));
const { extractArticle } = (await import(join(tree, 'src', 'extract', 'index.ts'))) as typeof import('../../src/extract/index.js');
const dirs: [string, number][] = [
  [join(AEB_DIR, 'html'), Infinity],
  [join(WCEB_DIR, 'html', 'readability'), Infinity],
  [join(WCEB_DIR, 'html', 'dragnet'), DRAGNET_PAGES],
];
const pages = dirs.flatMap(([dir, limit]) =>
  readdirSync(dir)
    .filter((file) => file.endsWith('.html.gz'))
    .sort()
    .slice(0, limit)
    .map((file) => gunzipSync(readFileSync(join(dir, file)))),
);
for (let pass = 0; pass < PASSES; pass++)
  for (const bytes of pages) extractArticle({ input: 'page', bytes, format: 'html' }, { learnBoilerplate: false });
