// Units, currencies, scale words and qualifiers for quantities (data only; quantities.ts reads it).
import type { Qualifier } from '../records.js';

export interface UnitEntry {
  /** Regex source for the written unit (matched case-insensitively unless `caseSensitive`). */
  readonly pattern: string;
  readonly unit: string;
  /** Multiply the value by this to express it in `unit` ("cents" -> 0.01 USD). */
  readonly factor?: number;
  /** Period the unit itself implies ("bpd" = barrels per day). */
  readonly per?: string;
  readonly caseSensitive?: boolean;
  /** A letter glued to the number: a unit only after a lower-case word ("reached 43.2C"), not in a label ("Sector 7C"). */
  readonly glued?: boolean;
}

/** Longer spellings first: the first entry that matches wins. */
export const UNITS: readonly UnitEntry[] = [
  { pattern: 'metric tons?|metric tonnes?|tonnes?|tons?|mt\\b', unit: 't' },
  { pattern: 'kilotons?|kilotonnes?', unit: 't', factor: 1e3 },
  { pattern: 'kilograms?|kilos?\\b|kg\\b', unit: 'kg' },
  { pattern: 'grams?\\b|g\\b(?=\\s+of\\b)', unit: 'g' },
  { pattern: 'ounces?|oz\\b', unit: 'oz' },
  { pattern: 'pounds? sterling', unit: 'GBP' },
  { pattern: 'lbs?\\b', unit: 'lb' },
  { pattern: 'square (?:kilometres|kilometers|km)|sq\\.? ?km|km2|km²', unit: 'km2' },
  { pattern: 'square (?:miles)|sq\\.? ?mi\\b', unit: 'mi2' },
  { pattern: 'square (?:metres|meters|feet|foot)', unit: 'm2' },
  { pattern: 'kilometres?|kilometers?|km\\b', unit: 'km' },
  { pattern: 'miles?\\b', unit: 'mi' },
  { pattern: 'centimetres?|centimeters?|cm\\b', unit: 'cm' },
  { pattern: 'millimetres?|millimeters?|mm\\b', unit: 'mm' },
  { pattern: 'metres?|meters?', unit: 'm' },
  { pattern: 'feet|foot|ft\\b', unit: 'ft' },
  { pattern: 'inches|inch\\b', unit: 'in' },
  { pattern: 'hectares?|ha\\b', unit: 'ha' },
  { pattern: 'acres?', unit: 'acre' },
  { pattern: 'litres?|liters?', unit: 'l' },
  { pattern: 'gallons?', unit: 'gal' },
  { pattern: 'barrels (?:a|per) day|barrels of oil (?:a|per) day|bpd\\b|b/d\\b', unit: 'bbl', per: 'day' },
  { pattern: 'barrels?|bbl\\b', unit: 'bbl' },
  { pattern: 'cubic (?:metres|meters)|bcm\\b', unit: 'm3' },
  { pattern: 'cubic feet', unit: 'ft3' },
  { pattern: 'terawatt[- ]hours?|TWh\\b', unit: 'TWh', caseSensitive: true },
  { pattern: 'gigawatt[- ]hours?|GWh\\b', unit: 'GWh', caseSensitive: true },
  { pattern: 'megawatt[- ]hours?|MWh\\b', unit: 'MWh', caseSensitive: true },
  { pattern: 'kilowatt[- ]hours?|kWh\\b', unit: 'kWh', caseSensitive: true },
  { pattern: 'gigawatts?|GW\\b', unit: 'GW', caseSensitive: true },
  { pattern: 'megawatts?|MW\\b', unit: 'MW', caseSensitive: true },
  { pattern: 'kilowatts?|kW\\b', unit: 'kW', caseSensitive: true },
  { pattern: 'percentage points?|pct points?|pp\\b', unit: 'pp' },
  { pattern: 'basis points?|bps\\b', unit: 'bp' },
  { pattern: 'per ?cent\\b|pct\\b|%', unit: '%' },
  { pattern: 'degrees? (?:Celsius|centigrade|C\\b)|°C|℃', unit: '°C' },
  { pattern: 'degrees? (?:Fahrenheit|F\\b)|°F|℉', unit: '°F' },
  // "43.2C", "100F": the letter glued to the number, as weather copy writes it (never "12 C-130s").
  { pattern: '(?<!\\s)C(?![\\p{L}\\p{N}-])', unit: '°C', caseSensitive: true, glued: true },
  { pattern: '(?<!\\s)F(?![\\p{L}\\p{N}-])', unit: '°F', caseSensitive: true, glued: true },
  { pattern: 'degrees?', unit: 'degrees' },
  { pattern: 'US dollars?|U\\.S\\. dollars?|dollars?|bucks', unit: 'USD' },
  { pattern: 'cents?\\b', unit: 'USD', factor: 0.01 },
  { pattern: 'euros?|EUR\\b', unit: 'EUR' },
  { pattern: 'rubles?|roubles?|RUB\\b', unit: 'RUB' },
  { pattern: 'yuan|renminbi|RMB\\b|CNY\\b', unit: 'CNY' },
  { pattern: 'yen\\b|JPY\\b', unit: 'JPY' },
  { pattern: 'rupees?|INR\\b', unit: 'INR' },
  { pattern: 'hryvnias?|hryvnia', unit: 'UAH' },
  { pattern: 'Swiss francs?|CHF\\b', unit: 'CHF' },
  { pattern: 'pesos?', unit: 'MXN' },
  { pattern: 'reais|real\\b(?=s? )', unit: 'BRL' },
  { pattern: 'won\\b(?= [a-z])', unit: 'KRW' },
  { pattern: 'people|persons|individuals|lives', unit: 'people' },
  { pattern: 'years?(?! old)|yrs?\\b', unit: 'years' },
  { pattern: 'years? old', unit: 'years' },
  { pattern: 'decades?', unit: 'decades' },
  { pattern: 'centuries|century', unit: 'centuries' },
  { pattern: 'months?', unit: 'months' },
  { pattern: 'weeks?', unit: 'weeks' },
  { pattern: 'days?\\b', unit: 'days' },
  { pattern: 'hours?|hrs?\\b', unit: 'hours' },
  { pattern: 'minutes?|mins?\\b', unit: 'minutes' },
  { pattern: 'seconds?|secs?\\b', unit: 'seconds' },
  { pattern: 'times\\b(?! (?:a|per|each|every) )|-?fold\\b|x\\b', unit: '×' },
];

