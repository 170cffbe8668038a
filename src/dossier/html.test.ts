import { it } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, raw, safeHref } from './html.js';

it('escapes every interpolation that is not itself markup', () => {
  const rows: [string, string][] = [
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['"><img src=x onerror=alert(1)>', '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'],
    ["it's & that", 'it&#39;s &amp; that'],
    ['東京 👩🏽‍🔬', '東京 👩🏽‍🔬'],
  ];
  for (const [input, expected] of rows) assert.equal(escapeHtml(input), expected);
  assert.equal(
    html`<p title="${'"x"'}">${'<b>'}${html`<i>${'<'}</i>`}${[1, null, false, '&']}</p>`.value,
    '<p title="&quot;x&quot;">&lt;b&gt;<i>&lt;</i>1&amp;</p>',
  );
  assert.equal(html`${raw('<hr>')}`.value, '<hr>');
});

it('links only http(s) URLs', () => {
  assert.equal(safeHref('https://a.example/x'), 'https://a.example/x');
  assert.equal(safeHref(' HTTP://a.example '), 'HTTP://a.example');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('data:text/html,<script>'), null);
  assert.equal(safeHref(null), null);
});
