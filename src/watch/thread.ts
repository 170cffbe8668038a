// The watcher in a thread of its own (`serve --watch`): a server must answer while articles are
// analyzed, and analysis holds the thread it runs on for seconds. The thread opens its own
// connection to the store; following a feed is a write to the store here and a wake-up there.
import { Worker } from 'node:worker_threads';
import type { Store, WatchedFeed } from '../store/types.js';
import { canonicalUrl } from './canonical.js';
import type { WatchEvent, WatchHandle, WatchOptions } from './index.js';

/** What the thread is started with: plain data (it is copied to the thread). */
export interface WatchThreadData {
  readonly location: string;
  readonly options: Partial<Omit<WatchOptions, 'onEvent' | 'clock'>>;
}

export type WatchThreadRequest = { readonly type: 'wake' } | { readonly type: 'stop' };

export type WatchThreadMessage =
  | { readonly type: 'started' }
  | { readonly type: 'event'; readonly event: WatchEvent }
  | { readonly type: 'stopped' };

// Compiled (dist/), the thread runs thread-main.js itself; from the TypeScript source,
// thread-tsx.mjs first registers tsx, which a thread does not inherit.
const ENTRY = import.meta.url.endsWith('.ts') ? new URL('./thread-tsx.mjs', import.meta.url) : new URL('./thread-main.js', import.meta.url);

/**
 * Starts a watcher thread over the store at `location` (`store` is this thread's own connection,
 * for following feeds); `onEvent` hears what it does, `onFailure` why it stopped on its own.
 */
export function startWatchThread(
  store: Store,
  data: WatchThreadData,
  onEvent: (event: WatchEvent) => void,
  onFailure: (reason: string) => void,
): WatchHandle {
  const thread = new Worker(ENTRY, { workerData: data });
  let stopping = false;
  const done = new Promise<void>((resolve) => {
    thread.on('message', (message: WatchThreadMessage) => {
      if (message.type === 'event') onEvent(message.event);
      else if (message.type === 'stopped') void thread.terminate().then(() => resolve());
    });
    // Always listened to: an 'error' with no listener would take the process down with the thread.
    thread.on('error', (error) => onFailure(`the watcher stopped: ${error.message}`));
    thread.on('exit', (code) => {
      if (!stopping) onFailure(`the watcher stopped (exit code ${code})`);
      resolve();
    });
  });
  const post = (request: WatchThreadRequest) => {
    try {
      thread.postMessage(request);
    } catch {
      // The thread has ended: its failure was reported.
    }
  };
  return {
    async follow(url: string): Promise<WatchedFeed> {
      const feed = await store.followFeed(canonicalUrl(url) ?? url);
      post({ type: 'wake' });
      return feed;
    },
    wake: () => post({ type: 'wake' }),
    async stop() {
      stopping = true;
      post({ type: 'stop' });
      await done;
    },
    done,
  };
}
