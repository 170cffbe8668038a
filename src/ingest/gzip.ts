// Gunzip with a size cap, tolerant of truncation: a cut-off .gz gives back what it held so far
// and says so, instead of throwing.
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';

export interface Gunzipped {
  readonly bytes: Uint8Array;
  /** Why decompression stopped early: the cap was hit, or the stream was corrupt or cut off. */
  readonly problem: 'too-large' | 'truncated' | null;
  readonly detail?: string;
}

/** Decompresses `source` (bytes or a byte stream), stopping as soon as the output passes `maxBytes`. */
export async function gunzipCapped(source: Uint8Array | AsyncIterable<Uint8Array>, maxBytes: number): Promise<Gunzipped> {
  const input = source instanceof Uint8Array ? Readable.from([source]) : Readable.from(source);
  const gunzip = createGunzip();
  const chunks: Buffer[] = [];
  let size = 0;
  let problem: Gunzipped['problem'] = null;
  let detail: string | undefined;
  input.on('error', (error) => gunzip.destroy(error));
  input.pipe(gunzip);
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      if (size + chunk.length > maxBytes) {
        // Keep what fits: a caller sniffing the first bytes still gets them.
        chunks.push(chunk.subarray(0, maxBytes - size));
        problem = 'too-large';
        break;
      }
      size += chunk.length;
      chunks.push(chunk);
    }
  } catch (error) {
    problem = 'truncated';
    detail = (error as Error).message;
  } finally {
    input.destroy();
    gunzip.destroy();
  }
  return { bytes: Buffer.concat(chunks), problem, detail };
}
