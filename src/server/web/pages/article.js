// One article: its clean text with the story's claims highlighted, its metadata, and the page
// chrome cleaning removed, shown greyed so a reader can check nothing of the story was dropped.
import { h, append, externalLink, formatDate, plural } from '../dom.js';
import { getJson } from '../api.js';
import { articleLabels, statusFamily } from './labels.js';
import { readableInput } from '../wording.js';
import { roleLine } from './story.js';

export async function renderArticle(page, id, params, isCurrent) {
  const storyId = params.get('story');
  const [{ article, sentences }, story] = await Promise.all([
    getJson(`/api/articles/${encodeURIComponent(id)}`),
    storyId
      ? getJson(`/api/stories/${encodeURIComponent(storyId)}`).then(
          (r) => r.story,
          () => null,
        )
      : Promise.resolve(null),
  ]);
  if (!isCurrent()) return;
  const inStory = story?.articles.find((a) => a.id === article.id) ?? null;
  const names = story ? articleLabels(story) : null;
  const ranges = [];
  for (const claim of story?.claims ?? []) {
    for (const mention of claim.mentions) {
      if (mention.article === article.id && mention.end > mention.start) {
        ranges.push({
          start: mention.start,
          end: mention.end,
          className: `claim claim-${claim.kind} mark-${statusFamily(mention.status)}`,
          title: `${claim.kind}, ${mention.status}${claim.speaker ? ` (${claim.speaker})` : ''}`,
        });
      }
    }
  }
  // Passages this article shares with the article it derives from: the evidence for its role.
  for (const link of inStory?.derivedFrom ?? []) {
    for (const passage of link.evidence) {
      if (passage.targetEnd > passage.targetStart) {
        ranges.push({
          start: passage.targetStart,
          end: passage.targetEnd,
          className: 'evidence',
          title: `shared with ${names.of(link.article).full} (${Math.round(passage.similarity * 100)}% alike)`,
        });
      }
    }
  }
  const hasEvidence = ranges.some((r) => r.className === 'evidence');
  const highlight = parseRange(params.get('hl'), article.text.length);
  if (highlight) ranges.push({ ...highlight, className: 'cited', title: 'the cited passage' });

  const metadata = [
    ['Outlet', article.outlet],
    ['Publisher', article.publisher],
    ['Byline', article.byline],
    ['Published', article.published ? formatDate(article.published) : null],
    ['Updated', article.updated ? formatDate(article.updated) : null],
    ['Language', article.language],
    ['URL', article.url ? externalLink(article.url) : null],
    ['Input', readableInput(article.input)],
    ['Role', inStory ? `${inStory.role} ${roleLine(story, names, inStory)}` : null],
    [
      'Derives from',
      inStory && inStory.derivedFrom.length > 0
        ? inStory.derivedFrom.map((l) => `${names.of(l.article).full} (${linkFigures(l)})`).join(', ')
        : null,
    ],
    [
      'Derived share',
      inStory && inStory.derivedFrom.length > 0 && inStory.derivedShare !== undefined
        ? `${Math.round(inStory.derivedShare * 100)}% of its sentences aligned to its sources: ${
            inStory.derivedShare >= WHOLLY_DERIVED_SHARE ? 'wholly' : 'partially'
          } derived (shared passages highlighted below)`
        : null,
    ],
    ['Sentences', String(sentences.length)],
  ].filter(([, value]) => value);

  append(page, [
    h(
      'p',
      { class: 'breadcrumb' },
      story
        ? h('a', { href: `#/story/${encodeURIComponent(story.id)}` }, `← ${story.headline || 'Story'}`)
        : h('a', { href: '#/' }, '← All stories'),
    ),
    h('h1', {}, article.title || (names ? `${names.of(article.id).full} (untitled)` : 'Untitled article')),
    h(
      'dl',
      { class: 'metadata' },
      metadata.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))),
    ),
    ranges.length > 0 &&
      h(
        'ul',
        { class: 'legend', 'aria-label': 'Highlights' },
        ['stated', 'trimmed', 'altered', 'conflicting'].map((family) =>
          h('li', {}, h('span', { class: `swatch mark-${family}`, 'aria-hidden': 'true' }), `claim, ${family}`),
        ),
        hasEvidence && h('li', {}, h('span', { class: 'swatch evidence', 'aria-hidden': 'true' }), 'passage shared with its source'),
        highlight && h('li', {}, h('span', { class: 'swatch cited', 'aria-hidden': 'true' }), 'cited passage'),
      ),
    h('section', { class: 'article-text', 'aria-label': 'Article text' }, paragraphs(article.text, ranges)),
    h(
      'section',
      { class: 'removed', 'aria-labelledby': 'removed-heading' },
      h('h2', { id: 'removed-heading' }, 'Removed from the page'),
      article.removed.length === 0
        ? h('p', { class: 'empty' }, 'Cleaning removed nothing from this page.')
        : [
            h('p', { class: 'meta' }, `${plural(article.removed.length, 'block')} of page chrome, not part of the story:`),
            h(
              'ol',
              { class: 'removed-blocks' },
              article.removed.map((block) =>
                h('li', {}, h('span', { class: 'reason' }, block.reason), h('p', { class: 'removed-text' }, block.text)),
              ),
            ),
          ],
    ),
  ]);
  const cited = page.querySelector('mark.cited');
  if (cited) requestAnimationFrame(() => cited.scrollIntoView({ block: 'center' }));
}

function parseRange(value, length) {
  const match = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const start = Number(match[1]);
  const end = Math.min(length, Number(match[2]));
  return end > start ? { start, end } : null;
}

/** Cuts the text at every range boundary, wraps covered pieces in <mark>, and splits paragraphs at blank lines. */
function paragraphs(text, ranges) {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) {
    cuts.add(Math.max(0, Math.min(text.length, r.start)));
    cuts.add(Math.max(0, Math.min(text.length, r.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const result = [];
  let current = [];
  const flush = () => {
    if (current.length > 0) result.push(h('p', {}, current));
    current = [];
  };
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = ranges.filter((r) => r.start <= from && r.end >= to);
    const pieces = text.slice(from, to).split(/\n\s*\n/);
    pieces.forEach((piece, index) => {
      if (index > 0) flush();
      if (piece === '') return;
      if (covering.length === 0) current.push(piece);
      else
        current.push(
          h(
            'mark',
            {
              class: [...new Set(covering.flatMap((r) => r.className.split(' ')))].join(' '),
              title: covering.map((r) => r.title).join('; '),
            },
            piece,
          ),
        );
    });
  }
  flush();
  return result;
}

/** Below this share of its sentences aligned to its sources an article is partially derived (src/derivation). */
const WHOLLY_DERIVED_SHARE = 0.6;

/** "62% of its text, shared copy 97% likely": a link's coverage and the pair model's probability. */
function linkFigures(link) {
  const coverage = `${Math.round(link.coverage * 100)}% of its text`;
  return link.probability === undefined ? coverage : `${coverage}, shared copy ${Math.round(link.probability * 100)}% likely`;
}
