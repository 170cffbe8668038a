// Stage 10: the brief. A few sentences a reader can trust, each taken from the articles (never
// invented), each citing every article and sentence that says the same thing, ordered by how
// much independent confirmation they carry; a sentence whose claim the outlets dispute is marked
// contested.
//
//   1. index every sentence: its words, meaning, and the reconciled claims it holds
//   2. find, for each sentence, the sentences of other articles that support it (same claim, or
//      the same words / meaning), and count the independent origins behind it
//   3. score: independent origins first, then the claims it carries, then its place in the article
//   4. pick greedily, skipping sentences that repeat one already picked; relax the style rules
//      when a story has too few clean sentences
import { CorroborateError } from '../errors.js';
import { cosine, sentenceVector, words as vectorWords } from '../semantics/index.js';
import type { AnalyzedArticle, BriefSentence, Citation, Derivation, MentionStatus, Reconciliation, Sentence } from '../records.js';
import {
  contentStems,
  countOrigins,
  namesOf,
  negationCount,
  negationFlipped,
  stem,
  storyOrder,
  wordsOf,
  type Word,
} from '../reconcile/index.js';
import { eligibility, stripDateline } from './sentences.js';

export interface BriefOptions {
  /** Most sentences in the brief (the task allows 3-12). */
  readonly maxSentences: number;
  /** Fewest sentences, when the story has that many usable ones. */
  readonly minSentences: number;
  /** Word overlap (0..1) above which a sentence repeats one already chosen. */
  readonly redundancy: number;
  /** Word overlap (0..1) at which a sentence of another article supports a chosen one. */
  readonly support: number;
  /** Use word-vector meaning to find support (loads the vectors once). */
  readonly semantic: boolean;
}

export const BRIEF_DEFAULTS: BriefOptions = {
  // Enough for the main facts and the disputes of a story; a reader skims past ten.
  maxSentences: 8,
  minSentences: 3,
  // Two sentences sharing half their content words say much the same.
  redundancy: 0.4,
  // A rewrite of a sentence keeps about half its content words.
  support: 0.45,
  semantic: true,
};

/** Cosine above which two sentences say the same thing in other words (with some shared words, below). */
const SEMANTIC_SUPPORT = 0.85;
/** Cosine above which a candidate tells the reader nothing a chosen sentence has not. */
const REDUNDANT_COSINE = 0.8;
/** The shared-word floor that keeps a high cosine from matching two merely similar sentences. */
const SEMANTIC_SUPPORT_MIN_WORDS = 0.25;
/** Versions that depart from the reference: a sentence holding one is the disputed side, not the story. */
const DEPARTING: ReadonlySet<MentionStatus> = new Set(['conflicting', 'drifted', 'altered']);
/** Taken off the score of a sentence holding a departing version (per such claim). */
const DEPARTING_PENALTY = 6;
/** Score weights: independent confirmation dominates; claims and the lead break ties. */
const WEIGHTS = { origins: 3, claims: 1, lead: 1.5, quoted: 1.5 } as const;
/** Below this share of the best score a sentence adds little; stop once the minimum is reached. */
const SCORE_FLOOR = 0.35;
/** Claims counted per sentence: more is a list, not more news. */
const MAX_CLAIMS_COUNTED = 3;

interface Indexed {
  readonly article: string;
  readonly sentence: Sentence;
  readonly content: ReadonlySet<string>;
  /** Content words with the names: what repeating a chosen sentence means. */
  readonly allContent: ReadonlySet<string>;
  readonly vector: Float32Array | null;
  /** Claim id -> this sentence's status for it. */
  readonly claims: Map<string, MentionStatus>;
  readonly position: number;
  /** Sentences in the article. */
  readonly count: number;
  /** Negation words: a sentence and its denial share words but not this parity. */
  readonly negations: number;
  readonly words: readonly Word[];
}

export interface BriefInput {
  readonly articles: readonly AnalyzedArticle[];
  readonly reconciliation: Reconciliation;
  readonly derivations: readonly Derivation[];
}

