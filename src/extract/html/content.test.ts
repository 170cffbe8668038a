// The page structure that holds story text: what the HTML main-text pass must keep (subheadings,
// list points, quoted posts, a word split by a comment) and the chrome beside it that must still go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Article, Rejection } from '../../records.js';
import { extractArticle } from '../index.js';

const STORY: readonly [string, string, string] = [
  'Officials in the northern province said on Monday that the new bridge would open to traffic next spring after two years of delays.',
  'The project, which cost more than $40 million, was slowed by flooding and a shortage of steel, the transport ministry said in a statement.',
  '"We are proud that the work is finally nearing completion," the governor told reporters at the site, adding that tolls would stay low.',
];

function textOf(body: string): string {
  const result: Article | Rejection = extractArticle({
    input: 'page.html',
    format: 'html',
    content: `<html><body><article><h1>Bridge to open next spring</h1>${body}</article></body></html>`,
  });
  if ('code' in result) assert.fail(`rejected: ${result.reason}`);
  return result.text;
}

const p = (text: string) => `<p>${text}</p>`;

test('a comment inside a word leaves the word whole', () => {
  const text = textOf(
    `${p(STORY[0])}<p>Ev<!-- -->en the mayor's supporters had trouble hiding their frustration with the delays.</p>${p(STORY[1])}`,
  );
  assert.ok(text.includes("Even the mayor's supporters"), text);
});

test('a paragraph ending in an abbreviation in brackets is story; a caption ending in an agency is not', () => {
  const paragraph =
    'Das Thema mit dem höchsten Potenzial, aber auch mit den meisten Hindernissen, wird seit Jahren in Kliniken, Praxen und Ministerien intensiv diskutiert: die elektronische Patientenakte (ePA)';
  const caption = 'Der Minister stellt die neue Patientenakte in Berlin vor (dpa)';
  const text = textOf(`${p(STORY[0])}${p(paragraph)}${p(caption)}${p(STORY[1])}`);
  assert.ok(text.includes(paragraph), text);
  assert.ok(!text.includes(caption), text);
});

test('a "subheadline" block is the dek above the story and a subheading inside it', () => {
  const dek = '<div class="pf_subheadline">The long-delayed bridge is finally nearly finished</div>';
  const subheading = '<div class="pf_subheadline">Who pays for the bridge?</div>';
  const text = textOf(`${dek}${p(STORY[0])}${p(STORY[1])}${subheading}${p(STORY[2])}`);
  assert.deepEqual(text.split('\n\n'), [STORY[0], STORY[1], 'Who pays for the bridge?', STORY[2]]);
});

test('points of a list in the story stay when one of them is mostly a link; a list of links goes', () => {
  const points =
    '<ul><li>Tolls will stay at two dollars for cars</li><li><a href="/trucks">Trucks will pay more</a> at night</li><li>Cyclists cross for free</li></ul>';
  const related =
    '<ul><li><a href="/a">Floods close mountain roads</a></li><li><a href="/b">Steel prices climb again</a></li><li><a href="/c">Ferry service to end in May</a></li></ul>';
  const text = textOf(`${p(STORY[0])}${points}${p(STORY[1])}${p(STORY[2])}${related}`);
  assert.deepEqual(text.split('\n\n'), [
    STORY[0],
    'Tolls will stay at two dollars for cars',
    'Trucks will pay more at night',
    'Cyclists cross for free',
    STORY[1],
    STORY[2],
  ]);
});

test('an embedded post quoted in the story stays inside its "social" wrapper; a share bar does not', () => {
  const tweet =
    '<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The bridge is finally open and it looks great</p>— Jane Roe (@janeroe) <a href="https://twitter.com/janeroe/status/1">November 18, 2026</a></blockquote></div>';
  const share = '<div class="social-share"><p>Share this story with a friend who drives over the river every day</p></div>';
  const text = textOf(`${p(STORY[0])}${tweet}${p(STORY[1])}${share}${p(STORY[2])}`);
  assert.ok(text.includes('The bridge is finally open and it looks great'), text);
  assert.ok(text.includes('— Jane Roe (@janeroe) November 18, 2026'), text);
  assert.ok(!text.includes('Share this story'), text);
});

