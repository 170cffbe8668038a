// The static HTML report (index.html) of a dossier: one self-contained page, no scripts, no
// network, readable on a laptop and a phone. Everything that came from a page (titles, text,
// outlets, quotes, inputs) is untrusted and goes through the escaping `html` template; a strict
// Content-Security-Policy would stop anything that slipped through anyway.
import { createHash } from 'node:crypto';
import type { MentionStatus, WordChange } from '../records.js';
import type { Dossier, DossierArticle, DossierClaim, DossierCoverage, DossierStory } from './types.js';
import { type Html, html, raw, safeHref } from './html.js';
import { REPORT_CSS } from './report-style.js';
import { articleName, publishedSpan, readableDate, readableInput, roleReason, withArticleNames } from './wording.js';

/** Longest claim text shown in a matrix row before it is cut (the full text is in its title). */
const MATRIX_CLAIM_CHARS = 160;

/** When an article states a claim more than once, the cell shows the most notable status. */
const STATUS_WEIGHT: Record<MentionStatus, number> = {
  conflicting: 9,
  drifted: 8,
  altered: 7,
  trimmed: 6,
  approximate: 5,
  paraphrased: 4,
  verbatim: 3,
  agrees: 3,
  stated: 2,
  original: 1,
};

const STATUS_MEANING: Record<MentionStatus | 'absent', string> = {
  original: 'the reference version',
  verbatim: 'word for word',
  agrees: 'same value',
  stated: 'stated',
  paraphrased: 'reported without quotation marks',
  approximate: 'roughly the same value',
  trimmed: 'words dropped, none changed',
  altered: 'inside quotation marks, but the words differ',
  conflicting: 'a different value for the same thing',
  drifted: 'the same number attached to something else',
  absent: 'not in this article',
};

export function renderReport(dossier: Dossier): string {
  const csp = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(REPORT_CSS).digest('base64')}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const articles = dossier.stories.reduce((n, story) => n + story.articles.length, 0);
  const title = dossier.stories.length === 1 ? dossier.stories[0]!.headline : `${plural(dossier.stories.length, 'story', 'stories')}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} — Corroborate</title>
<style>${raw(REPORT_CSS)}</style>
</head>
<body>
<main>
<header>
<h1>Corroborate report</h1>
<p class="meta"><span>${plural(dossier.stories.length, 'story', 'stories')}</span><span>${plural(articles, 'article')}</span><span>${plural(dossier.rejections.length, 'rejected input')}</span><span>generated ${readableDate(dossier.generatedAt)}</span></p>
</header>
${dossier.stories.length > 1 ? html`<nav aria-label="Stories"><ol>${dossier.stories.map((story, i) => html`<li><a href="#s${i + 1}">${story.headline}</a> <span class="muted">(${plural(story.articles.length, 'article')})</span></li>`)}</ol></nav>` : null}
${dossier.stories.length === 0 ? html`<p>No stories: no input yielded an article.</p>` : null}
${dossier.stories.map((story, i) => renderStory(story, `s${i + 1}`))}
${renderRejections(dossier)}
</main>
</body>
</html>
`;
  return page.value;
}

/** Numbers and labels for a story's articles, so every section refers to them alike. */
interface Cast {
  readonly prefix: string;
  readonly number: Map<string, number>;
  readonly byId: Map<string, DossierArticle>;
  readonly claims: Map<string, DossierClaim>;
  readonly coverage: Map<string, DossierCoverage>;
  readonly story: DossierStory;
}