export function writeBrief(input: BriefInput, options: Partial<BriefOptions> = {}): BriefSentence[] {
  const settings = { ...BRIEF_DEFAULTS, ...options } satisfies BriefOptions;
  validate(settings);
  const { articles, reconciliation, derivations } = input;
  if (articles.length === 0) return [];
  const order = storyOrder(articles, derivations);
  // 1. Index every sentence: its words, meaning and the reconciled claims it holds.
  const { indexed, byArticle } = indexSentences(articles, reconciliation, settings);
  // 2-3. Each sentence's supporters in other articles, the origins behind it, its score.
  const scored = scoreSentences(indexed, reconciliation, order, settings);
  // 4. Pick; with too few clean sentences, pick again with the style rules relaxed.
  const severalOrigins =
    countOrigins(
      order,
      articles.map((a) => a.article.id),
    ) > 1;
  for (const relaxed of [false, true]) {
    const chosen = choose(scored, settings, relaxed, severalOrigins);
    if (chosen.length < settings.minSentences && !relaxed) continue;
    const people = speakers(reconciliation);
    const ordered = withKeyFigures(readingOrder(chosen, order.rank), scored, reconciliation, byArticle, relaxed, people);
    return ordered.map((x) => briefSentence(x, byArticle, people));
  }
  return [];
}

/** Step 1: the story's sentences, indexed, all together and by article. */
function indexSentences(
  articles: readonly AnalyzedArticle[],
  reconciliation: Reconciliation,
  settings: BriefOptions,
): { indexed: Indexed[]; byArticle: Map<string, Indexed[]> } {
  const indexed: Indexed[] = [];
  const byArticle = new Map<string, Indexed[]>();
  for (const { article, sentences } of articles) {
    const list = sentences.map((sentence, position): Indexed => {
      const words = wordsOf(sentence.text);
      return {
        article: article.id,
        sentence,
        content: claimWords(words, sentence.text),
        allContent: contentStems(words),
        vector: settings.semantic ? sentenceVector(vectorWords(sentence.text)) : null,
        claims: new Map(),
        position,
        count: sentences.length,
        negations: negationCount(words),
        words,
      };
    });
    byArticle.set(article.id, list);
    indexed.push(...list);
  }
  for (const claim of reconciliation.claims) {
    for (const version of claim.versions) {
      const host = (byArticle.get(version.article) ?? []).find((s) => s.sentence.start <= version.start && version.start < s.sentence.end);
      host?.claims.set(claim.id, version.status);
    }
  }
  return { indexed, byArticle };
}

/**
 * Steps 2-3: for each sentence, the sentences of other articles that support it or dispute it,
 * the independent origins behind it and the weight of its claims. Every way one sentence supports
 * or disputes another needs a claim word in common (dice > 0): each sentence is compared with the
 * sentences the index gives for its words, not with all of the story's (which grew as sentences
 * squared on long articles).
 */
function scoreSentences(
  indexed: readonly Indexed[],
  reconciliation: Reconciliation,
  order: ReturnType<typeof storyOrder>,
  settings: BriefOptions,
): Scored[] {
  const claimById = new Map(reconciliation.claims.map((c) => [c.id, c]));
  const postings = new Map<string, Indexed[]>();
  for (const s of indexed) for (const w of s.content) (postings.get(w) ?? postings.set(w, []).get(w)!).push(s);
  const place = new Map(indexed.map((s, k) => [s, k]));
  const sharing = (s: Indexed) => {
    const found = new Set<Indexed>();
    for (const w of s.content) for (const t of postings.get(w) ?? []) if (t.article !== s.article) found.add(t);
    const out = new Map<string, Indexed[]>();
    for (const t of [...found].sort((a, b) => place.get(a)! - place.get(b)!))
      (out.get(t.article) ?? out.set(t.article, []).get(t.article)!).push(t);
    return out;
  };
  return indexed.map((s) => {
    const { supporters, disputed } = supportersOf(s, sharing(s), settings);
    const origins = countOrigins(order, [s.article, ...supporters.keys()]);
    const claimWeight = [...s.claims.keys()]
      .map((id) => claimById.get(id)!)
      .map((c) => Math.min(c.origins, 3) * (c.kind === 'statement' ? 0.5 : 1))
      .sort((a, b) => b - a)
      .slice(0, MAX_CLAIMS_COUNTED)
      .reduce((a, b) => a + b, 0);
    // Disputed by the outlets (a conflicting figure, a denial), not merely reworded by a copy.
    const contested = disputed || [...s.claims.keys()].some((id) => claimById.get(id)!.contested);
    const departing = [...s.claims.values()].filter((status) => DEPARTING.has(status)).length;
    return { s, supporters, origins, claimWeight, contested, departing };
  });
}