test('link-dense teasers go: a paragraph that is one headline link, a heading over a list of other stories, cut-short titles', () => {
  const capsLink =
    '<p><strong><a href="/other">\'BRIDGE WEEK\' HOST OPENS UP ABOUT SERIOUS HEALTH CONDITION AFTER THE SHOW</a></strong></p>';
  const moreStories =
    '<div class="heading-h3">More Great Herald Stories</div><ul><li>The strange life and <a href="/a">mysterious death of a ferry captain</a></li><li>How the city <a href="/b">gets the budget backward</a></li><li>What the <a href="/c">new toll means for commuters</a></li></ul>';
  const truncated =
    '<p>[Bridge Week] Tourism Office Rush Ticket Pro... [Bridge Week] The Beauty of the River Revealed at ‘2026 Welcome...</p>';
  const text = textOf(`${p(STORY[0])}${capsLink}${p(STORY[1])}${truncated}${p(STORY[2])}${moreStories}`);
  assert.equal(text, STORY.join('\n\n'));
});

test("the story's own structure stays: subheadings, key points, a table of results, a quote in a blockquote, a cited address", () => {
  // An address written out is a source the story cites, not a headline link.
  const address = 'http://www.example.org/2026/11/22/report-on-the-condition-of-the-old-river-bridge.html';
  const keyPoints =
    '<h2>Key points</h2><ul><li>The bridge opens in April</li><li>Tolls stay at two dollars</li><li>Cyclists cross for free</li></ul>';
  const results =
    '<h3>Results</h3><table><tr><th>Candidate</th><th>Votes</th></tr><tr><td>Ann Lee</td><td>52%</td></tr><tr><td>Bo Chan</td><td>48%</td></tr></table>';
  const quote = '<blockquote><p>"This bridge will change how the whole valley lives and works," the mayor said.</p></blockquote>';
  const source = `<p><a href="${address}">${address}</a></p>`;
  const text = textOf(`${p(STORY[0])}${keyPoints}${p(STORY[1])}${results}${quote}${p(STORY[2])}${source}`);
  assert.deepEqual(text.split('\n\n'), [
    STORY[0],
    'Key points',
    'The bridge opens in April',
    'Tolls stay at two dollars',
    'Cyclists cross for free',
    STORY[1],
    'Results',
    'Candidate Votes',
    'Ann Lee 52%',
    'Bo Chan 48%',
    '"This bridge will change how the whole valley lives and works," the mayor said.',
    STORY[2],
    address,
  ]);
});

function extractPage(html: string, options: { withComments?: boolean } = {}): Article {
  const result = extractArticle({ input: 'page.html', format: 'html', content: html }, options);
  if ('code' in result) assert.fail(`rejected: ${result.reason}`);
  return result;
}

const COMMENTS = [
  'I drove across the old bridge every day for twenty years and I will not miss the traffic jams one bit.',
  'Forty million dollars seems like a lot for a bridge this size, and I hope someone checks those invoices.',
  'My brother works on the site and says the steel shortage was much worse than the ministry ever admitted.',
  'Will there finally be a safe lane for bicycles, or do we still have to share the road with the lorries?',
];
/** The thread as the reader sees it: each comment's author line, then the comment. */
const THREAD_TEXT = COMMENTS.flatMap((c, i) => [`Reader ${i + 1}`, c]);
const thread = (cls: string) =>
  `<div id="comments" class="${cls}"><h3>${COMMENTS.length} Comments</h3><ol class="commentlist">${COMMENTS.map(
    (c, i) =>
      `<li class="comment"><div class="comment-author">Reader ${i + 1}</div><div class="comment-body"><p>${c}</p></div><a href="#reply">Reply</a></li>`,
  ).join('')}</ol></div>`;

test('a page whose text all sits in boxes named like chrome is read again without the names', () => {
  // A photo blog: the post's text is the description in its photo's "caption" box, the only text on the page.
  const photos = `<div class="image-wrapper"><img src="x.jpg"><div class="caption-image">${STORY.map(p).join('')}</div></div>`;
  const page = extractPage(
    `<html><body><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><div class="post"><h1>Bridge photos</h1>${photos}</div><footer>© Blog</footer></body></html>`,
  );
  assert.deepEqual(page.text.split('\n\n'), [...STORY]);
});

