import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reconcileStory, storyCoverage } from './index.js';
import { wordDiff } from './diff.js';
import { wordsOf } from './words.js';
import { quoteStatus } from './quotes.js';
import { measureAfter } from './quantities.js';
import { prepareMention } from './similarity.js';
import { article, derivation, quantity, quote } from './fixtures/build.js';
import { A, B, C, claims, derivations } from './fixtures/harbour.js';
import type { ClaimMention, Reconciliation } from '../records.js';

// Lexical only: the vectors take seconds to load, and these cases must hold on words alone.
const LEXICAL = { semantic: false } as const;

function run(): Reconciliation {
  return reconcileStory({ articles: [A, B, C], claims, derivations }, LEXICAL);
}

const statusOf = (r: Reconciliation, article: string, text: string) =>
  r.claims.flatMap((c) => c.versions).find((v) => v.article === article && v.text === text)?.status;

test('quote fidelity against the earliest fullest version', () => {
  const r = run();
  const q = r.claims.find((c) => c.kind === 'quote')!;
  assert.equal(q.versions.length, 3);
  assert.equal(q.speaker, 'Elena Varga');
  assert.equal(statusOf(r, 'a', q.text), 'original');
  assert.equal(q.versions.find((v) => v.article === 'b')!.status, 'altered');
  assert.equal(q.versions.find((v) => v.article === 'c')!.status, 'trimmed');
  assert.ok(r.findings.some((f) => f.kind === 'altered-quote' && f.articles[0] === 'b'));
  assert.ok(!r.findings.some((f) => f.kind === 'altered-quote' && f.articles[0] === 'c'));
});

test('numbers: agreement, approximation, drift and conflict', () => {
  const r = run();
  const jobs = r.claims.find((c) => c.quantity?.unit === 'jobs')!;
  assert.deepEqual(
    jobs.versions.map((v) => [v.article, v.status]),
    [
      ['a', 'original'],
      ['b', 'agrees'],
    ],
  );
  assert.equal(jobs.origins, 1, 'a rewrite and its source are one origin');
  const share = r.claims.find((c) => c.quantity?.unit === '%')!;
  assert.equal(share.versions.find((v) => v.article === 'b')!.status, 'drifted');
  assert.ok(r.findings.some((f) => f.kind === 'drifted-number' && f.claim === share.id));
  const cost = r.claims.find((c) => c.quantity?.unit === 'USD')!;
  assert.equal(cost.versions.length, 3);
  assert.equal(cost.versions.find((v) => v.article === 'c')!.status, 'conflicting');
  assert.equal(cost.contested, true);
  assert.ok(r.findings.some((f) => f.kind === 'conflicting-number' && f.message.includes('Coastal Times')));
});

test('contradiction, unique claims and undisclosed copies', () => {
  const r = run();
  const council = r.claims.find((c) => c.kind === 'statement' && c.text.includes('council'))!;
  assert.equal(council.versions.length, 2);
  assert.equal(council.contested, true);
  assert.ok(r.findings.some((f) => f.kind === 'contradiction'));
  const fishermen = r.claims.find((c) => c.text.includes('fishermen'))!;
  assert.equal(fishermen.uniqueTo, 'c');
  assert.ok(r.findings.some((f) => f.kind === 'unique-claim' && f.claim === fishermen.id));
  const copies = r.findings.filter((f) => f.kind === 'undisclosed-copy');
  assert.deepEqual(
    copies.map((f) => f.articles),
    [['b', 'a']],
  );
  assert.match(copies[0]!.message, /rewrites Northwire/);
});

test('a credited rewrite is not an undisclosed copy', () => {
  const credited = [derivation('a', 'original'), derivation('b', 'rewrite', ['a'], ['(Northwire)']), derivation('c', 'independent')];
  const r = reconcileStory({ articles: [A, B, C], claims, derivations: credited }, LEXICAL);
  assert.equal(r.findings.filter((f) => f.kind === 'undisclosed-copy').length, 0);
});

test('findings come most serious first, each one sentence naming an outlet', () => {
  const r = run();
  const order = { high: 0, medium: 1, low: 2 };
  for (let i = 1; i < r.findings.length; i++) assert.ok(order[r.findings[i - 1]!.severity] <= order[r.findings[i]!.severity]);
  for (const f of r.findings) assert.match(f.message, /(Northwire|Coastal Times|b\.txt)/);
});

