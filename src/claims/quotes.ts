// Direct quotes: quotation-mark runs (marks.ts), their attribution (attribution.ts), interrupted
// quotes joined, scare quotes and titles dropped, and speakers resolved (speakers.ts). A quote
// without a cue of its own takes the speaker of the quote next to it in the paragraph, or of the
// paragraph before when it opens the paragraph (a speech quoted over several paragraphs), or else
// the person the sentence before it names (then without a speaker mention).
import type { Sentence } from '../records.js';
import { sentenceAt } from '../sentences/index.js';
import { findQuoteRuns, type QuotePiece, type QuoteRun } from './marks.js';
import { attributionAfter, attributionBefore, clauseSubject, cueAt, type Attribution } from './attribution.js';
import { tokenIndexAt } from './tagging.js';
import { WEAK_CUES } from './lexicon.js';
import type { TaggedToken } from './tagging.js';
import type { ResolvedSpeaker, SpeakerResolver } from './speakers.js';

export interface QuoteSettings {
  /** Quotes this short (in words) are scare quotes unless a speech cue governs them. */
  readonly scareMaxWords: number;
  /** Quotes without any cue are kept (speaker from context) only from this many words. */
  readonly unattributedMinWords: number;
}

export interface DirectQuote {
  /** Content stretches inside the marks, within one paragraph; several when the attribution interrupts. */
  readonly parts: readonly { readonly start: number; readonly end: number }[];
  readonly text: string;
  readonly attribution: Attribution | null;
  readonly speaker: ResolvedSpeaker | null;
  /** True when the speaker came from a neighbouring quote, not a cue of its own. */
  readonly inherited: boolean;
}

/** Characters allowed between an attribution and the next quote for them to be one interrupted quote. */
const INTERRUPTION_JOINERS = /^[\s,:;\u2014\u2013-]*$/;
/** Words before a mark that make it a term being named, not speech. */
const SCARE_MARKERS =
  /(?:so-called|so called|dubbed|known as|the words?|the terms?|the phrase|the slogan|titled|entitled|nicknamed|hashtag)\s*$/i;
/** A determiner or possessive right before a short quoted fragment puts it inside a noun phrase. */
const NOUN_PHRASE_OPENERS = /\b(?:a|an|the|this|that|these|those|its|their|his|her|our|my|your)\s+$/i;
/** Words before a mark that announce a title of a show, book or film. */
const TITLE_MARKERS =
  /(?:\bon|\bin|show|program|programme|series|book|film|movie|album|song|podcast|column|documentary|titled|entitled|called|op-ed)\s*$/i;
const TITLE_CASE =
  /^(?:[\p{Lu}\p{N}][\p{L}\p{N}'’.&:-]*|of|the|and|a|an|in|on|for|to|at|with|&|or|from|by)(?:\s+(?:[\p{Lu}\p{N}][\p{L}\p{N}'’.&:-]*|of|the|and|a|an|in|on|for|to|at|with|&|or|from|by))*$/u;
/** Titles are short. */
const TITLE_MAX_WORDS = 8;

