// Quote versions side by side, one column per outlet with the reference first, each with its
// word-level diff against the reference and one line on what differs; and the numbers table with
// conflicting values highlighted.
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
        { class: 'versions', 'aria-label': 'Versions side by side, the reference first' },
        referenceFirst(claim.mentions).map((mention) =>
          h(
            'li',
            { class: `version status-${mention.status}`, 'data-article': mention.article },
            h(
              'a',
              { href: articleHref(mention.article, story.id, { hl: `${mention.start}-${mention.end}` }), class: 'version-source' },
              names.of(mention.article).full,
            ),
            ' ',
            h(
              'span',
              { class: `badge badge-${statusFamily(mention.status)}` },
              mention.status === 'original' ? 'reference' : mention.status,
            ),
            // A paraphrase or a denial is other words altogether: its text, not a word diff against the quote.
            h(
              'p',
              { class: 'diff' },
              mention.diff && mention.diff.length > 0 && wordForWord(mention) ? renderDiff(mention.diff) : mention.text,
            ),
            h('p', { class: 'what-differs' }, whatDiffers(mention)),
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

/** Versions that quote the words themselves, so a word diff says what changed. */
export function wordForWord(mention) {
  return mention.status !== 'paraphrased' && mention.status !== 'conflicting';
}

/** The reference version first (the one the others are compared with), then the articles' own order. */
function referenceFirst(mentions) {
  return [...mentions].sort((a, b) => Number(b.status === 'original') - Number(a.status === 'original'));
}

/** Longest stretch of words quoted in a summary line. */
const SUMMARY_WORDS = 8;

function clip(text) {
  const words = text.split(/\s+/);
  return words.length > SUMMARY_WORDS ? `${words.slice(0, SUMMARY_WORDS).join(' ')} …` : text;
}

/** One line on how a version differs from the reference: what it changes, leaves out, adds. */
export function whatDiffers(mention) {
  if (mention.status === 'original') return 'The version the others are compared with.';
  if (mention.status === 'paraphrased') return 'Reported in the outlet’s own words, without quotation marks.';
  if (mention.status === 'conflicting') return 'Says the opposite of the reference.';
  const diff = mention.diff ?? [];
  const changed = diff.filter((c) => c.op === 'substituted').map((c) => `“${clip(c.was ?? '')}” → “${clip(c.text)}”`);
  const dropped = diff.filter((c) => c.op === 'dropped').reduce((n, c) => n + c.text.split(/\s+/).length, 0);
  const added = diff.filter((c) => c.op === 'added').reduce((n, c) => n + c.text.split(/\s+/).length, 0);
  const parts = [];
  if (changed.length > 0) parts.push(`changes ${changed.join(', ')}`);
  if (dropped > 0) parts.push(`leaves out ${plural(dropped, 'word')}`);
  if (added > 0) parts.push(`has ${plural(added, 'word')} the reference does not`);
  if (parts.length === 0) return 'Word for word the reference.';
  const line = parts.join('; ');
  return `${line[0].toUpperCase()}${line.slice(1)}.`;
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
      h('caption', {}, 'Each number the articles state, normalized, with each article’s wording. Conflicts are highlighted.'),
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
