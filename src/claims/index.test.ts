import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractClaims, CLAIM_DEFAULTS } from './index.js';
import { splitSentences } from '../sentences/index.js';
import type { Article, ClaimMention } from '../records.js';

function claims(text: string, options = {}): ClaimMention[] {
  const article = { id: 'art', text } as Article;
  return extractClaims({ article, sentences: splitSentences(text) }, options);
}
const quotes = (text: string) => claims(text, { kinds: ['quote'] }).filter((c) => c.quote?.direct);
const reported = (text: string) => claims(text, { kinds: ['quote'] }).filter((c) => c.quote && !c.quote.direct);

// [text, expected direct quotes as [content, speaker]]
const DIRECT: [string, [string, string | null][]][] = [
  ['"We are ready," Putin said.', [['We are ready', 'Putin']]],
  // The closing mark left out before the attribution that ends the paragraph.
  [
    '"By rolling back this rule we protect species, the two men said in a statement.',
    [['By rolling back this rule we protect species', 'the two men']],
  ],
  // A name ending in a word for a place is no one "she" can be.
  [
    'Bettie Page was a model. Her career began when she took a walk along the beach at Coney Island. "God approves of nudity," she said.',
    [['God approves of nudity', 'Bettie Page']],
  ],
  ['“We are ready,” Putin said.', [['We are ready', 'Putin']]],
  ['Putin said: “We are ready to talk.”', [['We are ready to talk.', 'Putin']]],
  ['“We are ready,” said Russian President Vladimir Putin.', [['We are ready', 'Vladimir Putin']]],
  // interrupted by the attribution: one quote, content joined
  ['“We,” he said, “are ready to offer joint projects.” Vladimir Putin spoke on TV.', [['We are ready to offer joint projects.', null]]],
  [
    'Vladimir Putin spoke on TV. “We,” he said, “are ready to offer joint projects.”',
    [['We are ready to offer joint projects.', 'Vladimir Putin']],
  ],
  // several sentences inside one quote
  ['“This will not affect prices. It will restrain them,” Putin said.', [['This will not affect prices. It will restrain them', 'Putin']]],
  // insertions and a nested single quote stay in the text
  [
    '“We would offer [joint projects with] our American partners, and when I say ‘partners,’ I mean companies (too),” Putin said.',
    [['We would offer [joint projects with] our American partners, and when I say ‘partners,’ I mean companies (too)', 'Putin']],
  ],
  // a headline quote in single marks
  ["'Buckle in': Top economist says tariffs may backfire", [['Buckle in', 'Top economist']]],
  // scare quotes and titles are not speech
  ['The so-called “peace plan” was never published.', []],
  ['Critics called it a “deal” in name only.', []],
  ['Bessent told Fox News on “Sunday Morning Futures.”', []],
  // organisations speak
  ['“The talks were useful,” the Kremlin said.', [['The talks were useful', 'the Kremlin']]],
  ['“The talks were useful,” according to the Kremlin.', [['The talks were useful', 'the Kremlin']]],
  // a transcript line
  ['PUTIN: “We are ready to work with American companies.”', [['We are ready to work with American companies.', 'PUTIN']]],
];

test('direct quotes: marks, interruptions, insertions, headlines, scare quotes and titles', () => {
  for (const [text, expected] of DIRECT) {
    const got = quotes(text).map((q) => [
      q.text,
      q.quote!.speakerMention && q.quote!.speaker ? lastName(q.quote!.speaker, expected) : null,
    ]);
    assert.deepEqual(got, expected, text);
  }
});

/** Compares the resolved speaker, tolerating the test's shorter spelling of the same person. */
function lastName(speaker: string, expected: [string, string | null][]): string {
  const hit = expected.find(([, s]) => s !== null && (s === speaker || speaker.endsWith(` ${s}`)));
  return hit ? hit[1]! : speaker;
}

test('a quote over several paragraphs is one quote per paragraph, each with the speaker', () => {
  const text = 'Putin said:\n\n“We are ready to offer projects.\n\n“And when I say partners, I mean companies.”';
  const found = quotes(text);
  assert.deepEqual(
    found.map((q) => [q.text, q.quote?.speaker]),
    [
      ['We are ready to offer projects.', 'Putin'],
      ['And when I say partners, I mean companies.', 'Putin'],
    ],
  );
  for (const q of found) assert.ok(!q.text.includes('“'));
});

