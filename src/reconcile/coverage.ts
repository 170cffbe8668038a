// The coverage matrix of a story: for every claim and article, whether the article states the
// claim, states it against the others (contradicted, conflicting, drifted, altered) or leaves it
// out; and, per article, what it adds that no other outlet has and what it leaves out that
// several independent origins report.
import type { AnalyzedArticle, Derivation, MentionStatus, Reconciliation } from '../records.js';
import { countOrigins, storyOrder } from './origins.js';

export type CoverageCell = 'stated' | 'disputed' | 'absent';

export interface ArticleCoverage {
  readonly article: string;
  /** Claim ids only this article's outlet carries. */
  readonly adds: readonly string[];
  /** Claim ids at least `omitOrigins` independent origins report, absent from this article. */
  readonly omits: readonly string[];
  /** Claim ids this article states against the reference version. */
  readonly disputes: readonly string[];
}

export interface StoryCoverage {
  readonly articles: readonly string[];
  readonly claims: readonly string[];
  /** cells[claim][article], in the order of `claims` and `articles`. */
  readonly cells: readonly (readonly CoverageCell[])[];
  readonly perArticle: readonly ArticleCoverage[];
}

/** Versions that stand against the reference: the article reports the claim differently. */
const DISPUTING: ReadonlySet<MentionStatus> = new Set(['conflicting', 'drifted', 'altered']);
/** A claim this many independent origins report is one a complete account should carry. */
const OMIT_ORIGINS = 2;

export function storyCoverage(
  input: {
    readonly articles: readonly AnalyzedArticle[];
    readonly reconciliation: Reconciliation;
    readonly derivations: readonly Derivation[];
  },
  omitOrigins = OMIT_ORIGINS,
): StoryCoverage {
  const order = storyOrder(input.articles, input.derivations);
  const articles = input.articles.map((a) => a.article.id);
  const claims = input.reconciliation.claims;
  const cells = claims.map((claim) => {
    const status = new Map(claim.versions.map((v) => [v.article, v.status]));
    return articles.map((id): CoverageCell => {
      const s = status.get(id);
      return s === undefined ? 'absent' : DISPUTING.has(s) ? 'disputed' : 'stated';
    });
  });
  const perArticle = articles.map((id, column): ArticleCoverage => {
    // Origins other than this article's own: its copies do not make a claim widely reported.
    const others = (claimIndex: number) =>
      countOrigins(
        order,
        claims[claimIndex]!.versions.map((v) => v.article).filter((a) => order.originOf.get(a) !== order.originOf.get(id)),
      );
    return {
      article: id,
      adds: claims.filter((c) => c.uniqueTo !== null && c.versions.some((v) => v.article === id)).map((c) => c.id),
      omits: claims.filter((_, i) => cells[i]![column] === 'absent' && others(i) >= omitOrigins).map((c) => c.id),
      disputes: claims.filter((_, i) => cells[i]![column] === 'disputed').map((c) => c.id),
    };
  });
  return { articles, claims: claims.map((c) => c.id), cells, perArticle };
}
