// The terminal summary of `analyze`: stories, outlets, roles, the findings an editor reads first.
// Article text is untrusted: escape sequences and control characters are removed (terminal.ts) so a
// page cannot drive the terminal.
import type { RunResult } from '../pipeline/analyze.js';
import type { DossierStory } from '../dossier/types.js';
import { articleName, publishedSpan, withArticleNames } from '../dossier/wording.js';
import { oneLine } from './terminal.js';

/** How many findings per story the terminal shows; the rest are in the report. */
const FINDINGS_SHOWN = 8;

export function formatSummary(result: RunResult, where: { outDir: string }): string {
  const { dossier, articles, rejections, inserted } = result;
  const lines: string[] = [];
  const reused = articles.length - inserted.length;
  lines.push(
    `${plural(articles.length, 'article')} read (${inserted.length} new, ${reused} already stored), ` +
      `${plural(rejections.length, 'input')} rejected, ${plural(dossier.stories.length, 'story', 'stories')}.`,
  );
  for (const story of dossier.stories) lines.push('', ...storyLines(story));
  if (rejections.length > 0) {
    lines.push('', 'Rejected:');
    for (const r of rejections) lines.push(`  ${oneLine(r.input)}: ${oneLine(r.reason)}`);
  }
  lines.push('', `Wrote ${where.outDir}/stories.json and ${where.outDir}/index.html`);
  return lines.join('\n');
}

function storyLines(story: DossierStory): string[] {
  const span = publishedSpan(story.articles);
  const lines = [
    `Story ${story.id}: ${oneLine(story.headline)}`,
    `  ${plural(story.articles.length, 'article')} from ${outletCount(story)}, ` +
      `${plural(story.independentOrigins, 'independent origin')}${span ? `, ${span}` : ''}`,
  ];
  const names = new Map(story.articles.map((a) => [a.id, oneLine(articleName(a))]));
  // Findings and reasons name articles by id or input; a reader knows them by name.
  const named = (text: string) => oneLine(withArticleNames(text, story.articles, (a) => names.get(a.id)!));
  for (const a of story.articles) {
    const sources = a.derivedFrom.map((d) => names.get(d.article) ?? d.article);
    lines.push(`  - ${names.get(a.id)}: ${a.role}${sources.length ? ` of ${sources.join(', ')}` : ''}`);
  }
  if (story.findings.length > 0) {
    lines.push('  Findings:');
    for (const f of story.findings.slice(0, FINDINGS_SHOWN)) lines.push(`  ! ${named(f.message)}`);
    if (story.findings.length > FINDINGS_SHOWN) lines.push(`    … ${story.findings.length - FINDINGS_SHOWN} more in the report`);
  }
  if (story.brief.length > 0) {
    lines.push('  Brief:');
    for (const s of story.brief)
      lines.push(`    ${oneLine(s.text)}${s.contested ? ' (contested)' : ''} [${s.citations.map((c) => names.get(c) ?? c).join('; ')}]`);
  }
  return lines;
}

/** "2 outlets", or "1 outlet and 2 articles with no outlet named" when files carried no name or address. */
function outletCount(story: DossierStory): string {
  const unnamed = story.articles.filter((a) => !a.outlet && !a.publisher).length;
  const named = plural(story.outlets.length, 'outlet');
  if (unnamed === 0) return named;
  if (story.outlets.length === 0) return 'no named outlet';
  return `${named} (${plural(unnamed, 'article')} with none named)`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
