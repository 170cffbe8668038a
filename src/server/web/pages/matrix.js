// The coverage matrix: which article states which claim, and how (stated as the reference has it,
// trimmed, altered, conflicting, or absent). Colour is never the only signal: each cell says it.
import { h } from '../dom.js';
import { articleHref, statusFamily } from './labels.js';

/** Rows shown before "show all": enough to see the pattern without a wall of statements. */
const INITIAL_ROWS = 30;
const KIND_ORDER = { quote: 0, quantity: 1, statement: 2 };
const FAMILIES = [
  ['stated', 'stated (as the reference has it, or agreeing)'],
  ['trimmed', 'trimmed or approximate'],
  ['altered', 'altered'],
  ['conflicting', 'conflicting or drifted'],
  ['absent', 'absent'],
];

export function coverageMatrix(story, names) {
  if (story.claims.length === 0) return h('p', { class: 'empty' }, 'No claims were found in these articles.');
  const claims = [...story.claims].sort(
    (a, b) => Number(b.contested) - Number(a.contested) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.mentions.length - a.mentions.length,
  );
  const body = h('tbody', {});
  const table = h(
    'table',
    { class: 'matrix' },
    h('caption', {}, 'Claims (rows) by article (columns); each cell names the claim’s status in that article.'),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'Claim'),
        names.ordered.map((article) =>
          h(
            'th',
            { scope: 'col', title: names.of(article.id).full },
            h('a', { href: articleHref(article.id, story.id) }, names.of(article.id).code),
            h('span', { class: 'col-name' }, names.of(article.id).name),
          ),
        ),
      ),
    ),
    body,
  );
  const addRows = (from, to) => {
    for (const claim of claims.slice(from, to)) body.append(row(claim, names));
  };
  addRows(0, INITIAL_ROWS);
  const more =
    claims.length > INITIAL_ROWS ? h('button', { type: 'button', class: 'secondary show-all' }, `Show all ${claims.length} claims`) : null;
  more?.addEventListener('click', () => {
    addRows(INITIAL_ROWS, claims.length);
    more.remove();
  });
  return h(
    'div',
    { class: 'matrix-block' },
    h(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      FAMILIES.map(([family, text]) => h('li', {}, h('span', { class: `swatch cell-${family}`, 'aria-hidden': 'true' }), text)),
    ),
    h('div', { class: 'table-scroll', tabindex: '0', 'aria-label': 'Coverage matrix (scrolls sideways)' }, table),
    more,
  );
}

function row(claim, names) {
  const byArticle = new Map();
  for (const mention of claim.mentions) if (!byArticle.has(mention.article)) byArticle.set(mention.article, mention);
  return h(
    'tr',
    { 'data-claim': claim.id, class: claim.contested ? 'contested' : null },
    h(
      'th',
      { scope: 'row', class: 'claim-cell' },
      h('span', { class: `kind kind-${claim.kind}` }, claim.kind),
      ' ',
      h('span', { class: 'claim-text', title: claim.text }, claim.speaker ? `${claim.speaker}: ${claim.text}` : claim.text),
    ),
    names.ordered.map((article) => {
      const mention = byArticle.get(article.id);
      const family = mention ? statusFamily(mention.status) : 'absent';
      return h(
        'td',
        {
          class: `cell cell-${family}`,
          'data-article': article.id,
          'data-status': mention ? mention.status : 'absent',
          title: mention ? `${names.of(article.id).full}: “${mention.text}”` : `${names.of(article.id).full}: not stated`,
        },
        mention ? mention.status : '—',
      );
    }),
  );
}
