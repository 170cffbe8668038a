// The plain, immutable records that flow between the stages (see docs/ARCHITECTURE.md).
// Every stage is a function from some of these to others; none of them does I/O.
// Offsets are always UTF-16 code-unit indexes (JavaScript string indexes) into `Article.text`.

/** What ingest hands to extraction: one page, feed item, WARC record or text, not yet cleaned. */
export interface SourceDocument {
  /** The path or URL as the user gave it; for containers, `path#n` or `path#url`. */
  readonly input: string;
  /** Raw bytes when the encoding is not yet known (HTML and text files, HTTP bodies). */
  readonly bytes?: Uint8Array;
  /** Already-decoded text (JSONL `text`/`html`, feed item content). */
  readonly content?: string;
  /** What the content is; `auto` lets extraction sniff it. */
  readonly format: 'html' | 'text' | 'auto';
  /** The page's own URL when known (HTTP, WARC, feed item, JSONL). */
  readonly url?: string;
  /** Charset declared outside the body (HTTP Content-Type, WARC header). */
  readonly declaredCharset?: string;
  /** When the document was fetched (ISO 8601). */
  readonly fetchedAt?: string;
  /** Metadata the container already states (feed item title and date, JSONL fields). */
  readonly hints?: Readonly<{ title?: string; published?: string; byline?: string; outlet?: string }>;
}

/** An expected refusal: a value with a reason, never a crash. */
export interface Rejection {
  readonly input: string;
  readonly code: RejectionCode;
  readonly reason: string;
}

export type RejectionCode =
  | 'not-found'
  | 'unreadable'
  | 'empty'
  | 'binary'
  | 'too-large'
  | 'unsupported'
  | 'malformed'
  | 'no-article'
  | 'network'
  | 'refused';

/** A block of page chrome that cleaning removed, kept so people can see what was dropped. */
export interface RemovedBlock {
  readonly text: string;
  /** Why it was removed, in words a user understands: "share widget", "related headlines". */
  readonly reason: string;
}

/** One cleaned article with its metadata. Identity is the hash of the raw input content. */
export interface Article {
  /** Stable id: the first 16 hex digits of the SHA-256 of the raw content. */
  readonly id: string;
  /** Full SHA-256 (hex) of the raw content; the store keeps one row per hash. */
  readonly contentHash: string;
  readonly input: string;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly title: string | null;
  /** People, never "Staff" or the outlet; several joined with " and ". */
  readonly byline: string | null;
  /** ISO 8601 (date, or date-time when known). */
  readonly published: string | null;
  readonly updated: string | null;
  /**
   * The news organisation credited with the story: a dateline or byline credit wins
   * ("Reuters" in "MOSCOW (Reuters) -"), then bio, footer, site name.
   */
  readonly outlet: string | null;
  /** The site that carried the page (site name, header, domain); differs from `outlet` on reprints. */
  readonly publisher: string | null;
  /** ISO 639-1 code, e.g. "en". */
  readonly language: string | null;
  /** The cleaned body: paragraphs separated by "\n\n". */
  readonly text: string;
  readonly removed: readonly RemovedBlock[];
  readonly fetchedAt: string | null;
}

export interface Sentence {
  readonly index: number;
  /** Paragraph number (0-based) within the article text. */
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Lower-cased, diacritics and curly quotes folded; what matching compares. */
  readonly norm: string;
}

/** An article together with its sentences: what most later stages take. */
export interface AnalyzedArticle {
  readonly article: Article;
  readonly sentences: readonly Sentence[];
}

/** A passage shared by two articles, with offsets on both sides. */
export interface Passage {
  /** The passage as it stands in the source article. */
  readonly text: string;
  readonly sourceStart: number;
  readonly sourceEnd: number;
  readonly targetStart: number;
  readonly targetEnd: number;
  /** Word-level similarity of the two sides: 1 = verbatim. */
  readonly similarity: number;
}

/** Two articles that share text, from the reuse engine. `a` and `b` are article ids. */
export interface ReusePair {
  readonly a: string;
  readonly b: string;
  /** Estimated Jaccard similarity of word shingles. */
  readonly similarity: number;
  /** Share of a's shingles found in b, and of b's found in a. */
  readonly aInB: number;
  readonly bInA: number;
  /** Aligned passages, with `source` = a and `target` = b. */
  readonly passages: readonly Passage[];
}

export type Role = 'original' | 'copy' | 'rewrite' | 'summary' | 'independent';

export interface DerivationLink {
  /** The id of the article this one derives from. */
  readonly article: string;
  /** Passages with `source` = that article and `target` = this one. */
  readonly evidence: readonly Passage[];
  /** Share of this article's text covered by the evidence (0..1). */
  readonly coverage: number;
  /** The derivation pair model's probability that the two share copy (absent in older records). */
  readonly probability?: number;
}

export interface Derivation {
  readonly article: string;
  readonly role: Role;
  readonly derivedFrom: readonly DerivationLink[];
  /** Share of its sentences aligned to its sources (0 when it derives from none; absent in older records). */
  readonly derivedShare?: number;
  /** Articles that share an absent common source with this one (neither derives from the other). */
  readonly sharedSourceWith: readonly string[];
  /** Attribution cues found in the text ("(Reuters)", "told AP"). */
  readonly attributions: readonly string[];
  /** Why this role was chosen, in one sentence. */
  readonly reason: string;
}

