// The online story engine. Articles arrive one at a time, in any order; each is compared only
// with the stories an inverted index offers (stories sharing its rarest terms and entities, in
// its time window), so the cost of one assignment does not grow with the number of stories.
// An article is scored against a story twice, against its centroid and against each of its
// recent members (average link), and the two probabilities are averaged: a centroid is pulled by
// every member, while the share of members an article matches is what batch average-link
// clustering uses. While a story is small (up to 16 members, all kept as profiles), it is checked
// at a few sizes for two groups of members that do not belong together (average link between them
// below an even chance): an early wrong join of a same-kind event is undone before it snowballs.
// A bridging article that belongs strongly to two stories merges them; the older id survives and
// the other resolves to it through `mergedInto`. The whole state serializes to plain JSON.
import { CorroborateError } from '../errors.js';
import type { Story } from '../records.js';
import { cosine, words } from '../semantics/index.js';
import { articleFeatures, idf, normalizeSparse, topEntries, type ArticleFeatures, type StoryInput } from './features.js';
import { sameStoryProbability, type Evidence, type ScoreWeights, FITTED_WEIGHTS } from './score.js';

const DAY_MS = 86_400_000;
/** Default window: news of one event mostly appears within a few days of it. */
export const DEFAULT_WINDOW_DAYS = 3;
/**
 * Default probability needed to join a story. Low because a join is no longer final (a small
 * story that took in a second event is split again, SPLIT_BELOW) and because the weights are
 * fitted with a strong L2 penalty, which keeps probabilities moderate. With those weights ECB+
 * 2-fold B3-F1 is 0.919 at 0.25 and 0.935 at 0.15 (B3 precision 0.96 at both), and UCI pairwise
 * precision at 100k headlines is 0.250, as 0.25 gave with the weakly regularised weights (0.254).
 */
export const DEFAULT_THRESHOLD = 0.15;
/** A merge needs this much of the way from the join threshold to certainty: merging is hard to undo. */
const MERGE_MARGIN = 0.6;
/** Index keys per article: its heaviest terms and rarest entities; rarer keys find the event, common ones the topic. */
const INDEX_TERMS = 10;
const INDEX_ENTITIES = 10;
/** Most recently active stories kept per index key: bounds the work per article however large the store. */
const POSTING_CAP = 48;
/** Stories fully scored per article, the best by shared index weight. */
const MAX_CANDIDATES = 24;
/** Terms kept in a story centroid: enough for a long story, bounded memory per story. */
const STORY_TERMS = 250;
/** Entities, numbers and phrases kept per story. */
const STORY_FACTS = 120;
/** Recent members compared one by one (best member, average link): 8 scored as well as 16 or 32 on ECB+. */
const LINKED_MEMBERS = 8;
/** Members whose facts a story keeps (its most recent): while a story is no larger, it can be split. */
export const PROFILED_MEMBERS = 16;
/** Story sizes at which a split is checked: bounded work, and early, before a wrong join snowballs. */
const SPLIT_CHECK_SIZES: ReadonlySet<number> = new Set([4, 6, 8, 11, 16]);
/** Two groups of members split when the average probability across them is below this (chosen by 2-fold CV on ECB+ among 0.25-0.5: 0.35 keeps B3 precision at 0.96). */
const SPLIT_BELOW = 0.35;
/** Each side of a split needs this many members: one odd member is a colour piece, not a second event. */
const SPLIT_MIN_GROUP = 2;
/** A number or entity recurs in a story when this share of its members mention it. */
const RECURRING_SHARE = 0.3;
/** Story size at which the size evidence saturates. */
const STORY_SIZE_SCALE = 20;
/** Reuse containment below this is shared boilerplate, not a copied story. */
const MIN_REUSE = 0.2;

export interface EngineOptions {
  readonly windowDays: number;
  readonly threshold: number;
  readonly weights: ScoreWeights;
}

/** One stored story's state. Public for serialization and the fitting script; treat as read-only. */
export interface StoryState {
  readonly id: string;
  readonly seq: number;
  /** Members in all; `members` and `headlines` hold them all ("held") unless the story was loaded from a store with more than PROFILED_MEMBERS. */
  size: number;
  /** Bumped at every change (join, merge, split): a stored dossier of an older version is stale. */
  version: number;
  members: string[];
  headlines: string[];
  outlets: Map<string, number>;
  first: number | null;
  last: number | null;
  terms: Map<string, number>;
  entities: Map<string, number>;
  phrases: Map<string, number>;
  numbers: Map<string, number>;
  years: Map<string, number>;
  dates: Map<string, number>;
  vector: Float32Array | null;
  /** The most recent members' own facts, for the average link. */
  profiles: MemberProfile[];
  /** Cached squared norms of the term centroid and of the count x IDF entity vector. */
  termsNorm2: number;
  entityNorm2: number;
}

/** What `compare` reads of a story; a member profile is a story of one. */
export interface StoryFacts {
  /** Members in the story (1 for a member profile). */
  readonly size: number;
  readonly first: number | null;
  readonly last: number | null;
  readonly terms: ReadonlyMap<string, number>;
  readonly entities: ReadonlyMap<string, number>;
  readonly numbers: ReadonlyMap<string, number>;
  readonly years: ReadonlyMap<string, number>;
  readonly dates: ReadonlyMap<string, number>;
  readonly vector: Float32Array | null;
  readonly termsNorm2: number;
  readonly entityNorm2: number;
  /** Members compared one by one for the best-member evidence; absent for a single article. */
  readonly profiles?: readonly MemberProfile[];
}

