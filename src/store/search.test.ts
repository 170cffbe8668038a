import { it } from 'node:test';
import assert from 'node:assert/strict';
import { fold, likePatterns, timeMs } from './search.js';

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
    () => likePatterns('x'.repeat(501)),
    (error: { hint?: string }) => /at most 500/.test(error.hint ?? ''),
  );
});
