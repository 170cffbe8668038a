// Reported speech: "Putin said Russian companies could supply ..." becomes a quote with
// direct=false whose content is the reported clause, and the speaker resolved like a direct quote's.
import type { Sentence } from '../records.js';
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import { clauseSubject, cueAt, phraseAfter, subjectBefore, type CueMatch } from './attribution.js';
import type { ResolvedSpeaker, SpeakerResolver } from './speakers.js';

export interface ReportedSpeech {
  readonly start: number;
  readonly end: number;
  readonly cue: string;
  readonly speaker: ResolvedSpeaker;
}

/** Cues that report what someone said (belief and estimate verbs are left out on purpose). */
const SPEECH_CUES = new Set([
  'say',
  'tell',
  'add',
  'state',
  'note',
  'write',
  'explain',
  'argue',
  'insist',
  'claim',
  'warn',
  'declare',
  'announce',
  'acknowledge',
  'admit',
  'suggest',
  'emphasize',
  'emphasise',
  'stress',
  'reply',
  'respond',
  'predict',
  'promise',
  'vow',
  'concede',
  'conclude',
  'observe',
  'complain',
  'assert',
  'mention',
  'testify',
  'confirm',
  'deny',
  'caution',
  'allege',
  'contend',
  'reiterate',
  'indicate',
  'tweet',
  'report',
  'according to',
]);
/** A reported clause shorter than this (in words) is not a claim ("he said so"). */
const MIN_CLAUSE_WORDS = 4;
/** The longest subject of a reported clause, in tokens. */
const MAX_SUBJECT_WORDS = 10;
/** How far after the cue "that" may come ("said on Monday that ..."). */
const MAX_TOKENS_BEFORE_THAT = 8;
/** Where a reported clause stops: a new participle clause or a semicolon. */
const CLAUSE_END = /(?:,\s+(?:according|while|\p{Ll}+ing)\b|;|\s+[\u2014\u2013]\s)/u;

