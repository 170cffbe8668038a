// What the hostile suite shares: a temporary folder per test file, an article long enough to be
// kept, and the CLI run in-process with its output parsed. Every input is made by the tests.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { runMain } from '../../src/cli/testing.js';

/** A news paragraph that extraction keeps as an article; `tag` makes each one distinct. */
export function article(tag: string): string {
  return [
    `Dam breach floods three villages in the ${tag} valley`,
    '',
    `A dam on the ${tag} river burst on Tuesday, flooding three villages and forcing 2,000 people from their homes, officials said.`,
    '',
    `"The water came in minutes," said Anna Novak, a teacher in the ${tag} valley. "We lost everything we had."`,
    '',
    'The regional governor, Peter Lind, said repairs would cost about $40 million and take at least six months.',
  ].join('\n');
}

/** A fresh folder for the calling test file, removed when it ends. */
export function scratch(): () => string {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'corroborate-hostile-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return () => dir;
}

export interface Extracted {
  readonly articles: readonly { input: string; title: string | null; text: string }[];
  readonly rejections: readonly { input: string; code: string; error: string }[];
  readonly code: number;
}

/** `corroborate extract --format jsonl ...args`, its lines sorted into articles and rejections. */
export async function extract(args: readonly string[], stdin = ''): Promise<Extracted> {
  const run = await runMain(['extract', '--format', 'jsonl', ...args], stdin);
  const records = run.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, string>);
  return {
    articles: records.filter((r) => !('error' in r)) as never,
    rejections: records.filter((r) => 'error' in r) as never,
    code: run.code,
  };
}

/** Control characters a terminal acts on (C0 but tab and newline, DEL, C1), as they occur in `text`. */
export function controlCharacters(text: string): string[] {
  return text.match(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g) ?? [];
}
