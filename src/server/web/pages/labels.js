// Short, stable names for a story's articles ("A1 · Reuters"), numbered in publication order,
// so every view of the story (brief, graph, matrix, tables) refers to an article the same way.
import { inputName } from '../wording.js';
export function articleLabels(story) {
  const ordered = [...story.articles].sort(
    (a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id),
  );
  const labels = new Map();
  ordered.forEach((article, index) => {
    const name = article.outlet || article.publisher || shortTitle(article.title) || baseName(article.input) || article.id;
    labels.set(article.id, { code: `A${index + 1}`, name, full: `A${index + 1} · ${name}`, article, index });
  });
  return { ordered, labels, of: (id) => labels.get(id) ?? { code: '?', name: id, full: id, article: null, index: -1 } };
}

function shortTitle(title) {
  if (!title) return null;
  return title.length > 40 ? `${title.slice(0, 39)}…` : title;
}

function baseName(input) {
  const name = inputName(input);
  return name ? name.replace(/\.(txt|html?|gz)$/i, '') : null;
}

export function articleHref(articleId, storyId, extra = {}) {
  const params = new URLSearchParams({ story: storyId, ...extra });
  return `#/article/${encodeURIComponent(articleId)}?${params}`;
}

/** Status -> the colour family the coverage matrix and badges use. */
export const STATUS_FAMILY = {
  original: 'stated',
  verbatim: 'stated',
  agrees: 'stated',
  stated: 'stated',
  paraphrased: 'stated',
  trimmed: 'trimmed',
  approximate: 'trimmed',
  altered: 'altered',
  conflicting: 'conflicting',
  drifted: 'conflicting',
};

export function statusFamily(status) {
  return STATUS_FAMILY[status] ?? 'stated';
}
