// The story list: one card per story with its headline, time span, outlets, size, independent
// origins and findings; a search form whose values live in the URL so results can be linked.
// A search looks through the articles' text too: each found story shows the passage that matched.
// A filter the server refuses (From after To) is said next to the form, which stays usable.
import { h, append, formatSpan, plural } from '../dom.js';
import { getJson } from '../api.js';
import { inputName } from '../wording.js';

const PAGE_SIZE = 20;

export async function renderStoryList(page, params, isCurrent) {
  const query = {
    q: params.get('q') ?? '',
    outlet: params.get('outlet') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    offset: Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0),
  };
  const problem = h('p', { class: 'error form-error', role: 'alert', id: 'filter-problem', hidden: true });
  const form = searchForm(query, problem);
  append(page, [h('h1', {}, 'Stories'), form, problem]);
  fillOutlets(form);

  const mistake = dateProblem(query);
  if (mistake) {
    showProblem(form, problem, mistake.message, mistake.field);
    return;
  }
  const api = new URLSearchParams({ limit: String(PAGE_SIZE), offset: String(query.offset) });
  for (const key of ['q', 'outlet', 'from', 'to']) if (query[key]) api.set(key, query[key]);
  let result;
  try {
    result = await getJson(`/api/stories?${api}`);
  } catch (error) {
    // The server's word on the filters goes beside them; anything else is the page's failure.
    if (error?.status !== 400) throw error;
    if (!isCurrent()) return;
    showProblem(form, problem, error.message, null);
    return;
  }
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

/** From after To, said before asking the server; null when the dates are fine or absent. */
function dateProblem(query) {
  if (query.from && query.to && query.from > query.to) {
    return { message: `"From" (${query.from}) is after "To" (${query.to}): give a From on or before To.`, field: 'to' };
  }
  return null;
}

function showProblem(form, problem, message, field) {
  problem.textContent = message;
  problem.hidden = false;
  const input = field ? form.elements.namedItem(field) : null;
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', problem.id);
  }
}

/** Offers the stored outlets as the outlet field's suggestions. */
async function fillOutlets(form) {
  const list = form.querySelector('datalist');
  const { outlets } = await getJson('/api/outlets').catch(() => ({ outlets: [] }));
  append(list, [outlets.map((o) => h('option', { value: o.outlet }))]);
}

function storyCard(story) {
  const href = `#/story/${encodeURIComponent(story.id)}`;
  return h(
    'li',
    { class: 'story-card' },
    h('h2', {}, h('a', { href }, story.headline || story.label || 'Untitled story')),
    h('p', { class: 'meta' }, h('time', {}, formatSpan(story.firstSeen, story.lastSeen))),
    story.match && matchPassage(story),
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

/** The passage of the article the search found, its words marked (offsets from the server, text as text). */
function matchPassage(story) {
  const { match } = story;
  const pieces = [];
  let at = 0;
  for (const [start, end] of match.snippet.marks) {
    if (start < at || end <= start) continue;
    pieces.push(match.snippet.text.slice(at, start), h('mark', {}, match.snippet.text.slice(start, end)));
    at = end;
  }
  pieces.push(match.snippet.text.slice(at));
  const where = match.outlet || match.title || inputName(match.input) || 'an article';
  return h(
    'blockquote',
    { class: 'match' },
    h(
      'p',
      { class: 'match-source' },
      'Found in ',
      h('a', { href: `#/article/${encodeURIComponent(match.article)}?story=${encodeURIComponent(story.id)}` }, where),
      ':',
    ),
    h('p', { class: 'snippet' }, pieces),
  );
}

function fact(term, value, extraClass = null) {
  return h('div', { class: extraClass ? `fact ${extraClass}` : 'fact' }, h('dt', {}, term), h('dd', {}, value));
}

function searchForm(query, problem) {
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
    field('q', 'Search', 'search', { placeholder: 'words in headlines and article text', maxlength: '200' }),
    field('outlet', 'Outlet', 'search', { placeholder: 'e.g. Reuters', maxlength: '200', list: 'outlet-names', autocomplete: 'off' }),
    h('datalist', { id: 'outlet-names' }),
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
    const mistake = dateProblem(Object.fromEntries(next));
    if (mistake) {
      showProblem(form, problem, mistake.message, mistake.field);
      form.elements.namedItem(mistake.field)?.focus();
      return;
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
