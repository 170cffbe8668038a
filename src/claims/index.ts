// Stage 8: claims. Who said what (direct and reported quotes with resolved speakers), which
// numbers (quantities with value, unit, qualifier and what they measure), and the remaining
// check-worthy statements, each with exact offsets into the article text. Pure: no I/O.
//
// Steps, in order:
//   1. tag the text (wink-nlp POS, offsets kept)            tagging.ts
//   2. find quotation marks, index names and roles           marks.ts, people.ts
//   3. direct quotes with attribution and speakers           quotes.ts, attribution.ts, speakers.ts
//      and transcript lines ("TAPPER: ...")                   transcript.ts
//   4. reported (indirect) speech                            indirect.ts
//   5. quantities                                            quantities.ts
//   6. statements: the other factual sentences, split        statements.ts
//
// Interrupted quotes ("We," he said, "are ready") are ONE mention: `text` joins the content
// stretches ("We are ready"), `start`/`end` run from the first stretch to the last, and
// `quote.parts` lists the stretches. Quotes running over paragraphs are joined the same way.
import type { AnalyzedArticle, ClaimKind, ClaimMention, Sentence } from '../records.js';
import { sentenceAt } from '../sentences/index.js';
import { tagText } from './tagging.js';
import { findQuoteRuns } from './marks.js';
import { PeopleIndex } from './people.js';
import { SpeakerResolver } from './speakers.js';
import { findDirectQuotes, quotedTest } from './quotes.js';
import { findReportedSpeech } from './indirect.js';
import { findTranscriptLines } from './transcript.js';
import { findQuantities } from './quantities.js';
import { findStatements } from './statements.js';

export interface ClaimOptions {
  /** Which kinds of claim to extract. */
  readonly kinds: readonly ClaimKind[];
  /** Also report indirect (reported) speech as quotes with direct=false. */
  readonly indirect: boolean;
  /** Quoted fragments this short (words) are scare quotes unless a speech cue governs them. */
  readonly scareMaxWords: number;
  /** A quotation with no cue anywhere near is kept only from this many words. */
  readonly unattributedMinWords: number;
  /** Statements shorter than this (words) are too thin to check. */
  readonly statementMinWords: number;
}

export const CLAIM_DEFAULTS: ClaimOptions = {
  kinds: ['quote', 'quantity', 'statement'],
  indirect: true,
  // Two- and three-word fragments are mostly terms held at arm's length ("so-called 'deal'").
  scareMaxWords: 3,
  // Below a short sentence, an unattributed quotation is more often a title or a term than speech.
  unattributedMinWords: 5,
  // Five words is about the shortest sentence that states a checkable fact.
  statementMinWords: 5,
};

export function extractClaims(article: AnalyzedArticle, options: Partial<ClaimOptions> = {}): ClaimMention[] {
  const settings = { ...CLAIM_DEFAULTS, ...options } satisfies ClaimOptions;
  const { text } = article.article;
  if (text.trim() === '') return [];
  // 1-2. Tag the text; find quotation marks; index names and roles.
  const tokens = tagText(text);
  const runs = findQuoteRuns(text);
  const quoted = quotedTest(runs);
  const people = new PeopleIndex(text, tokens, quoted);
  const reading: Reading = {
    article,
    tokens,
    quoted,
    resolver: new SpeakerResolver(text, tokens, article.sentences, people, quoted),
  };
  // 3-4. Direct quotes, transcript lines outside them, reported speech.
  const direct = settings.kinds.includes('quote') ? directQuotes(reading, runs, settings) : [];
  const quotes = settings.kinds.includes('quote')
    ? [...direct, ...transcriptLines(reading, direct), ...(settings.indirect ? reportedSpeech(reading) : [])]
    : [];
  // 5. Quantities. 6. Statements: the factual sentences no quote holds.
  const quantities = settings.kinds.includes('quantity') ? quantityMentions(reading) : [];
  const statements = settings.kinds.includes('statement') ? statementMentions(reading, quotes, settings) : [];
  return [...quotes, ...quantities, ...statements].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
}

/** What every step reads: the article, its tags, the quoted spans and who can speak. */
interface Reading {
  readonly article: AnalyzedArticle;
  readonly tokens: ReturnType<typeof tagText>;
  readonly quoted: ReturnType<typeof quotedTest>;
  readonly resolver: SpeakerResolver;
}