/** One member's own facts, kept for the average link (counts are all 1). */
export interface MemberProfile extends Omit<StoryFacts, 'profiles'> {
  /** The member's own id, as a story of one. */
  readonly members: readonly [string];
  readonly headline: string;
  readonly outlet: string | null;
  readonly phrases: readonly string[];
  /** The article's entity salience (see ArticleFeatures), to compare a member with another. */
  readonly salience: ReadonlyMap<string, number>;
}

export interface Candidate {
  readonly story: string;
  readonly evidence: Evidence;
  readonly gapDays: number | null;
  readonly reuse: number;
  readonly probability: number;
}

export interface Assignment {
  readonly article: string;
  readonly story: string;
  readonly probability: number;
  readonly created: boolean;
  /** Ids of stories merged into `story` by this article. */
  readonly merged: readonly string[];
  /** Id of a story split off `story` after this article joined it (its members moved there), else null. */
  readonly split: string | null;
}

/** A near-duplicate link to an article already in the index (from the reuse engine). */
export interface ReuseLink {
  readonly article: string;
  /** Share of text in common, 0..1 (containment). */
  readonly strength: number;
}

export class StoryIndex {
  readonly options: EngineOptions;
  private readonly stories = new Map<string, StoryState>();
  private readonly articleStory = new Map<string, string>();
  private readonly mergedInto = new Map<string, string>();
  /** Index key -> the stories that used it, most recently used last (a Set keeps insertion order). */
  private readonly postings = new Map<string, Set<string>>();
  /** Stories started by a lone article since the last `revisit()`. */
  private readonly singles = new Set<string>();
  private seq = 0;
  /** Set while the index is a window onto a store (`load`): what was loaded, and what changed since. */
  private recording: Recording | null = null;
  /** Work done so far, for benchmarks: index entries read and stories fully scored. */
  readonly work = { postingsRead: 0, storiesScored: 0 };

  constructor(options: Partial<EngineOptions> = {}) {
    this.options = { windowDays: DEFAULT_WINDOW_DAYS, threshold: DEFAULT_THRESHOLD, weights: FITTED_WEIGHTS, ...options };
    const { windowDays, threshold } = this.options;
    if (!(windowDays >= 0)) throw new CorroborateError('usage', `The story window must be 0 or more days, not ${windowDays}.`);
    if (!(threshold > 0 && threshold < 1))
      throw new CorroborateError('usage', `The story threshold is a probability between 0 and 1 (exclusive), not ${threshold}.`);
  }

  get storyCount(): number {
    return this.stories.size;
  }

  get articleCount(): number {
    return this.articleStory.size;
  }

  /** Assigns one article to a story (joining, creating or merging); an id seen before keeps its story. */
  add(input: StoryInput, links: readonly ReuseLink[] = []): Assignment {
    const known = this.storyOf(input.id);
    if (known) return { article: input.id, story: known, probability: 1, created: false, merged: [], split: null };
    return this.addFeatures(articleFeatures(input), links);
  }

  /** `add` for an article whose features were computed already (in a worker thread, say). */
  addFeatures(features: ArticleFeatures, links: readonly ReuseLink[] = []): Assignment {
    const known = this.storyOf(features.id);
    if (known) return { article: features.id, story: known, probability: 1, created: false, merged: [], split: null };
    const candidates = this.candidates(features, links);
    const best = candidates[0];
    if (!best || best.probability < this.options.threshold) {
      const story = this.assign(features, null);
      this.singles.add(story);
      return { article: features.id, story, probability: best?.probability ?? 0, created: true, merged: [], split: null };
    }
    const mergeAt = this.options.threshold + (1 - this.options.threshold) * MERGE_MARGIN;
    // A story reached past the window by a reprint is joined, never merged: a digest that reprints
    // several old stories' briefs would otherwise fuse their events.
    const inWindow = (c: Candidate) => c.gapDays === null || c.gapDays <= this.options.windowDays;
    const bridged = candidates
      .filter((c) => c !== best && c.probability >= mergeAt && best.probability >= mergeAt && inWindow(c) && inWindow(best))
      .map((c) => c.story);
    let target = best.story;
    const merged: string[] = [];
    for (const other of bridged) {
      const [keep, drop] = this.stories.get(target)!.seq <= this.stories.get(other)!.seq ? [target, other] : [other, target];
      this.merge(drop, keep);
      merged.push(drop);
      target = keep;
    }
    this.assign(features, target);
    const split = this.splitCheck(target);
    return { article: features.id, story: this.storyOf(features.id)!, probability: best.probability, created: false, merged, split };
  }

  /**
   * A second look at the articles that started a story of their own since the last call: each
   * one still alone is scored against the stories the index offers now and joins the best when
   * it reaches the threshold (that story keeps its id; the lone one resolves to it). An article
   * that arrived before the other reports of its event had nothing to join then; this makes the
   * outcome depend less on arrival order. A batch (`clusterStories`, `analyze`) calls it at the
   * end; the work is one candidate look-up per such article, as when it was added.
   */
  revisit(): Assignment[] {
    const changed: Assignment[] = [];
    for (const id of [...this.singles]) {
      this.singles.delete(id);
      const story = this.stories.get(id);
      if (story?.size !== 1 || story.profiles.length !== 1) continue;
      const features = profileFeatures(story.profiles[0]!);
      const best = this.candidates(features).find((c) => c.story !== id);
      if (!best || best.probability < this.options.threshold) continue;
      this.merge(id, best.story);
      const split = this.splitCheck(best.story);
      changed.push({
        article: features.id,
        story: this.storyOf(features.id)!,
        probability: best.probability,
        created: false,
        merged: [id],
        split,
      });
    }
    return changed;
  }

