// Live story pages (server-sent events) and "follow this feed" (/api/feeds), over a real server
// and SQLite store; the followed feed is a site on 127.0.0.1 the test starts.
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FeedSite } from '../../src/watch/testing.js';
import { EXAMPLES, startTestServer, type TestServer } from './helpers.js';

let t: TestServer | null = null;
afterEach(async () => {
  await t?.close();
  t = null;
});

interface ServerEvent {
  readonly event: string;
  readonly data: string;
}

/** The events of a text/event-stream response, comments (heartbeats) as event ':'. */
async function* serverEvents(response: Response): AsyncGenerator<ServerEvent> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith(':')) {
        yield { event: ':', data: block.slice(1).trim() };
        continue;
      }
      const field = (name: string) =>
        block
          .split('\n')
          .filter((line) => line.startsWith(`${name}: `))
          .map((line) => line.slice(name.length + 2))
          .join('\n');
      yield { event: field('event') || 'message', data: field('data') };
    }
  }
}

describe('live story pages', () => {
  it('sends a story event when the story changes, heartbeats meanwhile, and ends when the server stops', async () => {
    t = await startTestServer({ live: { pollMs: 20, heartbeatMs: 30 } });
    const { story, store } = t;
    const response = await fetch(`${t.url}/api/stories/${story.id}/events`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    const events = serverEvents(response);
    const open = (await events.next()).value as ServerEvent;
    assert.equal(open.event, 'open');
    const before = JSON.parse(open.data) as { id: string; version: string };
    assert.equal(before.id, story.id);

    let next = (await events.next()).value as ServerEvent;
    assert.equal(next.event, ':', 'a heartbeat while nothing changes');
    await store.saveStories([{ ...story, headline: `${story.headline} (updated)` }]);
    while (next.event === ':') next = (await events.next()).value as ServerEvent;
    assert.equal(next.event, 'story');
    const after = JSON.parse(next.data) as { id: string; version: string };
    assert.equal(after.id, story.id);
    assert.notEqual(after.version, before.version);
    assert.deepEqual(after, await store.storyVersion(story.id));

    await t.server.close();
    for await (const _ of events) {
      // Heartbeats until the end: the stream closes with the server.
    }
    await t.store.close();
    t = null;
  });

  it('refuses an unknown story, a malformed id, and streams past the bound', async () => {
    t = await startTestServer({ live: { maxConnections: 1 } });
    assert.equal((await fetch(`${t.url}/api/stories/nope/events`)).status, 404);
    assert.equal((await fetch(`${t.url}/api/stories/${encodeURIComponent('../x')}/events`)).status, 400);
    const first = await fetch(`${t.url}/api/stories/${t.story.id}/events`);
    assert.equal(first.status, 200);
    const second = await fetch(`${t.url}/api/stories/${t.story.id}/events`);
    assert.equal(second.status, 503);
    assert.ok(second.headers.get('retry-after'));
    await first.body?.cancel();
  });
});

describe('/api/feeds', () => {
  const post = (body: string, type = 'application/json') =>
    fetch(`${t!.url}/api/feeds`, { method: 'POST', body, headers: { 'content-type': type } });

  it('follows, lists and unfollows feeds, refusing what is not an http(s) URL', async () => {
    t = await startTestServer();
    for (const [body, status] of [
      ['{"url": "ftp://news.example/feed"}', 400],
      ['{"url": "https://user:secret@news.example/feed"}', 400],
      ['{"url": 42}', 400],
      ['not json', 400],
      [`{"url": "https://news.example/${'a'.repeat(3000)}"}`, 400],
    ] as const) {
      const answer = await post(body);
      assert.equal(answer.status, status, body.slice(0, 60));
      assert.equal(typeof ((await answer.json()) as { error: { message: string } }).error.message, 'string');
    }
    assert.equal((await post('url=https://news.example/feed', 'application/x-www-form-urlencoded')).status, 415);
    const created = await post('{"url": "https://news.example/feed.xml?utm_source=app"}');
    assert.equal(created.status, 201);
    const { feed, watching } = (await created.json()) as { feed: { id: string; url: string }; watching: boolean };
    assert.deepEqual([feed.url, watching], ['https://news.example/feed.xml', false]);
    assert.equal((await post('{"url": "https://news.example/feed.xml"}')).status, 200, 'followed once');
    const listed = (await (await fetch(`${t.url}/api/feeds`)).json()) as { feeds: { id: string }[] };
    assert.deepEqual(
      listed.feeds.map((f) => f.id),
      [feed.id],
    );
    assert.equal((await fetch(`${t.url}/api/feeds/${feed.id}`, { method: 'DELETE' })).status, 204);
    assert.equal((await fetch(`${t.url}/api/feeds/${feed.id}`, { method: 'DELETE' })).status, 404);
  });

  it('asks for the access token like every other endpoint', async () => {
    t = await startTestServer({ token: 'a-long-enough-test-token' });
    assert.equal((await post('{"url": "https://news.example/feed.xml"}')).status, 401);
    assert.equal((await fetch(`${t.url}/api/feeds`)).status, 401);
    assert.equal((await fetch(`${t.url}/api/stories/${t.story.id}/events`)).status, 401);
  });

  it('polls a feed followed from the web app when the server watches', async () => {
    const site = new FeedSite(EXAMPLES);
    await site.start();
    try {
      site.publish('/news/0.html', 'Putin outlines deals');
      t = await startTestServer({
        analyze: { ingest: { allowPrivateNetwork: true }, threads: 0 },
        watch: { everyMs: 60 * 60_000, politeness: { minHostDelayMs: 0 } },
      });
      const answer = await post(JSON.stringify({ url: `${site.base}/feed.xml` }));
      assert.equal(answer.status, 201);
      assert.equal(((await answer.json()) as { watching: boolean }).watching, true);
      // Followed from the web app, polled at once (the watcher is woken): wait for its first poll.
      let feeds: { articles: number; lastPolledAt: string | null }[] = [];
      while (!feeds[0]?.lastPolledAt) {
        feeds = ((await (await fetch(`${t.url}/api/feeds`)).json()) as { feeds: typeof feeds }).feeds;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.equal(feeds[0]?.articles, 1);
      assert.equal(site.count('/news/0.html'), 1);
    } finally {
      await t?.close();
      t = null;
      await site.close();
    }
  });
});
