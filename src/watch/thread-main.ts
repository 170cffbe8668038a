// Inside the watcher's thread: polls and analyzes on its own connection to the store, so that the
// server's event loop (the API, live story pages) never waits for an analysis.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from '../store/index.js';
import { watch, type WatchEvent } from './index.js';
import type { WatchThreadData, WatchThreadMessage, WatchThreadRequest } from './thread.js';

const port = parentPort;
if (!port) throw new Error('thread-main.ts runs only as a worker thread (see thread.ts).');
const { location, options } = workerData as WatchThreadData;
const send = (message: WatchThreadMessage) => port.postMessage(message);

const store = await openStore(location);
const handle = await watch(store, [], { ...options, onEvent: (event: WatchEvent) => send({ type: 'event', event }) });
port.on('message', async (request: WatchThreadRequest) => {
  if (request.type === 'wake') handle.wake();
  else {
    await handle.stop();
    await store.close();
    send({ type: 'stopped' });
  }
});
send({ type: 'started' });
