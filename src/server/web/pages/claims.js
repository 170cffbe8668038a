// Quote versions with a word-level diff against the reference wording, and the numbers table
// with conflicting values highlighted.
import { h, collapsible, plural } from '../dom.js';
import { articleHref, statusFamily } from './labels.js';

export function quoteVersions(story, names) {
  const quotes = story.claims
    .filter((c) => c.kind === 'quote')
    .sort(
      (a, b) => Number(b.contested) - Number(a.contested) || changedCount(b) - changedCount(a) || b.mentions.length - a.mentions.length,
    );
  if (quotes.length === 0) return h('p', { class: 'empty' }, 'No quotes were found.');
  // Quotes carried by several articles are where wording changes; single versions come after.
  const shared = quotes.filter((c) => c.mentions.length > 1);
  const single = quotes.filter((c) => c.mentions.length <= 1);
  const items = [...shared, ...single].map((claim) =>
    h(
      'li',
      { class: 'quote', 'data-claim': claim.id },
      h('p', { class: 'quote-reference' }, claim.speaker && h('span', { class: 'speaker' }, `${claim.speaker}: `), h('q', {}, claim.text)),
      h(
        'p',
        { class: 'meta' },
        plural(claim.mentions.length, 'version'),
        ` · ${plural(claim.origins, 'independent origin')}`,
        claim.uniqueTo ? ` · only in ${names.of(claim.uniqueTo).full}` : '',
      ),
      h(
        'ol',
        { class: 'versions' },
        claim.mentions.map((mention) =>
          h(
            'li',
            { class: `version status-${mention.status}`, 'data-article': mention.article },
            h(
              'a',
              { href: articleHref(mention.article, story.id, { hl: `${mention.start}-${mention.end}` }), class: 'version-source' },
              names.of(mention.article).full,
            ),
            ' ',
            h('span', { class: `badge badge-${statusFamily(mention.status)}` }, mention.status),
            h('p', { class: 'diff' }, mention.diff && mention.diff.length > 0 ? renderDiff(mention.diff) : mention.text),
          ),
        ),
      ),
    ),
  );
  return h(
    'div',
    {},
    h(
      'ul',
      { class: 'legend', 'aria-label': 'How the versions differ' },
      h('li', {}, h('del', { class: 'dropped' }, 'dropped or replaced words')),
      h('li', {}, h('ins', { class: 'added' }, 'added or new words')),
    ),
    collapsible(
      h('ul', { class: 'quotes' }),
      items,
      Math.max(shared.length, 1),
      (n) => `Show ${plural(n, 'more quote')} (carried by one article)`,
    ),
  );
}

function changedCount(claim) {
  return claim.mentions.filter((m) => m.status === 'altered' || m.status === 'trimmed').length;
}

/** same -> plain, dropped -> struck out, added -> inserted, substituted -> struck "was" then the new words. */
export function renderDiff(diff) {
  const parts = [];
  for (const change of diff) {
    if (parts.length > 0) parts.push(' ');
    if (change.op === 'same') parts.push(h('span', { class: 'same' }, change.text));
    else if (change.op === 'dropped') parts.push(h('del', { class: 'dropped', title: 'dropped' }, change.text));
    else if (change.op === 'added') parts.push(h('ins', { class: 'added', title: 'added' }, change.text));
    else if (change.op === 'substituted')
      parts.push(
        h('span', { class: 'substituted' }, h('del', { title: 'was' }, change.was ?? ''), ' ', h('ins', { title: 'now' }, change.text)),
      );
  }
  return parts;
}

export function numbersTable(story, names) {
  const quantities = story.claims.filter((c) => c.kind === 'quantity');
  if (quantities.length === 0) return h('p', { class: 'empty' }, 'No numbers were found.');
  quantities.sort((a, b) => Number(b.contested) - Number(a.contested) || b.mentions.length - a.mentions.length);
  return h(
    'div',
    { class: 'table-scroll', tabindex: '0', 'aria-label': 'Numbers (scrolls sideways)' },
    h(
      'table',
      { class: 'numbers' },
      h('caption', {}, 'Each number the articles state, normalised, with each article’s wording. Conflicts are highlighted.'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'What'),
          h('th', { scope: 'col' }, 'Value'),
          h('th', { scope: 'col' }, 'As each article states it'),
        ),
      ),
      h(
        'tbody',
        {},
        quantities.map((claim) => {
          const conflicting = claim.contested || claim.mentions.some((m) => statusFamily(m.status) === 'conflicting');
          return h(
            'tr',
            { class: conflicting ? 'conflict' : null, 'data-claim': claim.id },
            h('th', { scope: 'row' }, claim.text, conflicting && h('span', { class: 'badge badge-conflicting' }, 'conflict')),
            h('td', { class: 'value' }, claim.quantity ? formatQuantity(claim.quantity) : '—'),
            h(
              'td',
              {},
              h(
                'ul',
                { class: 'number-mentions' },
                claim.mentions.map((m) =>
                  h(
                    'li',
                    { class: `status-${m.status}` },
                    h('a', { href: articleHref(m.article, story.id, { hl: `${m.start}-${m.end}` }) }, names.of(m.article).code),
                    ' ',
                    m.text,
                    ' ',
                    h('span', { class: `badge badge-${statusFamily(m.status)}` }, m.status),
                  ),
                ),
              ),
            ),
          );
        }),
      ),
    ),
  );
}

export function formatQuantity(quantity) {
  const value = Number.isFinite(quantity.value)
    ? new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }).format(quantity.value)
    : String(quantity.value);
  return quantity.unit ? `${value} ${quantity.unit}` : value;
}
