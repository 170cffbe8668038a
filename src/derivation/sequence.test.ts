import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignPassages } from '../reuse/index.js';
import { splitSentences } from '../sentences/index.js';
import { quoteSpans } from './attribution.js';
import { prepareSequence, sequenceEvidence } from './sequence.js';

const SENTENCES = [
  'The regional council approved a new tram line through the old town on Monday evening.',
  'Construction of the nine kilometre line is expected to begin in the spring of next year.',
  'Shop owners along the planned route have asked for compensation during the building works.',
  'The transport department estimates that the line will carry forty thousand passengers a day.',
  'Opponents of the project have said they will challenge the decision in the courts.',
];

function evidence(source: string, target: string) {
  const prepare = (text: string) => prepareSequence(splitSentences(text), quoteSpans(text));
  return sequenceEvidence(prepare(source), prepare(target), alignPassages(source, target));
}

test('sequence evidence: the source order and wording, the same sentences shuffled, and shared quotes', () => {
  const source = SENTENCES.join(' ');
  const rows: [name: string, target: string, expected: { sentences: number; inOrder: number; close: number }][] = [
    ['verbatim', source, { sentences: 5, inOrder: 5, close: 5 }],
    ['trimmed', SENTENCES.slice(0, 3).join(' '), { sentences: 3, inOrder: 3, close: 3 }],
    // The same sentences in reverse order follow no sequence of the source's.
    ['reversed', [...SENTENCES].reverse().join(' '), { sentences: 5, inOrder: 1, close: 1 }],
    // Quoted words are no evidence: the only shared sentence is inside quotation marks.
    [
      'quoted',
      `"${SENTENCES[0]}" a councillor said. Nobody else in the chamber spoke about the tram at all.`,
      { sentences: 1, inOrder: 0, close: 0 },
    ],
  ];
  for (const [name, target, expected] of rows) assert.deepEqual(evidence(source, target), expected, name);
});
