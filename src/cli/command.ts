// What every CLI command is: a thin edge that parses flags into a stage's options object,
// calls the library, and writes to the streams it is given (so tests can run it in-process).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usageError } from '../errors.js';

export interface CommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  /** True when stderr is a terminal: progress bars and colour only then. */
  readonly interactive: boolean;
}

export interface Command {
  readonly name: string;
  /** One line for `corroborate --help`. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  /** Returns the exit code: 0 ok, 1 failure. Usage errors throw `usageError`. */
  run(argv: readonly string[], io: CommandIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseFlags returns, named so that the compiled declarations can say it. */
type ParsedFlags<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T & { help: { type: 'boolean'; short: 'h' } }; allowPositionals: true; strict: true }>
>;

/** node:util parseArgs with usage errors that say how to fix them. */
export function parseFlags<T extends Options>(argv: readonly string[], options: T, command: string): ParsedFlags<T> {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw usageError((error as Error).message, `Run 'corroborate ${command} --help' for the flags it takes.`);
  }
}

/** Parses a numeric flag, with a usage error that names the flag and the range. */
export function numberFlag(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) {
    throw usageError(`--${name} must be a number from ${min} to ${max}, not '${value}'.`);
  }
  return n;
}

/** Writes a line and waits for the stream to take it (keeps order with later process exit). */
export function writeLine(stream: NodeJS.WritableStream, line: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${line}\n`)) resolve();
    else stream.once('drain', () => resolve());
  });
}