function renderStory(story: DossierStory, prefix: string): Html {
  const cast: Cast = {
    prefix,
    number: new Map(story.articles.map((a, i) => [a.id, i + 1])),
    byId: new Map(story.articles.map((a) => [a.id, a])),
    claims: new Map(story.claims.map((c) => [c.id, c])),
    // Dossiers stored before coverage existed have none.
    coverage: new Map((story.coverage ?? []).map((c) => [c.article, c])),
    story,
  };
  const quotes = story.claims.filter((claim) => claim.kind === 'quote' && claim.mentions.length > 0);
  const quantities = story.claims.filter((claim) => claim.kind === 'quantity' && claim.mentions.length > 0);
  return html`<section class="story" id="${prefix}" aria-labelledby="${prefix}-h">
<h2 id="${prefix}-h">${story.headline}</h2>
<p class="meta"><span>${publishedSpan(story.articles) ?? 'dates unknown'}</span><span>${plural(story.articles.length, 'article')}</span><span>${plural(story.independentOrigins, 'independent origin')} (copies count once)</span></p>
<p class="meta">Outlets: ${story.outlets.length > 0 ? story.outlets.join(', ') : 'unknown'}</p>
<h3>Brief</h3>
${
  story.brief.length > 0
    ? html`<ol class="brief">${story.brief.map(
        (sentence) =>
          html`<li>${sentence.text}${sentence.citations.map((id) =>
            citation(
              cast,
              id,
              sentence.sources.filter((s) => s.article === id).map((s) => excerpt(cast, id, s.start, s.end)),
            ),
          )}${sentence.contested ? html` <span class="badge contested">contested</span>` : null}</li>`,
      )}</ol>`
    : html`<p class="muted">No brief.</p>`
}
<h3>Findings</h3>
${story.findings.length > 0 ? html`<ul class="findings">${story.findings.map((finding) => html`<li><span class="badge sev-${finding.severity}">${finding.severity}</span> <span class="badge">${finding.kind.replace(/-/g, ' ')}</span> ${named(story, finding.message)} ${articleLinks(cast, finding.articles)}</li>`)}</ul>` : html`<p class="muted">Nothing to flag.</p>`}
<h3>Articles</h3>
<div class="articles">${story.articles.map((article) => renderArticle(cast, article))}</div>
<h3>Claims across articles</h3>
${story.claims.length > 0 ? renderMatrix(cast, story) : html`<p class="muted">No claims found.</p>`}
${quotes.length > 0 ? html`<h3>Quote versions</h3>${quotes.map((claim) => renderQuote(cast, claim))}` : null}
${quantities.length > 0 ? html`<h3>Numbers</h3>${renderNumbers(cast, quantities)}` : null}
</section>`;
}

function renderArticle(cast: Cast, article: DossierArticle): Html {
  const href = safeHref(article.url);
  const details = [
    article.byline ? html`<span>${article.byline}</span>` : null,
    html`<span>${article.published ? readableDate(article.published) : 'date unknown'}</span>`,
    article.publisher && article.publisher !== article.outlet ? html`<span>carried by ${article.publisher}</span>` : null,
    article.language ? html`<span>${article.language}</span>` : null,
  ];
  return html`<article class="article" id="${anchor(cast, article.id)}">
<h4><span class="num">${cast.number.get(article.id)}</span>${label(article)}</h4>
<p>${href ? html`<a href="${href}" rel="noopener noreferrer">${article.title ?? href}</a>` : (article.title ?? html`<span class="muted">untitled</span>`)}</p>
<p class="meta">${details}</p>
<p><span class="badge role-${article.role}">${article.role}</span> ${named(cast.story, roleReason(article.role, article.roleReason))}</p>
${article.derivedFrom.map(
  (link) => html`<p>Derived from ${articleLink(cast, link.article)} (${percent(link.coverage)} of its text${
    link.probability !== undefined ? `; shared copy ${percent(link.probability)} likely` : ''
  }${
    article.derivedShare !== undefined
      ? `; ${percent(article.derivedShare)} of its sentences aligned to its sources, ${article.derivedShare >= 0.6 ? 'wholly' : 'partially'} derived`
      : ''
  })</p>
${
  link.evidence.length > 0
    ? html`<details><summary>${plural(link.evidence.length, 'shared passage')}</summary>${link.evidence.map((passage) => {
        const here = article.text.slice(passage.targetStart, passage.targetEnd);
        return html`<blockquote>${passage.text}</blockquote>${here && here !== passage.text ? html`<p class="muted">Here: “${here}”</p>` : null}<p class="muted">characters ${passage.sourceStart}–${passage.sourceEnd} there, ${passage.targetStart}–${passage.targetEnd} here; ${percent(passage.similarity)} alike</p>`;
      })}</details>`
    : null
}`,
)}
${renderCoverage(cast, cast.coverage.get(article.id))}
${article.sharedSourceWith.length > 0 ? html`<p>Shares an unseen source with ${articleLinks(cast, article.sharedSourceWith)}</p>` : null}
<details><summary>Cleaned text (${plural(article.text.length, 'character')})</summary><div class="body">${article.text}</div></details>
${article.removed.length > 0 ? html`<details><summary>Removed page chrome (${plural(article.removed.length, 'block')})</summary><ul>${article.removed.map((block) => html`<li><span class="removed">${block.text}</span> <span class="muted">— ${block.reason}</span></li>`)}</ul></details>` : null}
<p class="meta">Input: ${readableInput(article.input)}</p>
</article>`;
}