  /** The current story of an article, or undefined when the article was never added. */
  storyOf(articleId: string): string | undefined {
    const story = this.articleStory.get(articleId);
    return story === undefined ? undefined : this.resolve(story);
  }

  /** Follows merges: the id a story id now goes by (itself when never merged). */
  resolve(storyId: string): string {
    let id = storyId;
    for (let next = this.mergedInto.get(id); next !== undefined; next = this.mergedInto.get(id)) id = next;
    // Path compression: later look-ups of a long-merged id take one step.
    if (id !== storyId) this.mergedInto.set(storyId, id);
    return id;
  }

  /** The live stories' states (not merged away). */
  states(): IterableIterator<StoryState> {
    return this.stories.values();
  }

  /** Scored stories the index offers for these features, best first. */
  candidates(features: ArticleFeatures, links: readonly ReuseLink[] = []): Candidate[] {
    const shared = new Map<string, number>();
    for (const [key, weight] of this.queryKeys(features)) {
      const list = this.postings.get(key);
      if (!list) continue;
      this.work.postingsRead += list.size;
      for (const raw of list) {
        const id = this.resolve(raw);
        shared.set(id, (shared.get(id) ?? 0) + weight);
      }
    }
    const reuse = new Map<string, number>();
    for (const link of links) {
      const story = link.strength >= MIN_REUSE ? this.storyOf(link.article) : undefined;
      if (story) reuse.set(story, Math.max(reuse.get(story) ?? 0, Math.min(1, link.strength)));
    }
    const ids = new Set([
      ...[...shared]
        .sort((a, b) => b[1] - a[1])
        .slice(0, MAX_CANDIDATES)
        .map(([id]) => id),
      ...reuse.keys(),
    ]);
    const out: Candidate[] = [];
    this.work.storiesScored += ids.size;
    for (const id of ids) {
      const story = this.stories.get(id)!;
      const evidence = compare(features, story);
      const gapDays = timeGap(features.time, story);
      const r = reuse.get(id) ?? 0;
      const probability = this.linkedProbability(
        features,
        story,
        sameStoryProbability(evidence, gapDays, r, this.options.windowDays, this.options.weights),
        r,
      );
      out.push({ story: id, evidence, gapDays, reuse: r, probability });
    }
    return out.sort((a, b) => b.probability - a.probability || this.stories.get(a.story)!.seq - this.stories.get(b.story)!.seq);
  }

  /**
   * The centroid probability averaged with the mean probability over the story's recent members
   * (each scored as a story of one, with the same weights): one member-by-member look per story.
   */
  private linkedProbability(features: ArticleFeatures, story: StoryState, centroid: number, reuse: number): number {
    const members = story.profiles.slice(-LINKED_MEMBERS);
    if (members.length < 2) return centroid;
    let sum = 0;
    for (const member of members) sum += this.memberProbability(features, member, reuse);
    return (centroid + sum / members.length) / 2;
  }

  private memberProbability(features: ArticleFeatures, member: MemberProfile, reuse = 0): number {
    return sameStoryProbability(
      compare(features, member),
      timeGap(features.time, member),
      reuse,
      this.options.windowDays,
      this.options.weights,
    );
  }

  private contentProbability(features: ArticleFeatures, member: MemberProfile): number {
    return sameStoryProbability(compare(features, member), null, 0, this.options.windowDays, this.options.weights);
  }

