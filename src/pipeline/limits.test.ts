import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, ClaimMention } from '../records.js';
import { analyzed } from '../derivation/families.js';
import { capArticle, capClaims } from './limits.js';

const article = (text: string): Article => analyzed('a1', text).article;

test('capArticle: a text within the cap is the same record; a longer one is cut at a paragraph, sentence or space, and says so', () => {
  const short = article('One paragraph.');
  assert.equal(capArticle(short, { maxArticleChars: 100 }), short);
  const cases: [string, string, string][] = [
    ['paragraph', `${'a '.repeat(30)}end.\n\n${'b '.repeat(60)}`, `${'a '.repeat(30)}end.`],
    ['sentence', `${'a '.repeat(30)}end. ${'b '.repeat(60)}`, `${'a '.repeat(30)}end.`],
    ['space', 'word '.repeat(40), 'word '.repeat(20).trim()],
    ['no space', 'x'.repeat(250), 'x'.repeat(100)],
  ];
  for (const [name, text, kept] of cases) {
    const cut = capArticle(article(text), { maxArticleChars: 100 });
    assert.equal(cut.text, kept, name);
    assert.equal(cut.removed.length, 1, name);
    const block = cut.removed[0]!;
    assert.match(block.reason, new RegExp(`the text is ${text.length} characters, over the cap of 100`), name);
    assert.ok(text.includes(block.text.replace(/…$/, '')), `${name}: the block quotes the cut text`);
  }
});

const claim = (n: number, sentence: number, articleId = 'a1'): ClaimMention => ({
  id: `${articleId}:c${n}`,
  article: articleId,
  kind: 'quantity',
  text: `${n} tons`,
  start: n,
  end: n + 1,
  sentence,
  context: '',
});

test('capClaims: keeps claims in order within the caps per sentence and per article, and names what it dropped', () => {
  const claims = [
    ...Array.from({ length: 5 }, (_, n) => claim(n, 0)),
    ...Array.from({ length: 5 }, (_, n) => claim(10 + n, 1)),
    ...Array.from({ length: 2 }, (_, n) => claim(20 + n, 0, 'b2')),
  ];
  const { claims: kept, notes } = capClaims(claims, { maxClaimsPerSentence: 3, maxClaimsPerArticle: 5 });
  assert.deepEqual(
    kept.map((c) => c.id),
    ['a1:c0', 'a1:c1', 'a1:c2', 'a1:c10', 'a1:c11', 'b2:c20', 'b2:c21'],
  );
  assert.deepEqual([...notes.keys()], ['a1']);
  assert.equal(notes.get('a1')!.text, '3 tons');
  assert.match(notes.get('a1')!.reason, /^claims not compared: 5 past the caps of 3 per sentence and 5 per article/);
  assert.equal(capClaims(claims).claims.length, claims.length, 'the defaults keep a real article whole');
});
