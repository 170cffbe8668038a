// Pages that speak for the source itself. Text shared between such a page and a news article went
// from the page to the article, whatever the two pages' lengths:
//  - a news agency's own site (apnews.com, reuters.com): its copy is the wire text that others run
//    under the agency's dateline or credit;
//  - an issuer's own page: a government, police or court site (`.gov`, `.police.uk`, ...), a
//    release under a press-release address (`/press-releases/`, `/news-release/`), or a text
//    that reads as a release (a newswire's dateline "/PRNewswire/", "FOR IMMEDIATE RELEASE",
//    "Media contact:"). Newsrooms rewrite releases; releases do not rewrite the news.
// Read from the page's address and text alone; derivation (index.ts) uses it to order a pair
// that publication times do not.
import { canonical } from './attribution.js';

export type IssuerKind = 'agency-site' | 'official-site' | 'press-release';

export interface Issuer {
  readonly kind: IssuerKind;
  /** The agency, the site's host, or the cue that makes the text a release. */
  readonly name: string;
}

/** News agencies' own sites: host (or its parent domain) -> the agency's canonical name. */
const AGENCY_SITES: readonly [host: string, agency: string][] = [
  ['apnews.com', 'Associated Press'],
  ['ap.org', 'Associated Press'],
  ['reuters.com', 'Reuters'],
  ['afp.com', 'AFP'],
  ['upi.com', 'UPI'],
  ['bloomberg.com', 'Bloomberg'],
  ['dpa.com', 'dpa'],
  ['dpa-international.com', 'dpa'],
  ['xinhuanet.com', 'Xinhua'],
  ['news.cn', 'Xinhua'],
  ['tass.com', 'TASS'],
  ['tass.ru', 'TASS'],
  ['ria.ru', 'RIA Novosti'],
  ['interfax.com', 'Interfax'],
  ['interfax.ru', 'Interfax'],
  ['ptinews.com', 'PTI'],
  ['aninews.in', 'ANI'],
  ['efe.com', 'EFE'],
  ['ansa.it', 'ANSA'],
  ['kyodonews.net', 'Kyodo'],
  ['yna.co.kr', 'Yonhap'],
  ['aa.com.tr', 'Anadolu'],
  ['pa.media', 'PA'],
];

/**
 * Hosts of governments, police, courts and international bodies. Congressional members' sites
 * (house.gov, senate.gov) repost news coverage of their members under "In the News": those pages
 * are left out by their path (REPOSTED_NEWS_PATH).
 */
const OFFICIAL_HOST =
  /(?:^|\.)(?:gov|mil)(?:\.[a-z]{2})?$|(?:^|\.)(?:gob|gouv|govt|go)\.[a-z]{2}$|\.gc\.ca$|\.gv\.at$|\.bund\.de$|\.admin\.ch$|\.police\.uk$|\.europa\.eu$|\.int$|\.(?:state|co|ci)\.[a-z]{2}\.us$/;
/** Pages of an official site that repost other outlets' articles. */
const REPOSTED_NEWS_PATH = /\/(?:in-the-news|in_the_news|inthenews|news-clips|press-clips|media-coverage|news-coverage)(?:\/|$)/i;
/** An address under a press-release section, on any site. */
const RELEASE_PATH =
  /\/(?:press[-_]?releases?|news[-_]?releases?|media[-_]?releases?|pressreleases?|newsreleases?|press[-_]?room|pressemitteilungen?|medienmitteilungen?|communiques?(?:-de-presse)?)(?:\/|\.|-|$)/i;
/** Release newswires, as their datelines spell them. */
const NEWSWIRES = String.raw`PRNewswire(?:-[A-Za-z][A-Za-z ]{0,30}?)?|PR Newswire|Business Wire|BUSINESS WIRE|GLOBE NEWSWIRE|GlobeNewswire|ACCESSWIRE|ACCESS Newswire|EINPresswire(?:\.com)?|EIN Presswire|PRWEB|PRWeb|Newsfile Corp\.?|Marketwired|CNW|Canada NewsWire`;
/**
 * A release newswire's dateline: "NEW YORK, Jan. 5, 2025 /PRNewswire/ --", "BOSTON--(BUSINESS
 * WIRE)--", "(GLOBE NEWSWIRE) --", "/ ACCESSWIRE /". Only near the top, where datelines stand.
 */
const NEWSWIRE_DATELINE = new RegExp(String.raw`\/\s?(?:${NEWSWIRES})\s?\/|\((?:${NEWSWIRES})\)`);
/** How far into the text a newswire's dateline is looked for. */
const DATELINE_CHARS = 1_000;
/** Lines only a release carries: the embargo line, the press contact, the end mark. */
const RELEASE_LINE =
  /^(?:FOR IMMEDIATE RELEASE\b|(?:Media|Press|News media) (?:contacts?|inquiries|enquiries)\b|#{3}\s*$|-\s?30\s?-\s*$)/im;

/** Which kind of source-speaking page this is, or null for a news page (or one that cannot be told). */
export function issuerOf(text: string, url: string | null, publisher: string | null): Issuer | null {
  const address = parseAddress(url);
  const host = address?.host ?? hostOf(publisher);
  if (host) {
    const agency = AGENCY_SITES.find(([site]) => host === site || host.endsWith(`.${site}`));
    if (agency) return { kind: 'agency-site', name: canonical(agency[1]) };
    if (OFFICIAL_HOST.test(host) && !REPOSTED_NEWS_PATH.test(address?.path ?? '')) return { kind: 'official-site', name: host };
  }
  if (address && RELEASE_PATH.test(address.path) && !REPOSTED_NEWS_PATH.test(address.path))
    return { kind: 'press-release', name: 'its address' };
  const wire = NEWSWIRE_DATELINE.exec(text.slice(0, DATELINE_CHARS));
  if (wire) return { kind: 'press-release', name: wire[0].replace(/[\s/()]+/g, ' ').trim() };
  const line = RELEASE_LINE.exec(text);
  if (line) return { kind: 'press-release', name: line[0].trim() };
  return null;
}

/** How a reason names it: "the Associated Press's own site", "an official site (justice.gov)". */
export function describeIssuer(issuer: Issuer): string {
  switch (issuer.kind) {
    case 'agency-site':
      return `${issuer.name}'s own copy`;
    case 'official-site':
      return `an official site's page (${issuer.name})`;
    case 'press-release':
      return `a press release (${issuer.name})`;
  }
}

function parseAddress(url: string | null): { host: string; path: string } | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname.toLowerCase().replace(/^www\./, ''), path: parsed.pathname };
  } catch {
    return null;
  }
}

/** A publisher written as a host name ("apnews.com"); a site's display name is not one. */
function hostOf(publisher: string | null): string | null {
  if (!publisher) return null;
  const value = publisher
    .trim()
    .toLowerCase()
    .replace(/^www\./, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(value) ? value : null;
}
