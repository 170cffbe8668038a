// Joint support: a claim one outlet alone seems to carry, stated by another outlet across two of its
// sentences. Independent reports split one fact their own way: "granted the EU a 30-day extension of
// its exemption" in the lead and "talks would continue through June 1" at the end state together
// what a third outlet puts in one sentence ("would extend the exemption for 30 days, until June 1"),
// and neither sentence alone passes the one-sentence test of `support.ts`.
//
// Only uniqueness reads this: a claim stated so is no one outlet's addition ("Only X reports"), but
// the two sentences do not join it as a version (each says part of it, not the claim in other words).
//
//   1. parts     the other outlet's sentences that share a word of what the claim says and each state
//                a part of it (its coverage without the speaker and the story's names, less for one
//                naming the claim's day), best few kept
//   2. pairs     two of them read as one sentence must state the claim as one sentence must (support
//                score, coverage of what it says, every figure), each adding what the other lacks:
//                more of what the claim says, or a figure or date of it
//
// Sentences that are mostly someone's direct quotation speak for that speaker and are left out; a
// direct quote is one speaker's words, which no two sentences of a paraphrase make.
import type { AnalyzedArticle } from '../records.js';
import type { Draft } from './draft.js';
import type { PreparedMention } from './similarity.js';
import { sentenceKey } from './draft.js';
import {
  DATE_NUMBER,
  INDEPENDENT_SUPPORT,
  MAX_SUPPORT_TERMS,
  MIN_COVERAGE,
  claimText,
  coreSupport,
  quotedSentences,
  speakerStems,
  topical,
  type Bag,
  type StoryLexicon,
} from './support.js';

/** Least share of what the claim says that each sentence of a pair states: a part of the fact, not the story's topic. */
const PART_COVERAGE = 0.25;
/** Least share of what the claim says one sentence adds to the other, unless it adds a figure or date the other lacks: each states a part. */
const PART_GAIN = 0.15;
/** Sentences of one article, best part first, whose pairs are tried: keeps the test linear in the story, not quadratic in its articles. */
const PAIR_CANDIDATES = 4;

export interface JointInput {
  readonly lexicon: StoryLexicon;
  readonly articles: readonly AnalyzedArticle[];
  readonly drafts: readonly Draft[];
  /** Every prepared mention of the story, to know which sentences are someone's quotation. */
  readonly mentions: readonly PreparedMention[];
  readonly outletKey: ReadonlyMap<string, string>;
}

interface Part {
  readonly article: string;
  readonly index: number;
  readonly text: string;
  readonly bag: Bag;
}

/** The drafts one outlet carries that another outlet states across two of its sentences. */
export function jointlyStated(input: JointInput): Set<Draft> {
  const { lexicon, articles, outletKey } = input;
  const outlet = (article: string) => outletKey.get(article) ?? article;
  const quoted = quotedSentences(articles, input.mentions);
  const postings = new Map<string, Part[]>();
  for (const a of articles) {
    for (const s of a.sentences) {
      const bag = lexicon.bag(s.text);
      if (bag.terms.length > MAX_SUPPORT_TERMS || quoted.has(sentenceKey(a.article.id, s.index))) continue;
      const part: Part = { article: a.article.id, index: s.index, text: s.text, bag };
      for (const stem of bag.stems) {
        const list = postings.get(stem);
        if (list) list.push(part);
        else postings.set(stem, [part]);
      }
    }
  }

  const found = new Set<Draft>();
  for (const draft of input.drafts) {
    const mention = draft.reference.mention;
    const direct = mention.kind === 'quote' && mention.quote?.direct !== false;
    const outlets = new Set(draft.versions.map((v) => outlet(v.prepared.mention.article)));
    if (draft.kind === 'quantity' || direct || draft.echoes || outlets.size !== 1) continue;
    const claim = lexicon.bag(claimText(mention));
    const dates = datesOf(mention.text);
    const speaker = speakerStems(mention);
    // 1. Sentences of other outlets sharing a word of what the claim says, by article.
    const byArticle = new Map<string, Set<Part>>();
    for (const term of claim.terms) {
      if (topical(lexicon, speaker, term)) continue;
      for (const part of postings.get(term.stem) ?? []) {
        if (outlets.has(outlet(part.article))) continue;
        byArticle.set(part.article, (byArticle.get(part.article) ?? new Set()).add(part));
      }
    }
    for (const parts of byArticle.values()) {
      const scored = [...parts]
        .map((part) => ({ part, core: coreSupport(lexicon, claim, part.bag, speaker, true)?.core ?? 0 }))
        .filter((p) => p.core >= PART_COVERAGE || sharesDate(dates, p.part.text))
        .sort((x, y) => y.core - x.core)
        .slice(0, PAIR_CANDIDATES);
      // 2. Each pair, in the article's order, read as one sentence.
      if (scored.some((x, k) => scored.slice(k + 1).some((y) => statesTogether(lexicon, claim, speaker, x, y)))) {
        found.add(draft);
        break;
      }
    }
  }
  return found;
}

function statesTogether(
  lexicon: StoryLexicon,
  claim: Bag,
  speaker: ReadonlySet<string>,
  x: { part: Part; core: number },
  y: { part: Part; core: number },
): boolean {
  const [first, second] = x.part.index < y.part.index ? [x.part, y.part] : [y.part, x.part];
  const joint = coreSupport(lexicon, claim, lexicon.bag(`${first.text} ${second.text}`), speaker, false);
  if (!joint || joint.score < INDEPENDENT_SUPPORT || joint.core < MIN_COVERAGE) return false;
  const adds = (one: Bag, core: number, other: Bag) =>
    joint.core - core >= PART_GAIN || [...claim.numbers].some((n) => one.numbers.has(n) && !other.numbers.has(n));
  return adds(x.part.bag, y.core, y.part.bag) && adds(y.part.bag, x.core, x.part.bag);
}

/**
 * The days a text names, each as one key ("June 1st", "1 June" -> "jun 1"). Bare years are left
 * out: "a film in 2005" dates many things of a life, a day and month few.
 */
function datesOf(text: string): Set<string> {
  const keys = new Set<string>();
  for (const [date] of text.matchAll(DATE_NUMBER)) {
    const month = date.match(/\p{L}{3}/u)?.[0]?.toLowerCase();
    if (month) keys.add(`${month} ${date.match(/\d+/)?.[0] ?? ''}`);
  }
  return keys;
}

/** True when the sentence names a day the claim names ("until June 1" / "through June 1"): when the fact holds is a part of it. */
function sharesDate(dates: ReadonlySet<string>, sentence: string): boolean {
  if (dates.size === 0) return false;
  for (const date of datesOf(sentence)) if (dates.has(date)) return true;
  return false;
}
