// Items 2, 3 and 11 of issue #19, through `corroborate extract` as a user runs it: a line too
// long for a string, a decompression bomb, folders that link to themselves, a NUL byte in one
// JSON line, UTF-16 without a byte-order mark, markup words inside JSON-LD. No crash, no good
// article lost, and every refusal has a reason. The big inputs are streamed out of gzip as they
// are written, so nothing large is kept on disk or in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { article, extract, scratch } from './helpers.js';

const dir = scratch();
const MB = 1024 * 1024;
const line = (tag: string) => JSON.stringify({ title: `Good ${tag}`, text: article(tag) });

/** Gzips what `parts` yields into `path`, a megabyte at a time. */
async function gzipTo(path: string, parts: () => Generator<string | Buffer>): Promise<void> {
  await pipeline(Readable.from(parts()), createGzip({ level: 1 }), createWriteStream(path));
}

test('a line longer than the cap is skipped to its newline and rejected; the good lines around it are kept', async () => {
  const path = join(dir(), 'huge-line.jsonl.gz');
  // 24 MB of one line between two good ones, read with a 2 MB cap per document: the same path
  // through the code as main's 600 MB line, which died on "RangeError: Invalid string length".
  await gzipTo(path, function* () {
    yield `${line('first')}\n{"text":"`;
    const block = Buffer.alloc(MB, 'a');
    for (let i = 0; i < 24; i++) yield block;
    yield `"}\n${line('second')}\n`;
  });
  const result = await extract([path, '--max-document-mb', '2']);
  assert.deepEqual(
    result.articles.map((a) => a.title),
    ['Good first', 'Good second'],
  );
  assert.equal(result.rejections.length, 1);
  assert.equal(result.rejections[0]!.input, `${path}#2`);
  assert.equal(result.rejections[0]!.code, 'too-large');
  assert.match(result.rejections[0]!.error, /^the line is 25165835 bytes, over the 2097152-byte cap; skipped to the next line$/);
});

test('what an input decompresses to is capped: a gzip bomb stops at the cap, and the next input is read', async () => {
  const bomb = join(dir(), 'bomb.warc.gz');
  await gzipTo(bomb, function* () {
    yield 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 67108864\r\n\r\n';
    const zeros = Buffer.alloc(MB);
    for (let i = 0; i < 64; i++) yield zeros;
  });
  const after = join(dir(), 'after.txt');
  await writeFile(after, article('after'));
  const result = await extract([bomb, after, '--max-input-mb', '8']);
  assert.deepEqual(
    result.articles.map((a) => a.input),
    [after],
  );
  assert.equal(result.rejections[0]!.code, 'too-large');
  assert.match(result.rejections[0]!.error, /over 8388608 bytes, the cap per input; 0 record\(s\) read before that/);
});

test('a folder that links to itself is read once: each real file once, each loop a rejection', async () => {
  const folder = join(dir(), 'loop');
  await mkdir(join(folder, 'inner'), { recursive: true });
  await writeFile(join(folder, 'a.txt'), article('loop'));
  await symlink('.', join(folder, 'self'));
  await symlink('..', join(folder, 'inner', 'parent'));
  await symlink(folder, join(folder, 'absolute'));
  await symlink('a.txt', join(folder, 'alias.txt'));
  await symlink('cycle', join(folder, 'cycle'));
  const started = process.cpuUsage();
  const result = await extract([folder, folder]);
  const used = process.cpuUsage(started);
  assert.ok((used.user + used.system) / 1e6 < 10, 'finite, and quick');
  assert.deepEqual(
    result.articles.map((a) => a.input),
    [join(folder, 'a.txt')],
  );
  const reasons = new Map(result.rejections.map((r) => [r.input, r.error]));
  assert.deepEqual([...reasons.keys()].sort(), [
    folder,
    join(folder, 'absolute'),
    join(folder, 'alias.txt'),
    join(folder, 'cycle'),
    join(folder, 'inner', 'parent'),
    join(folder, 'self'),
  ]);
  assert.match(reasons.get(join(folder, 'self'))!, /^the same folder as .*loop, already read/);
  assert.match(reasons.get(join(folder, 'alias.txt'))!, /^the same file as .*a\.txt, already read/);
  assert.match(reasons.get(join(folder, 'cycle'))!, /leads back to itself/);
});