/** A group of articles about one real-world event. */
export interface Story {
  readonly id: string;
  readonly headline: string;
  readonly label: string;
  readonly articleIds: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly outlets: readonly string[];
  readonly topEntities: readonly string[];
}

export type ClaimKind = 'quote' | 'quantity' | 'statement';

export interface QuoteInfo {
  /** True inside quotation marks; false for reported (indirect) speech. */
  readonly direct: boolean;
  /** The resolved full name ("Vladimir Putin") or organisation ("the Kremlin"). */
  readonly speaker: string | null;
  /** The role when stated ("Russian President"). */
  readonly speakerRole: string | null;
  /** The mention the cue attaches to ("he", "Putin"), with offsets. */
  readonly speakerMention: string | null;
  readonly speakerStart: number | null;
  readonly speakerEnd: number | null;
  /** The attribution cue ("said", "told", "according to"). */
  readonly cue: string | null;
  /** Content stretches when the attribution interrupts the quote or it runs over paragraphs; `text` joins them. */
  readonly parts?: readonly { readonly start: number; readonly end: number }[];
}

export type Qualifier = 'exact' | 'about' | 'up to' | 'at least' | 'more than' | 'less than' | 'at most';

export interface QuantityInfo {
  readonly value: number;
  /** Normalized unit: "t", "USD", "%", "people", "years", ... or "" for a bare count. */
  readonly unit: string;
  /** The phrase as written ("3.8 million metric tons"). */
  readonly text: string;
  readonly qualifier: Qualifier;
  /** What is measured, when the sentence says ("Russia's rare-earth reserves"). */
  readonly measure: string | null;
  /** Per-period rate when stated ("a year" -> "year"). */
  readonly per: string | null;
}

/** One claim as one article states it. */
export interface ClaimMention {
  readonly id: string;
  readonly article: string;
  readonly kind: ClaimKind;
  /** Quote content, quantity phrase, or statement text. */
  readonly text: string;
  /** Offsets of `text` in the article's text. */
  readonly start: number;
  readonly end: number;
  /** Index of the sentence that holds the start of the claim. */
  readonly sentence: number;
  /** The whole sentence(s) around the claim, for context and matching. */
  readonly context: string;
  readonly quote?: QuoteInfo;
  readonly quantity?: QuantityInfo;
}

export type MentionStatus =
  | 'original'
  | 'verbatim'
  | 'trimmed'
  | 'altered'
  | 'paraphrased'
  | 'agrees'
  | 'approximate'
  | 'conflicting'
  | 'drifted'
  | 'stated';

export interface WordChange {
  readonly op: 'same' | 'dropped' | 'added' | 'substituted';
  readonly text: string;
  /** For `substituted`: what stood in the reference version. */
  readonly was?: string;
}

/** One article's version of a reconciled claim. */
export interface ClaimVersion {
  readonly article: string;
  readonly mention: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly status: MentionStatus;
  /** How sure the alignment is (0..1). */
  readonly score: number;
  /** Word-level diff against the reference version (quotes). */
  readonly diff?: readonly WordChange[];
}

/** A claim lined up across the articles of a story. */
export interface ReconciledClaim {
  readonly id: string;
  readonly kind: ClaimKind;
  /** The reference wording: the fullest, earliest version. */
  readonly text: string;
  readonly speaker: string | null;
  readonly quantity: { readonly value: number; readonly unit: string; readonly text: string } | null;
  readonly versions: readonly ClaimVersion[];
  /** How many independent origins state it (copies count once). */
  readonly origins: number;
  /** The article id when only one outlet carries it. */
  readonly uniqueTo: string | null;
  readonly contested: boolean;
}

export type FindingKind =
  | 'altered-quote'
  | 'trimmed-quote'
  | 'conflicting-number'
  | 'drifted-number'
  | 'unique-claim'
  | 'undisclosed-copy'
  | 'contradiction';

export interface Finding {
  readonly kind: FindingKind;
  /** One sentence a person reads first. */
  readonly message: string;
  readonly claim: string | null;
  readonly articles: readonly string[];
  readonly severity: 'high' | 'medium' | 'low';
}

/**
 * An article id: the first 16 hex digits of the SHA-256 of its raw content.
 * @minLength 1
 */
export type ArticleId = string;

export interface Citation {
  readonly article: ArticleId;
  /**
   * @asType integer
   * @minimum 0
   */
  readonly start: number;
  /**
   * @asType integer
   * @minimum 0
   */
  readonly end: number;
}

export interface BriefSentence {
  readonly text: string;
  /** Article ids the sentence rests on. */
  readonly citations: readonly ArticleId[];
  /** The exact source sentences, per article. */
  readonly sources: readonly Citation[];
  readonly contested: boolean;
}

export interface Reconciliation {
  readonly claims: readonly ReconciledClaim[];
  readonly findings: readonly Finding[];
}
