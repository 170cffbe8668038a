// Sentence support: does another outlet state this claim, in whatever words? The claims stage keeps
// only check-worthy sentences, and clustering lines up claims with claims, so a claim restated in a
// sentence that is no claim itself (a rewrite's "Rare earth metals are essential in the production
// of high-tech goods" beside the wire's magnets sentence), or in one that missed the clustering
// threshold, looked like one outlet's own. Here every claim one outlet alone carries is compared
// with each sentence of the other outlets' articles:
//
//   coverage  the share of the claim's content words the sentence states: the same stem (or the
//             same long prefix: "production" / "producing"), or for common words, never names or
//             numbers, a close word vector ("storms" / "thunderstorms", not "rose" / "fell");
//             each word weighted by how rare it is among the story's sentences, so the event's
//             names, place and day, which every sentence shares, say little
//   meaning   the cosine of the two SIF sentence vectors
//   vetoes    a figure of the claim the sentence does not give, a flipped polarity, a quote's
//             speaker against another named speaker
//
// Separate reports of one event share its words, so a sentence of an independent outlet must state
// most of the claim; one of an article derived from the claim's (or its source), or one giving the
// same figure, needs less: a rewrite restates its source. The supporting sentence joins the claim
// as a paraphrase: a claim it holds that is also one outlet's merges in, one several outlets carry
// takes the claim in, and a sentence holding no claim becomes a statement mention of its own. A
// claim that a sentence of its own article restates, where that sentence is shared with other
// outlets, echoes them (as in `align.ts`) and is no addition of its own.
import { cosine, dot, sentenceVector, wordVector, wordWeight, words as vectorWords } from '../semantics/index.js';
import type { AnalyzedArticle, ClaimMention, Sentence } from '../records.js';
import { sentenceKey as at, type Draft, type DraftVersion } from './draft.js';
import { derivesFrom, type StoryOrder } from './origins.js';
import { prepareMention, sameSpeaker, type PreparedMention } from './similarity.js';
import { negationFlipped } from './quotes.js';
import { isContent, negationCount, numbersOf, opposite, wordsOf, type Word } from './words.js';

/** Least support score (0..1) from an independent outlet's sentence: it must state most of the claim. */
export const INDEPENDENT_SUPPORT = 0.5;
/** Least support score from a related sentence (derived article either way, or the same figure): a rewrite restates its source. */
const RELATED_SUPPORT = 0.47;
/** Least support score from a sentence of the claim's own article: one article's sentences share their words and meaning, so nearly all of it. */
const ECHO_SUPPORT = 0.7;
/** Share of a claim's (weighted) words a sentence states from which no rare word need be shared ("Russia's resources are larger than Ukraine's" by a sentence on deals in eastern Ukraine: 0.43, no rare word). */
export const MIN_COVERAGE = 0.5;
/** Share of coverage in the support score; the rest is meaning. Words carry it: vectors blur related and same. */
const COVERAGE_WEIGHT = 2 / 3;
/** Below this sentence cosine the two say different things whatever words they share (paraphrases measured 0.5-0.9); skipped unscored. */
const MIN_MEANING = 0.4;
/** Least cosine at which a common word stands for another ("goods" / "products" 0.76; "extraction" / "mining" 0.62 is too loose). */
const SOFT_MATCH_COSINE = 0.7;
/** A shared prefix this long (and covering most of the shorter word) is one word in another form ("production" / "producing"). */
const SHARED_PREFIX = 6;
const SHARED_PREFIX_SHARE = 0.75;
/** Words that open a clause of its own inside a sentence: each clause of a claim must be stated. */
const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'after',
  'before',
  'because',
  'when',
  'while',
  'since',
  'although',
  'though',
  'which',
  'until',
  'whereas',
  'unless',
]);
/** Content words a clause needs to stand on its own; fewer join the clause before. */
const MIN_CLAUSE_TERMS = 3;
/** Share of a sentence inside quotation marks from which it is the quoted speaker's, not the outlet's. */
const QUOTED_SENTENCE_SHARE = 0.5;
/** Quotes shorter than this are fragments inside a sentence ("boost the potential of the domestic industry"): their sentence is the claim. */
const QUOTE_FRAGMENT_WORDS = 12;

