import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Parser } from 'htmlparser2';
import { renderReport } from './report.js';
import { sampleDossier, sampleStory } from './testing.js';
import { DOSSIER_VERSION } from './types.js';

/** Every tag and attribute a browser would see, parsed as a browser would. */
function parse(markup: string): { tags: string[]; attributes: [string, string, string][]; text: string } {
  const tags: string[] = [];
  const attributes: [string, string, string][] = [];
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        tags.push(name);
        for (const [key, value] of Object.entries(attrs)) attributes.push([name, key, value]);
      },
      ontext(chunk) {
        text += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.write(markup);
  parser.end();
  return { tags, attributes, text };
}

function shows(text: string, part: string): void {
  assert.ok(text.includes(part), `the report shows ${JSON.stringify(part)}`);
}

/** The markup the report itself writes; anything else came from input. */
const REPORT_TAGS = new Set([
  'html',
  'head',
  'meta',
  'title',
  'style',
  'body',
  'main',
  'header',
  'nav',
  'section',
  'article',
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'span',
  'b',
  'a',
  'ol',
  'ul',
  'li',
  'details',
  'summary',
  'blockquote',
  'div',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'del',
  'ins',
]);

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(2)>',
  '"><svg onload=alert(3)>',
  "'><iframe src=javascript:alert(4)>",
  '</textarea><style>body{display:none}</style>',
];

describe('renderReport', () => {
  it('shows hostile text from every field as text, never as markup', () => {
    for (const hostile of HOSTILE) {
      const dossier = sampleDossier({ hostile });
      const markup = renderReport(dossier);
      const { tags, attributes, text } = parse(markup);
      assert.deepEqual(
        tags.filter((tag) => !REPORT_TAGS.has(tag)),
        [],
        `no tag from input (${hostile})`,
      );
      assert.equal(tags.filter((tag) => tag === 'style').length, 1, 'only the report stylesheet');
      assert.deepEqual(
        attributes.filter(([, key]) => key.startsWith('on')),
        [],
        'no event handler',
      );
      for (const [, key, value] of attributes) if (key === 'href') assert.match(value, /^(#|https?:)/, `href ${value}`);
      assert.ok(text.includes(hostile), `the hostile text is shown as text (${hostile})`);
      assert.ok(!markup.toLowerCase().includes('<script'), 'no script tag at all');
    }
  });

  it('keeps a javascript: URL as text, not as a link', () => {
    const story = sampleStory();
    const markup = renderReport({
      ...sampleDossier(),
      stories: [{ ...story, articles: story.articles.map((a) => ({ ...a, url: 'javascript:alert(1)' })) }],
    });
    assert.ok(!parse(markup).attributes.some(([, key, value]) => key === 'href' && value.includes('javascript')), 'no javascript: link');
  });

  it('is self-contained under a strict Content-Security-Policy', () => {
    const markup = renderReport(sampleDossier());
    const { attributes } = parse(markup);
    const csp = attributes.find(([tag, key, value]) => tag === 'meta' && key === 'http-equiv' && value === 'Content-Security-Policy');
    assert.ok(csp, 'CSP meta tag');
    const content = attributes
      .filter(([tag, key]) => tag === 'meta' && key === 'content')
      .map(([, , v]) => v)
      .find((v) => v.includes('default-src'));
    assert.ok(content, 'policy');
    assert.match(content, /default-src 'none'/);
    assert.match(content, /style-src 'sha256-[A-Za-z0-9+/=]+'/);
    assert.ok(!content.includes('unsafe'), 'no unsafe-inline');
    assert.ok(
      !attributes.some(
        ([, key, value]) => (key === 'src' || key === 'href') && /^(https?:)?\/\//.test(value) && !value.startsWith('https://wire.example'),
      ),
      'no external resources',
    );
    assert.ok(
      attributes.some(([tag, key, value]) => tag === 'meta' && key === 'name' && value === 'viewport'),
      'responsive viewport',
    );
  });

  it('shows every part of the dossier', () => {
    const dossier = sampleDossier();
    const story = dossier.stories[0]!;
    const markup = renderReport(dossier);
    const { text, attributes } = parse(markup);
    shows(text, story.headline);
    // Dates as the articles give them: a bare date stays a date, never a midnight time.
    assert.ok(text.includes('13 May 2025, 08:00 UTC – 14 May 2025'), 'time span');
    assert.ok(!/00:00/.test(text), 'no made-up midnight');
    for (const outlet of story.outlets) shows(text, outlet);
    shows(text, '1 independent origin');
    for (const sentence of story.brief) shows(text, sentence.text);
    // Each citation names the source sentence it rests on, on hover (title) and focus (tip).
    const titles = attributes.filter(([tag, key]) => tag === 'a' && key === 'title').map(([, , v]) => v);
    assert.ok(titles.includes('Wire: The minister said on Tuesday that output "will rise by a third next year".'), titles.join('\n'));
    assert.ok(titles.includes('Daily Example: The minister said output "will rise by a quarter next year".'), titles.join('\n'));
    for (const finding of story.findings) shows(text, finding.message);
    for (const article of story.articles) {
      shows(text, article.title!);
      assert.ok(text.includes(article.text), 'cleaned text');
      shows(text, article.roleReason);
    }
    shows(text, 'Derived from [1] Wire (60% of its text)');
    shows(text, 'Adds 1 claim, leaves out 0, disputes 0');
    shows(text, 'Left out, though other origins report it');
    assert.ok(text.includes('Reserves stand at 3.8 million tonnes'), 'evidence passage');
    // Coverage matrix: one coloured cell per claim and article.
    const cells = attributes
      .filter(([tag, key, value]) => tag === 'td' && key === 'class' && value.startsWith('cell '))
      .map(([, , v]) => v);
    assert.deepEqual(cells, [
      'cell st-original',
      'cell st-altered',
      'cell st-trimmed',
      'cell st-original',
      'cell st-agrees',
      'cell st-conflicting',
      'cell st-stated',
      'cell st-absent',
      'cell st-absent',
    ]);
    // Quote diff: what was dropped and substituted is marked.
    assert.match(markup, /will rise by a <del title="was">third<\/del> <ins title="now">quarter<\/ins> next year/);
    assert.match(markup, /will rise <del title="dropped">by a third next year<\/del>/);
    assert.ok(text.includes('3,800,000 t'), 'numbers table');
    assert.ok(text.includes('empty.txt') && text.includes('the file is empty'), 'rejections');
  });

  it('renders an empty dossier and several stories', () => {
    const empty = renderReport({ version: DOSSIER_VERSION, generatedAt: '2025-05-15T10:00:00Z', stories: [], rejections: [] });
    shows(parse(empty).text, 'No stories');
    const two = renderReport({
      ...sampleDossier(),
      stories: [sampleStory({ id: 'a', headline: 'First' }), sampleStory({ id: 'b', headline: 'Second' })],
    });
    const { attributes } = parse(two);
    const ids = attributes.filter(([, key]) => key === 'id').map(([, , v]) => v);
    assert.equal(new Set(ids).size, ids.length, 'anchors are unique across stories');
    assert.ok(
      attributes.some(([tag, key, value]) => tag === 'a' && key === 'href' && value === '#s2'),
      'table of contents',
    );
  });
});
