// The dossier: what `analyze` writes to stories.json, the store keeps, and the web app shows.
// Documented in docs/dossier.md with its JSON Schema (src/dossier/schema.json).
import type {
  BriefSentence,
  Citation,
  FindingKind,
  MentionStatus,
  RemovedBlock,
  Role,
  WordChange,
  ClaimKind,
  RejectionCode,
} from '../records.js';

export const DOSSIER_VERSION = 1;

export interface DossierEvidence {
  readonly text: string;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly targetStart: number;
  readonly targetEnd: number;
  readonly similarity: number;
}

export interface DossierArticle {
  readonly id: string;
  readonly input: string;
  readonly url: string | null;
  readonly outlet: string | null;
  readonly publisher: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly published: string | null;
  readonly language: string | null;
  readonly text: string;
  readonly role: Role;
  readonly roleReason: string;
  /** Share of its sentences aligned to its sources (absent in dossiers stored before it existed). */
  readonly derivedShare?: number;
  readonly derivedFrom: readonly {
    readonly article: string;
    readonly coverage: number;
    /** The pair model's probability that the two share copy (absent in older dossiers). */
    readonly probability?: number;
    readonly evidence: readonly DossierEvidence[];
  }[];
  readonly sharedSourceWith: readonly string[];
  readonly removed: readonly RemovedBlock[];
}

export interface DossierMention {
  readonly article: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly status: MentionStatus;
  readonly score: number;
  readonly diff?: readonly WordChange[];
}

export interface DossierClaim {
  readonly id: string;
  readonly kind: ClaimKind;
  readonly text: string;
  readonly speaker: string | null;
  readonly quantity: { readonly value: number; readonly unit: string; readonly text: string } | null;
  readonly origins: number;
  readonly uniqueTo: string | null;
  readonly contested: boolean;
  readonly mentions: readonly DossierMention[];
}

export interface DossierFinding {
  readonly kind: FindingKind;
  readonly message: string;
  readonly claim: string | null;
  readonly articles: readonly string[];
  readonly severity: 'high' | 'medium' | 'low';
}

/** What one article adds to the story, leaves out, and states against the others (claim ids). */
export interface DossierCoverage {
  readonly article: string;
  /** Claims only this article's outlet carries. */
  readonly adds: readonly string[];
  /** Claims several independent origins report that this article leaves out. */
  readonly omits: readonly string[];
  /** Claims this article states against the reference version (altered, conflicting, drifted). */
  readonly disputes: readonly string[];
}

export interface DossierStory {
  readonly id: string;
  readonly headline: string;
  readonly label: string;
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly outlets: readonly string[];
  readonly topEntities: readonly string[];
  readonly independentOrigins: number;
  readonly articles: readonly DossierArticle[];
  readonly claims: readonly DossierClaim[];
  readonly findings: readonly DossierFinding[];
  readonly brief: readonly BriefSentence[];
  /** Per article, in the order of `articles`; empty when the pipeline did not compute it. */
  readonly coverage: readonly DossierCoverage[];
}

export interface DossierRejection {
  readonly input: string;
  readonly code: RejectionCode;
  readonly reason: string;
}

export interface Dossier {
  readonly version: typeof DOSSIER_VERSION;
  readonly generatedAt: string;
  readonly stories: readonly DossierStory[];
  readonly rejections: readonly DossierRejection[];
}

export type { BriefSentence, Citation };
