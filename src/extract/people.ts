// Bylines are people: "By Anastasia Lyrchikova and Maxim Rodionov" -> two names; "Staff",
// "Reuters" or an email are not people and are dropped.
import { NOT_A_PERSON } from './chrome-lexicon.js';

/** A person's name: 2-4 capitalised words (initials and particles allowed), in any script with case. */
const PERSON_NAME = /^[\p{Lu}][\p{L}'’.-]*(?:\s+(?:(?:van|von|de|da|del|der|di|du|la|le|bin|al|ibn|y)\s+)?[\p{Lu}][\p{L}'’.-]*){1,3}$/u;
/** Words that look like names but make a line something else (navigation, a headline). */
const NOT_NAME_WORDS =
  /\b(The|News|Post|Times|Daily|Today|Home|World|Business|Politics|Sports|Opinion|Updated|Published|Share|Read|More|Comments|Press|Editor|Reporter|Staff|Team|Desk|Newsletter|Subscribe|Video|Photo|Live|Breaking|Markets|Economy|Technology|Science|Health|Lifestyle|Entertainment|Menu|Search|Click|Here|Sign|Login|Log)\b/;

/** A name in a script without capitals, as a byline gives it: 2-4 Arabic, Hebrew, Persian or Indic words, or 2-4 Han characters. */
const CASELESS_NAME =
  /^(?:[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f]+(?:\s+[\u0600-\u06ff\u0590-\u05ff\u0900-\u097f]+){1,3}|[\u4e00-\u9fff]{2,4})$/u;

/** A word that makes a byline a desk or an agency, not a person: "Redacción EFE", "Agence France-Presse", "Редакция РБК". */
const DESK_WORD =
  /(^|\s)(redaktion|rédaction|redacción|redazione|redação|redaccion|редакция|newsroom|newsdesk|desk|staff|agencia|agencias|agence|agences|agentur|agenzia|agência|агентство|correspondents?)(\s|$)/i;

export function isPersonName(text: string): boolean {
  const value = text.trim();
  if (value.length < 4 || value.length > 60) return false;
  if (!PERSON_NAME.test(value) || NOT_NAME_WORDS.test(value)) return false;
  // All-caps lines are headers or datelines, not names.
  return value !== value.toUpperCase();
}

/** Splits a byline into people; returns them joined with " and ", or null when none is a person. */
export function normalizeByline(raw: string | null | undefined, outlets: readonly string[] = []): string | null {
  if (!raw) return null;
  let text = raw.replace(/\s+/g, ' ').trim();
  text = text.replace(
    /^(?:(?:by|von|par|por|di|door|av|af|автор|текст)(?:\s*:\s*|\s+)|(?:بقلم|كتب|تأليف)\s*[:：]?\s*|(?:记者|記者|文)\s*[:：/／\s]\s*)/i,
    '',
  );
  text = text.replace(/\S+@\S+/g, ' ').replace(/\|.*$/, '');
  // "Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", "Anna Schmidt am 22.11.2026": the date is not a name.
  // Lower case only: "Marine Le Pen" keeps her name.
  text = text.replace(/\s+(?:on|am|le|el|il|em)\s+(?=.*\d{4}).*$/, '');
  // "Jane Doe, Reuters" / "Jane Doe - Staff Writer": keep the part before a role or outlet.
  const parts = text
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\/|\bwith\b)\s*/i)
    .map((part) =>
      part
        .replace(/\s+[-–—]\s+.*$/, '')
        .replace(/\s*\(.*?\)\s*/g, ' ')
        .trim(),
    )
    .filter(Boolean);
  const lowerOutlets = outlets.map((o) => o.toLowerCase());
  const people: string[] = [];
  for (const part of parts) {
    if (NOT_A_PERSON.test(part) || DESK_WORD.test(part) || lowerOutlets.includes(part.toLowerCase())) continue;
    // Scripts without capitals cannot show a name by its shape: trusted only where a byline says so.
    if (!isPersonName(part) && !CASELESS_NAME.test(part)) continue;
    if (!people.includes(part)) people.push(part);
  }
  return people.length ? people.join(' and ') : null;
}

/** News agencies a byline can credit ("By Jane Doe, Reuters", "AP"). */
const AGENCY =
  /^(Reuters|Thomson Reuters|AP|The Associated Press|Associated Press|AFP|Agence France-Presse|Bloomberg|Bloomberg News|UPI|dpa|EFE|ANI|PTI|IANS|TASS|Xinhua|Kyodo|Kyodo News|Yonhap|ANSA|Europa Press|AAP|CNA)$/i;

/** The agency a byline credits, as written ("By Jane Doe, Reuters" -> "Reuters"), or null. */
export function bylineCredit(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(by|von|par|por|di|door|av)\s+/i, '');
  for (const part of text.split(/\s*(?:,|;|&|\||\band\b|\/|\s[-–—]\s)\s*/i)) {
    const name = part.replace(/\s+(staff|staff writer|news|wire)$/i, (m) => (/news/i.test(m) ? m : '')).trim();
    if (AGENCY.test(name)) return name;
  }
  return null;
}
