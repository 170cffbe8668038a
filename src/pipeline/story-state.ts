// The edge between the stories engine and the store: a batch loads only the part of the stored
// state its look-ups reach (the posting lists of its keys in its time window, the stories those
// lists and its copies name, the placements it asks about), the engine runs over that window in
// memory, and only what changed is written back, in one transaction. Stories that left the window
// are never read: a run costs the batch and the stories it touches, whatever the store holds.
import type { Store, EngineStateWrite } from '../store/types.js';
import { StoryIndex, type StoryOptions } from '../stories/index.js';
import { PROFILED_MEMBERS, type ReuseLink, type StoryChanges } from '../stories/engine.js';
import type { ArticleFeatures } from '../stories/features.js';
import { profileFromText, profileText, storyFromRow, storyRow } from '../stories/state.js';

/** The engine's settings from the stage options. */
export function engineOptions(settings: StoryOptions) {
  return { windowDays: settings.windowDays, threshold: settings.threshold, weights: settings.weights };
}

/**
 * A new index holding what adding `batch` (features and copy links) will read of the stored
 * state. Reads: posting lists, then merged ids and placements, then the stories themselves, then
 * which ids a new story could not take.
 */
export async function loadStoryWindow(
  store: Store,
  settings: StoryOptions,
  batch: readonly { readonly features: ArticleFeatures; readonly links: readonly ReuseLink[] }[],
): Promise<StoryIndex> {
  const index = new StoryIndex(engineOptions(settings));
  const keys = new Set<string>();
  for (const { features } of batch) for (const key of index.lookupKeys(features)) keys.add(key);
  const postings = await store.readEnginePostings([...keys]);
  const asked = [...new Set(batch.flatMap(({ features, links }) => [features.id, ...links.map((l) => l.article)]))];
  const placements = await store.readEnginePlacements(asked);
  const named = new Set([...placements.values()]);
  for (const list of postings.values()) for (const id of list) named.add(id);
  const mergedInto = await store.readEngineMerges([...named]);
  const live = [...new Set([...named].map((id) => mergedInto.get(id) ?? id))];
  const rows = await store.readEngineStories(live, PROFILED_MEMBERS);
  const stories = rows.map((row) =>
    storyFromRow(
      row,
      row.profiles.map((p) => profileFromText(p.profile)),
      row.members,
    ),
  );
  // A new story is named after its first article: a batch article, or the first member a split moves.
  const firsts = [...batch.map((b) => b.features.id), ...stories.flatMap((s) => s.members)];
  const takenIds = await takenStoryIds(store, firsts);
  index.load({ seq: await store.readEngineSeq(), stories, postings, mergedInto, articleStory: placements, takenIds });
  return index;
}

/** Which of the ids `s-<article>`, `s-<article>-2` ... the store has used for these articles. */
async function takenStoryIds(store: Store, articles: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>();
  let probes = articles.map((a) => ({ base: `s-${a}`, n: 1 }));
  while (probes.length > 0) {
    const ids = probes.map(({ base, n }) => (n === 1 ? base : `${base}-${n}`));
    const found = await store.readTakenStoryIds(ids);
    for (const id of found) taken.add(id);
    probes = probes.filter((_, i) => found.has(ids[i]!)).map(({ base, n }) => ({ base, n: n + 1 }));
  }
  return taken;
}

/** The rows one batch's changes become. */
export function stateWrite(changes: StoryChanges, placed: readonly string[], holder: string, ttlMs: number): EngineStateWrite {
  return {
    seq: changes.seq,
    stories: changes.stories.map(storyRow),
    retired: [...changes.retired],
    events: changes.events,
    profiles: changes.profiles.map(({ article, profile }) => ({ article, profile: profile ? profileText(profile) : null })),
    postings: changes.postings.map((p) => ({ ...p, day: dayOf(p.key) })),
    postingCap: changes.postingCap,
    placed,
    holder,
    ttlMs,
  };
}

/** The day bucket of a posting key (`term@day`), null for the global and undated lists. */
function dayOf(key: string): number | null {
  const at = /@(-?\d+)$/.exec(key);
  return at ? Number(at[1]) : null;
}
