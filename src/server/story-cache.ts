// GET /api/stories/:id answers with the story's dossier, the largest document the API serves (a
// story of twenty reports is a few hundred KB). Parsing it from the store and serializing it
// again for every request cost most of the answer's time, so the encoded answer is kept per story
// version (Store.storyVersion: a new save is a new version) and sent as is, with an ETag a client
// can send back to be told 304 Not Modified.
import { createHash } from 'node:crypto';
import type { Store } from '../store/types.js';

/** Encoded answers kept, in bytes: the largest stories of a busy newsroom, well within a server's memory. */
export const STORY_CACHE_BYTES = 64 * 1024 * 1024;

export interface StoryAnswer {
  /** `{"requestedId": ..., "story": ...}` in UTF-8. */
  readonly body: Uint8Array<ArrayBuffer>;
  /** A strong ETag, quoted. */
  readonly etag: string;
}

export class StoryCache {
  /** By requested id and version; oldest use first (a Map keeps insertion order). */
  private readonly answers = new Map<string, StoryAnswer>();
  private bytes = 0;

  constructor(
    private readonly store: Store,
    private readonly maxBytes: number = STORY_CACHE_BYTES,
  ) {}

  /** The answer for `requestedId` (a live id or one merged into another story); null when unknown. */
  async get(requestedId: string): Promise<StoryAnswer | null> {
    const current = await this.store.storyVersion(requestedId);
    if (!current) return null;
    const cached = this.answers.get(cacheKey(requestedId, current.id, current.version));
    if (cached) {
      this.keep(cacheKey(requestedId, current.id, current.version), cached);
      return cached;
    }
    // Read again with its text: it may have been saved once more since, which is then the answer.
    const story = await this.store.getStoryJson(requestedId);
    if (!story) return null;
    const key = cacheKey(requestedId, story.id, story.version);
    // The dossier as stored is JSON.stringify(story): embedded as is, the answer is the same
    // text that stringifying { requestedId, story } would give.
    const body = new TextEncoder().encode(`{"requestedId":${JSON.stringify(requestedId)},"story":${story.json}}`);
    const answer = { body, etag: `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"` };
    this.keep(key, answer);
    return answer;
  }

  /** Keeps `answer` as the most recently used, forgetting the least recently used beyond the budget. */
  private keep(key: string, answer: StoryAnswer): void {
    if (answer.body.byteLength > this.maxBytes) return;
    const old = this.answers.get(key);
    if (old) this.bytes -= old.body.byteLength;
    this.answers.delete(key);
    this.answers.set(key, answer);
    this.bytes += answer.body.byteLength;
    for (const [oldest, evicted] of this.answers) {
      if (this.bytes <= this.maxBytes) break;
      this.answers.delete(oldest);
      this.bytes -= evicted.body.byteLength;
    }
  }
}

function cacheKey(requestedId: string, liveId: string, version: string): string {
  return `${requestedId}\n${liveId}\n${version}`;
}

/** True when an If-None-Match header names `etag` (or is `*`). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed === etag || trimmed === `W/${etag}`;
  });
}
