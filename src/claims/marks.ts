// Step 1 of quotes: find quotation-mark pairs in the text. Double marks (straight, curly, guillemets)
// at the top level; single marks only outside double ones (headlines, British style), since inside a
// double quote they are nested quotes and belong to its content. A quote left open at the end of a
// paragraph continues when the next paragraph opens with a mark (the newspaper convention), or when
// the next paragraphs carry no mark until one whose first mark closes a quote (texts that put each
// sentence of a statement on a line of its own: `"I was stopped.` / `I don't think ...` / `... innocence."`).

/** One stretch of quoted content between its marks, inside one paragraph. */
export interface QuotePiece {
  /** Offset of the opening mark. */
  readonly open: number;
  /** Offset just after the closing mark (or the paragraph end when the mark is missing). */
  readonly close: number;
  /** The content, marks excluded. */
  readonly start: number;
  readonly end: number;
  readonly closed: boolean;
  readonly single: boolean;
}

/** A quotation, possibly running over several paragraphs. */
export interface QuoteRun {
  readonly pieces: readonly QuotePiece[];
}

const OPEN_DOUBLE = new Set(['“', '„', '«', '‟']);
const CLOSE_DOUBLE = new Set(['”', '»']);
const OPEN_SINGLE = new Set(['‘', "'", '‚']);
const CLOSE_SINGLE = new Set(['’', "'"]);

