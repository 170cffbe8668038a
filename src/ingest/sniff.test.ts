// Byte order of UTF-16 without a byte-order mark, and what must never pass for UTF-16.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sniff, utf16Order } from './sniff.js';

const CHINESE = '官员们周一表示，洪水淹没了该市的三个区。市长说，一夜之间有一千二百人被疏散。';
const JAPANESE = '東京の当局者は月曜日、川が氾濫して三つの地区が浸水したと発表した。';
const KOREAN = '서울 당국은 월요일 강이 범람해 세 개 지역이 침수됐다고 밝혔다. ';
const RUSSIAN = 'Официальные лица в Москве заявили в понедельник, что река затопила три района. ';
const ENGLISH = 'Officials said on Monday that the river flooded three districts. The Mayor said 1,200 people left. ';

/** The same sentences in legacy double-byte encodings (written with Python's codecs). */
const LEGACY: readonly [string, string][] = [
  [
    'GBK',
    'b9d9d4b1c3c7d6dcd2bbb1edcabea3acbae9cbaed1cdc3bbc1cbb8c3cad0b5c4c8fdb8f6c7f8a1a3cad0b3a4cbb5a3acd2bbd2b9d6aebce4d3d0d2bbc7a7b6feb0d9c8cbb1bbcae8c9a2a1a3',
  ],
  [
    'Shift_JIS',
    '938c8b9e82cc93968bc78ed282cd8c8e976a93fa814190ec82aa94c3979482b582c48e4f82c282cc926e8be682aa905a908582b582bd82c694ad955c82b582bd8142',
  ],
  [
    'EUC-KR',
    'bcadbfef20b4e7b1b9c0ba20bff9bfe4c0cf20b0adc0cc20b9fcb6f7c7d820bcbc20b0b320c1f6bfaac0cc20c4a7bcf6b5c6b4d9b0ed20b9e0c7fbb4d92e20',
  ],
];

const repeat = (bytes: Buffer) => new Uint8Array(Buffer.concat(Array.from({ length: 30 }, () => bytes)).subarray(0, 4096));
const littleEndian = (text: string) => repeat(Buffer.from(text, 'utf16le'));
const bigEndian = (text: string) => repeat(Buffer.from(text, 'utf16le').swap16());

test('utf16Order: either byte order of text with or without ASCII (Chinese and Japanese have none)', () => {
  for (const [name, text] of Object.entries({ CHINESE, JAPANESE, KOREAN, RUSSIAN, ENGLISH })) {
    assert.equal(utf16Order(littleEndian(text)), 'utf-16le', `${name}, little-endian`);
    assert.equal(utf16Order(bigEndian(text)), 'utf-16be', `${name}, big-endian`);
  }
});

test('utf16Order: UTF-8 and legacy double-byte text are not UTF-16', () => {
  for (const text of [CHINESE, JAPANESE, KOREAN, RUSSIAN, ENGLISH]) assert.equal(utf16Order(repeat(Buffer.from(text, 'utf8'))), null, text);
  for (const [name, hex] of LEGACY) assert.equal(utf16Order(repeat(Buffer.from(hex, 'hex'))), null, name);
});

test('sniff: feeds behind a document type, other XML, pages and text', () => {
  const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  const entities = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('\n');
  const rows: [text: string, name: string, expected: string][] = [
    ['<?xml version="1.0"?>\n<rss version="2.0"><channel></channel></rss>', 'f.xml', 'feed'],
    [
      '<?xml version="1.0"?>\n<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss version="0.91"><channel></channel></rss>',
      'f.xml',
      'feed',
    ],
    // Entities declared to expand a billion-fold: still a feed, read by a parser that never expands them.
    [
      `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 "lol">\n${entities}\n]>\n<rss><channel><title>&lol9;</title></channel></rss>`,
      'bomb.xml',
      'feed',
    ],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'a.atom', 'feed'],
    ['<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url></url></urlset>', 'sitemap.xml', 'xml'],
    ['<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'x.xml', 'xml'],
    [
      '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x">\n<html><body><p>Hi</p></body></html>',
      'p',
      'html',
    ],
    ['<!DOCTYPE html><html><body><p>Hi</p></body></html>', 'p', 'html'],
    ['A headline\n\nThe minister said <b>output</b> would rise.', 'a.txt', 'text'],
  ];
  for (const [text, name, expected] of rows) assert.equal(sniff(bytes(text), name), expected, text.slice(0, 60));
});