test("readers' comments: left out by default, kept after the story with withComments", () => {
  const html = `<html><body><article><h1>Bridge to open next spring</h1>${STORY.map(p).join('')}${thread('comments-area')}</article><aside><a href="/x">Most read</a></aside></body></html>`;
  const plain = extractPage(html);
  assert.deepEqual(plain.text.split('\n\n'), [...STORY]);
  const withComments = extractPage(html, { withComments: true });
  assert.deepEqual(withComments.text.split('\n\n'), [...STORY, ...THREAD_TEXT]);
  // A thread outside the story's container is found too.
  const outside = extractPage(
    `<html><body><article><h1>Bridge</h1>${STORY.map(p).join('')}</article>${thread('comments-area')}</body></html>`,
    { withComments: true },
  );
  assert.deepEqual(outside.text.split('\n\n').slice(STORY.length), THREAD_TEXT);
});

test('a post with no story but its discussion gives the discussion', () => {
  const page = extractPage(
    `<html><body><div class="post"><h1>Open thread: the new bridge</h1><p>By Ann Lee</p></div>${thread('comments')}</body></html>`,
  );
  for (const comment of COMMENTS) assert.ok(page.text.includes(comment), page.text);
});

test('a subheading and a link-heavy paragraph standing between two parts of the story are the story', () => {
  const more = 'Crews worked through the night to pour the last section of the deck before the first frost arrived in the valley.';
  const linked =
    'But a new report released on Monday by <a href="/r">Stanford University\'s Center on Poverty and Inequality</a> calls that into question.';
  // The lede block wins; the blocks after it are its siblings, and the two in between score low on their own.
  const page = extractPage(
    `<html><body><div class="col-8"><div class="block-1">${[...STORY, more].map(p).join('')}</div><h2>Who pays for the bridge?</h2><p>${linked}</p><p>The vote is on Friday.</p></div><div class="sidebar"><a href="/a">Floods close mountain roads</a></div></body></html>`,
  );
  assert.deepEqual(page.text.split('\n\n'), [
    ...STORY,
    more,
    'Who pays for the bridge?',
    "But a new report released on Monday by Stanford University's Center on Poverty and Inequality calls that into question.",
    'The vote is on Friday.',
  ]);
});

test('a short story followed by a long list of links in the same box keeps the story and drops the list', () => {
  const previous = Array.from(
    { length: 14 },
    (_, i) => `<li><a href="/ep${i}">Episode ${i}: an interview about the doctrine of something</a></li>`,
  ).join('');
  const page = extractPage(
    `<html><body><div class="col"><div>${STORY.map(p).join('')}<hr><p>Previous interviews:</p><ul>${previous}</ul></div></div></body></html>`,
  );
  assert.deepEqual(page.text.split('\n\n').slice(0, 3), [...STORY]);
  assert.ok(!page.text.includes('Episode 3'), page.text);
});

// "signature" is not read as chrome: French sites print the byline in a "signature" box.
test('a forum thread: every post is the text; profiles and the board footer are not', () => {
  const posts = [
    'Hallo zusammen, ich habe seit gestern das Problem, dass mein Router nach einem Firmware-Update keine Verbindung mehr aufbaut.',
    'Hast du schon versucht, den Router auf Werkseinstellungen zurückzusetzen? Bei mir hat das nach dem letzten Update geholfen.',
    'Danke, das hat funktioniert! Nach dem Zurücksetzen musste ich nur die Zugangsdaten neu eingeben.',
    'Gut zu wissen. Ich hatte das gleiche Problem mit einem anderen Modell, dort half nur ein Downgrade.',
  ];
  const thread = posts
    .map(
      (post, i) =>
        `<div id="p${i}" class="post"><div class="postbody"><h3><a href="#p${i}">Re: Router</a></h3><div class="content">${post}</div></div><dl class="postprofile"><dt><a href="/u${i}">user${i}</a></dt><dd>Beiträge: ${10 + i}</dd></dl></div>`,
    )
    .join('');
  const page = extractPage(
    `<html><body><div id="wrap"><ul class="navbar"><li><a href="/">Foren-Übersicht</a></li></ul>${thread}<div id="page-footer">Powered by phpBB</div></div></body></html>`,
  );
  for (const post of posts) assert.ok(page.text.includes(post), page.text);
  for (const chrome of ['Beiträge', 'phpBB']) assert.ok(!page.text.includes(chrome), page.text);
});

