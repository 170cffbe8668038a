import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { reconcileStory } from './index.js';
import { asWritten, inSentence, quoted, substance } from './findings.js';
import { article, derivation, quantity, quote } from './fixtures/build.js';
import type { ClaimMention } from '../records.js';

test('quoted: shortened, without the stop of the sentence it was cut from', () => {
  const rows: [string, number, string][] = [
    ['Prices rose.', 18, '"Prices rose"'],
    ['one two three four five', 3, '"one two three …"'],
    ['What next?', 18, '"What next?"'],
    ['SANTIAGO (Andes Wire) - Talks resumed on Thursday.', 18, '"Talks resumed on Thursday"'],
    ['Talks (in Lima) - not Santiago - resumed.', 18, '"Talks (in Lima) - not Santiago - resumed"'],
  ];
  for (const [text, words, expected] of rows) assert.equal(quoted(text, words), expected, text);
  // A changed stretch keeps its close too: that is often where the words were changed.
  assert.equal(quoted('one two three four five six seven eight nine.', 6, true), '"one two three four … eight nine"');
  assert.equal(quoted('one two three.', 6, true), '"one two three"');
});

test('inSentence: a figure phrase read mid-sentence', () => {
  const rows: [string, string][] = [
    ['At least 15 people', 'at least 15 people'],
    ['About 300 homes', 'about 300 homes'],
    ['15 people', '15 people'],
    ['Brennwald shares', 'Brennwald shares'],
  ];
  for (const [phrase, expected] of rows) assert.equal(inSentence(phrase), expected, phrase);
});

test('asWritten: a stretch of the word diff as the text punctuates it', () => {
  const text = "We, by the way, would be ready to offer (joint projects with) our partners, Putin's aides said.";
  const rows: [string, string][] = [
    ['We by the way would be ready', 'We, by the way, would be ready'],
    ['offer [joint projects with] our partners', 'offer (joint projects with) our partners'],
    ["Putin's aides", "Putin's aides"],
    ['words not in the text', 'words not in the text'],
  ];
  for (const [stretch, expected] of rows) assert.equal(asWritten(stretch, text), expected, stretch);
  // Inside words: the first may end one, the last begin one, a lone word lie within one.
  assert.equal(asWritten('he said', 'Then she said so.'), 'he said');
  assert.equal(asWritten('by THE wa', 'we, by the way'), 'by the wa');
  assert.equal(asWritten('ARTNER', text), 'artner');
});

test('asWritten: the same match as the case-blind pattern of the words it replaced', () => {
  const byPattern = (stretch: string, text: string) => {
    const words = stretch.match(/[\p{L}\p{N}]+/gu);
    if (!words) return stretch;
    return new RegExp(words.join('[^\\p{L}\\p{N}]+'), 'iu').exec(text)?.[0] ?? stretch;
  };
  // A small alphabet, so that stretches are often found, in part or whole, and in other cases.
  const piece = fc.constantFrom('a', 'b', 'A', 'B', 'é', 'É', '1', ' ', ', ', "'", '(', '-');
  const line = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(line, line, (stretch, text) => asWritten(stretch, text) === byPattern(stretch, text)),
    { numRuns: 3000 },
  );
});

test('unique claims: reported speech is shown in its sentence, not as a quotation', () => {
  const a = article('a', 'The port will close on Friday, harbour master Ola Berg said. Berg added: "We have no choice at all this week."', {
    outlet: 'Coast News',
  });
  const b = article('b', 'Shipping lines were told on Monday to expect delays.', { outlet: 'Sea Post' });
  const claims: ClaimMention[] = [
    quote(a, 'The port will close on Friday', 'Ola Berg', false),
    quote(a, 'We have no choice at all this week.', 'Ola Berg'),
  ];
  const r = reconcileStory(
    { articles: [a, b], claims, derivations: [derivation('a', 'independent'), derivation('b', 'independent')] },
    { semantic: false },
  );
  const messages = r.findings
    .filter((f) => f.kind === 'unique-claim')
    .map((f) => f.message)
    .sort();
  assert.deepEqual(messages, [
    'Only Coast News carries this quote from Ola Berg: "We have no choice at all this week".',
    'Only Coast News reports: "The port will close on Friday, harbour master Ola Berg said".',
  ]);
});

