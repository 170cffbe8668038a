// Transcripts: "TAPPER: Do you think ...?" / "FALLIN: I think ..." — lines that open with a speaker
// label and a colon are verbatim speech even without quotation marks. A label line alone is often
// a heading ("UPDATE: ...", "HUFFPOLLSTER: ..."), so only a run of lines with at least two
// different speakers counts as a transcript.

export interface TranscriptLine {
  readonly label: string;
  readonly labelStart: number;
  readonly labelEnd: number;
  readonly start: number;
  readonly end: number;
}

/** "JAKE TAPPER:", "TRUMP:", "Sen. Warren:", at the start of a line, then the words spoken. */
const LABEL_LINE = /^([A-Z][A-Z.'’ -]{1,30}|(?:[A-Z][a-z]+\.? ){0,2}[A-Z][a-z]+):[ \t]+(\S.*)$/gm;
/** Labels that head news items rather than name a speaker. */
const NOT_SPEAKERS =
  /^(?:UPDATE|UPDATED|NOTE|EDITOR'?S NOTE|WATCH|READ MORE|READ|PHOTOS?|VIDEO|BREAKING|EXCLUSIVE|RELATED|SOURCE|CORRECTION|ALSO|WARNING|Q|A|Update|Note|Watch|Related|Source|Photo|Video|Read|Also|Correction)$/;
/** A transcript has at least this many labelled lines ... */
const MIN_LINES = 3;
/** ... from at least this many different speakers. */
const MIN_SPEAKERS = 2;
/** Lines of narration allowed between two labelled lines of one transcript. */
const MAX_GAP_LINES = 1;

export function findTranscriptLines(text: string): TranscriptLine[] {
  const lines: (TranscriptLine & { line: number })[] = [];
  const lineStarts = [...text.matchAll(/^/gm)].map((m) => m.index!);
  LABEL_LINE.lastIndex = 0;
  for (let m = LABEL_LINE.exec(text); m; m = LABEL_LINE.exec(text)) {
    const label = m[1]!.trim();
    if (NOT_SPEAKERS.test(label) || /["“”]/.test(m[2]!)) continue;
    const start = m.index + m[0].length - m[2]!.length;
    let end = m.index + m[0].length;
    while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
    const line = lineStarts.filter((s) => s <= m!.index).length;
    lines.push({ label, labelStart: m.index, labelEnd: m.index + label.length, start, end, line });
  }
  // Group lines that follow each other (blank lines and a short narration gap allowed).
  const out: TranscriptLine[] = [];
  let group: typeof lines = [];
  const flush = () => {
    if (group.length >= MIN_LINES && new Set(group.map((l) => l.label)).size >= MIN_SPEAKERS) {
      out.push(...group.map(({ line: _line, ...rest }) => rest));
    }
    group = [];
  };
  for (const l of lines) {
    const previous = group[group.length - 1];
    if (previous && nonBlankLinesBetween(text, lineStarts, previous.line, l.line) > MAX_GAP_LINES) flush();
    group.push(l);
  }
  flush();
  return out;
}

function nonBlankLinesBetween(text: string, lineStarts: readonly number[], a: number, b: number): number {
  let n = 0;
  for (let line = a + 1; line < b; line += 1) {
    const from = lineStarts[line - 1]!;
    const to = lineStarts[line] ?? text.length;
    if (text.slice(from, to).trim()) n += 1;
  }
  return n;
}
