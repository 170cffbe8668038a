// Leases on a real SQLite store: a second holder waits for the first, gives up with a clear error
// after its wait, and a holder whose lease was taken over is stopped before it writes; a holder
// that died on this machine is taken over at once, and one stopped by a signal gives its lease up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { holderIsGone, leaseHolderName, withLease } from './lease.js';
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

/** The process id of a process that has just ended: nothing runs under it now (unless reused). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

test('holderIsGone: only a holder of this machine whose process no longer runs', async () => {
  const mine = leaseHolderName();
  const [host, , space] = mine.split(':');
  const dead = await deadPid();
  const rows: [string, boolean][] = [
    [mine, false],
    [`${host}:${dead}:${space}:00ff00ff`, true],
    [`${host}:${process.ppid}:${space}:00ff00ff`, false],
    [`another-host:${dead}:${space}:00ff00ff`, false],
    [`${host}:${dead}:0badf00d:00ff00ff`, false],
    [`${host}:${dead}:00ff00ff`, false],
    [`${host}:x:${space}:00ff00ff`, false],
    ['someone-else', false],
  ];
  for (const [holder, gone] of rows) assert.equal(holderIsGone(holder), gone, holder);
});

test('a lease whose holder died on this machine is taken over at once, not when it runs out', async () => {
  const [host, , space] = leaseHolderName().split(':');
  const dead = `${host}:${await deadPid()}:${space}:00ff00ff`;
  assert.equal(await store.acquireLease('five', dead, 10 * 60_000), true);
  let waited = 0;
  const started = Date.now();
  assert.equal(await withLease(store, 'five', async () => 'ran', { waitMs: 5_000, pollMs: 20, onWait: () => waited++ }), 'ran');
  assert.equal(waited, 0);
  assert.ok(Date.now() - started < 2_000);
  assert.equal(await store.leaseHolder('five'), null);
});

test('Ctrl-C (SIGINT) or SIGTERM while holding the lease gives it up, then ends the process as the signal does', async () => {
  const lease = fileURLToPath(new URL('./lease.ts', import.meta.url));
  const stores = fileURLToPath(new URL('../store/index.ts', import.meta.url));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const name = `signal-${signal}`;
    const script = `
      import { withLease } from ${JSON.stringify(lease)};
      import { openStore } from ${JSON.stringify(stores)};
      const store = await openStore(${JSON.stringify(join(dir, 'lease.db'))});
      await withLease(store, ${JSON.stringify(name)}, async () => {
        process.stdout.write('held\\n');
        await new Promise((resolve) => setTimeout(resolve, 60_000));
      });`;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(child.stdout, 'data');
    assert.ok(await store.leaseHolder(name), 'the child holds the lease');
    const exited = once(child, 'exit');
    child.kill(signal);
    const [code, how] = await exited;
    assert.deepEqual([code, how], [null, signal], 'ended by the signal, as without a listener');
    assert.equal(await store.leaseHolder(name), null, 'and gave the lease up first');
  }
});
