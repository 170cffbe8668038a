import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, truncateSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { Rejection, SourceDocument } from '../records.js';
import { INGEST_DEFAULTS, readInputs, type IngestOptions } from './index.js';
import { extractArticle } from '../extract/index.js';
import { isPrivateAddress } from './http.js';

const PAGE =
  '<html><body><article><p>Officials said on Monday that the new bridge would open next spring after two years of delays.</p></article></body></html>';
const TEXT = 'Officials said on Monday that the new bridge would open next spring after two years of delays.\n';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'corroborate-ingest-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function collect(inputs: string[], options: Partial<IngestOptions> = {}): Promise<(SourceDocument | Rejection)[]> {
  const out: (SourceDocument | Rejection)[] = [];
  for await (const item of readInputs(inputs, options)) out.push(item);
  return out;
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const rejected = (item: SourceDocument | Rejection | undefined): Rejection => {
  assert.ok(item && 'code' in item, `expected a rejection, got ${JSON.stringify(item)?.slice(0, 120)}`);
  return item;
};
const accepted = (item: SourceDocument | Rejection | undefined): SourceDocument => {
  assert.ok(item && !('code' in item), `expected a document, got ${JSON.stringify(item)}`);
  return item;
};

test('files: html and text are documents; missing, empty and binary are rejections; the batch goes on', async () => {
  const items = await collect([
    file('a.html', PAGE),
    join(dir, 'missing.txt'),
    file('empty.txt', ''),
    file('blank.txt', '  \n\n '),
    file('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    file('noise.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    file('b.txt', TEXT),
  ]);
  assert.equal(accepted(items[0]).format, 'html');
  assert.equal(rejected(items[1]).code, 'not-found');
  assert.equal(rejected(items[2]).code, 'empty');
  assert.equal(rejected(items[3]).code, 'empty');
  assert.equal(rejected(items[4]).code, 'binary');
  assert.equal(rejected(items[5]).code, 'binary');
  assert.equal(accepted(items[6]).format, 'text');
  assert.ok(items.every((item) => !('code' in item) || item.reason.length > 5));
});

test('files: a 50 MB file is refused from its size, without reading it', async () => {
  const path = file('huge.txt', 'x');
  truncateSync(path, 50 * 1024 * 1024);
  const [item] = await collect([path]);
  const r = rejected(item);
  assert.equal(r.code, 'too-large');
  assert.match(r.reason, /52428800 bytes/);
});

test('directories: recursive, sorted, dotfiles and non-page files skipped', async () => {
  const root = join(dir, 'tree');
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'b.txt'), TEXT);
  writeFileSync(join(root, 'a.html'), PAGE);
  writeFileSync(join(root, '.hidden.txt'), TEXT);
  writeFileSync(join(root, 'sub', 'c.txt'), TEXT);
  writeFileSync(join(root, 'NOTES.md'), '# notes');
  const items = await collect([root]);
  // Notes beside the pages are neither read nor reported as rejected inputs.
  assert.deepEqual(
    items.map((i) => i.input),
    ['a.html', 'b.txt', 'sub/c.txt'].map((n) => join(root, n)),
  );
});

test('stdin: "-" reads the given stream', async () => {
  const [item] = await collect(['-'], { stdin: Readable.from([Buffer.from(TEXT)]) });
  assert.equal(accepted(item).input, '-');
});

test('gzip: decompressed; truncated or over the cap is a rejection, never a crash', async () => {
  const gz = gzipSync(PAGE);
  const items = await collect(
    [
      file('p.html.gz', gz),
      file('cut.html.gz', gz.subarray(0, gz.length - 12)),
      file('bomb.txt.gz', gzipSync(Buffer.alloc(2 * 1024 * 1024, 'a'))),
    ],
    { maxDocumentBytes: 1024 * 1024 },
  );
  const doc = accepted(items[0]);
  assert.equal(Buffer.from(doc.bytes!).toString(), PAGE);
  assert.equal(rejected(items[1]).code, 'malformed');
  assert.equal(rejected(items[2]).code, 'too-large');
});

