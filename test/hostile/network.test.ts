// Item 1 of issue #19: a URL input never reaches a loopback or private address, however the
// address is written. A page is served on loopback; every spelling of that address is refused
// before a byte is sent, and the same spelling fetches the page when private networks are
// allowed (so a refusal here is the classifier's, not a failed connection). Loopback only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { article, extract, scratch } from './helpers.js';

const dir = scratch();
const SECRET = 'loopback-only page';

test('every spelling of a loopback address is refused, with a reason, and the server sees no request', async () => {
  let requests = 0;
  const page = `<html><head><title>${SECRET}</title></head><body><article><p>${article('secret').replace(/\n+/g, '</p><p>')}</p></article></body></html>`;
  const server = createServer((_, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    const hosts = [
      '[::ffff:127.0.0.1]',
      '[::ffff:7f00:1]',
      '[0:0:0:0:0:ffff:7f00:1]',
      '[::ffff:0:127.0.0.1]',
      '[::127.0.0.1]',
      '[64:ff9b::7f00:1]',
      '[2002:7f00:1::1]',
      '[::1]',
      '127.0.0.1',
      '127.1',
      '0x7f.0.0.1',
      '0177.0.0.1',
      '2130706433',
      'localhost',
    ];
    const urls = hosts.map((host) => `http://${host}:${port}/page`);
    const feed = join(dir(), 'feed.rss');
    await writeFile(
      feed,
      `<rss version="2.0"><channel><item><title>Linked</title><link>http://[::ffff:7f00:1]:${port}/page</link><description>Short.</description></item></channel></rss>`,
    );
    const refused = await extract([...urls, feed, '--fetch-feed-links']);
    assert.equal(refused.articles.length, 0, JSON.stringify(refused.articles.map((a) => a.input)));
    assert.equal(refused.rejections.length, urls.length + 1);
    for (const r of refused.rejections) {
      assert.equal(r.code, 'refused', `${r.input}: ${r.error}`);
      assert.match(r.error, /private or loopback address/);
    }
    assert.equal(requests, 0, 'no request reached the loopback server');

    // The control: allowed, the mapped spellings reach the page, so the refusals above are the check's.
    const allowed = await extract([`http://[::ffff:7f00:1]:${port}/page`, `http://127.1:${port}/page`, '--allow-private-network']);
    assert.deepEqual(
      allowed.articles.map((a) => a.title),
      [SECRET, SECRET],
    );
    assert.equal(requests, 2);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
