// "Follow a feed": the feeds the database follows, with how each is doing, a form to follow one
// more (a feed, a news sitemap or a site) and a button to stop. The server polls them when it
// runs with --watch; otherwise a `corroborate watch` on the same database does.
import { h, append, clear, formatDate, plural } from '../dom.js';
import { deleteResource, getJson, postJson } from '../api.js';

export function feedsSection(isCurrent) {
  const list = h('div', { class: 'feed-list', 'aria-live': 'polite' });
  const status = h('p', { class: 'feed-status', role: 'status' });
  const input = h('input', {
    id: 'follow-url',
    name: 'url',
    type: 'url',
    required: true,
    placeholder: 'https://…/feed.xml or https://site…',
  });
  const form = h(
    'form',
    { class: 'follow-form' },
    h('div', { class: 'field' }, h('label', { for: 'follow-url' }, 'Feed, news sitemap or site to follow'), input),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Follow')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const { feed, watching } = await postJson('/api/feeds', { url: input.value.trim() });
      status.textContent = watching
        ? `Following ${feed.url}; its new articles are added as they appear.`
        : `Following ${feed.url}. This server does not poll feeds: run 'corroborate watch' on its database, or start it with --watch.`;
      status.classList.remove('error');
      form.reset();
      await showFeeds(list, status, isCurrent);
    } catch (error) {
      status.textContent = error.message;
      status.classList.add('error');
    } finally {
      button.disabled = false;
    }
  });
  const section = h(
    'section',
    { class: 'feeds', 'aria-labelledby': 'feeds-heading' },
    h('h2', { id: 'feeds-heading' }, 'Follow feeds'),
    form,
    status,
    list,
  );
  showFeeds(list, status, isCurrent);
  return section;
}

async function showFeeds(list, status, isCurrent) {
  const { feeds, watching } = await getJson('/api/feeds').catch(() => ({ feeds: [], watching: false }));
  if (!isCurrent()) return;
  clear(list);
  if (feeds.length === 0) return;
  append(list, [
    !watching &&
      h(
        'p',
        { class: 'notice' },
        "This server does not poll feeds itself: run 'corroborate watch' on its database, or start it with --watch.",
      ),
    h(
      'ul',
      { class: 'feeds-followed' },
      feeds.map((feed) => {
        const unfollow = h('button', { type: 'button', class: 'link-button' }, 'Stop following');
        unfollow.addEventListener('click', async () => {
          try {
            await deleteResource(`/api/feeds/${encodeURIComponent(feed.id)}`);
            await showFeeds(list, status, isCurrent);
          } catch (error) {
            status.textContent = error.message;
          }
        });
        return h(
          'li',
          {},
          h('span', { class: 'feed-url' }, feed.url),
          ` · ${plural(feed.articles, 'article')}`,
          feed.failures > 0
            ? h(
                'span',
                { class: 'error' },
                ` · failing (${feed.failures} in a row): ${feed.lastError ?? ''}; next try ${formatDate(feed.nextPollAt)}`,
              )
            : ` · ${feed.nextPollAt ? `next poll ${formatDate(feed.nextPollAt)}` : 'polled shortly'}`,
          ' ',
          unfollow,
        );
      }),
    ),
  ]);
}