interface Term {
  readonly norm: string;
  readonly stem: string;
  /** How much the word says in English at large (SIF weight; 1 for names, numbers and unknown words). */
  readonly weight: number;
  /** A name or a number: matched only as itself. */
  readonly exact: boolean;
  readonly vector: Float32Array | null;
}

export interface Bag {
  readonly terms: readonly Term[];
  /** The terms by clause (see CLAUSE_OPENERS); one clause for most sentences. */
  readonly clauses: readonly (readonly Term[])[];
  readonly stems: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  /** The numbers less those of dates ("1 June", "2009"): the figures a claim gives. */
  readonly figures: ReadonlySet<string>;
  readonly negations: number;
  readonly vector: Float32Array | null;
  readonly words: readonly Word[];
}

interface Spot {
  readonly article: string;
  readonly sentence: Sentence;
  readonly bag: Bag;
}

/**
 * The story's words as support compares them, made once per story: its names, how rare each word is
 * among its sentences, and a bag of words per text (cached: a sentence is compared with many claims).
 */
export interface StoryLexicon {
  readonly names: ReadonlySet<string>;
  readonly weight: (stem: string) => number;
  /** True for a word few of the story's sentences use: what one fact is about, not the story. */
  readonly rare: (stem: string) => boolean;
  readonly semantic: boolean;
  bag(text: string): Bag;
}

/** A sentence with more content words than this is a run-on page, not a statement: no support is looked for in it (keeps support linear in such text). */
export const MAX_SUPPORT_TERMS = 120;

export function storyLexicon(articles: readonly AnalyzedArticle[], semantic: boolean): StoryLexicon {
  const names = storyNames(articles);
  const bags = new Map<string, Bag>();
  const bag = (text: string) => {
    let found = bags.get(text);
    if (!found) bags.set(text, (found = bagOf(text, names, semantic)));
    return found;
  };
  const sentenceBags = articles.flatMap((a) => a.sentences.map((s) => bag(s.text)));
  const weight = storyWeights(sentenceBags);
  const df = new Map<string, number>();
  for (const b of sentenceBags) for (const stem of b.stems) df.set(stem, (df.get(stem) ?? 0) + 1);
  // A fact every outlet states is in a sentence or two of each: as rare as a fact's words can be.
  const rareDf = Math.max(MIN_RARE_SENTENCES, RARE_SHARE * sentenceBags.length, SENTENCES_PER_FACT * articles.length);
  return { names, weight, rare: (stem) => (df.get(stem) ?? 0) <= rareDf, semantic, bag };
}

/** A word in at most this share of the story's sentences, or in two sentences per article at most, is rare. */
const RARE_SHARE = 0.05;
const MIN_RARE_SENTENCES = 2;
const SENTENCES_PER_FACT = 2;

/**
 * True when two claims state one fact: the one holds what the other says, its rare words and its
 * figures, not merely the story's names and topic (see `supportScore`). `related`: one article
 * derives from the other, which restates its source in fewer words.
 */
