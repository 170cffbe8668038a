// What analysis computes of one article alone, kept in the store beside the article so that each
// later analysis of a story it stands in reads it instead of computing it again: its claims (the
// tagging, quotes, speakers, quantities and statements, most of a member's own cost). Each kept
// part carries a version naming the code and options that made it (a hash of the claims and
// sentences modules as this process runs them, the NLP packages' versions, the claim options), so
// a part made by other code or other options is never used: it is computed again and replaced.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AnalyzedArticle, ClaimMention } from '../records.js';
import type { ArticlePart } from '../store/types.js';
import { CLAIM_DEFAULTS, type ClaimOptions } from '../claims/index.js';

/** The part name of an article's claims. */
export const CLAIMS_PART = 'claims';

/** Modules whose code makes the claims of an article (beside this module's folder). */
const CLAIM_CODE_FOLDERS = ['../claims/', '../sentences/'];
/** Packages whose data or code makes the claims (the tagger and its model). */
const CLAIM_PACKAGES = ['wink-nlp', 'wink-eng-lite-web-model'];

/** An article with its claims when they are known (computed by this run or kept in the store). */
export interface MemberArticle extends AnalyzedArticle {
  readonly claims?: readonly ClaimMention[];
}

let code: string | null = null;

/** A hash of the code and packages claims come from; unique to this process when they cannot be read (nothing kept is then used). */
function claimCode(): string {
  if (code !== null) return code;
  const hash = createHash('sha256');
  try {
    for (const folder of CLAIM_CODE_FOLDERS) {
      const dir = new URL(folder, import.meta.url);
      for (const name of readdirSync(dir).sort()) {
        if (!/\.(?:js|ts|mjs)$/.test(name) || /\.d\.ts$|\.test\./.test(name)) continue;
        hash.update(`${folder}${name}\n`).update(readFileSync(new URL(name, dir)));
      }
    }
    const require = createRequire(import.meta.url);
    for (const name of CLAIM_PACKAGES) hash.update(`${name}@${(require(`${name}/package.json`) as { version?: string }).version}\n`);
  } catch {
    hash.update(randomUUID());
  }
  code = hash.digest('hex').slice(0, 24);
  return code;
}

/** The version of claims made with `options` by this code. */
export function claimsVersion(options: Partial<ClaimOptions> | undefined): string {
  return `${claimCode()}:${JSON.stringify({ ...CLAIM_DEFAULTS, ...options })}`;
}

/** Claims as kept: JSON, with the numbers JSON has no words for (NaN, infinities, -0) kept exactly. */
export function claimsPart(articleId: string, claims: readonly ClaimMention[], version: string): ArticlePart {
  return { articleId, part: CLAIMS_PART, version, value: JSON.stringify(claims, keepNumbers) };
}

/** Claims read back from their kept JSON. */
export function claimsFromPart(value: string): ClaimMention[] {
  return JSON.parse(value, restoreNumbers) as ClaimMention[];
}

const NUMBER_TAG = '$number';

function keepNumbers(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return { [NUMBER_TAG]: String(value === 0 ? '-0' : value) };
  return value;
}

function restoreNumbers(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tagged = (value as Record<string, unknown>)[NUMBER_TAG];
    if (typeof tagged === 'string' && Object.keys(value).length === 1) return tagged === '-0' ? -0 : Number(tagged);
  }
  return value;
}
