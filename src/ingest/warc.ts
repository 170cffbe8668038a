// A streaming WARC reader: records come out one at a time as the bytes arrive, so memory stays
// constant however many records the file holds. Bodies above the cap are skipped, not buffered.

export interface WarcRecord {
  readonly headers: ReadonlyMap<string, string>;
  /** The record block; null when it was larger than the cap and skipped. */
  readonly block: Uint8Array | null;
  readonly length: number;
}

export class WarcFormatError extends Error {}

const CRLF2 = Buffer.from('\r\n\r\n');
const LF2 = Buffer.from('\n\n');
/** A WARC header block larger than this is not a WARC header: stop instead of buffering. */
const MAX_HEADER_BYTES = 64 * 1024;

/** Yields every record of a WARC byte stream (already decompressed). Throws WarcFormatError on garbage or truncation. */
export async function* readWarcRecords(stream: AsyncIterable<Uint8Array>, maxBlockBytes: number): AsyncGenerator<WarcRecord> {
  let buffer: Buffer = Buffer.alloc(0);
  let state: 'header' | 'block' | 'skip' = 'header';
  let headers = new Map<string, string>();
  let remaining = 0;
  let length = 0;
  const blockParts: Buffer[] = [];

  for await (const chunk of stream) {
    buffer = buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([buffer, chunk]);
    for (;;) {
      if (state === 'header') {
        // Records are separated by CRLF CRLF; tolerate stray blank lines before a header.
        let start = 0;
        while (start < buffer.length && (buffer[start] === 0x0d || buffer[start] === 0x0a)) start++;
        if (start > 0) buffer = buffer.subarray(start);
        if (buffer.length === 0) break;
        let end = buffer.indexOf(CRLF2);
        let sep = 4;
        if (end < 0) {
          end = buffer.indexOf(LF2);
          sep = 2;
        }
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new WarcFormatError('a WARC header is longer than 64 KB: not a WARC file');
          break;
        }
        const text = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + sep);
        const lines = text.split(/\r?\n/);
        if (!lines[0]?.startsWith('WARC/')) throw new WarcFormatError(`expected a WARC record, found '${lines[0]?.slice(0, 40)}'`);
        headers = new Map();
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
        length = Number(headers.get('content-length') ?? 'NaN');
        if (!Number.isFinite(length) || length < 0) throw new WarcFormatError('a WARC record has no valid Content-Length');
        remaining = length;
        state = length > maxBlockBytes ? 'skip' : 'block';
        blockParts.length = 0;
      }
      if (state === 'block' || state === 'skip') {
        const take = Math.min(remaining, buffer.length);
        if (state === 'block' && take > 0) blockParts.push(Buffer.from(buffer.subarray(0, take)));
        buffer = buffer.subarray(take);
        remaining -= take;
        if (remaining > 0) break;
        yield { headers, block: state === 'block' ? Buffer.concat(blockParts) : null, length };
        blockParts.length = 0;
        state = 'header';
      }
    }
    // Do not hold on to a large backing store for a small tail.
    if (buffer.length > 0 && buffer.byteOffset > 0) buffer = Buffer.from(buffer);
  }
  if (state !== 'header' || buffer.length > 0) throw new WarcFormatError('the WARC file ends in the middle of a record (truncated)');
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Uint8Array;
}

/** Splits an `application/http; msgtype=response` block into status, headers and body. */
export function parseHttpResponse(block: Uint8Array): HttpResponse | null {
  const buf = Buffer.from(block.buffer, block.byteOffset, block.byteLength);
  let end = buf.indexOf(CRLF2);
  let sep = 4;
  if (end < 0) {
    end = buf.indexOf(LF2);
    sep = 2;
  }
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/\S+\s+(\d{3})/.exec(lines[0] ?? '');
  if (!status) return null;
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  let body: Uint8Array = buf.subarray(end + sep);
  if (/chunked/i.test(headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  return { status: Number(status[1]), headers, body };
}

/** Decodes HTTP chunked transfer encoding; stops quietly at the first malformed chunk. */
function dechunk(body: Uint8Array): Uint8Array {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const parts: Buffer[] = [];
  let at = 0;
  while (at < buf.length) {
    const lineEnd = buf.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(buf.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(buf.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return parts.length ? Buffer.concat(parts) : body;
}

/** The charset parameter of a Content-Type value, lower-cased. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const match = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase();
}
