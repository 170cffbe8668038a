// Text the commands print comes from pages anyone can write, and a terminal obeys what it is
// sent: an escape sequence in a title can retitle the window, clear the screen, move the cursor
// over earlier output or, in some terminals, write to the clipboard. Text printed for people goes
// through `forTerminal` (or `oneLine`); JSON goes through `jsonText`, which escapes what
// JSON.stringify leaves raw.

/**
 * Whole escape sequences, 7-bit and 8-bit: CSI (ESC [ or U+009B, parameters, a final byte);
 * strings (OSC, DCS, SOS, PM, APC: ESC ] P X ^ _ or U+009D U+0090 U+0098 U+009E U+009F) up to
 * their terminator, when it comes within STRING_MAX characters on the same line; other ESC
 * sequences (ESC c, ESC ( B). An unterminated string loses only its introducer (below), so the
 * rest of an article is not swallowed. Every repetition stops at the next introducer: linear.
 */
const ESCAPE_SEQUENCE =
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x90\x98\x9b-\x9f\n]{0,4096}(?:\x07|\x1b\\|\x9c)|\x1b[\x20-\x2f]*[\x30-\x7e]/g;
/** What is left of control characters once whole sequences are gone: C0 but tab and newline, DEL, C1. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** The text without escape sequences or control characters; tabs and newlines kept. */
export function forTerminal(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** `forTerminal` on one line: every run of white space (newlines, tabs) one space, trimmed. */
export function oneLine(text: string): string {
  return forTerminal(text).replace(/\s+/g, ' ').trim();
}

/** Characters JSON.stringify leaves raw that a terminal may act on (DEL, C1) or a JavaScript parser may choke on (U+2028, U+2029). */
const JSON_RAW = /[\x7f-\x9f\u2028\u2029]/g;

/** JSON.stringify with every control character escaped: safe to print, and the same value when parsed. */
export function jsonText(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