// One sentence a line, the statement's marks only at its first and last line.
const CONTINUED: [string, string[]][] = [
  [
    'He released a statement.\n"I was stopped by an officer.\nI don\'t think any charges will be filed.\nIn the event they are, I look forward to clearing my name."\nHe was released.',
    [
      'I was stopped by an officer.',
      "I don't think any charges will be filed.",
      'In the event they are, I look forward to clearing my name.',
    ],
  ],
  // tokenised closing marks, and a closing mark typed as an opening one
  [
    "She wrote, \"It's official: I'm hosting!\nI'd like to thank my wife. \"\nShe hosted in 2007.",
    ["It's official: I'm hosting!", "I'd like to thank my wife."],
  ],
  [
    '“ It ’ s official: I ’ m hosting!\nI ’ d like to thank my wife “, the comedian said.',
    ['It ’ s official: I ’ m hosting!', 'I ’ d like to thank my wife'],
  ],
  // a paragraph that opens a quote of its own is no continuation; neither is one whose first mark opens
  ['"We will win.\n"And we will do it soon," he said.', ['We will win.', 'And we will do it soon']],
  ['He said, "We will win.\nThe crowd cheered. Later he added, "We are ready," to applause.', ['We will win.', 'We are ready']],
];

test('a quote left open continues over unmarked lines to the line its closing mark ends', () => {
  for (const [text, expected] of CONTINUED) {
    assert.deepEqual(
      quotes(text).map((q) => q.text),
      expected,
      text,
    );
  }
});

test('an interrupted quote keeps both stretches as parts and offsets point into the text', () => {
  const text = '“We, by the way,” Putin said, “would be ready to offer projects.”';
  const [q] = quotes(text);
  assert.ok(q?.quote?.parts);
  assert.deepEqual(
    q.quote.parts.map((p) => text.slice(p.start, p.end)),
    ['We, by the way', 'would be ready to offer projects.'],
  );
  assert.equal(q.text, 'We, by the way would be ready to offer projects.');
  assert.equal(q.start, q.quote.parts[0]!.start);
  assert.equal(q.end, q.quote.parts[1]!.end);
  assert.equal(q.quote.cue, 'said');
  assert.equal(text.slice(q.quote.speakerStart!, q.quote.speakerEnd!), 'Putin');
});

const SPEAKERS: [string, string, string | null][] = [
  // [text, speaker of the last quote, role]
  ['Russian President Vladimir Putin met ministers. “We are ready to offer projects,” he said.', 'Vladimir Putin', 'Russian President'],
  ['Russian President Vladimir Putin met ministers. “We are ready to offer projects,” Putin said.', 'Vladimir Putin', 'Russian President'],
  [
    'Russian President Vladimir Putin met ministers. “We are ready to offer projects,” the Russian leader said.',
    'Vladimir Putin',
    'Russian President',
  ],
  [
    'French President Emmanuel Macron spoke after Trump. “This is a chance to talk,” the French president said.',
    'Emmanuel Macron',
    'French President',
  ],
  [
    'Treasury Secretary Scott Bessent spoke on Sunday. “The deal has a guarantee,” Bessent told reporters.',
    'Scott Bessent',
    'Treasury Secretary',
  ],
  ['Dmitry Peskov, the Kremlin spokesman, said: “Nothing is agreed yet.”', 'Dmitry Peskov', null],
  // no cue of its own: the speaker of the quote before it in the paragraph
  ['“There is distrust on both sides,” Trump said. “That is why I am coming in now.”', 'Trump', null],
  // he goes to the most recent compatible person, preferring the one who was speaking
  ['Vladimir Putin spoke to reporters after Maria Zakharova left. “We are ready to talk,” he said.', 'Vladimir Putin', null],
  ['Maria Zakharova spoke after Vladimir Putin left. “We are ready to talk,” she said.', 'Maria Zakharova', null],
];

