// `corroborate watch` as a user runs it: follows a feed on a 127.0.0.1 site the test starts,
// prints a line per poll on standard error, and stops cleanly on Ctrl-C.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, runCli } from './server/helpers.js';
import { runMain } from '../src/cli/testing.js';
import { openStore } from '../src/store/index.js';
import { FeedSite } from '../src/watch/testing.js';

describe('corroborate watch', () => {
  it('adds the articles of a followed feed, keeps the feed in the database, and exits 0 on SIGINT', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-watch-'));
    const site = new FeedSite(EXAMPLES);
    await site.start();
    site.publish('/news/0.html', 'Putin outlines deals');
    site.publish('/news/1.html', 'Another story');
    const db = join(dir, 'watch.db');
    const watcher = runCli(['watch', `${site.base}/feed.xml`, '--db', db, '--every', '1h', '--threads', '0', '--allow-private-network']);
    try {
      await watcher.printed(/following 1 feed/);
      await new Promise<void>((resolve, reject) => {
        const check = () => /2 new articles/.test(watcher.output().stderr) && resolve();
        watcher.child.stderr.on('data', check);
        void watcher.exited.then((code) => reject(new Error(`watch exited ${code}: ${watcher.output().stderr}`)));
      });
      watcher.child.kill('SIGINT');
      assert.equal(await watcher.exited, 0, watcher.output().stderr);
      assert.match(watcher.output().stderr, /feed\.xml: 2 new items, 2 new articles in \d+ stor(y|ies); next poll \d\d:\d\d UTC/);
      assert.match(watcher.output().stderr, /Stopped watching/);
      const store = await openStore(db);
      try {
        assert.equal(await store.countArticles(), 2);
        assert.deepEqual(
          (await store.listFeeds()).map((f) => [f.url, f.articles]),
          [[`${site.base}/feed.xml`, 2]],
        );
      } finally {
        await store.close();
      }
    } finally {
      watcher.child.kill('SIGKILL');
      await site.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad flags and inputs with exit code 2', async () => {
    for (const [args, message] of [
      [['watch', '--every', '0s'], /--every must be a duration/],
      [['watch', '--every', 'soon'], /--every must be a duration/],
      [['watch', 'feeds.txt'], /not an http\(s\) URL/],
      [['watch', '--threads', '-1'], /--threads must be/],
    ] as const) {
      const run = await runMain(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });
});
