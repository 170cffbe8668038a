import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleStory } from './testing.js';
import { articleName, inputName, publishedSpan, readableDate, readableInput, roleReason, withArticleNames } from './wording.js';

test('dates as given: a bare date stays a date, a time keeps its zone', () => {
  const rows: [string, string][] = [
    ['2025-02-24', '24 Feb 2025'],
    ['2025-02-24T00:00:00.000Z', '24 Feb 2025, 00:00 UTC'],
    ['2025-05-13T08:00:00Z', '13 May 2025, 08:00 UTC'],
    ['2025-05-13T08:00:00+02:00', '13 May 2025, 08:00 +02:00'],
    ['2025-05-13 08:00', '13 May 2025, 08:00'],
    ['last Tuesday', 'last Tuesday'],
  ];
  for (const [value, shown] of rows) assert.equal(readableDate(value), shown, value);
  assert.equal(publishedSpan([{ published: '2025-02-24' }, { published: null }]), '24 Feb 2025');
  assert.equal(publishedSpan([{ published: '2025-02-25T10:00:00Z' }, { published: '2025-02-24' }]), '24 Feb 2025 – 25 Feb 2025, 10:00 UTC');
  assert.equal(publishedSpan([{ published: null }]), null);
});

test('a role is said once: its reason without the role in front', () => {
  const rows: [string, string, string][] = [
    ['independent', 'Independent: it shares too little text.', 'it shares too little text.'],
    ['summary', 'Summary of Reuters (c5eb3f65ea7361f4): shared passages cover 78%.', 'shared passages cover 78%.'],
    ['original', 'earliest article; derives from no other', 'earliest article; derives from no other'],
    ['copy', 'Copy', 'Copy'],
  ];
  for (const [role, reason, shown] of rows) assert.equal(roleReason(role, reason), shown, reason);
});

test('articles are named by outlet, headline or file, never by a temporary path', () => {
  const base = { id: 'b87f59dc6f6c52b6', outlet: null, publisher: null, title: null, input: 'examples/001_x.txt' };
  assert.equal(articleName({ ...base, outlet: 'Reuters', publisher: 'Yahoo' }), 'Reuters');
  assert.equal(articleName({ ...base, title: 'A headline' }), 'A headline');
  assert.equal(articleName({ ...base, title: 'x'.repeat(80) }).length, 60);
  assert.equal(articleName(base), '001_x.txt');
  assert.equal(articleName({ ...base, input: '/tmp/corroborate-ingest-8kuH4t/1-b_digest.txt' }), 'b_digest.txt');
  assert.equal(inputName('/tmp/corroborate-ingest-8kuH4t/pasted-text.txt'), 'pasted text');
  assert.equal(readableInput('/tmp/corroborate-ingest-8kuH4t/1-b_digest.txt'), 'b_digest.txt, uploaded in the web app');
  assert.equal(readableInput('examples/001_x.txt'), 'examples/001_x.txt');
});

test('ids and inputs in findings and reasons become the articles’ names', () => {
  const story = sampleStory();
  const [wire, daily] = story.articles;
  const names = (a: { outlet: string | null }) => a.outlet ?? '?';
  assert.equal(
    withArticleNames(`Summary of Wire (${wire!.id}); compare ${daily!.id} and ${daily!.input}.`, story.articles, names),
    'Summary of Wire; compare Daily Example and Daily Example.',
  );
});