export function statesSameFact(lexicon: StoryLexicon, a: ClaimMention, b: ClaimMention, related: boolean): boolean {
  const [x, y] = [lexicon.bag(claimText(a)), lexicon.bag(claimText(b))];
  // "Jackson, 25, was driving ... just after 2:30 a.m." and "Jackson was pulled over ... just past
  // 2:30 a.m.": a figure one gives and the other does not is a fact the other does not state, so
  // the two are not one claim (support may still find the fuller sentence stating the other).
  if (!sameFigures(x.figures, y.figures)) return false;
  const threshold = related ? RELATED_SUPPORT : INDEPENDENT_SUPPORT;
  if (states(lexicon, x, y, threshold, speakerStems(a), true) || states(lexicon, y, x, threshold, speakerStems(b), true)) return true;
  return sharedFigureAndPredicate(lexicon, x, y);
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
/** A day of a month ("1 June", "June 1st", "Feb. 24") or a year: when, not a figure of the claim. */
export const DATE_NUMBER = new RegExp(
  `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\b|\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b(?:1[89]|20)\\d\\d\\b`,
  'g',
);

function sameFigures(x: ReadonlySet<string>, y: ReadonlySet<string>): boolean {
  if (x.size !== y.size) return false;
  for (const n of x) if (!y.has(n)) return false;
  return true;
}

/** Rare words besides the figure two wordings of one fact share at least ("reduction", "defense"). */
const MIN_SHARED_RARE_WORDS = 2;

/**
 * "a mutual reduction of 50 percent" in defense budgets / "a 50% reduction in defense spending": the
 * same figure (not a year) and rare words of what happens to it are one fact however else worded.
 */
function sharedFigureAndPredicate(lexicon: StoryLexicon, x: Bag, y: Bag): boolean {
  const figure = [...x.numbers].some((n) => y.numbers.has(n) && !/^(?:1[89]|20)\d\d$/.test(n));
  if (!figure) return false;
  let shared = 0;
  for (const term of x.terms) if (!term.exact && y.stems.has(term.stem) && lexicon.rare(term.stem)) shared += 1;
  return shared >= MIN_SHARED_RARE_WORDS;
}

export interface SupportInput {
  readonly lexicon: StoryLexicon;
  readonly articles: readonly AnalyzedArticle[];
  readonly drafts: readonly Draft[];
  /** Every prepared mention of the story, to know which sentence quotes whom. */
  readonly mentions: readonly PreparedMention[];
  readonly order: StoryOrder;
  readonly outletKey: ReadonlyMap<string, string>;
  readonly semantic: boolean;
}

/** The drafts with the support of other outlets' sentences folded in (see the file comment). */
export function supportClaims(input: SupportInput): Draft[] {
  const { articles, order, outletKey, semantic, lexicon } = input;
  const outlet = (article: string) => outletKey.get(article) ?? article;
  const weight = lexicon.weight;
  const spots = articles.flatMap((a) =>
    a.sentences
      .map((sentence): Spot => ({ article: a.article.id, sentence, bag: lexicon.bag(sentence.text) }))
      .filter((spot) => spot.bag.terms.length <= MAX_SUPPORT_TERMS),
  );
  const speakersAt = new Map<string, (string | null)[]>();
  for (const m of input.mentions) {
    if (m.mention.kind !== 'quote') continue;
    addTo(speakersAt, at(m.mention.article, m.mention.sentence), m.speaker);
  }
  // Sentences that are mostly someone's quoted words: they speak for that speaker, not the outlet.
  const quotedBy = quotedSentences(articles, input.mentions);

  const drafts = input.drafts.map((d) => ({ ...d, versions: [...d.versions] as DraftVersion[] }));
  const outletsOf = (d: Draft) => new Set(d.versions.map((v) => outlet(v.prepared.mention.article)));
  const hosted = new Map<string, number[]>();
  drafts.forEach((d, i) => {
    if (d.kind === 'quantity') return;
    for (const v of d.versions) addTo(hosted, at(v.prepared.mention.article, v.prepared.mention.sentence), i);
  });
  const single = (i: number) => drafts[i]!.kind !== 'quantity' && outletsOf(drafts[i]!).size === 1;
  const candidates = drafts
    .map((_, i) => i)
    .filter(single)
    .sort(
      (a, b) =>
        drafts[a]!.reference.rank - drafts[b]!.reference.rank || drafts[a]!.reference.mention.start - drafts[b]!.reference.mention.start,
    );

  const spotAt = new Map(spots.map((spot) => [at(spot.article, spot.sentence.index), spot]));
  // What each draft's reference says, as a bag of words, made once: a draft is compared with many sentences.
  const claimBags = new Map<Draft, Bag>();
  const claimBag = (d: Draft) => {
    let bag = claimBags.get(d);
    if (!bag) claimBags.set(d, (bag = lexicon.bag(claimText(d.reference.mention))));
    return bag;
  };
  const thresholdFor = (home: string, other: string, claim: Bag) =>
    home === other
      ? ECHO_SUPPORT
      : derivesFrom(order, home, other) || derivesFrom(order, other, home) || claim.numbers.size > 0
        ? RELATED_SUPPORT
        : INDEPENDENT_SUPPORT;
  /** True when `d`'s claim is stated by the sentence of `other`'s reference: the two say the same, not one more than the other. */
  const statedBy = (d: Draft, other: Draft) => {
    const claim = claimBag(d);
    const spot = spotAt.get(at(other.reference.mention.article, other.reference.mention.sentence));
    return (
      spot !== undefined &&
      states(lexicon, claim, spot.bag, thresholdFor(d.reference.mention.article, spot.article, claim), speakerStems(d.reference.mention))
    );
  };

  // 1. The best supporting sentence of each other outlet's article, and echoes in the claim's own.
  const supports = new Map<number, { spot: Spot; score: number }[]>();
  const echoes = new Set<number>();
  // A sentence states a claim only when it shares a word of what the claim says beyond the story's
  // names (see `states`): each claim is scored against the sentences the index gives for those
  // words, not against every sentence of the story (which grew as claims x sentences).
  const position = new Map(spots.map((spot, k) => [spot, k]));
  const postings = new Map<string, Spot[]>();
  for (const spot of spots) for (const key of termKeys(spot.bag.terms)) addTo(postings, key, spot);
  const sharing = (claim: Bag, speaker: ReadonlySet<string>) => {
    const found = new Set<Spot>();
    const said = claim.terms.filter((term) => !topical(lexicon, speaker, term));
    for (const key of termKeys(said)) for (const spot of postings.get(key) ?? []) found.add(spot);
    const byId = new Map<string, Spot[]>();
    for (const spot of [...found].sort((a, b) => position.get(a)! - position.get(b)!)) addTo(byId, spot.article, spot);
    return byId;
  };
  for (const i of candidates) {
    const reference = drafts[i]!.reference;
    const home = reference.mention.article;
    const claim = claimBag(drafts[i]!);
    const speaker = reference.mention.kind === 'quote' ? reference.speaker : null;
    const found: { spot: Spot; score: number }[] = [];
    const speakerWords = speakerStems(reference.mention);
    const near = sharing(claim, speakerWords);
    for (const a of articles) {
      const id = a.article.id;
      const own = id === home;
      if (!own && outlet(id) === outlet(home)) continue;
      let best: { spot: Spot; score: number } | null = null;
      for (const spot of near.get(id) ?? []) {
        if (
          own &&
          (spot.sentence.index === reference.mention.sentence || !(hosted.get(at(id, spot.sentence.index)) ?? []).some((j) => !single(j)))
        )
          continue;
        if (speaker && (speakersAt.get(at(id, spot.sentence.index)) ?? []).some((s) => sameSpeaker(s, speaker) === false)) continue;
        // A quotation supports only a quote of its own speaker, known on both sides.
        const quoted = quotedBy.get(at(id, spot.sentence.index));
        if (quoted && !(speaker && quoted.some((s) => sameSpeaker(s, speaker) === true))) continue;
        const score = supportScore(claim, spot.bag, weight);
        if (score > (best?.score ?? 0)) best = { spot, score };
      }
      if (!best) continue;
      if (!states(lexicon, claim, best.spot.bag, thresholdFor(home, id, claim), speakerWords)) continue;
      if (own) echoes.add(i);
      else found.push(best);
    }
    if (found.length > 0) supports.set(i, found);
  }

  // 2. Fold the supporting sentences in.
  const alive = new Set(drafts.map((_, i) => i));
  for (const i of candidates) {
    let target = i;
    for (const { spot, score } of supports.get(i) ?? []) {
      if (!alive.has(target)) break;
      const here = (hosted.get(at(spot.article, spot.sentence.index)) ?? []).filter((j) => j !== target && alive.has(j));
      const theirs = here.find((j) => single(j) && outlet(drafts[j]!.reference.mention.article) === outlet(spot.article));
      const shared = here.find((j) => !single(j));
      // The sentence's own claim merges in when it says the same, not more ("a grey van with 2 passengers").
      if (
        theirs !== undefined &&
        !(isDirect(drafts[target]!.reference) && isDirect(drafts[theirs]!.reference)) &&
        statedBy(drafts[theirs]!, drafts[target]!)
      ) {
        const [lead, other] = leadFirst(drafts, target, theirs);
        absorb(drafts[lead]!, drafts[other]!, score);
        alive.delete(other);
        target = lead;
      } else if (
        shared !== undefined &&
        !isDirect(drafts[target]!.reference) &&
        !hasArticle(drafts[shared]!, drafts[target]!.reference.mention.article)
      ) {
        absorb(drafts[shared]!, drafts[target]!, score);
        alive.delete(target);
        target = shared;
      } else if (!hasArticle(drafts[target]!, spot.article)) {
        const mention = sentenceMention(spot);
        drafts[target]!.versions.push({
          prepared: prepareMention(mention, order.rank.get(spot.article) ?? 0, semantic),
          status: 'paraphrased',
          score: round(score),
        });
      }
    }
  }
  return drafts.flatMap((d, i) => (!alive.has(i) ? [] : echoes.has(i) ? [{ ...d, echoes: true }] : [d]));
}

/** 0..1: how fully `sentence` states `claim` (coverage and meaning, after the vetoes). */
/**
 * True when `sentence` states `claim`: its support score reaches `threshold`, and it says most of
 * the claim's words or shares one of its rare words (a figure, "skylight") beyond who speaks. Reports
 * of one event mean much the same, so meaning and the story's names alone ("Russia", "rare earths",
 * "Ukraine") do not make a claim stated.
 */
function states(
  lexicon: StoryLexicon,
  claim: Bag,
  sentence: Bag,
  threshold: number,
  speaker: ReadonlySet<string>,
  pairwise = false,
): boolean {
  const parts = supportParts(claim, sentence, lexicon.weight, pairwise);
  if (!parts || combined(parts) < threshold) return false;
  // What the claim says beyond who says it and the names the whole story shares.
  const core = supportParts(claim, sentence, lexicon.weight, pairwise, (term) => topical(lexicon, speaker, term));
  return (core !== null && core.coverage >= MIN_COVERAGE) || anchored(lexicon, claim, sentence, speaker);
}

/** Who says a claim, or a name the whole story shares: no part of what the claim says. */
export function topical(lexicon: StoryLexicon, speaker: ReadonlySet<string>, term: Term): boolean {
  return speaker.has(term.stem) || (term.exact && !/\p{N}/u.test(term.norm) && !lexicon.rare(term.stem));
}

/** Index keys of terms: the stem, and for common words its long prefix ("production" / "producing", see `sharedForm`). */
function termKeys(terms: readonly Term[]): Set<string> {
  const keys = new Set<string>();
  for (const term of terms) {
    keys.add(term.stem);
    if (!term.exact && term.stem.length >= SHARED_PREFIX) keys.add(`~${term.stem.slice(0, SHARED_PREFIX)}`);
  }
  return keys;
}

/** A rare word of the claim (not its speaker's name) that the sentence gives as it is. */
function anchored(lexicon: StoryLexicon, claim: Bag, sentence: Bag, speaker: ReadonlySet<string>): boolean {
  for (const term of claim.terms) {
    if (speaker.has(term.stem) || !lexicon.rare(term.stem)) continue;
    if (sentence.stems.has(term.stem) || (!term.exact && sentence.terms.some((o) => !o.exact && sharedForm(term.stem, o.stem))))
      return true;
  }
  return false;
}

/**
 * Sentences mostly inside someone's direct quotation, by `sentenceKey`, with who is quoted: they
 * speak for that speaker, not for the outlet.
 */
export function quotedSentences(
  articles: readonly AnalyzedArticle[],
  mentions: readonly PreparedMention[],
): Map<string, (string | null)[]> {
  const quotedBy = new Map<string, (string | null)[]>();
  const sentencesOf = new Map(articles.map((a) => [a.article.id, a.sentences]));
  for (const m of mentions) {
    if (m.mention.kind !== 'quote' || m.mention.quote?.direct === false) continue;
    for (const sentence of sentencesOf.get(m.mention.article) ?? []) {
      const inside = Math.min(sentence.end, m.mention.end) - Math.max(sentence.start, m.mention.start);
      if (inside >= QUOTED_SENTENCE_SHARE * (sentence.end - sentence.start))
        addTo(quotedBy, at(m.mention.article, sentence.index), m.speaker);
    }
  }
  return quotedBy;
}

/** The stems of a quote's speaker and the phrase naming them: who says it is no part of what is said. */
export function speakerStems(m: ClaimMention): Set<string> {
  if (m.kind !== 'quote') return new Set();
  return new Set(wordsOf(`${m.quote?.speakerMention ?? ''} ${m.quote?.speaker ?? ''}`).map((w) => w.stem));
}

/**
 * What `states` weighs, for sentences read together (see `joint.ts`): the support score, and the
 * coverage of what the claim says beyond its speaker and the story's names. `part`: one sentence
 * of a pair, asked for a part of the claim, so a figure or meaning it lacks is no veto.
 */
export function coreSupport(
  lexicon: StoryLexicon,
  claim: Bag,
  sentence: Bag,
  speaker: ReadonlySet<string>,
  part: boolean,
): { score: number; core: number } | null {
  // A part may be one clause of the claim ("... after the roof repairs"): its share of them all counts.
  const asked: Bag = part ? { ...claim, clauses: [claim.clauses.flat()], numbers: new Set(), vector: null } : claim;
  const parts = supportParts(asked, sentence, lexicon.weight, false);
  const core = supportParts(asked, sentence, lexicon.weight, false, (term) => topical(lexicon, speaker, term));
  return parts && core ? { score: combined(parts), core: core.coverage } : null;
}

function combined(parts: { coverage: number; meaning: number | null }): number {
  return parts.meaning === null ? parts.coverage : COVERAGE_WEIGHT * parts.coverage + (1 - COVERAGE_WEIGHT) * parts.meaning;
}

export function supportScore(claim: Bag, sentence: Bag, weight: (stem: string) => number, pairwise = false): number {
  const parts = supportParts(claim, sentence, weight, pairwise);
  return parts ? combined(parts) : 0;
}

/** The coverage and meaning behind `supportScore`, or null when a veto rules the sentence out. */
export function supportParts(
  claim: Bag,
  sentence: Bag,
  weight: (stem: string) => number,
  pairwise: boolean,
  skip: (term: Term) => boolean = () => false,
): { coverage: number; meaning: number | null } | null {
  if (claim.terms.length === 0) return null;
  // A sentence of the other polarity does not state the claim. Between two claims lined up as one
  // (`pairwise`), only a negation added or dropped amid the same words is a denial ("did not
  // approve" / "approved"): "will no longer be allowed" / "will ban" says the same in other words.
  const denial = pairwise ? negationFlipped(claim.words, sentence.words) : true;
  if (claim.negations % 2 !== sentence.negations % 2 && denial) return null;
  for (const n of claim.numbers) if (!sentence.numbers.has(n)) return null;
  const meaning = claim.vector && sentence.vector ? Math.max(0, cosine(claim.vector, sentence.vector)) : null;
  if (meaning !== null && meaning < MIN_MEANING) return null;
  // A claim that joins clauses ("Workers were sent home on Wednesday after the company stopped a
  // line") is stated only when each of them is: a shared background clause does not carry a new one.
  let coverage = 1;
  for (const clause of claim.clauses) {
    let total = 0;
    let stated = 0;
    for (const term of clause) {
      if (skip(term)) continue;
      const w = weight(term.stem) * term.weight;
      total += w;
      stated += w * termMatch(term, sentence);
    }
    coverage = Math.min(coverage, total > 0 ? stated / total : 0);
  }
  return { coverage, meaning };
}

/**
 * Each sentence's matches of words it does not hold, by word: a sentence is scored against many
 * claims of its story, which share their common words ("police", "said"), and `states` scores one
 * pair twice; each of these matches is a pass over the sentence's words with a 100-d dot product
 * each (most of support's time). Weak keys: a sentence's entries go with its bag, at most one per
 * word compared with it.
 */
const softMatches = new WeakMap<Bag, Map<string, number>>();

/** 1 when the sentence has the word, its vector cosine with the closest common word when close enough, else 0. */
function termMatch(term: Term, sentence: Bag): number {
  if (sentence.stems.has(term.stem)) return 1;
  if (term.exact) return 0;
  let known = softMatches.get(sentence);
  if (!known) softMatches.set(sentence, (known = new Map()));
  // The norm decides the stem and the vector; whether there is a vector depends on the bag's settings.
  const key = term.vector ? term.norm : `-${term.norm}`;
  let match = known.get(key);
  if (match === undefined) known.set(key, (match = softMatch(term, sentence)));
  return match;
}

/** `termMatch` for a common word the sentence does not hold as it is. */
function softMatch(term: Term, sentence: Bag): number {
  for (const other of sentence.terms) if (!other.exact && sharedForm(term.stem, other.stem)) return 1;
  if (!term.vector) return 0;
  let best = 0;
  for (const other of sentence.terms) {
    if (other.exact || !other.vector || opposite(term.norm, other.norm)) continue;
    const similarity = dot(term.vector, other.vector);
    if (similarity > best) best = similarity;
  }
  return best >= SOFT_MATCH_COSINE ? best : 0;
}

function sharedForm(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < SHARED_PREFIX) return false;
  let k = 0;
  while (k < shorter && a[k] === b[k]) k++;
  return k >= SHARED_PREFIX && k >= SHARED_PREFIX_SHARE * shorter;
}

