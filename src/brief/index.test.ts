import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeBrief } from './index.js';
import { eligibility, stripDateline } from './sentences.js';
import { reconcileStory } from '../reconcile/index.js';
import { A, B, C, claims, derivations } from '../reconcile/fixtures/harbour.js';
import { article } from '../reconcile/fixtures/build.js';
import { extractClaims } from '../claims/index.js';

const LEXICAL = { semantic: false } as const;
const articles = [A, B, C];
const reconciliation = reconcileStory({ articles, claims, derivations }, LEXICAL);
const brief = writeBrief({ articles, reconciliation, derivations }, LEXICAL);

test('every brief sentence is a source sentence, cited with exact offsets', () => {
  assert.ok(brief.length >= 3 && brief.length <= 8, `got ${brief.length}`);
  const byId = new Map(articles.map((a) => [a.article.id, a.article.text]));
  for (const sentence of brief) {
    assert.ok(sentence.sources.length >= 1);
    assert.deepEqual(sentence.citations, [...new Set(sentence.sources.map((s) => s.article))]);
    const own = byId.get(sentence.sources[0]!.article)!.slice(sentence.sources[0]!.start, sentence.sources[0]!.end);
    assert.ok(own.replace(/\s+/g, ' ').includes(sentence.text), `${sentence.text} not in its source`);
  }
  assert.equal(new Set(brief.map((s) => s.text)).size, brief.length, 'no duplicates');
});

test('what independent outlets agree on comes first and cites them all', () => {
  const first = brief[0]!;
  assert.ok(first.citations.length >= 2, JSON.stringify(first));
  assert.ok(new Set(first.citations).has('c') || first.citations.length >= 2);
});

test('a sentence holding a disputed number is flagged contested', () => {
  const cost = brief.find((s) => s.text.includes('million') && s.text.includes('cost'));
  assert.ok(cost, JSON.stringify(brief.map((s) => s.text)));
  assert.equal(cost.contested, true);
});

test('sentence eligibility table', () => {
  const rows: [string, boolean][] = [
    ['The harbour expansion project will cost $520 million, port documents show.', true],
    ['He said the project would create many new jobs in the region.', false],
    ['"We will open the new terminal by the end of next year, and we expect it to double our cargo capacity," Varga told reporters.', true],
    ['"We will open the new terminal by the end of next year and double capacity.', false],
    ['Read Next: why the port matters more than ever to the city economy.', false],
    ['We think this is the most important port project of the decade here.', false],
    ['Russian President Putin chairs a meeting on rare earth metals outside Moscow', false],
    ["Within two hours of Trump's statement, Putin chaired a meeting with his ministers and economic advisers.", false],
    ['After the meeting, the minister told reporters that the port would reopen on Monday.', false],
    ['In response to the remarks, the opposition called for an inquiry into the contract.', false],
    ['Within two hours of the earthquake, rescue teams had reached the three worst-hit villages.', true],
    ['After a meeting with union leaders on Tuesday, the minister said the port would reopen on Monday.', true],
  ];
  for (const [text, ok] of rows) {
    assert.equal(eligibility({ index: 0, paragraph: 0, start: 0, end: text.length, text }, false).ok, ok, text);
  }
  assert.equal(
    stripDateline('MOSCOW (Reuters) -Russian President Vladimir Putin offered a deal.'),
    'Russian President Vladimir Putin offered a deal.',
  );
});

test('an empty story has an empty brief; bad options throw', () => {
  assert.deepEqual(writeBrief({ articles: [], reconciliation: { claims: [], findings: [] }, derivations: [] }), []);
  const one = article('z', 'Short.');
  assert.deepEqual(writeBrief({ articles: [one], reconciliation: { claims: [], findings: [] }, derivations: [] }, LEXICAL), []);
  assert.throws(() => writeBrief({ articles, reconciliation, derivations }, { minSentences: 5, maxSentences: 2 }), /minSentences/);
});

test('a denial is not support: both sides are flagged contested and neither cites the other', () => {
  const x = article(
    'x',
    'The evacuation order for the two villages near the fire was lifted on Friday morning. Firefighters kept working through the night near the villages.',
    { published: '2025-08-01' },
  );
  const y = article(
    'y',
    'The evacuation order for the two villages near the fire was not lifted on Friday morning. Tourists were moved from two beach hotels by boat overnight.',
    { published: '2025-08-02' },
  );
  const out = writeBrief(
    { articles: [x, y], reconciliation: { claims: [], findings: [] }, derivations: [] },
    { ...LEXICAL, minSentences: 1 },
  );
  const lifted = out.filter((s) => s.text.includes('evacuation order'));
  assert.ok(lifted.length >= 1);
  for (const s of lifted) {
    assert.equal(s.contested, true, s.text);
    assert.equal(s.citations.length, 1, s.text);
  }
});

test("the earliest article's lead opens the brief", () => {
  assert.equal(brief[0]!.sources[0]!.article, 'a', JSON.stringify(brief.map((s) => s.text)));
});

test('a figure three articles state is in the brief; a "He ..." sentence follows the sentence its article put before it', () => {
  const texts = [
    'Mayor Karin Oster proposed a new tram line through the harbour district on Monday. He said the city council would vote in May. The council has 31 members and meets weekly in the old town hall.',
    'Mayor Karin Oster proposed a new tram line through the harbour district, officials said on Monday. He estimated the line would cost $40 million. Critics said the harbour district needed more buses instead.',
    'Karin Oster, the mayor, proposed a new tram line through the harbour district on Monday. He estimated the line would cost $40 million over five years. Shop owners in the district welcomed the plan.',
    'The mayor proposed a new tram line through the harbour district on Monday. Its cost was put at $40 million by the city. The first trams could run in 2028.',
  ];
  const arts = texts.map((t, i) => article(`t${i}`, t, { outlet: `Outlet ${i}`, published: `2025-06-0${i + 1}T09:00:00Z` }));
  const mentions = arts.flatMap((a) => extractClaims(a));
  const roles = arts.map((a) => ({
    article: a.article.id,
    role: 'independent' as const,
    derivedFrom: [],
    sharedSourceWith: [],
    attributions: [],
    reason: 'test',
  }));
  const r = reconcileStory({ articles: arts, claims: mentions, derivations: roles }, LEXICAL);
  const out = writeBrief({ articles: arts, reconciliation: r, derivations: roles }, LEXICAL);
  const at = out.findIndex((s) => s.text.includes('$40 million'));
  assert.ok(at >= 0, JSON.stringify(out.map((s) => s.text)));
  assert.ok(out[at]!.citations.length >= 3, 'cited by the articles that state it');
  if (/^He /.test(out[at]!.text)) assert.match(out[at - 1]!.text, /proposed a new tram line/);
});
