// The package as npm ships it: the compiled dist/ (built by `npm ci` through `prepare`), the bin
// that runs it, the library entry in the exports map, and an ingest job in the compiled analysis
// thread (which starts analysis-thread-main.js without tsx). The other tests run the TypeScript source.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES, runCli, waitForJob } from './server/helpers.js';
import { FeedSite } from '../src/watch/testing.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  exports: Record<string, { types: string; import: string } | string>;
};
const BUILT = existsSync(join(ROOT, 'dist/cli/run.js'));

describe('the compiled package', () => {
  before(() => assert.ok(BUILT, 'dist/ is missing: run `npm run build` (npm ci runs it through prepare)'));

  it('bin/corroborate.js runs dist/', async () => {
    const run = runCli(['--version'], { compiled: true });
    assert.equal(await run.exited, 0, run.output().stderr);
    assert.equal(run.output().stdout, `corroborate ${manifest.version}\n`);
  });

  it('the exports map names files that exist and the library API is there', async () => {
    const entry = manifest.exports['.'];
    assert.ok(entry && typeof entry === 'object');
    assert.ok(existsSync(join(ROOT, entry.types)), entry.types);
    const library = (await import(join(ROOT, entry.import))) as Record<string, unknown>;
    for (const name of [
      'runAnalysis',
      'analyzeStream',
      'analyzeArticles',
      'extractArticle',
      'readInputs',
      'openStore',
      'validateDossier',
      'watch',
    ]) {
      assert.equal(typeof library[name], 'function', name);
    }
  });

  it('analyze runs its worker threads from dist/ (no tsx)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-package-threads-'));
    try {
      // Enough documents for a pool (a smaller chunk runs on the main thread): one JSON line each.
      const examples = (await readdir(join(ROOT, 'examples'))).filter((name) => name.endsWith('.txt'));
      const lines: string[] = [];
      for (let i = 0; i < 20; i++) {
        const text = await readFile(join(ROOT, 'examples', examples[i % examples.length]!), 'utf8');
        lines.push(JSON.stringify({ url: `https://example.com/${i}`, text: `${text}\n\nCopy ${i}.` }));
      }
      await writeFile(join(dir, 'in.jsonl'), `${lines.join('\n')}\n`);
      const run = runCli(['analyze', join(dir, 'in.jsonl'), '--db', join(dir, 'c.db'), '--out', dir, '--threads', '2'], { compiled: true });
      assert.equal(await run.exited, 0, run.output().stderr);
      const dossier = JSON.parse(await readFile(join(dir, 'stories.json'), 'utf8')) as { stories: { articles: unknown[] }[] };
      assert.equal(
        dossier.stories.reduce((n, s) => n + s.articles.length, 0),
        20,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  describe('serve runs an ingest job in the compiled analysis thread', () => {
    let dir = '';
    let server: ReturnType<typeof runCli> | null = null;
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'corroborate-package-'));
    });
    after(async () => {
      server?.child.kill('SIGKILL');
      await server?.exited;
      await rm(dir, { recursive: true, force: true });
    });

    it('adds a pasted article', async () => {
      server = runCli(['serve', '--db', join(dir, 'c.db'), '--port', '0'], { compiled: true });
      const [, url] = (await server.printed(/(http:\/\/127\.0\.0\.1:\d+)\//)) as unknown as [string, string];
      const text = await readFile(join(ROOT, 'examples/000_0c083f95c1e08a76.txt'), 'utf8');
      const response = await fetch(`${url}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
      });
      assert.equal(response.status, 202, await response.clone().text());
      const { job } = (await response.json()) as { job: { id: string } };
      const done = await waitForJob(url, job.id);
      assert.equal(done.state, 'done', JSON.stringify(done));
      assert.equal((done.articlesAdded as string[]).length, 1, JSON.stringify(done));
    });
  });

  describe('serve --watch polls in the compiled watcher thread', () => {
    let dir = '';
    let server: ReturnType<typeof runCli> | null = null;
    const site = new FeedSite(EXAMPLES);
    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'corroborate-package-watch-'));
      await site.start();
    });
    after(async () => {
      server?.child.kill('SIGKILL');
      await server?.exited;
      await site.close();
      await rm(dir, { recursive: true, force: true });
    });

    it('adds the article of a feed followed through the API', async () => {
      site.publish('/news/0.html', 'Putin outlines deals');
      server = runCli(['serve', '--db', join(dir, 'c.db'), '--port', '0', '--watch', '--allow-private-network'], { compiled: true });
      const [, url] = (await server.printed(/(http:\/\/127\.0\.0\.1:\d+)\//)) as unknown as [string, string];
      const followed = await fetch(`${url}/api/feeds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${site.base}/feed.xml` }),
      });
      assert.equal(followed.status, 201, await followed.clone().text());
      // The thread polls at once: wait for the poll it records (a server that died fails below).
      let feeds: { articles: number; lastPolledAt: string | null; lastError: string | null }[] = [];
      while (!feeds[0]?.lastPolledAt && server.child.exitCode === null) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        feeds = ((await (await fetch(`${url}/api/feeds`)).json()) as { feeds: typeof feeds }).feeds;
      }
      assert.deepEqual([feeds[0]?.articles, feeds[0]?.lastError], [1, null], server.output().stderr);
      assert.match(server.output().stderr, /feed\.xml: 1 new item, 1 new article/);
    });
  });
});
