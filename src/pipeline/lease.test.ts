// Leases on a real SQLite store: a second holder waits for the first, gives up with a clear error
// after its wait, and a holder whose lease was taken over is stopped before it writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withLease } from './lease.js';
import { openStore } from '../store/index.js';
import { CorroborateError } from '../errors.js';
import type { Store } from '../store/types.js';

let dir: string;
let store: Store;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'corroborate-lease-'));
  store = await openStore(join(dir, 'lease.db'));
});

after(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a second run waits for the first and then runs; the lease is free afterwards', async () => {
  const order: string[] = [];
  let waited = 0;
  const first = withLease(store, 'one', async () => {
    order.push('first starts');
    await sleep(150);
    order.push('first ends');
  });
  await sleep(10);
  const second = withLease(
    store,
    'one',
    async () => {
      order.push('second runs');
    },
    { pollMs: 20, onWait: () => waited++ },
  );
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first starts', 'first ends', 'second runs']);
  assert.equal(waited, 1, 'the waiting run is told once');
  assert.equal(await store.leaseHolder('one'), null);
});

test('the lease is given up when the work throws', async () => {
  await assert.rejects(
    withLease(store, 'two', async () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  assert.equal(await store.leaseHolder('two'), null);
});

test('waiting ends with an error that names the holder and says what to do', async () => {
  assert.equal(await store.acquireLease('three', 'someone-else', 60_000), true);
  await assert.rejects(
    withLease(store, 'three', async () => 'never', { waitMs: 80, pollMs: 20 }),
    (error: unknown) => error instanceof CorroborateError && /someone-else/.test(error.message) && error.hint !== undefined,
  );
  await store.releaseLease('three', 'someone-else');
});

test('a holder whose lease ran out and was taken over is stopped at its next confirm', async () => {
  let wrote = false;
  await assert.rejects(
    withLease(
      store,
      'four',
      async (lease) => {
        // Synchronous work longer than the lease (timers cannot renew it), then another takes it.
        const until = Date.now() + 60;
        while (Date.now() < until);
        assert.equal(await store.acquireLease('four', 'intruder', 60_000), true);
        await lease.confirm();
        wrote = true;
      },
      { ttlMs: 30 },
    ),
    (error: unknown) => error instanceof CorroborateError && /took over/.test(error.message),
  );
  assert.equal(wrote, false);
  assert.equal((await store.leaseHolder('four'))?.holder, 'intruder', 'the new holder keeps its lease');
});
