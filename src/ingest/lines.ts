// Lines of a byte stream with a cap on their length. readline builds each line as one string,
// so one line past V8's longest string (about 512 MB) killed the process with "RangeError:
// Invalid string length", losing the whole batch. Here a line over the cap is never held: its
// bytes are counted and skipped to the next newline, and it comes out as its length alone.

export type Line =
  | { readonly number: number; readonly text: string }
  /** A line over the cap: only its length in bytes, without its newline. */
  | { readonly number: number; readonly tooLong: number };

const NEWLINE = 0x0a;

/** The lines of `source` (UTF-8; "\r\n" and "\n" end a line, a BOM before the first is dropped), in order. */
export async function* splitLines(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, maxLineBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let held = 0;
  // Bytes of the current line while it is being skipped; -1 while it is being held.
  let skipped = -1;
  let number = 0;
  const finish = (): Line => {
    number += 1;
    if (skipped >= 0) {
      const line = { number, tooLong: skipped };
      skipped = -1;
      return line;
    }
    let text = Buffer.concat(parts, held).toString('utf8');
    parts = [];
    held = 0;
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (number === 1 && text.startsWith('\uFEFF')) text = text.slice(1);
    return { number, text };
  };
  const take = (bytes: Buffer) => {
    if (skipped >= 0) skipped += bytes.length;
    else if (held + bytes.length > maxLineBytes) {
      skipped = held + bytes.length;
      parts = [];
      held = 0;
    } else if (bytes.length > 0) {
      parts.push(bytes);
      held += bytes.length;
    }
  };
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    for (let newline = bytes.indexOf(NEWLINE); newline >= 0; newline = bytes.indexOf(NEWLINE, from)) {
      take(bytes.subarray(from, newline));
      yield finish();
      from = newline + 1;
    }
    // A kept remainder is copied, so the (large) chunk it came from can go.
    if (from < bytes.length) take(skipped >= 0 ? bytes.subarray(from) : Buffer.from(bytes.subarray(from)));
  }
  if (skipped >= 0 || held > 0) yield finish();
}
