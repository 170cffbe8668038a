// ROUGE-LSum as the Web Content Extraction Benchmark scores a page (Bevendorff et al., SIGIR 2023:
// Google's rouge-score `RougeScorer(['rougeLsum'], split_summaries=True)` with a whitespace
// tokenizer). Gold and prediction are split into sentences; for each gold sentence the union of its
// LCS positions against every predicted sentence counts as hits while unused copies of the token
// remain on both sides. P = hits / predicted tokens, R = hits / gold tokens.
//
// Sentences: rouge-score uses NLTK's punkt; this is a rule splitter in its spirit (a token ending in
// . ! ? or … ends a sentence unless it is an initial or a common abbreviation; line breaks do not
// split). On WCEB's Readability pages it reproduces the published per-page trafilatura scores
// within a few thousandths (see BENCHMARKS.md).

export interface PageScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** Abbreviations punkt learns not to split after (its English model holds these and more). */
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sr jr st mt vs etc inc ltd co corp gen gov sen rep col lt sgt capt cmdr adm jan feb mar apr jun jul aug sep sept oct nov dec no vol fig e.g i.e u.s u.k a.m p.m approx dept est'.split(
    ' ',
  ),
);
const SENTENCE_END = /[.!?…]["'”’»)\]]*$/;

/** Whitespace tokens per sentence. */
export function sentenceTokens(text: string): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (!token) continue;
    current.push(token);
    if (SENTENCE_END.test(token) && !isAbbreviation(token)) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

function isAbbreviation(token: string): boolean {
  if (!token.endsWith('.')) return false;
  const bare = token.replace(/^["'“‘([]+/, '').slice(0, -1);
  // An initial ("J.") or a letter-dotted short form ("U.S.") is not a sentence end.
  if (/^\p{L}$/u.test(bare) || /^(\p{L}\.)+\p{L}$/u.test(bare)) return true;
  return ABBREVIATIONS.has(bare.toLowerCase());
}

/** Token ids, so the LCS compares integers. */
function encode(sentences: string[][], ids: Map<string, number>): Int32Array[] {
  return sentences.map((sentence) => {
    const out = new Int32Array(sentence.length);
    for (let i = 0; i < sentence.length; i++) {
      const token = sentence[i]!;
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      out[i] = id;
    }
    return out;
  });
}

/** Positions in `ref` of one longest common subsequence with `can`, backtracked as rouge-score does. */
function lcsPositions(ref: Int32Array, can: Int32Array, into: Set<number>, table: Int32Array): void {
  const cols = can.length + 1;
  for (let j = 0; j < cols; j++) table[j] = 0;
  for (let i = 1; i <= ref.length; i++) {
    const row = i * cols;
    table[row] = 0;
    const r = ref[i - 1]!;
    for (let j = 1; j <= can.length; j++) {
      table[row + j] = r === can[j - 1] ? table[row - cols + j - 1]! + 1 : Math.max(table[row - cols + j]!, table[row + j - 1]!);
    }
  }
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      into.add(i - 1);
      i--;
      j--;
    } else if (table[i * cols + j - 1]! > table[(i - 1) * cols + j]!) j--;
    else i--;
  }
}

export function rougeLsum(gold: string, predicted: string): PageScore {
  const ids = new Map<string, number>();
  const ref = encode(sentenceTokens(gold), ids);
  const can = encode(sentenceTokens(predicted), ids);
  const m = ref.reduce((n, s) => n + s.length, 0);
  const n = can.reduce((k, s) => k + s.length, 0);
  // WCEB's rule: an empty gold is recall 1, and a perfect page when the prediction is empty too.
  if (m === 0) return n === 0 ? { precision: 1, recall: 1, f1: 1 } : { precision: 0, recall: 1, f1: 0 };
  if (n === 0) return { precision: 0, recall: 0, f1: 0 };
  const refCounts = new Int32Array(ids.size);
  const canCounts = new Int32Array(ids.size);
  for (const s of ref) for (const t of s) refCounts[t]!++;
  for (const s of can) for (const t of s) canCounts[t]!++;
  // Which predicted sentences hold a token: a pair sharing none has an empty LCS.
  const holders: number[][] = Array.from({ length: ids.size }, () => []);
  can.forEach((s, index) => {
    for (const t of s) {
      const list = holders[t]!;
      if (list[list.length - 1] !== index) list.push(index);
    }
  });
  const longest = Math.max(...ref.map((s) => s.length)) + 1;
  const widest = Math.max(...can.map((s) => s.length)) + 1;
  const table = new Int32Array(longest * widest);
  let hits = 0;
  const seen = new Uint8Array(can.length);
  for (const r of ref) {
    const partners: number[] = [];
    for (const t of r) {
      for (const index of holders[t]!) {
        if (!seen[index]) {
          seen[index] = 1;
          partners.push(index);
        }
      }
    }
    for (const index of partners) seen[index] = 0;
    const union = new Set<number>();
    for (const index of partners) lcsPositions(r, can[index]!, union, table);
    for (const position of [...union].sort((a, b) => a - b)) {
      const t = r[position]!;
      if (canCounts[t]! > 0 && refCounts[t]! > 0) {
        hits++;
        canCounts[t]!--;
        refCounts[t]!--;
      }
    }
  }
  const precision = hits / n;
  const recall = hits / m;
  return { precision, recall, f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0 };
}