/** ", with Rusal historically supplying ...": an absolute clause, a fact of its own. */
const ABSOLUTE_CLAUSE = /,\s+(?=with\s)/i;
/**
 * ", presenting Moscow as an alternative to ...", ", dismissing concerns that ...": a participle
 * closing the sentence is the outlet's gloss on what its main clause reports. A sentence that
 * states the main clause states the claim; the gloss is not asked for (a figure in it still is).
 * ", adding that ...", ", saying ..." report more of what was said: no gloss.
 */
const GLOSS_CLAUSE =
  /,\s+(?=(?!(?:including|according|during|following|regarding|concerning|notwithstanding|adding|saying|noting|telling|warning|insisting|arguing|claiming|stating|announcing|acknowledging)\b)\p{Ll}+ing\s)/u;
/**
 * One place named two ways within a sentence pair: the capital for its country ("Moscow has no
 * objections" / "not a concern for Russia"), "United States" for "U.S." (a function-word-like
 * abbreviation the word folder drops). Support only: quotes keep their own words.
 */
const PLACE_ALIASES: readonly (readonly [RegExp, string])[] = [
  [/\bUnited States(?: of America)?\b/g, 'U.S.'],
  [/\bMoscow\b/g, 'Russia'],
  [/\bKremlin\b/g, 'Russia'],
  [/\bKyiv\b|\bKiev\b/g, 'Ukraine'],
  [/\bBeijing\b/g, 'China'],
  [/\bTehran\b/g, 'Iran'],
];