/** Characters after which a straight mark opens a quote rather than closes one. */
const BEFORE_OPENING = /[\s([{\u2014\u2013\-/:;>]/;
/** Elisions that start with an apostrophe and are no quotation: 'em, '90s, 'tis, 'n'. */
const LEADING_ELISION = /^'(?:em|tis|twas|n|cause|til|bout|\d0s|\d\d\b)/i;

/** Paragraph spans of `text`: separated by blank lines or single newlines, like src/sentences. */
export function paragraphSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim()) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

/** Paragraphs without any mark that may stand between an open quote and the paragraph that closes it. */
const MAX_UNMARKED_CONTINUATION = 10;

export function findQuoteRuns(text: string): QuoteRun[] {
  const runs: QuoteRun[] = [];
  const paragraphs = paragraphSpans(text);
  let pending: QuotePiece[] | null = null; // a run still open at the previous paragraph end
  for (let p = 0; p < paragraphs.length; p += 1) {
    const [pStart, pEnd] = paragraphs[p]!;
    const continued = pending !== null && continuesOpenQuote(text, paragraphs, p);
    const pieces = scanParagraph(text, pStart, pEnd, continued);
    const first = pieces[0];
    if (pending && continued && first) {
      pending.push(first);
      pieces.shift();
      if (first.closed) {
        runs.push({ pieces: pending });
        pending = null;
      }
    } else if (pending && first && !first.single && first.open === firstNonSpace(text, pStart)) {
      pending.push(first);
      pieces.shift();
      if (first.closed) {
        runs.push({ pieces: pending });
        pending = null;
      }
    } else if (pending) {
      runs.push({ pieces: pending });
      pending = null;
    }
    for (const piece of pieces) {
      if (!piece.closed && !piece.single && piece === pieces[pieces.length - 1]) pending = [piece];
      else runs.push({ pieces: [piece] });
    }
  }
  if (pending) runs.push({ pieces: pending });
  return runs.sort((a, b) => a.pieces[0]!.open - b.pieces[0]!.open);
}

function firstNonSpace(text: string, from: number): number {
  while (from < text.length && /\s/.test(text[from]!)) from += 1;
  return from;
}

const DOUBLE_MARK = /["“”„«»‟]/;

/**
 * True when paragraph `p` carries on a quote left open before it: it and up to
 * MAX_UNMARKED_CONTINUATION more paragraphs hold no mark, and then the first mark of a paragraph
 * closes a quote rather than opening one. A paragraph that opens with a mark starts a new stretch.
 */
function continuesOpenQuote(text: string, paragraphs: readonly [number, number][], p: number): boolean {
  for (let j = p; j < paragraphs.length && j <= p + MAX_UNMARKED_CONTINUATION; j += 1) {
    const [start, end] = paragraphs[j]!;
    let at = start;
    while (at < end && !DOUBLE_MARK.test(text[at]!)) at += 1;
    if (at === end) continue;
    return at !== firstNonSpace(text, start) && closesQuote(text, at, end);
  }
  return false;
}

/**
 * A double mark that closes: `”`, or a straight or reversed mark after the words it closes and
 * before a space, punctuation or the paragraph end (`innocence."`, tokenised `stop . "`, `orchestra “,`).
 */
function closesQuote(text: string, at: number, end: number): boolean {
  const ch = text[at]!;
  if (ch === '”' || ch === '»') return true;
  const after = at + 1 < end ? text[at + 1]! : ' ';
  if (!/[\s,.;:!?)]/.test(after)) return false;
  const before = text.slice(Math.max(0, at - 2), at);
  return /\S$/.test(before) || /[.,!?…;:]\s$/.test(before) || /[,.;:]/.test(after);
}

/** ", the two men said in a statement." closing a paragraph whose quote was never closed: a speech verb within a few words after the comma, no mark after it. */
const UNMARKED_ATTRIBUTION = /,(?=\s+(?:[\p{L}.'’-]+\s+){1,5}(?:said|says|told|added|wrote|explained)\b[^"“”,]{0,60}$)/u;

/**
 * The quotation pieces of one paragraph. `continued`: the paragraph carries on a quote opened
 * before it, so its text is quoted from its first character to its first closing mark.
 */
function scanParagraph(text: string, pStart: number, pEnd: number, continued = false): QuotePiece[] {
  const pieces: QuotePiece[] = [];
  let openAt = continued ? pStart : -1;
  let virtualOpen = continued;
  const close = (at: number, closed: boolean) => {
    pieces.push(virtualOpen ? { ...piece(openAt, at, closed, false, text), start: openAt } : piece(openAt, at, closed, false, text));
    virtualOpen = false;
    openAt = -1;
  };
  for (let i = pStart; i < pEnd; i += 1) {
    const ch = text[i]!;
    const before = i > pStart ? text[i - 1]! : ' ';
    const after = i + 1 < pEnd ? text[i + 1]! : ' ';
    if (virtualOpen && DOUBLE_MARK.test(ch)) {
      close(i + 1, true);
      continue;
    }
    if (ch === '"') {
      if (openAt < 0) {
        if (BEFORE_OPENING.test(before) || i === pStart || !/\s/.test(after)) openAt = i;
      } else {
        close(i + 1, true);
      }
    } else if (OPEN_DOUBLE.has(ch)) {
      // a closing mark typed as an opening one: after a word, or right before a comma or stop
      if (openAt >= 0 && ((!/\s/.test(before) && (/[\s.,;:!?)]/.test(after) || i + 1 === pEnd)) || /[,.;:]/.test(after))) {
        close(i + 1, true);
      } else {
        if (openAt >= 0 && i > openAt + 1) close(i, false);
        openAt = i;
      }
    } else if (CLOSE_DOUBLE.has(ch)) {
      if (openAt >= 0) {
        close(i + 1, true);
      } else if (/\s/.test(before) && /[\p{L}\p{N}]/u.test(after)) {
        openAt = i; // an opening mark typed as a closing one
      }
    }
  }
  if (openAt >= 0 && (pEnd > openAt + 1 || virtualOpen)) {
    // `"By rolling back ... the law, the two men said in a statement.` with its closing mark
    // left out: the attribution closing the paragraph is not the speaker's words.
    const tail = UNMARKED_ATTRIBUTION.exec(text.slice(openAt + 1, pEnd));
    if (tail) close(openAt + 1 + tail.index + 1, true);
    else close(pEnd, false);
  }
  return [...pieces, ...scanSingles(text, pStart, pEnd, pieces)].sort((a, b) => a.open - b.open);
}

/** Single-quoted stretches outside every double-quoted piece. */
function scanSingles(text: string, pStart: number, pEnd: number, doubles: readonly QuotePiece[]): QuotePiece[] {
  const found: QuotePiece[] = [];
  // The double-quoted pieces are in order and apart, and i only grows: one pass over them, not
  // one per character (a long paragraph of quotes was quadratic).
  let next = 0;
  const inside = (i: number) => {
    while (next < doubles.length && doubles[next]!.close <= i) next += 1;
    return next < doubles.length && i >= doubles[next]!.open;
  };
  let openAt = -1;
  for (let i = pStart; i < pEnd; i += 1) {
    const ch = text[i]!;
    if (inside(i)) {
      openAt = -1;
      continue;
    }
    const before = i > pStart ? text[i - 1]! : ' ';
    const after = i + 1 < pEnd ? text[i + 1]! : ' ';
    if (openAt < 0) {
      if (OPEN_SINGLE.has(ch) && (i === pStart || BEFORE_OPENING.test(before)) && /[\p{L}\p{N}]/u.test(after)) {
        if (!LEADING_ELISION.test(text.slice(i, i + 6))) openAt = i;
      }
    } else if (CLOSE_SINGLE.has(ch) && !/\s/.test(before) && !/[\p{L}\p{N}]/u.test(after)) {
      // "the players' union": a plural possessive, not a closing mark, when a lower-case noun follows
      const rest = text.slice(i + 1, i + 24);
      const possessive = before === 's' && /^ [a-z]/.test(rest) && !/^ (?:he|she|they|we|i|said|says|told|added)\b/.test(rest);
      if (!possessive) {
        found.push(piece(openAt, i + 1, true, true, text));
        openAt = -1;
      }
    }
  }
  return found;
}

function piece(open: number, close: number, closed: boolean, single: boolean, text: string): QuotePiece {
  let start = open + 1;
  let end = closed ? close - 1 : close;
  while (start < end && /\s/.test(text[start]!)) start += 1;
  while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
  return { open, close, start, end, closed, single };
}
