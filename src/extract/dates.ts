// Dates as pages state them, to ISO 8601: machine formats first (cheap), then chrono-node for
// written dates in the languages it knows. A date with no time stays a date.
import { createRequire } from 'node:module';
import type * as Chrono from 'chrono-node';

// chrono-node loads every locale (~150 ms): load it on the first written date, not at start-up.
let chrono: typeof Chrono | null = null;
function loadChrono(): typeof Chrono {
  chrono ??= createRequire(import.meta.url)('chrono-node') as typeof Chrono;
  return chrono;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
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

/** Normalises a machine-readable date (ISO, RFC 2822, "2025-02-24 10:00") to ISO 8601. */
export function normaliseDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i.exec(text);
  if (iso) {
    const [, y, m, d, hh, mm, ss, zone] = iso;
    if (!validDate(+y!, +m!, +d!)) return null;
    if (!hh) return `${y}-${m}-${d}`;
    const time = `${y}-${m}-${d}T${hh}:${mm}:${ss ?? '00'}`;
    if (!zone) return time;
    const parsed = new Date(`${time}${zone.length === 5 ? zone.slice(0, 3) + ':' + zone.slice(3) : zone}`);
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

/** A written date ("February 24, 2025", "24 Feb 2025", "Feb. 24, 2025 10:31 AM ET"), or null. */
export function writtenDate(text: string, useChrono = true): string | null {
  const simple = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text) ?? null;
  if (simple) {
    const month = MONTHS[simple[1]!.slice(0, 4).toLowerCase()] ?? MONTHS[simple[1]!.slice(0, 3).toLowerCase()];
    if (month && validDate(+simple[3]!, month, +simple[2]!)) return `${simple[3]}-${pad(month)}-${pad(+simple[2]!)}`;
  }
  const dayFirst = /\b(\d{1,2})\.?\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})\b/.exec(text);
  if (dayFirst) {
    const month = MONTHS[dayFirst[2]!.slice(0, 3).toLowerCase()];
    if (month && validDate(+dayFirst[3]!, month, +dayFirst[1]!)) return `${dayFirst[3]}-${pad(month)}-${pad(+dayFirst[1]!)}`;
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso && validDate(+iso[1]!, +iso[2]!, +iso[3]!)) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  return useChrono ? chronoDate(text) : null;
}

/** Longer strings are sentences that mention a date, not a date line. */
const MAX_WRITTEN_DATE_CHARS = 80;

function parsers(): (typeof Chrono.strict)[] {
  const c = loadChrono();
  return [c.strict, c.de, c.fr, c.es, c.pt, c.nl, c.it, c.ja, c.ru, c.zh, c.sv, c.uk].filter(Boolean) as (typeof Chrono.strict)[];
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
