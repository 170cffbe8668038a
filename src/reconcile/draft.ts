// A claim while reconciliation is still building it: the reference mention, every article's
// version with its status, and what the findings need (conflicts, drifts, echoes).
import type { ClaimMention, ClaimVersion } from '../records.js';
import type { PreparedMention } from './similarity.js';

export interface DraftVersion {
  readonly prepared: PreparedMention;
  readonly status: ClaimVersion['status'];
  readonly score: number;
  readonly diff?: ClaimVersion['diff'];
}

export interface Drift {
  readonly article: string;
  readonly measure: string;
  readonly referenceMeasure: string | null;
  readonly referenceOf: boolean;
}

export interface Draft {
  readonly kind: ClaimMention['kind'];
  readonly reference: PreparedMention;
  readonly versions: readonly DraftVersion[];
  readonly contested: boolean;
  readonly drifts: readonly Drift[];
  /** The article says this elsewhere in words other outlets share: not its own addition. */
  readonly echoes?: boolean;
}

/** One sentence of one article, as a map key: where claims, versions and support meet. */
export function sentenceKey(article: string, sentence: number): string {
  return `${article}#${sentence}`;
}
