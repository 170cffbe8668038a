// The word index over the cache file's bytes answers as the Map of the same words would: the first
// row of a word listed twice, no row for an empty one, any script, words longer than its buffer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordIndex } from './word-index.js';

const WORDS = ['the', 'zürich', '', '東京', 'the', 'naïve', 'x'.repeat(200), 'a', 'ab', 'ba'];

function asMap(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  words.forEach((word, row) => {
    if (word !== '' && !map.has(word)) map.set(word, row);
  });
  return map;
}

test('word index: every lookup and the iteration as a Map of the first rows', () => {
  const index = new WordIndex(Buffer.from(WORDS.join('\n'), 'utf8'), WORDS.length);
  const expected = asMap(WORDS);
  for (const [word, row] of expected) assert.equal(index.get(word), row, word);
  for (const word of ['', 'The', 'zurich', 'x'.repeat(199), 'abc', 'b', '東']) assert.equal(index.get(word), undefined, word);
  assert.deepEqual([...index], [...expected]);
});

test('word index: many words (probing past collisions), each found at its row', () => {
  const words = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? '' : `w${i.toString(36)}é`));
  const index = new WordIndex(Buffer.from(words.join('\n'), 'utf8'), words.length);
  words.forEach((word, row) => {
    if (word !== '') assert.equal(index.get(word), row);
  });
  assert.equal([...index].length, asMap(words).size);
});
