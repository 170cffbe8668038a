// What a blob of bytes is, judged from its first bytes: gzip, WARC, a feed, JSONL, HTML, text,
// or something we refuse (binary, empty). Cheap: looks at a prefix only.

/** How many leading bytes sniffing looks at: enough for an XML prolog plus a root element. */
const SNIFF_BYTES = 4096;
/** Share of control bytes above which a prefix is binary, not text in some 8-bit encoding. */
const MAX_CONTROL_SHARE = 0.1;

export type Kind = 'gzip' | 'utf-16le' | 'utf-16be' | 'warc' | 'feed' | 'jsonl' | 'html' | 'xml' | 'text' | 'binary' | 'empty';

/** Least share of UTF-16 code units that are ASCII (a zero high byte) for text without a BOM: spaces and digits alone make more. */
const MIN_UTF16_ASCII_SHARE = 0.05;
/** And least count of them: a stray NUL or two in UTF-8 text ("{\0" reads as the unit "{") is not UTF-16. */
const MIN_UTF16_ASCII_UNITS = 8;

/** File signatures of common binary formats: a match is binary whatever follows. */
const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP, DOCX, XLSX
  [0x7f, 0x45, 0x4c, 0x46], // ELF
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x52, 0x49, 0x46, 0x46], // RIFF (WebP, WAV)
];

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** True when the prefix is a known binary format or full of control bytes (ask `utf16Order` first: UTF-16 text is full of them). */
export function looksBinary(prefix: Uint8Array): boolean {
  if (BINARY_MAGIC.some((magic) => startsWith(prefix, magic))) return true;
  let control = 0;
  for (const b of prefix) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return prefix.length > 0 && control / prefix.length > MAX_CONTROL_SHARE;
}

/**
 * Blocks of code points that running text is written in: ASCII and Latin, Greek, Cyrillic, Hebrew,
 * Arabic, Devanagari, Thai, punctuation and currency signs, CJK punctuation, kana, CJK ideographs,
 * full-width forms. UTF-16 read in the wrong byte order lands mostly elsewhere. Hangul is left out:
 * GB2312's common characters read as UTF-16 land there, and Korean, written with spaces, is told
 * by its ASCII.
 */
const TEXT_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0009, 0x000d],
  [0x0020, 0x007e],
  [0x00a0, 0x024f],
  [0x0370, 0x06ff],
  [0x0900, 0x097f],
  [0x0e00, 0x0e7f],
  [0x2000, 0x20bf],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
];
/** Share of a byte order's code units in TEXT_BLOCKS that makes text without ASCII UTF-16 (Chinese, Japanese, Korean). */
const MIN_UTF16_TEXT_SHARE = 0.9;
/** And how much ahead of the other order it must be: a real text scores near 1, its swapped reading near 0.3-0.5. */
const MIN_UTF16_ORDER_LEAD = 0.3;
/**
 * Least share of units whose low byte is under 0x40. A code point's low byte is spread over all
 * 256 values (and "、" "。" are U+3001, U+3002), while the double-byte legacy encodings (Shift_JIS,
 * GBK, Big5, EUC) and UTF-8 never put a byte under 0x40 second in a character: their text read
 * as UTF-16 has next to none.
 */
const MIN_UTF16_LOW_BYTE_SHARE = 0.05;

const inTextBlock = (unit: number) => TEXT_BLOCKS.some(([from, to]) => unit >= from && unit <= to);

/** How a prefix reads in one byte order: null when a unit is one text never holds, else its ASCII and text-block counts. */
function readAsUtf16(prefix: Uint8Array, units: number, littleEndian: boolean): { ascii: number; text: number; lowBytes: number } | null {
  let ascii = 0;
  let text = 0;
  let lowBytes = 0;
  // The last unit may be half of a surrogate pair cut by the prefix: not judged.
  for (let i = 0; i < units - 1; i++) {
    const [low, high] = littleEndian ? [prefix[2 * i]!, prefix[2 * i + 1]!] : [prefix[2 * i + 1]!, prefix[2 * i]!];
    const unit = (high << 8) | low;
    if (unit < 0x20 ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c : unit >= 0x7f && unit <= 0x9f) return null;
    if (unit >= 0xfffe) return null;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = littleEndian ? prefix[2 * i + 3]! : prefix[2 * i + 2]!;
      if (next < 0xdc || next > 0xdf) return null;
      i++;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return null;
    if (high === 0 && unit < 0x7f) ascii++;
    if (inTextBlock(unit)) text++;
    if (low < 0x40) lowBytes++;
  }
  return { ascii, text, lowBytes };
}

