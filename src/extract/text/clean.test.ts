// Chrome lines a person would never call article text, each kind removed from HTML paragraphs and
// from copied plain text alike, next to news sentences that share their words and must stay.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Rejection } from '../../records.js';
import { extractArticle } from '../index.js';
import { filterChromeParagraphs } from './clean.js';

const STORY = [
  'Officials in the northern province said on Monday that the new bridge would open to traffic next spring after two years of delays.',
  'The project, which cost more than $40 million, was slowed by flooding and a shortage of steel, the transport ministry said in a statement.',
  '"We are proud that the work is finally nearing completion," the governor told reporters at the site, adding that tolls would stay low.',
];

function article(result: Article | Rejection): Article {
  if ('code' in result) assert.fail(`expected an article, got ${result.code}: ${result.reason}`);
  return result;
}

/** The story with `line` after its first paragraph, as HTML and as copied text. */
function extractBoth(line: string): { html: string; text: string } {
  const html = article(
    extractArticle({
      input: 'p.html',
      format: 'html',
      content: `<article><p>${STORY[0]}</p><p>${line}</p><p>${STORY[1]}</p><p>${STORY[2]}</p></article>`,
    }),
  ).text;
  const text = article(extractArticle({ input: 'p.txt', format: 'text', content: `${STORY[0]}\n${line}\n${STORY[1]}\n${STORY[2]}` })).text;
  return { html, text };
}

const LONG_PITCH =
  'If you enjoyed this article, we have a proposition for you: join Herald Plus. Members get all of our content, including the weekly magazine, no paywalls or meters, an advertising-light experience, and access to our writers and editors on calls and in groups. And importantly, members keep the Herald going. Consider it?';

/** [kind, lines]: every line must go, wherever in the story it stands. */
const CHROME: [string, string[]][] = [
  ['WordPress like button', ['Like this:', 'Like Loading...', 'Gefällt mir Wird geladen …']],
  ['share pitch', ['Sharing is caring!', 'Spread the love']],
  ['advertisement label in other languages', ['Iklan', 'Reklama', 'Advertentie', '광고', 'Sponsored links', 'Contenido patrocinado']],
  ['one tag or category', ['Filed under: Khawarij |', 'Category: Health', 'Рубрика: Общество']],
  ['line of post labels', ['05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: ponte nova']],
  [
    'insert with its headline',
    [
      'Related Roundup: Bridges',
      '[Related: Floods close mountain roads]',
      'SEE MORE: Floods close mountain roads',
      'Also: See our coverage of the floods',
    ],
  ],
  [
    'heading over other stories',
    [
      'More Great Valley Herald Stories',
      'More in Amsterdam',
      'Weitere Nachrichten aus Berlin',
      'Más noticias de Valencia',
      "DON'T MISS",
      'More:',
    ],
  ],
  ['list label after the site name', ['Entermedia 주요뉴스', 'Herald Most Popular']],
  [
    'teasers tagged for what they link to',
    [
      'Floods close roads [INSIGHT] Steel prices climb again [VIDEO] Ferry service to end [REVEAL]',
      'Bridge review: what the new span looks like [Video]',
    ],
  ],
  [
    'teaser titles cut short',
    ['[Bridge Week] Tourism Office Rush Ticket Pro... [Bridge Week] The Beauty of the River Revealed at ‘2026 Welcome...'],
  ],
  ['comment count', ['0 Comments (+)', 'Comments (12)', '18 Comments +']],
  ['icon-font ligature words', ['chevron_left Browse All Posts', 'arrow_forward', 'keyboard_arrow_down']],
  ['class-like tokens', ['landscape-tablet-and-above', 'narrow-browser-and-phone medium-wide-browser']],
  [
    'image address dump',
    ['http://example.com/uploads/2018/10/bridge-at-dusk.jpeg 1200 676 admin http://example.com/uploads/sites/3/logo.png'],
  ],
  [
    'photo credit',
    [
      'личный архив Андрея Рудькова',
      'Courtesy of the Lee family',
      'The bridge at dusk. (NASA/JPL-Caltech/ASU)',
      'The bridge at dusk. (credit: Jane Roe)',
      'Via SyndiGate.info',
    ],
  ],
  ['agency on a line of its own', ['Associated Press', 'Reuters, Washington,', 'PTI, New Delhi,']],
  [
    'who else reported',
    [
      'Keith Bradsher contributed reporting from Hong Kong.',
      'Associated Press writers Ann Lee, Bo Chan and Carla Diaz contributed to this report.',
    ],
  ],
  [
    'follow prompt',
    [
      'Follow us on Twitter @valleyherald for more.',
      'Suivez-nous sur Facebook',
      "Welcome to the Herald's Daily Deals, your source for the best deals on the stuff you actually want to buy. Follow us at Twitter @heralddeals.",
    ],
  ],
  ['write-to contact', ['Write to Ann Lee at ann.lee@example.com']],
  [
    'subscription prompt',
    [
      'Subscribe to the Valley Herald and stay smart with more of your favorite writers.',
      'Let our news meet your inbox. The news and stories that matter, delivered weekday mornings.',
      'Abonnez-vous pour lire la suite',
    ],
  ],
  [
    'long pitch to the reader',
    [
      LONG_PITCH,
      "Get access to the region's fastest growing business service Herald Pro for as little as Rs 599 for the first year. Use the code HERALD. Herald Pro offers you all the information you need for wealth creation, including investment ideas, independent research and analysis. For more information, check out the Herald website or app.",
    ],
  ],
  [
    'pointer to a link',
    [
      'Follow our full coverage of the floods at https://example.com/floods',
      'Listen to the show live at 12:45 and 17:45 weekdays - or listen back here.',
      'LEARN MORE',
      'Click here to download the app.',
    ],
  ],
  ['timestamp in the middle of the text', ['19 Nov 2019 05:44 GMT', 'Wednesday 20 November 2019 11:42, UK']],
  ['page tools', ['Text size', 'Text']],
];