/** A chosen sentence as the brief prints it, with every sentence that says the same cited. */
function briefSentence(
  { s, supporters, contested }: Scored,
  byArticle: ReadonlyMap<string, readonly Indexed[]>,
  people: readonly Person[],
): BriefSentence {
  const sources: Citation[] = [s, ...supporters.values()].map((x) => ({
    article: x.article,
    start: x.sentence.start,
    end: x.sentence.end,
  }));
  const text = stripDateline(s.sentence.text.replace(/\s+/g, ' ').trim());
  const name = PERSON_PRONOUN.test(text) ? antecedent(s, byArticle, people) : null;
  return {
    // "He estimated ..." read alone names no one: the brief gives the name the pronoun stands for.
    text: name ? text.replace(PERSON_PRONOUN, `${name} `) : text,
    citations: [...new Set(sources.map((c) => c.article))],
    sources,
    contested,
  };
}

/**
 * The lead first; then importance (how many independent origins stand behind a sentence), then
 * where the story's articles put it: a fact every article leads with comes before one they mention late.
 */
function readingOrder(chosen: readonly Scored[], rank: ReadonlyMap<string, number>): Scored[] {
  const place = (x: Scored) => Math.min(...[x.s, ...x.supporters.values()].map((t) => t.position / Math.max(1, t.count)));
  const ranked = [...chosen].sort((a, b) => b.origins - a.origins || place(a) - place(b));
  // The story's lead opens the brief: a reader needs the event before its details. It is the
  // best-confirmed lede the brief quotes (else an opening from near the top), the earliest article's on a tie.
  const own = (x: Scored) => x.s.position / Math.max(1, x.s.count);
  // An article's first sentence is its lede, written to open; other early sentences lean on it
  // ("Within two hours of Trump's statement, ...").
  const ledes = chosen.filter((x) => x.s.position === 0);
  const leads = ledes.length > 0 ? ledes : chosen.filter((x) => own(x) <= LEAD_SHARE);
  const lead = [...(leads.length > 0 ? leads : chosen)].sort(
    (a, b) => b.origins - a.origins || rank.get(a.s.article)! - rank.get(b.s.article)! || own(a) - own(b),
  )[0];
  return lead ? [lead, ...ranked.filter((x) => x !== lead)] : ranked;
}

/** A figure this many articles state is one of the story's key facts: the brief gives it. */
const KEY_FIGURE_ARTICLES = 3;
/** Key figures added beyond the usual length, at most. */
const MAX_KEY_FIGURES = 2;
/** The task's upper bound on a brief. */
const BRIEF_MAX = 12;
/** A sentence opening with one of these points back to the person its article spoke of last. */
const PERSON_PRONOUN = /^(?:he|she)\s/i;

/**
 * The brief with the story's key figures (stated by KEY_FIGURE_ARTICLES articles or more) that no
 * sentence of it gives yet. A sentence holding the figure joins when it stands on its own; one that
 * opens with "He"/"She" joins right after the brief sentence that its article's sentence before it
 * supports, so the pronoun reads as it does in its article ("Putin also suggested ... Krasnoyarsk
 * region ..." / "He estimated that joint ventures in the region could attract investments worth up
 * to $15 billion").
 */