// Who can speak: people, bodies, a document's issuer; never a noun phrase the quote happens to follow.
const WHO_SPEAKS: [string, string | null][] = [
  ['The White House released a statement on Tuesday. "The president is pleased with the talks," the statement said.', 'White House'],
  ['Mueller wants to ask President Trump four dozen questions. One question asks: "What did you know about the meeting?"', 'Mueller'],
  ['"No such outreach has been made to the embassy," No such outreach said.', null],
  [
    'Ellen DeGeneres tweeted the news on Friday.\n“I would like to thank my wife and the whole Academy,” the comedian and talk show host said.',
    'Ellen DeGeneres',
  ],
  ['Hugh Hefner was reported as saying about Page:\n"I think that she was a remarkable lady."', 'Hugh Hefner'],
  ['Smith issued the following statement on Jackson\'s arrest:\n"We are aware of the issue and we are disappointed."', 'Smith'],
  ['"We will wait for the court to decide," police officials said.', 'police officials'],
  // a participle hangs on the verb of saying before it, not on the sentence's first clause
  ['Bettie Page died. Nudity did not bother her, she said, explaining:\n"God approves of nudity."', 'Bettie Page'],
  // a film named for her is still her
  [
    'Bettie Page died on Thursday. The Notorious Bettie Page was made in 2005. "I don\'t want to be photographed," she said.',
    'Bettie Page',
  ],
];

test('speakers are people, bodies or the issuer of a statement, never any noun phrase', () => {
  for (const [text, speaker] of WHO_SPEAKS) assert.equal(quotes(text).at(-1)?.quote?.speaker ?? null, speaker, text);
});

test('speakers resolve to one full name with the role kept apart', () => {
  for (const [text, speaker, role] of SPEAKERS) {
    const q = quotes(text).at(-1);
    assert.equal(q?.quote?.speaker, speaker, text);
    if (role) assert.equal(q?.quote?.speakerRole, role, text);
  }
});

const INDIRECT: [string, string, string][] = [
  [
    'Vladimir Putin said Russian companies could supply up to 2 million tons of aluminum.',
    'Russian companies could supply up to 2 million tons of aluminum',
    'Vladimir Putin',
  ],
  [
    'Vladimir Putin spoke on TV. He noted that Russia had more resources than Ukraine.',
    'Russia had more resources than Ukraine',
    'Vladimir Putin',
  ],
  ['Boris Johnson said Monday that he believes Ukraine should sign the deal.', 'he believes Ukraine should sign the deal', 'Boris Johnson'],
  ['Russia could supply more aluminum next year, Putin said.', 'Russia could supply more aluminum next year', 'Putin'],
];

test('reported speech: the reported clause with its speaker, direct=false', () => {
  for (const [text, content, speaker] of INDIRECT) {
    const r = reported(text);
    assert.equal(r.length, 1, text);
    assert.equal(r[0]!.text, content, text);
    assert.equal(r[0]!.quote!.speaker, speaker, text);
  }
  assert.deepEqual(reported('Putin emphasized the readiness to engage companies.'), []);
  assert.deepEqual(reported('“We are ready,” Putin said.'), []);
});

test('statements: factual sentences split at "; " and ", and", questions and headings skipped', () => {
  const text =
    'Russia Offers Metals\n\nRussia has the fifth-largest reserves of rare earth metals; China has the largest reserves in the world. ' +
    'Rusal is the largest producer, and it employs 50,000 people in Siberia. Will the deal happen? ' +
    '“We are ready,” Putin said.';
  const statements = claims(text, { kinds: ['statement'] }).map((c) => c.text);
  assert.deepEqual(statements, [
    'Russia has the fifth-largest reserves of rare earth metals',
    'China has the largest reserves in the world',
    'Rusal is the largest producer',
    'it employs 50,000 people in Siberia',
  ]);
  // A clause without a name or number of its own is kept when its sentence has one (a denial here).
  assert.deepEqual(
    claims('The city council did not approve the plan unanimously, and two council members voted against it.', {
      kinds: ['statement'],
    }).map((c) => c.text),
    ['The city council did not approve the plan unanimously', 'two council members voted against it'],
  );
  assert.deepEqual(claims('The city council did not approve the plan unanimously.', { kinds: ['statement'] }), []);
  // A second predicate of one subject, and an aside about a name, are facts of their own.
  assert.deepEqual(
    claims('Reid recently launched a clothing line, Mantra, and is dating French designer Julien Jarmoune.', { kinds: ['statement'] }).map(
      (c) => c.text,
    ),
    ['Reid recently launched a clothing line, Mantra', 'is dating French designer Julien Jarmoune'],
  );
  assert.deepEqual(
    claims('Jackson, whose blood-alcohol level was unknown, was on probation for a previous DUI arrest.', { kinds: ['statement'] }).map(
      (c) => c.text,
    ),
    [
      'Jackson, whose blood-alcohol level was unknown, was on probation for a previous DUI arrest',
      'Jackson, whose blood-alcohol level was unknown',
    ],
  );
});

