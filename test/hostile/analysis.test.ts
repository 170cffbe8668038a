// Item 4 of issue #19: analysis is linear or capped whatever the text. A 1 MB article with no
// line break or full stop ran past 111 s of CPU on main; here it goes through `analyze` end to
// end within the 30 s (about 2 s on a quiet machine), and what was cut is on the record.
// Other shapes that were quadratic in one stage or another are tried at a third of that size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runMain } from '../../src/cli/testing.js';
import type { Dossier } from '../../src/dossier/types.js';
import { article, scratch } from './helpers.js';

const dir = scratch();
/** The bound for the 1 MB one-line article, in CPU seconds, end to end. */
const CPU_BUDGET_SECONDS = 30;

/** `text` repeated to `bytes` characters. */
const fill = (text: string, bytes: number) => text.repeat(Math.ceil(bytes / text.length)).slice(0, bytes);

async function analyze(name: string, files: Record<string, string>): Promise<{ dossier: Dossier; seconds: number; stdout: string }> {
  const folder = join(dir(), name);
  await mkdir(folder);
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
  const started = process.cpuUsage();
  const run = await runMain(['analyze', folder, '--db', join(dir(), `${name}.db`), '--out', join(dir(), `${name}-out`)]);
  const used = process.cpuUsage(started);
  assert.equal(run.code, 0, run.stderr);
  const dossier = JSON.parse(await readFile(join(dir(), `${name}-out`, 'stories.json'), 'utf8')) as Dossier;
  return { dossier, seconds: (used.user + used.system) / 1e6, stdout: run.stdout };
}

test('a 1 MB article with no line break or full stop is analyzed within 30 s of CPU, and the cut is recorded', async (t) => {
  const words = article('endless')
    .replace(/[.\n!?]/g, ' ')
    .replace(/\s+/g, ' ');
  const { dossier, seconds } = await analyze('one-line', { 'a.txt': fill(`${words} `, 1024 * 1024) });
  t.diagnostic(`${seconds.toFixed(1)} s of CPU`);
  assert.ok(seconds < CPU_BUDGET_SECONDS, `${seconds.toFixed(1)} s of CPU`);
  const [story] = dossier.stories;
  assert.ok(story, 'one story');
  const [analyzed] = story.articles;
  assert.equal(analyzed!.text.length <= 100_000, true, 'the longest article analyzed');
  const cut = analyzed!.removed.find((block) => block.reason.startsWith('not analyzed'));
  assert.match(
    cut?.reason ?? '',
    /^not analyzed: the text is 1,0\d\d,\d{3} characters, over the cap of 100,000; the last [\d,]+ were cut$/,
  );
});

test('text shapes that were quadratic in some stage stay within budget', async (t) => {
  // Past the 100,000-character cap; main spent 10-17 s of CPU on each of the first three at 100 KB.
  const size = 150 * 1024;
  const shapes: Record<string, string> = {
    'dots.txt': `Dots${'.'.repeat(size)} then`,
    'word.txt': `Word ${'x'.repeat(size)}`,
    'numbers.txt': fill('rose 5% to $3.2 billion, 17 tons, ', size),
    'quotes.txt': fill('"We are ready to offer joint projects," Putin said on Tuesday. ', size),
    'cjk.txt': fill('俄罗斯总统普京表示愿意与美国合作开发稀土', size / 3),
  };
  const { seconds, dossier } = await analyze('shapes', shapes);
  t.diagnostic(`${seconds.toFixed(1)} s of CPU`);
  // Five articles of 150 KB each, within the one-article budget.
  assert.ok(seconds < CPU_BUDGET_SECONDS, `${seconds.toFixed(1)} s of CPU`);
  const analyzed = dossier.stories.flatMap((s) => s.articles);
  assert.ok(analyzed.length >= 4, `${analyzed.length} articles analyzed`);
  const claimCuts = analyzed.flatMap((a) => a.removed).filter((b) => b.reason.startsWith('claims not compared'));
  assert.ok(claimCuts.length >= 1, 'a page of figures has its claims capped, and says so');
});