/**
 * The byte order of UTF-16 text: by its byte-order mark, or without one by its shape: every code
 * unit read in that order is a character text holds (no control character, no lone surrogate),
 * and enough of them are ASCII, which only that order shows (ASCII text read as UTF-16 is all
 * CJK-looking units, none of them ASCII). Text with little or no ASCII (Chinese, Japanese, Korean)
 * is told by script instead: nearly every unit in the blocks text is written in, and clearly more
 * than in the other order (where "一", U+4E00, reads as "N" and would pass for ASCII). Null for
 * anything else.
 */
export function utf16Order(prefix: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  const units = Math.floor(prefix.length / 2);
  if (units < 4) return null;
  const le = readAsUtf16(prefix, units, true);
  const be = readAsUtf16(prefix, units, false);
  const share = (reading: { text: number; lowBytes: number } | null) =>
    reading && reading.lowBytes >= MIN_UTF16_LOW_BYTE_SHARE * (units - 1) ? reading.text / (units - 1) : 0;
  const [leShare, beShare] = [share(le), share(be)];
  if (leShare >= MIN_UTF16_TEXT_SHARE && leShare - beShare >= MIN_UTF16_ORDER_LEAD) return 'utf-16le';
  if (beShare >= MIN_UTF16_TEXT_SHARE && beShare - leShare >= MIN_UTF16_ORDER_LEAD) return 'utf-16be';
  const asciiEnough = (reading: { ascii: number } | null) =>
    reading !== null && reading.ascii >= Math.max(MIN_UTF16_ASCII_UNITS, MIN_UTF16_ASCII_SHARE * units);
  const [leFits, beFits] = [asciiEnough(le), asciiEnough(be)];
  return leFits === beFits ? null : leFits ? 'utf-16le' : 'utf-16be';
}

/** The kind of an (already decompressed) prefix; `name` is the path or URL, for extension hints. */
export function sniff(bytes: Uint8Array, name = ''): Kind {
  if (isGzip(bytes)) return 'gzip';
  const prefix = bytes.subarray(0, SNIFF_BYTES);
  if (BINARY_MAGIC.some((magic) => startsWith(prefix, magic))) return 'binary';
  const head = new TextDecoder('latin1')
    .decode(prefix)
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  // Containers before the binary test: a WARC holds images, and a NUL byte in one JSON line
  // makes that line bad, not the file. Neither can be UTF-16, whose ASCII is NUL-interleaved.
  if (head.startsWith('WARC/')) return 'warc';
  if (head.startsWith('{') && /^\{[^\n]*\}\s*(\n|$)/.test(head) && /"(html|text|url)"\s*:/.test(head.split('\n')[0] ?? '')) return 'jsonl';
  const utf16 = utf16Order(prefix);
  if (utf16) return utf16;
  if (head.length === 0) return 'empty';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(name)) return 'jsonl';
  if (looksBinary(prefix)) return 'binary';
  const lower = head.slice(0, 2048).toLowerCase();
  const prolog = lower.replace(/^(<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, '');
  // A document type before the root ("<!DOCTYPE rss PUBLIC ...>" of RSS 0.91, or one declaring
  // entities) names the root, whether or not its internal subset ends within the prefix.
  const doctype = /^<!doctype\s+([\w:.-]+)/.exec(prolog);
  const markup = prolog.replace(/^<!doctype[^[>]*(\[[\s\S]*?\])?\s*>\s*/, '').replace(/^(<!--[\s\S]*?-->\s*)+/, '');
  const root = /^<([\w:.-]+)[\s>/]/.exec(markup)?.[1] ?? doctype?.[1] ?? null;
  if (root && /^(rss|feed|rdf:rdf)$/.test(root)) return 'feed';
  if (/^<(!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>]/.test(prolog) || /\.x?html?$/i.test(name)) return 'html';
  if (/<(html|body|p|div|article)[\s>]/.test(lower) && /<\/(p|div|body|html)>/.test(lower)) return 'html';
  // Declared XML, or a document type, that is neither a feed nor a page: a sitemap, an SVG, data.
  if (root && (/^<\?xml\s/.test(lower) || doctype)) return 'xml';
  return 'text';
}

/** True when the whole text is whitespace. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) return false;
  return true;
}
