// The web app in a real browser (Debian's chromium driven by playwright-core): the seed story's
// brief, graph, matrix and quote diffs, the article page, ingesting a pasted article, hostile text
// shown inert, keyboard use and a phone-width layout. Screenshots go to test-artifacts/screenshots/;
// the ones in docs/screenshots/ are taken by `npm run screenshots` (scripts/screenshots.ts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { DossierStory } from '../../src/dossier/types.js';
import { HOSTILE_STORY_ID, startTestServer, type TestServer } from '../server/helpers.js';

// Page-side code inside page.evaluate runs in the browser; the project compiles without DOM types.
declare const document: any;
declare const window: any;
declare const location: any;
declare function getComputedStyle(element: unknown): { color: string };

const CHROMIUM = process.env.CORROBORATE_CHROMIUM ?? '/usr/bin/chromium';
/** Why the browser tests cannot run here (CI without Chromium sets CORROBORATE_SKIP_BROWSER=1); null when they can. */
const SKIP =
  process.env.CORROBORATE_SKIP_BROWSER === '1' ? 'CORROBORATE_SKIP_BROWSER=1' : existsSync(CHROMIUM) ? null : `no Chromium at ${CHROMIUM}`;
const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');
/** Generous for a loaded 2-core machine; a healthy page renders in well under a second. */
const WAIT_MS = 15_000;

if (SKIP) {
  // Said on stderr as well as in the test report, so `npm test` shows it whatever the reporter.
  process.stderr.write(
    `Browser tests skipped (${SKIP}). To run them, install Chromium (apt-get install chromium) or point ` +
      'CORROBORATE_CHROMIUM at a Chromium or Chrome binary, then run `npm run test:browser`.\n',
  );
}

