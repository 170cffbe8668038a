// Bytes to text without mojibake: a byte-order mark wins, then a charset declared outside the
// body (HTTP, WARC), then <meta charset> in the page, then valid UTF-8, then a statistical
// detector for undeclared legacy encodings. Never throws: invalid bytes become U+FFFD.
import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type * as Chardet from 'chardet';

// The detector is needed only for undeclared legacy encodings: load it then, not at start-up.
let chardet: typeof Chardet | null = null;
function detector(): typeof Chardet {
  chardet ??= createRequire(import.meta.url)('chardet') as typeof Chardet;
  return chardet;
}

/** How far into a page the HTML spec's prescan looks for <meta charset>. */
const META_PRESCAN_BYTES = 4096;
/** How many bytes the detector reads: enough statistics, bounded cost on large pages. */
const DETECT_BYTES = 64 * 1024;
/** Share of U+FFFD in a decoded text above which the declared charset is plainly wrong. */
const MAX_REPLACEMENT_SHARE = 0.005;

export interface Decoded {
  readonly text: string;
  /** The WHATWG label used, e.g. "utf-8", "windows-1251". */
  readonly charset: string;
  /** Where the charset came from. */
  readonly source: 'bom' | 'declared' | 'meta' | 'utf-8' | 'detected' | 'fallback';
}

/**
 * windows-1252's 0x80-0x9F (curly quotes, dashes, the euro sign). Node 20's TextDecoder decodes
 * windows-1252 (and its aliases latin1, ascii) as ISO-8859-1, which turns these bytes into
 * invisible C1 controls: mojibake in every Western page with typographic quotes.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f, 0x90, 0x2018,
  0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return /[\x80-\x9f]/.test(latin1)
    ? latin1.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!))
    : latin1;
}

/** Decodes with the decoder's encoding, correcting the one Node gets wrong. */
function decodeWith(decoder: InstanceType<typeof TextDecoder>, bytes: Uint8Array): string {
  return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
}

function decoderFor(label: string | undefined): InstanceType<typeof TextDecoder> | null {
  if (!label) return null;
  try {
    // UTF-16 declared in a <meta> of an ASCII-compatible page is a lie the spec tells us to ignore.
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return null;
}

/** The charset a page declares in its first bytes: <meta charset> or http-equiv Content-Type, or an XML prolog. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, META_PRESCAN_BYTES)).toString('latin1');
  const match = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return match?.[1]?.toLowerCase();
}

function countReplacements(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

function tooBroken(text: string): boolean {
  return countReplacements(text) > Math.max(1, text.length * MAX_REPLACEMENT_SHARE);
}

/** Maps detector names onto WHATWG labels TextDecoder knows. */
function detectedLabel(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'iso-8859-1' || lower === 'ascii') return 'windows-1252';
  if (lower === 'gb18030' || lower === 'gb2312') return 'gb18030';
  return lower;
}

/** Whether any byte is outside ASCII (where every ASCII-compatible encoding agrees). */
function hasMultiByte(buffer: Buffer): boolean {
  for (let i = 0; i < buffer.length; i++) if (buffer[i]! >= 0x80) return true;
  return false;
}

function isUtf16(label: string): boolean {
  return /^utf-?16/.test(label);
}

export function decodeBytes(bytes: Uint8Array, declaredCharset?: string, html = true): Decoded {
  const bom = bomCharset(bytes);
  if (bom) return { text: new TextDecoder(bom.charset).decode(bytes.subarray(bom.skip)), charset: bom.charset, source: 'bom' };

  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const candidates: [string | undefined, Decoded['source']][] = [
    [declaredCharset, 'declared'],
    [html ? metaCharset(bytes) : undefined, 'meta'],
  ];
  for (const [label, source] of candidates) {
    if (!label || isUtf16(label)) continue;
    const decoder = decoderFor(label);
    if (!decoder) continue;
    if (decoder.encoding === 'utf-8') {
      // A page that says UTF-8 but is not (a common CMS bug) goes on to detection.
      if (isUtf8(buffer)) return { text: buffer.toString('utf8'), charset: 'utf-8', source };
      const text = buffer.toString('utf8');
      if (tooBroken(text)) continue;
      return { text, charset: 'utf-8', source };
    }
    // Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the page declares: a page
    // re-saved as UTF-8 keeps its old <meta charset=gb2312>, while text in a legacy encoding is
    // almost never valid UTF-8 by chance.
    if (hasMultiByte(buffer) && isUtf8(buffer)) return { text: buffer.toString('utf8'), charset: 'utf-8', source: 'utf-8' };
    return { text: decodeWith(decoder, bytes), charset: decoder.encoding, source };
  }

  if (isUtf8(buffer)) return { text: buffer.toString('utf8'), charset: 'utf-8', source: 'utf-8' };
  // Not valid UTF-8: a legacy encoding, or UTF-8 with a few bad bytes.
  const lenient = buffer.toString('utf8');
  if (!tooBroken(lenient)) return { text: lenient, charset: 'utf-8', source: 'utf-8' };

  const guess = detector().detect(bytes.subarray(0, DETECT_BYTES));
  const decoder = guess ? decoderFor(detectedLabel(guess)) : null;
  if (decoder && !isUtf16(decoder.encoding)) return { text: decodeWith(decoder, bytes), charset: decoder.encoding, source: 'detected' };
  return { text: decodeWindows1252(bytes), charset: 'windows-1252', source: 'fallback' };
}