export function findReportedSpeech(
  text: string,
  sentences: readonly Sentence[],
  tokens: readonly TaggedToken[],
  resolver: SpeakerResolver,
  quoted: (offset: number) => boolean,
): ReportedSpeech[] {
  const found: ReportedSpeech[] = [];
  for (const sentence of sentences) {
    if (/\?["”’]?$/.test(sentence.text)) continue;
    const first = tokenIndexAt(tokens, sentence.start);
    const last = tokenIndexAt(tokens, sentence.end);
    for (let i = first; i < last; i += 1) {
      if (quoted(tokens[i]!.start)) continue;
      const cue = cueAt(tokens, i);
      if (!cue || !SPEECH_CUES.has(cue.lemma) || cue.last >= last) continue;
      if (cue.lemma === 'according to') {
        const reported = accordingTo(text, tokens, first, last, cue, quoted);
        if (!reported) continue;
        found.push({ ...reported, speaker: resolver.resolve(reported.source[0], reported.source[1]) });
        break;
      }
      const span = clauseSpan(text, tokens, sentence, first, last, cue, quoted);
      if (!span) continue;
      // "The French president praised Trump and suggested that ...": the subject of the first verb.
      const coordinated = tokens[cue.first - 1]?.lower === 'and' ? clauseSubject(tokens, first, cue.first, quoted, text) : null;
      const subject = coordinated ?? subjectBefore(tokens, cue.first, text);
      if (!subject || subject[0] < first) continue;
      const speaker = resolver.resolve(tokens[subject[0]]!.start, tokens[subject[1] - 1]!.end);
      found.push({
        start: span[0],
        end: span[1],
        cue: tokens
          .slice(cue.first, cue.last + 1)
          .map((t) => t.text)
          .join(' '),
        speaker,
      });
      break; // one reported clause per sentence: later cues sit inside it
    }
  }
  return found;
}

/** The reported clause after the cue, or before it in "Russia could ..., Putin said." */
function clauseSpan(
  text: string,
  tokens: readonly TaggedToken[],
  sentence: Sentence,
  first: number,
  last: number,
  cue: CueMatch,
  quoted: (offset: number) => boolean,
): [number, number] | null {
  let k = cue.last + 1;
  if (cue.lemma === 'tell') {
    const object = phraseAfter(tokens, k, text);
    if (object) k = object[1];
  }
  // "said on Monday that ...": skip to "that" when it comes soon and no verb stands between.
  for (let j = k; j < Math.min(last, k + MAX_TOKENS_BEFORE_THAT); j += 1) {
    const t = tokens[j]!;
    if (t.lower === 'that') {
      k = j + 1;
      break;
    }
    if (t.pos === 'VERB' || t.pos === 'AUX' || t.text === ',' || quoted(t.start)) break;
  }
  const afterThat = k > 0 && tokens[k - 1]!.lower === 'that';
  if (afterThat && tokens[k]?.text === ',') k += 1; // "said that, while ..., it has ..."
  const next = tokens[k];
  const opener = afterThat ? /^(?:PRON|DET|PROPN|NOUN|NUM|ADJ|SCONJ|ADV)$/ : /^(?:PRON|DET|PROPN|NOUN|NUM|ADJ)$/;
  if (next && next.start < sentence.end && opener.test(next.pos) && (afterThat || startsClause(tokens, k, last))) {
    let end = sentence.end;
    const tail = text.slice(next.start, sentence.end);
    const stop = CLAUSE_END.exec(tail);
    if (stop) end = next.start + stop.index;
    while (end > next.start && /[\s.,!;:]/.test(text[end - 1]!)) end -= 1;
    if (validClause(tokens, next.start, end, quoted)) return [next.start, end];
  }
  // Inverted: "Russia could supply more, Putin said."
  const subject = subjectBefore(tokens, cue.first, text);
  if (!subject || subject[0] <= first || tokens[subject[0] - 1]!.text !== ',') return null;
  const tailAfterCue = text.slice(tokens[cue.last]!.end, sentence.end);
  if (!/^[^,;]*[.!]?["”]?$/.test(tailAfterCue)) return null;
  const start = tokens[first]!.start;
  let end = tokens[subject[0] - 1]!.start;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return validClause(tokens, start, end, quoted) ? [start, end] : null;
}

/** Without "that", a clause is a noun phrase followed by a finite verb: "Russian companies could supply". */
function startsClause(tokens: readonly TaggedToken[], k: number, last: number): boolean {
  for (let j = k; j < Math.min(last, k + MAX_SUBJECT_WORDS); j += 1) {
    const t = tokens[j]!;
    // A participle after a noun phrase modifies it ("wrote the article uncovering his secret"): no clause.
    if (t.pos === 'VERB' && /ing$/.test(t.lower)) return false;
    // A capitalised word inside the sentence is a name, whatever the tagger says ("uncovering Felt's secret").
    const verb = (t.pos === 'AUX' || t.pos === 'VERB') && !(j > k && /^\p{Lu}/u.test(t.text));
    if (verb) return j > k && tokens[j - 1]!.lower !== 'to';
    if (!/^(?:PRON|DET|PROPN|NOUN|NUM|ADJ|PART|ADV)$/.test(t.pos) && !/^[.\-'’]$/.test(t.text)) return false;
  }
  return false;
}

function validClause(tokens: readonly TaggedToken[], start: number, end: number, quoted: (offset: number) => boolean): boolean {
  const inside = tokens.slice(tokenIndexAt(tokens, start), tokenIndexAt(tokens, end));
  if (inside.some((t) => quoted(t.start))) return false; // a direct quote carries it
  const words = inside.filter((t) => /[\p{L}\p{N}]/u.test(t.text)).length;
  return words >= MIN_CLAUSE_WORDS && inside.some((t) => t.pos === 'VERB' || t.pos === 'AUX');
}

/** What a fact can be "according to" without anyone saying it. */
const DOCUMENTS = new Set(
  'data figures report reports statistics estimates estimate survey filing filings documents document records study studies research poll polls analysis numbers tally census'.split(
    ' ',
  ),
);
const POSSESSIVE_DETERMINERS = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'your']);

/**
 * "Reid has checked into Promises Treatment Center, according to her publicist, Jack Ketsoyan" and
 * "According to the Union-Tribune, Jackson was pulled over ...": the clause on the other side of
 * the comma is what the source reported. `source`: character offsets of the source's name (the
 * name after an appositive comma when the phrase is a role: "her publicist, Jack Ketsoyan").
 */
function accordingTo(
  text: string,
  tokens: readonly TaggedToken[],
  first: number,
  last: number,
  cue: CueMatch,
  quoted: (offset: number) => boolean,
): { start: number; end: number; cue: string; source: [number, number] } | null {
  // "according to her publicist": the possessive belongs to the phrase.
  const possessive = POSSESSIVE_DETERMINERS.has(tokens[cue.last + 1]?.lower ?? '');
  const head = phraseAfter(tokens, cue.last + (possessive ? 2 : 1), text);
  if (!head) return null;
  const phrase: [number, number] = [possessive ? cue.last + 1 : head[0], head[1]];
  let [from, to] = phrase;
  // "her publicist, Jack Ketsoyan.": the name a role closing the sentence is given to.
  const role = !tokens.slice(from, to).some((t) => t.pos === 'PROPN');
  if (role && tokens[to]?.text === ',' && tokens[to + 1]?.pos === 'PROPN') {
    let end = to + 1;
    while (end < last && tokens[end]!.pos === 'PROPN') end += 1;
    if (tokens.slice(end, last).every((t) => !/[\p{L}\p{N}]/u.test(t.text))) [from, to] = [to + 1, end];
  }
  // "according to data from the U.S. Geological Survey", "according to a filing": a document
  // sources the fact, no one says it. A source is someone named.
  const words = tokens.slice(from, to);
  if (!words.some((t) => t.pos === 'PROPN') || words.some((t) => DOCUMENTS.has(t.lower))) return null;
  const source: [number, number] = [tokens[from]!.start, tokens[to - 1]!.end];
  const cueText = text.slice(tokens[cue.first]!.start, tokens[cue.last]!.end);
  let span: [number, number] | null = null;
  if (cue.first > first && tokens[cue.first - 1]!.text === ',') {
    // Trailing: the source closes the sentence.
    const tail = tokens.slice(to, last);
    if (tail.some((t) => /[\p{L}\p{N}]/u.test(t.text))) return null;
    span = [tokens[first]!.start, tokens[cue.first - 1]!.start];
  } else if (cue.first === first && tokens[phrase[1]]?.text === ',' && tokens[phrase[1] + 1] && phrase[1] + 1 < last) {
    // Leading: the sentence opens with the source.
    span = [tokens[phrase[1] + 1]!.start, tokens[last - 1]!.end];
  }
  if (!span) return null;
  let [start, end] = span;
  while (end > start && /[\s.,!;:]/.test(text[end - 1]!)) end -= 1;
  return validClause(tokens, start, end, quoted) ? { start, end, cue: cueText, source } : null;
}
