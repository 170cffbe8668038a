// The dossier: what `analyze` writes to stories.json, the store keeps, and the web app shows.
// The one definition of the format: its JSON Schema (src/dossier/schema.json) is generated from
// these types by `npm run schema` (scripts/dossier-schema.mjs), and a test fails when the two
// differ. Doc comments become the schema's descriptions; `@minimum`, `@pattern`, `@asType integer`
// and the like become its constraints. docs/dossier.md explains the fields.
import type {
  ArticleId,
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

/**
 * ISO 8601 date or date-time, e.g. 2025-05-14 or 2025-05-14T09:30:00Z.
 * @pattern ^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$
 */
export type IsoDate = string;

/**
 * A position in an article's text, in UTF-16 code units.
 * @asType integer
 * @minimum 0
 */
export type Offset = number;

/**
 * A number of things: 0 or more.
 * @asType integer
 * @minimum 0
 */
export type Count = number;

/**
 * A share or a similarity, from 0 to 1.
 * @minimum 0
 * @maximum 1
 */
export type Share = number;

/** A passage shared by the source (derivedFrom.article) and this article, with offsets on both sides. */
export interface DossierEvidence {
  /** The passage as it stands in the source article. */
  readonly text: string;
  readonly sourceStart: Offset;
  readonly sourceEnd: Offset;
  readonly targetStart: Offset;
  readonly targetEnd: Offset;
  /** Word-level similarity of the two sides: 1 = verbatim. */
  readonly similarity: Share;
}

export interface DossierArticle {
  readonly id: ArticleId;
  /** The path or URL as given. */
  readonly input: string;
  readonly url: string | null;
  /** The news organisation credited with the story. */
  readonly outlet: string | null;
  /** The site that carried the page. */
  readonly publisher: string | null;
  readonly title: string | null;
  readonly byline: string | null;
  readonly published: IsoDate | null;
  /** ISO 639-1 code. */
  readonly language: string | null;
  /** The cleaned body; paragraphs separated by a blank line. Every offset in the dossier indexes this text (UTF-16 code units). */
  readonly text: string;
  readonly role: Role;
  readonly roleReason: string;
  /** Share of its sentences aligned to its sources (absent in dossiers stored before it existed). */
  readonly derivedShare?: Share;
  readonly derivedFrom: readonly {
    readonly article: ArticleId;
    /** Share of this article's text covered by the evidence. */
    readonly coverage: Share;
    /** The pair model's probability that the two share copy (absent in older dossiers). */
    readonly probability?: Share;
    readonly evidence: readonly DossierEvidence[];
  }[];
  readonly sharedSourceWith: readonly ArticleId[];
  readonly removed: readonly RemovedBlock[];
}

export interface DossierMention {
  readonly article: ArticleId;
  readonly text: string;
  readonly start: Offset;
  readonly end: Offset;
  readonly status: MentionStatus;
  readonly score: Share;
  readonly diff?: readonly WordChange[];
}

export interface DossierClaim {
  /** @minLength 1 */
  readonly id: string;
  readonly kind: ClaimKind;
  readonly text: string;
  readonly speaker: string | null;
  readonly quantity: DossierQuantity | null;
  /** How many independent origins state it (copies count once). */
  readonly origins: Count;
  /** The article id when only one outlet carries it. */
  readonly uniqueTo: ArticleId | null;
  readonly contested: boolean;
  readonly mentions: readonly DossierMention[];
}

export interface DossierQuantity {
  readonly value: number;
  /** Normalized unit: t, USD, %, people, ... or "" for a bare count. */
  readonly unit: string;
  readonly text: string;
}

export interface DossierFinding {
  readonly kind: FindingKind;
  readonly message: string;
  readonly claim: string | null;
  readonly articles: readonly ArticleId[];
  readonly severity: 'high' | 'medium' | 'low';
}

/** What one article adds to the story, leaves out, and states against the others (claim ids). */
export interface DossierCoverage {
  readonly article: ArticleId;
  /** Claims only this article's outlet carries. */
  readonly adds: readonly string[];
  /** Claims several independent origins report that this article leaves out. */
  readonly omits: readonly string[];
  /** Claims this article states against the reference version. */
  readonly disputes: readonly string[];
}

export interface DossierStory {
  /** @minLength 1 */
  readonly id: string;
  readonly headline: string;
  readonly label: string;
  readonly firstSeen: IsoDate | null;
  readonly lastSeen: IsoDate | null;
  readonly outlets: readonly string[];
  readonly topEntities: readonly string[];
  readonly independentOrigins: Count;
  /** @minItems 1 */
  readonly articles: readonly DossierArticle[];
  readonly claims: readonly DossierClaim[];
  readonly findings: readonly DossierFinding[];
  readonly brief: readonly BriefSentence[];
  /** Per article, in the order of `articles`: what it adds, leaves out and disputes. Empty when not computed. */
  readonly coverage: readonly DossierCoverage[];
}

export interface DossierRejection {
  readonly input: string;
  readonly code: RejectionCode;
  readonly reason: string;
}

/** What `corroborate analyze` writes to stories.json. */
export interface Dossier {
  readonly version: typeof DOSSIER_VERSION;
  readonly generatedAt: IsoDate;
  readonly stories: readonly DossierStory[];
  readonly rejections: readonly DossierRejection[];
}

export type { ArticleId, BriefSentence, Citation };
