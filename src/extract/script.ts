// Chinese and Japanese are written without spaces and carry more per character than alphabetic
// scripts: length rules (too short, words in a line, block length) weigh their characters.

/** A CJK character carries about as much as this many Latin letters (a word is ~1.5 characters, not ~6). */
export const CJK_CHAR_WEIGHT = 3;
/** A Chinese or Japanese word averages about this many characters. */
export const CJK_CHARS_PER_WORD = 1.5;

/** Kana and CJK ideographs (the unified block and extension A), by UTF-16 code unit. */
export function isCjk(code: number): boolean {
  return code >= 0x3040 && (code <= 0x30ff || (code >= 0x3400 && code <= 0x9fff));
}