test('a post the template put in an <aside> is read on the last look; a sidebar beside a story stays out', () => {
  const post = (body: string) => {
    const result = extractArticle({
      input: 'page.html',
      format: 'html',
      content: `<html><body><aside class="blogPost"><h1>Bridge to open next spring</h1><div class="blogContent">${body}</div></aside><form><p>Name (required)</p><p>Mail (required, not visible)</p></form></body></html>`,
    });
    if ('code' in result) assert.fail(`rejected: ${result.reason}`);
    return result.text;
  };
  assert.equal(post(STORY.map(p).join('')), STORY.join('\n\n'));
  const sidebar =
    'Our newsletter brings you the week in transport, with every new road, bridge and rail line reviewed by our editors and readers.';
  const text = textOf(`${STORY.map(p).join('')}</article><aside>${p(sidebar)}${p(sidebar.replace('week', 'month'))}</aside><article>`);
  assert.ok(text.includes(STORY[2]) && !text.includes('newsletter'), text);
});

test('a small box named "content" in the sidebar does not outscore the story beside it', () => {
  const result = extractArticle({
    input: 'page.html',
    format: 'html',
    content: `<html><body><div id="beta"><div>${STORY.map(p).join('')}</div></div><div id="gamma"><div class="module-content"><p>Email subscription: enter your email address, delivered by FeedBurner</p></div></div></body></html>`,
  });
  if ('code' in result) assert.fail(`rejected: ${result.reason}`);
  assert.equal(result.text, STORY.join('\n\n'));
});

test('a photo post keeps its captions; a story keeps its prose and drops its captions', () => {
  const captions = [
    'A girl dressed for Halloween meets with hundreds of other costumed people in the old town on Saturday night.',
    'Men in costumes joke around in a popular nightlife district, where the bars stayed open until the early morning.',
    'Families attend a charity parade along the harbour front, with a marching band leading the way past the ferry piers.',
  ];
  const figures = captions.map((c) => `<figure><img src="x.jpg"><figcaption>${c}</figcaption></figure>`).join('');
  const photoPost = textOf(`${p('Our photographers spent the weekend in the old town and by the harbour.')}${figures}`);
  for (const caption of captions) assert.ok(photoPost.includes(caption), photoPost);
  const story = textOf(`${STORY.map(p).join('')}${figures}${p(STORY[0].replace('Monday', 'Tuesday'))}`);
  assert.ok(story.includes(STORY[2]) && !story.includes(captions[0]!), story);
});

test('a post that is a list of links keeps its links; a story keeps its text and drops the list under it', () => {
  const items = [
    'Sandy forces hospital evacuation',
    'Skepticism about pay for performance',
    'Technology and healthcare spending',
    'Medicare contractor jurisdictions explained',
    'The dual causes of increased debt after an adverse health event',
  ];
  const list = `<ul>${items.map((item) => `<li><a href="/x">${item}</a></li>`).join('')}</ul>`;
  const linksPost = textOf(`${p('A few links worth reading this week, from around the web.')}${list}`);
  for (const item of items) assert.ok(linksPost.includes(item), linksPost);
  const story = textOf(`${STORY.map(p).join('')}${list}`);
  assert.ok(story.includes(STORY[2]) && !story.includes(items[0]!), story);
});

test('a documentation section whose id is spelled from its heading is read; a section named for sharing or comments is not', () => {
  const guide =
    '<div class="section" id="sharing-with-a-single-developer"><h2><a class="toc-backref" href="#id5">Sharing with a single developer</a><a class="headerlink" href="#sharing-with-a-single-developer">¶</a></h2>' +
    `${p(STORY[1])}</div>`;
  const share = '<div class="section" id="social-sharing-links"><h3>Share</h3><p>Send this story to a friend by email today.</p></div>';
  const comments =
    '<div class="section" id="comments-on-this-story"><h3>Comments on this story</h3><p>I drive over that bridge every single morning, finally some news.</p></div>';
  const text = textOf(`${p(STORY[0])}${guide}${p(STORY[2])}${share}${comments}`);
  assert.deepEqual(text.split('\n\n'), [STORY[0], 'Sharing with a single developer¶', STORY[1], STORY[2]]);
});

