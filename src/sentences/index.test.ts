import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenize, sentenceAt } from './index.js';

const SPLITS: [string, string[]][] = [
  ['One. Two.', ['One.', 'Two.']],
  ['Mr. Smith went to Washington. He said no.', ['Mr. Smith went to Washington.', 'He said no.']],
  ['The U.S. Geological Survey said so. Then it stopped.', ['The U.S. Geological Survey said so.', 'Then it stopped.']],
  ['"We are ready," he said. "Truly."', ['"We are ready," he said.', '"Truly."']],
  ['He said: "It is done." Then he left.', ['He said: "It is done."', 'Then he left.']],
  ['On Feb. 24 Putin spoke.', ['On Feb. 24 Putin spoke.']],
  ['J. R. Smith wrote it. It sold 3.8 million copies.', ['J. R. Smith wrote it.', 'It sold 3.8 million copies.']],
  ['First paragraph.\n\nSecond one?\nThird line!', ['First paragraph.', 'Second one?', 'Third line!']],
  ['Prices rose 2.5% in May. Analysts were surprised.', ['Prices rose 2.5% in May.', 'Analysts were surprised.']],
  ['', []],
];

test('splitSentences splits news prose at sentence ends only', () => {
  for (const [input, expected] of SPLITS) {
    assert.deepEqual(
      splitSentences(input).map((s) => s.text),
      expected,
      input,
    );
  }
});

test('sentence offsets point into the text and paragraphs are numbered', () => {
  const text = '  Alpha beta.  Gamma delta.\n\nEpsilon.';
  const sentences = splitSentences(text);
  for (const s of sentences) assert.equal(text.slice(s.start, s.end), s.text);
  assert.deepEqual(
    sentences.map((s) => s.paragraph),
    [0, 0, 1],
  );
  assert.equal(sentenceAt(sentences, text.indexOf('Gamma'))?.index, 1);
  assert.equal(sentenceAt(sentences, 0), undefined);
});

test('tokenize keeps offsets, numbers and inner apostrophes', () => {
  const text = 'Russia’s 3.8 million t, 15% — co-operation.';
  const tokens = tokenize(text, 10);
  assert.deepEqual(
    tokens.map((t) => t.text),
    ['Russia’s', '3.8', 'million', 't', '15%', 'co-operation'],
  );
  assert.equal(tokens[0]!.norm, "russia's");
  for (const t of tokens) assert.equal(text.slice(t.start - 10, t.end - 10), t.text);
});
