// When each outlet published: one row per article on a shared time axis, earliest first.
import { h, svg, formatDate } from '../dom.js';
import { articleHref } from './labels.js';

const ROW_HEIGHT = 30;
const LABEL_WIDTH = 200;
const PLOT_WIDTH = 520;
const PADDING = 12;
const AXIS_HEIGHT = 34;

export function timeline(story, names) {
  const dated = names.ordered.filter((a) => a.published && !Number.isNaN(Date.parse(a.published)));
  const undated = names.ordered.filter((a) => !dated.includes(a));
  if (dated.length === 0) return h('p', { class: 'empty' }, 'No article carries a publication date.');
  const times = dated.map((a) => Date.parse(a.published));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(1, end - start);
  const x = (t) => LABEL_WIDTH + PADDING + (dated.length === 1 || end === start ? PLOT_WIDTH / 2 : ((t - start) / span) * PLOT_WIDTH);
  const width = LABEL_WIDTH + PLOT_WIDTH + PADDING * 2 + 10;
  const height = dated.length * ROW_HEIGHT + AXIS_HEIGHT + PADDING;
  const drawing = svg(
    'svg',
    {
      class: 'timeline',
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      role: 'img',
      'aria-label': 'Publication timeline',
    },
    svg('line', {
      class: 'axis',
      x1: LABEL_WIDTH + PADDING,
      x2: LABEL_WIDTH + PADDING + PLOT_WIDTH,
      y1: dated.length * ROW_HEIGHT + 8,
      y2: dated.length * ROW_HEIGHT + 8,
    }),
    svg(
      'text',
      { class: 'axis-label', x: LABEL_WIDTH + PADDING, y: dated.length * ROW_HEIGHT + 26 },
      formatDate(new Date(start).toISOString()),
    ),
    end > start &&
      svg(
        'text',
        { class: 'axis-label', x: LABEL_WIDTH + PADDING + PLOT_WIDTH, y: dated.length * ROW_HEIGHT + 26, 'text-anchor': 'end' },
        formatDate(new Date(end).toISOString()),
      ),
    dated.map((article, row) => {
      const y = row * ROW_HEIGHT + ROW_HEIGHT / 2;
      const cx = x(Date.parse(article.published));
      return svg(
        'a',
        { href: articleHref(article.id, story.id), class: `timeline-row role-${article.role}`, 'data-article': article.id },
        svg('title', {}, `${names.of(article.id).full}: ${formatDate(article.published)}`),
        svg('text', { x: PADDING, y: y + 4, class: 'timeline-name' }, truncate(names.of(article.id).full, 26)),
        svg('line', { class: 'guide', x1: LABEL_WIDTH + PADDING, x2: cx, y1: y, y2: y }),
        svg('circle', { cx, cy: y, r: '7' }),
      );
    }),
  );
  return h(
    'div',
    { class: 'timeline-block' },
    h('div', { class: 'graph-scroll', tabindex: '0', 'aria-label': 'Timeline (scrolls sideways)' }, drawing),
    h(
      'ol',
      { class: 'timeline-list' },
      dated.map((a) => h('li', {}, h('time', { datetime: a.published }, formatDate(a.published)), ` — ${names.of(a.id).full} (${a.role})`)),
      undated.map((a) => h('li', {}, `date unknown — ${names.of(a.id).full} (${a.role})`)),
    ),
  );
}

function truncate(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