function foldPlaces(text: string): string {
  let out = text;
  for (const [pattern, name] of PLACE_ALIASES) out = out.replace(pattern, name);
  return out;
}

export function bagOf(raw: string, names: ReadonlySet<string>, semantic: boolean): Bag {
  const text = foldPlaces(raw);
  const [head = '', ...glosses] = text.split(GLOSS_CLAUSE);
  const segments = head.split(ABSOLUTE_CLAUSE).map((segment) => wordsOf(segment));
  const opensClause = new Set(segments.slice(1).map((words) => words[0]));
  const glossWords = glosses.flatMap((g) => wordsOf(g));
  const all = [...segments.flat(), ...glossWords];
  const inGloss = new Set(glossWords);
  const seen = new Set<string>();
  const terms: Term[] = [];
  const clauses: Term[][] = [[]];
  const gloss: Term[] = [];
  for (const w of all) {
    if ((CLAUSE_OPENERS.has(w.norm) || opensClause.has(w)) && clauses[clauses.length - 1]!.length >= MIN_CLAUSE_TERMS) clauses.push([]);
    if (!isContent(w) || seen.has(w.stem)) continue;
    seen.add(w.stem);
    const exact = /\p{N}/u.test(w.norm) || names.has(w.norm);
    const general = semantic && !exact ? wordWeight(w.norm) : 0;
    const term: Term = {
      norm: w.norm,
      stem: w.stem,
      exact,
      weight: general > 0 ? general : 1,
      vector: semantic && !exact ? wordVector(w.norm) : null,
    };
    terms.push(term);
    if (inGloss.has(w)) gloss.push(term);
    else clauses[clauses.length - 1]!.push(term);
  }
  // A sentence that is all gloss (nothing of substance before it) is asked for the gloss.
  if (clauses.every((c) => c.length === 0)) clauses.push(gloss);
  // A short tail is part of the clause before it ("..., police said").
  if (clauses.length > 1 && clauses[clauses.length - 1]!.length < MIN_CLAUSE_TERMS) clauses[clauses.length - 2]!.push(...clauses.pop()!);
  const numbers = numbersOf(text);
  return {
    terms,
    clauses: clauses.filter((c) => c.length > 0),
    stems: seen,
    numbers,
    // Most sentences give no number at all, and then no figure: the dates need not be looked for.
    figures: numbers.size === 0 ? new Set() : numbersOf(text.replace(DATE_NUMBER, ' ')),
    negations: negationCount(all),
    vector: semantic ? sentenceVector(vectorWords(text)) : null,
    words: all,
  };
}

