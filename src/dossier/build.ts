// Assembles one story's dossier from the records the stages produced. No analysis happens here.
// Every field is copied by name, so the dossier holds exactly the documented format
// (docs/dossier.md) even when a stage's records carry more.
import type { Article, BriefSentence, Derivation, Reconciliation, Story } from '../records.js';
import type { DossierCoverage, DossierStory } from './types.js';

export interface StoryParts {
  readonly story: Story;
  readonly articles: readonly Article[];
  readonly derivations: readonly Derivation[];
  readonly reconciliation: Reconciliation;
  readonly brief: readonly BriefSentence[];
  readonly independentOrigins: number;
  /** What each article adds, omits and disputes (reconcile's `storyCoverage(...).perArticle`). */
  readonly coverage?: readonly DossierCoverage[];
}

export function buildStoryDossier(parts: StoryParts): DossierStory {
  const { story, articles, derivations, reconciliation, brief, independentOrigins, coverage = [] } = parts;
  const derivationOf = new Map(derivations.map((d) => [d.article, d]));
  return {
    id: story.id,
    headline: story.headline,
    label: story.label,
    firstSeen: story.firstSeen,
    lastSeen: story.lastSeen,
    outlets: story.outlets,
    topEntities: story.topEntities,
    independentOrigins,
    articles: articles.map((article) => {
      const derivation = derivationOf.get(article.id);
      return {
        id: article.id,
        input: article.input,
        url: article.url,
        outlet: article.outlet,
        publisher: article.publisher,
        title: article.title,
        byline: article.byline,
        published: article.published,
        language: article.language,
        text: article.text,
        role: derivation?.role ?? 'independent',
        roleReason: derivation?.reason ?? 'no shared text with any other article of the story',
        ...(derivation?.derivedShare !== undefined ? { derivedShare: derivation.derivedShare } : {}),
        derivedFrom: (derivation?.derivedFrom ?? []).map((link) => ({
          article: link.article,
          coverage: link.coverage,
          ...(link.probability !== undefined ? { probability: link.probability } : {}),
          evidence: link.evidence.map((p) => ({
            text: p.text,
            sourceStart: p.sourceStart,
            sourceEnd: p.sourceEnd,
            targetStart: p.targetStart,
            targetEnd: p.targetEnd,
            similarity: p.similarity,
          })),
        })),
        sharedSourceWith: [...(derivation?.sharedSourceWith ?? [])],
        removed: article.removed.map(({ text, reason }) => ({ text, reason })),
      };
    }),
    claims: reconciliation.claims.map((claim) => ({
      id: claim.id,
      kind: claim.kind,
      text: claim.text,
      speaker: claim.speaker,
      quantity: claim.quantity ? { value: claim.quantity.value, unit: claim.quantity.unit, text: claim.quantity.text } : null,
      origins: claim.origins,
      uniqueTo: claim.uniqueTo,
      contested: claim.contested,
      mentions: claim.versions.map((v) => ({
        article: v.article,
        text: v.text,
        start: v.start,
        end: v.end,
        status: v.status,
        score: v.score,
        ...(v.diff ? { diff: v.diff.map(({ op, text, was }) => (was === undefined ? { op, text } : { op, text, was })) } : {}),
      })),
    })),
    findings: reconciliation.findings.map(({ kind, message, claim, articles, severity }) => ({
      kind,
      message,
      claim,
      articles: [...articles],
      severity,
    })),
    brief: brief.map(({ text, citations, sources, contested }) => ({
      text,
      citations: [...citations],
      sources: sources.map(({ article, start, end }) => ({ article, start, end })),
      contested,
    })),
    coverage: coverage.map(({ article, adds, omits, disputes }) => ({
      article,
      adds: [...adds],
      omits: [...omits],
      disputes: [...disputes],
    })),
  };
}
