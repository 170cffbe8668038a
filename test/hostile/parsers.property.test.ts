// Property-based tests of the parsers that read untrusted input (issue #19): JSON lines, WARC,
// RSS and Atom, HTML, numbers and dates, sentences, the address classifier and the terminal
// filter, each over inputs fast-check generates (and shrinks to a smallest failing case when a
// property breaks). Seeds are fixed per run by fast-check and printed on failure, so a failure
// can be replayed with { seed, path }.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { readInputs } from '../../src/ingest/index.js';
import { splitLines } from '../../src/ingest/lines.js';
import { readWarcRecords, WarcFormatError } from '../../src/ingest/warc.js';
import { parseFeed } from '../../src/ingest/feed.js';
import { isPrivateAddress } from '../../src/ingest/address.js';
import { extractArticle } from '../../src/extract/index.js';
import { stripNonContent, stripNonContentBytes } from '../../src/extract/html/dom.js';
import { normalizeDate, writtenDate } from '../../src/extract/dates.js';
import { extractClaims } from '../../src/claims/index.js';
import { analyzed } from '../../src/derivation/families.js';
import { splitSentences } from '../../src/sentences/index.js';
import { forTerminal } from '../../src/cli/terminal.js';
import type { Rejection, SourceDocument } from '../../src/records.js';

/** Enough runs to find the edge cases, few enough for seconds on a busy machine. */
const RUNS = { numRuns: 200 };

/** `bytes` cut into chunks at the given points, as a stream delivers them. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at > from) out.push(bytes.subarray(from, at));
    from = at;
  }
  return out;
}

async function collect(inputs: readonly string[], stdin: Buffer[]): Promise<(SourceDocument | Rejection)[]> {
  const items: (SourceDocument | Rejection)[] = [];
  for await (const item of readInputs(inputs, { stdin: Readable.from(stdin) })) items.push(item);
  return items;
}

/** Any one code point of Unicode. */
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

/** Any text, with the characters parsers trip on mixed in. */
const nastyText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\0', '\n', '\r', '\t', '"', '\\', '<', '>', '&', '{', '}', '\u2028', '\x1b', '\uFEFF', '😀', 'é', '東'),
    anyChar,
  ),
  maxLength: 60,
});

test('JSON lines: every non-blank line is one document or one rejection with its line number, however the bytes arrive', async () => {
  const line = fc.oneof(
    fc
      .record({ text: nastyText.filter((t) => t.trim() !== '') })
      .map((r) => ({ kind: 'good' as const, json: JSON.stringify(r), text: r.text })),
    nastyText.filter((t) => !t.includes('\n') && t.trim() !== '').map((raw) => ({ kind: 'raw' as const, json: raw, text: '' })),
    fc.constant({ kind: 'blank' as const, json: '   ', text: '' }),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(line, { minLength: 1, maxLength: 12 }),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 6 }),
      async (rest, crlf, cuts) => {
        // A good first line, so the file is JSON lines and the give-up rule does not apply.
        const lines = [{ kind: 'good' as const, json: '{"text":"first"}', text: 'first' }, ...rest];
        const bytes = Buffer.from(lines.map((l) => l.json).join(crlf ? '\r\n' : '\n'));
        const items = await collect(['-'], chunked(bytes, cuts));
        const expected = lines.flatMap((l, i) => (l.json.trim() === '' ? [] : [`-#${i + 1}`]));
        assert.deepEqual(
          items.map((item) => item.input),
          expected,
        );
        for (const [i, l] of lines.entries()) {
          const item = items.find((x) => x.input === `-#${i + 1}`);
          if (l.kind === 'good') assert.equal((item as SourceDocument).content, l.text);
          if (item && 'code' in item) assert.ok(item.reason.length > 0);
        }
      },
    ),
    RUNS,
  );
});

test('line splitter: the lines come back as written, and a line over the cap as its exact length', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.string({ unit: fc.constantFrom('a', 'é', '😀', '\0', '\r', ' '), maxLength: 40 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 40 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      async (lines, cap, cuts) => {
        const bytes = Buffer.from(lines.join('\n'));
        const got = [];
        for await (const l of splitLines(chunked(bytes, cuts), cap)) got.push(l);
        const expected = lines.map((text, i) => {
          const length = Buffer.byteLength(text);
          if (length > cap) return { number: i + 1, tooLong: length };
          return { number: i + 1, text: text.endsWith('\r') ? text.slice(0, -1) : text };
        });
        // A last empty line (the text ends with a newline) is no line.
        if (lines.at(-1) === '') expected.pop();
        assert.deepEqual(got, expected);
      },
    ),
    RUNS,
  );
});

