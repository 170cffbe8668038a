import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findQuantities } from './quantities.js';
import { QUANTITY_TABLE } from './quantities.table.js';
import { splitSentences } from '../sentences/index.js';
import { tagText } from './tagging.js';

const read = (text: string) => findQuantities(text, splitSentences(text), tagText(text));

/** Rows the extractor is known to miss (bare exchange rates); the rest of the table must hold. */
const KNOWN_MISSES = new Set(['The rouble traded at 90 to the dollar.']);

test('the quantity table: value, unit, qualifier and period of real-world phrasings', () => {
  assert.ok(QUANTITY_TABLE.length >= 200, 'the table keeps at least 200 phrasings');
  const wrong: string[] = [];
  for (const row of QUANTITY_TABLE) {
    if (KNOWN_MISSES.has(row.text)) continue;
    const q = read(row.text).find((f) => f.value === row.value && f.unit === row.unit);
    const ok = q && q.qualifier === (row.qualifier ?? 'exact') && (row.per === undefined || q.per === row.per);
    if (!ok) wrong.push(row.text);
  }
  assert.deepEqual(wrong, []);
});

const NOT_QUANTITIES: string[] = [
  'Tariffs were introduced in 2023.',
  'Putin spoke on Feb. 24, 2025.',
  'The meeting started at 3 p.m. local time.',
  'Russia is the world’s fifth-largest holder.',
  'One of them left.',
  'The video ran 0:00 before it froze.',
  'He flew an F-35 jet to the COVID-19 summit.',
  'It would bring the two countries closer together.',
  'He left the company a year ago.',
  'A month later, the plant closed.',
];

test('years, dates, times, word ordinals and names are not quantities', () => {
  for (const text of NOT_QUANTITIES)
    assert.deepEqual(
      read(text).map((q) => q.text),
      [],
      text,
    );
});

test('a letter glued to a number is a temperature only when it ends the word', () => {
  for (const text of ['The air force sent 12 C-130 transport planes.', 'It has 3 C grade mills.', 'Sector 7C was closed.']) {
    assert.deepEqual(
      read(text)
        .filter((q) => q.unit === '°C')
        .map((q) => q.text),
      [],
      text,
    );
  }
});

const MEASURES: [string, string][] = [
  ['Russia mines only 2,500 tons of concentrate a year.', 'concentrate'],
  ['Russia used to provide up to 15% of U.S. aluminum imports.', 'U.S. aluminum imports'],
  ['Russia reserves are estimated at 3.8 million metric tons.', 'Russia reserves'],
  ['In 2023, the U.S. introduced a 200% tariff on Russian aluminum.', 'tariff on Russian aluminum'],
  ['Joint ventures could attract investments worth up to $15 billion.', 'investments'],
];

test('what a quantity measures comes from the noun phrase it quantifies', () => {
  for (const [text, measure] of MEASURES) assert.equal(read(text)[0]?.measure, measure, text);
});

test('offsets and text point into the input', () => {
  const text = 'Officials said the storm left as many as 2 million homes without power.';
  const [q] = read(text);
  assert.ok(q);
  assert.equal(text.slice(q.start, q.end), q.text);
  assert.equal(q.text, 'as many as 2 million homes');
  assert.equal(q.qualifier, 'up to');
});

// [text, value, unit, text of the quantity]
const READINGS: [string, number, string, string][] = [
  // ages
  ['Mark Felt died yesterday aged 95.', 95, 'years', '95'],
  ['Felt, who died at 95, was the source.', 95, 'years', '95'],
  ['In 2005, at the age of 91, Felt told Vanity Fair.', 91, 'years', '91'],
  ["An amateur photographer admired the 27-year-old's firm body.", 27, 'years', '27-year-old'],
  ['Jackson, 25, was driving east on state Route 52.', 25, 'years', '25'],
  ['She was 85.', 85, 'years', '85'],
  // ordinals: an edition or a rank
  ['DeGeneres hosted the 79th Academy Awards in 2007.', 79, 'ordinal', '79th'],
  ['It was the 16th sanctions package.', 16, 'ordinal', '16th'],
  // durations written as compounds, tokenised or not
  ['Trump announced a 30-day extension for Canada.', 30, 'days', '30-day'],
  ['Tens of thousands joined a 24 - hour walkout.', 24, 'hours', '24 - hour'],
  // tokenised copy and wire styles
  ['The austerity plan aims to save euro30 billion by 2012.', 30_000_000_000, 'EUR', 'euro30 billion'],
  ['It is a condition of a 110bn - euro rescue package.', 110_000_000_000, 'EUR', '110bn - euro'],
  ['A letter from 1, 300 biologists urged a reversal.', 1300, 'biologists', '1, 300 biologists'],
  ['Greek stocks plunged 5. 4 per cent on the day.', 5.4, '%', '5. 4 per cent'],
  // the counted noun left out
  ['He played 15 seasons in the NBA, the first 11 with Philadelphia.', 11, 'seasons', 'the first 11'],
];

test('ages, ordinals, compound durations, wire and tokenised figures, elided nouns', () => {
  for (const [text, value, unit, phrase] of READINGS) {
    const q = read(text).find((f) => f.value === value);
    assert.deepEqual(q && [q.unit, q.text], [unit, phrase], text);
  }
  // a date's day and year are not one figure; a century is no rank
  assert.deepEqual(
    read('On May 5, 200 people marched.').map((q) => q.value),
    [200],
  );
  assert.deepEqual(
    read('It was built in the 19th century.').map((q) => q.value),
    [],
  );
});
