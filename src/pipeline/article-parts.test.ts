// An article's claims are extracted once and kept: a story analyzed again reads its stored
// members' kept claims, and claims kept by other code or options are extracted again and replaced.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/index.js';
import type { Store } from '../store/types.js';
import type { ClaimMention } from '../records.js';
import type { DossierStory } from '../dossier/types.js';
import { extractClaims } from '../claims/index.js';
import { CLAIMS_PART, claimsFromPart, claimsPart, claimsVersion } from './article-parts.js';
import { runAnalysis } from './analyze.js';

let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-parts-'));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIRST = {
  title: 'Flood in Varna leaves 40 homes under water',
  outlet: 'Varna Wire',
  published: '2026-05-02T08:00:00Z',
  text:
    'The river burst its banks in Varna on Saturday and 40 homes were flooded, officials said. ' +
    '"We have never seen the water rise this fast," said mayor Maria Okafor. ' +
    'Rescuers evacuated 120 people from the old town overnight.',
};
const SECOND = {
  title: 'Varna flood: 40 homes flooded, 120 evacuated',
  outlet: 'Coast Daily',
  published: '2026-05-02T11:00:00Z',
  text:
    'Forty homes were flooded in Varna on Saturday after the river burst its banks. ' +
    '"We have never seen the water rise this fast," mayor Maria Okafor told reporters. ' +
    'About 120 people were evacuated from the old town, rescuers said.',
};

/** Each run's inputs in its own folder. */
async function input(run: string, name: string, item: object): Promise<string> {
  await mkdir(join(dir, run), { recursive: true });
  const path = join(dir, run, `${name}.jsonl`);
  await writeFile(path, `${JSON.stringify(item)}\n`);
  return path;
}

/** Both reports in two runs; `between` may change the store after the first. */
async function twoRuns(name: string, between: (store: Store, first: string) => Promise<void>) {
  const store = await openStore(join(dir, `${name}.db`));
  try {
    const first = await runAnalysis([await input(name, 'first', FIRST)], store, { threads: 0 });
    const firstId = first.articles[0]!.id;
    await between(store, firstId);
    const second = await runAnalysis([await input(name, 'second', SECOND)], store, { threads: 0 });
    assert.equal(second.dossier.stories.length, 1, 'the second report joins the first one story');
    const kept = await store.getArticleParts([firstId], CLAIMS_PART, claimsVersion(undefined));
    return {
      story: second.dossier.stories[0]!,
      firstId,
      kept: kept.get(firstId),
      article: (await store.getArticle(firstId))!,
      sentences: await store.getSentences(firstId),
    };
  } finally {
    await store.close();
  }
}

test('a stored member is analyzed again with its kept claims; claims of another version are extracted again', async () => {
  const plain = await twoRuns('plain', async () => {});
  assert.ok(
    plain.story.claims.some((c) => c.mentions.some((m) => m.article === plain.firstId)),
    'the first report has claims',
  );
  assert.ok(plain.kept, 'its claims were kept');
  assert.deepEqual(claimsFromPart(plain.kept), extractClaims({ article: plain.article, sentences: plain.sentences }));

  // Kept claims are what the story is built from: emptied, the first report has none.
  const emptied = await twoRuns('emptied', async (store, first) => {
    await store.saveArticleParts([claimsPart(first, [], claimsVersion(undefined))]);
  });
  assert.notDeepEqual(emptied.story.claims, plain.story.claims);
  // Its sentences are still found as other words for the second report's claims, never as claims of its own.
  const ownMentions = emptied.story.claims.flatMap((c) => c.mentions.filter((m) => m.article === emptied.firstId));
  assert.ok(ownMentions.every((m) => m.status === 'paraphrased'));

  // Kept by other code: extracted again, the story is as if nothing had been kept, and the new claims are kept.
  const stale = await twoRuns('stale', async (store, first) => {
    await store.saveArticleParts([claimsPart(first, [], 'other code')]);
  });
  assert.deepEqual(withoutInputs(stale.story), withoutInputs(plain.story));
  assert.deepEqual(stale.kept && claimsFromPart(stale.kept), claimsFromPart(plain.kept));
});

/** A story without its articles' input paths (each run reads its own folder). */
function withoutInputs(story: DossierStory) {
  return { ...story, articles: story.articles.map(({ input: _, ...rest }) => rest) };
}

test('kept claims read back exactly, numbers JSON cannot spell included', () => {
  const claim = {
    id: 'a:n1',
    article: 'a',
    kind: 'quantity',
    text: 'twenty-foo',
    start: 0,
    end: 10,
    quantity: { value: Number.NaN, low: Number.NEGATIVE_INFINITY, high: Number.POSITIVE_INFINITY, zero: -0, one: 1 },
    nested: [{ $number: 'not a tag', other: 1 }],
  } as unknown as ClaimMention;
  const back = claimsFromPart(claimsPart('a', [claim], 'v').value);
  assert.deepEqual(back, [claim]);
  assert.ok(Object.is((back[0] as unknown as { quantity: { zero: number } }).quantity.zero, -0));
});
