// Full-text search in SQLite: an FTS5 table over the folded heading and text of each article,
// ranked by BM25 with the heading (title, outlet) weighing more than the body.
import type { FullTextDialect } from '../search.js';

/** A word in the heading counts this many times one in the body: a title names what a story is. */
const HEADING_WEIGHT = 4;

export const fullTextTable = `
CREATE VIRTUAL TABLE article_search USING fts5(
  article_id UNINDEXED,
  heading,
  body,
  tokenize = 'unicode61 remove_diacritics 2'
);
`;

export const fullText: FullTextDialect = {
  insertSql: 'INSERT INTO article_search (article_id, heading, body) VALUES (?, ?, ?)',
  // bm25() is lower for better matches; negated so higher is better, as the store orders.
  matchSql: `SELECT article_id, -bm25(article_search, 0, ${HEADING_WEIGHT}, 1) AS rank FROM article_search WHERE article_search MATCH ?`,
  // Each word a quoted prefix: "rusal"* finds Rusal and Rusal's; words are letters and digits only.
  query: (words) => words.map((word) => `"${word}"*`).join(' '),
};
