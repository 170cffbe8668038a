// Runs CLI commands in-process for tests, with in-memory streams in place of the terminal.
import { PassThrough, Readable } from 'node:stream';
import type { Command, CommandIO } from './command.js';
import { main } from './main.js';

export interface CommandRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** One command's `run`: usage errors throw, as they do before `main` turns them into exit code 2. */
export function runCommand(command: Command, argv: readonly string[], stdin = ''): Promise<CommandRun> {
  return capture((io) => command.run(argv, io), stdin);
}

/** `corroborate ...argv` as the binary runs it: errors become messages and exit codes. */
export function runMain(argv: readonly string[], stdin = ''): Promise<CommandRun> {
  return capture((io) => main(argv, io), stdin);
}

async function capture(run: (io: CommandIO) => Promise<number>, stdin: string): Promise<CommandRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => (out += chunk));
  stderr.on('data', (chunk) => (err += chunk));
  const code = await run({ stdout, stderr, stdin: Readable.from(stdin === '' ? [] : [stdin]), interactive: false });
  return { code, stdout: out, stderr: err };
}
