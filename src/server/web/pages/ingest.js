// Adding articles: paste text, drop files, give URLs or a feed. The job runs on the server; this
// page polls it, shows which stage it is in (never a full bar before it ends), and links the
// stories the new articles joined by their headlines. A job that added nothing because every
// input failed is shown as failed, with why.
import { h, append, clear, plural } from '../dom.js';
import { getJson, postForm, postJson } from '../api.js';
import { feedsSection } from './feeds.js';

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
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Analyze')),
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
      'New articles are analyzed with everything already stored, so they join the stories they belong to. Text is treated as plain text, never as a web page.',
    ),
    form,
    status,
    recent,
    feedsSection(isCurrent),
  ]);
}

/** Jobs already run on this server, newest first, so leaving the page loses nothing. */
async function showRecentJobs(section, isCurrent) {
  const { jobs } = await getJson('/api/jobs').catch(() => ({ jobs: [] }));
  if (!isCurrent() || jobs.length === 0) return;
  const recent = jobs.slice(0, RECENT_JOBS);
  const headlines = await storyHeadlines(recent.flatMap((job) => job.storiesTouched));
  if (!isCurrent()) return;
  append(section, [
    h('h2', { id: 'recent-heading' }, 'Recent jobs'),
    h(
      'ul',
      { class: 'job-list' },
      recent.map((job) => {
        const state = shownState(job);
        return h(
          'li',
          {},
          h('span', { class: `job-state state-${state}`, 'data-state': state }, state),
          ` ${job.inputs.join(', ')} · ${plural(job.articlesAdded.length, 'new article')}`,
          job.errors.length > 0 ? ` · ${plural(job.errors.length, 'problem')}` : '',
          job.storiesTouched.map((id) => [
            ' · ',
            h('a', { href: `#/story/${encodeURIComponent(id)}` }, headlines.get(id) ?? `story ${id}`),
          ]),
        );
      }),
    ),
  ]);
}

/** Headlines of stories by id, at most MAX_HEADLINES looked up; a story gone since is left out. */
async function storyHeadlines(ids) {
  const unique = [...new Set(ids)].slice(0, MAX_HEADLINES);
  const stories = await Promise.all(
    unique.map((id) =>
      getJson(`/api/stories/${encodeURIComponent(id)}`).then(
        (r) => r.story,
        () => null,
      ),
    ),
  );
  const headlines = new Map();
  unique.forEach((id, i) => {
    const story = stories[i];
    if (story) headlines.set(id, story.headline || story.label || 'Untitled story');
  });
  return headlines;
}

/**
 * The state a reader should see: the server's, except that a job that ended without reading a
 * single article, only problems, failed (it was shown as a green "done, 0 new articles").
 */
export function shownState(job) {
  const read = job.articlesAdded.length + job.articlesExisting.length;
  if (job.state === 'done' && read === 0 && job.errors.length > 0) return 'failed';
  return job.state;
}

/** The stages a job goes through, in order, as the pipeline reports them. */
const STAGES = [
  ['ingest', 'Read the inputs'],
  ['extract', 'Extract each article’s text'],
  ['analyze', 'Find stories and analyze them'],
  ['store', 'Save'],
];

const RECENT_JOBS = 10;

function showError(status, message) {
  clear(status);
  append(status, [h('p', { class: 'error', role: 'alert' }, message)]);
}

/** Touched stories named by headline; a job touching more than this links the rest by id. */
const MAX_HEADLINES = 20;

async function follow(job, status, isCurrent) {
  for (;;) {
    if (job.state === 'done' || job.state === 'failed') {
      showJob(status, job, await storyHeadlines(job.storiesTouched));
      return;
    }
    showJob(status, job);
    if (!isCurrent()) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    job = (await getJson(`/api/jobs/${encodeURIComponent(job.id)}`)).job;
  }
}

/** Draws a job's state into the status box: its stages while it runs, its outcome when it ends. */
export function showJob(status, job, headlines = new Map()) {
  clear(status);
  const state = shownState(job);
  const finished = state === 'done' || state === 'failed';
  const read = job.articlesAdded.length + job.articlesExisting.length;
  append(status, [
    h(
      'p',
      { class: `job-state state-${state}`, 'data-state': state },
      state === 'queued'
        ? 'Job queued: waiting for a worker'
        : state === 'running'
          ? 'Job running'
          : state === 'done'
            ? 'Job done'
            : read === 0 && job.state === 'done'
              ? 'Job failed: none of its inputs gave an article'
              : 'Job failed',
    ),
    !finished && stageList(job),
    !finished && h('progress', { max: '1', value: String(overallShare(job)), 'aria-label': 'Progress of the job' }),
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
        { class: state === 'failed' ? 'job-problems failed' : 'job-problems' },
        h('h2', {}, state === 'failed' ? 'Why it failed' : 'Problems'),
        h(
          'ul',
          { class: 'job-errors' },
          job.errors.map((e) => h('li', {}, e.input ? `${e.input}: ${e.message}` : e.message)),
        ),
      ),
  ]);
}

/** The job's stages: done, the one it is in (with its count when known), and those to come. */
function stageList(job) {
  const current =
    job.state === 'queued'
      ? -1
      : Math.max(
          0,
          STAGES.findIndex(([key]) => key === job.stage),
        );
  return h(
    'ol',
    { class: 'job-stages' },
    STAGES.map(([key, label], i) => {
      const state = i < current ? 'done' : i === current ? 'current' : 'waiting';
      const count = i === current && job.total ? ` (${Math.min(job.done, job.total)} of ${job.total})` : '';
      return h(
        'li',
        { class: `stage stage-${state}`, 'data-stage': key, 'aria-current': state === 'current' ? 'step' : null },
        label,
        count,
        state === 'done' ? ' — done' : '',
      );
    }),
  );
}

/**
 * How far the whole job is, 0 to below 1 while it runs: each stage a share, the current one
 * filled by its count. A stage's full count is not the job's end (the first job loads the word
 * vectors after reading its one input), so the bar is never full before the job is.
 */
function overallShare(job) {
  if (job.state === 'queued') return 0;
  const index = Math.max(
    0,
    STAGES.findIndex(([key]) => key === job.stage),
  );
  const within = job.total ? Math.min(1, job.done / job.total) : 0;
  return Math.min(MAX_RUNNING_SHARE, (index + within) / STAGES.length);
}

/** The bar's fill while a job runs: never the full bar of a finished job. */
const MAX_RUNNING_SHARE = 0.95;