function withKeyFigures(
  ordered: readonly Scored[],
  scored: readonly Scored[],
  reconciliation: Reconciliation,
  byArticle: ReadonlyMap<string, readonly Indexed[]>,
  relaxed: boolean,
  people: readonly Person[],
): Scored[] {
  const out = [...ordered];
  const shown = () => new Set(out.flatMap((x) => [x.s, ...x.supporters.values()].flatMap((t) => [...t.claims.keys()])));
  const scoredOf = new Map(scored.map((x) => [x.s, x]));
  const figures = reconciliation.claims
    .filter((c) => c.kind === 'quantity' && new Set(c.versions.map((v) => v.article)).size >= KEY_FIGURE_ARTICLES && !c.contested)
    .sort((a, b) => b.versions.length - a.versions.length);
  let added = 0;
  for (const figure of figures) {
    if (added >= MAX_KEY_FIGURES || out.length >= BRIEF_MAX) break;
    if (shown().has(figure.id)) continue;
    const hosts = figure.versions
      .map((v) => (byArticle.get(v.article) ?? []).find((t) => t.sentence.start <= v.start && v.start < t.sentence.end))
      .filter((t): t is Indexed => t !== undefined);
    let placed = false;
    // "He estimated ...": given with the name it stands for (see writeBrief), so it stands alone;
    // it reads best right after the brief sentence its article's sentence before it supports, so
    // such a host is preferred, else the first that resolves goes last.
    let fallback: Scored | null = null;
    for (const host of hosts) {
      const candidate = scoredOf.get(host);
      if (!candidate || out.includes(candidate)) continue;
      const text = host.sentence.text.replace(/\s+/g, ' ').trim();
      if (eligibility(host.sentence, relaxed).ok) {
        out.push(candidate);
        placed = true;
        break;
      }
      if (!PERSON_PRONOUN.test(text) || !eligibility(host.sentence, true).ok || !antecedent(host, byArticle, people)) continue;
      const before = (byArticle.get(host.article) ?? [])[host.position - 1];
      const at = out.findIndex((x) => x.s === before || x.supporters.get(host.article) === before);
      if (at >= 0) {
        out.splice(at + 1, 0, candidate);
        placed = true;
        break;
      }
      fallback ??= candidate;
    }
    if (!placed && fallback) {
      out.push(fallback);
      placed = true;
    }
    if (placed) added += 1;
  }
  return out;
}

/** Sentences back from a pronoun within which its article must name the person it stands for. */
const ANTECEDENT_REACH = 4;

/** The story's speakers by the name articles call them after first mention (the surname): who "he" or "she" may be. */
function speakers(reconciliation: Reconciliation): Person[] {
  const names = new Set<string>();
  for (const claim of reconciliation.claims) {
    const parts = claim.speaker?.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w)) ?? [];
    // A person's name has two words or more; "Reuters" or "the statement" is no one "he" stands for.
    if (parts.length >= 2) names.add(parts[parts.length - 1]!);
  }
  return [...names].map((name) => ({ name, pattern: new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'u') }));
}

interface Person {
  readonly name: string;
  readonly pattern: RegExp;
}

/**
 * The person a sentence's leading "He"/"She" stands for: of the story's speakers, the one its
 * article names last before it, within a few sentences; null when none is (the pronoun stays unresolved).
 */
function antecedent(host: Indexed, byArticle: ReadonlyMap<string, readonly Indexed[]>, people: readonly Person[]): string | null {
  const sentences = byArticle.get(host.article) ?? [];
  for (let k = host.position - 1; k >= Math.max(0, host.position - ANTECEDENT_REACH); k -= 1) {
    const text = sentences[k]!.sentence.text;
    let best: { name: string; at: number } | null = null;
    for (const { name, pattern } of people) {
      const at = text.search(pattern);
      if (at >= 0 && (!best || at > best.at)) best = { name, at };
    }
    if (best) return best.name;
  }
  return null;
}

/** The first fifth of an article is its lead. */
const LEAD_SHARE = 0.2;

type Scored = {
  readonly s: Indexed;
  readonly supporters: Map<string, Indexed>;
  readonly origins: number;
  readonly claimWeight: number;
  readonly contested: boolean;
  readonly departing: number;
};

function choose(scored: readonly Scored[], settings: BriefOptions, relaxed: boolean, severalOrigins: boolean): Scored[] {
  const candidates = scored
    .map((x) => {
      const verdict = eligibility(x.s.sentence, relaxed);
      const lead = 1 / (1 + x.s.position);
      const score =
        WEIGHTS.origins * x.origins +
        WEIGHTS.claims * x.claimWeight +
        WEIGHTS.lead * lead -
        WEIGHTS.quoted * verdict.quoted -
        DEPARTING_PENALTY * x.departing;
      return { x, ok: verdict.ok, score };
    })
    .filter((c) => c.ok)
    .sort((a, b) => b.score - a.score || a.x.s.position - b.x.s.position);
  const chosen: { x: Scored; score: number }[] = [];
  const best = candidates[0]?.score ?? 0;
  for (const c of candidates) {
    if (chosen.length >= settings.maxSentences) break;
    if (chosen.length >= settings.minSentences && c.score < SCORE_FLOOR * best) break;
    if (chosen.some((k) => repeats(c.x, k.x, settings))) continue;
    // Past the minimum, a story with several origins gets only what two of them say, or what they dispute.
    if (chosen.length >= settings.minSentences && severalOrigins && c.x.origins < 2 && !c.x.contested) continue;
    chosen.push(c);
  }
  return chosen.map((c) => c.x);
}

