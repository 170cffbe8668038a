// How reader-facing text (the terminal summary, the HTML report) names articles, dates and roles:
// outlets and headlines rather than ids and file paths, dates as the article gave them (a bare
// date stays a date, never "00:00 UTC"), a role said once. The web app keeps the same rules in
// src/server/web/wording.js (it runs in the browser and cannot import this).
import type { DossierArticle } from './types.js';

/** Longest headline used as an article's name; the full one is in the article's own entry. */
const NAME_CHARS = 60;

const BARE_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** A file the web app's ingest wrote for pasted text or an upload: `<tmp>/corroborate-ingest-XXXX/[n-]name`. */
const INGEST_FILE = /(?:^|[\\/])corroborate-ingest-[^\\/]+[\\/](?:\d+-)?([^\\/]+)$/;

/**
 * A date or date-time as given, for people: "24 Feb 2025" for a bare date; "24 Feb 2025, 14:05
 * UTC" (or its own offset) for a time. Anything else is shown unchanged.
 */
export function readableDate(value: string): string {
  const bare = BARE_DATE.exec(value);
  if (bare) return dayMonthYear(bare[1]!, bare[2]!, bare[3]!);
  const timed = DATE_TIME.exec(value);
  if (!timed) return value;
  const zone = timed[6] === undefined ? '' : /^z$/i.test(timed[6]) ? ' UTC' : ` ${timed[6]}`;
  return `${dayMonthYear(timed[1]!, timed[2]!, timed[3]!)}, ${timed[4]}:${timed[5]}${zone}`;
}

function dayMonthYear(year: string, month: string, day: string): string {
  const name = MONTHS[Number(month) - 1];
  return name ? `${Number(day)} ${name} ${year}` : `${year}-${month}-${day}`;
}

/**
 * When a story's articles were published, from their own values (so a bare date stays one): the
 * earliest and latest, or one date; null when none is dated.
 */
export function publishedSpan(articles: readonly Pick<DossierArticle, 'published'>[]): string | null {
  const dated = articles
    .map((a) => ({ value: a.published, ms: a.published ? Date.parse(a.published) : Number.NaN }))
    .filter((d): d is { value: string; ms: number } => d.value !== null && !Number.isNaN(d.ms))
    .sort((a, b) => a.ms - b.ms);
  const first = dated[0];
  const last = dated.at(-1);
  if (!first || !last) return null;
  const [from, to] = [readableDate(first.value), readableDate(last.value)];
  return from === to ? from : `${from} – ${to}`;
}

/**
 * The reason for an article's role, without the role said again in front of it: "Independent:
 * it shares ..." beside an "independent" label read "independent: Independent: ...", and
 * "Summary of Reuters (id): shared passages ..." repeats what the label and its source say. A
 * reason that does not start with its role is kept whole.
 */
export function roleReason(role: string, reason: string): string {
  if (!new RegExp(`^\\s*${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(reason)) return reason;
  const colon = reason.indexOf(':');
  const rest = (colon >= 0 ? reason.slice(colon + 1) : reason.replace(/^\s*\S+/, '')).trim();
  return rest === '' ? reason : rest;
}

/** What a reader calls an article: its outlet, else its headline, else its file's name; never a temporary path. */
export function articleName(article: Pick<DossierArticle, 'id' | 'outlet' | 'publisher' | 'title' | 'input'>): string {
  if (article.outlet) return article.outlet;
  if (article.publisher) return article.publisher;
  if (article.title) return article.title.length > NAME_CHARS ? `${article.title.slice(0, NAME_CHARS - 1)}…` : article.title;
  return inputName(article.input) || article.id;
}

/** An input as given, except what the web app's ingest wrote to a temporary folder: that as what was pasted or uploaded. */
export function readableInput(input: string): string {
  const ingested = INGEST_FILE.exec(input);
  if (!ingested) return input;
  return ingested[1] === 'pasted-text.txt' ? 'text pasted in the web app' : `${ingested[1]}, uploaded in the web app`;
}

/** An input as a reader knows it: the file's name without folders; what the web app's ingest wrote, as what was given. */
export function inputName(input: string): string {
  const ingested = INGEST_FILE.exec(input);
  if (ingested) return ingested[1] === 'pasted-text.txt' ? 'pasted text' : ingested[1]!;
  if (/^https?:\/\//i.test(input)) return input;
  return input.split(/[\\/]/).pop() || input;
}

/**
 * `text` (a finding, a role's reason) with the article ids and inputs that stages write into it
 * replaced by the articles' names: "Summary of b87f59dc6f6c52b6" reads "Summary of Reuters".
 * A name the text already gives next to the id ("Reuters (c5eb...)") is not said twice.
 */
export function withArticleNames(text: string, articles: readonly DossierArticle[], nameOf: (article: DossierArticle) => string): string {
  let out = text;
  for (const article of articles) {
    const name = nameOf(article);
    out = out.replaceAll(`${name} (${article.id})`, name).replaceAll(article.id, name);
    for (const input of new Set([article.input, article.input.split(/[\\/]/).pop() ?? ''])) {
      if (input.length > 3) out = out.replaceAll(input, name);
    }
  }
  return out;
}