export function findDirectQuotes(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  resolver: SpeakerResolver,
  settings: QuoteSettings,
  runs: readonly QuoteRun[] = findQuoteRuns(text),
): DirectQuote[] {
  const quoted = quotedTest(runs);
  type Draft = { pieces: QuotePiece[]; attribution: Attribution | null };
  const drafts: Draft[] = [];
  runs.forEach((run, r) => {
    const first = run.pieces[0]!;
    const last = run.pieces[run.pieces.length - 1]!;
    if (!/[\p{L}\p{N}]/u.test(text.slice(first.start, last.end))) return;
    const closeSentence = sentenceAt(sentences, Math.max(last.close - 1, last.start)) ?? sentenceAt(sentences, last.start);
    const openSentence = sentenceAt(sentences, first.open) ?? sentenceAt(sentences, first.start);
    const following = runs[r + 1]?.pieces[0]; // runs are sorted by their opening mark
    const nextOpen = following && following.open >= last.close ? following.open : text.length;
    // The splitter may end a sentence at `?"` before `Trump said.`: the attribution is then in the next one.
    // Only after ? or ! inside the marks: after a full stop the next sentence is someone's new statement.
    const splitInside = /[?!]$/.test(text.slice(last.start, last.end));
    const tail =
      closeSentence && closeSentence.end <= last.close && splitInside
        ? sentenceAt(sentences, firstNonSpace(text, last.close))
        : closeSentence;
    const sameParagraph = tail && closeSentence && tail.paragraph === closeSentence.paragraph;
    const limit = Math.min(sameParagraph ? tail.end : closeSentence ? closeSentence.end : last.close, nextOpen);
    const attribution =
      attributionAfter(tokens, last.close, limit, text) ??
      attributionBefore(tokens, first.open, openSentence ? openSentence.start : first.open, quoted, text) ??
      introducedBefore(text, sentences, tokens, first, quoted) ??
      (openSentence ? announcedBefore(sentences, tokens, openSentence, quoted, text) : null);
    const previous = drafts[drafts.length - 1];
    if (previous && joinsInterrupted(text, previous, first)) previous.pieces.push(...run.pieces);
    else drafts.push({ pieces: [...run.pieces], attribution });
  });

  const kept: { draft: Draft; paragraph: number; lastParagraph: number }[] = [];
  for (const draft of drafts) {
    const first = draft.pieces[0]!;
    const content = draft.pieces.map((p) => text.slice(p.start, p.end)).join(' ');
    const words = content.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
    const before = text.slice(Math.max(0, first.open - 40), first.open);
    const adjacent = draft.attribution?.side === 'after';
    if (SCARE_MARKERS.test(before)) continue;
    if (isTitle(content, words) && (!adjacent || TITLE_MARKERS.test(before))) continue;
    if (words <= settings.scareMaxWords) {
      // Inside an attributed clause ("called it “disqualifying”") a fragment is the speaker's word;
      // with no verb of saying anywhere in the sentence it is a term held at arm's length.
      if (!draft.attribution && !cueInSentence(tokens, sentences, first.open, quoted)) continue;
      // Inside a noun phrase ("a “deal” in name only") it names a term, unless a plain verb of
      // saying governs it ("said it was a “disaster”").
      if (!adjacent && NOUN_PHRASE_OPENERS.test(before) && (!draft.attribution || WEAK_CUES.has(draft.attribution.cueLemma))) continue;
    }
    if (!draft.attribution && words < settings.unattributedMinWords) continue;
    const paragraph = (sentenceAt(sentences, first.start) ?? sentenceAt(sentences, first.open))?.paragraph ?? -1;
    const last = draft.pieces[draft.pieces.length - 1]!;
    const lastParagraph =
      (sentenceAt(sentences, Math.max(last.start, last.end - 1)) ?? sentenceAt(sentences, last.start))?.paragraph ?? paragraph;
    kept.push({ draft, paragraph, lastParagraph });
  }

  const quotes: DirectQuote[] = [];
  const resolved: (ResolvedSpeaker | null)[] = kept.map(({ draft }) =>
    draft.attribution ? resolver.resolve(draft.attribution.speakerStart, draft.attribution.speakerEnd) : null,
  );
  for (let i = 0; i < kept.length; i += 1) {
    const { draft, paragraph } = kept[i]!;
    let speaker = resolved[i] ?? null;
    let inherited = false;
    if (!draft.attribution) {
      const prev = kept[i - 1];
      const next = kept[i + 1];
      if (prev && prev.lastParagraph === paragraph && resolved[i - 1]) speaker = resolved[i - 1]!;
      else if (next && next.paragraph === paragraph && resolved[i + 1] && next.draft.attribution?.side === 'after')
        speaker = resolved[i + 1]!;
      else if (
        prev &&
        prev.lastParagraph >= paragraph - 1 &&
        opensParagraph(sentences, draft.pieces[0]!) &&
        (resolved[i - 1] || quotes[quotes.length - 1]?.speaker)
      ) {
        speaker = resolved[i - 1] ?? quotes[quotes.length - 1]!.speaker;
      } else {
        // "Viguerie is upbeat about Cruz's chances.\n\n“Not only can ...”": news introduces the speaker
        // in the sentence before an unattributed quote. No cue attaches it, so no speaker mention.
        const guessed = resolver.subjectOfSentenceBefore(draft.pieces[0]!.open);
        if (guessed?.name) speaker = { name: guessed.name, role: guessed.role, mention: null, start: null, end: null };
      }
      inherited = speaker !== null;
      resolved[i] = speaker;
    }
    for (const pieces of byParagraph(text, draft.pieces)) {
      quotes.push({
        parts: pieces.map((p) => trimPart(text, p)),
        text: joinParts(text, pieces),
        attribution: draft.attribution,
        speaker,
        inherited,
      });
    }
  }
  return quotes;
}

