import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forTerminal, jsonText, oneLine } from './terminal.js';

const ROWS: readonly (readonly [string, string, string])[] = [
  ['OSC retitle, BEL-terminated', 'a\x1b]0;pwned\x07b', 'ab'],
  ['OSC 52 clipboard write, ST-terminated', 'a\x1b]52;c;ZWNobyBoaQ==\x1b\\b', 'ab'],
  ['OSC 8 hyperlink', '\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\', 'click'],
  ['CSI clear screen and home', 'a\x1b[2J\x1b[Hb', 'ab'],
  ['CSI colour with parameters', '\x1b[1;31mred\x1b[0m', 'red'],
  ['CSI with intermediate byte', 'a\x1b[0 qb', 'ab'],
  ['8-bit CSI', 'a\x9b31mb', 'ab'],
  ['8-bit OSC', 'a\x9d0;pwned\x9cb', 'ab'],
  ['DCS', 'a\x1bPq#0;2;0;0;0\x1b\\b', 'ab'],
  ['reset (ESC c) and charset (ESC ( B)', 'a\x1bcb\x1b(Bc', 'abc'],
  ['lone ESC and BEL', 'a\x1b\nb\x07c', 'a\nbc'],
  ['ESC and one final byte is a sequence (as the terminal reads it)', 'a\x1bbc', 'ac'],
  ['unterminated OSC keeps the text after it', 'a\x1b]0;title never ends', 'a0;title never ends'],
  ['backspace and carriage return cannot overwrite', 'safe\rEVIL\b\b\b\b', 'safeEVIL'],
  ['DEL and C1', 'a\x7fb\x85c\x9fd', 'abcd'],
  ['tabs and newlines stay', 'a\tb\nc', 'a\tb\nc'],
  ['letters and quotes of every script stay', '“Привет”, 東京 — ok', '“Привет”, 東京 — ok'],
];

test('forTerminal: whole escape sequences and every control character go; text, tabs and newlines stay', () => {
  for (const [why, input, expected] of ROWS) assert.equal(forTerminal(input), expected, why);
});

test('oneLine: one line of visible text', () => {
  assert.equal(oneLine('  Title\n\tSecond line\x1b[2K  '), 'Title Second line');
});

test('forTerminal stays linear on floods of introducers', () => {
  for (const flood of ['\x1b]'.repeat(200_000), '\x9d'.repeat(400_000), `\x1b]${'a'.repeat(400_000)}`, '\x1b['.repeat(200_000)]) {
    const before = process.cpuUsage();
    forTerminal(flood);
    const used = process.cpuUsage(before);
    assert.ok((used.user + used.system) / 1e6 < 1, `${JSON.stringify(flood.slice(0, 4))}: ${used.user / 1e3} ms`);
  }
});

test('jsonText: the same value, with DEL, C1, U+2028 and U+2029 escaped as well', () => {
  const value = { text: 'a\x1b[2Jb\x07c\x7fd\x9be\u2028f\u2029', n: 1 };
  const json = jsonText(value);
  assert.ok(!/[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(json), json);
  assert.deepEqual(JSON.parse(json), value);
  assert.equal(jsonText({ a: [1] }, 2), JSON.stringify({ a: [1] }, null, 2));
});
