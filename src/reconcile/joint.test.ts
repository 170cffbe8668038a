import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileStory } from './index.js';
import { article, derivation, statement } from './fixtures/build.js';
import type { ClaimMention } from '../records.js';

// Lexical only (no vectors): support rests on the words the sentences share.
const LEXICAL = { semantic: false } as const;

// Three independent reports of one made-up event; the museum and its director are in most sentences.
const wire = article(
  'w',
  [
    'Builders finished the roof repairs at the Zurlo City Museum, the city said on Tuesday.',
    'Paul Ried, director of the Zurlo City Museum, thanked the builders.',
    'The Zurlo City Museum had closed its east wing in March.',
    'The east wing will reopen to visitors on 12 May, Ried said.',
  ].join(' '),
  { outlet: 'Alpine Press', published: '2026-04-14T09:00:00Z' },
);
const courier = article(
  'c',
  [
    'The Zurlo City Museum will reopen its east wing on 12 May after builders finished the roof repairs.',
    'Paul Ried said the Zurlo City Museum would hold a concert in the wing.',
    'Ried praised the Zurlo City Museum staff.',
  ].join(' '),
  { outlet: 'Zurlo Courier', published: '2026-04-14T13:00:00Z' },
);
const radio = article(
  'r',
  [
    'Paul Ried of the Zurlo City Museum spoke to Radio Zurlo on Tuesday.',
    'The Zurlo City Museum expects more visitors this summer.',
    'A storm damaged the Zurlo City Museum roof last winter.',
  ].join(' '),
  { outlet: 'Radio Zurlo', published: '2026-04-14T15:00:00Z' },
);

const claims: ClaimMention[] = [
  statement(courier, 'The Zurlo City Museum will reopen its east wing on 12 May after builders finished the roof repairs'),
  statement(courier, 'Paul Ried said the Zurlo City Museum would hold a concert in the wing'),
  statement(courier, 'Ried praised the Zurlo City Museum staff'),
  statement(radio, 'The Zurlo City Museum expects more visitors this summer'),
];
const derivations = [derivation('w', 'independent'), derivation('c', 'independent'), derivation('r', 'independent')];

const rows: readonly { readonly claim: string; readonly unique: boolean; readonly why: string }[] = [
  {
    claim: 'The Zurlo City Museum will reopen',
    unique: false,
    why: "the wire states it across two sentences: the repairs, then the wing's date",
  },
  { claim: 'Paul Ried said the Zurlo City Museum would hold a concert', unique: true, why: 'no other outlet mentions a concert' },
  { claim: 'Ried praised', unique: true, why: "the museum and its director are the story's names, not what the claim says" },
  {
    claim: 'The Zurlo City Museum expects more visitors',
    unique: true,
    why: 'the wire speaks of visitors on 12 May, not of more of them this summer',
  },
];

test('a claim another outlet states across two of its sentences is not unique; what it alone says stays unique', () => {
  const r = reconcileStory({ articles: [wire, courier, radio], claims, derivations }, LEXICAL);
  for (const row of rows) {
    const claim = r.claims.find((c) => c.text.startsWith(row.claim));
    assert.ok(claim, `claim "${row.claim}" found`);
    const finding = r.findings.some((f) => f.kind === 'unique-claim' && f.claim === claim.id);
    assert.equal(claim.uniqueTo !== null, row.unique, `${row.claim}: ${row.why}`);
    assert.equal(finding, row.unique, `${row.claim}: finding`);
  }
});

test('neither sentence of the pair alone states the claim, and neither joins it as a version', () => {
  const r = reconcileStory({ articles: [wire, courier, radio], claims, derivations }, LEXICAL);
  const reopen = r.claims.find((c) => c.text.startsWith('The Zurlo City Museum will reopen'))!;
  assert.deepEqual(
    reopen.versions.map((v) => v.article),
    ['c'],
    'uniqueness only: versions and their statuses are what one sentence states',
  );
  // Without the wire's repairs sentence the date alone is not the claim: one outlet's again.
  const cut = article('w', 'The east wing will reopen to visitors on 12 May, Ried said.', {
    outlet: 'Alpine Press',
    published: '2026-04-14T09:00:00Z',
  });
  const alone = reconcileStory({ articles: [cut, courier, radio], claims: claims.filter((c) => c.article !== 'w'), derivations }, LEXICAL);
  assert.equal(alone.claims.find((c) => c.text.startsWith('The Zurlo City Museum will reopen'))!.uniqueTo, 'c');
});