test('a claim only an article and its copy carry is "X and its copy", not "only X"', () => {
  // One outlet runs its story again with a sentence added: one outlet carries the claim.
  const text = 'The port will close on Friday, harbour master Ola Berg said.';
  const a = article('a', text, { outlet: 'Coast News', input: 'original.txt' });
  const b = article('b', `${text} Ferries will still run.`, { outlet: 'Coast News', input: 'bulletin.txt' });
  const c = article('c', 'Shipping lines were told on Monday to expect delays.', { outlet: 'Sea Post' });
  const claims: ClaimMention[] = [
    quote(a, 'The port will close on Friday', 'Ola Berg', false),
    quote(b, 'The port will close on Friday', 'Ola Berg', false),
  ];
  const derivations = [derivation('a', 'original'), derivation('b', 'rewrite', ['a']), derivation('c', 'independent')];
  const r = reconcileStory({ articles: [a, b, c], claims, derivations }, { semantic: false });
  const unique = r.findings.filter((f) => f.kind === 'unique-claim').map((f) => f.message);
  assert.deepEqual(unique, [
    'Only Coast News (original.txt) and its copy (Coast News (bulletin.txt)) report: "The port will close on Friday, harbour master Ola Berg said".',
  ]);
});

test('an outlet running its own story again is not an undisclosed copy', () => {
  const text = 'The bank kept its main rate at 4.5% on Thursday, governor Ingrid Holm said.';
  const a = article('a', text, { outlet: 'Finance Wire' });
  const b = article('b', text, { outlet: 'Finance Wire' });
  const c = article('c', text, { outlet: 'Market Watcher' });
  const derivations = [derivation('a', 'original'), derivation('b', 'copy', ['a']), derivation('c', 'copy', ['a'])];
  const r = reconcileStory({ articles: [a, b, c], claims: [], derivations }, { semantic: false });
  assert.deepEqual(
    r.findings.filter((f) => f.kind === 'undisclosed-copy').map((f) => f.articles[0]),
    ['c'],
  );
});

test('a sentence another outlet took over in its own words is not unique to its source', () => {
  const sourceText =
    'No illnesses linked to the yoghurt had been reported, the food safety authority said. The recall covers 1.4 million cartons.';
  const a = article('a', sourceText, { outlet: 'Capital Press' });
  const b = article('b', 'Nobody has fallen ill so far, officials said. About 1.4 million cartons are affected.', {
    outlet: 'Daily Shopper',
  });
  const reported = quote(a, 'No illnesses linked to the yoghurt had been reported', 'the food safety authority', false);
  const sentence = a.sentences[0]!;
  const evidence = [
    { text: sentence.text, sourceStart: sentence.start, sourceEnd: sentence.end, targetStart: 0, targetEnd: 45, similarity: 0.4 },
  ];
  const rewrite = { ...derivation('b', 'rewrite', ['a']), derivedFrom: [{ article: 'a', evidence, coverage: 0.6 }] };
  const unique = (derivations: Parameters<typeof reconcileStory>[0]['derivations']) =>
    reconcileStory({ articles: [a, b], claims: [reported], derivations }, { semantic: false }).findings.filter(
      (f) => f.kind === 'unique-claim',
    );
  assert.equal(unique([derivation('a', 'original'), rewrite]).length, 0);
  // Without the evidence (an independent report) the reported statement is the source's alone.
  assert.equal(unique([derivation('a', 'independent'), derivation('b', 'independent')]).length, 1);
});

test("substance of a claim one outlet carries: a rewrite's background and a writer's outlook are no finding", () => {
  const claim = (text: string, kind: 'statement' | 'quote' = 'statement') =>
    ({ id: 'c', kind, text, speaker: null, quantity: null, versions: [], origins: 1, uniqueTo: 'a', contested: false }) as const;
  const rows: [text: string, names: number, numbers: number, derived: boolean, positive: boolean][] = [
    ['The European Union tightened restrictions in its 16th sanctions package', 2, 1, false, true],
    ['Car-free centres have become popular in Ghent and Oslo', 2, 0, true, false],
    ['Similar bans elsewhere have raised shop rents by up to 10%', 0, 1, true, true],
    ['U.S. sanctions on Russian metals could complicate negotiations', 2, 0, false, false],
    ["The success of Putin's offer will depend on further negotiations", 1, 0, false, false],
    ['Holm declined to say when the bank might start cutting rates', 1, 0, false, true],
  ];
  for (const [text, names, numbers, derived, positive] of rows)
    assert.equal(substance(claim(text), names, numbers, derived) > 0, positive, text);
});

