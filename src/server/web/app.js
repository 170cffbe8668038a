// The web app's entry: a hash router that renders one page into <main>. Routes:
//   #/                      story list (search and filters in the query: #/?q=...&outlet=...)
//   #/story/ID              one story's dossier
//   #/story/ID/SECTION      the same, scrolled to one section (findings, quotes, ...): linkable
//   #/article/ID?story=SID  one article, with the claims the story found in it
//   #/ingest                add articles, follow feeds
// An open story page follows its story (server-sent events, /api/stories/ID/events) and is drawn
// again, where the reader was, when the story changes.
// Back and Forward return to where the reader was on a page: the scroll position is kept in the
// history entry and restored once the page is drawn again.
import { h, clear } from './dom.js';
import { renderStoryList } from './pages/stories.js';
import { renderStory, scrollToSection } from './pages/story.js';
import { renderArticle } from './pages/article.js';
import { renderIngest } from './pages/ingest.js';

const main = document.getElementById('main');
let generation = 0;
let firstRoute = true;
/** What <main> shows: a story's sections are reached without drawing the story again. */
let shown = null;

/** Scrolling settles this long before its position is written into the history entry. */
const SAVE_SCROLL_MS = 120;

// The app restores positions itself: the browser's own restoring runs before the page is drawn.
if ('scrollRestoration' in history) history.scrollRestoration = 'manual';

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'stories', params };
  if (parts[0] === 'story' && parts[1] && parts.length <= 3) return { page: 'story', id: parts[1], section: parts[2] ?? null, params };
  if (parts[0] === 'article' && parts[1]) return { page: 'article', id: parts[1], params };
  if (parts[0] === 'ingest') return { page: 'ingest', params };
  return { page: 'missing', params };
}

async function route() {
  const current = ++generation;
  const target = parseRoute();
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === (target.page === 'ingest' ? 'ingest' : 'stories')) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const savedScroll = history.state?.scrollY;
  // Another section of the story on screen: scroll there, draw nothing again.
  if (target.page === 'story' && shown?.page === 'story' && shown.id === target.id) {
    place(target, savedScroll);
    main.dataset.rendered = location.hash;
    return;
  }
  const page = h('div', { class: 'page' });
  const isCurrent = () => current === generation;
  try {
    if (target.page === 'stories') await renderStoryList(page, target.params, isCurrent);
    else if (target.page === 'story') await renderStory(page, target.id, target.params, isCurrent);
    else if (target.page === 'article') await renderArticle(page, target.id, target.params, isCurrent);
    else if (target.page === 'ingest') renderIngest(page, isCurrent);
    else notFound(page, 'Page not found', `Nothing is at ${location.hash}.`);
  } catch (error) {
    if (error?.status === 404) notFound(page, target.page === 'article' ? 'Article not found' : 'Story not found', error.message);
    else failed(page, error);
  }
  if (!isCurrent()) return;
  clear(main).append(page);
  shown = { page: target.page, id: target.id ?? null };
  followStory(target.page === 'story' && !page.querySelector('.error') ? target.id : null);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Corroborate` : 'Corroborate';
  // Move focus to the new page on navigation (not on first load, so Tab reaches the skip link).
  if (!firstRoute) main.focus({ preventScroll: true });
  firstRoute = false;
  place(target, savedScroll);
  main.dataset.rendered = location.hash || '#/';
}

/** Where the page opens: where the reader left it (Back), else the section asked for, else the top. */
function place(target, savedScroll) {
  if (typeof savedScroll === 'number') window.scrollTo(0, savedScroll);
  else if (target.section) scrollToSection(main, target.section);
  else window.scrollTo(0, 0);
}

function notFound(page, title, message) {
  page.replaceChildren(
    h('h1', {}, title),
    h('p', { class: 'error', role: 'alert' }, message),
    h(
      'p',
      {},
      'The link may be cut short, or the story may live in another database. ',
      h('a', { href: '#/' }, 'All stories'),
      ' · ',
      h('a', { href: '#/ingest' }, 'Add articles'),
    ),
  );
}

function failed(page, error) {
  page.replaceChildren(
    h('h1', {}, 'Something went wrong'),
    h('p', { class: 'error', role: 'alert' }, error?.message || String(error)),
    h('p', {}, h('a', { href: location.hash || '#/', 'data-retry': '' }, 'Try again'), ' · ', h('a', { href: '#/' }, 'All stories')),
  );
  // The same address does not fire hashchange: a retry draws the page again by hand.
  page.querySelector('[data-retry]')?.addEventListener('click', (event) => {
    event.preventDefault();
    shown = null;
    route();
  });
}

/** The open story's event stream, or null: one at a time, closed when the reader leaves the story. */
let live = null;

function followStory(id) {
  if (live?.id === id) return;
  live?.source.close();
  live = null;
  if (id === null || typeof EventSource === 'undefined') return;
  const source = new EventSource(`/api/stories/${encodeURIComponent(id)}/events`);
  live = { id, source };
  source.addEventListener('story', async (event) => {
    const change = JSON.parse(event.data);
    // Merged into another story: that one is the story now.
    if (change.id !== id) {
      location.hash = `#/story/${encodeURIComponent(change.id)}`;
      return;
    }
    saveScroll();
    shown = null;
    await route();
    const heading = main.querySelector('h1');
    heading?.before(
      h('p', { class: 'notice live-update', role: 'status' }, `Updated at ${new Date().toLocaleTimeString()}: the story changed.`),
    );
  });
  source.addEventListener('gone', () => source.close());
}

/** Writes the scroll position into the current history entry (a Back to it returns there). */
function saveScroll() {
  history.replaceState({ ...(history.state ?? {}), scrollY: Math.round(window.scrollY) }, '');
}

let saveTimer = null;
window.addEventListener(
  'scroll',
  () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveScroll, SAVE_SCROLL_MS);
  },
  { passive: true },
);
// A link followed right after scrolling: its entry is written before the new one is made.
document.addEventListener('click', () => saveScroll(), true);

// The skip link must not change the hash: the hash is the route.
document.querySelector('.skip-link')?.addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

// Escape hides an open citation tip without moving focus (tips must be dismissible).
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  for (const cite of document.querySelectorAll('a.cite:focus, a.cite:hover')) cite.classList.add('tip-dismissed');
});
document.addEventListener('focusout', (event) => event.target.classList?.remove('tip-dismissed'));
document.addEventListener('mouseout', (event) => event.target.closest?.('a.cite')?.classList.remove('tip-dismissed'));

window.addEventListener('hashchange', route);
route();