  /**
   * At a check size, while every member's profile is kept: cluster the members by average link
   * into two groups; when the link between them is below SPLIT_BELOW, the group without the
   * oldest member becomes a new story (id from its first member). Returns the new story's id.
   */
  private splitCheck(storyId: string): string | null {
    const story = this.stories.get(storyId)!;
    const ids = story.members;
    if (
      !SPLIT_CHECK_SIZES.has(story.size) ||
      !held(story) ||
      story.profiles.length !== ids.length ||
      story.profiles.some((p, i) => p.members[0] !== ids[i])
    )
      return null;
    const n = ids.length;
    const asArticles = story.profiles.map(profileFeatures);
    const link: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        // Content only: time already gated each join, and a long story's first and last members may be weeks apart.
        const p =
          (this.contentProbability(asArticles[i]!, story.profiles[j]!) + this.contentProbability(asArticles[j]!, story.profiles[i]!)) / 2;
        link[i]![j] = link[j]![i] = p;
      }
    }
    const [left, right] = twoGroups(link);
    if (groupLink(link, left, right) >= SPLIT_BELOW || left.length < SPLIT_MIN_GROUP || right.length < SPLIT_MIN_GROUP) return null;
    const [keep, move] = left.includes(0) ? [left, right] : [right, left];
    const rebuilt = emptyStory(story.id, story.seq);
    rebuilt.version = story.version;
    this.stories.set(story.id, rebuilt);
    for (const i of keep) {
      absorb(rebuilt, asArticles[i]!);
      this.recording?.events.push({
        type: 'place',
        article: ids[i]!,
        story: story.id,
        position: rebuilt.size - 1,
        headline: asArticles[i]!.headline,
      });
    }
    const moved = move.sort((a, b) => a - b).map((i) => asArticles[i]!);
    const newId = this.assign(moved[0]!, null);
    for (const f of moved.slice(1)) this.assign(f, newId);
    return newId;
  }

  /** Puts an article in a story (null: a new one, its id derived from the article id). Returns the story id. */
  assign(features: ArticleFeatures, storyId: string | null): string {
    let story = storyId === null ? undefined : this.stories.get(this.resolve(storyId));
    if (!story) {
      const id = storyId ?? this.freshStoryId(features.id);
      story = emptyStory(id, this.seq++);
      this.stories.set(id, story);
    }
    absorb(story, features);
    this.articleStory.set(features.id, story.id);
    this.recording?.events.push({
      type: 'place',
      article: features.id,
      story: story.id,
      position: story.size - 1,
      headline: features.headline,
    });
    for (const key of this.indexKeys(features)) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = new Set()));
      list.delete(story.id);
      list.add(story.id);
      if (list.size > POSTING_CAP) list.delete(list.values().next().value!);
      this.recording?.touchedKeys.add(key);
    }
    return story.id;
  }

  /**
   * `s-<article id>`, unless that id was taken before: an article whose first story merged into
   * another and which later leaves with a split group must not reclaim the old id, which resolves
   * to the story it merged into. Then `s-<article id>-2`, `-3` ..., still derived from the content.
   */
  private freshStoryId(articleId: string): string {
    const base = `s-${articleId}`;
    let id = base;
    for (let n = 2; this.stories.has(id) || this.mergedInto.has(id) || this.recording?.taken.has(id); n++) id = `${base}-${n}`;
    return id;
  }

  /** The story record of a live story (headline, label, dates, outlets, entities). */
  story(storyId: string): Story {
    const state = this.stories.get(this.resolve(storyId));
    if (!state) throw new CorroborateError('usage', `No story '${storyId}' in this index.`);
    if (!held(state))
      throw new CorroborateError('usage', `Story '${storyId}' was loaded without its members; read them from the store (holdMembers).`);
    return summarise(state);
  }

  /** Every live story as a record. */
  allStories(): Story[] {
    return [...this.stories.values()].filter(held).map(summarise);
  }

  /**
   * The index keys whose posting lists must be in memory before `features` is added to an index
   * loaded from a store: those its candidate look-up reads, and those the revisit of a lone
   * article reads (its profile's features may weigh entities differently). Keys it only writes
   * need not be loaded: `changes()` marks them for merging with the stored lists.
   */
  lookupKeys(features: ArticleFeatures): string[] {
    const again = profileFeatures(profileOf(features.id, features.terms, features));
    return [...new Set([...this.queryKeys(features), ...this.queryKeys(again)].map(([key]) => key))];
  }

  /**
   * Makes this (new, empty) index a window onto a stored state: the stories, posting lists,
   * merges and article placements a batch will read. From then on the index records what changes,
   * for `changes()`. Everything the batch's look-ups reach must be in the snapshot
   * (src/pipeline/story-state.ts gathers it); stories left out are frozen and cost nothing.
   */
  load(snapshot: StorySnapshot): void {
    if (this.recording || this.stories.size > 0)
      throw new CorroborateError('usage', 'Load a stored state into a new, empty StoryIndex, once.');
    this.seq = snapshot.seq;
    const recording: Recording = {
      loadedKeys: new Set(snapshot.postings.keys()),
      touchedKeys: new Set(),
      events: [],
      merges: [],
      baseVersion: new Map(),
      storedProfiles: new Set(),
      taken: new Set(snapshot.takenIds),
    };
    for (const story of snapshot.stories) {
      this.stories.set(story.id, story);
      recording.baseVersion.set(story.id, story.version);
      for (const p of story.profiles) recording.storedProfiles.add(p.members[0]);
    }
    for (const [key, list] of snapshot.postings) this.postings.set(key, new Set(list));
    for (const [id, into] of snapshot.mergedInto) this.mergedInto.set(id, into);
    for (const [article, story] of snapshot.articleStory) this.articleStory.set(article, story);
    this.recording = recording;
  }

  /** Gives a story loaded without its member list (over PROFILED_MEMBERS members) its members, in order, read from the store. */
  holdMembers(storyId: string, members: readonly { id: string; headline: string }[]): void {
    const story = this.stories.get(this.resolve(storyId));
    if (!story || members.length !== story.size)
      throw new CorroborateError('usage', `Story '${storyId}' has ${story?.size ?? 0} members, not the ${members.length} given.`);
    story.members = members.map((m) => m.id);
    story.headlines = members.map((m) => m.headline);
  }

  /** What changed since `load`: the rows a store must write, in one transaction, to hold the new state. */
  changes(): StoryChanges {
    const recording = this.recording;
    if (!recording) throw new CorroborateError('usage', 'changes() needs an index made by load().');
    const stories = [...this.stories.values()].filter((s) => recording.baseVersion.get(s.id) !== s.version);
    const changed = new Set(stories.map((s) => s.id));
    const profiles: { article: string; profile: MemberProfile | null }[] = [];
    const current = new Set<string>();
    for (const story of stories) {
      for (const p of story.profiles) {
        current.add(p.members[0]);
        if (!recording.storedProfiles.has(p.members[0])) profiles.push({ article: p.members[0], profile: p });
      }
    }
    // A stored profile of a changed story that is no longer among its recent members is dropped.
    for (const article of recording.storedProfiles) {
      const story = this.storyOf(article);
      if (story !== undefined && changed.has(story) && !current.has(article)) profiles.push({ article, profile: null });
    }
    return {
      seq: this.seq,
      stories,
      retired: new Map(recording.merges.map((drop) => [drop, this.resolve(drop)])),
      events: recording.events,
      profiles,
      postings: [...recording.touchedKeys].map((key) => ({
        key,
        stories: [...(this.postings.get(key) ?? [])],
        complete: recording.loadedKeys.has(key),
      })),
      postingCap: POSTING_CAP,
    };
  }

  /** The whole state as changes from nothing: how an index restored from the old one-value format moves into a store's tables. */
  exportAll(): StoryChanges {
    const stories = [...this.stories.values()];
    const events: MemberEvent[] = [];
    const profiles: { article: string; profile: MemberProfile }[] = [];
    for (const story of stories) {
      story.members.forEach((article, position) =>
        events.push({ type: 'place', article, story: story.id, position, headline: story.headlines[position] ?? '' }),
      );
      const members = new Set(story.members);
      // Version 1 profiles stand for the story, not a member: they cannot be kept per member.
      for (const p of story.profiles) if (members.has(p.members[0])) profiles.push({ article: p.members[0], profile: p });
    }
    return {
      seq: this.seq,
      stories,
      retired: new Map([...this.mergedInto.keys()].map((id) => [id, this.resolve(id)])),
      events,
      profiles,
      postings: [...this.postings].map(([key, list]) => ({ key, stories: [...list], complete: true })),
      postingCap: POSTING_CAP,
    };
  }

  toJSON(): SerializedStoryIndex {
    return {
      version: 2,
      options: { windowDays: this.options.windowDays, threshold: this.options.threshold },
      seq: this.seq,
      stories: [...this.stories.values()].map((s) => ({
        ...s,
        outlets: [...s.outlets],
        terms: [...s.terms],
        entities: [...s.entities],
        phrases: [...s.phrases],
        numbers: [...s.numbers],
        years: [...s.years],
        dates: [...s.dates],
        vector: s.vector ? [...s.vector] : null,
        profiles: s.profiles.map(serializeProfile),
      })),
      articleStory: [...this.articleStory],
      mergedInto: [...this.mergedInto],
      postings: [...this.postings].map(([k, v]) => [k, [...v]]),
      singles: [...this.singles],
    };
  }

  static fromJSON(data: SerializedStoryIndex, options: Partial<EngineOptions> = {}): StoryIndex {
    if (data?.version !== 1 && data?.version !== 2)
      throw new CorroborateError('store', 'Unknown story index format.', 'It was saved by a newer version of corroborate.');
    const index = new StoryIndex({ ...data.options, ...options });
    index.seq = data.seq;
    for (const stored of data.stories) {
      const { profiles, recent, ...s } = stored as SerializedStory & { profiles?: SerializedProfile[]; recent?: Pairs[] };
      index.stories.set(s.id, {
        ...s,
        // Saved before stories counted their members apart from the list.
        size: s.size ?? s.members.length,
        version: s.version ?? 0,
        outlets: new Map(s.outlets),
        terms: new Map(s.terms),
        entities: new Map(s.entities),
        phrases: new Map(s.phrases),
        numbers: new Map(s.numbers),
        years: new Map(s.years),
        dates: new Map(s.dates),
        vector: s.vector ? Float32Array.from(s.vector) : null,
        // Version 1 kept only recent members' terms: they become profiles without other facts.
        profiles: profiles ? profiles.map(restoreProfile) : (recent ?? []).map((terms) => profileOf(s.id, new Map(terms))),
      });
      refreshNorms(index.stories.get(s.id)!);
    }
    for (const [a, s] of data.articleStory) index.articleStory.set(a, s);
    for (const [a, b] of data.mergedInto) index.mergedInto.set(a, b);
    for (const [k, v] of data.postings) index.postings.set(k, new Set(v));
    for (const id of data.singles ?? []) index.singles.add(id);
    return index;
  }

  private merge(drop: string, keep: string): void {
    const from = this.stories.get(drop)!;
    const into = this.stories.get(keep)!;
    this.recording?.events.push({ type: 'merge', drop, keep, offset: into.size });
    this.recording?.merges.push(drop);
    if (held(into) && held(from)) {
      into.members.push(...from.members);
      into.headlines.push(...from.headlines);
    } else {
      // One side's members live only in the store: the merge event moves them there.
      into.members = [];
      into.headlines = [];
    }
    into.size += from.size;
    into.version++;
    addCounts(into.outlets, from.outlets, Infinity);
    into.first = minTime(into.first, from.first);
    into.last = maxTime(into.last, from.last);
    addCounts(into.terms, from.terms, STORY_TERMS);
    addCounts(into.entities, from.entities, STORY_FACTS);
    addCounts(into.phrases, from.phrases, STORY_FACTS);
    addCounts(into.numbers, from.numbers, STORY_FACTS);
    addCounts(into.years, from.years, STORY_FACTS);
    addCounts(into.dates, from.dates, STORY_FACTS);
    if (from.vector) into.vector = into.vector ? into.vector.map((v, i) => v + from.vector![i]!) : from.vector;
    into.profiles = [...into.profiles, ...from.profiles].slice(-PROFILED_MEMBERS);
    refreshNorms(into);
    this.stories.delete(drop);
    this.mergedInto.set(drop, keep);
  }

  /** Keys an article is indexed under: dated articles per day bucket, everything globally. */
  private indexKeys(features: ArticleFeatures): string[] {
    const base = baseKeys(features).map(([key]) => key);
    const day = features.time === null ? null : Math.floor(features.time / DAY_MS);
    return day === null ? [...base, ...base.map((k) => `u:${k}`)] : [...base, ...base.map((k) => `${k}@${day}`)];
  }

  /** Keys to look up: the window's day buckets plus undated stories for a dated article; the global lists for an undated one. */
  private queryKeys(features: ArticleFeatures): [string, number][] {
    const base = baseKeys(features);
    if (features.time === null) return base;
    const day = Math.floor(features.time / DAY_MS);
    const span = Math.ceil(this.options.windowDays);
    const out: [string, number][] = [];
    for (const [key, weight] of base) {
      out.push([`u:${key}`, weight]);
      for (let d = day - span; d <= day + span; d++) out.push([`${key}@${d}`, weight]);
    }
    return out;
  }
}