/**
 * Nouns that count people or things without a plural "-s" ("220 staff", "4,800 children"); regular
 * plurals are read from the part of speech.
 */
export const UNMARKED_PLURALS: ReadonlySet<string> = new Set([
  'staff',
  'personnel',
  'children',
  'men',
  'women',
  'police',
  'crew',
  'cattle',
  'sheep',
  'livestock',
]);

/** Currency written before the number, longest first. */
export const CURRENCY_PREFIXES: readonly (readonly [RegExp, string])[] = [
  [/(?:US\$|U\.S\. ?\$|USD ?)$/, 'USD'],
  [/(?:C\$|CA\$|CAD ?)$/, 'CAD'],
  [/(?:A\$|AU\$|AUD ?)$/, 'AUD'],
  [/(?:NZ\$)$/, 'NZD'],
  [/(?:HK\$)$/, 'HKD'],
  [/(?:R\$)$/, 'BRL'],
  [/\$$/, 'USD'],
  // AP wire copy writes the euro sign as a word glued to the figure: "euro30 billion".
  [/(?:€|EUR ?|\beuro)$/, 'EUR'],
  [/(?:£|GBP ?)$/, 'GBP'],
  [/(?:¥|JPY ?)$/, 'JPY'],
  [/(?:₽|RUB ?)$/, 'RUB'],
  [/(?:₹|INR ?|Rs\.? ?)$/, 'INR'],
  [/(?:₴|UAH ?)$/, 'UAH'],
  [/(?:CHF ?)$/, 'CHF'],
  [/(?:CNY ?|RMB ?)$/, 'CNY'],
];

