// The `corroborate` command: dispatches to one command module, loaded lazily so that
// `corroborate dedup` does not pay for the NLP model that `claims` loads.
import { readFileSync } from 'node:fs';
import { CorroborateError } from '../errors.js';
import type { Command, CommandIO } from './command.js';
import { forTerminal } from './terminal.js';

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  analyze: { summary: 'Run every stage and write the story dossier and HTML report', load: () => import('./commands/analyze.js') },
  extract: { summary: 'Print the title, byline, date, outlet and main text of pages', load: () => import('./commands/extract.js') },
  dedup: { summary: 'Print near-duplicate pairs from {id, text} JSON lines', load: () => import('./commands/dedup.js') },
  cluster: { summary: 'Assign {id, text, title?, published?} JSON lines to stories', load: () => import('./commands/cluster.js') },
  quotes: { summary: 'Print the direct and indirect quotes of articles with their speakers', load: () => import('./commands/quotes.js') },
  claims: { summary: 'Print every claim (quotes, quantities, statements) of articles', load: () => import('./commands/claims.js') },
  serve: { summary: 'Serve the web app and JSON API over a database', load: () => import('./commands/serve.js') },
  worker: { summary: 'Run the ingest jobs queued in a database', load: () => import('./commands/worker.js') },
  watch: { summary: 'Follow feeds and sites, adding each new article to the stories', load: () => import('./commands/watch.js') },
};

const USAGE = `corroborate: reads the news the way a careful editor would.

Usage: corroborate <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(9)} ${c.summary}`)
  .join('\n')}

Run 'corroborate <command> --help' for a command's options, 'corroborate --version' for the version.
Exit codes: 0 ok, 1 failure, 2 usage error.`;

export async function main(argv: readonly string[], io: CommandIO = processIO()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    io.stdout.write(`corroborate ${packageVersion()}\n`);
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`corroborate: unknown command '${name}'.\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(`${command.help.trimEnd()}\n`);
      return 0;
    }
    // The first run on a machine repacks the word vectors (10-50 s): say so while it happens.
    const [{ onWordVectorRepack }, { repackProgressLine }] = await Promise.all([
      import('../semantics/vectors.js'),
      import('./vector-progress.js'),
    ]);
    const stopProgress = onWordVectorRepack(repackProgressLine(io));
    try {
      return await command.run(rest, io);
    } finally {
      stopProgress();
    }
  } catch (error) {
    if (error instanceof CorroborateError) {
      // Messages may quote an input (a bad line, a file name): no escape sequence gets through.
      io.stderr.write(`corroborate ${name}: ${forTerminal(error.message)}\n`);
      if (error.hint) io.stderr.write(`  ${error.hint}\n`);
      return error.exitCode;
    }
    io.stderr.write(`corroborate ${name}: unexpected error: ${forTerminal((error as Error)?.stack ?? String(error))}\n`);
    return 1;
  }
}

function processIO(): CommandIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, interactive: Boolean(process.stderr.isTTY) };
}

/** The version in package.json, two folders up from both src/cli/ and the compiled dist/cli/. */
function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? 'unknown';
}
