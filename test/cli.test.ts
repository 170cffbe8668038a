// The CLI as a user meets it: exit codes, usage errors, and a batch of bad input that must not
// stop the good input or put live markup into the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile, readFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from '../src/cli/testing.js';
import { runCli } from './server/helpers.js';

const GOOD = `Dam breach floods three villages in northern Ruritania

By Jane Example

STRELSAU (Example News) - A dam on the Varna river burst on Tuesday, flooding three villages and forcing 2,000 people from their homes, officials said.

"The water came in minutes," said Anna Novak, a teacher in the village of Hof. "We lost everything."

The regional governor, Peter Lind, said repairs would cost about $40 million and take at least six months.
`;

const HOSTILE = `<!doctype html><html><head><title>Mayor &lt;script&gt; resigns <script>alert(1)</script></title></head>
<body><article><h1>Mayor resigns <img src=x onerror="alert(2)"></h1>
<p>The mayor of Exampleton resigned on Monday after a council vote of 7 to 2, the city clerk said. &lt;script&gt;alert(3)&lt;/script&gt;</p>
<p>"I leave with my head high," the mayor, Carl Smith, told reporters outside city hall on Monday evening.</p>
<p>The council will choose an interim mayor within 30 days, according to the city charter.</p>
<script>alert(4)</script><img src=x onerror="alert(5)">
</article></body></html>`;

