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
  const { text, id } = article.article;
  const sentences = article.sentences;
  if (text.trim() === '') return [];

  const tokens = tagText(text);
  const runs = findQuoteRuns(text);
  const quoted = quotedTest(runs);
  const people = new PeopleIndex(text, tokens, quoted);
  const resolver = new SpeakerResolver(text, tokens, sentences, people, quoted);
  const mentions: ClaimMention[] = [];

  if (settings.kinds.includes('quote')) {
    const quotes = findDirectQuotes(text, sentences, tokens, resolver, settings, runs);
    quotes.forEach((q, n) => {
      const start = q.parts[0]!.start;
      const end = q.parts[q.parts.length - 1]!.end;
      mentions.push({
        id: `${id}:q${n + 1}`,
        article: id,
        kind: 'quote',
        text: q.text,
        start,
        end,
        ...where(sentences, start, end),
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
      });
    });
    const direct = mentions.map((m) => [m.start, m.end] as const);
    findTranscriptLines(text)
      .filter((line) => !direct.some(([s, e]) => s < line.end && e > line.start))
      .forEach((line, n) => {
        const speaker = resolver.resolve(line.labelStart, line.labelEnd);
        mentions.push({
          id: `${id}:t${n + 1}`,
          article: id,
          kind: 'quote',
          text: text.slice(line.start, line.end),
          start: line.start,
          end: line.end,
          ...where(sentences, line.start, line.end),
          quote: {
            direct: true,
            speaker: speaker.name,
            speakerRole: speaker.role,
            speakerMention: speaker.mention,
            speakerStart: speaker.start,
            speakerEnd: speaker.end,
            cue: ':',
          },
        });
      });
    if (settings.indirect) {
      findReportedSpeech(text, sentences, tokens, resolver, quoted).forEach((r, n) => {
        mentions.push({
          id: `${id}:r${n + 1}`,
          article: id,
          kind: 'quote',
          text: text.slice(r.start, r.end),
          start: r.start,
          end: r.end,
          ...where(sentences, r.start, r.end),
          quote: {
            direct: false,
            speaker: r.speaker.name,
            speakerRole: r.speaker.role,
            speakerMention: r.speaker.mention,
            speakerStart: r.speaker.start,
            speakerEnd: r.speaker.end,
            cue: r.cue,
          },
        });
      });
    }
  }

  if (settings.kinds.includes('quantity')) {
    findQuantities(text, sentences, tokens).forEach((q, n) => {
      mentions.push({
        id: `${id}:n${n + 1}`,
        article: id,
        kind: 'quantity',
        text: q.text,
        start: q.start,
        end: q.end,
        ...where(sentences, q.start, q.end),
        quantity: q,
      });
    });
  }

  if (settings.kinds.includes('statement')) {
    const claimed = mentions.filter((m) => m.kind === 'quote').map((m) => [m.start, m.end] as const);
    findStatements(text, sentences, tokens, quoted, claimed, settings.statementMinWords).forEach((s, n) => {
      mentions.push({
        id: `${id}:s${n + 1}`,
        article: id,
        kind: 'statement',
        text: text.slice(s.start, s.end),
        start: s.start,
        end: s.end,
        ...where(sentences, s.start, s.end),
      });
    });
  }

  return mentions.sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
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