test('mentions carry ids, sentence index, context and offsets into the text', () => {
  const text = 'Putin met ministers.\n\n“We are ready,” he said. Russia mines 2,500 tons of concentrate a year.';
  const all = claims(text);
  const ids = new Set(all.map((c) => c.id));
  assert.equal(ids.size, all.length);
  for (const c of all) {
    assert.ok(c.id.startsWith('art:'));
    if (!c.quote?.parts) assert.equal(text.slice(c.start, c.end), c.text);
    assert.ok(c.context.includes(text.slice(c.start, Math.min(c.end, c.start + 5))));
  }
  const quantity = all.find((c) => c.kind === 'quantity');
  assert.equal(quantity?.quantity?.value, 2500);
  assert.equal(quantity?.quantity?.unit, 't');
  assert.equal(quantity?.quantity?.per, 'year');
  assert.equal(quantity?.sentence, 2);
  assert.deepEqual(claims(text), all, 'deterministic');
});

test('empty text and option defaults', () => {
  assert.deepEqual(claims(''), []);
  assert.deepEqual(claims('   \n\n  '), []);
  assert.ok(CLAIM_DEFAULTS.kinds.includes('statement'));
  assert.deepEqual(claims('Putin said 3 things.', { kinds: [] }), []);
});

// [text, the speaker mention the cue attaches to]
const ATTRIBUTIONS: [string, string][] = [
  ['“The court’s decision recognizes freedom,” Robert McDuff, an attorney for one of four groups that sued, said.', 'Robert McDuff'],
  ['“Clinton needs a strategy,” Nate Silver, the polling guru who founded the site, wrote on Monday.', 'Nate Silver'],
  ['Rep. Jim McDermott (D-Wash.) said the party was “not going to be like Trump” in the fall.', 'Rep. Jim McDermott (D-Wash.)'],
  ['“Carson is cratering,” Texas-based Matt Mackowiak said.', 'Texas-based Matt Mackowiak'],
  ['Still, the race “is a dead heat right now,” as Cruz said on the radio.', 'Cruz'],
  ['A Warren adviser, who spoke on condition of anonymity, said, “She takes the threat very seriously.”', 'A Warren adviser'],
  ['The timing does not surprise Republican pollster Daron Shaw: “Lesser-known candidates often surge.”', 'Republican pollster Daron Shaw'],
  ['President Clinton released the following statement:\n\n“Hillary and I offer our condolences to the family.”', 'President Clinton'],
  ['Sam Lau, a party spokesman, said in a statement. “There are no coin tosses in the rules at all.”', 'Sam Lau'],
  ['Band member Flea shared the news last week, writing “Feels great to support someone I believe in.”', 'Band member Flea'],
  ['“He may be the only one who can unite the party,” Viguerie notes.', 'Viguerie'],
  ['His office put out a statement saying the U.S. “does not have the capacity to vet every refugee.”', 'His office'],
  ['“Things are uncertain this year,” Thiel wrote in a statement explaining his choice, “but most Americans agree.”', 'Thiel'],
  ['Here in Columbia, Sanders stepped up his emphasis on justice, saying, "We have got to achieve the day."', 'Sanders'],
  ['Huma Abedin, a campaign vice chairwoman, emailed supporters on Monday, telling them, “I am a proud Muslim.”', 'Huma Abedin'],
  ['“OK, for a start, his wife has explained it,” Oliver barked at the camera.', 'Oliver'],
  ['“We are tired of waiting,” Trump on Tuesday said.', 'Trump'],
];

test('attributions: appositives, brackets, colons, announcing sentences, participles', () => {
  for (const [text, mention] of ATTRIBUTIONS) {
    const q = quotes(text);
    assert.equal(q.length, 1, text);
    assert.equal(q[0]!.quote!.speakerMention, mention, text);
  }
});

test('a lower-case restart after a long attribution is one interrupted quote', () => {
  const [q] = quotes('“Things are uncertain this year,” Thiel wrote in a statement explaining his choice, “but most Americans agree.”');
  assert.equal(q!.text, 'Things are uncertain this year but most Americans agree.');
  assert.equal(q!.quote!.parts!.length, 2);
});

