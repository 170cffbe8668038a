import { spawn } from 'node:child_process';
// A real server over a real SQLite store in a temporary folder, seeded with hand-built dossier
// stories (src/dossier/testing.ts) and their articles, for the API and browser tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/records.js';
import type { DossierArticle, DossierStory } from '../../src/dossier/types.js';
import type { Store } from '../../src/store/types.js';
import { openStore } from '../../src/store/index.js';
import { sampleStory } from '../../src/dossier/testing.js';
import { splitSentences } from '../../src/sentences/index.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/index.js';
import { runAnalysis } from '../../src/pipeline/analyze.js';

export const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

export const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">';
export const HOSTILE_STORY_ID = 'story-hostile';

export interface TestServer {
  readonly url: string;
  readonly store: Store;
  readonly server: RunningServer;
  readonly story: DossierStory;
  readonly hostileStory: DossierStory;
  /** The story `runAnalysis` made of examples/ (the five seed articles), when seeded. */
  readonly examplesStory: DossierStory | null;
  readonly dir: string;
  close(): Promise<void>;
}

/** The stored-article record a dossier article was made from. */
export function articleOf(article: DossierArticle): Article {
  const contentHash = createHash('sha256')
    .update(article.id + article.text)
    .digest('hex');
  return {
    id: article.id,
    contentHash,
    input: article.input,
    url: article.url,
    canonicalUrl: null,
    title: article.title,
    byline: article.byline,
    published: article.published,
    updated: null,
    outlet: article.outlet,
    publisher: article.publisher,
    language: article.language,
    text: article.text,
    removed: article.removed,
    fetchedAt: null,
  };
}

/** The sample story with hostile text everywhere, under its own story and article ids. */
export function hostileSampleStory(): DossierStory {
  // Dated before the other seeds, so it sorts last in the newest-first story list.
  const story = sampleStory({
    id: HOSTILE_STORY_ID,
    hostile: HOSTILE,
    headline: `Hostile ${HOSTILE} headline`,
    firstSeen: '2024-01-10T08:00:00Z',
    lastSeen: '2024-01-11',
  });
  // Same article ids as the plain sample; give them their own (first hex digit changed).
  let json = JSON.stringify(story);
  story.articles.forEach((article, i) => {
    json = json.replaceAll(article.id, (0xd + i).toString(16) + article.id.slice(1));
  });
  return JSON.parse(json) as DossierStory;
}

export async function seedStore(store: Store): Promise<{ story: DossierStory; hostileStory: DossierStory }> {
  const story = sampleStory();
  const hostileStory = hostileSampleStory();
  const articles = [...story.articles, ...hostileStory.articles].map(articleOf);
  await store.saveArticles(articles.map((article) => ({ article, sentences: splitSentences(article.text) })));
  await store.saveStories([story, hostileStory]);
  return { story, hostileStory };
}

/** Runs the whole pipeline over examples/ into the store; returns the story of the most articles. */
export async function seedExamples(store: Store): Promise<DossierStory> {
  // Relative when it can be, so inputs read as a user would give them ("examples/000_....txt").
  const input = relative(process.cwd(), EXAMPLES) || EXAMPLES;
  const result = await runAnalysis([input], store);
  const story = [...result.dossier.stories].sort((a, b) => b.articles.length - a.articles.length)[0];
  if (!story) throw new Error(`analyzing ${EXAMPLES} made no story`);
  return story;
}

export interface TestServerOptions extends Partial<Omit<ServerOptions, 'store'>> {
  /** Also run the pipeline over examples/ (seconds); the hand-built stories are always there. */
  readonly examples?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { examples = false, ...serverOptions } = options;
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-server-test-'));
  const store = await openStore(join(dir, 'test.db'));
  const { story, hostileStory } = await seedStore(store);
  const examplesStory = examples ? await seedExamples(store) : null;
  const server = await startServer({
    store,
    storeLocation: join(dir, 'test.db'),
    port: 0,
    host: '127.0.0.1',
    log: () => {},
    ...serverOptions,
  });
  return {
    url: server.url.replace(/\/$/, ''),
    store,
    server,
    story,
    hostileStory,
    examplesStory,
    dir,
    async close() {
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls a job until it finishes. */
export async function waitForJob(url: string, id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const response = await fetch(`${url}/api/jobs/${id}`);
    const { job } = (await response.json()) as { job: Record<string, unknown> };
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The TypeScript source through tsx, so the tests never run a stale dist/; `compiled` runs the
// published bin, which runs dist/ (test/package.test.ts).
const SOURCE_ENTRY = ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/run.ts', import.meta.url))];
const COMPILED_ENTRY = [fileURLToPath(new URL('../../bin/corroborate.js', import.meta.url))];

/** `corroborate <args>` as a child process, its output collected; `printed` waits for a line on stdout. */
export function runCli(args: readonly string[], { compiled = false } = {}) {
  const entry = compiled ? COMPILED_ENTRY : SOURCE_ENTRY;
  const child = spawn(process.execPath, [...entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (match) resolve(match);
      };
      check();
      child.stdout.on('data', check);
      void exited.then((code) => reject(new Error(`corroborate ${args[0]} exited ${code}: ${stderr}`)));
    });
  return { child, exited, printed, output: () => ({ stdout, stderr }) };
}
