// Part-of-speech tags with character offsets, from wink-nlp's English model (shipped in the npm
// package, no download). The model loads once per process, lazily, in about 0.1 s: required on
// the first tagging, so a process or thread that imports the claims but tags nothing (the main
// thread of a pool) does not read the model (another 0.1-0.2 s of CPU on import).
import { createRequire } from 'node:module';
import type winkNLP from 'wink-nlp';

export interface TaggedToken {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** Lower case, with curly apostrophes folded. */
  readonly lower: string;
  /** Universal POS tag: NOUN, PROPN, VERB, AUX, PRON, DET, ADJ, ADV, ADP, PUNCT, NUM, ... */
  readonly pos: string;
}

type Nlp = ReturnType<typeof winkNLP>;
let nlp: Nlp | null = null;

function load(): Nlp {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const makeNlp = require('wink-nlp') as typeof winkNLP;
  nlp = makeNlp(require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0]);
  return nlp;
}

/** How far ahead to look for a token wink returned, when the text between is only spaces. */
const ALIGN_WINDOW = 64;
/**
 * Longest run without white space wink is given; the rest of the run is blanked (same length, so
 * offsets hold). Its tokenizer's patterns backtrack over a whole token, so one 100 KB "word" or
 * run of full stops costs minutes; no word or number is this long.
 */
const MAX_TOKEN_CHARS = 64;
const LONG_RUN = new RegExp(`\\S{${MAX_TOKEN_CHARS + 1},}`, 'g');

/** Tags `text` and maps every token back to its character offsets. */
export function tagText(text: string): TaggedToken[] {
  const engine = load();
  const doc = engine.readDoc(text.replace(LONG_RUN, (run) => run.slice(0, MAX_TOKEN_CHARS) + ' '.repeat(run.length - MAX_TOKEN_CHARS)));
  const words = doc.tokens().out() as string[];
  const tags = doc.tokens().out(engine.its.pos) as string[];
  const tokens: TaggedToken[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const at = text.indexOf(word, cursor);
    if (at < 0 || at - cursor > ALIGN_WINDOW) continue; // wink normalised it; skip rather than misalign
    tokens.push({
      start: at,
      end: at + word.length,
      text: word,
      lower: word.toLowerCase().replace(/’/g, "'"),
      pos: tags[i] ?? 'X',
    });
    cursor = at + word.length;
  }
  return tokens;
}

/** Index of the first token that starts at or after `offset` (binary search). */
export function tokenIndexAt(tokens: readonly TaggedToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
