import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tagText } from './tagging.js';

// Texts that teach wink-nlp's lexicon words it does not know, some of them (a possessive before a
// full stop or a comma, a quoted name) as single tokens that the tokenizer would later keep whole.
const OTHER_TEXTS = [
  "The role went to Reid's.",
  "It was Reid's, not Lipinski's, said the agent.",
  "'Reid's' was the word on the sign at Xqzvort's.",
  'Shares of Zyxtronics fell 4.75% to $13.2bn on 12/03/2024 at 10:45pm, per @zyx_news and https://zyx.example/a?b=1.',
  'Vanderhoeven-Okafor, Brzęczyszczykiewicz and Nguyễn met in Düsseldorf; O’Shaughnessy’s aide declined.',
];
const ARTICLE =
  'Tara Reid checked into rehab on Monday, her representative confirmed. "She is doing well and asks for privacy," Reid\'s rep said in a statement. Lipinski\'s lawyer declined to comment.';

const tokens = (text: string) => tagText(text).map((t) => `${t.start}:${t.text}/${t.pos}`);

test('a text is tagged the same after the process has read other texts', () => {
  const first = tokens(ARTICLE);
  for (const other of OTHER_TEXTS) tagText(other);
  assert.deepEqual(tokens(ARTICLE), first);
  assert.ok(first.includes(`${ARTICLE.indexOf("Reid's rep")}:Reid/PROPN`), "the possessive is split from the name: Reid 's rep");
  // Each text alone, and read after the others, gives the same tokens.
  for (const other of OTHER_TEXTS) assert.deepEqual(tokens(other), tokens(other));
});

// The claims (tokens, quotes, speakers) of one article in a fresh process, after `before` texts.
const CHILD = `
import { extractClaims } from ${JSON.stringify(new URL('./index.ts', import.meta.url).href)};
import { splitSentences } from ${JSON.stringify(new URL('../sentences/index.ts', import.meta.url).href)};
import { tagText } from ${JSON.stringify(new URL('./tagging.ts', import.meta.url).href)};
const { before, text } = JSON.parse(process.argv[1]);
const read = (id, text) => extractClaims({ article: { id, text }, sentences: splitSentences(text) });
before.forEach((t, i) => read('other-' + i, t));
const tokens = tagText(text).map((t) => t.start + ':' + t.text + '/' + t.pos);
console.log(JSON.stringify({ tokens, claims: read('art', text) }));
`;

function claimsInFreshProcess(before: readonly string[]): {
  tokens: string[];
  claims: { text: string; quote?: { speaker: string | null } }[];
} {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', CHILD, JSON.stringify({ before, text: ARTICLE })],
    {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
}

test("an article's claims are the same read first in a fresh process and after other texts", () => {
  const alone = claimsInFreshProcess([]);
  const after = claimsInFreshProcess(OTHER_TEXTS);
  assert.deepEqual(after, alone);
  const quote = alone.claims.find((c) => c.text === 'She is doing well and asks for privacy');
  assert.equal(quote?.quote?.speaker, "Reid's rep");
});