for (const [kind, lines] of CHROME) {
  test(`chrome line goes from HTML and plain text: ${kind}`, () => {
    for (const line of lines) {
      const { html, text } = extractBoth(line);
      assert.equal(html, STORY.join('\n\n'), `html kept: ${line}`);
      assert.equal(text, STORY.join('\n\n'), `text kept: ${line}`);
    }
  });
}

/** News sentences and subheadings that share words or shapes with the chrome above. */
const KEPT: string[] = [
  'Subscribers rose 5% in the third quarter, the company said on Tuesday.',
  'Follow-up inspections found no further cracks in the steel, the engineers said.',
  'More than 200 people attended the meeting in Amsterdam on Monday evening.',
  'More on the vote',
  'Tickets for the opening ceremony sell for as little as $5, the city said.',
  'Like many residents, she crosses the river twice a day.',
  'Reuters reported on Monday that the bridge had failed an earlier inspection.',
  'The advertisement, which ran in three newspapers, drew dozens of complaints.',
  'Courtesy of the city, residents will park for free this weekend.',
  'Ukraine hopes to become a member of NATO, its foreign minister said.',
  'He said he would follow them on the road to the capital on Friday.',
  "The protesters said they would not subscribe to the union's demands.",
  'The bridge closed at 11:42 on 20 November 2019, police said.',
  'Tags were attached to each of the 40 trees along the river bank.',
  'The setting is called dark_mode in the new version of the app.',
  'Officials said the agency (EPA) would review the project next year.',
  'Who pays for the bridge?',
  'There is nothing more to see here.',
  'Results: Lee 52%, Chan 48%',
  'Servers MUST comply with HTTP/1.1 [HTTP] and accept bearer tokens [BEARER].',
];