test("a long story lists at most a dozen one-outlet claims, each outlet's best before any outlet's second", () => {
  const outlets = Array.from({ length: 8 }, (_, i) => String.fromCharCode(97 + i));
  const towns = ['Orsa', 'Velmar', 'Doria', 'Hof', 'Strelsau', 'Riverton', 'Alpweide', 'Kessel'];
  const people = ['Lena Hartig', 'Jan Vik', 'Eva Lund', 'Peter Lind', 'Anna Novak', 'Carl Smith', 'Maria Lopez', 'Bo Chan'];
  const things = [
    'homes',
    'schools',
    'bridges',
    'parks',
    'clinics',
    'libraries',
    'buses',
    'ferries',
    'tunnels',
    'stations',
    'wells',
    'farms',
    'mills',
    'docks',
    'depots',
    'towers',
  ];
  const articles = outlets.map((key, i) =>
    article(
      key,
      `In ${towns[i]}, ${people[i]} promised ${120 + 7 * i} ${things[2 * i]} by spring. Residents of ${towns[i]} counted ${30 + 3 * i} ${things[2 * i + 1]} lost to the storm.`,
      {
        outlet: `Outlet ${key}`,
        published: `2025-07-1${i}T06:00:00Z`,
      },
    ),
  );
  const claims: ClaimMention[] = articles.flatMap((a, i) => [
    quantity(a, `${120 + 7 * i} ${things[2 * i]}`, 120 + 7 * i, things[2 * i]!),
    quantity(a, `${30 + 3 * i} ${things[2 * i + 1]}`, 30 + 3 * i, things[2 * i + 1]!),
  ]);
  const r = reconcileStory({ articles, claims, derivations: outlets.map((key) => derivation(key, 'independent')) }, { semantic: false });
  const unique = r.findings.filter((f) => f.kind === 'unique-claim');
  assert.equal(unique.length, 12);
  const firstEight = new Set(unique.slice(0, 8).map((f) => f.articles[0]));
  assert.equal(firstEight.size, 8, 'every outlet once before any twice');
  assert.throws(
    () => reconcileStory({ articles, claims, derivations: [] }, { maxUniqueFindingsPerStory: -1 }),
    /maxUniqueFindingsPerStory/,
  );
});

test('unique claims: a repeated sentence is one finding, and a one-outlet story has none', () => {
  const said = 'Officials counted 40 boats lost in the harbour.';
  const a = article('rep', `${said} ${said} The pier reopens on Friday.`, { outlet: 'Outlet R', published: '2025-07-10T06:00:00Z' });
  const b = article('oth', 'The harbour pier reopens on Friday after the storm, the council said.', {
    outlet: 'Outlet O',
    published: '2025-07-10T07:00:00Z',
  });
  const first = quantity(a, '40 boats', 40, 'boats');
  const second = a.sentences[1]!;
  const again: ClaimMention = {
    ...first,
    id: `${first.id}-again`,
    sentence: second.index,
    start: second.start + 18,
    end: second.start + 26,
  };
  const derivations = [derivation('rep', 'independent'), derivation('oth', 'independent')];
  const both = reconcileStory({ articles: [a, b], claims: [first, again], derivations }, { semantic: false });
  const unique = both.findings.filter((f) => f.kind === 'unique-claim');
  assert.equal(unique.length, 1, unique.map((f) => f.message).join('\n'));
  const alone = reconcileStory({ articles: [a], claims: [first, again], derivations: [derivations[0]!] }, { semantic: false });
  assert.deepEqual(
    alone.findings.filter((f) => f.kind === 'unique-claim'),
    [],
    'with nobody else reporting, "only" says nothing',
  );
});
