// Full-text search in PostgreSQL: a tsvector of the folded heading (weight A) and text (weight B)
// of each article under a GIN index, ranked by ts_rank_cd. The 'simple' configuration: articles
// come in many languages, and the words are folded before they get here.
import type { FullTextDialect } from '../search.js';

export const fullTextTable = `
CREATE TABLE article_search (
  article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
  document tsvector NOT NULL
);
CREATE INDEX article_search_document ON article_search USING GIN (document);
`;

export const fullText: FullTextDialect = {
  insertSql: `INSERT INTO article_search (article_id, document)
    VALUES (?, setweight(to_tsvector('simple', ?), 'A') || setweight(to_tsvector('simple', ?), 'B'))`,
  matchSql: `SELECT article_id, ts_rank_cd(document, q) AS rank
    FROM article_search, to_tsquery('simple', ?) q WHERE document @@ q`,
  // Each word a prefix (rusal:*), all of them required; words are letters and digits only.
  query: (words) => words.map((word) => `${word}:*`).join(' & '),
};