test('news sentences and subheadings that look like chrome stay, in HTML and plain text', () => {
  for (const line of KEPT) {
    const { html, text } = extractBoth(line);
    assert.ok(html.includes(line), `html lost: ${line}`);
    assert.ok(text.includes(line), `text lost: ${line}`);
  }
});

test('a page of a specification citing [HTTP] and [BEARER] is prose, not a row of teasers', () => {
  const page =
    'Clients SHOULD make requests over https [HTTPS], and servers MUST comply with HTTP/1.1 [HTTP]. Servers MAY also offer ' +
    'an optional switch to SPDY [SPDY]. A request is successful if the response code is in the 2xx range, and unsuccessful ' +
    'if an error occurred or a condition was not met, as defined by [HTTP, section 6] and [BEARER, section 3.1]. Example Draft [Page 4]';
  const { html, text } = extractBoth(page);
  assert.ok(html.includes(page), 'html lost the page');
  assert.ok(text.includes(page), 'text lost the page');
});

test('a quote loses the "Click To Tweet" button glued to it and keeps its words', () => {
  const quote = 'Every online business exists in its own little corner of space and time.';
  const { html, text } = extractBoth(`${quote}Click To Tweet`);
  assert.deepEqual(html.split('\n\n'), [STORY[0], quote, STORY[1], STORY[2]]);
  assert.deepEqual(text.split('\n\n'), [STORY[0], quote, STORY[1], STORY[2]]);
});

test('a byline that ends in a time of day is the byline, with its date', () => {
  const content = `<article><p>By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.</p>${STORY.map((p) => `<p>${p}</p>`).join('')}</article>`;
  const a = article(extractArticle({ input: 'b.html', format: 'html', content }));
  assert.equal(a.text, STORY.join('\n\n'));
  assert.equal(a.byline, 'Louis Jacobson');
  assert.equal(a.published?.slice(0, 10), '2019-11-18');
});

/** The story as HTML with a stated author and paragraphs after it; and as copied text with a byline line. */
function withAuthor(after: string[], head = ''): { html: string; text: string } {
  const html = article(
    extractArticle({
      input: 'a.html',
      format: 'html',
      content: `<html><head><meta name="author" content="Ann Lee">${head}</head><body><article>${[...STORY, ...after].map((p) => `<p>${p}</p>`).join('')}</article></body></html>`,
    }),
  ).text;
  const text = article(
    extractArticle({
      input: 'a.txt',
      format: 'text',
      content: `Bridge to open next spring after delays\nBy Ann Lee\n${[...STORY, ...after].join('\n')}`,
    }),
  ).text;
  return { html, text };
}

test("author bios after the story go: about the byline's own person, a job, a life", () => {
  const bios = [
    "Ann Lee is the Herald's bridges curator and spends 25% of her pay on ferry tickets.",
    'Ann Lee’s book about bridges, "Spans" (Harbor Press, 2025), is out now.',
    'Maria Lopez is a senior reporter for The Daily Ledger. She covers transport and infrastructure.',
    'Regan is a Connecticut native now living in Massachusetts with her husband, two sons and two cats. She loves day trips.',
  ];
  for (const bio of bios) {
    const { html, text } = withAuthor([bio]);
    assert.equal(html, STORY.join('\n\n'), `html kept: ${bio}`);
    assert.equal(text, STORY.join('\n\n'), `text kept: ${bio}`);
  }
});

