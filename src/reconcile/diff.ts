// Word-level diff of two versions of a claim: the longest common subsequence of their words,
// read back as runs of same / dropped / added words; a dropped run directly followed (or preceded)
// by an added run is one substitution ("the volume of output" -> "output").
import type { WordChange } from '../records.js';
import type { Word } from './words.js';

type Key = (word: Word) => string;
const byNorm: Key = (w) => w.norm;

/** The LCS table of `a` against `b`, flattened: cell (i, j) = LCS length of a[i..] and b[j..]. */
function lcsTable(a: readonly string[], b: readonly string[]): Uint16Array {
  const width = b.length + 1;
  const table = new Uint16Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i] === b[j] ? table[(i + 1) * width + j + 1]! + 1 : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  return table;
}

/** Length of the longest common subsequence of the two word lists, compared by `key`. */
export function lcsLength(a: readonly Word[], b: readonly Word[], key: Key = byNorm): number {
  if (a.length === 0 || b.length === 0) return 0;
  // Two rolling rows: this is on the hot path of alignment.
  const bs = b.map(key);
  let prev = new Uint16Array(bs.length + 1);
  let next = new Uint16Array(bs.length + 1);
  for (let i = a.length - 1; i >= 0; i--) {
    const ai = key(a[i]!);
    for (let j = bs.length - 1; j >= 0; j--) {
      next[j] = ai === bs[j] ? prev[j + 1]! + 1 : Math.max(prev[j]!, next[j + 1]!);
    }
    [prev, next] = [next, prev];
  }
  return prev[0]!;
}

/** Length of the longest run of consecutive words the two lists share, compared by `key`. */
export function longestCommonRun(a: readonly Word[], b: readonly Word[], key: Key = byNorm): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bs = b.map(key);
  let prev = new Uint16Array(bs.length + 1);
  let next = new Uint16Array(bs.length + 1);
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = key(a[i]!);
    for (let j = 0; j < bs.length; j++) {
      next[j + 1] = ai === bs[j] ? prev[j]! + 1 : 0;
      if (next[j + 1]! > best) best = next[j + 1]!;
    }
    [prev, next] = [next, prev];
  }
  return best;
}

interface Step {
  readonly op: 'same' | 'dropped' | 'added';
  readonly word: Word;
}

/** The edit script turning `reference` into `version`, word by word. */
export function wordSteps(reference: readonly Word[], version: readonly Word[], key: Key = byNorm): Step[] {
  const a = reference.map(key);
  const b = version.map(key);
  const table = lcsTable(a, b);
  const width = b.length + 1;
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      steps.push({ op: 'same', word: version[j]! });
      i += 1;
      j += 1;
    } else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) {
      steps.push({ op: 'dropped', word: reference[i]! });
      i += 1;
    } else {
      steps.push({ op: 'added', word: version[j]! });
      j += 1;
    }
  }
  for (; i < a.length; i++) steps.push({ op: 'dropped', word: reference[i]! });
  for (; j < b.length; j++) steps.push({ op: 'added', word: version[j]! });
  return steps;
}

/** Words of a run as written, with their punctuation, and an editor's insertions back in their brackets. */
function spell(words: readonly Word[]): string {
  const out: string[] = [];
  words.forEach((w, i) => {
    const opens = w.editorial && !words[i - 1]?.editorial;
    const closes = w.editorial && !words[i + 1]?.editorial;
    const spelled = `${opens ? '[' : ''}${w.before ?? ''}${w.raw}${w.after ?? ''}${closes ? ']' : ''}`;
    if (w.glued && i > 0) out[out.length - 1] += spelled;
    else out.push(spelled);
  });
  return out.join(' ');
}

/** The diff people read: runs merged, a drop next to an addition shown as one substitution. */
export function wordDiff(reference: readonly Word[], version: readonly Word[]): WordChange[] {
  const steps = wordSteps(reference, version);
  const out: WordChange[] = [];
  let k = 0;
  while (k < steps.length) {
    const op = steps[k]!.op;
    if (op === 'same') {
      const run: Word[] = [];
      while (k < steps.length && steps[k]!.op === 'same') run.push(steps[k++]!.word);
      out.push({ op: 'same', text: spell(run) });
      continue;
    }
    const dropped: Word[] = [];
    const added: Word[] = [];
    while (k < steps.length && steps[k]!.op !== 'same') {
      const step = steps[k++]!;
      (step.op === 'dropped' ? dropped : added).push(step.word);
    }
    if (dropped.length && added.length) out.push({ op: 'substituted', text: spell(added), was: spell(dropped) });
    else if (dropped.length) out.push({ op: 'dropped', text: spell(dropped) });
    else out.push({ op: 'added', text: spell(added) });
  }
  return out;
}