test('an unattributed quote takes the person the sentence before names, without a mention', () => {
  const [q] = quotes('Richard Viguerie is upbeat about the campaign.\n\n“Not only can Ted Cruz win in November, he is the best choice.”');
  assert.equal(q!.quote!.speaker, 'Richard Viguerie');
  assert.equal(q!.quote!.speakerMention, null);
  assert.equal(q!.quote!.cue, null);
});

test('transcript lines are direct quotes with the label as speaker; lone headline labels are not', () => {
  const text =
    'Partial transcript as follows:\n\nJAKE TAPPER: Donald Trump released a video on Friday.\n\n' +
    'TRUMP: The deaths of Alton Sterling are tragic.\n\nTAPPER: Do you think he is a healer?\n\nFALLIN: I think he is trying.';
  const lines = quotes(text);
  assert.deepEqual(
    lines.map((q) => [q.text, q.quote!.speakerMention, q.quote!.cue]),
    [
      ['Donald Trump released a video on Friday.', 'JAKE TAPPER', ':'],
      ['The deaths of Alton Sterling are tragic.', 'TRUMP', ':'],
      ['Do you think he is a healer?', 'TAPPER', ':'],
      ['I think he is trying.', 'FALLIN', ':'],
    ],
  );
  assert.equal(lines[1]!.quote!.speaker, 'Donald Trump');
  assert.deepEqual(quotes('UPDATE: The site removed it.\n\nHUFFPOLLSTER: A shift among voters.'), []);
});

test('relatives who share a surname stay apart; a bare surname goes to the one named last', () => {
  const q = quotes(
    'Hillary Clinton and Bill Clinton spoke in Iowa. “We will win,” Hillary Clinton said. ' +
      '“It was a long day,” Bill Clinton said later. “We are ready,” Clinton said.',
  );
  assert.deepEqual(
    q.map((c) => c.quote!.speaker),
    ['Hillary Clinton', 'Bill Clinton', 'Bill Clinton'],
  );
});

test('a sentence holding a phrase in quotation marks is still a statement; one that is mostly a quote is not', () => {
  const statements = (text: string) => claims(text, { kinds: ['quote', 'statement'] }).filter((c) => c.kind === 'statement');
  const fragment = 'Nixon press secretary Ron Ziegler dismissed the incident as "a third-rate burglary," but details tumbled out later.';
  assert.equal(statements(fragment).length, 1);
  const title = 'Smart and ambitious, she was the salutatorian of her high school class and was voted "Most Likely to Succeed."';
  assert.equal(statements(title).length, 1);
  assert.equal(statements('"We will not back down from this fight at all," Senator Ann Wells told reporters on Monday.').length, 0);
});

test('"according to" someone named reports their words; a document sources a fact without a speaker', () => {
  const rows: [string, [string, string] | null][] = [
    [
      'The actress has checked into Promises Treatment Center in Malibu, according to her publicist, Jack Ketsoyan.',
      ['The actress has checked into Promises Treatment Center in Malibu', 'Jack Ketsoyan'],
    ],
    [
      'According to the San Diego Union-Tribune, Jackson was pulled over on state Route 52.',
      ['Jackson was pulled over on state Route 52', 'the San Diego Union-Tribune'],
    ],
    ['Russia ranks fifth, according to data from the U.S. Geological Survey.', null],
    ['The company lost $5 million last year, according to a filing.', null],
  ];
  for (const [text, expected] of rows) {
    const found = reported(text).map((c) => [c.text, c.quote?.speaker ?? null]);
    assert.deepEqual(found, expected ? [expected] : [], text);
  }
});

test('statements: an aside between dashes, a title in quotation marks, a duty with a date', () => {
  const texts = (text: string) => claims(text, { kinds: ['statement'] }).map((c) => c.text);
  assert.ok(
    texts('The show drew high ratings – 40.3 million people watched, 2% more than in 2012 – and he will not host again.').includes(
      '40.3 million people watched, 2% more than in 2012',
    ),
  );
  assert.deepEqual(texts('Her film credits include "Van Wilder" and "The Big Lebowski."'), [
    'Her film credits include "Van Wilder" and "The Big Lebowski."',
  ]);
  assert.deepEqual(texts('Salazar must make a judgment on this rule by May 9th.'), [
    'Salazar must make a judgment on this rule by May 9th',
  ]);
  assert.deepEqual(texts('Salazar must make a better judgment on this rule.'), []);
});
