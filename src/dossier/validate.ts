// Checks a stories.json value: first its shape against the JSON Schema (schema.json), then what a
// schema cannot say: every article id it cites belongs to the story, and every offset lies inside
// the text it points into. Errors name the place by JSON pointer, so a reader can find it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject } from 'ajv';
import type { Dossier, DossierStory } from './types.js';

export type DossierValidation = { ok: true } | { ok: false; errors: string[] };

/** Errors reported at most: past this, the first ones are what a person needs. */
const MAX_ERRORS = 50;

/** The JSON Schema of stories.json (draft 2020-12). */
export const dossierSchema: Record<string, unknown> = JSON.parse(readFileSync(new URL('./schema.json', import.meta.url), 'utf8'));

type ShapeCheck = ReturnType<Ajv2020['compile']>;
let compiled: ShapeCheck | null = null;
/**
 * The schema compiled on the first check (ajv required then too: a tenth of a second or more),
 * so importing the library, or a worker thread, does not pay it.
 */
function shapeCheck(): ShapeCheck {
  if (compiled) return compiled;
  const { Ajv2020: Validator } = createRequire(import.meta.url)('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020 };
  compiled = new Validator({ allErrors: true, strict: true }).compile(dossierSchema);
  return compiled;
}

export function validateDossier(value: unknown): DossierValidation {
  const checkShape = shapeCheck();
  if (!checkShape(value)) {
    return { ok: false, errors: (checkShape.errors ?? []).slice(0, MAX_ERRORS).map(describe) };
  }
  const errors = (value as Dossier).stories.flatMap((story, i) => checkStory(story, `/stories/${i}`));
  return errors.length === 0 ? { ok: true } : { ok: false, errors: errors.slice(0, MAX_ERRORS) };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  if (error.keyword === 'additionalProperties') return `${where}: unknown field "${String(error.params.additionalProperty)}"`;
  if (error.keyword === 'enum') return `${where}: ${error.message} (${(error.params.allowedValues as unknown[]).join(', ')})`;
  return `${where}: ${error.message ?? error.keyword}`;
}

function checkStory(story: DossierStory, at: string): string[] {
  const errors: string[] = [];
  const textOf = new Map(story.articles.map((article) => [article.id, article.text]));
  const claimIds = new Set(story.claims.map((claim) => claim.id));
  const known = (id: string, where: string): boolean => {
    if (textOf.has(id)) return true;
    errors.push(`${where}: article "${id}" is not in this story`);
    return false;
  };
  const span = (id: string, start: number, end: number, where: string, text = textOf.get(id)): void => {
    if (text === undefined) return;
    if (start > end) errors.push(`${where}: start ${start} is after end ${end}`);
    else if (end > text.length) errors.push(`${where}: end ${end} is past the end of article "${id}" (${text.length} characters)`);
  };

  if (textOf.size !== story.articles.length) errors.push(`${at}/articles: an article id appears twice`);
  if (claimIds.size !== story.claims.length) errors.push(`${at}/claims: a claim id appears twice`);
  story.articles.forEach((article, a) => {
    article.derivedFrom.forEach((link, l) => {
      const where = `${at}/articles/${a}/derivedFrom/${l}`;
      if (link.article === article.id) errors.push(`${where}: an article cannot derive from itself`);
      if (!known(link.article, `${where}/article`)) return;
      link.evidence.forEach((passage, e) => {
        span(link.article, passage.sourceStart, passage.sourceEnd, `${where}/evidence/${e} (source)`);
        span(article.id, passage.targetStart, passage.targetEnd, `${where}/evidence/${e} (target)`);
      });
    });
    article.sharedSourceWith.forEach((id, s) => known(id, `${at}/articles/${a}/sharedSourceWith/${s}`));
  });
  story.claims.forEach((claim, c) => {
    if (claim.uniqueTo !== null) known(claim.uniqueTo, `${at}/claims/${c}/uniqueTo`);
    claim.mentions.forEach((mention, m) => {
      const where = `${at}/claims/${c}/mentions/${m}`;
      if (known(mention.article, `${where}/article`)) span(mention.article, mention.start, mention.end, where);
    });
  });
  story.findings.forEach((finding, f) => {
    if (finding.claim !== null && !claimIds.has(finding.claim))
      errors.push(`${at}/findings/${f}/claim: claim "${finding.claim}" is not in this story`);
    finding.articles.forEach((id, i) => known(id, `${at}/findings/${f}/articles/${i}`));
  });
  story.coverage.forEach((entry, c) => {
    known(entry.article, `${at}/coverage/${c}/article`);
    for (const list of ['adds', 'omits', 'disputes'] as const) {
      entry[list].forEach((id, i) => {
        if (!claimIds.has(id)) errors.push(`${at}/coverage/${c}/${list}/${i}: claim "${id}" is not in this story`);
      });
    }
  });
  story.brief.forEach((sentence, b) => {
    sentence.citations.forEach((id, i) => known(id, `${at}/brief/${b}/citations/${i}`));
    sentence.sources.forEach((source, s) => {
      const where = `${at}/brief/${b}/sources/${s}`;
      if (known(source.article, `${where}/article`)) span(source.article, source.start, source.end, where);
    });
  });
  return errors;
}
