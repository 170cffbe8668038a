// Which sentences may stand in a brief on their own: complete, self-contained, neutral, not page
// chrome and not a fragment of a quote. Each test is a named rule with its reason; `relaxed` drops
// the stylistic ones when a story has too few clean sentences (readability.js retries the same way).
import type { Sentence } from '../records.js';

/** Shorter than this is a heading, a caption or a fragment. */
export const MIN_WORDS = 7;
/** Longer than this reads badly in a summary. */
export const MAX_WORDS = 48;

/** Words that point back to something the reader of a brief has not seen. */
const DANGLING_OPENERS =
  /^(?:he|she|it|they|this|these|those|that|his|her|its|their|him|them|but|and|or|so|also|however|meanwhile|still|yet|then|such|there|here|the (?:move|decision|offer|proposal|deal|statement|remarks|comments|announcement|report|plan|latter|former))\b/i;
/**
 * An opening clause that times or frames the news by something said earlier in the article
 * ("Within two hours of Trump's statement, ...", "After the meeting, ...", "In response to the
 * remarks, ..."): without that earlier sentence the reader does not know which statement.
 */
const BACK_REFERENCE_OPENER =
  /^(?:within|after|before|following|since|hours?|minutes?|days?|shortly|soon|in (?:response|reply|reaction) to)\b[^,]{0,60}?\b(?:the|this|that|his|her|its|their|[\p{Lu}][\p{L}.-]*['’]s) (?:statement|remarks|comments|announcement|decision|move|offer|proposal|speech|call|meeting|visit|talks|post|interview|remark|comment)s?\b[^,]{0,30},/iu;
/** Words outside the quotation marks needed to say who speaks ("Holm said"). */
const MIN_ATTRIBUTION_WORDS = 2;
/** Page furniture that slips past cleaning. */
const CHROME =
  /\b(?:read (?:more|next)|also read|click here|subscribe|sign up|newsletter|getty images|shutterstock|photo(?:graph)? (?:by|credit)|all rights reserved|follow us|share this|comments?\s+loading)\b/i;
/** Voice of the writer rather than report of the news. */
const FIRST_OR_SECOND_PERSON = /\b(?:I|[Ww]e|[Oo]ur|us|[Yy]ou|[Yy]our|[Ll]et's)\b/;
/** Loaded words that make a sentence take sides. */
const LOADED =
  /\b(?:shocking|outrageous|disgraceful|stunning|slammed|blasted|destroyed|heroic|disastrous|brilliant|absurd|ridiculous|beautiful|gorgeous|sexy|troubled|disgraced|notorious|embattled|bombshell|meltdown|party girl)\b/i;

export interface Eligibility {
  readonly ok: boolean;
  readonly reason: string | null;
  /** Share of the sentence's characters inside quotation marks. */
  readonly quoted: number;
}

export function eligibility(sentence: Sentence, relaxed: boolean): Eligibility {
  const text = sentence.text.replace(/\s+/g, ' ').trim();
  const quoted = quotedShare(text);
  const fail = (reason: string): Eligibility => ({ ok: false, reason, quoted });
  const words = text.split(' ').length;
  if (words < MIN_WORDS) return fail('too short');
  if (words > MAX_WORDS) return fail('too long');
  if (!/[.!]["'”’)]*$/.test(text)) return fail('not a complete sentence');
  if (CHROME.test(text)) return fail('page chrome');
  if (!balancedQuotes(text)) return fail('fragment of a quote');
  if (!balancedBrackets(text)) return fail('cut inside brackets');
  if (
    quoted > 0 &&
    unquoted(text)
      .trim()
      .split(/\s+/)
      .filter((w) => /\p{L}/u.test(w)).length < MIN_ATTRIBUTION_WORDS
  ) {
    return fail('a quote with no one saying it');
  }
  if (/^\p{Ll}/u.test(text)) return fail('starts mid-sentence');
  if (relaxed) return { ok: true, reason: null, quoted };
  if (DANGLING_OPENERS.test(stripDateline(text))) return fail('starts with a word that points back');
  if (BACK_REFERENCE_OPENER.test(stripDateline(text))) return fail('opens on something said earlier in its article');
  if (FIRST_OR_SECOND_PERSON.test(unquoted(text))) return fail("the writer's own voice");
  if (LOADED.test(unquoted(text))) return fail('loaded wording');
  return { ok: true, reason: null, quoted };
}

/** "MOSCOW (Reuters) - Russian President ..." -> "Russian President ...": the dateline is not the news. */
export function stripDateline(text: string): string {
  return text.replace(/^\p{Lu}[\p{Lu}\p{M} .,'’-]{1,40}(?:\([^)]{1,40}\))?\s*[-–—]+\s*/u, '').trim();
}

function unquoted(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"|‘[^’]*’(?!\p{L})/gu, ' ');
}

function quotedShare(text: string): number {
  if (text.length === 0) return 0;
  return 1 - unquoted(text).replace(/\s+/g, ' ').length / text.length;
}

function balancedBrackets(text: string): boolean {
  return (text.match(/\(/g) ?? []).length === (text.match(/\)/g) ?? []).length;
}

function balancedQuotes(text: string): boolean {
  const opening = (text.match(/“/g) ?? []).length;
  const closing = (text.match(/”/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  return opening === closing && straight % 2 === 0;
}
