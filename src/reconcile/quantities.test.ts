import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileStory } from './index.js';
import { article, derivation, quantity } from './fixtures/build.js';
import type { ClaimMention, Qualifier } from '../records.js';

// Each row: two outlets' sentences about hospital admissions, the figure each gives, and the
// status the second one's figure gets against the first's (null: two separate claims).
const ROWS: [first: [string, string, number, string], second: [string, string, number, string, Qualifier], expected: string | null][] = [
  [
    ['Hospitals treated 310 people for heat illness, the minister said.', '310 people', 310, 'people'],
    ['Hospitals saw 310 heat cases since Friday, the minister said.', '310 heat cases', 310, 'cases', 'exact'],
    'agrees',
  ],
  [
    ['Hospitals treated 310 people for heat illness, the minister said.', '310 people', 310, 'people'],
    ['About 300 people needed hospital treatment for heat illness, the ministry said.', 'About 300 people', 300, 'people', 'about'],
    'approximate',
  ],
  [
    ['Hospitals treated 360 people for heat illness, the minister said.', '360 people', 360, 'people'],
    ['About 300 people needed hospital treatment for heat illness, the ministry said.', 'About 300 people', 300, 'people', 'about'],
    'conflicting',
  ],
  [
    ['The hospital ward was closed for 3 days after the heat illness outbreak.', '3 days', 3, 'days'],
    ['The hospital ward was closed for 3 weeks after the heat illness outbreak.', '3 weeks', 3, 'weeks', 'exact'],
    null,
  ],
  // One closure in two units of calendar time ("30 days" / "one month", a month being 28-31 days).
  [
    ['The hospital ward was closed for 30 days after the heat illness outbreak.', '30 days', 30, 'days'],
    ['The hospital ward was closed for one month after the heat illness outbreak.', 'one month', 1, 'months', 'exact'],
    'approximate',
  ],
  [
    ['The hospital ward was closed for 2 weeks after the heat illness outbreak.', '2 weeks', 2, 'weeks'],
    ['The hospital ward was closed for one month after the heat illness outbreak.', 'one month', 1, 'months', 'exact'],
    null,
  ],
  // The second outlet gives both figures, so they measure two things (landed and thrown), not one.
  [
    ['The champion landed 178 punches in the fight, the statistics showed.', '178 punches', 178, 'punches'],
    ['The champion landed 178 of 369 punches in the fight, the statistics showed.', '369 punches', 369, 'punches', 'exact'],
    null,
  ],
  // One kind of figure about two moments: only the measure word is shared.
  [
    ['The jury convicted Holm on Friday after 12 hours of deliberation.', '12 hours', 12, 'hours'],
    ['At sentencing, the jurors could not agree even after 30 hours of deliberation.', '30 hours', 30, 'hours', 'exact'],
    null,
  ],
  // The same figure of the same body, told differently: a conflict.
  [
    ['Orbis agreed to buy Lumen Data for $2.1 billion in cash.', '$2.1 billion', 2.1e9, 'USD'],
    ['Orbis will pay $2.4 billion for Lumen Data, a filing shows.', '$2.4 billion', 2.4e9, 'USD', 'exact'],
    'conflicting',
  ],
];

test('one figure across outlets: count nouns in other words, "about" figures rounded, units of time kept apart', () => {
  for (const [[textA, phraseA, valueA, unitA], [textB, phraseB, valueB, unitB, qualifier], expected] of ROWS) {
    const a = article('a', textA, { outlet: 'Doria Times', published: '2025-07-14T06:00:00Z' });
    const b = article('b', textB, { outlet: 'Radio Doria', published: '2025-07-14T09:00:00Z' });
    const claims: ClaimMention[] = [quantity(a, phraseA, valueA, unitA), quantity(b, phraseB, valueB, unitB, { qualifier })];
    const r = reconcileStory(
      { articles: [a, b], claims, derivations: [derivation('a', 'independent'), derivation('b', 'independent')] },
      { semantic: false },
    );
    const status = r.claims.find((c) => c.versions.some((v) => v.article === 'a'))!.versions.find((v) => v.article === 'b')?.status ?? null;
    assert.equal(status, expected, `${phraseA} / ${phraseB}`);
  }
});

test('drift: the same owner does not make two measures one ("Brennwald\'s shares" / "Brennwald\'s sales")', () => {
  const a = article('a', "Brennwald's shares fell 6% in morning trading.", { outlet: 'Capital Press', published: '2025-09-03T07:00:00Z' });
  const b = article('b', "Brennwald's sales fell 6% on the news.", { outlet: 'Daily Shopper', published: '2025-09-03T12:00:00Z' });
  const claims: ClaimMention[] = [
    quantity(a, '6%', 6, '%', { measure: "Brennwald's shares" }),
    quantity(b, '6%', 6, '%', { measure: "Brennwald's sales" }),
  ];
  const r = reconcileStory(
    { articles: [a, b], claims, derivations: [derivation('a', 'original'), derivation('b', 'rewrite', ['a'])] },
    { semantic: false },
  );
  assert.equal(r.claims[0]!.versions.find((v) => v.article === 'b')!.status, 'drifted');
  assert.ok(r.findings.some((f) => f.kind === 'drifted-number' && f.message.includes("Brennwald's sales")));
});

test('a temperature does not drift: where it was read is a place, not another measure', () => {
  const a = article('a', 'Temperatures reached 43.2C in Doria on Sunday, the weather service said.', {
    outlet: 'Doria Times',
    published: '2025-07-14T06:00:00Z',
  });
  const b = article('b', 'The thermometer at the city airport reached 43.2C on Sunday, the weather service said.', {
    outlet: 'Morning Courier',
    published: '2025-07-14T09:00:00Z',
  });
  const claims: ClaimMention[] = [
    quantity(a, '43.2C', 43.2, '°C', { measure: 'Temperatures' }),
    quantity(b, '43.2C', 43.2, '°C', { measure: 'city airport' }),
  ];
  const r = reconcileStory(
    { articles: [a, b], claims, derivations: [derivation('a', 'independent'), derivation('b', 'independent')] },
    { semantic: false },
  );
  assert.equal(r.claims.length, 1);
  assert.equal(r.claims[0]!.versions.find((v) => v.article === 'b')!.status, 'agrees');
  assert.ok(!r.findings.some((f) => f.kind === 'drifted-number'));
});