/** A mention's common fields: id (`<article>:<kind letter><n>`), kind, text, span, sentence and context. */
function mentionAt(
  r: Reading,
  id: string,
  kind: ClaimKind,
  text: string,
  start: number,
  end: number,
): Pick<ClaimMention, 'id' | 'article' | 'kind' | 'text' | 'start' | 'end' | 'sentence' | 'context'> {
  const article = r.article.article.id;
  return { id: `${article}:${id}`, article, kind, text, start, end, ...where(r.article.sentences, start, end) };
}

function directQuotes(r: Reading, runs: ReturnType<typeof findQuoteRuns>, settings: ClaimOptions): ClaimMention[] {
  const { text } = r.article.article;
  return findDirectQuotes(text, r.article.sentences, r.tokens, r.resolver, settings, runs).map((q, n) => ({
    ...mentionAt(r, `q${n + 1}`, 'quote', q.text, q.parts[0]!.start, q.parts[q.parts.length - 1]!.end),
    quote: {
      direct: true,
      speaker: q.speaker?.name ?? null,
      speakerRole: q.speaker?.role ?? null,
      speakerMention: q.speaker?.mention ?? null,
      speakerStart: q.speaker?.start ?? null,
      speakerEnd: q.speaker?.end ?? null,
      cue: q.inherited ? null : (q.attribution?.cue ?? null),
      ...(q.parts.length > 1 ? { parts: q.parts } : {}),
    },
  }));
}

/** Transcript lines ("TAPPER: ...") that no direct quote already holds. */
function transcriptLines(r: Reading, direct: readonly ClaimMention[]): ClaimMention[] {
  const { text } = r.article.article;
  return findTranscriptLines(text)
    .filter((line) => !direct.some((m) => m.start < line.end && m.end > line.start))
    .map((line, n) => {
      const speaker = r.resolver.resolve(line.labelStart, line.labelEnd);
      return {
        ...mentionAt(r, `t${n + 1}`, 'quote', text.slice(line.start, line.end), line.start, line.end),
        quote: {
          direct: true,
          speaker: speaker.name,
          speakerRole: speaker.role,
          speakerMention: speaker.mention,
          speakerStart: speaker.start,
          speakerEnd: speaker.end,
          cue: ':',
        },
      };
    });
}

function reportedSpeech(r: Reading): ClaimMention[] {
  const { text } = r.article.article;
  return findReportedSpeech(text, r.article.sentences, r.tokens, r.resolver, r.quoted).map((speech, n) => ({
    ...mentionAt(r, `r${n + 1}`, 'quote', text.slice(speech.start, speech.end), speech.start, speech.end),
    quote: {
      direct: false,
      speaker: speech.speaker.name,
      speakerRole: speech.speaker.role,
      speakerMention: speech.speaker.mention,
      speakerStart: speech.speaker.start,
      speakerEnd: speech.speaker.end,
      cue: speech.cue,
    },
  }));
}

function quantityMentions(r: Reading): ClaimMention[] {
  return findQuantities(r.article.article.text, r.article.sentences, r.tokens).map((q, n) => ({
    ...mentionAt(r, `n${n + 1}`, 'quantity', q.text, q.start, q.end),
    quantity: q,
  }));
}

function statementMentions(r: Reading, quotes: readonly ClaimMention[], settings: ClaimOptions): ClaimMention[] {
  const { text } = r.article.article;
  const claimed = quotes.map((m) => [m.start, m.end] as const);
  return findStatements(text, r.article.sentences, r.tokens, r.quoted, claimed, settings.statementMinWords).map((s, n) => ({
    ...mentionAt(r, `s${n + 1}`, 'statement', text.slice(s.start, s.end), s.start, s.end),
  }));
}

/** The sentence index of `start` and the text of the sentences the claim touches. */
function where(sentences: readonly Sentence[], start: number, end: number): { sentence: number; context: string } {
  const first = sentenceAt(sentences, start) ?? nearest(sentences, start);
  const last = sentenceAt(sentences, Math.max(start, end - 1)) ?? first;
  if (!first) return { sentence: -1, context: '' };
  const span = sentences.slice(first.index, (last?.index ?? first.index) + 1);
  return { sentence: first.index, context: span.map((s) => s.text).join(' ') };
}

function nearest(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((s) => s.end > offset) ?? sentences[sentences.length - 1];
}
