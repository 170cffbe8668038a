// Live story pages: GET /api/stories/:id/events is a server-sent event stream that says when the
// story changes (a new article joined it, it was merged into another). One poll of the store per
// open story, not per connection: the store's story version (`Store.storyVersion`, which every
// save changes) is read every `pollMs` for the stories someone has open, whichever backend and
// whichever process (a `corroborate watch`, a worker) changed it. Connections are bounded, kept
// alive by heartbeats, and ended when the server stops.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { Store, StoryVersion } from '../store/types.js';
import { ApiError } from './errors.js';

export interface LiveOptions {
  /** How often the versions of open stories are read. */
  readonly pollMs: number;
  /** A comment line this often keeps proxies and browsers from closing a quiet stream. */
  readonly heartbeatMs: number;
  /** Streams open at once; more are refused (503) so that idle tabs cannot exhaust the server. */
  readonly maxConnections: number;
}

export const LIVE_DEFAULTS: LiveOptions = {
  // Two seconds: a new article shows while the reader is still on the page, at one small query per open story.
  pollMs: 2000,
  // Fifteen seconds: under the 30-60 s idle timeouts of common proxies and load balancers.
  heartbeatMs: 15_000,
  // Each stream holds a socket: 200 is far above one newsroom's open tabs, far below a process's file limit.
  maxConnections: 200,
};

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry` field). */
const RECONNECT_MS = 5000;

type Listener = (version: StoryVersion | null) => void;

export class LiveStories {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly known = new Map<string, string | null>();
  private readonly closers = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private polling = false;

  constructor(
    private readonly store: Store,
    private readonly settings: LiveOptions,
    private readonly log: (message: string) => void,
  ) {}

  /** The event stream of one story; 404 for an unknown story, 503 when the streams are all taken. */
  async respond(c: Context, id: string): Promise<Response> {
    const first = await this.store.storyVersion(id);
    if (!first) throw new ApiError(404, `No story with id '${id}'.`);
    if (this.closers.size >= this.settings.maxConnections) {
      c.header('Retry-After', String(RECONNECT_MS / 1000));
      throw new ApiError(503, `${this.settings.maxConnections} live story pages are open already; try again later.`);
    }
    let close: () => void = () => undefined;
    const closed = new Promise<void>((resolve) => {
      close = resolve;
    });
    this.closers.add(close);
    return streamSSE(c, async (stream) => {
      let current = versionKey(first);
      const unsubscribe = this.subscribe(id, current, (version) => {
        if (version === null) {
          void stream.writeSSE({ event: 'gone', data: JSON.stringify({ id }) }).then(close, close);
        } else if (versionKey(version) !== current) {
          current = versionKey(version);
          void stream.writeSSE({ event: 'story', data: JSON.stringify(version) }).catch(close);
        }
      });
      const heartbeat = setInterval(() => void stream.write(': heartbeat\n\n').catch(close), this.settings.heartbeatMs);
      stream.onAbort(close);
      try {
        await stream.writeSSE({ event: 'open', data: JSON.stringify(first), retry: RECONNECT_MS });
        await closed;
      } finally {
        clearInterval(heartbeat);
        unsubscribe();
        this.closers.delete(close);
      }
    });
  }

  /** Ends every stream (the server is stopping). */
  close(): void {
    for (const close of [...this.closers]) close();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private subscribe(id: string, key: string, listener: Listener): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
      this.known.set(id, key);
    }
    set.add(listener);
    this.timer ??= setInterval(() => void this.poll(), this.settings.pollMs);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        this.listeners.delete(id);
        this.known.delete(id);
      }
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** One round: each open story's version read once; listeners told of those that changed. */
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      for (const [id, set] of [...this.listeners]) {
        const version = await this.store.storyVersion(id);
        const key = version ? versionKey(version) : null;
        if (key === this.known.get(id)) continue;
        this.known.set(id, key);
        for (const listener of set) listener(version);
      }
    } catch (error) {
      // The store is unreachable for a moment: the next round tries again; the streams stay open.
      this.log(`corroborate serve: live story pages could not read the store: ${(error as Error).message}`);
    } finally {
      this.polling = false;
    }
  }
}

/** A story changes when its version changes, or when the id now names another story (a merge). */
function versionKey(version: StoryVersion): string {
  return `${version.id}\n${version.version}`;
}
