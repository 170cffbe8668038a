import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import type { AnalyzedArticle, Article, ReusePair } from '../records.js';
import { CorroborateError } from '../errors.js';
import { findReuse } from '../reuse/index.js';
import { CROSS_WINDOW_REUSE } from './score.js';
import {
  articleFeatures,
  clusterStories,
  compare,
  sameStoryProbability,
  StoryIndex,
  timeLogit,
  type SerializedStoryIndex,
  type StoryInput,
} from './index.js';

function analyzed(id: string, text: string, extra: Partial<Article> = {}): AnalyzedArticle {
  const article: Article = {
    id,
    contentHash: id.padEnd(64, '0'),
    input: `${id}.txt`,
    url: null,
    canonicalUrl: null,
    title: null,
    byline: null,
    published: null,
    updated: null,
    outlet: null,
    publisher: null,
    language: 'en',
    text,
    removed: [],
    fetchedAt: null,
    ...extra,
  };
  return { article, sentences: [] };
}

// Two earthquakes: same kind of event, same vocabulary, different places, a month apart.
const IZMIR = [
  [
    'Earthquake kills 12 in Izmir',
    'A magnitude 6.4 earthquake struck near Izmir in western Turkey on Tuesday, killing at least 12 people and collapsing apartment blocks, the disaster agency AFAD said. Rescuers searched the rubble in the Bayrakli district through the night.',
  ],
  [
    'Turkey quake: rescuers dig through rubble in Izmir',
    'Rescue teams in Izmir pulled survivors from collapsed buildings in Bayrakli after the 6.4 magnitude quake, AFAD said, raising the death toll to 14. Interior Minister Suleyman Soylu visited the city.',
  ],
  [
    'Death toll rises after Izmir earthquake',
    'The death toll from the earthquake that hit Izmir on Tuesday rose to 17, Turkish officials said, as aftershocks rattled the Aegean coast and families slept in tents in Bayrakli.',
  ],
] as const;
const CUSCO = [
  [
    'Earthquake hits Peru near Cusco, 9 dead',
    'A magnitude 6.1 earthquake struck the Andes near Cusco in southern Peru on Monday, killing at least 9 people and damaging adobe homes, the INDECI civil defence institute said. Roads to Urubamba were blocked by landslides.',
  ],
  [
    'Peru quake: Cusco region counts damage',
    'Civil defence teams in Cusco assessed damaged homes in Urubamba after the 6.1 magnitude earthquake, INDECI said, and President Dina Boluarte flew to the region. The death toll rose to 11.',
  ],
] as const;

test('two same-kind events a month apart in different places stay two stories', () => {
  const articles = [
    ...IZMIR.map(([title, text], i) => analyzed(`iz${i}`, text, { title, published: `2024-03-0${5 + i}` })),
    ...CUSCO.map(([title, text], i) => analyzed(`cu${i}`, text, { title, published: `2024-04-0${8 + i}` })),
  ];
  const stories = clusterStories(articles, []);
  assert.equal(stories.length, 2, JSON.stringify(stories.map((s) => s.articleIds)));
  assert.deepEqual(stories[0]!.articleIds, ['iz0', 'iz1', 'iz2']);
  assert.deepEqual(stories[1]!.articleIds, ['cu0', 'cu1']);
  assert.equal(stories[0]!.firstSeen, '2024-03-05T00:00:00.000Z');
  assert.equal(stories[0]!.lastSeen, '2024-03-07T00:00:00.000Z');
  assert.ok(
    stories[0]!.topEntities.some((e) => /Izmir/.test(e)),
    stories[0]!.topEntities.join(),
  );
  assert.ok(stories[1]!.label.length > 0 && stories[1]!.label.length < 80);
});

test('the same two events on the same day are still told apart by who and where', () => {
  const articles = [
    ...IZMIR.map(([title, text], i) => analyzed(`iz${i}`, text, { title, published: '2024-03-05' })),
    ...CUSCO.map(([title, text], i) => analyzed(`cu${i}`, text, { title, published: '2024-03-05' })),
  ];
  const groups = clusterStories(articles, []).map((s) => [...s.articleIds].sort());
  assert.deepEqual(groups.sort(), [
    ['cu0', 'cu1'],
    ['iz0', 'iz1', 'iz2'],
  ]);
});

