// Caps that keep analysis linear in its input, whatever the input: the longest article text
// analyzed and the most claims compared per sentence and per article (the longest sentence is
// the sentences stage's own cap). Later stages compare claims with claims and with sentences, so
// without them one hostile page (a megabyte with no full stop, a table of ten thousand numbers)
// holds a run or a server job for minutes. What a cap leaves out is recorded on the article, as
// a removed block with its reason, so the dossier says what was not analyzed. Pure.
import type { Article, ClaimMention, RemovedBlock } from '../records.js';

export interface AnalysisLimits {
  /** Longest article text analyzed, in characters; the rest is cut at a paragraph or sentence end. */
  readonly maxArticleChars: number;
  /** Most claims of one sentence compared (in the claims stage's order); more is a table or a list, not prose. */
  readonly maxClaimsPerSentence: number;
  /** Most claims of one article compared (in the claims stage's order: quotes, quantities, statements). */
  readonly maxClaimsPerArticle: number;
}

export const ANALYSIS_LIMITS: AnalysisLimits = {
  // Nearly twice the longest of 1,877 real news articles (AEB, ECB+, PolNeAR: 53,372); a
  // 10,000-word long read is about 60,000. The brief and reconciliation compare every sentence
  // of a story with every other article's, so this bounds a story of copies of one huge page.
  maxArticleChars: 100_000,
  // The most in one sentence of 265 real articles is 8.
  maxClaimsPerSentence: 20,
  // The most in one of 265 real articles is 184 (17.7 per 1,000 characters at the densest).
  maxClaimsPerArticle: 2_000,
};

/** How much of a cut text a removed block quotes: enough to recognise it. */
const CUT_PREVIEW_CHARS = 200;
/** A cut looks back at most this far for a paragraph or sentence end before falling back to a space. */
const CUT_LOOKBACK_CHARS = 2_000;

/** The article, or its first `maxArticleChars` characters with a removed block that says what was cut. */
export function capArticle(article: Article, limits: Partial<AnalysisLimits> = {}): Article {
  const { maxArticleChars } = { ...ANALYSIS_LIMITS, ...limits };
  const { text } = article;
  if (text.length <= maxArticleChars) return article;
  const at = cutPoint(text, maxArticleChars);
  const kept = text.slice(0, at).trimEnd();
  const rest = text.slice(at).trimStart();
  const preview = rest.length > CUT_PREVIEW_CHARS ? `${rest.slice(0, CUT_PREVIEW_CHARS)}…` : rest;
  const block: RemovedBlock = {
    text: preview,
    reason:
      `not analyzed: the text is ${count(text.length)} characters, over the cap of ${count(maxArticleChars)}; ` +
      `the last ${count(rest.length)} were cut`,
  };
  return { ...article, text: kept, removed: [...article.removed, block] };
}

/** Where to cut: after the last paragraph break, else sentence end, else space, near the cap. */
function cutPoint(text: string, max: number): number {
  const floor = Math.max(0, max - CUT_LOOKBACK_CHARS);
  const window = text.slice(floor, max + 1);
  const paragraph = window.lastIndexOf('\n');
  if (paragraph > 0) return floor + paragraph;
  const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('? '), window.lastIndexOf('! '));
  if (sentence > 0) return floor + sentence + 1;
  const space = window.lastIndexOf(' ');
  if (space > 0) return floor + space;
  // No space in sight: cut anywhere but inside a surrogate pair.
  return /[\uDC00-\uDFFF]/.test(text[max]!) ? max - 1 : max;
}

export interface CappedClaims {
  readonly claims: ClaimMention[];
  /** A removed block per article whose claims were cut, by article id. */
  readonly notes: ReadonlyMap<string, RemovedBlock>;
}

/** The claims within the per-sentence and per-article caps, in their order; the rest are counted per article. */
export function capClaims(claims: readonly ClaimMention[], limits: Partial<AnalysisLimits> = {}): CappedClaims {
  const { maxClaimsPerSentence, maxClaimsPerArticle } = { ...ANALYSIS_LIMITS, ...limits };
  const perSentence = new Map<string, number>();
  const perArticle = new Map<string, number>();
  const dropped = new Map<string, { count: number; first: ClaimMention }>();
  const kept: ClaimMention[] = [];
  for (const claim of claims) {
    const sentenceKey = `${claim.article}#${claim.sentence}`;
    const inSentence = perSentence.get(sentenceKey) ?? 0;
    const inArticle = perArticle.get(claim.article) ?? 0;
    if (inSentence >= maxClaimsPerSentence || inArticle >= maxClaimsPerArticle) {
      const seen = dropped.get(claim.article);
      if (seen) seen.count++;
      else dropped.set(claim.article, { count: 1, first: claim });
      continue;
    }
    perSentence.set(sentenceKey, inSentence + 1);
    perArticle.set(claim.article, inArticle + 1);
    kept.push(claim);
  }
  const notes = new Map<string, RemovedBlock>();
  for (const [article, { count: n, first }] of dropped) {
    notes.set(article, {
      text: first.text.length > CUT_PREVIEW_CHARS ? `${first.text.slice(0, CUT_PREVIEW_CHARS)}…` : first.text,
      reason:
        `claims not compared: ${count(n)} past the caps of ${count(maxClaimsPerSentence)} per sentence and ` +
        `${count(maxClaimsPerArticle)} per article (the first of them quoted)`,
    });
  }
  return { claims: kept, notes };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