test('misuse: unknown article and bad thresholds', () => {
  const stray = { ...claims[0]!, article: 'zzz' };
  assert.throws(() => reconcileStory({ articles: [A], claims: [stray], derivations: [] }, LEXICAL), /not in the story/);
  assert.throws(() => reconcileStory({ articles: [A], claims: [], derivations: [] }, { quoteMatch: 2 }), /quoteMatch/);
  assert.deepEqual(reconcileStory({ articles: [], claims: [], derivations: [] }, LEXICAL), { claims: [], findings: [] });
});

const mention = (text: string, direct = true): ClaimMention => ({
  id: text,
  article: 'x',
  kind: 'quote',
  text,
  start: 0,
  end: text.length,
  sentence: 0,
  context: text,
  quote: { direct, speaker: 'S', speakerRole: null, speakerMention: null, speakerStart: null, speakerEnd: null, cue: null },
});

test('quote status table', () => {
  const reference = 'We, by the way, would be ready to offer (joint projects with) our American partners';
  const rows: [string, boolean, string][] = [
    ['We, by the way, would be ready to offer [joint projects with] our American partners', true, 'verbatim'],
    ['we by the way would be ready to offer joint projects with our american partners', true, 'verbatim'],
    ['We, by the way, would be ready to offer our American partners', true, 'verbatim'],
    ['We would be ready to offer joint projects with our American partners', true, 'trimmed'],
    ['We are ready to offer our American partners the opportunity to work together', true, 'altered'],
    ['We are ready to offer our American partners the opportunity to work together', false, 'paraphrased'],
  ];
  const ref = prepareMention(mention(reference), 0, false);
  for (const [text, direct, expected] of rows) {
    assert.equal(quoteStatus(ref, prepareMention(mention(text, direct), 1, false)), expected, text);
  }
});

test('word diff reads as same, dropped, added and substituted runs', () => {
  const diff = wordDiff(wordsOf('the volume of output should increase several times'), wordsOf('the output should multiply'));
  assert.deepEqual(diff, [
    { op: 'same', text: 'the' },
    { op: 'dropped', text: 'volume of' },
    { op: 'same', text: 'output should' },
    { op: 'substituted', text: 'multiply', was: 'increase several times' },
  ]);
  assert.deepEqual(wordDiff(wordsOf('Aluminium prices'), wordsOf('aluminum prices')), [{ op: 'same', text: 'aluminum prices' }]);
});

test('measure read after "of" when the claim stage gives none', () => {
  assert.equal(measureAfter('Russia used to provide up to 15% of U.S. aluminum imports before duties.', '15%'), 'U.S. aluminum imports');
  assert.equal(measureAfter('Russia supplied about 15% of the U.S. market.', 'about 15%'), 'the U.S. market');
  assert.equal(measureAfter('Reserves are estimated at 3.8 million metric tons.', '3.8 million metric tons'), null);
});

test('coverage: what each article adds, leaves out and disputes', () => {
  const reconciliation = run();
  const coverage = storyCoverage({ articles: [A, B, C], reconciliation, derivations });
  assert.equal(coverage.cells.length, reconciliation.claims.length);
  const of = (id: string) => coverage.perArticle.find((p) => p.article === id)!;
  const fishermen = reconciliation.claims.find((c) => c.text.includes('fishermen'))!;
  assert.ok(of('c').adds.includes(fishermen.id));
  const quote = reconciliation.claims.find((c) => c.kind === 'quote')!;
  assert.ok(of('b').disputes.includes(quote.id));
  const jobs = reconciliation.claims.find((c) => c.quantity?.unit === 'jobs')!;
  assert.ok(!of('c').omits.includes(jobs.id), 'a claim from one origin (a and its rewrite) is not a widely reported one');
  const cost = reconciliation.claims.find((c) => c.quantity?.unit === 'USD')!;
  assert.equal(coverage.cells[reconciliation.claims.indexOf(cost)]![2], 'disputed');
});