type Pairs = [string, number][];
export type SerializedFacts = {
  outlets: Pairs;
  terms: Pairs;
  entities: Pairs;
  phrases: Pairs;
  numbers: Pairs;
  years: Pairs;
  dates: Pairs;
  vector: number[] | null;
};
export type SerializedProfile = Omit<
  MemberProfile,
  'terms' | 'entities' | 'numbers' | 'years' | 'dates' | 'vector' | 'phrases' | 'salience' | 'size'
> &
  Omit<SerializedFacts, 'outlets' | 'phrases'> & { phrases: string[]; salience: Pairs };
type SerializedStory = Omit<StoryState, keyof SerializedFacts | 'profiles' | 'size' | 'version'> &
  SerializedFacts & { size?: number; version?: number };

/** Version 2 keeps each story's recent member profiles; version 1 (recent members' terms only) still restores. */
export interface SerializedStoryIndex {
  readonly version: 1 | 2;
  readonly options: { readonly windowDays: number; readonly threshold: number };
  readonly seq: number;
  readonly stories: readonly ((SerializedStory & { profiles: SerializedProfile[] }) | (SerializedStory & { recent: Pairs[] }))[];
  readonly articleStory: readonly [string, string][];
  readonly mergedInto: readonly [string, string][];
  readonly postings: readonly [string, string[]][];
  /** Lone stories not yet revisited (absent in files saved before `revisit` existed). */
  readonly singles?: readonly string[];
}

