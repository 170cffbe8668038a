import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fold, likePatterns, MAX_QUERY_LENGTH, outletPatterns, SNIPPET_WORDS, searchWords, snippet, timeMs } from './search.js';

it('reads dates the same on every machine', () => {
  const rows: [string | null, 'start' | 'end', number | null][] = [
    ['2025-05-14', 'start', Date.UTC(2025, 4, 14)],
    ['2025-05-14', 'end', Date.UTC(2025, 4, 15) - 1],
    ['2025-05-14T09:30:00Z', 'end', Date.UTC(2025, 4, 14, 9, 30)],
    ['2025-05-14T09:30', 'start', Date.UTC(2025, 4, 14, 9, 30)],
    ['2025-05-14 09:30:15', 'start', Date.UTC(2025, 4, 14, 9, 30, 15)],
    ['2025-05-14T09:30:00+02:00', 'start', Date.UTC(2025, 4, 14, 7, 30)],
    ['not a date', 'start', null],
    [null, 'start', null],
  ];
  for (const [iso, bound, expected] of rows) assert.equal(timeMs(iso, bound), expected, `${iso} (${bound})`);
});

it('folds case, diacritics and width alike', () => {
  const rows: [string, string][] = [
    ['Zürich', 'zurich'],
    ['ÉLYSÉE', 'elysee'],
    ['Ｒｅｕｔｅｒｓ', 'reuters'],
    ['東京', '東京'],
    ['a\u0000b', 'ab'],
  ];
  for (const [input, expected] of rows) assert.equal(fold(input), expected, input);
});

it('turns search words into literal LIKE patterns', () => {
  assert.deepEqual(likePatterns('  Zürich   100%_x\\ '), ['%zurich%', '%100\\%\\_x\\\\%']);
  assert.deepEqual(likePatterns(undefined), []);
  assert.throws(
    () => likePatterns('x'.repeat(MAX_QUERY_LENGTH + 1)),
    (error: { hint?: string }) => new RegExp(`at most ${MAX_QUERY_LENGTH}`).test(error.hint ?? ''),
  );
});

it('splits a search into folded words as the full-text engines see them', () => {
  const rows: [string | undefined, string[]][] = [
    ['Rusal', ['rusal']],
    ['  Zürich,  "bank" fined! ', ['zurich', 'bank', 'fined']],
    ['U.S.-Ukraine deal', ['u', 's', 'ukraine', 'deal']],
    ['100% 油价 a a', ['100', '油价', 'a']],
    ['%', []],
    [undefined, []],
  ];
  for (const [input, expected] of rows) assert.deepEqual(searchWords(input), expected, String(input));
});

it('matches outlets by the start of a word of their name', () => {
  assert.deepEqual(outletPatterns(' The  Epoch '), ['the epoch%', '% the epoch%']);
  assert.deepEqual(outletPatterns('Süd_100%'), ['sud\\_100\\%%', '% sud\\_100\\%%']);
});

it('cuts a snippet around the most search words, marking each found word', () => {
  const marked = (text: string, words: string[]) => {
    const found = snippet(text, words);
    return found?.marks.map(([start, end]) => found.text.slice(start, end));
  };
  assert.deepEqual(marked('Siberia is home to Rusal, the largest maker.', ['rusal']), ['Rusal']);
  assert.deepEqual(marked('Über Zürich.\n\nZurich again', ['zurich']), ['Zürich', 'Zurich'], "folded, and a word's start");
  assert.equal(snippet('Nothing to see.', ['rusal']), null);
  assert.equal(snippet('Text.', []), null);
  assert.equal(snippet('Line one\n\n  line two.', ['two'])?.text, 'Line one line two.', 'whitespace made single spaces');
  // In a long text the passage with both words wins, cut at words with ellipses.
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
  const long = `${filler(50)} aluminium here. ${filler(60)} Rusal said aluminium ${filler(60)}.`;
  const cut = snippet(long, ['rusal', 'aluminium'])!;
  assert.ok(cut.text.startsWith('… ') && cut.text.endsWith(' …'), cut.text);
  assert.deepEqual(
    cut.marks.map(([start, end]) => cut.text.slice(start, end)),
    ['Rusal', 'aluminium'],
  );
  assert.ok(cut.text.split(' ').length <= SNIPPET_WORDS + 2);
});
