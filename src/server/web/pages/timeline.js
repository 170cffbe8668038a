// When each outlet published: one row per article on a shared time axis, earliest first. Articles
// without a date (plain-text files, pages that print none) are drawn too, in a column of their
// own, hollow; one that derives from a dated article is said to come after it, which its
// derivation shows even where no date does. Nothing is given a date it does not carry.
import { h, svg, formatDate, plural } from '../dom.js';
import { articleHref } from './labels.js';
import { wrapWords } from './graph.js';

const ROW_HEIGHT = 30;
const LABEL_WIDTH = 250;
const PLOT_WIDTH = 420;
/** The column of undated articles, right of the axis. */
const UNDATED_WIDTH = 110;
const PADDING = 12;
const AXIS_HEIGHT = 34;
/** Characters of a row's name at 13px in LABEL_WIDTH; the full name is in the row's tooltip. */
const NAME_CHARS = 34;

export function timeline(story, names) {
  const isDated = (a) => a.published && !Number.isNaN(Date.parse(a.published));
  const dated = names.ordered.filter(isDated);
  const undated = names.ordered.filter((a) => !isDated(a));
  const byId = new Map(story.articles.map((a) => [a.id, a]));
  /** The dated articles an undated one derives from: it was published after them. */
  const after = (article) => article.derivedFrom.map((l) => byId.get(l.article)).filter((source) => source && isDated(source));
  const rows = [...dated, ...undated];
  const times = dated.map((a) => Date.parse(a.published));
  const start = Math.min(...times);
  const end = Math.max(...times);
  const span = Math.max(1, end - start);
  const axisStart = LABEL_WIDTH + PADDING;
  const x = (t) => axisStart + (dated.length <= 1 || end === start ? PLOT_WIDTH / 2 : ((t - start) / span) * PLOT_WIDTH);
  const undatedX = axisStart + PLOT_WIDTH + UNDATED_WIDTH / 2 + PADDING;
  const width = LABEL_WIDTH + PLOT_WIDTH + (undated.length > 0 ? UNDATED_WIDTH + PADDING : 0) + PADDING * 2 + 10;
  const height = rows.length * ROW_HEIGHT + AXIS_HEIGHT + PADDING;
  const axisY = rows.length * ROW_HEIGHT + 8;
  const drawing = svg(
    'svg',
    {
      class: 'timeline',
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      role: 'img',
      'aria-label': `Publication timeline: ${plural(dated.length, 'dated article')}${undated.length > 0 ? `, ${undated.length} without a date` : ''}`,
    },
    dated.length > 0 && [
      svg('line', { class: 'axis', x1: axisStart, x2: axisStart + PLOT_WIDTH, y1: axisY, y2: axisY }),
      svg('text', { class: 'axis-label', x: axisStart, y: axisY + 18 }, formatDate(dated[0].published)),
      end > start &&
        svg(
          'text',
          { class: 'axis-label', x: axisStart + PLOT_WIDTH, y: axisY + 18, 'text-anchor': 'end' },
          formatDate(dated.at(-1).published),
        ),
    ],
    undated.length > 0 && svg('text', { class: 'axis-label', x: undatedX, y: axisY + 18, 'text-anchor': 'middle' }, 'date unknown'),
    rows.map((article, row) => {
      const y = row * ROW_HEIGHT + ROW_HEIGHT / 2;
      const known = isDated(article);
      const sources = known ? [] : after(article);
      const cx = known ? x(Date.parse(article.published)) : undatedX;
      const name = names.of(article.id).full;
      const when = known
        ? formatDate(article.published)
        : `date unknown${sources.length > 0 ? `, after ${sources.map((s) => names.of(s.id).full).join(' and ')} (it derives from it)` : ''}`;
      return svg(
        'a',
        {
          href: articleHref(article.id, story.id),
          class: `timeline-row role-${article.role}${known ? '' : ' undated'}`,
          'data-article': article.id,
        },
        svg('title', {}, `${name}: ${when}`),
        svg('text', { x: PADDING, y: y + 4, class: 'timeline-name' }, wrapWords(name, NAME_CHARS, 1)[0]),
        svg('line', { class: 'guide', x1: axisStart, x2: cx, y1: y, y2: y }),
        svg('circle', { cx, cy: y, r: '7' }),
      );
    }),
  );
  return h(
    'div',
    { class: 'timeline-block' },
    dated.length === 0 && h('p', { class: 'empty' }, 'No article of this story carries a publication date.'),
    undated.length > 0 &&
      dated.length > 0 &&
      h(
        'p',
        { class: 'meta' },
        `${dated.length} of ${story.articles.length} articles ${dated.length === 1 ? 'carries' : 'carry'} a publication date; the others are drawn hollow at the right.`,
      ),
    h('div', { class: 'graph-scroll', tabindex: '0', 'aria-label': 'Timeline (scrolls sideways)' }, drawing),
    h(
      'ol',
      { class: 'timeline-list' },
      dated.map((a) => h('li', {}, h('time', { datetime: a.published }, formatDate(a.published)), ` — ${names.of(a.id).full} (${a.role})`)),
      undated.map((a) => {
        const sources = after(a);
        return h(
          'li',
          {},
          `date unknown — ${names.of(a.id).full} (${a.role})`,
          sources.length > 0 && `, published after ${sources.map((s) => names.of(s.id).full).join(' and ')}, which it derives from`,
        );
      }),
    ),
  );
}
