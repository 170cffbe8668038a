// What a blob of bytes is, judged from its first bytes: gzip, WARC, a feed, JSONL, HTML, text,
// or something we refuse (binary, empty). Cheap: looks at a prefix only.

/** How many leading bytes sniffing looks at: enough for an XML prolog plus a root element. */
const SNIFF_BYTES = 4096;
/** Share of control bytes above which a prefix is binary, not text in some 8-bit encoding. */
const MAX_CONTROL_SHARE = 0.1;

export type Kind = 'gzip' | 'utf-16le' | 'utf-16be' | 'warc' | 'feed' | 'jsonl' | 'html' | 'text' | 'binary' | 'empty';

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
 * The byte order of UTF-16 text: by its byte-order mark, or without one by its shape: every code
 * unit read in that order is a character text holds (no control character, no lone surrogate),
 * and enough of them are ASCII, which only that order shows (ASCII text read as UTF-16 is all
 * CJK-looking units, none of them ASCII). Null for anything else.
 */
export function utf16Order(prefix: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (prefix[0] === 0xff && prefix[1] === 0xfe) return 'utf-16le';
  if (prefix[0] === 0xfe && prefix[1] === 0xff) return 'utf-16be';
  const units = Math.floor(prefix.length / 2);
  if (units < 4) return null;
  const fits = (littleEndian: boolean): boolean => {
    let ascii = 0;
    // The last unit may be half of a surrogate pair cut by the prefix: not judged.
    for (let i = 0; i < units - 1; i++) {
      const [low, high] = littleEndian ? [prefix[2 * i]!, prefix[2 * i + 1]!] : [prefix[2 * i + 1]!, prefix[2 * i]!];
      const unit = (high << 8) | low;
      if (unit < 0x20 ? unit !== 0x09 && unit !== 0x0a && unit !== 0x0d && unit !== 0x0c : unit >= 0x7f && unit <= 0x9f) return false;
      if (unit >= 0xfffe) return false;
      if (unit >= 0xd800 && unit <= 0xdbff) {
        const next = littleEndian ? prefix[2 * i + 3]! : prefix[2 * i + 2]!;
        if (next < 0xdc || next > 0xdf) return false;
        i++;
      } else if (unit >= 0xdc00 && unit <= 0xdfff) return false;
      if (high === 0 && unit < 0x7f) ascii++;
    }
    return ascii >= Math.max(MIN_UTF16_ASCII_UNITS, MIN_UTF16_ASCII_SHARE * units);
  };
  const le = fits(true);
  const be = fits(false);
  return le === be ? null : le ? 'utf-16le' : 'utf-16be';
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
  const markup = lower.replace(/^(<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, '');
  if (/^<(rss|feed|rdf:rdf)[\s>]/.test(markup)) return 'feed';
  if (/^<(!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>]/.test(markup) || /\.x?html?$/i.test(name)) return 'html';
  if (/<(html|body|p|div|article)[\s>]/.test(lower) && /<\/(p|div|body|html)>/.test(lower)) return 'html';
  return 'text';
}

/** True when the whole text is whitespace. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) return false;
  return true;
}