test('sentences about people inside the story or at its end stay: past tense, not the author, no private life', () => {
  const sentences = [
    'Jamal Khashoggi was a columnist for The Washington Post when he was killed in Istanbul in 2018.',
    'Noem is a native of Watertown and a graduate of South Dakota State University, her office said.',
    'Ann Leeds is a native of the valley and has driven over the old bridge every day for thirty years.',
  ];
  for (const sentence of sentences) {
    for (const where of ['middle', 'end'] as const) {
      const after = where === 'end' ? [sentence] : [];
      const html = article(
        extractArticle({
          input: 'k.html',
          format: 'html',
          content: `<head><meta name="author" content="Ann Lee"></head><article>${(where === 'middle' ? [STORY[0], sentence, STORY[1], STORY[2]] : [...STORY, ...after]).map((p) => `<p>${p}</p>`).join('')}</article>`,
        }),
      ).text;
      assert.ok(html.includes(sentence), `html (${where}) lost: ${sentence}`);
      const text = article(
        extractArticle({
          input: 'k.txt',
          format: 'text',
          content: (where === 'middle' ? [STORY[0], sentence, STORY[1], STORY[2]] : [...STORY, ...after]).join('\n'),
        }),
      ).text;
      assert.ok(text.includes(sentence), `text (${where}) lost: ${sentence}`);
    }
  }
  // A reporter's job, said of someone in the story (not after it), is news too.
  const middle = 'Maria Lopez is a senior reporter for The Daily Ledger and was the first to report the cracks in the span.';
  const text = article(extractArticle({ input: 'm.txt', format: 'text', content: [STORY[0], middle, STORY[1], STORY[2]].join('\n') })).text;
  assert.ok(text.includes(middle), text);
});

test('the author the page describes in JSON-LD is named through its @id, and that description goes wherever it is printed', () => {
  const bio = 'Regan writes about family hikes and day trips around New England from her home in Worcester.';
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'BlogPosting', headline: 'Hiking the Flatirons', author: { '@id': '#/schema/person/1' } },
      { '@type': 'Person', '@id': '#/schema/person/1', name: 'Regan Shae', description: bio },
    ],
  });
  const content = `<html><head><script type="application/ld+json">${ld}</script></head><body><article><p>${STORY[0]}</p><p>${bio}</p><p>${STORY[1]}</p><p>${STORY[2]}</p></article></body></html>`;
  const a = article(extractArticle({ input: 'ld.html', format: 'html', content }));
  assert.equal(a.byline, 'Regan Shae');
  assert.equal(a.text, STORY.join('\n\n'));
});

test('an author box marked by its class goes with its short bio', () => {
  const box =
    '<div class="post-author"><h5><a href="/author/ann" rel="author">Ann</a></h5><p>Ann writes about bridges, ferries and the people who cross them.</p></div>';
  const a = article(
    extractArticle({ input: 'box.html', format: 'html', content: `<article>${STORY.map((p) => `<p>${p}</p>`).join('')}${box}</article>` }),
  );
  assert.equal(a.text, STORY.join('\n\n'));
});

test('a separator line of underscores or stars goes', () => {
  const { html, text } = extractBoth('______________________________');
  assert.equal(html, STORY.join('\n\n'));
  assert.equal(text, STORY.join('\n\n'));
});

test('a heading over other stories takes its list with it, in HTML and plain text; one line under a label is kept', () => {
  const list = [
    'More Great Herald Stories',
    'The strange life and mysterious death of a ferry captain',
    'How the city gets the budget backward',
    'What the new toll means for commuters',
  ];
  const html = article(
    extractArticle({
      input: 'l.html',
      format: 'html',
      content: `<article>${[...STORY, ...list].map((p) => `<p>${p}</p>`).join('')}</article>`,
    }),
  ).text;
  assert.equal(html, STORY.join('\n\n'));
  const text = article(extractArticle({ input: 'l.txt', format: 'text', content: [...STORY, ...list].join('\n') })).text;
  assert.equal(text, STORY.join('\n\n'));
  // A "Read more" button is not a list heading: the subheading after it belongs to the story.
  const middle = article(
    extractArticle({
      input: 'm.html',
      format: 'html',
      content: `<article>${[STORY[0], 'Read more', 'Who pays for the bridge?', 'Tolls stay low', STORY[1], STORY[2]].map((p) => `<p>${p}</p>`).join('')}</article>`,
    }),
  ).text;
  assert.deepEqual(middle.split('\n\n'), [STORY[0], 'Who pays for the bridge?', 'Tolls stay low', STORY[1], STORY[2]]);
});

