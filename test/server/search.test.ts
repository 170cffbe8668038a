// Searching stories through the API over the five example articles: words of article text (not
// only headlines), outlets by a word of their name, best match first, each with a snippet; and
// the readable API reference served next to the JSON document.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ajv } from 'ajv';
import { openApiDocument } from '../../src/server/index.js';
import { startTestServer, type TestServer } from './helpers.js';

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'openapi', components: openApiDocument.components } as object);

let t: TestServer;
before(async () => {
  t = await startTestServer({ examples: true });
});
after(async () => {
  await t?.close();
});

async function stories(query: string) {
  const response = await fetch(`${t.url}/api/stories?${query}`);
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    total: number;
    stories: { id: string; match?: { article: string; outlet: string | null; snippet: { text: string; marks: [number, number][] } } }[];
  };
  const validate = ajv.getSchema('openapi#/components/schemas/StoryPage')!;
  assert.ok(validate(body), ajv.errorsText(validate.errors));
  return body;
}

describe('GET /api/stories?q=: full-text search', () => {
  it('finds a story by a word only its articles’ text holds, with the passage that holds it', async () => {
    const seed = t.examplesStory!;
    assert.ok(!`${seed.headline} ${seed.articles.map((a) => a.title).join(' ')}`.includes('Rusal'), 'Rusal is in no headline');
    const { stories: found } = await stories('q=Rusal');
    assert.deepEqual(
      found.map((s) => s.id),
      [seed.id],
    );
    const { match } = found[0]!;
    assert.ok(match && seed.articles.some((a) => a.id === match.article && a.text.includes('Rusal')));
    assert.deepEqual(
      match.snippet.marks.map(([start, end]) => match.snippet.text.slice(start, end)),
      ['Rusal'],
    );
    assert.equal((await stories('q=rusal%20krasnoyarsk')).total, 1, 'several words, any case');
    assert.equal((await stories('q=rusal%20zzzunfindable')).total, 0, 'every word must occur');
  });

  it('finds stories by a word of an outlet’s name', async () => {
    const seed = t.examplesStory!;
    for (const outlet of ['Epoch', 'epoch times', 'Reuters']) {
      assert.deepEqual(
        (await stories(`outlet=${encodeURIComponent(outlet)}`)).stories.map((s) => s.id),
        [seed.id],
        outlet,
      );
    }
    assert.equal((await stories('outlet=poch')).total, 0, 'not by the middle of a word');
  });
});

describe('GET /api/reference', () => {
  it('serves a readable API reference from this server, under the strict policy', async () => {
    const page = await fetch(`${t.url}/api/reference`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self';/);
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(assets.includes('/vendor/swagger-ui/swagger-ui-bundle.js'), assets.join(' '));
    assert.doesNotMatch(html, /https?:\/\//, 'nothing from another host');
    for (const asset of assets) {
      const response = await fetch(`${t.url}${asset}`);
      assert.equal(response.status, 200, asset);
    }
  });
});