/** True when `a` says what `b` already says: same words, same sentence elsewhere, or only b's claims. */
function repeats(a: Scored, b: Scored, settings: BriefOptions): boolean {
  if (b.supporters.get(a.s.article) === a.s || a.supporters.get(b.s.article) === b.s) return true;
  if (dice(a.s.allContent, b.s.allContent) >= settings.redundancy) return true;
  if (cosine(a.s.vector, b.s.vector) >= REDUNDANT_COSINE) return true;
  const claims = [...a.s.claims.keys()];
  if (claims.length > 0 && claims.every((id) => b.s.claims.has(id) || [...b.supporters.values()].some((t) => t.claims.has(id))))
    return true;
  return false;
}

/** For each other article, its sentence that best supports `s`, if any, of `byArticle`: the other articles' sentences sharing a claim word with `s`. */
function supportersOf(
  s: Indexed,
  byArticle: ReadonlyMap<string, readonly Indexed[]>,
  settings: BriefOptions,
): { supporters: Map<string, Indexed>; disputed: boolean } {
  const out = new Map<string, Indexed>();
  let disputed = false;
  for (const [article, sentences] of byArticle) {
    if (article === s.article) continue;
    let best: Indexed | null = null;
    let bestScore = 0;
    for (const t of sentences) {
      // A sentence holding the other side of one of s's claims does not support s, however alike the words.
      let byClaims = false;
      let disputes = false;
      for (const [id, status] of s.claims) {
        const other = t.claims.get(id);
        if (other === undefined) continue;
        if (DEPARTING.has(status) === DEPARTING.has(other)) byClaims = true;
        else disputes = true;
      }
      if (disputes) continue;
      const shared = dice(s.content, t.content);
      // The same words with the polarity flipped ("approved" / "did not approve") deny s.
      if (shared >= settings.support && s.negations % 2 !== t.negations % 2 && negationFlipped(s.words, t.words)) {
        disputed = true;
        continue;
      }
      const byMeaning = shared >= SEMANTIC_SUPPORT_MIN_WORDS && cosine(s.vector, t.vector) >= SEMANTIC_SUPPORT;
      if (!(shared >= settings.support || byMeaning || (byClaims && shared >= SEMANTIC_SUPPORT_MIN_WORDS))) continue;
      const score = shared + (byClaims ? 1 : 0);
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    if (best) out.set(article, best);
  }
  return { supporters: out, disputed };
}

/**
 * What a sentence says, less who says it: content words without the names, so that two sentences
 * quoting the same official on different things ("Varga said on Monday ...") do not look alike.
 */
function claimWords(words: readonly Word[], text: string): Set<string> {
  const names = new Set([...namesOf(text)].map(stem));
  return new Set([...contentStems(words)].filter((w) => !names.has(w)));
}

function dice(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}

function validate(settings: BriefOptions): void {
  const { minSentences, maxSentences } = settings;
  if (!Number.isInteger(minSentences) || !Number.isInteger(maxSentences) || minSentences < 1 || maxSentences < minSentences) {
    throw new CorroborateError(
      'usage',
      `brief sentences must satisfy 1 <= minSentences <= maxSentences, got ${minSentences}..${maxSentences}`,
      'Use whole numbers, e.g. minSentences 3 and maxSentences 8.',
    );
  }
  for (const key of ['redundancy', 'support'] as const) {
    if (!(settings[key] >= 0 && settings[key] <= 1)) {
      throw new CorroborateError('usage', `brief option ${key} must be from 0 to 1, got ${settings[key]}`);
    }
  }
}
