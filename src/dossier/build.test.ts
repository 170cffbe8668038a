import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, BriefSentence, Derivation, Reconciliation, Story } from '../records.js';
import { buildStoryDossier } from './build.js';
import { sampleArticle } from './testing.js';
import { validateDossier } from './validate.js';
import { DOSSIER_VERSION } from './types.js';

const original: Article = sampleArticle(1, { text: 'The minister said output "will rise by a third".' });
const rewrite: Article = sampleArticle(2, { text: 'Output "will rise by a quarter", the minister said.' });
const story: Story = {
  id: 'story-1',
  headline: 'Output will rise',
  label: 'minister output',
  articleIds: [original.id, rewrite.id],
  firstSeen: original.published,
  lastSeen: rewrite.published,
  outlets: ['Daily Example', 'Wire'],
  topEntities: ['minister'],
};
const derivations: Derivation[] = [
  { article: original.id, role: 'original', derivedFrom: [], sharedSourceWith: [], attributions: [], reason: 'derives from no other' },
  {
    article: rewrite.id,
    role: 'rewrite',
    derivedFrom: [
      {
        article: original.id,
        coverage: 0.5,
        evidence: [{ text: 'will rise by a', sourceStart: 26, sourceEnd: 40, targetStart: 8, targetEnd: 22, similarity: 1 }],
      },
    ],
    sharedSourceWith: [],
    attributions: [],
    reason: 'edits the original',
  },
];
// Stages may carry more than the dossier documents (here `debug`): the dossier drops it.
const reconciliation = {
  claims: [
    {
      id: 'c1',
      kind: 'quote',
      text: 'will rise by a third',
      speaker: 'The Minister',
      quantity: null,
      versions: [
        { article: original.id, mention: 'm1', text: 'will rise by a third', start: 26, end: 46, status: 'original', score: 1 },
        {
          article: rewrite.id,
          mention: 'm2',
          text: 'will rise by a quarter',
          start: 8,
          end: 30,
          status: 'altered',
          score: 0.8,
          diff: [
            { op: 'same', text: 'will rise by a' },
            { op: 'substituted', text: 'quarter', was: 'third', debug: 1 },
          ],
        },
      ],
      origins: 1,
      uniqueTo: null,
      contested: true,
    },
  ],
  findings: [
    { kind: 'altered-quote', message: 'The rewrite changed the quote.', claim: 'c1', articles: [rewrite.id], severity: 'high', debug: 1 },
  ],
} as unknown as Reconciliation;
const brief = [
  {
    text: 'The minister said output will rise.',
    citations: [original.id],
    sources: [{ article: original.id, start: 0, end: 48 }],
    contested: false,
    debug: 1,
  },
] as unknown as BriefSentence[];

it('builds a dossier story that validates and holds only documented fields', () => {
  const coverage = [
    { article: original.id, adds: [], omits: [], disputes: [] },
    { article: rewrite.id, adds: [], omits: [], disputes: ['c1'], debug: 1 },
  ];
  const built = buildStoryDossier({
    story,
    articles: [original, rewrite],
    derivations,
    reconciliation,
    brief,
    independentOrigins: 1,
    coverage,
  });
  const verdict = validateDossier({ version: DOSSIER_VERSION, generatedAt: '2025-05-15T10:00:00Z', stories: [built], rejections: [] });
  assert.deepEqual(verdict, { ok: true });
  assert.equal(built.articles[1]!.role, 'rewrite');
  assert.equal(built.articles[1]!.derivedFrom[0]!.article, original.id);
  assert.deepEqual(built.claims[0]!.mentions[1]!.diff, [
    { op: 'same', text: 'will rise by a' },
    { op: 'substituted', text: 'quarter', was: 'third' },
  ]);
  assert.equal('diff' in built.claims[0]!.mentions[0]!, false, 'no diff where none was computed');
  assert.deepEqual(built.findings[0], {
    kind: 'altered-quote',
    message: 'The rewrite changed the quote.',
    claim: 'c1',
    articles: [rewrite.id],
    severity: 'high',
  });
  assert.equal('debug' in built.brief[0]!, false, 'extra brief fields dropped');
  assert.deepEqual(built.coverage[1], { article: rewrite.id, adds: [], omits: [], disputes: ['c1'] });
});

it('marks an article without a derivation as independent, with a reason', () => {
  const built = buildStoryDossier({
    story,
    articles: [original, rewrite],
    derivations: [],
    reconciliation: { claims: [], findings: [] },
    brief: [],
    independentOrigins: 2,
  });
  assert.deepEqual(
    built.articles.map((a) => a.role),
    ['independent', 'independent'],
  );
  assert.ok(
    built.articles.every((a) => a.roleReason.length > 0),
    'every role has a reason',
  );
  assert.deepEqual(built.coverage, [], 'no coverage unless the pipeline computed it');
});
