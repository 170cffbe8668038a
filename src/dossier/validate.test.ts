import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sampleDossier } from './testing.js';
import { validateDossier, dossierSchema } from './validate.js';
import { DOSSIER_VERSION } from './types.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const clone = (): { [key: string]: Json } => JSON.parse(JSON.stringify(sampleDossier()));

/** Every object in a JSON value with its path, for mutation tables. */
function* objects(value: Json, path = ''): Generator<[string, { [key: string]: Json }]> {
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) yield* objects(value[i]!, `${path}/${i}`);
  else if (value !== null && typeof value === 'object') {
    yield [path, value];
    for (const [key, child] of Object.entries(value)) yield* objects(child, `${path}/${key}`);
  }
}

function at(root: Json, path: string): { [key: string]: Json } {
  return path
    .split('/')
    .slice(1)
    .reduce<Json>((node, key) => (node as { [key: string]: Json })[key]!, root) as { [key: string]: Json };
}

/** Fields the types mark optional (`?`): absent is valid. */
const OPTIONAL = new Set(['diff', 'was']);

describe('validateDossier', () => {
  it('accepts a complete dossier, and one full of hostile text', () => {
    assert.deepEqual(validateDossier(sampleDossier()), { ok: true });
    assert.deepEqual(validateDossier(sampleDossier({ hostile: '<script>alert(1)</script><img src=x onerror=alert(2)>' })), { ok: true });
    assert.deepEqual(validateDossier({ version: DOSSIER_VERSION, generatedAt: '2025-05-15T10:00:00Z', stories: [], rejections: [] }), {
      ok: true,
    });
  });

  it('uses a JSON Schema for version 1', () => {
    assert.equal(dossierSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal((dossierSchema.properties as { version: { const: unknown } }).version.const, 1);
  });

  it('rejects a dossier missing any required field, anywhere', () => {
    let checked = 0;
    for (const [path, node] of [...objects(clone())]) {
      for (const key of Object.keys(node)) {
        if (OPTIONAL.has(key)) continue;
        const broken = clone();
        delete at(broken, path)[key];
        const verdict = validateDossier(broken);
        assert.equal(verdict.ok, false, `removing ${path}/${key} should fail`);
        checked++;
      }
    }
    assert.ok(checked > 100, `checked ${checked} fields`);
  });

  it('rejects unknown fields, anywhere', () => {
    for (const [path] of [...objects(clone())]) {
      const broken = clone();
      at(broken, path).surprise = 1;
      const verdict = validateDossier(broken);
      assert.equal(verdict.ok, false, `extra field at ${path || '/'} should fail`);
      if (!verdict.ok)
        assert.ok(
          verdict.errors.some((e) => e.includes('unknown field "surprise"')),
          verdict.errors.join('\n'),
        );
    }
  });

  const cases: [string, (d: any) => void, RegExp][] = [
    ['a non-object', () => {}, /./],
    ['version 2', (d) => (d.version = 2), /^\/version/],
    ['a bad role', (d) => (d.stories[0].articles[0].role = 'boss'), /role: .*original, copy/],
    ['a bad status', (d) => (d.stories[0].claims[0].mentions[0].status = 'changed'), /status/],
    ['a non-ISO date', (d) => (d.stories[0].articles[0].published = 'May 14, 2025'), /published/],
    ['a negative offset', (d) => (d.stories[0].claims[0].mentions[0].start = -1), /start/],
    ['a fractional offset', (d) => (d.stories[0].brief[0].sources[0].end = 2.5), /end/],
    ['a score above 1', (d) => (d.stories[0].claims[0].mentions[0].score = 1.5), /score/],
    ['a string count', (d) => (d.stories[0].independentOrigins = '1'), /independentOrigins/],
    ['a story without articles', (d) => (d.stories[0].articles = []), /articles/],
    ['a bad rejection code', (d) => (d.rejections[0].code = 'boom'), /code/],
    [
      'a citation of an article outside the story',
      (d) => d.stories[0].brief[0].citations.push('ffffffffffffffff'),
      /brief\/0\/citations\/2: article "ffffffffffffffff" is not in this story/,
    ],
    [
      'a mention past the end of its article',
      (d) => (d.stories[0].claims[0].mentions[1].end = 10_000),
      /mentions\/1: end 10000 is past the end/,
    ],
    [
      'a mention ending before it starts',
      (d) => (d.stories[0].claims[0].mentions[0].start = d.stories[0].claims[0].mentions[0].end + 1),
      /is after end/,
    ],
    [
      'evidence past the end of the source',
      (d) => (d.stories[0].articles[1].derivedFrom[0].evidence[0].sourceEnd = 10_000),
      /evidence\/0 \(source\)/,
    ],
    ['a derivation from an unknown article', (d) => (d.stories[0].articles[1].derivedFrom[0].article = 'nope'), /derivedFrom\/0\/article/],
    [
      'an article deriving from itself',
      (d) => (d.stories[0].articles[1].derivedFrom[0].article = d.stories[0].articles[1].id),
      /derive from itself/,
    ],
    ['a finding about an unknown claim', (d) => (d.stories[0].findings[0].claim = 'claim-99'), /claim "claim-99"/],
    ['a duplicated article id', (d) => (d.stories[0].articles[2].id = d.stories[0].articles[0].id), /appears twice/],
    ['coverage of an unknown claim', (d) => d.stories[0].coverage[1].omits.push('claim-99'), /coverage\/1\/omits\/0: claim "claim-99"/],
    ['coverage of an unknown article', (d) => (d.stories[0].coverage[0].article = 'nope'), /coverage\/0\/article/],
    ['uniqueTo an unknown article', (d) => (d.stories[0].claims[2].uniqueTo = 'nope'), /uniqueTo/],
  ];
  for (const [name, breakIt, expected] of cases) {
    it(`rejects ${name}`, () => {
      const broken = name === 'a non-object' ? 'stories' : clone();
      breakIt(broken);
      const verdict = validateDossier(broken);
      assert.equal(verdict.ok, false);
      if (!verdict.ok)
        assert.ok(
          verdict.errors.some((e) => expected.test(e)),
          verdict.errors.join('\n'),
        );
    });
  }
});
