// A reprint days later joins the stored story it reprints (issue 14): the second run finds the
// stored original through the reuse stage's signatures, and the story window lets a strong copy
// past the 3-day gate (docs/stories.md, "Copies across days").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalysis } from '../src/pipeline/analyze.js';
import { openStore } from '../src/store/index.js';

const WIRE = [
  'The Harlow Street bridge over the Ember River will close for at least four months from Monday after inspectors found cracks in two of its steel girders, the city transportation department said on Thursday.',
  'About 22,000 vehicles cross the 1958 bridge each day. Detours will send traffic over the Pike Avenue bridge a mile downstream, and two bus routes will be rerouted, department spokeswoman Lena Ortiz said.',
  'Inspectors found the cracks during a routine inspection last week. Ortiz said the bridge was not in danger of collapse but that engineers did not want heavy trucks on it while repairs were designed.',
  'The repairs are expected to cost about $6.5 million, paid from the state bridge fund. The council approved an emergency contract with Dorsey Steel on Wednesday night.',
];
/** Another event in the same city at the reprint's date, sharing words but no copy. */
const OTHER = [
  'A water main broke under Carver Road on Friday morning, flooding the road near the Westfield school and cutting service to about 300 homes, the city water department said.',
  'Crews expected to restore water by evening. Traffic on Carver Road was diverted to side streets, and the city urged drivers to avoid the area during the repairs.',
  'The 80-year-old main had broken twice before in the past decade, a department spokesman said, and the council plans to replace the line next year.',
];

test('a reprint a week later joins the stored story it reprints, not the other news of its day', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-crossday-'));
  try {
    const line = (id: string, published: string, title: string, paragraphs: readonly string[]) =>
      JSON.stringify({ url: `https://example.org/${id}`, title, published, text: paragraphs.join('\n\n') });
    const first = join(dir, 'first.jsonl');
    await writeFile(first, `${line('wire', '2024-05-02T10:00:00Z', 'Harlow Street bridge to close for repairs', WIRE)}\n`);
    const later = join(dir, 'later.jsonl');
    await writeFile(
      later,
      `${[
        line('reprint', '2024-05-10T07:00:00Z', 'Cracked bridge to close Monday', WIRE.slice(0, 3)),
        line('other', '2024-05-10T09:00:00Z', 'Water main break floods Carver Road', OTHER),
      ].join('\n')}\n`,
    );
    const store = await openStore(join(dir, 'store.db'));
    try {
      await runAnalysis([first], store);
      const result = await runAnalysis([later], store);
      const storyOf = (url: string) => result.dossier.stories.find((s) => s.articles.some((a) => a.url === url));
      const reprinted = storyOf('https://example.org/reprint');
      assert.ok(reprinted);
      const urls = reprinted.articles.map((a) => a.url).sort();
      assert.deepEqual(urls, ['https://example.org/reprint', 'https://example.org/wire']);
      const reprint = reprinted.articles.find((a) => a.url === 'https://example.org/reprint')!;
      const wire = reprinted.articles.find((a) => a.url === 'https://example.org/wire')!;
      assert.ok(
        reprint.derivedFrom.some((l) => l.article === wire.id),
        JSON.stringify(reprint.derivedFrom),
      );
      assert.notEqual(storyOf('https://example.org/other')?.id, reprinted.id);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