export const SCALES: ReadonlyMap<string, number> = new Map([
  ['hundred', 1e2],
  ['thousand', 1e3],
  ['million', 1e6],
  ['billion', 1e9],
  ['trillion', 1e12],
  ['mln', 1e6],
  ['mn', 1e6],
  ['mio', 1e6],
  ['bn', 1e9],
  ['bln', 1e9],
  ['tn', 1e12],
  ['trn', 1e12],
  ['k', 1e3],
  ['m', 1e6],
  ['b', 1e9],
  ['lakh', 1e5],
  ['crore', 1e7],
  ['thousands', 1e3],
  ['millions', 1e6],
]);

/** Scale letters that only count when glued to a number that carries a currency ("$15bn", "£3m"). */
export const SHORT_SCALES = new Set(['k', 'm', 'b', 'bn', 'mn', 'tn']);

export const WORD_NUMBERS: ReadonlyMap<string, number> = new Map([
  ['a', 1],
  ['an', 1],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['dozen', 12],
  ['a dozen', 12],
  ['half a', 0.5],
  ['half', 0.5],
  ['a hundred', 100],
  ['a thousand', 1000],
]);

/** Qualifiers written before a number, longest first. */
export const QUALIFIERS: readonly (readonly [RegExp, Qualifier])[] = [
  [/\b(?:up to|as many as|as much as|as high as|a maximum of|up to a maximum of)\s+$/i, 'up to'],
  [/\b(?:at least|no less than|no fewer than|a minimum of|not less than|not fewer than)\s+$/i, 'at least'],
  [/\b(?:at most|no more than|not more than)\s+$/i, 'at most'],
  [/\b(?:more than|over|above|in excess of|upwards of|exceeding|north of|greater than|higher than|nearly over)\s+$/i, 'more than'],
  [/\b(?:less than|fewer than|under|below|short of|lower than|just under|barely)\s+$/i, 'less than'],
  [
    /(?:\b(?:about|around|roughly|approximately|approx\.|some|nearly|almost|close to|an estimated|estimated|circa|an average of|on average|or so)\s+|~\s*)$/i,
    'about',
  ],
];

/** Qualifiers written after the quantity ("100 or more", "a dozen or so"). */
export const TRAILING_QUALIFIERS: readonly (readonly [RegExp, Qualifier])[] = [
  [/^\s*(?:or more|or above|and up|-plus|\+)/i, 'at least'],
  [/^\s*(?:or so|or thereabouts)/i, 'about'],
  [/^\s*or less/i, 'at most'],
];

/** Periods written after a quantity: "a year", "annually", "per day". */
export const PERIODS: readonly (readonly [RegExp, string])[] = [
  [/^\s*(?:a|an|per|each|every)\s+year\b|^\s*(?:annually|yearly|per annum|a yr|\/\s?yr|\/\s?year)\b/i, 'year'],
  [/^\s*(?:a|per|each|every)\s+month\b|^\s*monthly\b|^\s*\/\s?month\b/i, 'month'],
  [/^\s*(?:a|per|each|every)\s+week\b|^\s*weekly\b/i, 'week'],
  [/^\s*(?:a|per|each|every)\s+day\b|^\s*(?:daily|\/\s?day)\b/i, 'day'],
  [/^\s*(?:an|a|per|each|every)\s+hour\b|^\s*(?:hourly|\/\s?h|\/\s?hr)\b/i, 'hour'],
  [/^\s*(?:per|a)\s+(?:capita|person|head)\b/i, 'person'],
];
