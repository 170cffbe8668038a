// The derivation graph: articles as boxes, an arrow from each source to the article that reuses
// it, labelled copy / rewrite / summary with the share of text taken. Layered left to right by
// derivation depth (originals first), and top to bottom by publication time within a layer.
import { h, svg, formatDate, plural } from '../dom.js';
import { articleHref } from './labels.js';

const NODE_WIDTH = 200;
/** Room for a name over two lines and the role line under it. */
const NODE_HEIGHT = 76;
const LAYER_GAP = 130;
const ROW_GAP = 22;
const PADDING = 16;
const EDGE_ROLES = ['copy', 'rewrite', 'summary'];
const ROLE_COLOURS = { copy: '#b42318', rewrite: '#b54708', summary: '#175cd3', other: '#475467' };
/** Characters of a node's name per line at its 14px bold (the node is 200px wide); two lines are drawn. */
const NAME_LINE = 22;
const NAME_LINES = 2;

export function derivationGraph(story, names) {
  const ids = new Set(story.articles.map((a) => a.id));
  const byId = new Map(story.articles.map((a) => [a.id, a]));
  const depth = new Map();
  const depthOf = (id, seen = new Set()) => {
    if (depth.has(id)) return depth.get(id);
    if (seen.has(id)) return 0; // a cycle should not happen; never loop on one
    seen.add(id);
    const sources = (byId.get(id)?.derivedFrom ?? []).map((l) => l.article).filter((s) => ids.has(s));
    const d = sources.length === 0 ? 0 : 1 + Math.max(...sources.map((s) => depthOf(s, seen)));
    depth.set(id, d);
    return d;
  };
  for (const article of names.ordered) depthOf(article.id);

  const layers = [];
  for (const article of names.ordered) {
    const d = depth.get(article.id);
    (layers[d] ??= []).push(article);
  }
  const position = new Map();
  layers.forEach((layer, d) =>
    (layer ?? []).forEach((article, row) =>
      position.set(article.id, { x: PADDING + d * (NODE_WIDTH + LAYER_GAP), y: PADDING + row * (NODE_HEIGHT + ROW_GAP) }),
    ),
  );
  const width = PADDING * 2 + layers.length * NODE_WIDTH + Math.max(0, layers.length - 1) * LAYER_GAP;
  const rows = Math.max(1, ...layers.map((l) => (l ? l.length : 0)));
  const height = PADDING * 2 + rows * NODE_HEIGHT + (rows - 1) * ROW_GAP;

  const edges = [];
  for (const article of story.articles) {
    for (const link of article.derivedFrom) {
      if (ids.has(link.article))
        edges.push({ from: link.article, to: article.id, role: article.role, coverage: link.coverage, passages: link.evidence.length });
    }
  }
  const shared = [];
  const seenPairs = new Set();
  for (const article of story.articles) {
    for (const other of article.sharedSourceWith ?? []) {
      const key = [article.id, other].sort().join('|');
      if (ids.has(other) && !seenPairs.has(key)) {
        seenPairs.add(key);
        shared.push({ a: article.id, b: other });
      }
    }
  }

  const drawing = svg(
    'svg',
    {
      class: 'graph',
      viewBox: `0 0 ${width} ${height}`,
      width: String(width),
      height: String(height),
      role: 'img',
      'aria-labelledby': 'graph-title',
    },
    svg(
      'title',
      { id: 'graph-title' },
      `Derivation graph: ${plural(story.articles.length, 'article')}, ${plural(edges.length, 'derivation')}`,
    ),
    svg(
      'defs',
      {},
      Object.entries(ROLE_COLOURS).map(([role, colour]) =>
        svg(
          'marker',
          {
            id: `arrow-${role}`,
            viewBox: '0 0 10 10',
            refX: '9',
            refY: '5',
            markerWidth: '8',
            markerHeight: '8',
            orient: 'auto-start-reverse',
          },
          svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }),
        ),
      ),
    ),
    shared.map(({ a, b }) => sharedLine(position.get(a), position.get(b))),
    edges.map((edge) => edgePath(edge, position.get(edge.from), position.get(edge.to))),
    names.ordered.map((article) => node(story, names, article, position.get(article.id))),
  );

  return h(
    'div',
    { class: 'graph-block' },
    legend(),
    h('div', { class: 'graph-scroll', tabindex: '0', 'aria-label': 'Derivation graph (scrolls sideways)' }, drawing),
    h(
      'ul',
      { class: 'graph-list' },
      names.ordered.map((article) => {
        const links = edges.filter((e) => e.to === article.id);
        const name = names.of(article.id);
        if (links.length === 0) return h('li', {}, `${name.full}: ${article.role}, derives from no other article here.`);
        return h(
          'li',
          {},
          `${name.full}: ${article.role} of `,
          links.map(
            (l, i) =>
              `${i > 0 ? ', ' : ''}${names.of(l.from).full} (${Math.round(l.coverage * 100)}% of its text, ${plural(l.passages, 'passage')})`,
          ),
          '.',
        );
      }),
      shared.map(({ a, b }) => h('li', {}, `${names.of(a).full} and ${names.of(b).full} share a source that is not in this story.`)),
    ),
  );
}

