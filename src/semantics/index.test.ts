import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SIF_A, commonDirection, cosine, documentVector, removeDirection, sentenceVector, wordVector, wordWeight, words } from './index.js';

test('words lower-cases and keeps inner apostrophes, hyphens and decimal points', () => {
  const rows: [string, string[]][] = [
    ['The U.S. quake, 6.1 on Richter’s scale!', ['the', 'u.s', 'quake', '6.1', 'on', "richter's", 'scale']],
    ['rare-earth deal -- "done"', ['rare-earth', 'deal', 'done']],
    ['', []],
  ];
  for (const [text, expected] of rows) assert.deepEqual(words(text), expected, text);
});

test('cosine is 1 for the same direction, 0 for orthogonal, null or empty input', () => {
  const x = Float32Array.of(1, 0, 0);
  assert.equal(cosine(x, Float32Array.of(2, 0, 0)), 1);
  assert.equal(cosine(x, Float32Array.of(0, 3, 0)), 0);
  assert.equal(cosine(x, Float32Array.of(-1, 0, 0)), -1);
  assert.equal(cosine(x, null), 0);
  assert.equal(cosine(new Float32Array(3), x), 0);
});

test('commonDirection finds the dominant axis and removeDirection projects it out', () => {
  const corpus = [Float32Array.of(5, 1, 0), Float32Array.of(4, 0, 1), Float32Array.of(6, -1, 0)];
  const u = commonDirection(corpus)!;
  assert.ok(Math.abs(u[0]!) > 0.98);
  const v = removeDirection(Float32Array.of(5, 1, 0), u);
  let dot = 0;
  for (let d = 0; d < 3; d++) dot += v[d]! * u[d]!;
  assert.ok(Math.abs(dot) < 1e-5);
  assert.equal(commonDirection([]), null);
});

test('frequent words weigh little, rare words almost fully, unknown words nothing', () => {
  assert.ok(wordWeight('the') < 0.05);
  assert.ok(wordWeight('earthquake') > 0.9);
  assert.equal(wordWeight('zzqxjw'), 0);
});

test('sentence vectors are unit length, null without known words', () => {
  const v = sentenceVector(['Earthquake', 'kills', 'forty'])!;
  assert.equal(v.length, 100);
  assert.ok(Math.abs(cosine(v, v) - 1) < 1e-5);
  let norm = 0;
  for (const x of v) norm += x * x;
  assert.ok(Math.abs(norm - 1) < 1e-4);
  assert.equal(sentenceVector([]), null);
  assert.equal(sentenceVector(['zzqxjw', 'qqvvkk']), null);
});

test('a paraphrase scores higher than an unrelated sentence on the same subject kind', () => {
  const rows: [string, string, string][] = [
    [
      'The quake killed 40 people in the mountain town.',
      'Forty residents died when the earthquake struck the hillside village.',
      'The central bank raised interest rates by half a point.',
    ],
    [
      'Putin offered the United States access to rare earth minerals.',
      'Russia is ready to give American companies a share of its rare-earth reserves.',
      'The actress checked into a rehab clinic in Malibu.',
    ],
    [
      'Police arrested the suspect after a shooting at the mall.',
      'A gunman was detained by officers following the shopping centre attack.',
      'The team won the championship in overtime.',
    ],
  ];
  for (const [a, paraphrase, other] of rows) {
    const va = documentVector(a);
    assert.ok(cosine(va, documentVector(paraphrase)) > cosine(va, documentVector(other)) + 0.3, a);
  }
});

test('removing the common direction separates unrelated texts more than keeping it', () => {
  const a = 'Lindsay Lohan checks into Betty Ford Center';
  const b = 'Apple unveils new MacBook Pro laptops';
  assert.ok(
    cosine(documentVector(a), documentVector(b)) < cosine(documentVector(a, { common: null }), documentVector(b, { common: null })),
  );
});

test('word vectors are unit length, near for synonyms, null for unknown words', () => {
  const storms = wordVector('Storms')!;
  let norm = 0;
  for (const x of storms) norm += x * x;
  assert.ok(Math.abs(norm - 1) < 1e-4);
  assert.ok(cosine(storms, wordVector('thunderstorms')) > cosine(storms, wordVector('budget')) + 0.3);
  assert.equal(wordVector('zzqxjw'), null);
  assert.equal(wordVector('storms'), wordVector('STORMS'), 'cached by the folded word');
});

test('a sentence vector asked for again is the one remembered, equal to one computed afresh', () => {
  const sentence = ['Forty', 'people', 'died', 'in', 'the', 'earthquake'];
  const first = sentenceVector(sentence);
  assert.ok(first);
  assert.equal(sentenceVector([...sentence]), first, 'the same words: the remembered vector');
  const fresh = sentenceVector(sentence, { a: SIF_A });
  assert.notEqual(fresh, first, 'explicit options: computed, not remembered');
  assert.deepEqual(fresh, first);
  assert.notDeepEqual(sentenceVector(sentence, { common: null }), first);
});
