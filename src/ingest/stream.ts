// Byte streams of unknown size and trust: a cap on what one input may yield (after
// decompression, so a small .gz cannot expand without end), a look at the first bytes before
// deciding how to read the rest, and gunzip as a stream. Nothing here holds more than a chunk
// and the bytes peeked.
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** An input yielded more than the cap allows; the bytes before it were read. */
export class InputTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`over the ${limit}-byte cap per input`);
  }
}

/** The bytes of `source`, throwing InputTooLarge once more than `maxBytes` have come (those that fit come first). */
export async function* capped(source: AsyncIterable<Uint8Array>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (total + bytes.length > maxBytes) {
      if (maxBytes > total) yield bytes.subarray(0, maxBytes - total);
      throw new InputTooLarge(maxBytes);
    }
    total += bytes.length;
    yield bytes;
  }
}

/** `source` decompressed as it is read; a corrupt or cut-off stream throws zlib's error where it breaks. */
export function gunzipped(source: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  // pipeline() tears both down together: an error or an early stop on either side closes the source.
  return pipeline(Readable.from(source), createGunzip(), () => {});
}

/** A byte stream whose first bytes can be looked at before the whole is read from the start. */
export class ByteSource {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private readonly peeked: Buffer[] = [];
  private peekedBytes = 0;
  private ended = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** The first `n` bytes (fewer when the stream is shorter), kept to be read again by `chunks()`. */
  async peek(n: number): Promise<Buffer> {
    while (this.peekedBytes < n && !this.ended) {
      const next = await this.iterator.next();
      if (next.done) this.ended = true;
      else {
        this.peeked.push(Buffer.from(next.value));
        this.peekedBytes += next.value.length;
      }
    }
    const head = Buffer.concat(this.peeked);
    return head.subarray(0, Math.min(n, head.length));
  }

  /** Every byte from the start, peeked ones first. Stopping early closes the source. */
  async *chunks(): AsyncGenerator<Buffer> {
    try {
      while (this.peeked.length > 0) yield this.peeked.shift()!;
      while (!this.ended) {
        const next = await this.iterator.next();
        if (next.done) this.ended = true;
        else yield Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      }
    } finally {
      await this.close();
    }
  }

  /** Every byte from the start in one buffer, or null (and the source closed) when there are more than `maxBytes`. */
  async collect(maxBytes: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.chunks()) {
      size += chunk.length;
      if (size > maxBytes) return null;
      parts.push(chunk);
    }
    return Buffer.concat(parts);
  }

  /** Lets go of the source (a file is closed) without reading the rest. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }
}