test('a NUL byte in one JSON line rejects that line only', async () => {
  const path = join(dir(), 'nul.jsonl');
  await writeFile(path, `${line('one')}\n{"text":"bad \0 byte"}\n${line('two')}\n`);
  const result = await extract([path]);
  assert.deepEqual(
    result.articles.map((a) => a.title),
    ['Good one', 'Good two'],
  );
  assert.deepEqual(
    result.rejections.map((r) => [r.input, r.code, r.error]),
    [[`${path}#2`, 'malformed', 'the line is not valid JSON (it holds a NUL byte)']],
  );
  // The same judged line by line from standard input, with no name to go by.
  const piped = await extract(['-'], `${line('one')}\n{"text":"bad \0 byte"}\n${line('two')}\n`);
  assert.equal(piped.articles.length, 2);
});

test('UTF-16 without a byte-order mark is text, in either byte order, as a page, plain text or JSON lines', async () => {
  const russian = 'Правительство объявило в понедельник о новых мерах поддержки промышленности во всех регионах страны.';
  const html = `<html><head><title>UTF-16 page</title></head><body><article><p>${article('utf16').replace(/\n+/g, '</p><p>')}</p></article></body></html>`;
  const bigEndian = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const files: [string, Buffer][] = [
    ['le.html', Buffer.from(html, 'utf16le')],
    ['be.html', bigEndian(html)],
    ['le.txt', Buffer.from(`${russian}\n\n${russian} ${russian}\n\n${russian}`, 'utf16le')],
    ['be', bigEndian(article('plain'))],
    ['lines.jsonl', Buffer.from(`${line('sixteen')}\n`, 'utf16le')],
    ['gz.html.gz', gzipSync(Buffer.from(html, 'utf16le'))],
  ];
  for (const [name, bytes] of files) await writeFile(join(dir(), name), bytes);
  const result = await extract(files.map(([name]) => join(dir(), name)));
  assert.deepEqual(result.rejections, []);
  assert.deepEqual(
    result.articles.map((a) => a.title),
    ['UTF-16 page', 'UTF-16 page', null, 'Dam breach floods three villages in the plain valley', 'Good sixteen', 'UTF-16 page'],
  );
  assert.ok(result.articles[2]!.text.startsWith('Правительство объявило'), result.articles[2]!.text);
});

test('"<svg", "<style", "<script" or "<!--" inside a JSON-LD string does not cut the page', async () => {
  const body = `<article><p>${article('jsonld').replace(/\n+/g, '</p><p>')}</p></article>`;
  const inputs: string[] = [];
  for (const [i, word] of ['<svg', '<style>', '<!--', '<script>', '<template>', '</script'].entries()) {
    const ld = JSON.stringify({ '@type': 'NewsArticle', headline: `Markup ${i}`, description: `an icon ${word} inside` }).replace(
      '</script',
      '<\\/script',
    );
    const path = join(dir(), `ld${i}.html`);
    await writeFile(path, `<html><head><script type="application/ld+json">${ld}</script></head><body>${body}</body></html>`);
    inputs.push(path);
  }
  const result = await extract(inputs);
  assert.deepEqual(result.rejections, []);
  assert.deepEqual(
    result.articles.map((a) => a.title),
    ['Markup 0', 'Markup 1', 'Markup 2', 'Markup 3', 'Markup 4', 'Markup 5'],
  );
  for (const a of result.articles) assert.match(a.text, /repairs would cost about \$40 million/);
});