function node(story, names, article, at) {
  const name = names.of(article.id);
  const lines = wrapWords(name.full, NAME_LINE, NAME_LINES);
  return svg(
    'a',
    { href: articleHref(article.id, story.id), class: `node role-${article.role}`, 'data-article': article.id },
    svg('title', {}, `${name.full}: ${article.title ?? 'untitled'} (${article.role})`),
    svg('rect', { x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT, rx: '8' }),
    svg(
      'text',
      { x: at.x + 10, y: at.y + 20, class: 'node-name' },
      lines.map((line, i) => svg('tspan', { x: at.x + 10, dy: i === 0 ? '0' : '17' }, line)),
    ),
    svg(
      'text',
      { x: at.x + 10, y: at.y + NODE_HEIGHT - 12, class: 'node-meta' },
      `${article.role} · ${formatDate(article.published, false)}`,
    ),
  );
}

/**
 * `text` in lines of at most `width` characters, broken between words (a word longer than a line
 * is cut); past `maxLines` the last line ends in an ellipsis. The whole name is in the tooltip.
 */
export function wrapWords(text, width, maxLines) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1];
  kept[maxLines - 1] = last.length >= width ? `${last.slice(0, width - 1)}…` : `${last}…`;
  return kept;
}

function edgePath(edge, from, to) {
  const kind = EDGE_ROLES.includes(edge.role) ? edge.role : 'other';
  const x1 = from.x + NODE_WIDTH;
  const y1 = from.y + NODE_HEIGHT / 2;
  const x2 = to.x - 2;
  const y2 = to.y + NODE_HEIGHT / 2;
  const bend = Math.max(30, (x2 - x1) / 2);
  const labelX = (x1 + x2) / 2;
  const labelY = (y1 + y2) / 2 - 6;
  return svg(
    'g',
    { class: `edge edge-${kind}`, 'data-from': edge.from, 'data-to': edge.to, 'data-role': edge.role },
    svg('path', {
      d: `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`,
      stroke: ROLE_COLOURS[kind],
      fill: 'none',
      'marker-end': `url(#arrow-${kind})`,
    }),
    svg('text', { x: labelX, y: labelY, 'text-anchor': 'middle', class: 'edge-label' }, `${edge.role} ${Math.round(edge.coverage * 100)}%`),
  );
}

function sharedLine(a, b) {
  if (!a || !b) return null;
  return svg('line', {
    class: 'edge-shared',
    x1: a.x + NODE_WIDTH / 2,
    y1: a.y + NODE_HEIGHT / 2,
    x2: b.x + NODE_WIDTH / 2,
    y2: b.y + NODE_HEIGHT / 2,
  });
}

function legend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    EDGE_ROLES.map((role) =>
      h('li', {}, h('span', { class: `swatch edge-swatch-${role}`, 'aria-hidden': 'true' }), `${role}: arrow from the source`),
    ),
    h('li', {}, h('span', { class: 'swatch edge-swatch-shared', 'aria-hidden': 'true' }), 'shared source outside the story'),
  );
}
