// The seed pages in examples/: what each states about itself is read, the chrome it carries is
// gone, and every line of the story is kept. The rules are general (see index.test.ts for one
// fixture per kind of chrome); this checks them on real pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Article } from '../records.js';
import { extractArticles } from './index.js';

const EXAMPLES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const files = readdirSync(EXAMPLES)
  .filter((f) => f.endsWith('.txt'))
  .sort();

const CHROME = [
  /^Share This$/m,
  /^Popular$/m,
  /^Today:/m,
  /Getty Images$/m,
  /^Comments$/m,
  /^Loading\.\.\.$/m,
  /^Zinger Key Points$/m,
  /^Read Next:?$/m,
  /^Posted In:?$/m,
  /^Also Read/m,
  /^twitter$/m,
  /^Updated:$/m,
  /^0:00$/m,
  /brought to you by/,
  /^Image via/m,
  /\|/,
  /^\(Writing by/m,
  /^Reporter$/m,
  /is a senior reporter for/,
];

test('examples: metadata where the page states it, null where it does not', () => {
  const articles = extractArticles(
    files.map((f) => ({ input: f, bytes: readFileSync(join(EXAMPLES, f)), format: 'auto' as const })),
  ) as Article[];
  const meta = articles.map((a) => [a.title, a.byline, a.published, a.outlet]);
  assert.deepEqual(meta, [
    [
      "Russia's Putin outlines potential aluminium, rare earth deals with the US",
      'Anastasia Lyrchikova and Maxim Rodionov',
      '2025-02-24',
      'Reuters',
    ],
    [null, null, null, null],
    [null, null, null, null],
    ['Putin Offers Russian Rare Earths, Aluminum to US', 'Tom Ozimek', null, 'The Epoch Times'],
    ["Putin Offers Russian Aluminum, Rare Earths As An Alternative To Ukraine's Minerals", null, null, 'Benzinga'],
  ]);
  assert.equal(articles[0]!.publisher, 'The Los Angeles Post');
  assert.ok(articles.every((a) => a.language === 'en'));
});

test('examples: chrome gone, every story line kept', () => {
  for (const file of files) {
    const raw = readFileSync(join(EXAMPLES, file), 'utf8');
    const article = extractArticles([{ input: file, content: raw, format: 'text' }])[0] as Article;
    for (const pattern of CHROME) assert.ok(!pattern.test(article.text), `${file} keeps chrome ${pattern}`);
    // Prose may only go as a caption, a bio or a credit line, never as something else.
    const PROSE_CHROME = new Set(['photo caption or credit', 'author bio', 'production credits', 'repeated paragraph']);
    const removed = new Set(article.removed.filter((b) => PROSE_CHROME.has(b.reason)).map((b) => b.text));
    // Story lines: prose that is not a caption with a credit, a bio or a credit line.
    const storyLines = raw
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l.split(' ').length >= 8 && /[.!?"”]$/.test(l) && !removed.has(l));
    for (const line of storyLines) assert.ok(article.text.includes(line), `${file} lost: ${line.slice(0, 60)}`);
    const paragraphs = article.text.split('\n\n');
    assert.equal(new Set(paragraphs).size, paragraphs.length, `${file} repeats a paragraph`);
  }
});
