// JSON-lines input for the commands that take FILE.jsonl (or '-' for standard input): streamed a
// line at a time (never the whole file as one string), one object per line. A bad line is reported
// on stderr with the file and line number and skipped; an unreadable file, one that is not JSON
// lines at all (a README given by mistake) and one with no record in it are input errors.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { CommandIO } from './command.js';
import { CorroborateError } from '../errors.js';
import { oneLine } from './terminal.js';

/** Most bad lines described one by one on stderr; the rest are only counted. */
export const MAX_REPORTED_BAD_LINES = 100;
/**
 * A file whose first this-many non-blank lines are all bad is not JSON lines (a Markdown or CSV
 * file given by mistake): one error, not a screenful of line errors. Same bar as ingest's.
 */
export const GIVE_UP_AFTER_BAD_LINES = 5;
/** Bytes read at a time: large enough that big files stream quickly. */
const READ_CHUNK = 1 << 20;

export interface JsonlOptions<T extends object> {
  /** The command reading, to prefix its stderr reports (`corroborate <command>: ...`). */
  readonly command: string;
  /** The record of one parsed line's object, or a string saying why the line is bad. */
  readonly record: (fields: Readonly<Record<string, unknown>>) => T | string;
  /** How to fix an unreadable input, e.g. what the file should hold. */
  readonly hint: string;
}

/**
 * The records of a JSON-lines input, in order. Blank lines are passed over; a line that is not a
 * JSON object, or that `record` refuses, is reported as `<file>, line <n>: <why>; skipped.`
 */
export async function* readJsonl<T extends object>(path: string, io: CommandIO, options: JsonlOptions<T>): AsyncGenerator<T> {
  const name = path === '-' ? 'standard input' : path;
  let bad = 0;
  let good = 0;
  // Bad lines before the first record are held back until the input shows it is JSON lines.
  const held: string[] = [];
  const report = (problem: string) => {
    if (bad <= MAX_REPORTED_BAD_LINES) io.stderr.write(`corroborate ${options.command}: ${name}, ${problem}; skipped.\n`);
  };
  for await (const { line, number } of readLines(path, io, options.hint)) {
    const parsed = parseLine(line, options.record);
    if (parsed === null) continue;
    if (typeof parsed === 'string') {
      bad++;
      if (good > 0) report(`line ${number}: ${oneLine(parsed)}`);
      else if (held.push(`line ${number}: ${oneLine(parsed)}`) === GIVE_UP_AFTER_BAD_LINES) {
        throw new CorroborateError(
          'input',
          `${name} is not JSON lines: none of its first ${GIVE_UP_AFTER_BAD_LINES} lines is a record (${held[0]}).`,
          options.hint,
        );
      }
      continue;
    }
    if (good++ === 0) for (const problem of held) report(problem);
    yield parsed;
  }
  if (good === 0) {
    throw new CorroborateError(
      'input',
      bad === 0 ? `${name} is empty: it has no JSON lines.` : `${name} has no usable line (${held[0]}).`,
      options.hint,
    );
  }
  if (bad > MAX_REPORTED_BAD_LINES) {
    io.stderr.write(`corroborate ${options.command}: ${bad} bad lines in all (first ${MAX_REPORTED_BAD_LINES} shown).\n`);
  }
}

/** The record of one line; a string says why the line is bad; null for a blank line. */
function parseLine<T extends object>(line: string, record: JsonlOptions<T>['record']): T | string | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  return record(value as Record<string, unknown>);
}

/** Lines of a file (or stdin for '-'), decoded as UTF-8 across chunk boundaries (a CRLF's CR is JSON whitespace). */
async function* readLines(path: string, io: CommandIO, hint: string): AsyncGenerator<{ line: string; number: number }> {
  const stream = path === '-' ? io.stdin : createReadStream(path, { highWaterMark: READ_CHUNK });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let number = 0;
  try {
    for await (const chunk of stream) {
      const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        yield { line: text.slice(from, nl), number: ++number };
        from = nl + 1;
      }
      rest = text.slice(from);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new CorroborateError('input', `cannot read ${path}: ${why}.`, hint, { cause: error });
  }
  rest += decoder.end();
  if (rest !== '') yield { line: rest, number: ++number };
}