const RSS = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Feed</title>
<item><title>Bridge opens</title><link>https://news.example/bridge</link><pubDate>Mon, 24 Feb 2025 10:00:00 GMT</pubDate><dc:creator>Ann Lee</dc:creator>
<description>Short.</description><content:encoded><![CDATA[<p>${'The bridge opened on Monday after two years of delays, officials said. '.repeat(8)}</p>]]></content:encoded></item>
<item><title>Second</title><link>https://news.example/second</link><description>&lt;p&gt;Only a summary of the second story.&lt;/p&gt;</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title>Atom story</title><link rel="alternate" href="https://atom.example/1"/><published>2025-02-24T10:00:00Z</published><author><name>Bo Chan</name></author>
<content type="html">&lt;p&gt;${'Council members voted on Tuesday to approve the budget. '.repeat(10)}&lt;/p&gt;</content></entry></feed>`;

test('feeds: RSS 2.0 and Atom give one document per item with its metadata', async () => {
  const items = await collect([file('feed.rss', RSS), file('feed.atom', ATOM)]);
  assert.equal(items.length, 3);
  const first = accepted(items[0]);
  assert.equal(first.url, 'https://news.example/bridge');
  assert.deepEqual(first.hints, { title: 'Bridge opens', published: 'Mon, 24 Feb 2025 10:00:00 GMT', byline: 'Ann Lee' });
  assert.match(first.content!, /^<p>The bridge opened/);
  assert.match(accepted(items[1]).content!, /Only a summary/);
  const atom = accepted(items[2]);
  assert.equal(atom.url, 'https://atom.example/1');
  assert.equal(atom.hints?.byline, 'Bo Chan');
  assert.match(atom.content!, /<p>Council members voted/);
});

function warcRecord(type: string, url: string, block: string, extra = ''): string {
  const body = Buffer.from(block);
  return `WARC/1.0\r\nWARC-Type: ${type}\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2025-02-24T10:00:00Z\r\n${extra}Content-Length: ${body.length}\r\n\r\n${block}\r\n\r\n`;
}

export function syntheticWarc(records: number): string {
  const parts = [warcRecord('warcinfo', '', 'software: test')];
  for (let i = 0; i < records; i++) {
    parts.push(warcRecord('request', `https://w.example/${i}`, 'GET / HTTP/1.1\r\n\r\n'));
    parts.push(
      warcRecord(
        'response',
        `https://w.example/${i}`,
        `HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n${PAGE.replace('Monday', `day ${i}`)}`,
        'Content-Type: application/http; msgtype=response\r\n',
      ),
    );
  }
  parts.push(warcRecord('response', 'https://w.example/logo.png', 'HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG'));
  return parts.join('');
}

test('WARC: each HTML response record is a document with URL, fetch date and charset; .warc.gz too', async () => {
  const warc = syntheticWarc(3);
  const items = await collect([
    file('a.warc', warc),
    file('b.warc.gz', Buffer.concat([gzipSync(warc.slice(0, 500)), gzipSync(warc.slice(500))])),
  ]);
  assert.equal(items.length, 6);
  const doc = accepted(items[1]);
  assert.equal(doc.url, 'https://w.example/1');
  assert.equal(doc.fetchedAt, '2025-02-24T10:00:00Z');
  assert.equal(doc.declaredCharset, 'utf-8');
  assert.match(Buffer.from(doc.bytes!).toString(), /day 1/);
  assert.deepEqual(
    items.slice(3).map((i) => accepted(i).url),
    ['https://w.example/0', 'https://w.example/1', 'https://w.example/2'],
  );
});

test('WARC: a .warc.gz whose first record is larger than the sniffing window is still a WARC', async () => {
  const big = warcRecord(
    'response',
    'https://w.example/big',
    `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>${'Long story text. '.repeat(4000)}</p>`,
  );
  const items = await collect([file('big.warc.gz', gzipSync(big + syntheticWarc(1)))]);
  assert.deepEqual(
    items.map((i) => accepted(i).url),
    ['https://w.example/big', 'https://w.example/0'],
  );
});

test('WARC: a truncated file yields the records before the cut, then a rejection', async () => {
  const warc = syntheticWarc(3);
  const gz = gzipSync(warc);
  for (const path of [
    file('cut.warc', warc.slice(0, warc.length - 200)),
    file('cut.warc.gz', gz.subarray(0, Math.floor(gz.length * 0.8))),
  ]) {
    const items = await collect([path]);
    assert.ok(items.length >= 1);
    assert.equal(rejected(items.at(-1)).code, 'malformed', path);
    assert.ok(items.slice(0, -1).every((i) => !('code' in i)));
  }
});

