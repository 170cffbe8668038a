// Dates as pages state them, to ISO 8601: machine formats first (cheap), then chrono-node for
// written dates in the languages it knows. A date with no time stays a date.
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

// chrono-node's main module loads all its locales (~170 ms of CPU): each locale is loaded on its
// own, English on the first written date the fast patterns miss, another language only when the
// languages before it found nothing (English alone ~47 ms).
const requireLocale = createRequire(import.meta.url);
/** The languages tried after English's strict parser, in order. */
const OTHER_LOCALES = ['de', 'fr', 'es', 'pt', 'nl', 'it', 'ja', 'ru', 'zh', 'sv', 'uk'] as const;
type Parser = typeof Chrono.strict;
const loaded = new Map<string, Parser | null>();
function parserFor(locale: 'en' | (typeof OTHER_LOCALES)[number]): Parser | null {
  if (!loaded.has(locale)) {
    let parser: Parser | null = null;
    try {
      const module = requireLocale(`chrono-node/${locale}`) as Parser & { strict?: Parser };
      // English's strict parser (chrono's own `strict`), the other languages' default one (the module's `parse`).
      parser = locale === 'en' ? (module.strict ?? null) : typeof module.parse === 'function' ? module : null;
    } catch {
      parser = null;
    }
    loaded.set(locale, parser);
  }
  return loaded.get(locale) ?? null;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Years outside this range are misreadings (ids, prices), not publication dates. */
const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function validDate(y: number, m: number, d: number): boolean {
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1 || d > 31) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

/** Normalizes a machine-readable date (ISO, RFC 2822, "2025-02-24 10:00") to ISO 8601. */
export function normalizeDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    if (!validDate(+y!, +m!, +d!)) return null;
    if (!hh) return `${y}-${m}-${d}`;
    const time = `${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}`;
    if (!zone) return time;
    const parsed = new Date(`${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
    return Number.isNaN(parsed.getTime()) ? time : parsed.toISOString().replace('.000Z', 'Z');
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact && validDate(+compact[1]!, +compact[2]!, +compact[3]!)) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  // RFC 2822 (feeds, HTTP): "Mon, 24 Feb 2025 10:00:00 GMT".
  if (/^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{2}:\d{2}/.test(text)) {
    const parsed = new Date(text);
    if (!Number.isNaN(parsed.getTime()) && parsed.getUTCFullYear() >= MIN_YEAR) return parsed.toISOString().replace('.000Z', 'Z');
  }
  return writtenDate(text);
}

/** Month names as pages write them, in the languages with the most news: full names and the usual abbreviations. */
const MONTH_NAMES: ReadonlyMap<string, number> = new Map(
  [
    'january february march april may june july august september october november december',
    'januar februar märz april mai juni juli august september oktober november dezember',
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
    'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
    'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
    'januari februari maart april mei juni juli augustus september oktober november december',
    'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
    'январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь',
    'січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня',
    'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
    'يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر',
    'كانون_الثاني شباط آذار نيسان أيار حزيران تموز آب أيلول تشرين_الأول تشرين_الثاني كانون_الأول',
    // Abbreviations and spelling variants, January to December.
    'jan feb mar apr may jun jul aug sep oct nov dec',
    'jänner feber mär apr mai jun jul aug sept okt nov dez',
    'janv févr mars avr mai juin juil août sept oct nov déc',
    'ene feb mar abr may jun jul ago sept oct nov dic',
    'gen feb mar apr mag giu lug ago set ott nov dic',
    'jan fev mar abr mai jun jul ago set out nov dez',
    'january fevrier marco april mayo junio julio aout setiembre october novembre decembre',
    'يناير فبراير مارس ابريل مايو يونيه يوليه اغسطس سبتمبر اكتوبر نوفمبر ديسمبر',
  ].flatMap((row) => row.split(' ').map((name, i) => [name.replace('_', ' '), i + 1] as [string, number])),
);

/** "24 February 2025", "22. November 2026", "22 de noviembre de 2026", "22 ноября 2026", "22 نوفمبر 2026". */
// The month is any run of non-digits, checked against MONTH_NAMES: a Unicode letter class costs more to compile than the whole match.
const DAY_MONTH_YEAR =
  /(?<![\d])(\d{1,2})(?:\.|º|er)?\s+(?:de\s+)?([^\s\d.,]{3,12}(?:\s+ال[^\s\d.,]+)?)\.?,?\s+(?:de\s+|del\s+)?(\d{4})(?!\d)/;
/** "February 24, 2025", "Feb. 24, 2025". */
const MONTH_DAY_YEAR = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/;
/** "2026年11月22日" (Chinese, Japanese), "2026년 11월 22일" (Korean). */
const CJK_DATE = /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/;
/** "22.11.2026" (day first, as Europe writes it) and "2026/11/22", "2026.11.22". */
const DOTTED_DATE = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])/;
const YEAR_FIRST_DATE = /(?<![\d])(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?![\d])/;
/** "22/11/2026": day first unless the first number cannot be a day-of-month month pair (most of the world writes day first). */
const SLASHED_DATE = /(?<![\d/])(\d{1,2})\/(\d{1,2})\/(\d{4})(?![\d/])/;

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  return MONTH_NAMES.get(lower) ?? MONTH_NAMES.get(lower.split(/\s+/)[0]!);
}

function ymd(y: number, m: number | undefined, d: number): string | null {
  return m !== undefined && validDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}

/** Arabic-Indic and Persian digits as ASCII, so "٢٢ نوفمبر ٢٠٢٦" reads like "22 نوفمبر 2026". */
function asciiDigits(text: string): string {
  return /[\u0660-\u0669\u06f0-\u06f9]/.test(text)
    ? text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf))
    : text;
}

/**
 * A written date ("February 24, 2025", "24 Feb 2025", "22. November 2026", "2026年11月22日"), or
 * null. Month names and numeric forms are matched directly (fast, every page); chrono-node, when
 * allowed, reads the rest in the languages it knows.
 */
export function writtenDate(raw: string, useChrono = true): string | null {
  const text = asciiDigits(raw);
  const simple = MONTH_DAY_YEAR.exec(text);
  if (simple) {
    const month = MONTHS[simple[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[simple[1]!.slice(0, 3).toLowerCase()];
    const date = ymd(+simple[3]!, month, +simple[2]!);
    if (date) return date;
  }
  const dayFirst = DAY_MONTH_YEAR.exec(text);
  if (dayFirst) {
    const date = ymd(+dayFirst[3]!, monthNumber(dayFirst[2]!) ?? MONTHS[dayFirst[2]!.slice(0, 3).toLowerCase()], +dayFirst[1]!);
    if (date) return date;
  }
  const cjk = CJK_DATE.exec(text);
  if (cjk) return ymd(+cjk[1]!, +cjk[2]!, +cjk[3]!);
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso && validDate(+iso[1]!, +iso[2]!, +iso[3]!)) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const dotted = DOTTED_DATE.exec(text);
  if (dotted) {
    const date = ymd(+dotted[3]!, +dotted[2]!, +dotted[1]!);
    if (date) return date;
  }
  const slashed = SLASHED_DATE.exec(text);
  if (slashed) {
    const [first, second] = [+slashed[1]!, +slashed[2]!];
    // "11/22/2026" can only be month first; otherwise day first.
    const date = second > 12 ? ymd(+slashed[3]!, first, second) : ymd(+slashed[3]!, second, first);
    if (date) return date;
  }
  const yearFirst = YEAR_FIRST_DATE.exec(text);
  if (yearFirst) {
    const date = ymd(+yearFirst[1]!, +yearFirst[2]!, +yearFirst[3]!);
    if (date) return date;
  }
  return useChrono ? chronoDate(text) : null;
}

/** Longer strings are sentences that mention a date, not a date line. */
const MAX_WRITTEN_DATE_CHARS = 80;

/** English's strict parser, then the other languages', each loaded when first reached. */
function* parsers(): Generator<Parser> {
  for (const locale of ['en', ...OTHER_LOCALES] as const) {
    const parser = parserFor(locale);
    if (parser) yield parser;
  }
}

/** chrono-node over the languages it knows; only dates with a stated year and day count. */
function chronoDate(text: string): string | null {
  // A written date has a year in digits; without one there is nothing for chrono to find.
  if (text.length > MAX_WRITTEN_DATE_CHARS || !/\d{4}/.test(text)) return null;
  // English first, then the other languages chrono-node knows ("24. Februar 2025", "24 février 2025").
  for (const parser of parsers()) {
    let results;
    try {
      results = parser.parse(text);
    } catch {
      continue;
    }
    const found = results.find((r) => r.start.isCertain('year') && r.start.isCertain('day') && r.start.isCertain('month'));
    if (!found) continue;
    const y = found.start.get('year')!;
    const m = found.start.get('month')!;
    const d = found.start.get('day')!;
    if (!validDate(y, m, d)) continue;
    return `${y}-${pad(m)}-${pad(d)}`;
  }
  return null;
}

/** A date written in a URL path: /2025/02/24/, /2025-02-24-, /20250224/. */
export function urlDate(url: string | null | undefined): string | null {
  if (!url) return null;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const match = /\/(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)/.exec(path) ?? /[/_-](\d{4})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path);
  if (!match) return null;
  const [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  return validDate(y, m, d) ? `${y}-${pad(m)}-${pad(d)}` : null;
}
