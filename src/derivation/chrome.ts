// Page chrome that survives into a text (plain-text and JSONL inputs are not cleaned by the
// extract stage): a video playlist or a list of related headlines, a photo caption or credit, a copyright or
// sign-up line. Outlets put the same chrome on every page, so two unrelated articles of one outlet
// share it word for word; it is never evidence that one was written from the other.
//
// A single short line is left alone: a shared headline is real reuse (a copy keeps it). Only runs
// of list lines, and lines of known boilerplate, are chrome.

/** Lines of known boilerplate: copyright, rights, sign-up, "watch", "read more", photo credits. */
const BOILERPLATE =
  /^\s*(?:©|\(c\)\s|copyright\b|all rights reserved|this material may not be|sign up\b|subscribe\b|follow us\b|click here\b|watch (?:more|the|our)\b|more videos?\b|related(?: stories| coverage| videos?)?:|read (?:more|next)\b|also read\b|recommended\b|trending\b|advertisement\s*$|(?:photo|image|video|file photo)s?(?: credit)?\s*[:(]|\(?(?:photo|image)s? (?:by|courtesy|via)\b)|\b(?:getty images|shutterstock|all rights reserved)\b/i;
/**
 * An agency's standing lines, printed under every story of a beat whatever the story: the
 * coverage hub ("Follow AP's coverage of the war at https://apnews.com/hub/..."), the funding
 * note ("... receives financial support from ... foundations. AP is solely responsible for all
 * content."), the "___" rule before them.
 */
const STANDING_LINE =
  /^\s*(?:_{3,}\s*$|(?:follow|find|see|read)\s+(?:more\s+(?:of\s+)?)?(?:the\s+)?(?:ap|associated press|reuters|afp)(?:['’]s)?\s+(?:\w+\s+){0,6}coverage\b)|\bis solely responsible for all content\b|\breceives? (?:financial )?support from\b[^\n]{0,200}\b(?:foundations?|philanthrop\w*|trusts?)\b/i;
/**
 * Photo captions, which outlets running one agency's photo share word for word whatever their
 * stories: a paragraph ending with the photo's credit ("(AP Photo/Evan Vucci)", "(Photo: Jane
 * Doe/USA TODAY)", "REUTERS/Kevin Lamarque", "Credit...Doug Mills/The New York Times"), or an
 * agency's file-photo caption ("FILE - In this March 8, 2018 file photo, ...").
 */
const CAPTION =
  /\((?:AP|AFP|Reuters|REUTERS|EPA|PA|dpa|UPI|Xinhua|Anadolu)(?:\s+Photos?\b|\s*\/)[^)\n]*\)\s*$|\(Photos?:?\s[^)\n]*\)\s*$|\bREUTERS\/\p{Lu}[^\n]{0,60}$|\bCredit(?::|\.\.\.|…)\s?\S[^\n]{0,80}$|^\s*FILE\s*[-–—]\s*(?:In (?:this|a|an)\b|This\b|[^\n]{0,80}\bfile photo\b)/u;
/** A list line: short, without the stop a sentence of prose ends with. */
const MAX_LIST_LINE_WORDS = 16;
const SENTENCE_END = /[.!?:;"”’)]\s*$/;
/** This many list lines in a row make a list (a playlist, related headlines, a menu). */
const MIN_LIST_RUN = 3;

/** Character spans of chrome in a text, in order. */
export function chromeSpans(text: string): [number, number][] {
  const lines: { start: number; end: number; list: boolean; boilerplate: boolean }[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const end = start + line.length;
    const trimmed = line.trim();
    const words = trimmed === '' ? 0 : trimmed.split(/\s+/).length;
    lines.push({
      start,
      end,
      list: words > 0 && words <= MAX_LIST_LINE_WORDS && !SENTENCE_END.test(trimmed),
      boilerplate: words > 0 && (BOILERPLATE.test(trimmed) || CAPTION.test(trimmed) || STANDING_LINE.test(trimmed)),
    });
    start = end + 1;
  }
  const spans: [number, number][] = [];
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (line.boilerplate) {
      spans.push([line.start, line.end]);
      i++;
      continue;
    }
    if (!line.list) {
      i++;
      continue;
    }
    // A run of list lines (blank lines between them do not break it).
    let j = i;
    let count = 0;
    let last = i;
    while (j < lines.length) {
      const l = lines[j]!;
      if (l.end === l.start || text.slice(l.start, l.end).trim() === '') {
        j++;
        continue;
      }
      if (!l.list && !l.boilerplate) break;
      count++;
      last = j;
      j++;
    }
    if (count >= MIN_LIST_RUN) spans.push([line.start, lines[last]!.end]);
    i = last + 1;
  }
  // Neighbouring spans (a "Watch more videos" line before its list) are one block.
  const merged: [number, number][] = [];
  for (const span of spans) {
    const previous = merged[merged.length - 1];
    if (previous && text.slice(previous[1], span[0]).trim() === '') previous[1] = span[1];
    else merged.push([span[0], span[1]]);
  }
  return merged;
}
