import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  alignPassages,
  computeBandKeys,
  findReuse,
  lshParameters,
  LshIndex,
  NearDuplicateBatch,
  overlap,
  shingleSet,
  sketchInto,
  estimateJaccard,
} from './index.js';
import { analyzed, INDEPENDENT, ORIGINAL, REWRITE, SUMMARY, TRIMMED } from '../derivation/families.js';

/** A deterministic pseudo-random text of `n` words from a small vocabulary. */
function words(n: number, seed: number): string[] {
  let x = seed >>> 0 || 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out.push(`w${(x >>> 0) % 3000}`);
  }
  return out;
}

test('bands and rows come from the threshold: the S-curve knee sits near it', () => {
  for (const threshold of [0.3, 0.5, 0.8]) {
    const { bands, rows } = lshParameters(threshold, 128);
    assert.ok(bands * rows <= 128);
    const p = (s: number) => 1 - (1 - s ** rows) ** bands;
    assert.ok(p(Math.min(0.99, threshold + 0.2)) > 0.8, `${threshold}: ${bands}x${rows}`);
    assert.ok(p(Math.max(0.01, threshold - 0.25)) < 0.35, `${threshold}: ${bands}x${rows}`);
  }
  assert.throws(() => lshParameters(1.5, 128), /between 0 and 1/);
});

test('sketch estimates Jaccard', () => {
  const base = words(600, 7);
  const edited = base.map((w, i) => (i % 20 === 0 ? `changed${i}` : w));
  const a = shingleSet(base.join(' '), 5);
  const b = shingleSet(edited.join(' '), 5);
  const exact = overlap(a, b).jaccard;
  const sa = new Uint32Array(256);
  const sb = new Uint32Array(256);
  sketchInto(a, a.length, sa);
  sketchInto(b, b.length, sb);
  assert.ok(Math.abs(estimateJaccard(sa, sb) - exact) < 0.12, `${estimateJaccard(sa, sb)} vs ${exact}`);
  // Short texts (mostly empty bins) are densified, and equal texts still agree everywhere.
  const short = shingleSet('one two three four five six', 5);
  const s1 = new Uint32Array(64);
  const s2 = new Uint32Array(64);
  sketchInto(short, short.length, s1);
  sketchInto(short, short.length, s2);
  assert.equal(estimateJaccard(s1, s2), 1);
  assert.equal(sketchInto(new Uint32Array(0), 0, s1), false);
});

test('near-duplicate batch finds copies at the threshold and nothing else', () => {
  const batch = new NearDuplicateBatch({ threshold: 0.5 });
  const texts: string[] = [];
  for (let d = 0; d < 60; d++) texts.push(words(300, d + 1).join(' '));
  const light = texts[3]!
    .split(' ')
    .map((w, i) => (i % 50 === 0 ? `x${i}` : w))
    .join(' '); // ~2% edited
  const heavy = texts[4]!
    .split(' ')
    .map((w, i) => (i % 3 === 0 ? `y${i}` : w))
    .join(' '); // 33% edited
  texts.push(light, heavy, texts[5]!, texts[5]!);
  for (const t of texts) batch.add(t);
  const found: string[] = [];
  batch.pairs((i, j, s) => found.push(`${i}-${j}:${s >= 0.5}`));
  assert.deepEqual(found.sort(), ['3-60:true', '5-62:true', '5-63:true', '62-63:true'].sort());
});

test('incremental LSH index and band keys agree with the batch', () => {
  const a = words(400, 11).join(' ');
  const keysA = computeBandKeys(a);
  const keysB = computeBandKeys(`${a} tail`);
  const keysC = computeBandKeys(words(400, 12).join(' '));
  assert.ok(keysA.some((k) => keysB.includes(k)));
  assert.ok(!keysA.some((k) => keysC.includes(k)));
  const index = new LshIndex<string>(lshParameters(0.5, 128));
  const sig = (text: string) => {
    const set = shingleSet(text, 5);
    const s = new Uint32Array(128);
    sketchInto(set, set.length, s);
    return s;
  };
  index.add('a', sig(a));
  assert.deepEqual([...index.query(sig(`${a} more words here`))], ['a']);
  assert.deepEqual([...index.query(sig(words(400, 13).join(' ')))], []);
});

test('alignment: verbatim passage with offsets on both sides', () => {
  const source = 'Intro words here. The quick brown fox jumps over the lazy dog near the river bank today. Outro.';
  const target = 'Something else entirely. The quick brown fox jumps over the lazy dog near the river bank today!';
  const [p] = alignPassages(source, target, { paraphrase: false });
  assert.ok(p);
  assert.equal(p.similarity, 1);
  assert.equal(source.slice(p.sourceStart, p.sourceEnd), 'The quick brown fox jumps over the lazy dog near the river bank today');
  assert.equal(target.slice(p.targetStart, p.targetEnd), 'The quick brown fox jumps over the lazy dog near the river bank today');
});

