// Cutting scripts, styles and comments from the raw bytes gives what cutting them from the
// decoded text gives, and is refused for encodings where "<" may be part of a character.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayStripBytes, stripNonContent, stripNonContentBytes } from './dom.js';
import { extractArticle } from '../index.js';

const PAGES = [
  '<html><head><script>var a = "</div>";</script><style>p{}</style></head><body><p>Story.</p></body></html>',
  '<html><head><script type="application/ld+json">{"headline":"Kept"}</script></head><body><p>Ev<!-- x -->en so.</p></body></html>',
  '<body><SCRIPT>x()</SCRIPT><Script>y()</Script><p>Mixed case</p><svg><path d="M0"/></svg><scripture>a tag of its own</scripture></body>',
  '<body><p>Before</p><noscript><img src=x></noscript><template><p>not shown</p></template><p>After</p>',
  '<body><p>Cut off</p><script>var unclosed',
  '<body><p>Comment not closed</p><!-- hidden',
  '<body><p>Nothing to cut, “quotes” and ünïcödé</p></body>',
  // What a JSON-LD string holds is text: it must neither open an element nor hide the page.
  '<head><script type="application/ld+json">{"a":"<svg","b":"<style>","c":"<!--"}</script></head><body><p>After the JSON-LD</p></body>',
];

test('byte cut: the same text as the string cut, for every kind of element', () => {
  for (const page of PAGES) {
    const bytes = new TextEncoder().encode(page);
    const cut = new TextDecoder().decode(stripNonContentBytes(bytes));
    assert.equal(stripNonContent(cut), stripNonContent(page), page);
    assert.ok(!/unclosed|x\(\)|y\(\)|not shown|hidden/.test(cut), page);
  }
  assert.match(new TextDecoder().decode(stripNonContentBytes(new TextEncoder().encode(PAGES[1]!))), /ld\+json/, 'JSON-LD stays');
  assert.match(new TextDecoder().decode(stripNonContentBytes(new TextEncoder().encode(PAGES[2]!))), /a tag of its own/);
  const jsonLd = PAGES.at(-1)!;
  for (const cut of [stripNonContent(jsonLd), new TextDecoder().decode(stripNonContentBytes(new TextEncoder().encode(jsonLd)))])
    assert.ok(cut.includes('"c":"<!--"}') && cut.includes('After the JSON-LD'), cut);
});

test('byte cut: only where "<" is never part of a character, and only for markup', () => {
  const utf16 = new Uint8Array(Buffer.from('<p>Hi</p>', 'utf16le'));
  assert.equal(mayStripBytes(utf16), false, 'UTF-16 (NUL bytes)');
  assert.equal(mayStripBytes(new Uint8Array(Buffer.from('<p>\x1b$B<script\x1b(B</p>', 'latin1'))), false, 'ISO-2022-JP escapes');
  assert.equal(mayStripBytes(new TextEncoder().encode('\ufeff  <!doctype html><p>x</p>')), true, 'a BOM and white space may come first');
  assert.equal(mayStripBytes(new TextEncoder().encode('Plain text that mentions <script> tags')), false);
  // Shift_JIS: "<" and ">" never occur inside a two-byte character.
  const sjis = new Uint8Array([
    ...Buffer.from('<p>', 'latin1'),
    0x93,
    0xfa,
    0x96,
    0x7b,
    ...Buffer.from('</p><script>x</script>', 'latin1'),
  ]);
  assert.equal(mayStripBytes(sjis), true);
  assert.deepEqual(
    [...stripNonContentBytes(sjis)],
    [...Buffer.from('<p>', 'latin1'), 0x93, 0xfa, 0x96, 0x7b, ...Buffer.from('</p>', 'latin1')],
  );
});

test('an article read from bytes is the article read from its text', () => {
  const html = `<html><head><title>Bridge opens</title><script>${'var x = 1;'.repeat(500)}</script></head><body><article><p>The bridge over the river opened to traffic on Monday after two years of work, the city said.</p><p>About 20,000 cars a day are expected to cross it, officials said in a statement.</p></article></body></html>`;
  const fromBytes = extractArticle({ input: 'b.html', format: 'html', bytes: new TextEncoder().encode(html) });
  const fromText = extractArticle({ input: 'b.html', format: 'html', content: html });
  assert.ok(!('code' in fromBytes) && !('code' in fromText));
  assert.equal(fromBytes.text, fromText.text);
  assert.equal(fromBytes.title, fromText.title);
});
