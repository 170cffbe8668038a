// `corroborate serve` as a user runs it: prints the URL, answers, and stops cleanly on a signal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, waitForJob } from './helpers.js';
import { runMain } from '../../src/cli/testing.js';

describe('corroborate serve', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`serves on loopback, prints the URL and exits 0 on ${signal}`, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'corroborate-serve-'));
      const server = runCli(['serve', '--db', join(dir, 'serve.db'), '--port', '0']);
      try {
        const url = await new Promise<string>((resolve, reject) => {
          const check = () => {
            const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(server.output().stdout);
            if (match) resolve(match[1]!);
          };
          server.child.stdout.on('data', check);
          server.exited.then((code) => reject(new Error(`serve exited ${code}: ${server.output().stderr}`)));
        });
        const health = await fetch(`${url}api/health`);
        assert.equal(health.status, 200);
        assert.deepEqual(((await health.json()) as { articles: number }).articles, 0);
        if (signal === 'SIGTERM') {
          // An ingest job runs in the analysis thread, which loads TypeScript on its own.
          const text = 'Bridge reopens\n\nThe old river bridge reopened to traffic on Friday after two years of repairs, the city said.';
          const posted = await fetch(`${url}api/ingest`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ text }),
          });
          assert.equal(posted.status, 202);
          const { job } = (await posted.json()) as { job: { id: string } };
          const finished = await waitForJob(url.replace(/\/$/, ''), job.id);
          assert.equal(finished.state, 'done', JSON.stringify(finished.errors));
          assert.equal((finished.articlesAdded as string[]).length, 1);
        }
        server.child.kill(signal);
        assert.equal(await server.exited, 0, server.output().stderr);
        assert.match(server.output().stderr, new RegExp(`Received ${signal}`));
      } finally {
        server.child.kill('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      }
    });
  }

  // Flag parsing in-process (runMain is what the binary runs, errors and exit codes included):
  // the process-level behaviour is the signal test above.
  it('refuses bad flags with exit code 2', async () => {
    for (const args of [
      ['serve', '--port', 'abc'],
      ['serve', '--port', '70000'],
      ['serve', 'extra'],
      ['serve', '--bogus'],
    ]) {
      const bad = await runMain(args);
      assert.equal(bad.code, 2, `${args.join(' ')}: ${bad.stderr}`);
      assert.match(bad.stderr, /corroborate serve:/);
    }
  });

  it('prints its help', async () => {
    const help = await runMain(['serve', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /--port N/);
  });
});
