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

/**
 * node:util parseArgs with usage errors that say how to fix them, in the CLI's own words (Node's
 * messages name internals and, for an unknown option, leave a quote open). A negative number after
 * a flag that takes a value is that flag's value (`--window -3`), so the flag's own range check
 * answers instead of a message about ambiguous arguments.
 */
export function parseFlags<T extends Options>(argv: readonly string[], options: T, command: string): ParsedFlags<T> {
  const all = { ...options, help: { type: 'boolean', short: 'h' } } as Options;
  try {
    return parseArgs({ args: joinNegativeValues(argv, all), options: all, allowPositionals: true, strict: true }) as ParsedFlags<T>;
  } catch (error) {
    throw usageError(
      flagProblem(error as Error & { code?: string }, Object.keys(all)),
      `Run 'corroborate ${command} --help' for the flags it takes.`,
    );
  }
}

const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (arg === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (arg.startsWith('--') && options[arg.slice(2)]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      args.push(`${arg}=${next}`);
      i++;
    } else args.push(arg);
  }
  return args;
}

/** One sentence for a parseArgs failure; Node's message only where it gives no code we know. */
function flagProblem(error: Error & { code?: string }, known: readonly string[]): string {
  const option = /option '(-{1,2}[^' ]+)/i.exec(error.message)?.[1];
  if (!option) return error.message;
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const guess = nearest(option.replace(/^-+/, '').split('=')[0]!, known);
    return `unknown option '${option}'.${guess ? ` Did you mean --${guess}?` : ''}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `${option} takes no value.`;
    if (/ambiguous/.test(error.message))
      return `${option} needs a value; what follows it looks like another option (write ${option}=VALUE if it is the value).`;
    return `${option} needs a value.`;
  }
  return error.message;
}

/** The known flag a mistyped one most likely meant: a prefix, or at most two letters off. */
function nearest(typed: string, known: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = name.startsWith(typed) && typed.length >= 2 ? 0 : editDistance(typed, name);
    if (distance <= MAX_TYPO_DISTANCE && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** Two slips (a dropped and a swapped letter) still read as the same word; three make another. */
const MAX_TYPO_DISTANCE = 2;

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
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