/** A change of an article's place, in the order it happened (a store replays them). */
export type MemberEvent =
  /** The article is now at `position` in `story` (joined, or re-placed by a split). */
  | { readonly type: 'place'; readonly article: string; readonly story: string; readonly position: number; readonly headline: string }
  /** Every member of `drop` moved to the end of `keep`, whose size was `offset`. */
  | { readonly type: 'merge'; readonly drop: string; readonly keep: string; readonly offset: number };

/** The part of a stored state a batch reads (see `StoryIndex.load`). */
export interface StorySnapshot {
  /** The next story's sequence number. */
  readonly seq: number;
  /** Live stories, with their profiles; their members held when they have at most PROFILED_MEMBERS. */
  readonly stories: readonly StoryState[];
  /** Whole posting lists by key, oldest first. */
  readonly postings: ReadonlyMap<string, readonly string[]>;
  /** Merged story ids to the live story they resolve to. */
  readonly mergedInto: ReadonlyMap<string, string>;
  /** Article id to its story id, for the articles the batch asks about. */
  readonly articleStory: ReadonlyMap<string, string>;
  /** Story ids the store already used, among those a new story could be given. */
  readonly takenIds: ReadonlySet<string>;
}

/** What a batch changed in a loaded index (`StoryIndex.changes`). */
export interface StoryChanges {
  readonly seq: number;
  /** Live stories that changed or are new, in their new state. */
  readonly stories: readonly StoryState[];
  /** Story ids merged away in this batch, to the live story they now resolve to. */
  readonly retired: ReadonlyMap<string, string>;
  readonly events: readonly MemberEvent[];
  /** Profiles to store (an article newly among its story's recent members) or drop (null). */
  readonly profiles: readonly { readonly article: string; readonly profile: MemberProfile | null }[];
  /**
   * Posting lists touched, oldest first. `complete` lists replace the stored one; the others hold
   * only this batch's touches and go after the stored entries (most recent last), `postingCap` kept.
   */
  readonly postings: readonly { readonly key: string; readonly stories: readonly string[]; readonly complete: boolean }[];
  readonly postingCap: number;
}

interface Recording {
  readonly loadedKeys: Set<string>;
  readonly touchedKeys: Set<string>;
  readonly events: MemberEvent[];
  /** Ids merged away since loading. */
  readonly merges: string[];
  /** Version of each loaded story as loaded: a story whose version moved changed. */
  readonly baseVersion: Map<string, number>;
  /** Articles whose profile the store holds. */
  readonly storedProfiles: Set<string>;
  readonly taken: Set<string>;
}