test('alignment: a changed word and a dropped clause stay one edited passage', () => {
  const source =
    'The council voted on Monday to close the old library, which opened in 1911, and to move its books to the new school building by June.';
  const target = 'The council voted on Tuesday to close the old library and to move its books to the new school building by June.';
  const passages = alignPassages(source, target, { paraphrase: false });
  assert.equal(passages.length, 1);
  const p = passages[0]!;
  assert.ok(p.similarity < 1 && p.similarity > 0.6, String(p.similarity));
  assert.equal(target.slice(p.targetStart, p.targetEnd), target.slice(0, -1));
});

test('alignment: paraphrased sentences match by content words, unrelated ones do not', () => {
  const passages = alignPassages(ORIGINAL, REWRITE);
  const targets = passages.map((p) => REWRITE.slice(p.targetStart, p.targetEnd));
  assert.ok(targets.some((t) => t.startsWith('Port workers in Valmora')));
  assert.ok(targets.some((t) => t.includes('Oskar Brenner')));
  assert.ok(!targets.some((t) => t.includes('Local residents')));
  assert.ok(passages.every((p) => p.similarity < 1));
  assert.deepEqual(alignPassages(ORIGINAL, 'Completely unrelated text about gardening and roses in spring.'), []);
});

test('findReuse: pairs with measures and passages, source = a', () => {
  const articles = [
    analyzed('orig', ORIGINAL),
    analyzed('trim', TRIMMED),
    analyzed('rew', REWRITE),
    analyzed('sum', SUMMARY),
    analyzed('ind', INDEPENDENT),
    analyzed('other', words(200, 99).join(' ')),
  ];
  const pairs = findReuse(articles);
  const byKey = new Map(pairs.map((p) => [`${p.a}/${p.b}`, p]));
  const trim = byKey.get('orig/trim')!;
  assert.ok(trim, 'containment pair found');
  assert.equal(trim.bInA, 1);
  assert.ok(trim.aInB > 0.4 && trim.aInB < 0.8);
  for (const p of trim.passages) assert.equal(ORIGINAL.slice(p.sourceStart, p.sourceEnd), p.text);
  assert.ok(byKey.get('orig/rew')!.passages.length >= 4, 'rewrite aligned sentence by sentence');
  assert.ok(byKey.get('orig/sum')!.passages.length >= 3, 'summary aligned');
  assert.ok(!pairs.some((p) => p.a === 'other' || p.b === 'other'));
  assert.deepEqual(findReuse([articles[0]!]), []);
});

test('findReuse and the batch reject nonsense options with a hint', () => {
  assert.throws(() => findReuse([analyzed('a', 'x'), analyzed('b', 'y')], { threshold: 2 }), /threshold/);
  assert.throws(() => new NearDuplicateBatch({ sketchSize: 100 }), /power of two/);
});

test('exact Jaccard by hashing equals the sorted merge, duplicates and all', async () => {
  const { ExactJaccard, distinctSorted, intersectionSize } = await import('./shingles.js');
  const exact = new ExactJaccard();
  for (let seed = 1; seed < 30; seed++) {
    const a = new Uint32Array(words(200 + seed, seed).map((w) => Number(w.slice(1))));
    const b = new Uint32Array(words(150, seed + 1000).map((w) => Number(w.slice(1))));
    const sa = distinctSorted(a.slice());
    const sb = distinctSorted(b.slice());
    const shared = intersectionSize(sa, sb);
    assert.equal(exact.jaccard(a, b), shared / (sa.length + sb.length - shared));
  }
  assert.equal(exact.jaccard(new Uint32Array([5, 5, 7]), new Uint32Array([7, 5])), 1);
  assert.equal(exact.jaccard(new Uint32Array([]), new Uint32Array([1])), 0);
});

test('findReuse tolerates empty texts and exact duplicates', () => {
  const pairs = findReuse([analyzed('e1', ''), analyzed('e2', ''), analyzed('o', ORIGINAL), analyzed('o2', ORIGINAL)]);
  assert.equal(pairs.length, 1);
  assert.deepEqual([pairs[0]!.a, pairs[0]!.b, pairs[0]!.similarity, pairs[0]!.aInB], ['o', 'o2', 1, 1]);
  assert.ok(pairs[0]!.passages.every((p) => p.similarity === 1));
});