/**
 * Words the story writes capitalised inside a sentence: its names. A capitalised first word is a
 * name only when the story also capitalises it elsewhere ("Putin said" yes, "Storms are forecast" no).
 */
export function storyNames(articles: readonly AnalyzedArticle[]): Set<string> {
  const names = new Set<string>();
  for (const { sentences } of articles) {
    for (const s of sentences) {
      const words = wordsOf(s.text);
      if (titleCase(words)) continue;
      words.forEach((w, i) => {
        if (i > 0 && /^\p{Lu}/u.test(w.raw)) names.add(w.norm);
      });
    }
  }
  return names;
}

/** Share of a line's longer words written capitalised from which it is a headline in title case ("Rare Earth Metals Reserves:"), whose capitals name nothing. */
const TITLE_CASE_SHARE = 0.75;
/** Words this long or longer decide title case: short ones ("of", "to") stay lower case in headlines. */
const TITLE_CASE_WORD = 4;

function titleCase(words: readonly Word[]): boolean {
  const long = words.filter((w) => w.raw.length >= TITLE_CASE_WORD && /^\p{L}/u.test(w.raw));
  return long.length >= 2 && long.filter((w) => /^\p{Lu}/u.test(w.raw)).length >= TITLE_CASE_SHARE * long.length;
}