function baseKeys(features: ArticleFeatures): [string, number][] {
  const terms = [...features.terms]
    .sort((a, b) => b[1] - a[1])
    .slice(0, INDEX_TERMS)
    .map(([t, w]): [string, number] => [`t:${t}`, w]);
  const entities = [...features.entities]
    .sort((a, b) => b[1] - a[1])
    .slice(0, INDEX_ENTITIES)
    .map(([e, w]): [string, number] => [`e:${e}`, w / 10]);
  return [...terms, ...entities];
}

/** The content evidence of one article against one story (or one member profile). */
export function compare(f: ArticleFeatures, s: StoryFacts): Evidence {
  // Article and member vectors are unit length; the centroid's norm is cached in the state.
  const lexical = s.termsNorm2 === 0 ? 0 : sparseDot(f.terms, s.terms) / Math.sqrt(s.termsNorm2);
  // A single article is its own best member.
  let lexicalBest = s.profiles ? 0 : lexical;
  const profiles = s.profiles ?? [];
  for (let i = Math.max(0, profiles.length - LINKED_MEMBERS); i < profiles.length; i++)
    lexicalBest = Math.max(lexicalBest, sparseDot(f.terms, profiles[i]!.terms));

  let total = 0;
  let covered = 0;
  for (const [e, w] of f.entities) {
    total += w;
    if (s.entities.has(e)) covered += w;
  }
  const size = s.size;
  let numbers = 0;
  const recurs = Math.max(1, size * RECURRING_SHARE);
  for (const n of f.numbers) if ((s.numbers.get(n) ?? 0) >= recurs) numbers++;
  let entityDot = 0;
  let storyShared = 0;
  for (const [e, a] of f.salience) {
    const count = s.entities.get(e);
    if (count === undefined) continue;
    const w = count * idf(e);
    entityDot += w * a;
    storyShared += w * w;
  }
  const entityNorm = s.entityNorm2;
  let yearShared = 0;
  for (const y of f.years) if (s.years.has(y)) yearShared = 1;
  let dateShared = 0;
  for (const d of f.dates) if (s.dates.has(d)) dateShared = 1;
  const semantic = Math.max(0, cosine(f.vector, s.vector));
  return {
    lexical,
    lexicalBest,
    entities: total === 0 ? 0 : covered / total,
    entityCosine: entityNorm === 0 ? 0 : entityDot / Math.sqrt(entityNorm),
    storySalientCovered: entityNorm === 0 ? 0 : storyShared / entityNorm,
    numbers: Math.min(1, numbers / 2),
    yearShared,
    yearConflict: f.years.size > 0 && s.years.size > 0 && !yearShared ? 1 : 0,
    dateShared,
    semantic,
    size: Math.min(1, Math.log(size) / Math.log(STORY_SIZE_SCALE)),
  };
}

function timeGap(time: number | null, s: StoryFacts): number | null {
  if (time === null || s.first === null || s.last === null) return null;
  return Math.max(0, s.first - time, time - s.last) / DAY_MS;
}

/** True when the story's member list is all in memory (always, unless loaded from a store without it). */
function held(s: StoryState): boolean {
  return s.members.length === s.size;
}

function emptyStory(id: string, seq: number): StoryState {
  return {
    id,
    seq,
    size: 0,
    version: 0,
    members: [],
    headlines: [],
    outlets: new Map(),
    first: null,
    last: null,
    terms: new Map(),
    entities: new Map(),
    phrases: new Map(),
    numbers: new Map(),
    years: new Map(),
    dates: new Map(),
    vector: null,
    profiles: [],
    termsNorm2: 0,
    entityNorm2: 0,
  };
}

function absorb(s: StoryState, f: ArticleFeatures): void {
  if (held(s)) {
    s.members.push(f.id);
    s.headlines.push(f.headline);
  }
  s.size++;
  s.version++;
  if (f.outlet) s.outlets.set(f.outlet, (s.outlets.get(f.outlet) ?? 0) + 1);
  s.first = minTime(s.first, f.time);
  s.last = maxTime(s.last, f.time);
  addCounts(s.terms, f.terms, STORY_TERMS);
  addCounts(s.entities, new Map([...f.entities.keys()].map((e) => [e, 1])), STORY_FACTS);
  addCounts(s.phrases, countList(f.phrases.filter((p) => p.length > 2)), STORY_FACTS);
  addCounts(s.numbers, new Map([...f.numbers].map((n) => [n, 1])), STORY_FACTS);
  addCounts(s.years, new Map([...f.years].map((n) => [n, 1])), STORY_FACTS);
  addCounts(s.dates, new Map([...f.dates].map((n) => [n, 1])), STORY_FACTS);
  if (f.vector) s.vector = s.vector ? s.vector.map((v, i) => v + f.vector![i]!) : Float32Array.from(f.vector);
  s.profiles.push(profileOf(f.id, f.terms, f));
  if (s.profiles.length > PROFILED_MEMBERS) s.profiles.shift();
  refreshNorms(s);
}

/** A member's facts as a story of one (its terms are already unit length). */
function profileOf(id: string, terms: ReadonlyMap<string, number>, f?: ArticleFeatures): MemberProfile {
  const ones = (keys: Iterable<string>) => new Map([...keys].map((k): [string, number] => [k, 1]));
  const entities = ones(f?.entities.keys() ?? []);
  let termsNorm2 = 0;
  for (const v of terms.values()) termsNorm2 += v * v;
  let entityNorm2 = 0;
  for (const e of entities.keys()) entityNorm2 += idf(e) ** 2;
  const time = f?.time ?? null;
  return {
    members: [id],
    size: 1,
    first: time,
    last: time,
    terms: new Map(terms),
    entities,
    numbers: ones(f?.numbers ?? []),
    years: ones(f?.years ?? []),
    dates: ones(f?.dates ?? []),
    vector: f?.vector ?? null,
    termsNorm2,
    entityNorm2,
    headline: f?.headline ?? '',
    outlet: f?.outlet ?? null,
    phrases: f?.phrases ?? [],
    salience: new Map(f?.salience ?? []),
  };
}

