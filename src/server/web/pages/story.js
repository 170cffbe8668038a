// One story's dossier: the brief with its citations, findings, derivation graph, coverage
// matrix, quote versions, numbers and the publication timeline.
import { h, append, collapsible, formatDate, formatSpan, plural, uid } from '../dom.js';
import { getJson } from '../api.js';
import { articleHref, articleLabels } from './labels.js';
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
    story.topEntities?.length > 0 && h('p', { class: 'meta entities' }, `About: ${story.topEntities.join(', ')}`),
    h(
      'nav',
      { class: 'toc', 'aria-label': 'Sections of this story' },
      h(
        'ul',
        {},
        sections.map(([key, title]) =>
          h('li', {}, h('a', { href: `#/story/${encodeURIComponent(story.id)}`, 'data-section': key }, title)),
        ),
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
  // Section links scroll without touching the hash (the hash is the route).
  for (const link of page.querySelectorAll('.toc a')) {
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const heading = page.querySelector(`#heading-${link.dataset.section}`);
      heading?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      heading?.focus({ preventScroll: true });
    });
  }
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
      ),
    ),
  );
}

/** A focusable citation; its tooltip shows the exact source sentence from that article. */
function citation(story, names, sentence, articleId, textOf) {
  const name = names.of(articleId);
  const sources = sentence.sources.filter((s) => s.article === articleId);
  const text = textOf.get(articleId) ?? '';
  const quoted = sources.map((s) => text.slice(s.start, s.end)).filter(Boolean);
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
      quoted.length > 0
        ? quoted.map((q) => h('q', { class: 'tip-quote' }, q))
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
      h('p', { class: 'finding-message' }, finding.message),
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
        h('p', {}, h('span', { class: `role role-${article.role}` }, article.role), ' ', article.roleReason),
      ),
    ),
  );
}
