// What a blob of bytes is, judged from its first bytes: gzip, WARC, a feed, JSONL, HTML, text,
// or something we refuse (binary, empty). Cheap: looks at a prefix only.

/** How many leading bytes sniffing looks at: enough for an XML prolog plus a root element. */
const SNIFF_BYTES = 4096;
/** Share of control bytes above which a prefix is binary, not text in some 8-bit encoding. */
const MAX_CONTROL_SHARE = 0.1;

export type Kind = 'gzip' | 'warc' | 'feed' | 'jsonl' | 'html' | 'text' | 'binary' | 'empty';

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

/** True when the prefix is a known binary format or full of control bytes (UTF-16 text included: we refuse it only when it has no BOM). */
export function looksBinary(prefix: Uint8Array): boolean {
  if (BINARY_MAGIC.some((magic) => startsWith(prefix, magic))) return true;
  // A UTF-16 BOM is text, and extraction decodes it.
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) return false;
  let control = 0;
  for (const b of prefix) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) control++;
  }
  return prefix.length > 0 && control / prefix.length > MAX_CONTROL_SHARE;
}

/** The kind of an (already decompressed) prefix; `name` is the path or URL, for extension hints. */
export function sniff(bytes: Uint8Array, name = ''): Kind {
  if (isGzip(bytes)) return 'gzip';
  const prefix = bytes.subarray(0, SNIFF_BYTES);
  if (looksBinary(prefix)) return 'binary';
  const head = new TextDecoder('latin1')
    .decode(prefix)
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart();
  if (head.length === 0) return 'empty';
  if (head.startsWith('WARC/')) return 'warc';
  const lower = head.slice(0, 2048).toLowerCase();
  const markup = lower.replace(/^(<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, '');
  if (/^<(rss|feed|rdf:rdf)[\s>]/.test(markup)) return 'feed';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(name)) return 'jsonl';
  if (head.startsWith('{') && /^\{[^\n]*\}\s*(\n|$)/.test(head) && /"(html|text|url)"\s*:/.test(head.split('\n')[0] ?? '')) return 'jsonl';
  if (/^<(!doctype\s+html|html|head|body|meta|title|article|div|p)[\s>]/.test(markup) || /\.x?html?$/i.test(name)) return 'html';
  if (/<(html|body|p|div|article)[\s>]/.test(lower) && /<\/(p|div|body|html)>/.test(lower)) return 'html';
  return 'text';
}

/** True when the whole text is whitespace. */
export function isBlank(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x0c) return false;
  return true;
}