test('WARC: records come back byte for byte however the stream is cut; a broken stream is a WarcFormatError', async () => {
  const record = fc.record({ uri: fc.webUrl(), block: fc.uint8Array({ maxLength: 300 }) });
  await fc.assert(
    fc.asyncProperty(
      fc.array(record, { minLength: 1, maxLength: 5 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.nat(),
      async (records, cuts, cutAt) => {
        const bytes = Buffer.concat(
          records.flatMap(({ uri, block }) => [
            Buffer.from(`WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: ${uri}\r\nContent-Length: ${block.length}\r\n\r\n`),
            Buffer.from(block),
            Buffer.from('\r\n\r\n'),
          ]),
        );
        const read = [];
        for await (const r of readWarcRecords(Readable.from(chunked(bytes, cuts)), 1000)) read.push(r);
        assert.deepEqual(
          read.map((r) => [r.headers.get('warc-target-uri'), Buffer.from(r.block!)]),
          records.map(({ uri, block }) => [uri, Buffer.from(block)]),
        );
        // Cut anywhere inside: the records before the cut, then a format error (never another error).
        const cut = bytes.subarray(0, cutAt % bytes.length);
        try {
          for await (const _ of readWarcRecords(Readable.from([cut]), 1000));
        } catch (error) {
          assert.ok(error instanceof WarcFormatError, String(error));
        }
      },
    ),
    RUNS,
  );
});

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Text XML can carry (no control characters, no lone surrogates), not blank, as feeds trim it. */
const feedText = fc
  .string({ unit: fc.oneof(fc.constantFrom('<', '>', '&', '"', "'", 'é', '東', '😀', ' '), anyChar), minLength: 1, maxLength: 40 })
  .map((t) => t.replace(/[\x00-\x1f\x7f-\x9f\uFFFE\uFFFF]/g, '').trim())
  .filter((t) => t !== '');

test('RSS and Atom: every item comes back with its title, link and content; any text parses without throwing', () => {
  const item = fc.record({ title: feedText, link: fc.webUrl(), content: feedText });
  fc.assert(
    fc.property(fc.array(item, { minLength: 1, maxLength: 5 }), (items) => {
      const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${items
        .map((i) => `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link><description>${xml(i.content)}</description></item>`)
        .join('')}</channel></rss>`;
      const atom = `<feed xmlns="http://www.w3.org/2005/Atom">${items
        .map(
          (i) =>
            `<entry><title>${xml(i.title)}</title><link href="${xml(i.link).replace(/"/g, '&quot;')}"/><content>${xml(i.content)}</content></entry>`,
        )
        .join('')}</feed>`;
      assert.deepEqual(
        parseFeed(rss)!.map((e) => [e.title, e.link, e.summary]),
        items.map((i) => [i.title, i.link, i.content]),
      );
      assert.deepEqual(
        parseFeed(atom)!.map((e) => [e.title, e.link, e.content]),
        items.map((i) => [i.title, i.link, i.content]),
      );
    }),
    RUNS,
  );
  fc.assert(
    fc.property(nastyText, (text) => {
      parseFeed(`<rss><channel><item>${text}</item></channel></rss>`);
      parseFeed(text);
    }),
    RUNS,
  );
});

/** Markup made of the pieces that trouble HTML readers: unclosed elements, comments, JSON-LD, entities. */
const markup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<div>',
        '</div>',
        '<script>',
        '</script>',
        '<script type="application/ld+json">',
        '<style>',
        '</style>',
        '<svg>',
        '</svg>',
        '<!--',
        '-->',
        '<template>',
        '</template>',
        '<noscript>',
        '</noscript>',
        '&amp;',
        '&#0;',
        '<',
        '>',
        '<article>',
        '<title>',
        '</title>',
        'The council approved the new bridge on Tuesday, officials said. ',
      ),
      nastyText,
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

test('HTML: any markup gives an article or a rejection with a reason; the byte cut equals the string cut', () => {
  fc.assert(
    fc.property(markup, (html) => {
      const result = extractArticle({ input: 'page.html', bytes: new TextEncoder().encode(html), format: 'html' });
      if ('code' in result) assert.ok(result.reason.length > 0);
      else assert.equal(typeof result.text, 'string');
      // ignoreBOM: a leading U+FEFF is text here, not a mark for the decoder to drop.
      const bytesCut = new TextDecoder('utf-8', { ignoreBOM: true }).decode(stripNonContentBytes(new TextEncoder().encode(html)));
      assert.equal(stripNonContent(bytesCut), stripNonContent(html));
    }),
    RUNS,
  );
});

test('numbers: a figure written with separators, decimals or a scale word is read as its value', () => {
  const figure = fc.oneof(
    fc.integer({ min: 1, max: 999_999_999 }).map((n) => ({ written: n.toLocaleString('en-US'), value: n })),
    fc
      .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(['million', 1e6], ['billion', 1e9]))
      .map(([whole, tenth, [word, scale]]) => ({
        written: `${whole}.${tenth} ${word}`,
        value: Math.round((whole + tenth / 10) * (scale as number)),
      })),
  );
  fc.assert(
    fc.property(figure, ({ written, value }) => {
      const claims = extractClaims(analyzed('n', `Officials said ${written} tons were shipped on Tuesday.`), { kinds: ['quantity'] });
      assert.deepEqual(
        claims.map((c) => [Math.round(c.quantity!.value), c.quantity!.unit]),
        [[value, 't']],
        written,
      );
    }),
    RUNS,
  );
});

test('dates: ISO and written dates give the same day; anything else gives a date or null, never a throw', () => {
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T00:00:00Z'), noInvalidDate: true }), (date) => {
      const day = date.toISOString().slice(0, 10);
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      assert.equal(normalizeDate(date.toISOString()), date.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      assert.equal(normalizeDate(day), day);
      assert.equal(writtenDate(`${months[m - 1]} ${d}, ${y}`, false), day);
      assert.equal(writtenDate(`${d} ${months[m - 1]} ${y}`, false), day);
    }),
    RUNS,
  );
  fc.assert(
    fc.property(nastyText, (text) => {
      for (const value of [normalizeDate(text), writtenDate(text)])
        assert.ok(value === null || /^\d{4}-\d{2}-\d{2}/.test(value), String(value));
    }),
    RUNS,
  );
});

test('sentences: ordered, apart, within the cap, and each the text at its offsets', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'B', ' ', '.', '!', '?', '"', '\n', '…', 'Mr', '3', '😀'), maxLength: 400 }),
      fc.integer({ min: 5, max: 60 }),
      (text, max) => {
        let end = 0;
        for (const s of splitSentences(text, { maxSentenceChars: max })) {
          assert.ok(s.start >= end && s.end > s.start && s.text.length <= max);
          assert.equal(text.slice(s.start, s.end), s.text);
          end = s.end;
        }
      },
    ),
    RUNS,
  );
});

test('addresses: an IPv4 address is judged alike in every IPv6 form that carries it', () => {
  fc.assert(
    fc.property(fc.ipV4(), (v4) => {
      const [a, b, c, d] = v4.split('.').map(Number) as [number, number, number, number];
      const hex = (x: number, y: number) => ((x << 8) | y).toString(16);
      const expected = isPrivateAddress(v4);
      for (const form of [
        `::ffff:${v4}`,
        `::ffff:${hex(a, b)}:${hex(c, d)}`,
        `0:0:0:0:0:ffff:${v4}`,
        `64:ff9b::${v4}`,
        `2002:${hex(a, b)}:${hex(c, d)}::1`,
      ])
        assert.equal(isPrivateAddress(form), expected, `${form} (${v4})`);
    }),
    { numRuns: 1000 },
  );
});

test('terminal filter: nothing a terminal acts on is left, and filtering twice changes nothing', () => {
  const terminalText = fc.string({
    unit: fc.oneof(fc.constantFrom('\x1b', '[', ']', '\x07', '\x9b', '\x9d', '\x9c', '\\', ';', '0', 'm', 'P', '\n', '\t', '\r'), anyChar),
    maxLength: 80,
  });
  fc.assert(
    fc.property(terminalText, (text) => {
      const once = forTerminal(text);
      assert.ok(!/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(once), JSON.stringify(once));
      assert.equal(forTerminal(once), once);
    }),
    RUNS,
  );
});