/** A member profile read back as the article features it was made from. */
function profileFeatures(p: MemberProfile): ArticleFeatures {
  return {
    id: p.members[0]!,
    time: p.first,
    outlet: p.outlet,
    headline: p.headline,
    terms: p.terms,
    entities: new Map([...p.entities.keys()].map((e): [string, number] => [e, idf(e)])),
    salience: p.salience,
    phrases: p.phrases,
    numbers: new Set(p.numbers.keys()),
    years: new Set(p.years.keys()),
    dates: new Set(p.dates.keys()),
    vector: p.vector,
  };
}

/** Agglomerative average-link clustering of items (by a symmetric link matrix) down to two groups. */
function twoGroups(link: readonly (readonly number[])[]): [number[], number[]] {
  const groups = link.map((_, i) => [i]);
  while (groups.length > 2) {
    let best = -1;
    let pair: [number, number] = [0, 1];
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        const l = groupLink(link, groups[a]!, groups[b]!);
        if (l > best) [best, pair] = [l, [a, b]];
      }
    }
    groups[pair[0]]!.push(...groups[pair[1]]!);
    groups.splice(pair[1], 1);
  }
  return [groups[0]!, groups[1] ?? []];
}

function groupLink(link: readonly (readonly number[])[], a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (const i of a) for (const j of b) sum += link[i]![j]!;
  return a.length && b.length ? sum / (a.length * b.length) : 0;
}

export function serializeProfile(p: MemberProfile): SerializedProfile {
  const { size: _one, ...rest } = p;
  return {
    ...rest,
    terms: [...p.terms],
    entities: [...p.entities],
    numbers: [...p.numbers],
    years: [...p.years],
    dates: [...p.dates],
    vector: p.vector ? [...p.vector] : null,
    phrases: [...p.phrases],
    salience: [...p.salience],
  };
}

export function restoreProfile(p: SerializedProfile): MemberProfile {
  return {
    ...p,
    size: 1,
    terms: new Map(p.terms),
    entities: new Map(p.entities),
    numbers: new Map(p.numbers),
    years: new Map(p.years),
    dates: new Map(p.dates),
    vector: p.vector ? Float32Array.from(p.vector) : null,
    salience: new Map(p.salience),
  };
}

export function refreshNorms(s: StoryState): void {
  let terms = 0;
  for (const v of s.terms.values()) terms += v * v;
  let entities = 0;
  for (const [e, count] of s.entities) entities += (count * idf(e)) ** 2;
  s.termsNorm2 = terms;
  s.entityNorm2 = entities;
}

function sparseDot(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, v] of small) {
    const w = large.get(k);
    if (w !== undefined) dot += v * w;
  }
  return dot;
}

function addCounts(into: Map<string, number>, from: ReadonlyMap<string, number>, cap: number): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
  if (into.size > cap * 1.5) {
    const kept = topEntries(into, cap);
    into.clear();
    for (const [k, v] of kept) into.set(k, v);
  }
}

function countList(list: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of new Set(list)) out.set(x, 1);
  return out;
}

function minTime(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function maxTime(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Labels use at most this many entity phrases. */
const LABEL_PHRASES = 3;
const TOP_ENTITIES = 6;

/** The story record of a state whose members are held (`StoryIndex.story` for a live one). */
export function summarise(s: StoryState): Story {
  const centroid = normalizeSparse(new Map(s.terms));
  let headline = s.headlines[0] ?? '';
  let bestScore = -1;
  for (const candidate of new Set(s.headlines)) {
    const vector = new Map<string, number>();
    for (const w of words(candidate)) vector.set(w, idf(w));
    let score = 0;
    for (const [w, weight] of normalizeSparse(vector)) score += weight * (centroid.get(w) ?? centroid.get(w.replace(/s$/, '')) ?? 0);
    if (score > bestScore + 1e-9) [bestScore, headline] = [score, candidate];
  }
  const phrases = [...s.phrases].sort((a, b) => b[1] - a[1] || b[0].split(' ').length - a[0].split(' ').length);
  const topEntities: string[] = [];
  for (const [phrase] of phrases) {
    const lower = phrase.toLowerCase();
    if (topEntities.some((t) => t.toLowerCase().includes(lower))) continue;
    topEntities.push(phrase);
    if (topEntities.length === TOP_ENTITIES) break;
  }
  const label = topEntities.length
    ? topEntities.slice(0, LABEL_PHRASES).join(', ')
    : [...s.terms]
        .sort((a, b) => b[1] - a[1])
        .slice(0, LABEL_PHRASES)
        .map(([t]) => t)
        .join(', ');
  return {
    id: s.id,
    headline,
    label,
    articleIds: [...s.members],
    firstSeen: s.first === null ? null : new Date(s.first).toISOString(),
    lastSeen: s.last === null ? null : new Date(s.last).toISOString(),
    outlets: [...s.outlets].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([o]) => o),
    topEntities,
  };
}
