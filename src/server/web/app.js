// The web app's entry: a hash router that renders one page into <main>. Routes:
//   #/                      story list (search and filters in the query: #/?q=...&outlet=...)
//   #/story/ID              one story's dossier
//   #/article/ID?story=SID  one article, with the claims the story found in it
//   #/ingest                add articles
import { h, clear } from './dom.js';
import { renderStoryList } from './pages/stories.js';
import { renderStory } from './pages/story.js';
import { renderArticle } from './pages/article.js';
import { renderIngest } from './pages/ingest.js';

const main = document.getElementById('main');
let generation = 0;
let firstRoute = true;

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = hash.split('?');
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'stories', params };
  if (parts[0] === 'story' && parts[1]) return { page: 'story', id: parts[1], params };
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
  const page = h('div', { class: 'page' });
  const isCurrent = () => current === generation;
  try {
    if (target.page === 'stories') await renderStoryList(page, target.params, isCurrent);
    else if (target.page === 'story') await renderStory(page, target.id, target.params, isCurrent);
    else if (target.page === 'article') await renderArticle(page, target.id, target.params, isCurrent);
    else if (target.page === 'ingest') renderIngest(page, isCurrent);
    else page.append(h('h1', {}, 'Page not found'), h('p', {}, h('a', { href: '#/' }, 'Back to the stories')));
  } catch (error) {
    page.replaceChildren(h('h1', {}, 'Something went wrong'), h('p', { class: 'error', role: 'alert' }, error.message || String(error)));
  }
  if (!isCurrent()) return;
  clear(main).append(page);
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Corroborate` : 'Corroborate';
  // Move focus to the new page on navigation (not on first load, so Tab reaches the skip link).
  if (!firstRoute) main.focus({ preventScroll: true });
  firstRoute = false;
  window.scrollTo(0, 0);
  main.dataset.rendered = location.hash || '#/';
}

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