describe('web app', { skip: SKIP ? `browser tests skipped (${SKIP}); see npm run test:browser` : false }, () => {
  let t: TestServer;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const pageErrors: string[] = [];

  before(async () => {
    const { chromium } = await import('playwright-core');
    t = await startTestServer({ examples: true });
    profile = await mkdtemp(join(tmpdir(), 'corroborate-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--no-first-run',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(WAIT_MS);
    // No external network at run time: any request leaving the test server fails the test.
    await context.route('**/*', (route) => (route.request().url().startsWith(t.url) ? route.continue() : route.abort()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // CSP violations and failed loads surface as console errors.
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      pageErrors.push(`dialog opened: ${dialog.message()}`);
      void dialog.dismiss();
    });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  after(async () => {
    await context?.close();
    await t?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function open(hash: string): Promise<void> {
    // A fresh load each time: no scroll position or focus carried over from the previous test.
    await page.goto('about:blank');
    await page.goto(`${t.url}/${hash}`);
    // The router marks <main> with the route it has finished rendering.
    await page.waitForFunction((expected) => document.getElementById('main')?.dataset.rendered === expected, hash);
  }

  /** The whole page as a test artifact, to look at when a test fails. */
  async function screenshot(name: string): Promise<void> {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async function sectionShot(section: string, name: string): Promise<void> {
    await elementShot(`#section-${section}`, name);
  }

  async function elementShot(selector: string, name: string): Promise<void> {
    const element = page.locator(selector);
    await element.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  }

  /** The story the pipeline made of examples/: the seed story every view is checked on. */
  const seedId = () => t.examplesStory!.id;

  const squashAll = (text: string) => text.replace(/\s+/g, ' ');

  async function storyOf(id: string): Promise<DossierStory> {
    return ((await (await fetch(`${t.url}/api/stories/${id}`)).json()) as { story: DossierStory }).story;
  }

  it('lists the stories with their facts, and filters them', async () => {
    await open('#/');
    const cards = page.locator('.story-card');
    assert.equal(await cards.count(), 3);
    const card = cards.filter({ hasText: t.story.headline });
    assert.match(await card.innerText(), /Articles\s*3/);
    assert.match(await card.innerText(), /Independent origins\s*1/);
    assert.match(await card.innerText(), /Findings\s*3/);
    assert.match(await card.innerText(), /Wire, Daily Example, Summary Post/);
    const seed = cards.filter({ hasText: t.examplesStory!.headline });
    assert.match(await seed.innerText(), /Articles\s*5/);
    await screenshot('story-list');

    await page.fill('#filter-q', 'Hostile');
    await page.press('#filter-q', 'Enter');
    await page.locator('.result-count', { hasText: '1 story match' }).waitFor();
    assert.equal(await page.locator('.story-card').count(), 1);
  });

  it('shows the brief with each citation revealing its source sentence on focus', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}`);
    // What every citation holds, read in one pass; then each sentence's first citation focused.
    const drawn: { text: string; cites: { article: string; quotes: string[] }[] }[] = await page.evaluate(() =>
      [...document.querySelectorAll('.brief-sentence')].map((li: any) => ({
        text: li.querySelector('.brief-text').textContent,
        cites: [...li.querySelectorAll('a.cite')].map((a: any) => ({
          article: a.dataset.article,
          quotes: [...a.querySelectorAll('.tip .tip-quote')].map((q: any) => q.textContent),
        })),
      })),
    );
    const expected = story.brief.map((sentence) => ({
      text: sentence.text,
      cites: sentence.citations.map((articleId) => {
        const text = story.articles.find((a) => a.id === articleId)!.text;
        return {
          article: articleId,
          // In quotation marks once: a sentence that opens with its own keeps only those.
          quotes: sentence.sources
            .filter((s) => s.article === articleId)
            .map((s) => text.slice(s.start, s.end))
            .map((q) => (/^\s*["“”„«‘']/.test(q) ? q : `“${q}”`)),
        };
      }),
    }));
    assert.deepEqual(drawn, expected);
    const sentences = page.locator('.brief-sentence');
    for (let i = 0; i < story.brief.length; i++) {
      const cite = sentences.nth(i).locator('a.cite').first();
      assert.equal(await cite.locator('.tip').isVisible(), false, 'tips are hidden until wanted');
      await cite.focus();
      await cite.locator('.tip').waitFor({ state: 'visible' });
    }
    await page.keyboard.press('Escape');
    await sentences.last().locator('a.cite').first().locator('.tip').waitFor({ state: 'hidden' });
    await page.evaluate(() => document.activeElement?.blur());
    await page.locator('a.cite').first().hover();
    await screenshot('story');
  });

  it('draws the derivation graph with one node per article and one arrow per derivation', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}`);
    const graph = page.locator('svg.graph');
    assert.equal(await graph.locator('a.node').count(), story.articles.length);
    const expected = story.articles.flatMap((a) => a.derivedFrom.map((l) => `${l.article}->${a.id}:${a.role}`)).sort();
    const drawn = await graph
      .locator('g.edge')
      .evaluateAll((edges) =>
        edges.map((e) => `${e.getAttribute('data-from')}->${e.getAttribute('data-to')}:${e.getAttribute('data-role')}`),
      );
    assert.deepEqual(drawn.sort(), expected);
    // Layered: every source sits left of what derives from it.
    for (const article of story.articles) {
      for (const link of article.derivedFrom) {
        const x = async (id: string) => Number(await graph.locator(`a.node[data-article="${id}"] rect`).getAttribute('x'));
        assert.ok((await x(link.article)) < (await x(article.id)), 'sources are drawn left of their derivatives');
      }
    }
    await graph.scrollIntoViewIfNeeded();
    await sectionShot('derivation', 'derivation-graph');

    // A derived article's page underlines the passages it shares with its source.
    const derived = story.articles.find((a) => a.derivedFrom.some((l) => l.evidence.length > 0));
    assert.ok(derived, 'the seed story has a derived article with evidence');
    await open(`#/article/${derived.id}?story=${story.id}`);
    // Marked pieces are contiguous in the text, except where a paragraph break was dropped.
    const evidence = squashAll(
      await page.locator('.article-text mark.evidence').evaluateAll((marks) => marks.map((m: any) => m.textContent).join('')),
    );
    for (const passage of derived.derivedFrom.flatMap((l) => l.evidence)) {
      const text = squashAll(derived.text.slice(passage.targetStart, passage.targetEnd).replace(/\n\s*\n/g, ''));
      assert.ok(evidence.includes(text), `evidence passage "${text.slice(0, 60)}" is marked`);
    }
  });

  it('fills the coverage matrix with each mention status and absent cells', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}`);
    await sectionShot('coverage', 'coverage-matrix');
    const showAll = page.locator('.matrix-block button.show-all');
    if (await showAll.count()) await showAll.click();
    const drawn: Record<string, string> = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll('table.matrix td.cell')].map((td: any) => [
          `${td.closest('tr').dataset.claim}/${td.dataset.article}`,
          `${td.dataset.status} ${td.textContent}`,
        ]),
      ),
    );
    const expected: Record<string, string> = {};
    for (const claim of story.claims) {
      for (const article of story.articles) {
        const mention = claim.mentions.find((m) => m.article === article.id);
        expected[`${claim.id}/${article.id}`] = mention ? `${mention.status} ${mention.status}` : 'absent —';
      }
    }
    assert.deepEqual(drawn, expected);
    assert.ok(
      Object.values(drawn).some((v) => v.startsWith('absent')),
      'some claims are absent from some articles',
    );
    assert.ok(await page.locator('.matrix-block .legend li', { hasText: 'conflicting' }).count());
  });

  it('shows each quote version with its word-level diff, and conflicting numbers highlighted', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}`);
    await sectionShot('quotes', 'quote-diff');
    await sectionShot('numbers', 'numbers');
    const more = page.locator('#section-quotes button.show-all');
    if (await more.count()) await more.click();
    let diffsChecked = 0;
    for (const claim of story.claims.filter((c) => c.kind === 'quote')) {
      for (const mention of claim.mentions.filter((m) => m.diff?.length && m.status !== 'paraphrased' && m.status !== 'conflicting')) {
        const diff = page.locator(`li.quote[data-claim="${claim.id}"] li.version[data-article="${mention.article}"] .diff`);
        const dropped = mention.diff!.filter((c) => c.op === 'dropped').map((c) => c.text);
        const substituted = mention.diff!.filter((c) => c.op === 'substituted');
        assert.deepEqual(await diff.locator('del.dropped').allInnerTexts(), dropped);
        assert.deepEqual(
          await diff.locator('.substituted del').allInnerTexts(),
          substituted.map((c) => c.was ?? ''),
        );
        assert.deepEqual(
          await diff.locator('.substituted ins').allInnerTexts(),
          substituted.map((c) => c.text),
        );
        diffsChecked++;
      }
    }
    assert.ok(diffsChecked > 0, 'the seed story has quote versions with diffs');
    // Side by side: the reference first, every version saying what differs, and the versions of one
    // quote in columns next to each other on a wide screen.
    let sideBySide = 0;
    for (const claim of story.claims.filter((c) => c.kind === 'quote' && c.mentions.length > 1)) {
      const versions = page.locator(`li.quote[data-claim="${claim.id}"] li.version`);
      const reference = claim.mentions.find((m) => m.status === 'original');
      if (reference) assert.equal(await versions.first().getAttribute('data-article'), reference.article);
      for (const text of await versions.locator('.what-differs').allInnerTexts()) assert.ok(text.trim().length > 0);
      for (const mention of claim.mentions.filter((m) => m.status === 'altered' && m.diff?.some((c) => c.op === 'substituted'))) {
        const line = await page
          .locator(`li.quote[data-claim="${claim.id}"] li.version[data-article="${mention.article}"] .what-differs`)
          .innerText();
        assert.match(line, /^Changes /);
      }
      const [a, b] = [await versions.nth(0).boundingBox(), await versions.nth(1).boundingBox()];
      if (a && b && a.y === b.y && b.x > a.x) sideBySide++;
    }
    assert.ok(sideBySide > 0, 'versions of a quote stand side by side');
    for (const claim of story.claims.filter((c) => c.kind === 'quantity')) {
      const conflicting = claim.contested || claim.mentions.some((m) => m.status === 'conflicting' || m.status === 'drifted');
      const row = page.locator(`table.numbers tr[data-claim="${claim.id}"]`);
      assert.equal(await row.evaluate((r) => r.classList.contains('conflict')), conflicting);
    }
    // Every article is on the timeline; those without a date drawn apart, never given one.
    assert.equal(await page.locator('svg.timeline a.timeline-row').count(), story.articles.length);
    assert.equal(await page.locator('svg.timeline a.timeline-row.undated').count(), story.articles.filter((a) => !a.published).length);
  });

  it('shows an article with its claims highlighted and the removed chrome greyed', async () => {
    const story = await storyOf(seedId());
    const article = story.articles.find((a) => a.removed.length > 0) ?? story.articles[0]!;
    await open(`#/article/${article.id}?story=${story.id}`);
    if (article.title) assert.equal(await page.locator('main h1').innerText(), article.title);
    assert.equal((await page.locator('.article-text').innerText()).replace(/\s+/g, ' ').trim(), article.text.replace(/\s+/g, ' ').trim());
    const marked = await page.locator('.article-text mark.claim').allInnerTexts();
    const mentions = story.claims.flatMap((c) =>
      c.mentions.filter((m) => m.article === article.id).map((m) => article.text.slice(m.start, m.end)),
    );
    assert.ok(mentions.length > 0, 'the seed article has claims');
    // Marks of overlapping claims (a statement holding a quoted phrase) are cut at each other's edges: compare without spaces.
    const bare = (text: string) => text.replace(/\s+/g, '');
    const allMarked = bare(marked.join(''));
    for (const mention of mentions) assert.ok(allMarked.includes(bare(mention)), `"${mention}" is highlighted`);
    const removed = page.locator('.removed-text');
    const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
    assert.deepEqual(
      (await removed.allInnerTexts()).map(squash),
      article.removed.map((b) => squash(b.text)),
    );
    const colour = await removed.first().evaluate((el) => getComputedStyle(el).color);
    assert.equal(colour, 'rgb(152, 162, 179)', 'removed chrome is greyed');
    await screenshot('article');
  });

  it('shows hostile article text inert, as text', async () => {
    for (const hash of [
      `#/story/${HOSTILE_STORY_ID}`,
      `#/article/${t.hostileStory.articles[0]!.id}?story=${HOSTILE_STORY_ID}`,
      '#/?q=Hostile',
    ]) {
      await open(hash);
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined, `no script ran on ${hash}`);
      assert.equal(await page.locator('main img, main script, main iframe').count(), 0, `no element was made from text on ${hash}`);
      assert.ok((await page.locator('main').innerText()).includes('<script>window.__pwned=1</script>'), 'the markup is shown as text');
    }
    await open(`#/story/${HOSTILE_STORY_ID}`);
    await screenshot('hostile-text');
  });

  it('can be used from the keyboard: skip link, focusable citations and graph nodes', async () => {
    await open(`#/story/${seedId()}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'skip-link');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.ok(page.url().endsWith(`#/story/${seedId()}`), 'the skip link keeps the route');
    let reachedCite = false;
    let reachedNode = false;
    for (let i = 0; i < 120 && !(reachedCite && reachedNode); i++) {
      await page.keyboard.press('Tab');
      const cls = await page.evaluate(() => document.activeElement?.getAttribute('class') ?? '');
      if (cls.includes('cite')) {
        reachedCite = true;
        assert.ok(await page.locator('a.cite:focus .tip').isVisible(), 'a focused citation shows its source');
      }
      if (cls.includes('node')) reachedNode = true;
    }
    assert.ok(reachedCite && reachedNode, 'citations and graph nodes are reachable with Tab');
  });

  it('fits a phone screen without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [hash, name] of [
        [`#/story/${seedId()}`, 'story-phone'],
        ['#/', 'story-list-phone'],
      ] as const) {
        await open(hash);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${hash} is ${overflow}px wider than the screen`);
        await screenshot(name);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('ingests a pasted article and shows it in the story it joins', async () => {
    // A reprint of the seed story's original: it must join that story, not start its own.
    const seed = await storyOf(seedId());
    const original = seed.articles.find((a) => a.role === 'original') ?? seed.articles[0]!;
    const paragraphs = original.text.split(/\n\s*\n/);
    const reprint = [
      ...paragraphs.slice(0, Math.max(3, Math.ceil(paragraphs.length * 0.7))),
      'Analysts said the offer was aimed at the negotiations.',
    ].join('\n\n');
    await open('#/ingest');
    await page.fill('#ingest-title', original.title ?? 'A reprint');
    await page.fill('#ingest-text', reprint);
    await screenshot('ingest');
    await page.click('.ingest-form button[type=submit]');
    const state = page.locator('.job-state[data-state="done"], .job-state[data-state="failed"]');
    await state.waitFor({ timeout: 120_000 });
    assert.equal(await state.getAttribute('data-state'), 'done', await page.locator('.job-status').innerText());
    await elementShot('.job-status', 'ingest-done');
    await page.locator('.touched-stories a').first().click();
    await page.waitForFunction(() => document.getElementById('main')?.dataset.rendered?.startsWith('#/story/'));
    const storyId = decodeURIComponent(page.url().split('#/story/')[1]!);
    const story = await storyOf(storyId);
    const seedIds = new Set(seed.articles.map((a) => a.id));
    const pasted = story.articles.filter((a) => !seedIds.has(a.id));
    assert.equal(pasted.length, 1, 'the pasted article is in the story');
    assert.ok(pasted[0]!.text.includes(paragraphs[1]!.trim()), 'with the text that was pasted');
    assert.ok(
      story.articles.some((a) => a.id === original.id),
      'the pasted article joined the story of the article it reprints',
    );
    assert.ok(story.articles.length > seed.articles.length);
    assert.equal(await page.locator('svg.graph a.node').count(), story.articles.length);
    // Recent jobs link their stories by headline.
    await open('#/ingest');
    await page.locator('.job-list a').first().waitFor();
    assert.ok((await page.locator('.job-list a').allInnerTexts()).includes(story.headline));
    assert.ok(!(await page.locator('.job-list a').allInnerTexts()).includes('story'));
  });

  it('searches article text and outlets by a word, showing the passage found', async () => {
    const seed = await storyOf(seedId());
    await open('#/');
    await page.fill('#filter-q', 'Rusal');
    await page.press('#filter-q', 'Enter');
    await page.locator('.result-count', { hasText: '1 story match' }).waitFor();
    const card = page.locator('.story-card');
    assert.equal(await card.locator('h2').innerText(), seed.headline);
    assert.deepEqual(await card.locator('.snippet mark').allInnerTexts(), ['Rusal']);
    const found = await card.locator('.match-source a').getAttribute('href');
    assert.ok(found?.startsWith('#/article/'), 'the passage links to its article');
    await screenshot('search-results');

    await open('#/?outlet=Epoch');
    await page.locator('.result-count', { hasText: '1 story match' }).waitFor();
    assert.equal(await page.locator('.story-card h2').innerText(), seed.headline);
    const suggestions = await page.locator('#outlet-names option').evaluateAll((options) => options.map((o: any) => o.value));
    assert.ok(suggestions.includes('The Epoch Times'), suggestions.join(', '));
  });

  it('says what is wrong with a filter next to the form, and keeps the form', async () => {
    await open('#/?from=2025-03-01&to=2025-01-01');
    const problem = page.locator('.form-error');
    assert.match(await problem.innerText(), /"From" \(2025-03-01\) is after "To" \(2025-01-01\)/);
    assert.equal(await page.locator('#filter-to').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('main h1').innerText(), 'Stories');
    assert.equal(await page.locator('.story-card').count(), 0);
    // Typed into the form, the same mistake is caught before anything is asked of the server.
    await page.fill('#filter-from', '2025-05-01');
    await page.fill('#filter-to', '2025-04-01');
    await page.click('form.filters button[type=submit]');
    await page.locator('.form-error', { hasText: '"From" (2025-05-01)' }).waitFor();
    assert.ok(page.url().endsWith('#/?from=2025-03-01&to=2025-01-01'), 'no search was made');
    // What only the server can refuse is said in the same place.
    const seen = pageErrors.length;
    await open('#/?from=last-tuesday');
    assert.match(await page.locator('.form-error').innerText(), /'from' must be an ISO 8601 date .*'last-tuesday'/);
    assert.equal(await page.locator('main h1').innerText(), 'Stories');
    // The browser logs the 400 it was answered; that was asked for.
    pageErrors.push(...pageErrors.splice(seen).filter((e) => !/status of 400/.test(e)));
  });

  it('answers an unknown story or article with a not-found page and a way back', async () => {
    const seen = pageErrors.length;
    for (const [hash, title] of [
      ['#/story/no-such-story', 'Story not found'],
      ['#/article/0000000000000000?story=no-such-story', 'Article not found'],
    ] as const) {
      await open(hash);
      assert.equal(await page.locator('main h1').innerText(), title);
      assert.match(await page.locator('main [role=alert]').innerText(), /No (story|article) with id/);
      assert.equal(await page.locator('main a[href="#/"]').count(), 1, 'a way back to the stories');
    }
    // The browser logs each 404 it was answered; those were asked for.
    const unexpected = pageErrors.splice(seen).filter((e) => !/status of 404/.test(e));
    pageErrors.push(...unexpected);
  });

  it('gives each section of a story an address, and Back returns to where the reader was', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}/quotes`);
    const top = () => page.locator('#heading-quotes').evaluate((el: any) => Math.round(el.getBoundingClientRect().top));
    assert.ok(Math.abs(await top()) < 5, `the quotes heading is at the top (${await top()}px)`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'heading-quotes');
    // Another section of the same story: scrolled to, not drawn again.
    await page.evaluate(() => (document.querySelector('main .page').dataset.drawn = 'once'));
    await page.click('nav.toc a[data-section="findings"]');
    await page.waitForFunction(() => location.hash.endsWith('/findings'));
    await page.waitForFunction(() => Math.abs(document.getElementById('heading-findings').getBoundingClientRect().top) < 5);
    assert.equal(await page.evaluate(() => document.querySelector('main .page').dataset.drawn), 'once');

    // Deep in the page, to an article and Back: the same place, not the top.
    await page.evaluate(() => window.scrollTo(0, 2500));
    await page.waitForTimeout(300);
    const before = await page.evaluate(() => Math.round(window.scrollY));
    assert.ok(before > 2000, `scrolled to ${before}`);
    await page.evaluate(() => document.querySelector('.article-list a').click());
    await page.waitForFunction(() => document.getElementById('main')?.dataset.rendered?.startsWith('#/article/'));
    await page.goBack();
    await page.waitForFunction(() => document.getElementById('main')?.dataset.rendered?.includes('/story/'));
    assert.ok(Math.abs((await page.evaluate(() => Math.round(window.scrollY))) - before) < 5, 'Back returns to the same place');
  });

  it('names articles as readers know them: the role said once, no ids, dates as given, whole names in the graph', async () => {
    const story = await storyOf(seedId());
    await open(`#/story/${story.id}`);
    const text = await page.locator('main').innerText();
    for (const article of story.articles) assert.ok(!text.includes(article.id), `no internal id ${article.id}`);
    assert.doesNotMatch(text, /00:00|T00:00/, 'a date-only value is a date');
    assert.match(text, /24 Feb 2025/);
    for (const line of await page.locator('.article-list li > p:last-child').allInnerTexts()) {
      const [role, ...rest] = line.split(' ');
      assert.doesNotMatch(rest.join(' '), new RegExp(`^${role}\\b`, 'i'), `the role is said once: ${line}`);
    }
    assert.match(text, /summary of A1 · Reuters: /i, 'a derived article names its source by name');
    // Graph nodes carry whole names, over two lines when needed.
    const epoch = story.articles.find((a) => a.outlet === 'The Epoch Times')!;
    const drawn = await page.locator(`svg.graph a.node[data-article="${epoch.id}"] .node-name tspan`).allTextContents();
    assert.match(drawn.join(' '), /^A\d · The Epoch Times$/);
    await open(`#/article/${epoch.id}?story=${story.id}`);
    const role = await page.locator('dl.metadata div', { hasText: 'Role' }).locator('dd').innerText();
    assert.match(role, /^independent it shares (too little text|facts with)/, 'the role, then its reason, said once');
  });

  it('explains a contested sentence and cites the article that disputes it', async () => {
    await open(`#/story/${t.story.id}`);
    const contested = page.locator('.brief-sentence.contested');
    assert.equal(await contested.count(), t.story.brief.filter((s) => s.contested).length);
    const note = contested.first().locator('.contested-note');
    assert.match(
      await note.innerText(),
      /^Contested: A3 · Summary Post gives “4 million tonnes” where this says “3\.8 million tonnes” \(conflicting\)\.$/,
    );
    const summary = t.story.articles.find((a) => a.outlet === 'Summary Post')!;
    const href = await note.locator('a').getAttribute('href');
    const at = summary.text.indexOf('4 million tonnes');
    assert.equal(href, `#/article/${summary.id}?story=${t.story.id}&hl=${at}-${at + '4 million tonnes'.length}`);
  });

  it('shows an ingest job by its real stages, never a full bar before it ends, and a job of failed inputs as failed', async () => {
    await open('#/ingest');
    // The page's own drawing of a job, fed jobs at each stage.
    const job = (fields: object) => ({
      id: 'j',
      state: 'running',
      stage: 'ingest',
      done: 0,
      total: null,
      inputs: ['pasted text'],
      articlesAdded: [],
      articlesExisting: [],
      storiesTouched: [],
      errors: [],
      ...fields,
    });
    const jobs = [
      job({ state: 'queued' }),
      job({ stage: 'ingest', done: 1, total: 1 }),
      job({ stage: 'analyze', done: 0, total: null }),
      job({ stage: 'analyze', done: 2, total: 2 }),
      job({ state: 'done', errors: [{ input: 'http://x', message: 'refused' }] }),
    ];
    const drawn = await page.evaluate(async (given: object[]) => {
      const module = '/pages/ingest.js';
      const { showJob } = await import(module);
      return given.map((j) => {
        const status = document.createElement('div');
        showJob(status, j);
        const progress = status.querySelector('progress');
        return {
          state: status.querySelector('.job-state').dataset.state,
          heading: status.querySelector('.job-state').textContent,
          current: status.querySelector('.stage-current')?.dataset.stage ?? null,
          bar: progress ? Number(progress.value) : null,
        };
      });
    }, jobs);
    assert.deepEqual(
      drawn.map((d: { state: string; current: string | null }) => [d.state, d.current]),
      [
        ['queued', null],
        ['running', 'ingest'],
        ['running', 'analyze'],
        ['running', 'analyze'],
        ['failed', null],
      ],
    );
    for (const d of drawn.slice(0, 4)) assert.ok(d.bar !== null && d.bar < 1, `the bar is not full while the job runs (${d.bar})`);
    assert.equal(drawn[4]!.heading, 'Job failed: none of its inputs gave an article');

    // A real job whose only input is refused.
    await page.fill('#ingest-urls', 'http://127.0.0.1:9/nothing-here');
    await page.click('.ingest-form button[type=submit]');
    const state = page.locator('.job-status .job-state[data-state="done"], .job-status .job-state[data-state="failed"]');
    await state.waitFor({ timeout: 120_000 });
    assert.equal(await state.getAttribute('data-state'), 'failed', await page.locator('.job-status').innerText());
    assert.match(await page.locator('.job-problems.failed').innerText(), /127\.0\.0\.1/);
  });

  it('serves a readable API reference from this server, working under the strict policy', async () => {
    await page.goto('about:blank');
    await page.goto(`${t.url}/api/reference`);
    await page.locator('.swagger-ui .opblock').first().waitFor();
    assert.ok((await page.locator('.swagger-ui .opblock').count()) >= 8, 'every operation is listed');
    assert.match(await page.locator('.swagger-ui').innerText(), /\/api\/stories/);
    await page.locator('.opblock-summary', { hasText: '/api/stories' }).first().click();
    await page.locator('.opblock.is-open').first().waitFor();
    await screenshot('api-reference');
  });

  it('draws an open story again, where the reader was, when the story changes', async () => {
    const story = t.story;
    await open(`#/story/${story.id}`);
    await page.evaluate(() => window.scrollTo(0, 200));
    try {
      await t.store.saveStories([{ ...story, headline: 'Bridge reopens after repairs, officials now say' }]);
      await page.waitForSelector('.live-update');
      assert.equal(await page.locator('h1').textContent(), 'Bridge reopens after repairs, officials now say');
    } finally {
      await t.store.saveStories([story]);
    }
  });

  it('follows a feed from the ingest page, lists it, and stops following it', async () => {
    await open('#/ingest');
    await page.fill('#follow-url', 'https://news.example/feed.xml');
    await page.click('.follow-form button[type=submit]');
    await page.waitForSelector('.feeds-followed li');
    assert.match((await page.locator('.feeds-followed li').textContent()) ?? '', /news\.example\/feed\.xml · 0 articles/);
    assert.match((await page.locator('.feed-status').textContent()) ?? '', /does not poll feeds/);
    await page.click('.feeds-followed button');
    await page.waitForFunction(() => document.querySelectorAll('.feeds-followed li').length === 0);
  });

  it('raised no script error, CSP violation or failed load on any page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
