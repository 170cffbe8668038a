// Part-of-speech tags with character offsets, from wink-nlp's English model (shipped in the npm
// package, no download). The model loads once per process, lazily, in about 0.1 s: required on
// the first tagging, so a process or thread that imports the claims but tags nothing (the main
// thread of a pool) does not read the model (another 0.1-0.2 s of CPU on import). Its lexicon is
// put back after every text, so a text's tags never depend on what the process read before.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * wink-nlp's lexicon as its cache module sees it: every feature with a value table (lexeme,
 * prefix, suffix, shape) is a list, a hash from value to index, and the next free index.
 */
interface FeatureTable {
  list: unknown[];
  hash: Record<string, number>;
  index: number;
}
type LexiconCache = Record<string, (...args: unknown[]) => unknown>;
type MakeCache = (model: { features: Record<string, Partial<FeatureTable>> }, featureFn: unknown) => LexiconCache;

/** Puts wink's lexicon back as the model loaded it; set by `load`. */
let restoreLexicon: () => void = () => undefined;

/**
 * Every word wink reads that its model does not know is added to the lexicon for the rest of the
 * process, and the tokenizer keeps a run of text whole when the lexicon has it: once "Reid's." was
 * read (a possessive before a full stop, kept as one word), every later "Reid's rep" tokenised as
 * "Reid's" "rep" instead of "Reid" "'s" "rep", so a quote's speaker depended on what the process
 * had read before. The growth could also overflow the model's bit-packed prefix table (8,191
 * entries, 1,279 loaded) in a long-running monitor. So the lexicon is put back after every text: each feature table is
 * cut to its loaded length, and the cache's out-of-vocabulary array, private to wink's cache
 * module, is replaced by copying onto the cache object wink holds the methods of a new cache over
 * the restored model (8 us: closures over the same model; only after a text that added words).
 * The cache module is wrapped, through node's module registry, before wink-nlp first requires it,
 * to get hold of the model and that object. This reads wink-nlp 2.4's internals (src/cache.js);
 * the tests in tagging.test.ts fail if they change. A fresh wink instance per text is no option:
 * 0.1-0.6 s each, and the English model's loader breaks on the twentieth instance in a process
 * (it JSON-encodes its already encoded CER machines again on each load).
 */
function load(): Nlp {
  if (nlp) return nlp;
  const require = createRequire(import.meta.url);
  const winkPath = require.resolve('wink-nlp');
  if (require.cache[winkPath])
    throw new Error(
      'corroborate: wink-nlp was loaded before src/claims/tagging.ts could make its lexicon resettable; load it only through tagText',
    );
  const cachePath = join(dirname(winkPath), 'cache.js');
  const makeCache = require(cachePath) as MakeCache;
  const cacheModule = require.cache[cachePath]!;
  cacheModule.exports = (model: Parameters<MakeCache>[0], featureFn: unknown): LexiconCache => {
    const tables = Object.values(model.features).filter(
      (f): f is FeatureTable => Array.isArray(f.list) && f.hash !== undefined && typeof f.index === 'number',
    );
    const loaded = tables.map((t) => t.list.length);
    const cache = makeCache(model, featureFn);
    restoreLexicon = () => {
      let grown = false;
      tables.forEach((table, i) => {
        const length = loaded[i]!;
        for (let k = length; k < table.list.length; k += 1) delete table.hash[table.list[k] as string];
        if (table.list.length > length) grown = true;
        table.list.length = length;
        table.index = length;
      });
      if (grown) Object.assign(cache, makeCache(model, featureFn));
    };
    return cache;
  };
  try {
    const makeNlp = require('wink-nlp') as typeof winkNLP;
    nlp = makeNlp(require('wink-eng-lite-web-model') as Parameters<typeof winkNLP>[0]);
  } finally {
    cacheModule.exports = makeCache;
  }
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
  let words: string[];
  let tags: string[];
  try {
    const doc = engine.readDoc(text.replace(LONG_RUN, (run) => run.slice(0, MAX_TOKEN_CHARS) + ' '.repeat(run.length - MAX_TOKEN_CHARS)));
    words = doc.tokens().out() as string[];
    tags = doc.tokens().out(engine.its.pos) as string[];
  } finally {
    restoreLexicon();
  }
  const tokens: TaggedToken[] = [];
  let cursor = 0;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    const at = text.indexOf(word, cursor);
    if (at < 0 || at - cursor > ALIGN_WINDOW) continue; // wink normalized it; skip rather than misalign
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
