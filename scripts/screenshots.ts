// `npm run screenshots`: the pictures in docs/screenshots/, taken anew. Analyzes examples/ into a
// temporary database, serves it, and photographs the story page, search results, the API
// reference and the rest at desktop and phone sizes with playwright-core driving Chromium
// (/usr/bin/chromium, or CORROBORATE_CHROMIUM). Nothing is fetched from anywhere else.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { openStore } from '../src/store/index.js';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { startServer } from '../src/server/index.js';

// Page-side code runs in the browser; the project compiles without DOM types.
declare const document: { getElementById(id: string): { dataset: Record<string, string | undefined> } | null };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CORROBORATE_CHROMIUM ?? '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 900 };
/** A common phone's CSS pixels (iPhone 12-15). */
const PHONE = { width: 390, height: 844 };

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`No Chromium at ${CHROMIUM}: install it (apt-get install chromium) or set CORROBORATE_CHROMIUM.\n`);
  process.exit(1);
}

const dir = await mkdtemp(join(tmpdir(), 'corroborate-screenshots-'));
const store = await openStore(join(dir, 'screenshots.db'));
const { dossier } = await runAnalysis([relative(process.cwd(), join(ROOT, 'examples')) || 'examples'], store);
const story = [...dossier.stories].sort((a, b) => b.articles.length - a.articles.length)[0];
if (!story) throw new Error('examples/ made no story');
const server = await startServer({ store, storeLocation: join(dir, 'screenshots.db'), port: 0, host: '127.0.0.1', log: () => {} });
const base = server.url.replace(/\/$/, '');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const written: string[] = [];

try {
  await mkdir(OUT, { recursive: true });
  const page = await browser.newPage({ viewport: DESKTOP });
  // Nothing but this server: a request elsewhere would be a bug the pictures should not hide.
  await page.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
  const derived = story.articles.find((a) => a.derivedFrom.length > 0) ?? story.articles[0]!;

  for (const [size, suffix] of [
    [DESKTOP, ''],
    [PHONE, '-phone'],
  ] as const) {
    await page.setViewportSize(size);
    await shot(page, `#/story/${story.id}`, `story${suffix}`);
    await shot(page, '#/?q=Rusal', `search${suffix}`);
    await shot(page, '#/', `story-list${suffix}`);
    await apiReference(page, `api-reference${suffix}`);
  }
  await page.setViewportSize(DESKTOP);
  await shot(page, `#/article/${derived.id}?story=${story.id}`, 'article');
  await shot(page, '#/ingest', 'ingest');
  await open(page, `#/story/${story.id}`);
  for (const [section, name] of [
    ['derivation', 'derivation-graph'],
    ['coverage', 'coverage-matrix'],
    ['quotes', 'quote-diff'],
    ['numbers', 'numbers'],
  ] as const) {
    await page.locator(`#section-${section}`).screenshot({ path: join(OUT, `${name}.png`) });
    written.push(`${name}.png`);
  }
  process.stdout.write(`Wrote ${written.length} screenshots to ${relative(process.cwd(), OUT)}/: ${written.join(', ')}\n`);
} finally {
  await browser.close();
  await server.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/${hash}`);
  await page.waitForFunction((expected) => document.getElementById('main')?.dataset.rendered === expected, hash);
}

/** The first screen of a page, as a reader opening it sees it. */
async function shot(page: Page, hash: string, name: string): Promise<void> {
  await open(page, hash);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  written.push(`${name}.png`);
}

async function apiReference(page: Page, name: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/api/reference`);
  await page.locator('.swagger-ui .opblock').first().waitFor();
  await page.locator('.opblock-summary', { hasText: '/api/stories' }).first().click();
  await page.locator('.opblock.is-open').first().waitFor();
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  written.push(`${name}.png`);
}