test('a denial by another speaker meets the reported claim: contradiction', () => {
  const x = article('x', 'Talks between the mine and the striking workers resumed on Thursday, the company said.', {
    published: '2025-01-01',
  });
  const y = article('y', 'Talks between the mine and the striking workers have not resumed, union leader Rosa Quispe said.', {
    published: '2025-01-02',
  });
  const mentions = [
    quote(x, 'Talks between the mine and the striking workers resumed on Thursday', 'the company', false),
    quote(y, 'Talks between the mine and the striking workers have not resumed', 'Rosa Quispe', false),
  ];
  const r = reconcileStory({ articles: [x, y], claims: mentions, derivations: [] }, LEXICAL);
  assert.equal(r.claims.length, 1);
  assert.equal(r.claims[0]!.contested, true);
  assert.ok(r.findings.some((f) => f.kind === 'contradiction'));
  // The same words from two speakers, without a denial, stay two claims.
  const w = article('w', 'Talks between the mine and the striking workers resumed on Thursday, Cerro Alto said.');
  const z = article('z', 'Talks between the mine and the striking workers resumed on Thursday, IG Metal said.');
  const said = (a: typeof w, who: string) => quote(a, 'Talks between the mine and the striking workers resumed on Thursday', who, false);
  const same = reconcileStory({ articles: [w, z], claims: [said(w, 'Cerro Alto'), said(z, 'IG Metal')], derivations: [] }, LEXICAL);
  assert.equal(same.claims.length, 2);
});

test('numbers too far apart, or stated side by side, are never a conflict', () => {
  const x = article('x', 'The country holds reserves of 3.8 million tons and mines 2,500 tons a year.');
  const y = article('y', 'Its reserves are 3.8 million tons, officials said.');
  const mentions = [
    quantity(x, '3.8 million tons', 3.8e6, 't', { measure: 'reserves' }),
    quantity(x, '2,500 tons', 2500, 't', { per: 'year', measure: 'mines' }),
    quantity(y, '3.8 million tons', 3.8e6, 't', { measure: 'reserves' }),
  ];
  const r = reconcileStory({ articles: [x, y], claims: mentions, derivations: [] }, LEXICAL);
  assert.equal(r.findings.filter((f) => f.kind === 'conflicting-number').length, 0);
  assert.equal(r.claims.find((c) => c.quantity?.value === 3.8e6)!.versions.length, 2);
});

test("the diff keeps an editor's insertion in brackets", () => {
  assert.deepEqual(wordDiff(wordsOf('This (Russian supplies) will not affect prices'), wordsOf('This will not affect pricing')), [
    { op: 'same', text: 'This' },
    { op: 'dropped', text: '[Russian supplies]' },
    { op: 'same', text: 'will not affect' },
    { op: 'substituted', text: 'pricing', was: 'prices' },
  ]);
});

test('odd but well-typed input does not break reconciliation or the brief', () => {
  const odd: ClaimMention[] = [
    ...claims,
    ...claims.slice(0, 4), // the same mentions twice
    { ...claims[0]!, id: 'empty', text: '', context: '' },
    { ...claims[0]!, id: 'bare', kind: 'quantity', quantity: undefined },
    { ...claims[2]!, id: 'nan', quantity: { ...claims[2]!.quantity!, value: Number.NaN } },
    { ...claims[2]!, id: 'zero', quantity: { ...claims[2]!.quantity!, value: 0 } },
    { ...claims[1]!, id: 'punct', text: '… — !' },
  ];
  const r = reconcileStory(
    { articles: [A, B, C], claims: odd, derivations: [...derivations, derivation('b', 'copy', ['b', 'zzz'])] },
    LEXICAL,
  );
  for (const c of r.claims) {
    assert.equal(new Set(c.versions.map((v) => v.article)).size, c.versions.length, 'one version per article');
    assert.ok(c.versions.some((v) => v.status === 'original' || v.status === 'stated'));
  }
  const cycle = [derivation('a', 'copy', ['b']), derivation('b', 'copy', ['a']), derivation('c', 'independent')];
  assert.ok(reconcileStory({ articles: [A, B, C], claims, derivations: cycle }, LEXICAL).claims.length > 0);
});

