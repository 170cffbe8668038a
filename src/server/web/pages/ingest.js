// Adding articles: paste text, drop files, give URLs or a feed. The job runs on the server; this
// page polls it and links the stories the new articles joined.
import { h, append, clear, plural } from '../dom.js';
import { getJson, postForm, postJson } from '../api.js';

const POLL_MS = 600;
/** Matches the server's limit so a too-large drop is refused before it is sent. */
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function renderIngest(page, isCurrent) {
  let files = [];
  const fileList = h('ul', { class: 'file-list', 'aria-live': 'polite' });
  const fileInput = h('input', {
    type: 'file',
    id: 'ingest-files',
    name: 'file',
    multiple: true,
    accept: '.txt,.html,.htm,.gz,.xml,.rss,.atom,.warc,.jsonl,text/*',
  });
  const drop = h(
    'div',
    { class: 'drop-zone' },
    h('label', { for: 'ingest-files' }, 'Drop files here, or choose them: '),
    fileInput,
    fileList,
  );
  const status = h('div', { class: 'job-status', role: 'status', 'aria-live': 'polite' });

  const showFiles = () => {
    clear(fileList);
    append(fileList, [files.map((f) => h('li', {}, `${f.name} (${Math.ceil(f.size / 1024)} KB)`))]);
  };
  fileInput.addEventListener('change', () => {
    files = [...fileInput.files];
    showFiles();
  });
  for (const type of ['dragenter', 'dragover']) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add('dragging');
    });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    files = [...files, ...event.dataTransfer.files];
    showFiles();
  });

  const form = h(
    'form',
    { class: 'ingest-form' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ingest-title' }, 'Headline of the pasted article (optional)'),
      h('input', { id: 'ingest-title', name: 'title', type: 'text', maxlength: '500' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ingest-text' }, 'Paste an article'),
      h('textarea', { id: 'ingest-text', name: 'text', rows: '10', placeholder: 'The article as text: headline, byline, body…' }),
    ),
    drop,
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ingest-urls' }, 'Page URLs, one per line'),
      h('textarea', { id: 'ingest-urls', name: 'urls', rows: '3', placeholder: 'https://…' }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ingest-feed' }, 'RSS or Atom feed URL'),
      h('input', { id: 'ingest-feed', name: 'feed', type: 'url', placeholder: 'https://…/feed.xml' }),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Analyse')),
  );

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => form.elements.namedItem(name).value.trim();
    const urls = value('urls').split(/\s+/).filter(Boolean);
    const text = form.elements.namedItem('text').value;
    const body = {
      ...(urls.length ? { urls } : {}),
      ...(value('feed') ? { feed: value('feed') } : {}),
      ...(text.trim() ? { text } : {}),
      ...(value('title') && text.trim() ? { title: value('title') } : {}),
    };
    if (files.length === 0 && Object.keys(body).length === 0) {
      showError(status, 'Give some text, a file, a URL or a feed first.');
      return;
    }
    const size = files.reduce((sum, f) => sum + f.size, 0) + text.length;
    if (size > MAX_UPLOAD_BYTES) {
      showError(status, 'That is more than 20 MB; split it into smaller batches or use the command line.');
      return;
    }
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      let result;
      if (files.length > 0) {
        const data = new FormData();
        for (const file of files) data.append('file', file, file.name);
        if (body.text) data.append('text', body.text);
        if (body.title) data.append('title', body.title);
        if (body.urls) data.append('urls', body.urls.join('\n'));
        if (body.feed) data.append('feed', body.feed);
        result = await postForm('/api/ingest', data);
      } else {
        result = await postJson('/api/ingest', body);
      }
      await follow(result.job, status, isCurrent);
      form.reset();
      files = [];
      showFiles();
    } catch (error) {
      showError(status, error.message);
    } finally {
      button.disabled = false;
    }
  });

  const recent = h('section', { class: 'recent-jobs', 'aria-labelledby': 'recent-heading' });
  showRecentJobs(recent, isCurrent);

  append(page, [
    h('h1', {}, 'Add articles'),
    h(
      'p',
      { class: 'lede' },
      'New articles are analysed with everything already stored, so they join the stories they belong to. Text is treated as plain text, never as a web page.',
    ),
    form,
    status,
    recent,
  ]);
}