test('the window gates time and decays inside it', () => {
  assert.equal(timeLogit(null, 3), 0);
  assert.equal(timeLogit(0, 3), 0);
  assert.ok(timeLogit(2, 3) < timeLogit(1, 3));
  assert.equal(timeLogit(3.5, 3), -Infinity);
  // A reprint (strong reuse) is gated like an article at the window's edge, weaker reuse is not.
  assert.equal(timeLogit(9, 3, CROSS_WINDOW_REUSE), timeLogit(3, 3));
  assert.equal(timeLogit(9, 3, CROSS_WINDOW_REUSE - 0.01), -Infinity);
});

test('a long-running story keeps accreting while each step stays within the window', () => {
  const days = ['2024-05-01', '2024-05-03', '2024-05-05', '2024-05-07', '2024-05-09'];
  const index = new StoryIndex({ windowDays: 3 });
  const ids = days.map((day, i) => {
    index.add({
      id: `trial${i}`,
      published: day,
      title: `Day ${i + 1} of the Weinstein retrial in Manhattan`,
      text: `Harvey Weinstein's retrial continued in Manhattan Criminal Court, where Justice Curtis Farber heard testimony from witness number ${i + 1}. Prosecutors led by Nicole Blumberg say Weinstein assaulted Miriam Haley in 2006; defence lawyer Arthur Aidala cross-examined the witness.`,
    });
    return index.storyOf(`trial${i}`);
  });
  assert.equal(new Set(ids).size, 1);
  assert.equal(index.story(ids[0]!).lastSeen, '2024-05-09T00:00:00.000Z');
});

test('late arrival: an older article that arrives last joins its story, and a restored index assigns the same way', () => {
  const index = new StoryIndex();
  index.add({ id: 'iz1', title: IZMIR[1][0], text: IZMIR[1][1], published: '2024-03-06T09:00:00Z' });
  index.add({ id: 'cu0', title: CUSCO[0][0], text: CUSCO[0][1], published: '2024-04-08T09:00:00Z' });
  index.add({ id: 'iz2', title: IZMIR[2][0], text: IZMIR[2][1], published: '2024-03-07T09:00:00Z' });
  const restored = StoryIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
  const late: StoryInput = { id: 'iz0', title: IZMIR[0][0], text: IZMIR[0][1], published: '2024-03-05T08:00:00Z' };
  const live = index.add(late);
  const again = restored.add(late);
  assert.equal(live.created, false);
  assert.equal(live.story, index.storyOf('iz1'));
  assert.deepEqual(again, live);
  assert.equal(index.story(live.story).firstSeen, '2024-03-05T08:00:00.000Z');
  assert.notEqual(index.storyOf('cu0'), live.story);
  // Adding an article twice changes nothing.
  assert.equal(index.add(late).story, live.story);
  assert.equal(index.articleCount, 4);
});

test('a bridging article merges two stories; the old id still resolves', () => {
  const felling =
    'Lumberjacks felled the ancient sequoia named General Grant in the Sierra grove, according to the Kings Canyon park rangers.';
  const protest =
    'Environmental campaigners chained themselves to bulldozers at Redwood Mountain, and Sheriff Lorna Tafoya detained forty demonstrators.';
  const index = new StoryIndex();
  const a = index.add({ id: 'a', text: felling, published: '2024-06-01' });
  const b = index.add({ id: 'b', text: protest, published: '2024-06-01' });
  assert.notEqual(a.story, b.story, 'the two halves should start apart');
  const bridge = index.add({ id: 'c', text: `${felling} ${protest}`, published: '2024-06-02' });
  assert.deepEqual(bridge.merged, [b.story]);
  assert.equal(bridge.story, a.story, 'the older story keeps its id');
  assert.equal(index.resolve(b.story), a.story);
  assert.equal(index.storyOf('b'), a.story);
  assert.equal(index.storyCount, 1);
  assert.deepEqual([...index.story(b.story).articleIds].sort(), ['a', 'b', 'c']);
});

test('a near-duplicate link from reuse joins a copy its words alone would not', () => {
  const index = new StoryIndex();
  index.add({ id: 'src', text: IZMIR[0][1], published: '2024-03-05' });
  const alone = new StoryIndex().add({ id: 'x', text: 'Short wire item: buildings fell, many hurt.', published: '2024-03-05' });
  assert.equal(alone.created, true);
  const linked = index.add({ id: 'copy', text: 'Short wire item: buildings fell, many hurt.', published: '2024-03-05' }, [
    { article: 'src', strength: 0.9 },
  ]);
  assert.equal(linked.story, index.storyOf('src'));
});

