import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileStory } from './index.js';
import { statesSameFact, storyLexicon, storyNames } from './support.js';
import { extractClaims } from '../claims/index.js';
import { article, derivation, statement } from './fixtures/build.js';
import type { ClaimMention } from '../records.js';

// Lexical only (no vectors): support rests on the words the sentences share.
const LEXICAL = { semantic: false } as const;

const wire = article(
  'w',
  'The Zurlo City Museum will remain closed until Friday. Police are looking for a grey van seen near the museum on Monday night.',
  { outlet: 'Alpine Press', published: '2025-10-14T09:00:00Z' },
);

test("a claim another outlet states in a sentence that is no claim itself is not that outlet's own", () => {
  // The second outlet's sentence names no one and gives no number: the claims stage keeps no claim for it.
  const local = article(
    'l',
    'The Zurlo City Museum will stay closed until Friday. Alarm repairs had started at the museum last week, Ried said.',
    { outlet: 'Zurlo Courier', published: '2025-10-14T13:00:00Z' },
  );
  const mentions: ClaimMention[] = [
    statement(wire, 'The Zurlo City Museum will remain closed until Friday'),
    statement(local, 'Alarm repairs had started at the museum last week, Ried said'),
  ];
  const r = reconcileStory(
    { articles: [wire, local], claims: mentions, derivations: [derivation('w', 'independent'), derivation('l', 'independent')] },
    LEXICAL,
  );
  const closed = r.claims.find((c) => c.text.startsWith('The Zurlo City Museum will remain closed'))!;
  assert.equal(closed.uniqueTo, null);
  assert.equal(closed.origins, 2);
  const version = closed.versions.find((v) => v.article === 'l')!;
  assert.equal(version.status, 'paraphrased');
  assert.equal(version.text, 'The Zurlo City Museum will stay closed until Friday');
  assert.equal(local.article.text.slice(version.start, version.end), version.text);
  // The alarm repairs share the museum and Ried, not the claim: still one outlet's.
  const alarm = r.claims.find((c) => c.text.startsWith('Alarm repairs'))!;
  assert.equal(alarm.uniqueTo, 'l');
  assert.ok(r.findings.some((f) => f.kind === 'unique-claim' && f.claim === alarm.id));
  assert.ok(!r.findings.some((f) => f.kind === 'unique-claim' && f.claim === closed.id));
});

test('two one-outlet claims that state one thing merge; a figure one of them lacks keeps them apart', () => {
  const same = article('o', 'Police are looking for a grey van seen near the museum on Monday night, officers said.', {
    outlet: 'Zurlo Courier',
    published: '2025-10-14T13:00:00Z',
  });
  const more = article('m', 'Police are looking for a grey van with 2 passengers seen near the museum on Monday night.', {
    outlet: 'Radio Zurlo',
    published: '2025-10-14T15:00:00Z',
  });
  const mentions: ClaimMention[] = [
    statement(wire, 'Police are looking for a grey van seen near the museum on Monday night'),
    statement(same, 'Police are looking for a grey van seen near the museum on Monday night, officers said'),
    statement(more, 'Police are looking for a grey van with 2 passengers seen near the museum on Monday night'),
  ];
  const derivations = [derivation('w', 'independent'), derivation('o', 'independent'), derivation('m', 'independent')];
  // A strict statement threshold leaves the matching to the support stage.
  const r = reconcileStory({ articles: [wire, same, more], claims: mentions, derivations }, { ...LEXICAL, statementMatch: 0.99 });
  const van = r.claims.find((c) => c.versions.some((v) => v.article === 'w' && v.text.includes('grey van')))!;
  // The van is stated by all three; the third says more, and that stays its own.
  assert.deepEqual(van.versions.map((v) => v.article).sort(), ['m', 'o', 'w']);
  assert.equal(r.claims.filter((c) => c.versions.some((v) => v.article === 'o')).length, 1, "the second outlet's claim merged in");
  const passengers = r.claims.find((c) => c.text.includes('2 passengers'))!;
  assert.equal(passengers.uniqueTo, 'm', 'a figure the others do not give is its own');
});

test('a flipped polarity is no support', () => {
  const denial = article('d', 'The Zurlo City Museum will not remain closed until Friday.', {
    outlet: 'Zurlo Courier',
    published: '2025-10-14T13:00:00Z',
  });
  const mentions: ClaimMention[] = [statement(wire, 'Police are looking for a grey van seen near the museum on Monday night')];
  const closedClaim = statement(wire, 'The Zurlo City Museum will remain closed until Friday');
  const r = reconcileStory(
    {
      articles: [wire, denial],
      claims: [...mentions, closedClaim],
      derivations: [derivation('w', 'independent'), derivation('d', 'independent')],
    },
    LEXICAL,
  );
  const closed = r.claims.find((c) => c.text.startsWith('The Zurlo City Museum will remain closed'))!;
  assert.deepEqual(
    closed.versions.map((v) => v.article),
    ['w'],
  );
});

