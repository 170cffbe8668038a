// One story's dossier: the brief with its citations, findings, derivation graph, coverage
// matrix, quote versions, numbers and the publication timeline. Each section has an address of
// its own (#/story/ID/findings), so it can be linked.
import { h, append, collapsible, formatDate, formatSpan, plural, uid } from '../dom.js';
import { getJson } from '../api.js';
import { articleHref, articleLabels, statusFamily } from './labels.js';
import { quoted, roleReason, withArticleNames } from '../wording.js';
import { derivationGraph } from './graph.js';
import { coverageMatrix } from './matrix.js';
import { quoteVersions, numbersTable } from './claims.js';
import { timeline } from './timeline.js';

export async function renderStory(page, id, _params, isCurrent) {
  const { story, requestedId } = await getJson(`/api/stories/${encodeURIComponent(id)}`);
  if (!isCurrent()) return;
  const names = articleLabels(story);

  const sections = [
    ['brief', 'Brief', briefSection(story, names)],
    ['findings', 'Findings', findingsSection(story, names)],
    ['derivation', 'Who copied whom', derivationGraph(story, names)],
    ['coverage', 'Coverage', coverageMatrix(story, names)],
    ['quotes', 'Quotes', quoteVersions(story, names)],
    ['numbers', 'Numbers', numbersTable(story, names)],
    ['timeline', 'Timeline', timeline(story, names)],
    ['articles', 'Articles', articlesSection(story, names)],
  ];

  append(page, [
    story.id !== requestedId &&
      h('p', { class: 'notice', role: 'status' }, `Story ${requestedId} was merged into this story when more articles arrived.`),
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/' }, '← All stories')),
    h('h1', {}, story.headline || story.label || 'Untitled story'),
    h(
      'p',
      { class: 'meta' },
      h('time', {}, formatSpan(story.firstSeen, story.lastSeen)),
      ' · ',
      plural(story.articles.length, 'article'),
      ' · ',
      plural(story.independentOrigins, 'independent origin'),
      story.outlets.length > 0 && ` · ${story.outlets.join(', ')}`,
    ),
    quotedPeople(story),
    h(
      'nav',
      { class: 'toc', 'aria-label': 'Sections of this story' },
      h(
        'ul',
        {},
        sections.map(([key, title]) => h('li', {}, h('a', { href: sectionHref(id, key), 'data-section': key }, title))),
      ),
    ),
    sections.map(([key, title, body]) =>
      h(
        'section',
        { id: `section-${key}`, class: `story-section section-${key}`, 'aria-labelledby': `heading-${key}` },
        h('h2', { id: `heading-${key}`, tabindex: '-1' }, title),
        body,
      ),
    ),
  ]);
}

/** The address of one section of a story: the story's route with the section after it. */
export function sectionHref(storyId, key) {
  return `#/story/${encodeURIComponent(storyId)}/${encodeURIComponent(key)}`;
}

/** Scrolls to a section of the story on screen and moves focus to its heading; false when it has none. */
export function scrollToSection(root, key) {
  const heading = root.querySelector(`#heading-${CSS.escape(key)}`);
  if (!heading) {
    window.scrollTo(0, 0);
    return false;
  }
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  return true;
}

