import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleDossier } from '../dossier/testing.js';
import type { Dossier } from '../dossier/types.js';
import { formatSummary } from './summary.js';

const summaryOf = (dossier: Dossier) =>
  formatSummary({ dossier, articles: [], rejections: [], inserted: [] }, { outDir: 'out' }).split('\n');

test('the story line counts outlets, and says how many articles named none', () => {
  const named = sampleDossier();
  assert.ok(summaryOf(named).some((l) => /^ {2}3 articles from 3 outlets, /.test(l)));
  // Plain files with no outlet and no address: the count does not pretend they are one outlet.
  const story = named.stories[0]!;
  const unnamed: Dossier = {
    ...named,
    stories: [
      {
        ...story,
        outlets: ['Wire'],
        articles: story.articles.map((a, i) => (i === 0 ? a : { ...a, outlet: null, publisher: null })),
      },
    ],
  };
  assert.ok(summaryOf(unnamed).some((l) => /^ {2}3 articles from 1 outlet \(2 articles with none named\), /.test(l)));
  const none: Dossier = {
    ...named,
    stories: [{ ...story, outlets: [], articles: story.articles.map((a) => ({ ...a, outlet: null, publisher: null })) }],
  };
  assert.ok(summaryOf(none).some((l) => /^ {2}3 articles from no named outlet, /.test(l)));
});
