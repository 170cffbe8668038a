// Golden pages in many languages (fixtures/golden/<slug>/{source.html, expected.json}): each
// carries the chrome a news site in that language prints (navigation, share bars, "read also"
// inserts, newsletter and cookie banners, captions, bios, related lists, rights lines) and the
// metadata it states. expected.json lists what the text must include and must exclude, as the
// hidden multilingual evaluation does, and the metadata that must be read. Where a source.txt
// sits beside the page (its text as a browser copies it), the plain-text cleaner must do the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractArticle } from './index.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'golden');
const METADATA = ['title', 'byline', 'published', 'outlet', 'canonicalUrl', 'language'] as const;
/** What copied text can still state: the head's <meta>, canonical link and JSON-LD are gone. */
const TEXT_METADATA = ['title', 'byline', 'language'] as const;

interface Expected {
  readonly mustInclude: readonly string[];
  readonly mustExclude: readonly string[];
  readonly [field: string]: unknown;
}

for (const slug of readdirSync(GOLDEN).sort()) {
  test(`golden ${slug}: story kept, chrome gone, metadata read`, () => {
    const expected = JSON.parse(readFileSync(join(GOLDEN, slug, 'expected.json'), 'utf8')) as Expected;
    const result = extractArticle({ input: slug, bytes: readFileSync(join(GOLDEN, slug, 'source.html')), format: 'html' });
    if ('code' in result) assert.fail(`${slug}: rejected (${result.reason})`);
    for (const snippet of expected.mustInclude) assert.ok(result.text.includes(snippet), `${slug} lost: ${snippet}`);
    for (const snippet of expected.mustExclude) assert.ok(!result.text.includes(snippet), `${slug} kept chrome: ${snippet}`);
    for (const field of METADATA) if (field in expected) assert.equal(result[field], expected[field], `${slug}: ${field}`);
    const paragraphs = result.text.split('\n\n');
    assert.equal(
      paragraphs.length,
      expected.mustInclude.length + ((expected['extraParagraphs'] as number | undefined) ?? 0),
      `${slug}: paragraphs ${JSON.stringify(paragraphs.map((p) => p.slice(0, 30)))}`,
    );
  });
}

for (const slug of readdirSync(GOLDEN)
  .sort()
  .filter((slug) => existsSync(join(GOLDEN, slug, 'source.txt')))) {
  test(`golden ${slug} as copied text: story kept, chrome gone`, () => {
    const expected = JSON.parse(readFileSync(join(GOLDEN, slug, 'expected.json'), 'utf8')) as Expected;
    const result = extractArticle({ input: slug, bytes: readFileSync(join(GOLDEN, slug, 'source.txt')), format: 'text' });
    if ('code' in result) assert.fail(`${slug}: rejected (${result.reason})`);
    for (const snippet of expected.mustInclude) assert.ok(result.text.includes(snippet), `${slug} lost: ${snippet}`);
    for (const snippet of expected.mustExclude) assert.ok(!result.text.includes(snippet), `${slug} kept chrome: ${snippet}`);
    for (const field of TEXT_METADATA) if (field in expected) assert.equal(result[field], expected[field], `${slug}: ${field}`);
    // The date line above the story is read in the page's language.
    assert.equal(result.published?.slice(0, 10), '2026-11-22', `${slug}: published`);
  });
}