function renderCoverage(cast: Cast, coverage: DossierCoverage | undefined): Html | null {
  if (!coverage || coverage.adds.length + coverage.omits.length + coverage.disputes.length === 0) return null;
  const groups: [string, readonly string[]][] = [
    ['Only here', coverage.adds],
    ['Left out, though other origins report it', coverage.omits],
    ['Stated against the others', coverage.disputes],
  ];
  const claimText = (id: string) => {
    const claim = cast.claims.get(id);
    return claim ? (claim.kind === 'quote' ? `“${cut(claim.text)}”` : cut(claim.text)) : id;
  };
  return html`<details><summary>Adds ${plural(coverage.adds.length, 'claim')}, leaves out ${coverage.omits.length}, disputes ${coverage.disputes.length}</summary>
${groups.filter(([, ids]) => ids.length > 0).map(([heading, ids]) => html`<p><b>${heading}</b></p><ul>${ids.map((id) => html`<li>${claimText(id)}</li>`)}</ul>`)}
</details>`;
}

function renderMatrix(cast: Cast, story: DossierStory): Html {
  const statuses: (MentionStatus | 'absent')[] = [
    'original',
    'verbatim',
    'stated',
    'agrees',
    'paraphrased',
    'approximate',
    'trimmed',
    'altered',
    'conflicting',
    'drifted',
    'absent',
  ];
  return html`<ul class="legend" aria-label="Legend">${statuses.map((s) => html`<li class="st-${s}" title="${STATUS_MEANING[s]}">${s}</li>`)}</ul>
<div class="scroll"><table class="matrix">
<thead><tr><th scope="col">Claim</th><th scope="col" title="Independent origins that state it">Origins</th>${story.articles.map((a) => html`<th scope="col" title="${label(a)}"><a href="#${anchor(cast, a.id)}">${cast.number.get(a.id)}</a></th>`)}</tr></thead>
<tbody>${story.claims.map(
    (claim) => html`<tr>
<th scope="row" class="claim" title="${claim.text}"><span class="badge">${claim.kind}</span> ${claim.kind === 'quote' ? `“${cut(claim.text)}”` : cut(claim.text)}${claim.speaker ? html` <span class="muted">— ${claim.speaker}</span>` : null}${claim.uniqueTo ? html` <span class="badge">only in ${articleLink(cast, claim.uniqueTo)}</span>` : null}${claim.contested ? html` <span class="badge contested">contested</span>` : null}</th>
<td>${claim.origins}</td>
${story.articles.map((article) => matrixCell(claim, article))}
</tr>`,
  )}</tbody>
</table></div>`;
}

function matrixCell(claim: DossierClaim, article: DossierArticle): Html {
  const mentions = claim.mentions.filter((m) => m.article === article.id);
  if (mentions.length === 0) return html`<td class="cell st-absent" title="${label(article)}: absent">—</td>`;
  const shown = mentions.reduce((a, b) => (STATUS_WEIGHT[b.status] > STATUS_WEIGHT[a.status] ? b : a));
  const tip = `${label(article)}: ${mentions.map((m) => `${m.status} — “${m.text}”`).join('; ')}`;
  return html`<td class="cell st-${shown.status}" title="${tip}">${shown.status}${mentions.length > 1 ? ` ×${mentions.length}` : ''}</td>`;
}