/** Who the story quotes, by how often: named people, not the words a model thought were names. */
function quotedPeople(story) {
  const counts = new Map();
  for (const claim of story.claims) {
    if (claim.kind === 'quote' && claim.speaker) counts.set(claim.speaker, (counts.get(claim.speaker) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const people = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return h('p', { class: 'meta entities' }, 'Quoted: ', people.map(([name, n]) => `${name} (${plural(n, 'quote')})`).join(', '));
}

function briefSection(story, names) {
  if (story.brief.length === 0) return h('p', { class: 'empty' }, 'No brief: the articles share no claim a brief could rest on.');
  const textOf = new Map(story.articles.map((a) => [a.id, a.text]));
  return h(
    'ol',
    { class: 'brief' },
    story.brief.map((sentence) =>
      h(
        'li',
        { class: sentence.contested ? 'brief-sentence contested' : 'brief-sentence' },
        h('span', { class: 'brief-text' }, sentence.text),
        sentence.contested && h('span', { class: 'badge badge-conflicting' }, 'contested'),
        ' ',
        h(
          'span',
          { class: 'citations' },
          sentence.citations.map((articleId) => citation(story, names, sentence, articleId, textOf)),
        ),
        sentence.contested && contestedNote(story, names, sentence),
      ),
    ),
  );
}

/**
 * Why a brief sentence is contested: the claims it states that other articles give otherwise
 * (a different figure, a denial), each with the article that disputes it, linked to the very
 * words it uses.
 */
function contestedNote(story, names, sentence) {
  const overlaps = (mention) =>
    sentence.sources.some((source) => source.article === mention.article && mention.start < source.end && mention.end > source.start);
  const disputes = [];
  for (const claim of story.claims) {
    if (!claim.mentions.some(overlaps)) continue;
    for (const mention of claim.mentions) {
      // Disputed, as the brief counts it: a conflicting figure or a denial, not a reworded quote.
      if (statusFamily(mention.status) === 'conflicting') disputes.push({ claim, mention });
    }
  }
  if (disputes.length === 0) {
    return h('p', { class: 'contested-note' }, 'Contested: another article of the story states this otherwise; see the findings.');
  }
  return h(
    'p',
    { class: 'contested-note' },
    'Contested: ',
    disputes.map(({ claim, mention }, i) => [
      i > 0 ? '; ' : '',
      h(
        'a',
        { href: articleHref(mention.article, story.id, { hl: `${mention.start}-${mention.end}` }), 'data-article': mention.article },
        names.of(mention.article).full,
      ),
      ` gives ${quoted(mention.text)}`,
      claim.kind === 'quantity' ? ` where this says ${quoted(claim.text)}` : '',
      ` (${mention.status})`,
    ]),
    '.',
  );
}

/** A focusable citation; its tooltip shows the exact source sentence from that article. */
function citation(story, names, sentence, articleId, textOf) {
  const name = names.of(articleId);
  const sources = sentence.sources.filter((s) => s.article === articleId);
  const text = textOf.get(articleId) ?? '';
  const excerpts = sources.map((s) => text.slice(s.start, s.end)).filter(Boolean);
  const tipId = uid('cite');
  const first = sources[0];
  const href = articleHref(articleId, story.id, first ? { hl: `${first.start}-${first.end}` } : {});
  return h(
    'a',
    { class: 'cite', href, 'aria-describedby': tipId, 'data-article': articleId },
    `[${name.code}]`,
    h(
      'span',
      { class: 'tip', role: 'tooltip', id: tipId },
      h('span', { class: 'tip-source' }, name.full),
      excerpts.length > 0
        ? excerpts.map((text) => h('span', { class: 'tip-quote' }, quoted(text)))
        : h('span', { class: 'tip-quote' }, 'The source sentence was not recorded.'),
    ),
  );
}

function findingsSection(story, names) {
  if (story.findings.length === 0) return h('p', { class: 'empty' }, 'No findings: nothing altered, conflicting or unique was found.');
  const order = { high: 0, medium: 1, low: 2 };
  const findings = [...story.findings].sort((a, b) => order[a.severity] - order[b.severity]);
  const counts = ['high', 'medium', 'low'].map((s) => [s, findings.filter((f) => f.severity === s).length]).filter(([, n]) => n > 0);
  const items = findings.map((finding) =>
    h(
      'li',
      { class: `finding severity-${finding.severity}` },
      h('span', { class: `badge severity-${finding.severity}` }, finding.severity),
      ' ',
      h('span', { class: 'finding-kind' }, finding.kind.replace(/-/g, ' ')),
      h('p', { class: 'finding-message' }, withArticleNames(finding.message, story, names)),
      finding.articles.length > 0 &&
        h(
          'p',
          { class: 'finding-articles' },
          'In ',
          finding.articles.map((id, i) => [i > 0 ? ', ' : '', h('a', { href: articleHref(id, story.id) }, names.of(id).full)]),
        ),
    ),
  );
  return h(
    'div',
    {},
    h('p', { class: 'meta' }, counts.map(([severity, n]) => `${n} ${severity}`).join(' · ')),
    collapsible(h('ul', { class: 'findings' }), items, INITIAL_FINDINGS, (n) => `Show ${plural(n, 'more finding')}`),
  );
}

/** The most severe findings first; the rest one click away. */
const INITIAL_FINDINGS = 8;

function articlesSection(story, names) {
  return h(
    'ol',
    { class: 'article-list' },
    names.ordered.map((article) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: articleHref(article.id, story.id) },
          h('span', { class: 'code' }, names.of(article.id).code),
          ' ',
          article.title || names.of(article.id).name,
        ),
        h(
          'p',
          { class: 'meta' },
          [
            article.outlet,
            article.publisher && article.publisher !== article.outlet ? `on ${article.publisher}` : null,
            article.byline ? `by ${article.byline}` : null,
            formatDate(article.published),
          ]
            .filter(Boolean)
            .join(' · '),
        ),
        h('p', {}, h('span', { class: `role role-${article.role}` }, article.role), ' ', roleLine(story, names, article)),
      ),
    ),
  );
}

/** "of A1 · Reuters: shared passages cover ..." — the role's source and reason, the role said once. */
export function roleLine(story, names, article) {
  const sources = article.derivedFrom.map((link) => names.of(link.article).full);
  const reason = withArticleNames(roleReason(article.role, article.roleReason), story, names);
  return sources.length > 0 ? `of ${sources.join(' and ')}: ${reason}` : reason;
}