/** Inverse sentence frequency of each stem in the story, ln(1 + N / df): what tells one sentence's claim from another's. */
export function storyWeights(bags: readonly Bag[]): (stem: string) => number {
  const df = new Map<string, number>();
  for (const bag of bags) for (const stem of bag.stems) df.set(stem, (df.get(stem) ?? 0) + 1);
  const n = Math.max(1, bags.length);
  // Worked out once per stem: support asks for each claim word's weight against every sentence it scores.
  const weights = new Map([...df].map(([stem, count]) => [stem, Math.log(1 + n / count)]));
  const unseen = Math.log(1 + n);
  return (stem) => weights.get(stem) ?? unseen;
}

/** What a claim says, as text to compare: a short quote stands for its sentence. */
export function claimText(m: ClaimMention): string {
  if (m.kind !== 'quote') return m.text;
  // Reported speech says who holds the view: "Mortgage lenders said they would keep rates" is not the central bank keeping them.
  if (m.quote?.direct === false) return `${m.quote.speakerMention ?? m.quote.speaker ?? ''} ${m.text}`.trim();
  return m.text.split(/\s+/).length < QUOTE_FRAGMENT_WORDS ? m.context || m.text : m.text;
}

/** A sentence that holds no claim of its own, as the statement mention of the claim it supports. */
function sentenceMention(spot: Spot): ClaimMention {
  const raw = spot.sentence.text;
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim().replace(/[\s.;,!]+$/, '');
  const start = spot.sentence.start + lead;
  return {
    id: `${spot.article}:p${spot.sentence.index + 1}`,
    article: spot.article,
    kind: 'statement',
    text,
    start,
    end: start + text.length,
    sentence: spot.sentence.index,
    context: raw,
  };
}

/** `other`'s versions join `lead` as paraphrases, one per article. */
function absorb(lead: Draft & { versions: DraftVersion[] }, other: Draft, score: number): void {
  for (const v of other.versions) {
    if (hasArticle(lead, v.prepared.mention.article)) continue;
    lead.versions.push({ prepared: v.prepared, status: 'paraphrased', score: round(Math.min(score, v.score)) });
  }
}

/** Of two one-outlet claims stating one thing, the one that leads: a direct quote, else the earliest, most original. */
function leadFirst(drafts: readonly (Draft & { versions: DraftVersion[] })[], a: number, b: number): [number, number] {
  const [da, db] = [drafts[a]!, drafts[b]!];
  if (isDirect(da.reference) !== isDirect(db.reference)) return isDirect(da.reference) ? [a, b] : [b, a];
  return da.reference.rank <= db.reference.rank ? [a, b] : [b, a];
}

function isDirect(m: PreparedMention): boolean {
  return m.mention.kind === 'quote' && m.mention.quote?.direct !== false;
}

function hasArticle(d: Draft, article: string): boolean {
  return d.versions.some((v) => v.prepared.mention.article === article);
}

/** Appends `value` to the list under `key`. */
function addTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