test('a quote an outlet splits in two sentences is one version: joined, and altered when its words differ', () => {
  const wire = article(
    'w',
    '"We would be ready to offer joint projects to our partners, and if they showed interest in joint work," Oster said.',
    { outlet: 'Metro Wire', published: '2025-04-03T08:00:00Z' },
  );
  const split = article(
    's',
    '"We are ready to offer our partners the chance to work together," Oster said. "If they show interest, we can explore options."',
    { published: '2025-04-03T14:00:00Z' },
  );
  const same = article(
    'v',
    '"We would be ready to offer joint projects to our partners," Oster said.\n\n"And if they showed interest in joint work."',
    { outlet: 'Daily', published: '2025-04-03T15:00:00Z' },
  );
  const mentions: ClaimMention[] = [
    quote(wire, 'We would be ready to offer joint projects to our partners, and if they showed interest in joint work', 'Oster'),
    quote(split, 'We are ready to offer our partners the chance to work together', 'Oster'),
    quote(split, 'If they show interest, we can explore options.', 'Oster'),
    quote(same, 'We would be ready to offer joint projects to our partners', 'Oster'),
    quote(same, 'And if they showed interest in joint work.', 'Oster'),
  ];
  const r = reconcileStory(
    {
      articles: [wire, split, same],
      claims: mentions,
      derivations: [derivation('w', 'original'), derivation('s', 'rewrite', ['w']), derivation('v', 'independent')],
    },
    LEXICAL,
  );
  const claim = r.claims.find((c) => c.kind === 'quote')!;
  const rewritten = claim.versions.find((v) => v.article === 's')!;
  assert.equal(
    rewritten.text,
    'We are ready to offer our partners the chance to work together … If they show interest, we can explore options.',
  );
  assert.equal(rewritten.status, 'altered');
  assert.equal(claim.versions.find((v) => v.article === 'v')!.status, 'verbatim');
  const finding = r.findings.find((f) => f.kind === 'altered-quote')!;
  assert.match(finding.message, /If they show interest, we can explore options/);
  assert.equal(r.claims.filter((c) => c.kind === 'quote').length, 1, 'no stray second half');
});

test('two things one person said about one story are two quotes, though they share its names', () => {
  const x = article(
    'x',
    'Her spokesman said: "Lindsay never checked into Morningside but is back at Betty Ford." The court had ordered 90 days of treatment.',
  );
  const y = article(
    'y',
    'Her spokesman said: "Lindsay is grateful for the treatment she received at the Betty Ford Center." She left on Thursday.',
  );
  const z = article(
    'z',
    'Her spokesman said: "Lindsay never went into Morningside, she is back at Betty Ford." The court had ordered treatment.',
  );
  const mentions = [
    quote(x, 'Lindsay never checked into Morningside but is back at Betty Ford.', 'Lindsay Lohan'),
    quote(y, 'Lindsay is grateful for the treatment she received at the Betty Ford Center.', 'Lindsay Lohan'),
    quote(z, 'Lindsay never went into Morningside, she is back at Betty Ford.', 'Lindsay Lohan'),
  ];
  const r = reconcileStory({ articles: [x, y, z], claims: mentions, derivations: [] }, LEXICAL);
  const quotes = r.claims.filter((c) => c.kind === 'quote');
  assert.equal(quotes.length, 2, JSON.stringify(quotes.map((q) => q.versions.map((v) => v.text))));
  const morningside = quotes.find((q) => q.text.includes('Morningside'))!;
  assert.deepEqual(
    morningside.versions.map((v) => [v.article, v.status]),
    [
      ['x', 'original'],
      ['z', 'altered'],
    ],
    'a real rewording still lines up',
  );
  assert.ok(!r.findings.some((f) => f.kind === 'altered-quote' && f.articles.includes('y')));
});

/** One story of independent reports, each quoting `quotes` ([text, speaker]) in a sentence of its own. */
function independentQuotes(rows: readonly (readonly [string, readonly (readonly [string, string])[]])[]): Reconciliation {
  const articles = rows.map(([id, quotes], i) =>
    article(id, quotes.map(([text, speaker]) => `"${text}," ${speaker} said.`).join('\n\n'), {
      outlet: `Outlet ${id}`,
      published: `2025-05-0${i + 1}T10:00:00Z`,
    }),
  );
  const claims = rows.flatMap(([, quotes], i) => quotes.map(([text, speaker]) => quote(articles[i]!, text, speaker)));
  return reconcileStory({ articles, claims, derivations: rows.map(([id]) => derivation(id, 'independent')) }, LEXICAL);
}

