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

test('a run longer than the cap is cut into pieces: after a clause mark, else at a space, else anywhere', () => {
  const max = 100;
  const clause = `${'word '.repeat(14)}clause, ${'more '.repeat(30)}`;
  const cases: [string, string, (pieces: string[]) => void][] = [
    ['clause mark', clause, (pieces) => assert.ok(pieces[0]!.endsWith('clause,'), pieces[0])],
    ['spaces only', 'word '.repeat(100), (pieces) => assert.ok(pieces.every((p) => p.startsWith('word') && p.endsWith('word')))],
    [
      'no space',
      'x'.repeat(450),
      (pieces) =>
        assert.deepEqual(
          pieces.map((p) => p.length),
          [100, 100, 100, 100, 50],
        ),
    ],
    ['astral letters', '😀'.repeat(120), (pieces) => assert.ok(pieces.every((p) => p.length % 2 === 0 && !/^[\uDC00-\uDFFF]/.test(p)))],
  ];
  for (const [name, text, check] of cases) {
    const sentences = splitSentences(text, { maxSentenceChars: max });
    assert.ok(sentences.length > 1, name);
    for (const s of sentences) {
      assert.ok(s.text.length <= max, `${name}: ${s.text.length}`);
      assert.equal(text.slice(s.start, s.end), s.text, name);
    }
    // Nothing is lost: the pieces hold every non-space character, in order.
    assert.equal(
      sentences
        .map((s) => s.text)
        .join('')
        .replace(/\s/g, ''),
      text.replace(/\s/g, ''),
      name,
    );
    check(sentences.map((s) => s.text));
  }
  assert.deepEqual(
    splitSentences('Short one. Another.', { maxSentenceChars: max }).map((s) => s.text),
    ['Short one.', 'Another.'],
  );
});

test('splitting stays linear on runs of sentence marks and on endless sentences', () => {
  // Each of these took seconds to minutes before (a 40,000-dot run: 3.8 s, quadratic).
  for (const text of [`a${'.'.repeat(60_000)}b`, `a${'!?'.repeat(30_000)} b`, 'word '.repeat(200_000)]) {
    const before = process.cpuUsage();
    const sentences = splitSentences(text);
    const used = process.cpuUsage(before);
    assert.ok((used.user + used.system) / 1e6 < 2, `${text.slice(0, 12)}...: ${used.user / 1e3} ms`);
    assert.ok(sentences.every((s) => s.text.length <= 2_000));
  }
});

test('a decimal that tokenised copy split at its point ends no sentence', () => {
  const text =
    'But markets reacted with alarm as Greek stocks plunged 5. 4 per cent. It was 40. 3 million viewers. He left in 1955. 4 people stayed.';
  assert.deepEqual(
    splitSentences(text).map((s) => s.text),
    [
      'But markets reacted with alarm as Greek stocks plunged 5. 4 per cent.',
      'It was 40. 3 million viewers.',
      'He left in 1955.',
      '4 people stayed.',
    ],
  );
});
