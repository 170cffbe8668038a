// Step 2 of quotes: the attribution of a quotation — the cue ("said", "told", "according to") and
// the speaker mention it attaches to — found in the words around the quotation marks.
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import { CUE_WORDS, PHRASE_CUES, SPEAKER_PRONOUNS, WEAK_CUES } from './lexicon.js';

export interface Attribution {
  /** The cue as written ("said", "according to", ":" for a transcript). */
  readonly cue: string;
  readonly cueLemma: string;
  readonly cueStart: number;
  readonly cueEnd: number;
  /** The speaker mention ("he", "Putin", "the Russian leader"). */
  readonly speakerStart: number;
  readonly speakerEnd: number;
  /** Where the attribution sits relative to the quotation. */
  readonly side: 'after' | 'before';
  /** Offset just after the last word of the attribution (for interrupted quotes). */
  readonly end: number;
}

/** Longest subject noun phrase we accept before a cue, in tokens. */
const MAX_SUBJECT_TOKENS = 9;
/** The longest appositive between a speaker and the cue ("Ramos, 58, told", "X, who served as ..., told"). */
const MAX_APPOSITIVE_TOKENS = 30;
/** The longest bracket inside a speaker phrase ("(D-N.Y.)", "(R-OK)"). */
const MAX_PARENTHESIS_TOKENS = 8;
/** Adverbs and auxiliaries allowed between a subject and its cue ("has also previously said"). */
const MAX_GAP_TOKENS = 3;
/** Words between subject and cue that still keep them together. */
const GAP_POS = new Set(['ADV', 'AUX', 'PART']);
/** Prepositions that may sit inside a speaker phrase ("spokesman for the Kremlin", "head of the agency"). */
const NP_PREPOSITIONS = new Set(['of', 'for', 'at', 'from', 'in']);

export interface CueMatch {
  readonly lemma: string;
  /** Token index of the first and last cue tokens. */
  readonly first: number;
  readonly last: number;
}

/** The cue that starts at token `i`, if any. Verbs only: "the said car" or "a note" are not cues. */
export function cueAt(tokens: readonly TaggedToken[], i: number, anyPos = false): CueMatch | null {
  for (const phrase of PHRASE_CUES) {
    if (phrase.every((w, k) => tokens[i + k]?.lower === w)) return { lemma: phrase.join(' '), first: i, last: i + phrase.length - 1 };
  }
  const t = tokens[i];
  if (!t) return null;
  const lemma = CUE_WORDS.get(t.lower);
  if (!lemma) return null;
  // ", warning that ...": a participle after a comma is a verb whatever the tagger says.
  const participle = /ing$/.test(t.lower) && tokens[i - 1]?.text === ',';
  if (!anyPos && !participle && t.pos !== 'VERB' && t.pos !== 'AUX' && !(t.lower === 'says' || t.lower === 'said' || t.lower === 'told'))
    return null;
  if (lemma === 'point' || lemma === 'go') return null; // only as "pointed out" / "went on"
  return { lemma, first: i, last: i };
}

/**
 * `“...,” Oliver barked`: right after a quote that ends in a comma (or ? !), a name or he/she and
 * then a past-tense verb attribute it, even when the verb is in no list.
 */
function unlistedCue(tokens: readonly TaggedToken[], k: number, np: [number, number], close: number, text: string): CueMatch | null {
  const verb = tokens[k];
  if (verb?.pos !== 'VERB' || !/ed$/.test(verb.lower)) return null;
  if (!/[,?!]\s*$/.test(text.slice(Math.max(0, close - 3), close - 1))) return null;
  const phrase = tokens.slice(np[0], np[1]);
  const named = phrase.some((t) => t.pos === 'PROPN') || (phrase.length === 1 && /^(?:he|she)$/.test(phrase[0]!.lower));
  return named ? { lemma: verb.lower, first: k, last: k } : null;
}

