import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findReuse } from '../reuse/index.js';
import { countIndependentOrigins, deriveStory, findAttributions, quoteSpans } from './index.js';
import {
  ABSENT_REWRITE_A,
  ABSENT_REWRITE_B,
  analyzed,
  INDEPENDENT,
  ORIGINAL,
  REWRITE,
  SECOND_REPORT,
  SUMMARY,
  TRIMMED,
} from './families.js';
import type { AnalyzedArticle, Derivation } from '../records.js';

function derive(articles: AnalyzedArticle[]): Map<string, Derivation> {
  const derivations = deriveStory(articles, findReuse(articles));
  return new Map(derivations.map((d) => [d.article, d]));
}

const family = [
  analyzed('original', ORIGINAL, { outlet: 'Reuters', published: '2026-03-03T08:00:00Z' }),
  analyzed('copy', ORIGINAL, { outlet: 'Daily Feed', published: '2026-03-03T09:30:00Z' }),
  analyzed('trimmed', TRIMMED, { outlet: 'Metro Wire' }),
  analyzed('rewrite', REWRITE, { outlet: 'Harbour Times' }),
  analyzed('summary', SUMMARY, { outlet: 'Brief Daily' }),
  analyzed('independent', INDEPENDENT, { outlet: 'Coastal Post' }),
];

test('roles of a constructed family: original, copy, trimmed copy, rewrite, summary, independent', () => {
  const d = derive(family);
  const expected: [string, string, string[]][] = [
    ['original', 'original', []],
    ['copy', 'copy', ['original']],
    ['trimmed', 'copy', ['original']],
    ['rewrite', 'rewrite', ['original']],
    ['summary', 'summary', ['original']],
    ['independent', 'independent', []],
  ];
  for (const [id, role, from] of expected) {
    const got = d.get(id)!;
    assert.equal(got.role, role, `${id}: ${got.reason}`);
    assert.deepEqual(
      got.derivedFrom.map((l) => l.article),
      from,
      `${id}: ${got.reason}`,
    );
    assert.ok(got.reason.length > 0);
  }
  assert.equal(countIndependentOrigins([...d.values()]), 2);
});

