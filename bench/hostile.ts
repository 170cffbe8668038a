// `npm run bench:hostile [-- --mb 1 --line-mb 600]`: hostile inputs made on the fly in a temp
// folder (nothing from ../shared/bench/), each run through the CLI in this process; prints the CPU
// seconds each took and what was kept and refused. The first row also pays for loading the word
// vectors (about 0.5 s). Issue #19: the 1 MB one-line article must take under 30 s of CPU.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { runMain } from '../src/cli/testing.js';

const MB = 1024 * 1024;
const EXAMPLE = new URL('../examples/001_d6d31ae256cae5f1.txt', import.meta.url);

const fill = (unit: string, size: number) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/**
 * `size` characters of distinct sentences made of the example's words (a fixed seed): long prose
 * that boilerplate removal cannot fold, as a long page of real news would be.
 */
function sentences(prose: string, size: number): string {
  const words = prose.split(/\s+/).filter((w) => /^[\p{L}\p{N}]/u.test(w));
  let seed = 19;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const out: string[] = [];
  for (let length = 0; length < size; ) {
    const sentence = Array.from({ length: 12 + next(14) }, () => words[next(words.length)]!).join(' ');
    const text = `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.${next(4) === 0 ? '\n\n' : ' '}`;
    out.push(text);
    length += text.length;
  }
  return out.join('');
}

/** One-article texts that were slow in some stage on main, by name. */
function shapes(prose: string, size: number): Record<string, string> {
  const flat = prose.replace(/[.\n\r!?]/g, ' ').replace(/\s+/g, ' ');
  return {
    'one line, no full stop (the issue)': fill(`${flat} `, size),
    'one word': fill('x', size),
    'full stops only': `A${'.'.repeat(size)}b`,
    'digits only': fill('1234567890', size),
    'a figure every 8 characters': Array.from({ length: Math.ceil(size / 8) }, (_, i) => `${i % 997} tons `).join(''),
    'percents and money': fill('rose 5% to $3.2 billion, ', size),
    'open quotes': fill('Putin said "we are ready to offer ', size),
    'closed quotes': fill('"We are ready to offer joint projects," Putin said on Tuesday. ', size),
    'names only': fill('Vladimir Putin Moscow Washington Rusal Krasnoyarsk ', size),
    'Chinese, no spaces': fill('俄罗斯总统普京表示愿意与美国合作开发稀土', size / 3),
    'capitals and stops': fill('SAID PUTIN. ', size),
  };
}

interface Row {
  readonly name: string;
  readonly seconds: number;
  readonly kept: number;
  readonly refused: number;
}

async function analyze(dir: string, name: string, inputs: readonly string[]): Promise<Row> {
  const out = join(dir, `out-${name.replace(/\W+/g, '-')}`);
  const before = process.cpuUsage();
  const run = await runMain(['analyze', ...inputs, '--db', `${out}.db`, '--out', out]);
  const used = process.cpuUsage(before);
  if (run.code !== 0) throw new Error(`${name}: exit ${run.code}: ${run.stderr}`);
  const dossier = JSON.parse(await readFile(join(out, 'stories.json'), 'utf8')) as {
    stories: { articles: unknown[] }[];
    rejections: unknown[];
  };
  return {
    name,
    seconds: (used.user + used.system) / 1e6,
    kept: dossier.stories.reduce((n, s) => n + s.articles.length, 0),
    refused: dossier.rejections.length,
  };
}

async function extract(name: string, args: readonly string[]): Promise<Row> {
  const before = process.cpuUsage();
  const run = await runMain(['extract', '--format', 'jsonl', ...args]);
  const used = process.cpuUsage(before);
  const lines = run.stdout.split('\n').filter(Boolean);
  const refused = lines.filter((l) => l.includes('"error":')).length;
  return { name, seconds: (used.user + used.system) / 1e6, kept: lines.length - refused, refused };
}

function flag(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
}

export async function run(args: readonly string[]): Promise<void> {
  const size = Math.round(flag(args, 'mb', 1) * MB);
  const lineMb = flag(args, 'line-mb', 600);
  const dir = await mkdtemp(join(tmpdir(), 'corroborate-bench-hostile-'));
  try {
    const prose = await readFile(EXAMPLE, 'utf8');
    const rows: Row[] = [];
    for (const [name, text] of Object.entries({ ...shapes(prose, size), 'long prose, distinct sentences': sentences(prose, size) })) {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.txt`);
      await writeFile(path, text);
      rows.push(await analyze(dir, name, [path]));
    }
    // A story of copies of one long page: the story-wide steps compare every sentence pair.
    for (const copies of [2, 5]) {
      const folder = join(dir, `copies-${copies}`);
      await mkdir(folder);
      const page = sentences(prose, size);
      for (let i = 0; i < copies; i++) await writeFile(join(folder, `${i}.txt`), page.replace(/ the /g, ` the${i} `));
      rows.push(await analyze(dir, `${copies} copies in one story`, [folder]));
    }
    // Ingest: one line far over the cap between two good ones, a gzip bomb, a folder of self-links.
    const good = (tag: string) => `${JSON.stringify({ title: tag, text: prose })}\n`;
    const huge = join(dir, 'huge-line.jsonl.gz');
    const block = Buffer.alloc(MB, 'a');
    await pipeline(
      Readable.from(
        (function* () {
          yield `${good('first')}{"text":"`;
          for (let i = 0; i < lineMb; i++) yield block;
          yield `"}\n${good('second')}`;
        })(),
      ),
      createGzip({ level: 1 }),
      createWriteStream(huge),
    );
    rows.push(await extract(`a ${lineMb} MB line between two good ones (.jsonl.gz)`, [huge]));
    const bomb = join(dir, 'bomb.jsonl.gz');
    const zeros = Buffer.alloc(MB);
    await pipeline(
      Readable.from(
        (function* () {
          for (let i = 0; i < 512; i++) yield zeros;
        })(),
      ),
      createGzip({ level: 1 }),
      createWriteStream(bomb),
    );
    rows.push(await extract('512 MB of zeros (.jsonl.gz), --max-input-mb 64', [bomb, '--max-input-mb', '64']));
    const loop = join(dir, 'loop');
    await mkdir(join(loop, 'inner'), { recursive: true });
    await writeFile(join(loop, 'a.txt'), prose);
    await symlink('.', join(loop, 'self'));
    await symlink('..', join(loop, 'inner', 'up'));
    rows.push(await extract('a folder with two links to itself', [loop]));

    console.log(`hostile inputs, ${(size / MB).toFixed(2)} MB texts; CPU seconds in this process (load: see uptime)`);
    console.log('| input | CPU s | kept | refused |\n| --- | --- | --- | --- |');
    for (const row of rows) console.log(`| ${row.name} | ${row.seconds.toFixed(2)} | ${row.kept} | ${row.refused} |`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