/** Jobs already run on this server, newest first, so leaving the page loses nothing. */
async function showRecentJobs(section, isCurrent) {
  const { jobs } = await getJson('/api/jobs').catch(() => ({ jobs: [] }));
  if (!isCurrent() || jobs.length === 0) return;
  append(section, [
    h('h2', { id: 'recent-heading' }, 'Recent jobs'),
    h(
      'ul',
      { class: 'job-list' },
      jobs.slice(0, RECENT_JOBS).map((job) =>
        h(
          'li',
          {},
          h('span', { class: `job-state state-${job.state}` }, job.state),
          ` ${job.inputs.join(', ')} · ${plural(job.articlesAdded.length, 'new article')}`,
          job.errors.length > 0 ? ` · ${plural(job.errors.length, 'problem')}` : '',
          job.storiesTouched.map((id) => [' · ', h('a', { href: `#/story/${encodeURIComponent(id)}` }, 'story')]),
        ),
      ),
    ),
  ]);
}

const RECENT_JOBS = 10;

function showError(status, message) {
  clear(status);
  append(status, [h('p', { class: 'error', role: 'alert' }, message)]);
}

/** Touched stories named by headline; a job touching more than this links the rest by id. */
const MAX_HEADLINES = 10;

async function follow(job, status, isCurrent) {
  for (;;) {
    if (job.state === 'done' || job.state === 'failed') {
      const headlines = new Map();
      for (const id of job.storiesTouched.slice(0, MAX_HEADLINES)) {
        const story = await getJson(`/api/stories/${encodeURIComponent(id)}`).then(
          (r) => r.story,
          () => null,
        );
        if (story) headlines.set(id, `${story.headline || story.label || 'Untitled story'} (${plural(story.articles.length, 'article')})`);
      }
      showJob(status, job, headlines);
      return;
    }
    showJob(status, job);
    if (!isCurrent()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = (await getJson(`/api/jobs/${encodeURIComponent(job.id)}`)).job;
  }
}

function showJob(status, job, headlines = new Map()) {
  clear(status);
  const finished = job.state === 'done' || job.state === 'failed';
  append(status, [
    h(
      'p',
      { class: `job-state state-${job.state}`, 'data-state': job.state },
      `Job ${job.state}`,
      job.stage && !finished ? ` — ${job.stage} ${job.done}${job.total ? ` of ${job.total}` : ''}` : '',
    ),
    !finished && h('progress', job.total ? { max: String(job.total), value: String(Math.min(job.done, job.total)) } : {}),
    finished &&
      h(
        'p',
        {},
        `${plural(job.articlesAdded.length, 'new article')}`,
        job.articlesExisting.length > 0 ? `, ${plural(job.articlesExisting.length, 'article')} already stored` : '',
        '.',
      ),
    job.storiesTouched.length > 0 &&
      h(
        'div',
        {},
        h('h2', {}, 'Stories'),
        h(
          'ul',
          { class: 'touched-stories' },
          job.storiesTouched.map((id) =>
            h('li', {}, h('a', { href: `#/story/${encodeURIComponent(id)}` }, headlines.get(id) ?? `Story ${id}`)),
          ),
        ),
      ),
    job.errors.length > 0 &&
      h(
        'div',
        {},
        h('h2', {}, 'Problems'),
        h(
          'ul',
          { class: 'job-errors' },
          job.errors.map((e) => h('li', {}, e.input ? `${e.input}: ${e.message}` : e.message)),
        ),
      ),
  ]);
}
