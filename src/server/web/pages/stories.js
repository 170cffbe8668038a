// The story list: one card per story with its headline, time span, outlets, size, independent
// origins and findings; a search form whose values live in the URL so results can be linked.
import { h, append, formatSpan, plural } from '../dom.js';
import { getJson } from '../api.js';

const PAGE_SIZE = 20;

export async function renderStoryList(page, params, isCurrent) {
  const query = {
    q: params.get('q') ?? '',
    outlet: params.get('outlet') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    offset: Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0),
  };
  append(page, [h('h1', {}, 'Stories'), searchForm(query)]);

  const api = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(query.offset) });
  for (const key of ['q', 'outlet', 'from', 'to']) if (query[key]) api.set(key, query[key]);
  const result = await getJson(`/api/stories?${api}`);
  if (!isCurrent()) return;

  const filtered = Boolean(query.q || query.outlet || query.from || query.to);
  const count = plural(result.total, 'story', 'stories');
  append(page, [h('p', { class: 'result-count', role: 'status' }, filtered ? `${count} match.` : `${count}.`)]);
  if (result.stories.length === 0) {
    append(page, [
      h(
        'p',
        { class: 'empty' },
        filtered ? 'No story matches these filters.' : 'No stories yet. ',
        !filtered && h('a', { href: '#/ingest' }, 'Add some articles.'),
      ),
    ]);
    return;
  }
  append(page, [
    h('ol', { class: 'story-list', start: String(query.offset + 1) }, result.stories.map(storyCard)),
    pager(query, result.total),
  ]);
}

function storyCard(story) {
  return h(
    'li',
    { class: 'story-card' },
    h('h2', {}, h('a', { href: `#/story/${encodeURIComponent(story.id)}` }, story.headline || story.label || 'Untitled story')),
    h('p', { class: 'meta' }, h('time', {}, formatSpan(story.firstSeen, story.lastSeen))),
    h(
      'dl',
      { class: 'facts' },
      fact('Articles', String(story.size)),
      fact('Independent origins', String(story.independentOrigins)),
      fact('Findings', String(story.findings), story.findings > 0 ? 'has-findings' : null),
    ),
    story.outlets.length > 0 && h('p', { class: 'outlets' }, h('span', { class: 'label' }, 'Outlets: '), story.outlets.join(', ')),
  );
}

function fact(term, value, extraClass = null) {
  return h('div', { class: extraClass ? `fact ${extraClass}` : 'fact' }, h('dt', {}, term), h('dd', {}, value));
}

function searchForm(query) {
  const field = (name, label, type = 'search', extra = {}) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `filter-${name}` }, label),
      h('input', { id: `filter-${name}`, name, type, value: query[name], ...extra }),
    );
  const form = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Search stories' },
    field('q', 'Search', 'search', { placeholder: 'words in headlines and titles', maxlength: '200' }),
    field('outlet', 'Outlet', 'search', { placeholder: 'e.g. Reuters', maxlength: '200' }),
    field('from', 'From', 'date'),
    field('to', 'To', 'date'),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Search'), h('a', { href: '#/', class: 'button secondary' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const name of ['q', 'outlet', 'from', 'to']) {
      const value = form.elements.namedItem(name).value.trim();
      if (value) next.set(name, value);
    }
    location.hash = `#/?${next}`;
  });
  return form;
}

function pager(query, total) {
  const link = (offset, text) => {
    const next = new URLSearchParams();
    for (const key of ['q', 'outlet', 'from', 'to']) if (query[key]) next.set(key, query[key]);
    next.set('offset', String(offset));
    return h('a', { href: `#/?${next}`, class: 'button secondary' }, text);
  };
  const previous = query.offset > 0 ? link(Math.max(0, query.offset - PAGE_SIZE), '← Newer') : null;
  const next = query.offset + PAGE_SIZE < total ? link(query.offset + PAGE_SIZE, 'Older →') : null;
  if (!previous && !next) return null;
  return h('nav', { class: 'pager', 'aria-label': 'Pages' }, previous, next);
}