function renderQuote(cast: Cast, claim: DossierClaim): Html {
  return html`<details open><summary>${claim.speaker ?? 'Unattributed'}: “${cut(claim.text)}”</summary>
<blockquote>${claim.text}</blockquote>
<ul class="versions">${claim.mentions.map((mention) => html`<li>${articleLink(cast, mention.article)} <span class="badge st-${mention.status}" title="${STATUS_MEANING[mention.status]}">${mention.status}</span> <span class="diff">“${mention.diff && mention.diff.length > 0 ? renderDiff(mention.diff) : mention.text}”</span></li>`)}</ul>
</details>`;
}

function renderDiff(diff: readonly WordChange[]): Html[] {
  return diff.map((change, i) => {
    const gap = i === 0 ? '' : ' ';
    switch (change.op) {
      case 'same':
        return html`${gap}${change.text}`;
      case 'dropped':
        return html`${gap}<del title="dropped">${change.text}</del>`;
      case 'added':
        return html`${gap}<ins title="added">${change.text}</ins>`;
      case 'substituted':
        return html`${gap}<del title="was">${change.was ?? ''}</del> <ins title="now">${change.text}</ins>`;
    }
  });
}

function renderNumbers(cast: Cast, claims: readonly DossierClaim[]): Html {
  return html`<div class="scroll"><table>
<thead><tr><th scope="col">What</th><th scope="col">Value</th><th scope="col">As each article states it</th></tr></thead>
<tbody>${claims.map(
    (claim) => html`<tr>
<td>${claim.text}${claim.contested ? html` <span class="badge contested">contested</span>` : null}</td>
<td>${claim.quantity ? `${new Intl.NumberFormat('en', { maximumFractionDigits: 6 }).format(claim.quantity.value)} ${claim.quantity.unit}`.trim() : '—'}</td>
<td>${claim.mentions.map((m) => html`<div>${articleLink(cast, m.article)} ${m.text} <span class="badge st-${m.status}">${m.status}</span></div>`)}</td>
</tr>`,
  )}</tbody>
</table></div>`;
}

function renderRejections(dossier: Dossier): Html | null {
  if (dossier.rejections.length === 0) return null;
  return html`<section class="story" id="rejections" aria-labelledby="rejections-h">
<h2 id="rejections-h">Rejected inputs</h2>
<div class="scroll"><table>
<thead><tr><th scope="col">Input</th><th scope="col">Why</th></tr></thead>
<tbody>${dossier.rejections.map((r) => html`<tr><td>${r.input}</td><td><span class="badge">${r.code}</span> ${r.reason}</td></tr>`)}</tbody>
</table></div>
</section>`;
}

/** A numbered reference to an article; focus (or hover) shows the source sentences it rests on. */
function citation(cast: Cast, id: string, sources: readonly string[]): Html {
  const article = cast.byId.get(id);
  const name = article ? label(article) : id;
  const quoted = sources.length > 0 ? sources.join(' … ') : (article?.title ?? '');
  return html`<a class="cite" href="#${anchor(cast, id)}" title="${name}: ${quoted}">[${cast.number.get(id) ?? '?'}]<span class="tip" role="tooltip"><b>${name}</b>${quoted}</span></a>`;
}

function articleLink(cast: Cast, id: string): Html {
  const article = cast.byId.get(id);
  if (!article) return html`<span class="muted">${id}</span>`;
  return html`<a href="#${anchor(cast, id)}">[${cast.number.get(id)}] ${label(article)}</a>`;
}

function articleLinks(cast: Cast, ids: readonly string[]): Html[] {
  return ids.map((id, i) => html`${i > 0 ? ', ' : ''}${articleLink(cast, id)}`);
}

function anchor(cast: Cast, id: string): string {
  return `${cast.prefix}-a${cast.number.get(id) ?? 0}`;
}

function excerpt(cast: Cast, id: string, start: number, end: number): string {
  return cast.byId.get(id)?.text.slice(start, end).trim() ?? '';
}

function label(article: DossierArticle): string {
  return articleName(article);
}

/** Findings and reasons name articles by id or input; the report names them as its headings do. */
function named(story: DossierStory, text: string): string {
  return withArticleNames(text, story.articles, label);
}

function cut(text: string): string {
  return text.length > MATRIX_CLAIM_CHARS ? `${text.slice(0, MATRIX_CLAIM_CHARS - 1)}…` : text;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