test('all five seed articles form one story from their raw text', () => {
  const dir = new URL('../../examples/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
  assert.equal(files.length, 5);
  const articles = files.map((f) => analyzed(f.slice(4, 20), readFileSync(new URL(f, dir), 'utf8')));
  const stories = clusterStories(articles, []);
  assert.equal(stories.length, 1, JSON.stringify(stories.map((s) => s.articleIds)));
  assert.equal(stories[0]!.articleIds.length, 5);
  assert.match(stories[0]!.headline + stories[0]!.label + stories[0]!.topEntities.join(' '), /Putin/);
  assert.doesNotMatch(stories[0]!.headline, /\n/);
});

test('options are checked with errors that say what is wrong', () => {
  assert.throws(() => new StoryIndex({ threshold: 1.5 }), CorroborateError);
  assert.throws(() => new StoryIndex({ windowDays: -1 }), CorroborateError);
  assert.throws(() => new StoryIndex().story('nope'), CorroborateError);
});

test('an article is scored against the story centroid and, averaged with it, against each recent member', () => {
  const index = new StoryIndex();
  IZMIR.forEach(([title, text], i) => index.add({ id: `iz${i}`, title, text, published: '2024-03-05' }));
  const story = [...index.states()][0]!;
  assert.equal(story.profiles.length, 3);
  const late = articleFeatures({
    id: 'late',
    title: 'Izmir quake survivors',
    text: 'Survivors of the Izmir earthquake in Bayrakli told AFAD officials they slept outside.',
    published: '2024-03-06',
  });
  const [candidate] = index.candidates(late);
  const memberMean = story.profiles.map((p) => sameStoryProbability(compare(late, p), 1, 0, 3)).reduce((a, b) => a + b, 0) / 3;
  const centroid = sameStoryProbability(candidate!.evidence, candidate!.gapDays, 0, 3);
  assert.equal(candidate!.gapDays, 1);
  assert.ok(Math.abs(candidate!.probability - (centroid + memberMean) / 2) < 1e-12);
  // A single article is its own best member.
  const single = compare(late, story.profiles[0]!);
  assert.equal(single.lexicalBest, single.lexical);
});

test('an index saved before member profiles existed (version 1) still restores and assigns', () => {
  const index = new StoryIndex({ threshold: 0.3 });
  IZMIR.slice(0, 2).forEach(([title, text], i) => index.add({ id: `iz${i}`, title, text, published: '2024-03-05' }));
  index.add({ id: 'cu0', title: CUSCO[0][0], text: CUSCO[0][1], published: '2024-03-05' });
  const saved = JSON.parse(JSON.stringify(index.toJSON())) as { stories: { profiles: { terms: [string, number][] }[] }[] };
  const v1 = {
    ...saved,
    version: 1,
    stories: saved.stories.map(({ profiles, ...s }) => ({ ...s, recent: profiles!.map((p) => p.terms) })),
  } as unknown as SerializedStoryIndex;
  const restored = StoryIndex.fromJSON(v1);
  assert.equal(restored.articleCount, 3);
  const late = restored.add({ id: 'iz2', title: IZMIR[2][0], text: IZMIR[2][1], published: '2024-03-06' });
  assert.equal(late.story, restored.storyOf('iz0'));
  assert.notEqual(late.story, restored.storyOf('cu0'));
  assert.equal(restored.toJSON().version, 2);
});

test('a small story that took in a second event of the same kind is split again, and the split-off story is indexed', () => {
  // A join threshold this low makes every offered story a match, so the two earthquakes start as one story.
  const index = new StoryIndex({ threshold: 0.01 });
  const order = [
    ['iz0', IZMIR[0]],
    ['cu0', CUSCO[0]],
    ['iz1', IZMIR[1]],
    ['cu1', CUSCO[1]],
  ] as const;
  const results = order.map(([id, [title, text]]) => index.add({ id, title, text, published: '2024-03-05' }));
  assert.equal(results[2]!.story, results[0]!.story, 'the third article should still join the mixed story');
  const last = results[3]!;
  assert.ok(last.split, 'the fourth article should trigger the split');
  assert.equal(index.storyCount, 2);
  assert.equal(index.storyOf('iz0'), index.storyOf('iz1'));
  assert.equal(index.storyOf('cu0'), index.storyOf('cu1'));
  assert.notEqual(index.storyOf('iz0'), index.storyOf('cu0'));
  assert.equal(index.storyOf('iz0'), results[0]!.story, 'the group with the oldest member keeps the id');
  assert.equal(last.split, index.storyOf('cu0'));
  assert.equal(last.story, index.storyOf('cu1'));
  assert.deepEqual(index.story(index.storyOf('iz0')!).articleIds, ['iz0', 'iz1']);
  // The rebuilt and the split-off story both take new members of their event.
  const restored = StoryIndex.fromJSON(JSON.parse(JSON.stringify(index.toJSON())));
  assert.equal(restored.add({ id: 'iz2', title: IZMIR[2][0], text: IZMIR[2][1], published: '2024-03-06' }).story, index.storyOf('iz0'));
});

test('a group split off under an id that once merged away gets a fresh id, so its members do not resolve to the old story', () => {
  const index = new StoryIndex({ threshold: 0.01 });
  const order = [
    ['iz0', IZMIR[0]],
    ['cu0', CUSCO[0]],
    ['iz1', IZMIR[1]],
  ] as const;
  for (const [id, [title, text]] of order) index.add({ id, title, text, published: '2024-03-05' });
  // As if cu0 had first started its own story, 's-cu0', which a bridging article then merged into iz0's.
  const saved = JSON.parse(JSON.stringify(index.toJSON())) as SerializedStoryIndex;
  const restored = StoryIndex.fromJSON({ ...saved, mergedInto: [...saved.mergedInto, ['s-cu0', index.storyOf('iz0')!]] });
  const last = restored.add({ id: 'cu1', title: CUSCO[1][0], text: CUSCO[1][1], published: '2024-03-05' });
  assert.ok(last.split, 'the fourth article should trigger the split');
  assert.notEqual(last.split, 's-cu0');
  assert.equal(restored.storyOf('cu0'), last.split);
  assert.equal(restored.storyOf('cu1'), last.split);
  assert.notEqual(restored.storyOf('cu0'), restored.storyOf('iz0'));
  assert.equal(restored.resolve('s-cu0'), restored.storyOf('iz0'), 'the old id keeps resolving where it merged');
});

test('contractions and titles are not entities; the names after titles are', () => {
  const text =
    '"I\'m shocked by what happened on the road last night," said the receiver, Mr Vincent Jackson, after his arrest. ' +
    "We've heard the same from the senator, Sen. Dianne Feinstein, who said she would wait for the police report. " +
    "I'll wait for the tests too, said the doctor on duty, Dr Okafor. Don't ask me about the team, he added.";
  const f = articleFeatures({ id: 'x', text });
  const entities = [...f.entities.keys()];
  for (const noise of ["i'm", 'i', "we've", 'we', "i'll", 'mr', 'sen', 'dr', "don't", 'don'])
    assert.ok(!entities.includes(noise), `${noise} in ${entities.join()}`);
  for (const name of ['vincent', 'jackson', 'dianne', 'feinstein', 'okafor'])
    assert.ok(entities.includes(name), `${name} missing from ${entities.join()}`);
});

test('revisit: articles left alone join the story their event grew into, and a same-kind event stays apart', () => {
  // A threshold no pair reaches leaves every article alone, as if each had arrived when nothing could take it.
  const lonely = new StoryIndex({ threshold: 0.999 });
  const order = [
    ['iz0', IZMIR[0]],
    ['cu0', CUSCO[0]],
    ['iz1', IZMIR[1]],
    ['cu1', CUSCO[1]],
    ['iz2', IZMIR[2]],
  ] as const;
  for (const [id, [title, text]] of order) assert.equal(lonely.add({ id, title, text, published: '2024-03-05' }).created, true);
  const index = StoryIndex.fromJSON(JSON.parse(JSON.stringify(lonely.toJSON())), { threshold: 0.25 });
  const before = index.storyOf('iz2');
  const changed = index.revisit();
  assert.ok(changed.length >= 3, JSON.stringify(changed));
  assert.equal(index.storyCount, 2);
  assert.equal(index.storyOf('iz0'), index.storyOf('iz1'));
  assert.equal(index.storyOf('iz0'), index.storyOf('iz2'));
  assert.equal(index.storyOf('cu0'), index.storyOf('cu1'));
  assert.notEqual(index.storyOf('iz0'), index.storyOf('cu0'));
  for (const c of changed) assert.equal(index.resolve(c.merged[0]!), c.story, 'a lone story resolves to the one it joined');
  // Each lone article is looked at once: a second call changes nothing.
  assert.deepEqual(index.revisit(), []);
  assert.equal(index.resolve(before!), index.storyOf('iz2'));
});

const FLOOD = [
  'Floodwaters swept through the river town of Calderford on Monday after three days of rain, forcing 1,200 residents from their homes, county emergency manager Dana Whitlock said.',
  'The Tamber River crested at 31 feet late Monday, nine feet above flood stage, and breached a levee north of the Mill Street bridge, the National Weather Service said.',
  'Two people were rescued from the roof of a pickup truck stranded on Route 9, and a shelter opened at Calderford High School, where Red Cross volunteers handed out blankets and meals.',
  'Whitlock said crews would inspect the levee once the water receded and urged residents not to drive through flooded roads. Power was out for about 4,000 customers on Monday night.',
];
/** A new event at the same place a week later, with one background paragraph of the flood story. */
const FIRE = [
  'A fire destroyed a grain warehouse on the east side of Calderford early Tuesday, and firefighters from four towns spent six hours bringing it under control, fire chief Omar Reyes said.',
  'No one was hurt. The cause of the blaze at the Harmon Feed building is under investigation, and Reyes said the structure was a total loss worth an estimated $2 million.',
  'Nearby businesses on Depot Road were evacuated as a precaution while crews sprayed the roofs of neighbouring sheds, and the road stayed closed through the morning.',
  'The Tamber River crested at 31 feet late Monday, nine feet above flood stage, and breached a levee north of the Mill Street bridge, the National Weather Service said.',
];

test('a reprint joins its story beyond the time window; a later event that reuses a background paragraph does not', () => {
  const original = analyzed('flood', FLOOD.join('\n\n'), {
    published: '2024-04-01T12:00:00Z',
    title: 'Calderford flood forces 1,200 from homes',
  });
  // An outlet runs the wire story eight days later, cut and retitled.
  const reprint = analyzed('reprint', FLOOD.slice(0, 3).join('\n\n'), {
    published: '2024-04-09T08:00:00Z',
    title: 'River floods Calderford',
  });
  const fire = analyzed('fire', FIRE.join('\n\n'), { published: '2024-04-09T09:00:00Z', title: 'Fire destroys Calderford warehouse' });
  const together = (articles: readonly AnalyzedArticle[], reuse: readonly ReusePair[]) => clusterStories(articles, reuse).length === 1;
  const reprinted = [original, reprint];
  assert.equal(together(reprinted, findReuse(reprinted)), true);
  // Without the reuse stage's pairs the eight days keep the reprint apart: reuse is what links it.
  assert.equal(together(reprinted, []), false);
  const followUp = [original, fire];
  const reuse = findReuse(followUp);
  assert.equal(together(followUp, reuse), false);
  // The background paragraph is real reuse, below the strength that crosses the window.
  const background = reuse.find((p) => [p.a, p.b].includes('fire') && [p.a, p.b].includes('flood'));
  assert.ok(
    background && Math.max(background.aInB, background.bInA) < CROSS_WINDOW_REUSE,
    JSON.stringify(background && [background.aInB, background.bInA]),
  );
});

test('a digest reprinting several old briefs past the window joins one of their stories and merges none', () => {
  const briefs = [
    'The Harlow Street bridge over the Ember River will close for at least four months from Monday after inspectors found cracks in two of its steel girders, the city transportation department said on Thursday. About 22,000 vehicles cross the 1958 bridge each day.',
    'A water main broke under Carver Road on Friday morning, flooding the road near the Westfield school and cutting service to about 300 homes, the city water department said. Crews expected to restore water by evening.',
    'The county library board voted 5-2 on Tuesday to extend weekend hours at its three branches starting in June, board chairman Felix Ambrose said, after a petition signed by 1,400 residents.',
  ];
  const articles = [
    ...briefs.map((text, k) => analyzed(`brief${k}`, text, { published: `2024-05-0${k + 1}T10:00:00Z` })),
    analyzed('digest', `The week in review.\n\n${briefs.join('\n\n')}`, { published: '2024-05-10T10:00:00Z' }),
  ];
  const stories = clusterStories(articles, findReuse(articles));
  const groups = stories.map((s) => [...s.articleIds].sort().join(' ')).sort();
  assert.equal(groups.length, 3, JSON.stringify(groups));
  assert.equal(groups.filter((g) => g.includes('digest')).length, 1);
  assert.ok(
    groups.every((g) => g.split(' ').filter((id) => id.startsWith('brief')).length === 1),
    JSON.stringify(groups),
  );
});