test('a separate report sharing the facts, numbers, quote and lede order of the original is not a rewrite of it', () => {
  const d = derive([
    analyzed('original', ORIGINAL, { outlet: 'Reuters', published: '2026-03-03T08:00:00Z' }),
    analyzed('second', SECOND_REPORT, { outlet: 'Port Post', published: '2026-03-03T10:00:00Z' }),
    analyzed('rewrite', REWRITE, { outlet: 'Harbour Times', published: '2026-03-03T11:00:00Z' }),
  ]);
  assert.equal(d.get('second')!.role, 'independent', d.get('second')!.reason);
  // The reason names the article most of it aligns with (the rewrite carries the original's facts too).
  assert.match(d.get('second')!.reason, /shares facts with (?:Reuters|Harbour Times).*sequence of sentences/);
  assert.deepEqual(
    d.get('rewrite')!.derivedFrom.map((l) => l.article),
    ['original'],
    d.get('rewrite')!.reason,
  );
  assert.match(d.get('rewrite')!.reason, /sentences in the source's order/);
  assert.equal(countIndependentOrigins([...d.values()]), 2);
});

test('evidence passages point into the source (source side) and the derived article (target side)', () => {
  const d = derive(family);
  const texts = new Map(family.map((a) => [a.article.id, a.article.text]));
  for (const id of ['copy', 'trimmed', 'rewrite', 'summary']) {
    const link = d.get(id)!.derivedFrom[0]!;
    assert.ok(link.evidence.length > 0, id);
    assert.ok(link.coverage > 0.3, `${id} coverage ${link.coverage}`);
    for (const p of link.evidence) {
      assert.equal(texts.get(link.article)!.slice(p.sourceStart, p.sourceEnd), p.text);
      assert.ok(p.targetEnd <= texts.get(id)!.length && p.targetStart < p.targetEnd);
    }
  }
  // The copy is verbatim; the rewrite's evidence is paraphrase (similarity below 1).
  assert.ok(d.get('copy')!.derivedFrom[0]!.evidence.every((p) => p.similarity === 1));
  const rewrite = d.get('rewrite')!.derivedFrom[0]!.evidence;
  assert.ok(rewrite.some((p) => p.similarity < 1));
  // The rewrite's own paragraph (the rally) is not claimed as taken from the source.
  const rally = REWRITE.indexOf('Local residents');
  assert.ok(!rewrite.some((p) => p.targetStart <= rally && rally < p.targetEnd));
});

test('a shared quote alone does not make an article derived', () => {
  const d = derive([family[0]!, family[5]!]);
  assert.equal(d.get('independent')!.role, 'independent');
  assert.equal(d.get('original')!.role, 'independent');
});

test('two rewrites of an absent wire story share a source, neither derives from the other', () => {
  const d = derive([
    analyzed('a', ABSENT_REWRITE_A, { outlet: 'River News' }),
    analyzed('b', ABSENT_REWRITE_B, { outlet: 'Valley Times' }),
  ]);
  for (const [id, other] of [
    ['a', 'b'],
    ['b', 'a'],
  ] as const) {
    const got = d.get(id)!;
    assert.deepEqual(got.derivedFrom, [], got.reason);
    assert.deepEqual(got.sharedSourceWith, [other]);
    assert.equal(got.role, 'rewrite', got.reason);
  }
  assert.equal(countIndependentOrigins([...d.values()]), 1);
});

test('without dates or credits, the shorter text wholly inside the longer is the derived one', () => {
  const d = derive([analyzed('x', TRIMMED.replace('(Reuters) ', '')), analyzed('y', ORIGINAL.replace('(Reuters) ', ''))]);
  assert.equal(d.get('x')!.role, 'copy');
  assert.deepEqual(
    d.get('x')!.derivedFrom.map((l) => l.article),
    ['y'],
  );
  assert.equal(d.get('y')!.role, 'original');
});

test('attribution cues', () => {
  const rows: [string, string[]][] = [
    ['MOSCOW (Reuters) - Putin said.', ['dateline:Reuters']],
    ['SAN JOSE (TechWire) - Orbis agreed.', ['dateline:TechWire']],
    ['(Daily Ledger) - A bridge collapsed.', ['dateline:Daily Ledger']],
    ['Mr Putin (Russia) - and Mr Trump met.', []],
    ['Reuters - Reuters\n\nText.', ['credit:Reuters']],
    ['The minister told AP on Monday.', ['citation:Associated Press']],
    ['Prices fell, according to the Wall Street Journal.', ['citation:Wall Street Journal']],
    ['Reserves are large, according to the U.S. Geological Survey.', []],
    ['He told Putin so.', []],
    ['The Associated Press contributed to this report.', ['citation:Associated Press']],
    ['Reuters reporters Ana Voss and Li Wei contributed to this story.', ['citation:Reuters']],
    ['This story was originally published by ProPublica.', ['citation:ProPublica']],
    ['Republished with permission from The Conversation.', ['citation:Conversation']],
    ['Copyright 2025 The Associated Press. All rights reserved.', ['credit:Associated Press']],
    ['The defendant told PA outside court.', ['citation:PA']],
    ['Jane Doe contributed to this report.', []],
    ['It first appeared in 2019, he said.', []],
    ['Text.\n\nGuardian staff and agencies', ['citation:news agencies']],
    ['Text.\n\n— Agencies', ['citation:news agencies']],
    ['Text.\n\nWith agency reports', ['citation:news agencies']],
    ['Agencies contributed to this report.', ['citation:news agencies']],
    ['Government agencies\nThe Environmental Protection Agency said so.', []],
    ['Text.\n\nThe post Dam gives way appeared first on Valley Courier.', ['citation:Valley Courier']],
    ['Text.\n\nProvided by The Hill', ['citation:Hill']],
    ['Figures were provided by the ministry.', []],
  ];
  for (const [text, expected] of rows) {
    assert.deepEqual(
      findAttributions(text).map((a) => `${a.kind}:${a.outlet}`),
      expected,
      text,
    );
  }
});

test('quote spans', () => {
  const text = 'He said "yes, we will" and “no” then.';
  assert.deepEqual(
    quoteSpans(text).map(([s, e]) => text.slice(s, e)),
    ['"yes, we will"', '“no”'],
  );
});

test('countIndependentOrigins counts roots, shared sources once', () => {
  const d = (article: string, from: string[], shared: string[] = []): Derivation => ({
    article,
    role: 'independent',
    derivedFrom: from.map((a) => ({ article: a, evidence: [], coverage: 1 })),
    sharedSourceWith: shared,
    attributions: [],
    reason: '',
  });
  assert.equal(countIndependentOrigins([d('a', []), d('b', ['a']), d('c', []), d('e', [], ['f']), d('f', [], ['e'])]), 3);
  assert.equal(countIndependentOrigins([]), 0);
});

test('list-shaped texts (key points, bullets) are recognised', async () => {
  const { isListShaped } = await import('./index.js');
  const rows: [string, boolean][] = [
    ['Key Highlights:\nOne thing happened.\nDetails:\nMore.\nOutlook:\nLater.', true],
    ['• First point\n• Second point\n• Third point\nA closing sentence.', true],
    ['1. First\n2. Second\n3. Third', true],
    [ORIGINAL, false],
    ['He said: this is not a list.\n\nAnother paragraph.', false],
  ];
  for (const [text, expected] of rows) assert.equal(isListShaped(text), expected, text.slice(0, 40));
});

test("direction: a citation of the other article's outlet beats everything, then time", () => {
  const cited = REWRITE.replace('union leader Marta Ilescu said.', 'union leader Marta Ilescu said, according to Reuters.');
  // The rewrite is dated earlier, but it credits Reuters, which the other article is.
  const byCredit = derive([
    analyzed('wire', ORIGINAL.replace('(Reuters) ', ''), { outlet: 'Reuters', published: '2026-03-03T10:00:00Z' }),
    analyzed('rw', cited, { outlet: 'Harbour Times', published: '2026-03-03T09:00:00Z' }),
  ]);
  assert.deepEqual(
    byCredit.get('rw')!.derivedFrom.map((l) => l.article),
    ['wire'],
    byCredit.get('rw')!.reason,
  );
  assert.match(byCredit.get('rw')!.reason, /cites Reuters/);
  // Without credits, the earlier article is the source even when it is the shorter one.
  const byTime = derive([
    analyzed('late', ORIGINAL.replace('(Reuters) ', ''), { published: '2026-03-04T10:00:00Z' }),
    analyzed('early', TRIMMED.replace('(Reuters) ', ''), { published: '2026-03-03T10:00:00Z' }),
  ]);
  assert.deepEqual(
    byTime.get('late')!.derivedFrom.map((l) => l.article),
    ['early'],
  );
  // It adds paragraphs of its own to the early text: a rewrite, not a copy.
  assert.equal(byTime.get('late')!.role, 'rewrite');
  assert.match(byTime.get('late')!.reason, /word for word.*published later/);
});

test('direction: without dates, the text that adds paragraphs around the other is the derived one', () => {
  const body = ORIGINAL.replace('(Reuters) ', '').replace('\n\n(Reporting by Ana Voss; Editing by Peter Hale)', '');
  const lede =
    'Shoppers in the capital may soon pay more for bread. Here is what happened at the port this week, and why it matters to you.';
  const after = 'Our reporters will follow the strike through the week. Readers can send questions to the newsroom by email.';
  const d = derive([analyzed('bulletin', `${lede}\n\n${body}\n\n${after}`), analyzed('wire', body)]);
  assert.deepEqual(
    d.get('bulletin')!.derivedFrom.map((l) => l.article),
    ['wire'],
    d.get('bulletin')!.reason,
  );
  assert.equal(d.get('wire')!.role, 'original', d.get('wire')!.reason);
});

test('each link carries the pair probability, each derived article its derived share', () => {
  const d = derive(family);
  for (const id of ['copy', 'trimmed', 'rewrite', 'summary']) {
    const got = d.get(id)!;
    const p = got.derivedFrom[0]?.probability;
    assert.ok(p !== undefined && p >= 0 && p <= 1, `${id}: probability ${p}`);
    assert.ok((got.derivedShare ?? 0) > 0, `${id}: derived share ${got.derivedShare}`);
  }
  assert.equal(d.get('copy')!.derivedShare, 1);
  assert.equal(d.get('independent')!.derivedShare, 0);
  // The exact copy is certain under the model; the independent report is not linked.
  assert.ok(d.get('copy')!.derivedFrom[0]!.probability! > 0.9);
});

test('an article crediting unnamed agencies derives from the agency copy at hand', () => {
  const wire = analyzed('wire', ORIGINAL, { outlet: 'Reuters', published: '2026-03-03T10:00:00Z' });
  // Dated earlier (a wrong clock), but its credit line says it took agency copy.
  const paper = analyzed('paper', `${TRIMMED}\n\nHarbour Times staff and agencies`, {
    outlet: 'Harbour Times',
    published: '2026-03-03T09:00:00Z',
  });
  const d = derive([paper, wire]);
  assert.deepEqual(
    d.get('paper')!.derivedFrom.map((l) => l.article),
    ['wire'],
  );
  assert.match(d.get('paper')!.reason, /credits news agencies, and the other article is Reuters's copy/);
});

test('a page that speaks for its source comes first, however the two are dated', () => {
  // The wire's own site and an outlet running its copy under the wire's dateline, the outlet's
  // page dated earlier (it gives the time of the version it ran).
  const site = analyzed('site', ORIGINAL, { url: 'https://www.reuters.com/world/valmora-strike', published: '2026-03-03T10:00:00Z' });
  const runs = analyzed('runs', TRIMMED, { url: 'https://dailyfeed.example/valmora', published: '2026-03-03T09:00:00Z' });
  let d = derive([runs, site]);
  assert.deepEqual(
    d.get('runs')!.derivedFrom.map((l) => l.article),
    ['site'],
  );
  assert.match(d.get('runs')!.reason, /Reuters's own copy/);
  // A police release and a newsroom's rewrite of it, the release posted on the site later.
  const release = analyzed('release', ORIGINAL, { url: 'https://police.valmora.gov/news/strike', published: '2026-03-03T12:00:00Z' });
  const rewrite = analyzed('rewrite', TRIMMED, { url: 'https://harbourtimes.example/strike', published: '2026-03-03T11:00:00Z' });
  d = derive([rewrite, release]);
  assert.deepEqual(
    d.get('rewrite')!.derivedFrom.map((l) => l.article),
    ['release'],
  );
  assert.match(d.get('rewrite')!.reason, /official site's page \(police\.valmora\.gov\)/);
  // Two news pages: publication time decides as before.
  const early = analyzed('early', ORIGINAL, { url: 'https://a.example/1', published: '2026-03-03T12:00:00Z' });
  const late = analyzed('late', TRIMMED, { url: 'https://b.example/2', published: '2026-03-03T11:00:00Z' });
  d = derive([early, late]);
  assert.deepEqual(
    d.get('early')!.derivedFrom.map((l) => l.article),
    ['late'],
  );
});