/**
 * A quotation that runs over several paragraphs is one quote per paragraph, each with the speaker
 * and cue of the whole: outlets quote a statement paragraph by paragraph, one the first, another
 * the last, so each paragraph is a stretch of its own. Reconciliation joins the stretches of one
 * article again where another outlet quotes them as one (reconcile/quotes.ts). An interrupted
 * quote (`"We," he said, "are ready"`) stays one.
 */
function byParagraph(text: string, pieces: readonly QuotePiece[]): QuotePiece[][] {
  const groups: QuotePiece[][] = [];
  for (const piece of pieces) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (group && previous && !text.slice(previous.end, piece.start).includes('\n')) group.push(piece);
    else groups.push([piece]);
  }
  return groups;
}

function firstNonSpace(text: string, from: number): number {
  while (from < text.length && /\s/.test(text[from]!)) from += 1;
  return from;
}

/** How close to its end a sentence must carry its cue to announce the quote after it. */
const ANNOUNCING_CUE_WINDOW = 6;

/**
 * "Sam Lau said in a statement. “There are no ...”", "Howard continued his remarks.\n\n“Eight
 * years ago ...”": a quote opening a sentence right after one that ends with a cue and holds no quote.
 */
function announcedBefore(
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  sentence: Sentence,
  quoted: (offset: number) => boolean,
  text: string,
): Attribution | null {
  const previous = sentences[sentence.index - 1];
  if (!previous || previous.paragraph < sentence.paragraph - 1) return null;
  if (/[?!:]$/.test(previous.text) || /["“”]/.test(previous.text)) return null;
  const found = attributionBefore(tokens, previous.end, previous.start, quoted, text);
  if (!found) return null;
  const after = tokenIndexAt(tokens, found.cueEnd);
  const last = tokenIndexAt(tokens, previous.end);
  return last - after <= ANNOUNCING_CUE_WINDOW ? found : null;
}

/** "He said:" closing the paragraph before a quotation that opens the next one. */
function introducedBefore(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  first: QuotePiece,
  quoted: (offset: number) => boolean,
): Attribution | null {
  let colon = first.open - 1;
  while (colon >= 0 && /\s/.test(text[colon]!)) colon -= 1;
  if (colon < 0 || text[colon] !== ':' || !text.slice(colon, first.open).includes('\n')) return null;
  const sentence = sentenceAt(sentences, colon);
  if (!sentence) return null;
  const found = attributionBefore(tokens, colon + 1, sentence.start, quoted, text);
  if (found) return found;
  // "President Clinton released the following statement:" — the clause's subject and verb.
  const from = tokenIndexAt(tokens, sentence.start);
  const subject = clauseSubject(tokens, from, tokenIndexAt(tokens, colon), quoted, text);
  if (!subject) return null;
  const verb = tokens.slice(subject[1]).find((t) => t.pos === 'VERB' || t.pos === 'AUX');
  if (!verb) return null;
  return {
    cue: verb.text,
    cueLemma: verb.lower,
    cueStart: verb.start,
    cueEnd: verb.end,
    side: 'before',
    end: verb.end,
    speakerStart: tokens[subject[0]]!.start,
    speakerEnd: tokens[subject[1] - 1]!.end,
  };
}

/** A verb of saying anywhere in the sentence, outside quotation marks. */
function cueInSentence(
  tokens: readonly TaggedToken[],
  sentences: readonly Sentence[],
  offset: number,
  quoted: (offset: number) => boolean,
): boolean {
  const sentence = sentenceAt(sentences, offset);
  if (!sentence) return false;
  for (let i = tokenIndexAt(tokens, sentence.start); i < tokens.length && tokens[i]!.start < sentence.end; i += 1) {
    if (!quoted(tokens[i]!.start) && cueAt(tokens, i)) return true;
  }
  return false;
}

/** True for offsets inside any quotation (marks included). */
export function quotedTest(runs: readonly QuoteRun[]): (offset: number) => boolean {
  const spans = runs.flatMap((r) => r.pieces.map((p) => [p.open, p.close] as const)).sort((a, b) => a[0] - b[0]);
  return (offset: number) => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = spans[mid]!;
      if (offset < s) hi = mid - 1;
      else if (offset >= e) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** `"We," he said, "are ready"`: the second piece follows the first one's attribution directly. */
function joinsInterrupted(text: string, previous: { pieces: QuotePiece[]; attribution: Attribution | null }, next: QuotePiece): boolean {
  const a = previous.attribution;
  const last = previous.pieces[previous.pieces.length - 1]!;
  if (a?.side !== 'after' || next.single !== last.single) return false;
  if (a.end < last.close || next.open < a.end) return false;
  const between = text.slice(a.end, next.open);
  if (text.slice(last.close, next.open).includes('\n')) return false;
  if (INTERRUPTION_JOINERS.test(between) && between.includes(',')) return true;
  // "“...,” Thiel wrote in a statement explaining why, “but most ...”": a lower-case restart
  // in the same sentence continues the quote however long the attribution.
  return /^\p{Ll}/u.test(text.slice(next.start, next.start + 1)) && !/[.!?]\s/.test(between) && /,\s*$/.test(between);
}

function isTitle(content: string, words: number): boolean {
  const bare = content.replace(/[.,]$/, '');
  return words >= 1 && words <= TITLE_MAX_WORDS && !/[.!?,;]$/.test(bare) && TITLE_CASE.test(bare) && /\p{Lu}/u.test(bare);
}

function opensParagraph(sentences: readonly Sentence[], piece: QuotePiece): boolean {
  const sentence = sentenceAt(sentences, piece.open) ?? sentenceAt(sentences, piece.start);
  if (!sentence) return false;
  const first = sentences.find((s) => s.paragraph === sentence.paragraph);
  return first !== undefined && first.start === piece.open;
}

/** The content without the comma that only marks the attribution ("We are ready," he said). */
function trimPart(text: string, piece: QuotePiece): { start: number; end: number } {
  let end = piece.end;
  while (end > piece.start && /[,\s]/.test(text[end - 1]!)) end -= 1;
  return { start: piece.start, end };
}

function joinParts(text: string, pieces: readonly QuotePiece[]): string {
  let out = '';
  for (let i = 0; i < pieces.length; i += 1) {
    const part = trimPart(text, pieces[i]!);
    let chunk = text.slice(part.start, part.end);
    const next = pieces[i + 1];
    // "We," he said, "are ready" -> "We are ready"; "Judge," he said, "I have ..." keeps its comma.
    if (next && text.slice(pieces[i]!.start, pieces[i]!.end).endsWith(',') && /^\p{Lu}/u.test(text[next.start] ?? '')) chunk += ',';
    out += (i > 0 ? ' ' : '') + chunk;
  }
  return out;
}
