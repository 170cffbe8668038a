// Issue #19 item 10, through the CLI: a killed or Ctrl-C'd `analyze` must not make the next run
// wait for its lease to run out.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { leaseHolderName } from '../../src/pipeline/lease.js';
import { STORY_INDEX_STATE } from '../../src/pipeline/analyze.js';
import { runMain } from '../../src/cli/testing.js';
import { EXAMPLES, runCli } from '../server/helpers.js';

describe('the writer lease of a run that did not end well', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-lease-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a lease left by a killed run on this machine is taken over at once', async () => {
    const db = join(dir, 'killed.db');
    const killed = spawn(process.execPath, ['-e', '']);
    await once(killed, 'exit');
    const [host, , space] = leaseHolderName().split(':');
    const store = await openStore(db);
    // As `kill -9` leaves it: a lease with most of its two minutes to run.
    assert.equal(await store.acquireLease(STORY_INDEX_STATE, `${host}:${killed.pid}:${space}:0badc0de`, 120_000), true);
    await store.close();
    // The next run is this process (the lease's holder is another pid, known to be gone).
    const run = await runMain(['analyze', join(EXAMPLES, '000_0c083f95c1e08a76.txt'), '--db', db, '--out', join(dir, 'out')]);
    assert.equal(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /waiting/);
  });

  it('Ctrl-C during the run gives the lease up before the process ends', async () => {
    // Forty articles (eight editions of each example, a line of its own keeping each from being a
    // duplicate): a run long enough for the test to see its lease and interrupt it, however fast.
    const inputs = join(dir, 'editions');
    await mkdir(inputs);
    for (const name of (await readdir(EXAMPLES)).filter((n) => n.endsWith('.txt'))) {
      const text = await readFile(join(EXAMPLES, name), 'utf8');
      for (let i = 0; i < 8; i++) await writeFile(join(inputs, `${i}-${name}`), `${text}\n\nEdition ${i} of this page.\n`);
    }
    // A run can end between the test seeing its lease and the signal: then try again.
    for (let attempt = 1; ; attempt++) {
      const db = join(dir, `interrupted-${attempt}.db`);
      const store = await openStore(db);
      try {
        const run = runCli(['analyze', inputs, '--db', db, '--out', join(dir, 'out')]);
        let holder = null;
        while (!holder && run.child.exitCode === null) {
          holder = await store.leaseHolder(STORY_INDEX_STATE);
          if (!holder) await new Promise((resolve) => setTimeout(resolve, 10));
        }
        assert.ok(holder, `the run took the lease: ${run.output().stderr}`);
        const ended = once(run.child, 'exit');
        run.child.kill('SIGINT');
        const [code, signal] = await ended;
        if (code === 0 && attempt < 3) continue;
        assert.deepEqual([code, signal], [null, 'SIGINT'], run.output().stderr);
        assert.equal(await store.leaseHolder(STORY_INDEX_STATE), null);
        return;
      } finally {
        await store.close();
      }
    }
  });
});