/** Token span [from, to) of the subject noun phrase that ends just before token `i`. */
export function subjectBefore(tokens: readonly TaggedToken[], i: number, text: string): [number, number] | null {
  let k = i - 1;
  let gap = 0;
  while (k >= 0 && gap < MAX_GAP_TOKENS + 2) {
    const t = tokens[k]!;
    // "Trump on Tuesday said", "Clinton last week told": time phrases sit between subject and cue.
    const temporal = TEMPORAL.has(t.lower) || (TEMPORAL_LEADS.has(t.lower) && TEMPORAL.has(tokens[k + 1]?.lower ?? ''));
    if (!temporal && !(GAP_POS.has(t.pos) && !SPEAKER_PRONOUNS.has(t.lower))) break;
    k -= 1;
    gap += 1;
  }
  if (k < 0) return null;
  // "Rep. Jim McDermott (D-Wash.) said": the party and state in brackets belong to the name.
  if (tokens[k]!.text === ')') {
    const open = tokens
      .slice(Math.max(0, k - MAX_PARENTHESIS_TOKENS), k)
      .map((t) => t.text)
      .lastIndexOf('(');
    if (open >= 0) {
      const at = Math.max(0, k - MAX_PARENTHESIS_TOKENS) + open;
      const inner = subjectBefore(tokens, at, text);
      return inner ? [inner[0], k + 1] : null;
    }
  }
  const end = k + 1;
  const last = tokens[k]!;
  // "A Warren adviser, who spoke ..., said": the relative pronoun stands for the phrase before it.
  if ((last.lower === 'who' || last.lower === 'which') && k >= 1) {
    const antecedent = subjectBefore(tokens, tokens[k - 1]!.text === ',' ? k - 1 : k, text);
    if (antecedent && tokens[antecedent[1] - 1]!.lower !== 'who') return antecedent;
  }
  if (last.pos === 'PRON' || SPEAKER_PRONOUNS.has(last.lower)) {
    return SPEAKER_PRONOUNS.has(last.lower) || /^(?:who|which|one|everyone|someone|others|many|some|both|few)$/.test(last.lower)
      ? [k, end]
      : null;
  }
  // "Cruz's thinking said": a gerund after a possessive is a noun.
  if (last.pos === 'VERB' && /ing$/.test(last.lower) && k >= 1 && /^(?:PART|DET)$/.test(tokens[k - 1]!.pos)) {
    const head = subjectBefore(tokens, k, text);
    return head ? [head[0], end] : [k, end];
  }
  if (last.lower === ',' && k >= 1) {
    // "Gov. John Kasich (R-OH), said": a stray comma after a name.
    const named = appositiveSubject(tokens, k, text) ?? (tokens[k - 1]!.text === ')' ? subjectBefore(tokens, k, text) : null);
    return named && tokens.slice(named[0], named[1]).some((t) => t.pos === 'PROPN') ? named : null;
  }
  if (!isNounish(last)) return null;
  let from = k;
  while (from > 0 && end - from < MAX_SUBJECT_TOKENS) {
    const prev = tokens[from - 1]!;
    if (!sameLine(text, prev, tokens[from]!)) break;
    if (
      isNounish(prev) ||
      prev.pos === 'DET' ||
      prev.pos === 'NUM' ||
      prev.pos === 'ADJ' ||
      POSSESSIVES.has(prev.lower) ||
      (prev.pos === 'PART' && /^['’]s?$/.test(prev.lower))
    )
      from -= 1;
    else if (
      (prev.lower === '.' || prev.lower === '-' || prev.lower === '&') &&
      prev.end === tokens[from]!.start &&
      from >= 2 &&
      isNounish(tokens[from - 2]!)
    )
      from -= 1;
    else if (NP_PREPOSITIONS.has(prev.lower) && from >= 2 && isNounish(tokens[from - 2]!) && tokens[from - 2]!.pos !== 'PROPN') from -= 1;
    else if (prev.lower === 'and' && from >= 2 && tokens[from]!.pos === 'PROPN' && tokens[from - 2]!.pos === 'PROPN') from -= 1;
    else break;
  }
  // A determiner or adjective alone is no subject; a subject ends in a noun or name.
  return [from, end];
}

/** "Dmitry Peskov, the Kremlin spokesman, said": the name before the appositive. */
function appositiveSubject(tokens: readonly TaggedToken[], comma: number, text: string): [number, number] | null {
  const hasName = (span: [number, number] | null) => span !== null && tokens.slice(span[0], span[1]).some((t) => t.pos === 'PROPN');
  // The comma that opens the appositive: "Sanders, the senator from Vermont, said", "Sen. Ron Johnson, R-Wis., said".
  let open = -1;
  for (let j = comma - 1; j >= Math.max(0, comma - MAX_APPOSITIVE_TOKENS); j -= 1) {
    const t = tokens[j]!;
    if (t.text === ',') {
      open = j;
      break;
    }
    if (/^[.;:!?“”"]$/.test(t.text)) break; // relative clauses ("who served as ...") are crossed, sentences not
  }
  if (open < 1) return null;
  // "Here in Columbia, Sanders stepped up ..., saying": a stretch with its own verb is a clause,
  // not an appositive, unless a relative pronoun introduces the verb ("who served as ...").
  // A leading participle is allowed too ("Jack Kelly, writing for RealClearPolitics, said").
  const region = tokens.slice(open + 1, comma);
  const relative = region.findIndex((t) => /^(?:who|which|whose|whom)$/.test(t.lower));
  const verb = region.findIndex((t, n) => (t.pos === 'VERB' || t.pos === 'AUX') && !(n === 0 && /ing$/.test(t.lower)));
  // "Jackson, in a statement released through the team, said": a prepositional phrase is no
  // clause, whatever participle it holds, unless a pronoun inside makes one ("in a statement he wrote").
  const prepositional = region[0]?.pos === 'ADP' && !region.some((t) => t.pos === 'PRON');
  if (verb >= 0 && !prepositional && (relative < 0 || relative > verb)) return null;
  const name = subjectBefore(tokens, open, text);
  if (hasName(name)) return name;
  // "One of the top executives, Michael Sexton, testified": the appositive is the name.
  const appositive: [number, number] = [open + 1, comma];
  const inner = subjectBefore(tokens, comma, text);
  if (inner && inner[0] === open + 1 && hasName(inner)) return appositive;
  return null;
}

/** Token span [from, to) of the noun phrase starting at token `i` ("said the Kremlin spokesman"). */
export function phraseAfter(tokens: readonly TaggedToken[], i: number, text: string): [number, number] | null {
  const first = tokens[i];
  if (!first) return null;
  if (SPEAKER_PRONOUNS.has(first.lower)) return [i, i + 1];
  let to = i;
  while (to < tokens.length && to - i < MAX_SUBJECT_TOKENS) {
    const t = tokens[to]!;
    if (to > i && !sameLine(text, tokens[to - 1]!, t)) break;
    if (isNounish(t) || t.pos === 'DET' || t.pos === 'NUM' || t.pos === 'ADJ' || (t.pos === 'PART' && /^'s?$/.test(t.lower))) to += 1;
    else if (NP_PREPOSITIONS.has(t.lower) && to > i && /^(?:DET|NUM|PROPN|NOUN|ADJ)$/.test((tokens[to + 1] ?? first).pos)) to += 1;
    else if ((t.lower === '.' || t.lower === '&') && to > i && isNounish(tokens[to + 1] ?? first)) to += 1;
    else if (t.lower === '-' && to > i && tokens[to + 1] && tokens[to + 1]!.start === t.end)
      to += 2; // "Texas-based"
    else break;
  }
  while (to > i && !isNounish(tokens[to - 1]!)) to -= 1;
  if (to === i && /^(?:one|another|others|both|many|some)$/.test(first.lower)) return [i, i + 1]; // "read one"
  // "said Tuesday", "said on Monday": a time is no speaker.
  if (to > i && tokens.slice(i, to).every((t) => TEMPORAL.has(t.lower) || TEMPORAL_LEADS.has(t.lower))) return null;
  return to > i ? [i, to] : null;
}

/** The index after the bracket that opens at `k` (or `k` when it does not close soon). */
function skipParenthesis(tokens: readonly TaggedToken[], k: number): number {
  for (let j = k + 1; j < tokens.length && j <= k + MAX_PARENTHESIS_TOKENS; j += 1) if (tokens[j]!.text === ')') return j + 1;
  return k;
}

/** Time words that never speak ("said Tuesday", "on Monday told"). */
const TEMPORAL = new Set([
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'today',
  'yesterday',
  'tonight',
  'weekend',
  'week',
  'month',
  'year',
  'morning',
  'afternoon',
  'evening',
  'night',
  'earlier',
  'later',
  'time',
]);
/** Words that lead a time phrase ("on Monday", "last week"). */
const TEMPORAL_LEADS = new Set(['on', 'last', 'this', 'early', 'late', 'over', 'the', 'that', 'next', 'at']);
/** Possessive determiners that start a speaker phrase ("his office", "their spokesman"). */
const POSSESSIVES = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
/** Words that open a clause with its own subject ("after Trump hinted"), though tagged as prepositions. */
const SUBORDINATORS = new Set([
  'after',
  'before',
  'when',
  'while',
  'as',
  'because',
  'since',
  'if',
  'although',
  'though',
  'until',
  'once',
  'whereas',
  'unless',
  'with',
]);
/** Parts of speech that a capital letter at the start of a sentence does not turn into a name. */
const NEVER_NAMES = new Set(['PUNCT', 'PRON', 'DET', 'ADP', 'CCONJ', 'SCONJ', 'ADV', 'AUX', 'PART', 'INTJ']);

function isNounish(t: TaggedToken): boolean {
  if (t.pos === 'PROPN' || t.pos === 'NOUN') return true;
  if (/^\p{Lu}/u.test(t.text) && !NEVER_NAMES.has(t.pos)) return true;
  return t.pos === 'ADJ' && /^\p{Lu}/u.test(t.text);
}

function sameLine(text: string, a: TaggedToken, b: TaggedToken): boolean {
  return !text.slice(a.end, b.start).includes('\n');
}

/**
 * The attribution that directly follows a closing mark: `"...," Putin said`, `"..." said the
 * official`, `"...", according to the Kremlin`, `'Buckle in': Top economist says`.
 */
export function attributionAfter(tokens: readonly TaggedToken[], close: number, limit: number, text: string): Attribution | null {
  let i = tokenIndexAt(tokens, close);
  while (i < tokens.length && tokens[i]!.start < limit && /^[,:\u2014\u2013-]$/.test(tokens[i]!.text)) i += 1;
  if (tokens[i]?.lower === 'as') i += 1; // "“...,” as Cruz said"
  if (i >= tokens.length || tokens[i]!.start >= limit) return null;
  // "said Putin", "according to the Kremlin"
  const lead = cueAt(tokens, i);
  if (lead) {
    const np = phraseAfter(tokens, lead.last + 1, text);
    if (np && tokens[np[1] - 1]!.end <= limit) return make(tokens, lead, np, 'after');
    return null;
  }
  // "Putin said", "the Russian leader added", "he told reporters"
  let np = phraseAfter(tokens, i, text);
  if (!np) return null;
  // "Viguerie notes": a cue tagged as a plural noun ends the phrase it was read into.
  if (np[1] - np[0] > 1 && cueAt(tokens, np[1] - 1, true) && !cueAt(tokens, np[1], true)) np = [np[0], np[1] - 1];
  // "the comedian and talk show host said", "Zadan and Meron said": one speaker phrase.
  if (tokens[np[1]]?.lower === 'and') {
    const more = phraseAfter(tokens, np[1] + 1, text);
    if (more && cueAt(tokens, more[1], true)) np = [np[0], more[1]];
  }
  let k = np[1];
  // "Graham, a former candidate, told ..." / "Ramos, 58, told ...": skip the appositive.
  if (tokens[k]?.text === '(') k = skipParenthesis(tokens, k);
  if (tokens[k]?.text === ',') {
    for (let j = k + 1; j < tokens.length && j <= k + MAX_APPOSITIVE_TOKENS && tokens[j]!.start < limit; j += 1) {
      if (tokens[j]!.text === ',' && cueAt(tokens, j + 1, true)) {
        k = j + 1;
        break;
      }
    }
  }
  let gap = 0;
  while (k < tokens.length && gap < MAX_GAP_TOKENS + 2 && !cueAt(tokens, k, true)) {
    const t = tokens[k]!;
    const temporal = TEMPORAL.has(t.lower) || (TEMPORAL_LEADS.has(t.lower) && TEMPORAL.has(tokens[k + 1]?.lower ?? ''));
    if (!temporal && !GAP_POS.has(t.pos)) break;
    k += 1;
    gap += 1;
  }
  const cue = cueAt(tokens, k, true) ?? unlistedCue(tokens, k, np, close, text);
  if (!cue || tokens[cue.last]!.end > limit) return null;
  return make(tokens, cue, np, 'after');
}

/**
 * The nearest cue before an opening mark in the same sentence, with its subject:
 * `He stated, "..."`, `Bessent added that the deal features "..."`, `Putin said: "..."`.
 */
export function attributionBefore(
  tokens: readonly TaggedToken[],
  open: number,
  sentenceStart: number,
  quoted: (offset: number) => boolean,
  text: string,
): Attribution | null {
  const first = tokenIndexAt(tokens, sentenceStart);
  const end = tokenIndexAt(tokens, open);
  // Transcript style: "PUTIN: ..." or "Putin: “...”" right before the mark.
  if (end >= 2 && tokens[end - 1]!.text === ':' && end - 1 > first) {
    const np = subjectBefore(tokens, end - 1, text);
    // "PUTIN: ..." at the start, or a name before the colon anywhere ("... pollster Daron Shaw: “...”"),
    // but not the object of a preposition ("was reported as saying about Page:", "a statement on Jackson's arrest:").
    const lead = np && np[0] > first ? tokens[np[0] - 1]! : null;
    const object = lead !== null && lead.pos === 'ADP' && !(lead.lower === 'to' && tokens[np![0] - 2]?.lower === 'according');
    if (np && !object && (np[0] === first || tokens.slice(np[0], np[1]).some((t) => t.pos === 'PROPN'))) {
      const colon = tokens[end - 1]!;
      return {
        cue: ':',
        cueLemma: ':',
        cueStart: colon.start,
        cueEnd: colon.end,
        speakerStart: tokens[np[0]]!.start,
        speakerEnd: tokens[np[1] - 1]!.end,
        side: 'before',
        end: colon.end,
      };
    }
  }
  // "Trump ... leaned in and boomed: “...”": any verb right before a colon introduces the quote.
  if (end >= 2 && tokens[end - 1]!.text === ':' && end - 2 >= first && tokens[end - 2]!.pos === 'VERB' && !cueAt(tokens, end - 2)) {
    const verb: CueMatch = { lemma: tokens[end - 2]!.lower, first: end - 2, last: end - 2 };
    const np = subjectBefore(tokens, end - 2, text) ?? clauseSubject(tokens, first, end - 2, quoted, text);
    if (np && np[0] >= first) return make(tokens, verb, np, 'before');
  }
  // "She then addressed the supporters again: “...”": the clause before the colon, its subject and verb.
  if (end >= 2 && tokens[end - 1]!.text === ':' && !tokens.slice(first, end - 1).some((t) => cueAt(tokens, tokens.indexOf(t)))) {
    const subject = clauseSubject(tokens, first, end - 1, quoted, text);
    const verb = subject ? tokens.slice(subject[1], end - 1).findIndex((t) => t.pos === 'VERB') : -1;
    if (subject && verb >= 0) {
      const at = subject[1] + verb;
      return make(tokens, { lemma: tokens[at]!.lower, first: at, last: at }, subject, 'before');
    }
  }
  // The nearest cue wins, except that a verb of judging or believing ("said her campaign would
  // continue “...”", "says if people think “...”") yields to a verb of saying earlier in the sentence.
  let weak: Attribution | null = null;
  for (let i = end - 1; i >= first; i -= 1) {
    if (quoted(tokens[i]!.start)) continue;
    const cue = cueAt(tokens, i) ?? (i > first ? cueAt(tokens, i - 1) : null);
    if (!cue || cue.last > i) continue;
    const found = attributionAtCue(tokens, cue, first, end, quoted, text);
    if (!found) continue;
    if (!WEAK_CUES.has(cue.lemma)) return found;
    weak ??= found;
    i = cue.first;
  }
  return weak;
}

/** The attribution a cue before a quote makes, with its subject (or the clause's subject). */
function attributionAtCue(
  tokens: readonly TaggedToken[],
  cue: CueMatch,
  first: number,
  end: number,
  quoted: (offset: number) => boolean,
  text: string,
): Attribution | null {
  if (cue.lemma === 'according to') {
    const np = phraseAfter(tokens, cue.last + 1, text);
    return np && np[1] <= end ? make(tokens, cue, np, 'before') : null;
  }
  const np = subjectBefore(tokens, cue.first, text);
  // "a source speaking to Fox News said", "his office put out a statement saying": the phrase
  // before the cue is an object; the speaker is the subject of the clause.
  const before = np && np[0] > first ? tokens[np[0] - 1]! : null;
  const objectLike = before !== null && /^(?:ADP|VERB)$/.test(before.pos) && !SUBORDINATORS.has(before.lower);
  if (np && objectLike) {
    const subject = clauseSubject(tokens, first, np[0], quoted, text);
    if (subject) return make(tokens, cue, subject, 'before');
  }
  if (np && np[0] >= first) return make(tokens, cue, np, 'before');
  // "..., saying he ...", "... and told them that ...", "obliged to disclose: ...": the subject of
  // the clause the cue hangs on.
  const prev = tokens[cue.first - 1];
  if (!np && (/ing$/.test(tokens[cue.first]!.lower) || (prev && /^(?:,|and|then|but|to)$/.test(prev.lower)))) {
    // "Nudity didn't bother her, she said, explaining:": the participle hangs on the verb of saying
    // before it, whose subject speaks, not on the sentence's first clause.
    const subject = saidBefore(tokens, first, cue.first, text) ?? clauseSubject(tokens, first, cue.first, quoted, text);
    if (subject) return make(tokens, cue, subject, 'before');
  }
  // "said Putin, “...”" (inverted, before the quote)
  const inverted = phraseAfter(tokens, cue.last + 1, text);
  if (inverted && inverted[1] <= end && tokens[inverted[0]]!.pos === 'PROPN') return make(tokens, cue, inverted, 'before');
  return null;
}

/** The subject of the nearest verb of saying before token `before` in the sentence. */
function saidBefore(tokens: readonly TaggedToken[], first: number, before: number, text: string): [number, number] | null {
  for (let i = before - 1; i >= first; i -= 1) {
    const cue = cueAt(tokens, i);
    if (!cue || WEAK_CUES.has(cue.lemma)) continue;
    const np = subjectBefore(tokens, cue.first, text);
    if (np && np[0] >= first) return np;
  }
  return null;
}

/** The subject of the sentence's first verb: "Band member Flea shared the news ..., writing". */
export function clauseSubject(
  tokens: readonly TaggedToken[],
  first: number,
  before: number,
  quoted: (offset: number) => boolean,
  text: string,
): [number, number] | null {
  for (let i = first; i < before; i += 1) {
    const t = tokens[i]!;
    if (quoted(t.start)) continue;
    if (t.pos === 'VERB' || t.pos === 'AUX') {
      const np = subjectBefore(tokens, i, text);
      // "In a statement released Thursday, Rep. Jeffries reacted": not the object of "In".
      if (np && np[0] > first && tokens[np[0] - 1]!.pos === 'ADP' && !SUBORDINATORS.has(tokens[np[0] - 1]!.lower)) continue;
      return np && np[0] >= first ? np : null;
    }
  }
  return null;
}

function make(tokens: readonly TaggedToken[], cue: CueMatch, np: [number, number], side: 'after' | 'before'): Attribution {
  const cueStart = tokens[cue.first]!.start;
  const cueEnd = tokens[cue.last]!.end;
  const speakerStart = tokens[np[0]]!.start;
  const speakerEnd = tokens[np[1] - 1]!.end;
  return {
    cue: tokens
      .slice(cue.first, cue.last + 1)
      .map((t) => t.text)
      .join(' '),
    cueLemma: cue.lemma,
    cueStart,
    cueEnd,
    speakerStart,
    speakerEnd,
    side,
    end: Math.max(cueEnd, speakerEnd),
  };
}