test('the comment form under a blog post goes line by line', () => {
  const story = 'The council approved the new cycle lanes on Tuesday after a two-hour debate, with work to start in the spring.';
  const form = [
    'Leave a Reply Cancel reply',
    'Name (required)',
    'Mail (will not be published) (required)',
    'Website',
    'Be the first to like this.',
    'You must be logged in to post a comment.',
    'There are no trackbacks to display at this time.',
    'The comments to this entry are closed.',
    'blog comments powered by Disqus',
    'Name *',
    'Email address:',
    "Email (won't be published) (required)",
    'You can use these HTML tags',
    'Leave a reply (Cancel reply)',
    'TrackBack URL for this entry:',
  ];
  const result = filterChromeParagraphs([story, ...form]);
  assert.deepEqual(result.kept, [story]);
  assert.ok(
    result.removed.every((block) => block.reason === 'comment widget'),
    JSON.stringify(result.removed),
  );
});

/**
 * [kind, closing lines]: the story's own ending after its last long paragraph, which plain text
 * must keep. Each is followed by the page's footer, which must still go.
 */
const CLOSINGS: [string, string[]][] = [
  ['a quote closed after a space', ['Zadan added: "We are thrilled to have her back on the stage. "', 'She hosted the show in 2007. ”']],
  ['short closing sentences', ['Best decision ever.', 'Good luck, Tara.', 'Rest in peace.']],
  ['short sentences with words pages use too', ['The video went viral.', 'Like father, like son.', 'The site reopens in June.']],
  [
    'the rest of a quote, line by line',
    ['"Obviously we\'re disappointed.', 'We take these issues very seriously.', 'Moving forward, we will monitor the situation."'],
  ],
  ['a lead-in to a quote', ['The judge had advice for the guards who will watch him:', '"Do not trust him ever again.', 'Ever again."']],
  [
    'a paragraph that lost its full stop',
    ['But it seems more likely that he would get back on the bench as an assistant or move to a college program'],
  ],
];
const FOOTER = ['Share This', 'Thanks for reading our paper.', 'About us', 'Privacy Policy', 'Ann Lee', '© 2026 Valley Media'];

test("plain text: the story's closing lines stay, the footer after them goes", () => {
  for (const [kind, closing] of CLOSINGS) {
    const content = [...STORY, ...closing, ...FOOTER].join('\n');
    const text = article(extractArticle({ input: 'c.txt', format: 'text', content })).text;
    assert.deepEqual(text.split('\n\n'), [...STORY, ...closing], kind);
  }
});

test('plain text: a sign-off, a label or a list of links straight after the story is the footer', () => {
  const footers = [
    ['Thanks for reading!', 'Comments are closed.'],
    ['Log in to comment.', 'Print this page.'],
    ['Report an error.', 'Please enable JavaScript.'],
    ['Sound off in the comments below!'],
    ['Tags:', 'bridges', 'ferries'],
    ['Home', 'About', 'Contact us'],
    ['Ferry captain retires after forty years on the river', 'City council approves new toll plan'],
  ];
  for (const footer of footers) {
    const text = article(extractArticle({ input: 'f.txt', format: 'text', content: [...STORY, ...footer].join('\n') })).text;
    assert.equal(text, STORY.join('\n\n'), footer.join(' / '));
  }
});

test('a quotation that ends on a line of its own is not taken for an author bio', () => {
  const quote = [
    'The producers said of their host: "He is a consummate entertainer.',
    'Hugh is the ideal choice to host a celebration of the year\'s movies, and to have fun doing it."',
  ];
  const text = article(extractArticle({ input: 'q.txt', format: 'text', content: [...STORY, ...quote].join('\n') })).text;
  assert.deepEqual(text.split('\n\n'), [...STORY, ...quote]);
});