test('JSONL: one document per line; bad lines are rejections with their line number', async () => {
  const lines = [
    JSON.stringify({ url: 'https://j.example/1', title: 'One', published: '2025-02-24', html: PAGE }),
    'not json',
    JSON.stringify({ text: TEXT, title: 'Two' }),
    JSON.stringify({ title: 'nothing' }),
  ].join('\n');
  const items = await collect([file('docs.jsonl', lines)]);
  assert.equal(accepted(items[0]).format, 'html');
  assert.equal(accepted(items[0]).hints?.title, 'One');
  assert.equal(rejected(items[1]).input, join(dir, 'docs.jsonl#2'));
  assert.equal(accepted(items[2]).format, 'text');
  assert.equal(rejected(items[3]).code, 'empty');
});

test('JSONL: a .jsonl file that is not JSON lines is one rejection, not one per line', async () => {
  const items = await collect([file('prose.jsonl', 'just prose\n'.repeat(1000))]);
  assert.equal(items.length, 5);
  assert.match(rejected(items.at(-1)).reason, /not a JSON-lines file/);
});

test('URLs: fetched from a local server when allowed; loopback refused by default; caps hold', async () => {
  let server: Server | undefined;
  try {
    server = createServer((req, res) => {
      if (req.url === '/page') {
        res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
        res.end(PAGE);
      } else if (req.url === '/gz') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(gzipSync(PAGE));
      } else if (req.url?.startsWith('/loop')) {
        res.writeHead(302, { location: `/loop${Number(req.url.slice(5) || 0) + 1}` });
        res.end();
      } else if (req.url === '/big') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('x'.repeat(200_000));
      } else if (req.url === '/feed') {
        const port = (server!.address() as { port: number }).port;
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        res.end(
          `<rss version="2.0"><channel><item><title>Linked</title><link>http://127.0.0.1:${port}/page</link><description>Short.</description></item></channel></rss>`,
        );
      } else if (req.url === '/slow') {
        setTimeout(() => res.end(PAGE), 2000);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const base = `http://127.0.0.1:${port}`;
    const refused = await collect([`${base}/page`]);
    assert.equal(rejected(refused[0]).code, 'refused');
    const options = { allowPrivateNetwork: true, maxDocumentBytes: 100_000, timeoutMs: 500, maxRedirects: 3 };
    const items = await collect([`${base}/page`, `${base}/gz`, `${base}/loop`, `${base}/big`, `${base}/slow`, `${base}/missing`], options);
    const page = accepted(items[0]);
    assert.equal(page.url, `${base}/page`);
    assert.equal(page.declaredCharset, 'windows-1252');
    assert.ok(page.fetchedAt);
    assert.equal(Buffer.from(accepted(items[1]).bytes!).toString(), PAGE);
    assert.match(rejected(items[2]).reason, /redirects/);
    assert.equal(rejected(items[3]).code, 'too-large');
    assert.match(rejected(items[4]).reason, /500 ms/);
    assert.equal(rejected(items[5]).code, 'not-found');
    // A summary-only feed item: its page is fetched when the user allows it, with the item's title kept.
    const [linked] = await collect([`${base}/feed`], { ...options, fetchFeedLinks: true });
    assert.equal(accepted(linked).url, `${base}/page`);
    assert.equal(accepted(linked).hints?.title, 'Linked');
    assert.equal(Buffer.from(accepted(linked).bytes!).toString(), PAGE);
    const [summary] = await collect([`${base}/feed`], options);
    assert.equal(accepted(summary).content, 'Short.');
  } finally {
    server?.closeAllConnections();
    server?.close();
  }
});

test('private address check: loopback, RFC 1918, link-local and mapped IPv6 are private', () => {
  const rows: [string, boolean][] = [
    ['127.0.0.1', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['fd00::1', true],
    ['8.8.8.8', false],
    ['2606:4700::1111', false],
  ];
  for (const [address, expected] of rows) assert.equal(isPrivateAddress(address), expected, address);
});

test('fuzz: gzip, WARC and JSONL cut at any point never crash the batch', async () => {
  const warcGz = gzipSync(syntheticWarc(4));
  const pageGz = gzipSync(PAGE.repeat(20));
  const jsonl = [1, 2, 3].map((i) => JSON.stringify({ title: `T${i}`, text: TEXT })).join('\n');
  for (let step = 1; step < 20; step++) {
    const paths = [
      file(`cut${step}.warc.gz`, warcGz.subarray(0, Math.floor((warcGz.length * step) / 20))),
      file(`cut${step}.html.gz`, pageGz.subarray(0, Math.floor((pageGz.length * step) / 20))),
      file(`cut${step}.jsonl`, jsonl.slice(0, Math.floor((jsonl.length * step) / 20))),
      file(`after${step}.txt`, TEXT),
    ];
    const items = await collect(paths);
    assert.equal(accepted(items.at(-1)).input, paths[3], 'the batch went on after the broken inputs');
  }
});

test('URLs: a polite User-Agent is sent, and the charset the HTTP header declares decodes the page', async () => {
  const agents: string[] = [];
  // windows-1252 bytes with typographic quotes and no <meta charset>: only the header names the encoding.
  const cp1252 = Buffer.from(
    [...'<html><body><article><p>']
      .map((c) => c.charCodeAt(0))
      .concat(
        [0x93],
        [...'The bridge will open next spring,'].map((c) => c.charCodeAt(0)),
        [0x94],
        [...' the minister said '].map((c) => c.charCodeAt(0)),
        [0x96],
        [...' after two years of delays and '].map((c) => c.charCodeAt(0)),
        [0x80],
        [...'40 million in extra costs for the region.</p></article></body></html>'].map((c) => c.charCodeAt(0)),
      ),
  );
  const server = createServer((req, res) => {
    agents.push(String(req.headers['user-agent']));
    res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' });
    res.end(cp1252);
  });
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const [fetched] = await collect([`${base}/a`], { allowPrivateNetwork: true });
    const [custom] = await collect([`${base}/b`], {
      allowPrivateNetwork: true,
      userAgent: 'my-newsroom-bot/2.0 (+mailto:desk@example.org)',
    });
    assert.equal(agents[0], INGEST_DEFAULTS.userAgent);
    assert.match(agents[0]!, /^corroborate\/\S+ \(.*\+https?:\/\//, 'names the tool and where to read about it');
    assert.equal(agents[1], 'my-newsroom-bot/2.0 (+mailto:desk@example.org)');
    assert.ok(!('code' in accepted(custom)));
    const result = extractArticle(accepted(fetched));
    assert.ok(!('code' in result), JSON.stringify(result));
    assert.ok(
      result.text.startsWith(
        '\u201cThe bridge will open next spring,\u201d the minister said \u2013 after two years of delays and \u20ac40 million',
      ),
      result.text,
    );
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test("feeds: the XML prolog's encoding decodes a windows-1251 feed", async () => {
  const story = 'Правительство объявило в понедельник о новых мерах поддержки промышленности во всех регионах страны. '.repeat(6);
  const xml = `<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>Лента</title><item><title>Новые меры</title><link>https://ru.example/1</link><description><![CDATA[<p>${story}</p>]]></description></item></channel></rss>`;
  const bytes = Buffer.from(new Uint8Array([...xml].map((c) => cp1251(c))));
  const [item] = await collect([file('feed-1251.rss', bytes)]);
  const doc = accepted(item);
  assert.equal(doc.hints?.title, 'Новые меры');
  assert.match(doc.content!, /Правительство объявило/);
});

/** One character in windows-1251 (ASCII and Russian letters, enough for the test). */
function cp1251(char: string): number {
  const code = char.charCodeAt(0);
  if (code < 0x80) return code;
  if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
  if (code === 0x401) return 0xa8;
  if (code === 0x451) return 0xb8;
  throw new Error(`not in the test's windows-1251 table: ${char}`);
}

test('fuzz: gzip and WARC with corrupted bytes (seeded) never crash and never stop the batch', async () => {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const sources = [gzipSync(syntheticWarc(3)), Buffer.from(syntheticWarc(3)), gzipSync(PAGE.repeat(10))];
  const names = ['f.warc.gz', 'f.warc', 'f.html.gz'];
  for (let round = 0; round < 40; round++) {
    const paths = sources.map((source, i) => {
      const copy = Buffer.from(source);
      // A few flipped bytes past the magic number, so the container is still recognised and must be read.
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++)
        copy[10 + Math.floor(random() * (copy.length - 10))]! ^= 1 + Math.floor(random() * 255);
      return file(`corrupt${round}-${names[i]}`, copy);
    });
    const items = await collect([...paths, file(`ok${round}.txt`, TEXT)]);
    assert.equal(accepted(items.at(-1)).input, join(dir, `ok${round}.txt`), 'the batch went on');
    // Whatever survived the corruption goes through extraction as a value too.
    for (const item of items) {
      if ('code' in item) continue;
      const result = extractArticle(item);
      assert.ok(!('code' in result) || !result.reason.startsWith('the page could not be processed'), 'code' in result ? result.reason : '');
    }
  }
});