// [claim a, claim b, one fact?]: pairs from real reports; the story around them is filler that
// makes their names and topic the story's common words.
const SAME_FACT: [string, string, boolean][] = [
  // the same topic and names, different predicates and arguments
  [
    'Putin said deals could be extended to deposits in territory in eastern Ukraine that Russia controls.',
    "Putin said Russia's rare earth resources are larger than those of Ukraine.",
    false,
  ],
  [
    'Felt joined the FBI in 1942 and worked as a Nazi hunter during World War II.',
    "Felt insisted on covert rules he had learned while working in the FBI's espionage section during World War II.",
    false,
  ],
  // the same figure and what happens to it, in other words
  [
    'Putin said Moscow is open to scaling back defense budgets, with a mutual reduction of 50 percent.',
    "Putin endorsed Trump's suggestion for a 50% reduction in defense spending.",
    true,
  ],
  // a negation in other words is no denial between two claims
  [
    'The city of Lindau will ban private cars from its old town from 1 June, mayor Karin Oster said.',
    'Private cars will no longer be allowed in the old town of Lindau from June 1, mayor Karin Oster said.',
    true,
  ],
  // a figure one of them gives (an age) is a fact the other does not state
  [
    'Jackson, 25, was driving east on state Route 52 just after 2:30 a.m. when he was pulled over.',
    'Jackson was pulled over on state Route 52 just past 2:30 a.m. in San Diego.',
    false,
  ],
];

test('two claims are one fact when one states what the other says, not when they share the story', () => {
  const filler = [
    'Russia and Ukraine and Putin and the FBI and Felt and World War II and rare earth deposits are in the news.',
    'Putin spoke about Russia, Ukraine and rare earth again while Felt and the FBI were discussed.',
    'Lindau and Karin Oster and the old town of Lindau were discussed by Putin in Russia.',
    'More about Russia, Ukraine, Putin, rare earth metals, Felt and the FBI.',
  ].join(' ');
  for (const [a, b, same] of SAME_FACT) {
    const x = article('x', `${a} ${filler}`);
    const y = article('y', `${b} ${filler}`);
    const lexicon = storyLexicon([x, y, article('z', filler)], true);
    const verdict = statesSameFact(lexicon, statement(x, a.replace(/\.$/, '')), statement(y, b.replace(/\.$/, '')), false);
    assert.equal(verdict, same, `${a} / ${b}`);
  }
});

test("who first reported it, said in other words by another outlet, is no one outlet's claim; a 30-day extension is 30 days and a month", () => {
  const a = article(
    'a',
    'The president delayed the tariffs on car parts for a month on Thursday. The delay, first reported by The Wall Street Journal, gives carmakers time to move supply chains. Shares of carmakers rose after the news.',
    { outlet: 'Wire One', published: '2025-03-06T10:00:00Z' },
  );
  const b = article(
    'b',
    'The president announced a 30-day extension of the tariffs on car parts on Thursday. The Wall Street Journal first reported the delay earlier in the day. Union leaders criticised the decision in a statement.',
    { outlet: 'Daily Two', published: '2025-03-06T12:00:00Z' },
  );
  const c = article(
    'c',
    'Tariffs on car parts will be paused for 30 days, the president said on Thursday. Parts makers in Ohio said orders had already fallen by a fifth this year.',
    { outlet: 'Third Post', published: '2025-03-06T13:00:00Z' },
  );
  const articles = [a, b, c];
  const claims = articles.flatMap((x) => extractClaims(x));
  const r = reconcileStory({ articles, claims, derivations: articles.map((x) => derivation(x.article.id, 'independent')) });
  const journal = r.claims.find((claim) => claim.versions.some((v) => v.article === 'a' && v.text.includes('first reported by')));
  assert.ok(journal, 'the Journal sentence is a claim');
  assert.equal(journal.uniqueTo, null, JSON.stringify(journal.versions.map((v) => v.text)));
  // "for a month", "a 30-day extension", "for 30 days": one figure, which all three outlets give.
  const delay = r.claims.filter(
    (claim) => claim.kind === 'quantity' && claim.versions.some((v) => v.article === 'b' && v.text.includes('30-day')),
  );
  assert.equal(delay.length, 1);
  assert.deepEqual(new Set(delay[0]!.versions.map((v) => v.article)), new Set(['a', 'b', 'c']));
  const ohio = r.claims.find((claim) => claim.versions.some((v) => v.text.includes('orders had already fallen')));
  assert.equal(ohio?.uniqueTo, 'c');
});

test("a participle closing the sentence is the outlet's gloss; the capital stands for its country", () => {
  const first = article('f', 'Russia offered the U.S. access to its metals on Monday. Crowds gathered in Vilnius.', {
    outlet: 'Wire One',
    published: '2025-02-24T09:00:00Z',
  });
  const second = article(
    's',
    "Moscow has offered the United States access to its metals, presenting itself as an alternative to Washington's push for Ukraine's resources. Rain fell in Oslo.",
    { outlet: 'Second Desk', published: '2025-02-24T12:00:00Z' },
  );
  const mentions: ClaimMention[] = [
    statement(
      second,
      "Moscow has offered the United States access to its metals, presenting itself as an alternative to Washington's push for Ukraine's resources",
    ),
  ];
  const r = reconcileStory(
    { articles: [first, second], claims: mentions, derivations: [derivation('f', 'independent'), derivation('s', 'independent')] },
    LEXICAL,
  );
  const offer = r.claims.find((c) => c.text.startsWith('Moscow has offered'))!;
  assert.equal(offer.uniqueTo, null);
  assert.deepEqual(offer.versions.map((v) => v.article).sort(), ['f', 's']);
});

test('capitals of a headline in title case name nothing', () => {
  const page = article('h', 'Rare Earth Metals Reserves:\n\nRussia holds large reserves of rare earth metals, Putin said.');
  const names = storyNames([page]);
  assert.ok(names.has('putin'));
  assert.ok(!names.has('metals') && !names.has('reserves'));
});
