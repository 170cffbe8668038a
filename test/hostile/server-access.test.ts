// Issue #19 item 7: an open server has a door. `serve --host 0.0.0.0` makes up an access token
// and refuses every API request without it (reads and ingest, programs and browsers), and any
// server refuses a foreign Host (DNS rebinding) and another site's Origin. Connections go to
// loopback only; the Host header is what a rebinding page would send.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.js';
import { startServer } from '../../src/server/index.js';
import { CorroborateError } from '../../src/errors.js';
import { runMain } from '../../src/cli/testing.js';
import { runCli } from '../server/helpers.js';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request with the headers given as they are (fetch will not send a Host of our choosing). */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const INGEST = JSON.stringify({ text: 'Harbour bridge reopens\n\nThe harbour bridge reopened on Monday after repairs, the council said.' });
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('serve --host 0.0.0.0', () => {
  let dir = '';
  let server: ReturnType<typeof runCli>;
  let port = 0;
  let token = '';

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-access-'));
    server = runCli([
      'serve',
      '--db',
      join(dir, 'open.db'),
      '--host',
      '0.0.0.0',
      '--port',
      '0',
      '--no-worker',
      '--allowed-host',
      'news.example.org',
    ]);
    port = Number((await server.printed(/:(\d+)\//))[1]);
    token = (await server.printed(/Access token \(shown only now\): (\S+)/))[1]!;
    // The two lines that say how to use it arrive in their own writes: wait for the last one.
    await server.printed(/Set CORROBORATE_TOKEN or --token/);
  });
  after(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });

  it('makes up a long token and prints it once', () => {
    assert.ok(token.length >= 32, token);
    assert.equal(server.output().stdout.split(token).length - 1, 3, 'the token line, and the two ways to use it');
  });

  it('refuses ingest and reads without the token, and with a wrong one', async () => {
    for (const [method, path, body] of [
      ['POST', '/api/ingest', INGEST],
      ['GET', '/api/stories', undefined],
      ['GET', '/api/health', undefined],
      ['GET', '/api/jobs', undefined],
    ] as const) {
      const bare = await send(port, method, path, JSON_TYPE, body);
      assert.equal(bare.status, 401, `${method} ${path}`);
      assert.match(bare.headers['www-authenticate']?.toString() ?? '', /^Bearer/);
      assert.match(JSON.parse(bare.body).error.message, /access token/);
      assert.equal((await send(port, method, path, { ...JSON_TYPE, Authorization: `Bearer ${token}x` }, body)).status, 401);
    }
  });

  it('lets a program in with the token', async () => {
    const auth = { ...JSON_TYPE, Authorization: `Bearer ${token}` };
    assert.equal((await send(port, 'POST', '/api/ingest', auth, INGEST)).status, 202);
    assert.equal((await send(port, 'GET', '/api/stories', auth)).status, 200);
  });

  it('refuses a foreign Host even with the token, and takes a name given with --allowed-host', async () => {
    const auth = { Authorization: `Bearer ${token}` };
    const rebound = await send(port, 'GET', '/api/stories', { ...auth, Host: `attacker.example:${port}` });
    assert.equal(rebound.status, 403);
    assert.match(JSON.parse(rebound.body).error.message, /--allowed-host/);
    assert.equal((await send(port, 'GET', '/api/stories', { ...auth, Host: `news.example.org:${port}` })).status, 200);
    assert.equal((await send(port, 'GET', '/api/stories', { ...auth, Host: `NEWS.example.org.:${port}` })).status, 200);
  });

  it("refuses another site's page, token or not", async () => {
    const auth = { ...JSON_TYPE, Authorization: `Bearer ${token}` };
    assert.equal((await send(port, 'POST', '/api/ingest', { ...auth, Origin: 'https://attacker.example' }, INGEST)).status, 403);
    assert.equal((await send(port, 'POST', '/api/ingest', { ...auth, Origin: 'null' }, INGEST)).status, 403);
    assert.equal((await send(port, 'POST', '/api/ingest', { ...auth, Origin: `http://127.0.0.1:${port + 1}` }, INGEST)).status, 403);
    assert.equal((await send(port, 'POST', '/api/ingest', { ...auth, Origin: `http://127.0.0.1:${port}` }, INGEST)).status, 202);
  });

  it('sends a browser to /login, which sets the cookie the web forms then send', async () => {
    const page = await send(port, 'GET', '/');
    assert.deepEqual([page.status, page.headers.location], [303, '/login']);
    const form = await send(port, 'GET', '/login');
    assert.equal(form.status, 200);
    assert.match(form.body, /<form method="post" action="\/login">/);
    assert.equal((await send(port, 'GET', '/app.js')).status, 200, "the app's code holds no data");

    const wrong = await send(port, 'POST', '/login', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'token=guess');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    const login = await send(
      port,
      'POST',
      '/login',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      `token=${encodeURIComponent(token)}`,
    );
    assert.deepEqual([login.status, login.headers.location], [303, '/']);
    const cookie = String(login.headers['set-cookie']);
    assert.match(cookie, new RegExp(`^corroborate_token_${port}=`));
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const session = { Cookie: cookie.split(';')[0]! };
    assert.equal((await send(port, 'GET', '/', session)).status, 200);
    assert.equal((await send(port, 'GET', '/api/stories', session)).status, 200);

    // The web app's upload form: multipart, the cookie, this server's Origin.
    const boundary = 'corroborate-test-boundary';
    const multipart = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="report.html"',
      'Content-Type: text/html',
      '',
      '<h1>Harbour bridge reopens</h1><p>The harbour bridge reopened on Monday after repairs, the council said.</p>',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const upload = await send(
      port,
      'POST',
      '/api/ingest',
      { ...session, Origin: `http://127.0.0.1:${port}`, 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      multipart,
    );
    assert.equal(upload.status, 202, upload.body);
    const viaLink = await send(port, 'GET', `/login?token=${encodeURIComponent(token)}`);
    assert.deepEqual([viaLink.status, viaLink.headers.location], [303, '/'], 'the printed link logs in too');
  });
});

describe('the token on other binds', () => {
  it('a library server bound beyond loopback without a token does not start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-access-'));
    const store = await openStore(join(dir, 'lib.db'));
    try {
      await assert.rejects(
        startServer({ store, host: '0.0.0.0', port: 0, runJobs: false, log: () => {} }),
        (error: unknown) => error instanceof CorroborateError && /access token/.test(error.message),
      );
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a token given on loopback is asked for, and one too short is refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-access-'));
    // A flag check: in-process, as the other flag tests of serve are.
    const short = await runMain(['serve', '--db', join(dir, 'short.db'), '--port', '0', '--token', 'abc']);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /at least 16 characters/);
    const chosen = 'a-token-chosen-by-the-newsroom';
    const server = runCli(['serve', '--db', join(dir, 'local.db'), '--port', '0', '--no-worker', '--token', chosen]);
    try {
      const port = Number((await server.printed(/:(\d+)\//))[1]);
      assert.doesNotMatch(server.output().stdout, /Access token/, 'a chosen token is not printed');
      assert.equal((await send(port, 'GET', '/api/stories')).status, 401);
      assert.equal((await send(port, 'GET', '/api/stories', { Authorization: `Bearer ${chosen}` })).status, 200);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