test('unknown commands and missing inputs are usage errors (exit 2)', async () => {
  const c = await runMain(['frobnicate']);
  assert.equal(c.code, 2);
  assert.match(c.stderr, /unknown command 'frobnicate'/);
  const d = await runMain(['analyze']);
  assert.equal(d.code, 2);
  assert.match(d.stderr, /no input given/);
  const h = await runMain(['analyze', '--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /Usage: corroborate analyze/);
});

test('--version prints the package version', async () => {
  const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  for (const flag of ['--version', '-V']) {
    const c = await runMain([flag]);
    assert.equal(c.code, 0);
    assert.equal(c.stdout, `corroborate ${version}\n`);
  }
});

test('bad input is rejected with reasons, the batch goes on, the report shows hostile text inert', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-cli-'));
  try {
    const inputs = join(dir, 'in');
    await import('node:fs/promises').then((fs) => fs.mkdir(inputs));
    await writeFile(join(inputs, 'empty.txt'), '');
    // Named as a page, so it is read (a .bin beside pages is passed over unread) and refused as binary.
    await writeFile(join(inputs, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0xff, 0xfe, 0]));
    await writeFile(
      join(inputs, 'invalid-utf8.txt'),
      Buffer.concat([Buffer.from(GOOD.replace('Ruritania', 'Ruritania \xff\xfe')), Buffer.from([0xc3, 0x28, 0xa0, 0xa1])]),
    );
    await writeFile(join(inputs, 'good.txt'), GOOD);
    await writeFile(join(inputs, 'hostile.html'), HOSTILE);
    const huge = await open(join(inputs, 'huge.txt'), 'w');
    await huge.truncate(50 * 1024 * 1024);
    await huge.close();

    const c = await runMain(['analyze', inputs, '--out', join(dir, 'out'), '--db', join(dir, 'c.db')]);
    const code = c.code;
    assert.equal(code, 0, c.stderr);
    const dossier = JSON.parse(await readFile(join(dir, 'out', 'stories.json'), 'utf8'));
    const rejected = new Map<string, string>(
      dossier.rejections.map((r: { input: string; reason: string }) => [r.input.split('/').pop(), r.reason]),
    );
    for (const name of ['empty.txt', 'binary.txt', 'huge.txt']) assert.ok(rejected.get(name), `${name} rejected with a reason`);
    const articles = dossier.stories.flatMap((s: { articles: { input: string }[] }) => s.articles.map((a) => a.input.split('/').pop()));
    for (const name of ['good.txt', 'invalid-utf8.txt', 'hostile.html']) assert.ok(articles.includes(name), `${name} analyzed`);
    assert.match(c.stdout, /rejected/);

    const html = await readFile(join(dir, 'out', 'index.html'), 'utf8');
    assert.doesNotMatch(html, /<script>alert/i);
    assert.doesNotMatch(html, /<img[^>]*onerror/i);
    assert.match(html, /Content-Security-Policy/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('analyze takes the story and input flags that cluster and extract take, with the same checks', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-cli-flags-'));
  try {
    for (const [flag, value, message] of [
      ['--window', 'soon', /--window must be a number from 0 to 366/],
      ['--threshold', '1.5', /--threshold must be a number/],
      ['--timeout', '0', /--timeout must be a number from 1 to 600/],
      ['--derivation', 'magic', /--derivation must be rules, model or both/],
    ] as const) {
      const c = await runMain(['analyze', 'examples', flag, value, '--db', join(dir, 'never.db')]);
      assert.equal(c.code, 2, flag);
      assert.match(c.stderr, message);
    }
    // Near certainty to join: even the summary and the rewrite start stories of their own.
    const strict = await runMain([
      'analyze',
      'examples',
      '--threshold',
      '0.999',
      '--db',
      join(dir, 'strict.db'),
      '--out',
      join(dir, 'out'),
    ]);
    const code = strict.code;
    assert.equal(code, 0);
    const dossier = JSON.parse(await readFile(join(dir, 'out', 'stories.json'), 'utf8')) as { stories: unknown[] };
    assert.equal(dossier.stories.length, 5);
    // What a newcomer reads first: the README beside the examples is no rejected input, and a
    // date-only value is the date it is, not a midnight UTC time.
    const summary = strict.stdout;
    assert.match(summary, /^5 articles read \(5 new, 0 already stored\), 0 inputs rejected, 5 stories\./);
    assert.doesNotMatch(summary, /OUTLETS\.md|Rejected:/);
    assert.match(summary, /, 24 Feb 2025\n/);
    assert.doesNotMatch(summary, /T00:00|00:00 UTC/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('dedup and cluster refuse a file that is not JSON lines, or is empty, in one message (exit 1)', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-cli-jsonl-'));
  try {
    const empty = join(dir, 'empty.jsonl');
    await writeFile(empty, '');
    for (const command of ['dedup', 'cluster']) {
      const readme = await runMain([command, 'README.md']);
      assert.equal(readme.code, 1, command);
      assert.equal(readme.stdout, '');
      const lines = readme.stderr.trim().split('\n');
      assert.equal(lines.length, 2, `${command} says it in two lines:\n${readme.stderr}`);
      assert.match(lines[0]!, new RegExp(`^corroborate ${command}: README.md is not JSON lines: none of its first 5 lines is a record`));
      assert.match(lines[1]!, /^ {2}Give a JSON-lines file of \{id, text/);
      const none = await runMain([command, empty]);
      assert.equal(none.code, 1, command);
      assert.match(none.stderr, /empty\.jsonl is empty: it has no JSON lines\./);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('flag mistakes get plain messages: a negative value, an unknown or misspelt option, a missing value', async () => {
  const rows: [string[], RegExp][] = [
    [['cluster', '-', '--window', '-3'], /^corroborate cluster: --window must be a number from 0 to 366, not '-3'\.$/m],
    [['dedup', '-', '--threshold', '-0.5'], /^corroborate dedup: --threshold must be a number from 0\.001 to 0\.999, not '-0\.5'\.$/m],
    [['cluster', '-', '--frobnicate'], /^corroborate cluster: unknown option '--frobnicate'\.$/m],
    [['cluster', '-', '--windw', '3'], /^corroborate cluster: unknown option '--windw'\. Did you mean --window\?$/m],
    [['analyze', 'examples', '--thresold', '0.5'], /^corroborate analyze: unknown option '--thresold'\. Did you mean --threshold\?$/m],
    [['cluster', '-', '--format'], /^corroborate cluster: --format needs a value\.$/m],
    [['serve', '--no-worker=yes'], /^corroborate serve: --no-worker takes no value\.$/m],
  ];
  for (const [argv, message] of rows) {
    const c = await runMain(argv);
    assert.equal(c.code, 2, argv.join(' '));
    assert.match(c.stderr, message);
    // Every quote the message opens, it closes.
    assert.equal((c.stderr.split('\n')[0]!.match(/'/g) ?? []).length % 2, 0, c.stderr);
  }
});

test('serve warns when --db names a database that does not exist, and is quiet for one that does', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-cli-serve-'));
  try {
    const typo = join(dir, 'typo.db');
    for (const expectWarning of [true, false]) {
      const server = runCli(['serve', '--db', typo, '--port', '0']);
      try {
        await server.printed(/Press Ctrl-C to stop\./);
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0, server.output().stderr);
        const { stderr } = server.output();
        if (expectWarning) {
          assert.match(
            stderr,
            new RegExp(`Warning: ${typo.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} did not exist, so an empty database was created there`),
          );
          assert.match(stderr, /check --db/);
        } else assert.doesNotMatch(stderr, /did not exist/);
      } finally {
        server.child.kill('SIGKILL');
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