const versionsOf = (r: Reconciliation, contains: string) =>
  r.claims
    .find((c) => c.kind === 'quote' && c.versions.some((v) => v.text.includes(contains)))
    ?.versions.map((v) => [v.article, v.status]) ?? [];

test('overlapping stretches of one speech are one claim: the passage is the reference, fragments are trimmed', () => {
  const passage = 'Tonight we will show you something the world has never seen. Iran lied, big time, after signing the nuclear deal';
  const r = independentQuotes([
    ['p', [['Iran lied, big time, after signing the nuclear deal', 'Netanyahu']]],
    ['q', [[passage, 'Benjamin Netanyahu']]],
    ['r', [['Tonight we will show you something the world has never seen', 'Netanyahu']]],
    ['s', [['something the world has never seen. Iran lied, big time', 'Netanyahu']]],
  ]);
  assert.equal(r.claims.filter((c) => c.kind === 'quote').length, 1);
  assert.deepEqual(versionsOf(r, 'Iran lied'), [
    ['p', 'trimmed'],
    ['q', 'original'],
    ['r', 'trimmed'],
    ['s', 'trimmed'],
  ]);
});

test('the reference is the version the others agree with; a version quoting on past it is not altered', () => {
  // Three translations of one remark: the middle one shares most with both others.
  const r = independentQuotes([
    ['a', [['The future of Europe and the future of Germany within Europe is at stake', 'Merkel']]],
    ['b', [['Nothing less than the future of Europe, and with that the future of Germany in Europe, is at stake', 'Merkel']]],
    ['c', [['This is about nothing less than the future of Europe and with it the future of Germany in Europe', 'Merkel']]],
  ]);
  assert.deepEqual(versionsOf(r, 'future of Europe'), [
    ['a', 'altered'],
    ['b', 'original'],
    ['c', 'altered'],
  ]);
  const edges = independentQuotes([
    ['a', [['This morning I was stopped by an officer', 'Jackson']]],
    ['b', [['I was stopped by an officer', 'Jackson']]],
    ['c', [['Yesterday I was stopped by an officer', 'Jackson']]],
    ['d', [['This morning I was stopped by an officer and I cooperated fully', 'Jackson']]],
  ]);
  assert.deepEqual(versionsOf(edges, 'stopped by an officer'), [
    ['a', 'trimmed'],
    ['b', 'trimmed'],
    ['c', 'altered'],
    ['d', 'original'],
  ]);
});

test('the same long run of words is one quote however the outlet names its speaker; the claim takes the name most use', () => {
  const words = "We're aware of the off-the-field issue involving Vincent and we are disappointed";
  const r = independentQuotes([
    ['a', [[words, 'A.J. Smith']]],
    ['b', [[words, 'AJ Butler']]],
    ['c', [["We're aware of the off-the-field issue involving Vincent", 'AJ Smith']]],
  ]);
  const claim = r.claims.find((c) => c.kind === 'quote')!;
  assert.equal(claim.versions.length, 3);
  assert.equal(claim.speaker, 'A.J. Smith');
  // Short quotes of different people stay apart.
  const apart = independentQuotes([
    ['a', [['We will win this fight', 'Smith']]],
    ['b', [['We will win this fight', 'Jones']]],
  ]);
  assert.equal(apart.claims.filter((c) => c.kind === 'quote').length, 2);
});

test('wordDiff: versions keep their punctuation, so a verbatim quote reads verbatim', () => {
  const reference = wordsOf('We, by the way, would offer [joint projects with] our partners … when I say ‘partners,’ I mean 15% more.');
  assert.deepEqual(wordDiff(reference, reference), [
    { op: 'same', text: 'We, by the way, would offer [joint projects with] our partners … when I say ‘partners,’ I mean 15% more.' },
  ]);
  assert.deepEqual(wordDiff(reference, wordsOf('We would offer joint projects with our partners.')), [
    { op: 'same', text: 'We' },
    { op: 'dropped', text: 'by the way,' },
    { op: 'same', text: 'would offer joint projects with our partners.' },
    { op: 'dropped', text: 'when I say ‘partners,’ I mean 15% more.' },
  ]);
});