test('a list whose points say more than their links is the story; a list of headlines with their dates is not', () => {
  const fixes =
    '<ul><li>Ann Lee, a volunteer from the town of Riverside, <a href="/b/1">fixed the counter that counted cars twice</a></li>' +
    '<li>Bo Chan, an engineer at the transport ministry, <a href="/b/2">moved the lights to a timer after sunset</a></li>' +
    '<li><a href="/b/3">Carla Diaz repaired the footpath railing beside the eastern ramp and the stairs down to the river bank.</a></li></ul>';
  const related =
    '<ul><li><a href="/a">Floods close mountain roads across the north</a> May 2, 2026</li>' +
    '<li><a href="/b">Steel prices climb again as mills cut output</a> May 1, 2026</li>' +
    '<li><a href="/c">Ferry service to end in May after fifty years</a> April 30, 2026</li></ul>';
  const text = textOf(`${p(STORY[0])}${fixes}${p(STORY[1])}${p(STORY[2])}${related}`);
  assert.deepEqual(text.split('\n\n'), [
    STORY[0],
    'Ann Lee, a volunteer from the town of Riverside, fixed the counter that counted cars twice',
    'Bo Chan, an engineer at the transport ministry, moved the lights to a timer after sunset',
    'Carla Diaz repaired the footpath railing beside the eastern ramp and the stairs down to the river bank.',
    STORY[1],
    STORY[2],
  ]);
});

test("the box straight after a post's excerpt is the rest of the post; a list of other stories after it is not", () => {
  const page = (after: string) =>
    `<html><body><div class="post"><h1>Bridge to open next spring</h1><div class="body">${STORY.map(p).join('')}</div>${after}</div></body></html>`;
  const more =
    '<div id="more"><p>Tracklist:<br>1. "Opening Night"<br>2. "The River"<br>3. "Steel and Stone"<br>4. "Spring Comes Early This Year"<br>5. "Tolls (Live at the Opening)"</p></div>';
  const read = (html: string) => {
    const result = extractArticle({ input: 'post.html', format: 'html', content: html });
    if ('code' in result) assert.fail(result.reason);
    return result.text;
  };
  assert.ok(read(page(more)).includes('2. "The River"'), 'the extended entry joins the post');
  const others =
    '<div class="more"><ul><li><h3>Ferry service to end in May after fifty years</h3><p>The last crossing is set for the final weekend of May, the operator said.</p></li>' +
    '<li><h3>Steel prices climb again</h3><p>Mills cut output for a third month as demand from builders slowed.</p></li></ul></div>';
  assert.equal(read(page(others)), STORY.join('\n\n'));
});

test('a box named for the content in one word ("mainContent", "ce-bodytext") outscores a longer unnamed box beside it', () => {
  const welcome = [
    'Welcome to the Valley Herald, the independent voice of the river towns since 1921, with news, sport, weather and events from every parish.',
    'Our newsroom of twelve reporters, two photographers and a small team of editors works from the old mill building on Station Road, Riverside.',
    'Readers can reach the newsroom by telephone, by letter or in person, and we answer every message, question and complaint within two working days.',
    'Subscriptions, delivery, advertising and the archive are handled by the office downstairs, which is open from nine to five on weekdays.',
  ];
  for (const name of ['id="mainContent"', 'class="ce-bodytext"']) {
    const column = (inner: string) => `<div><div><div><div>${inner}</div></div></div></div>`;
    const menu = '<ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul>';
    const content = `<html><body><div><div ${name}><h1>Bridge to open next spring</h1>${STORY.map(p).join('')}</div></div>${menu}${column(welcome.map(p).join(''))}</body></html>`;
    const result = extractArticle({ input: 'named.html', format: 'html', content });
    if ('code' in result) assert.fail(result.reason);
    assert.equal(result.text, STORY.join('\n\n'), name);
  }
});

test('a page written as short sections keeps every section, not only the best scored', () => {
  const section = (heading: string, text: string) => `<section><h2>${heading}</h2><p>${text}</p></section>`;
  const content =
    '<html><body><nav><a href="/">Home</a> <a href="/visit">Visit</a></nav><main>' +
    section(
      'Getting here',
      'Take tram 4 to the Town Hall stop, and from there it is a five-minute walk along the river, past the market.',
    ) +
    section('Parking', 'The car park on Market Street is free for the first hour.') +
    section('Access', 'Every room can be reached by lift.') +
    '</main></body></html>';
  const result = extractArticle({ input: 'visit.html', format: 'html', content });
  if ('code' in result) assert.fail(result.reason);
  assert.ok(result.text.includes('The car park on Market Street is free for the first hour.'), result.text);
  assert.ok(result.text.includes('Every room can be reached by lift.'), result.text);
});
