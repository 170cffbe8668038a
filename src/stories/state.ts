// A story's state as the rows a store keeps (src/store/engine-state.ts): the summary facts as one
// JSON value, each recent member's profile as another. Vectors travel as base64 of their float32
// bytes, exact and a third of the size of their decimals. Pure: no I/O.
import type { MemberProfile, SerializedFacts, SerializedProfile, StoryState } from './engine.js';
import { refreshNorms, restoreProfile, serializeProfile } from './engine.js';

/** The columns of a stored story (the store's EngineStoryRow). */
export interface StoryRow {
  readonly id: string;
  readonly seq: number;
  readonly version: number;
  readonly size: number;
  readonly firstMs: number | null;
  readonly lastMs: number | null;
  readonly facts: string;
}

type StoredFacts = Omit<SerializedFacts, 'vector'> & { vector: string | null };
type StoredProfile = Omit<SerializedProfile, 'vector'> & { vector: string | null };

export function storyRow(s: StoryState): StoryRow {
  const facts: StoredFacts = {
    outlets: [...s.outlets],
    terms: [...s.terms],
    entities: [...s.entities],
    phrases: [...s.phrases],
    numbers: [...s.numbers],
    years: [...s.years],
    dates: [...s.dates],
    vector: encodeVector(s.vector),
  };
  return { id: s.id, seq: s.seq, version: s.version, size: s.size, firstMs: s.first, lastMs: s.last, facts: JSON.stringify(facts) };
}

/**
 * The state of a stored story from its row, its profiles (oldest first) and, when the store gave
 * them, its members in order: without them the story is scored and joined but not split or summarised.
 */
export function storyFromRow(
  row: StoryRow,
  profiles: readonly MemberProfile[],
  members: readonly { id: string; headline: string }[] | null,
): StoryState {
  const facts = JSON.parse(row.facts) as StoredFacts;
  const state: StoryState = {
    id: row.id,
    seq: row.seq,
    size: row.size,
    version: row.version,
    members: members?.map((m) => m.id) ?? [],
    headlines: members?.map((m) => m.headline) ?? [],
    outlets: new Map(facts.outlets),
    first: row.firstMs,
    last: row.lastMs,
    terms: new Map(facts.terms),
    entities: new Map(facts.entities),
    phrases: new Map(facts.phrases),
    numbers: new Map(facts.numbers),
    years: new Map(facts.years),
    dates: new Map(facts.dates),
    vector: decodeVector(facts.vector),
    profiles: [...profiles],
    termsNorm2: 0,
    entityNorm2: 0,
  };
  refreshNorms(state);
  return state;
}

export function profileText(p: MemberProfile): string {
  const serialized = serializeProfile(p);
  const stored: StoredProfile = { ...serialized, vector: encodeVector(p.vector) };
  return JSON.stringify(stored);
}

export function profileFromText(text: string): MemberProfile {
  const stored = JSON.parse(text) as StoredProfile;
  return { ...restoreProfile({ ...stored, vector: null }), vector: decodeVector(stored.vector) };
}

function encodeVector(vector: Float32Array | null): string | null {
  return vector ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64') : null;
}

function decodeVector(text: string | null): Float32Array | null {
  if (text === null) return null;
  const bytes = Buffer.from(text, 'base64');
  // A copy: the Buffer may be a slice of a shared pool, not aligned for float32.
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
