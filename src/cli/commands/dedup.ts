// `corroborate dedup FILE.jsonl`: every near-duplicate pair of {id, text} JSON lines.
// Streams the input (a line at a time, never the whole file as one string), keeps only what
// the engine needs per text, and reports bad lines on stderr with their line numbers.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { Command, CommandIO } from '../command.js';
import { numberFlag, parseFlags } from '../command.js';
import { CorroborateError, usageError } from '../../errors.js';
import { NEAR_DUPLICATE_DEFAULTS, NearDuplicateBatch, PairSet } from '../../reuse/index.js';

const HELP = `Usage: corroborate dedup FILE.jsonl [--threshold 0.5] [--format tsv|jsonl] [--containment 0.8]

Prints every pair of near-duplicate texts: a<TAB>b<TAB>similarity, where similarity is the
Jaccard similarity of the two texts' word shingles (exact, unless --verify sketch).

FILE.jsonl holds one JSON object per line with an "id" (string or number) and a "text".
Use '-' to read standard input. Lines that are not such objects are reported on stderr with
their line number and skipped.

Options:
  --threshold X      smallest Jaccard similarity reported, 0 < X < 1 (default ${NEAR_DUPLICATE_DEFAULTS.threshold})
  --format F         tsv (default) or jsonl ({"a", "b", "similarity"} per line)
  --shingle-size N   words per shingle (default ${NEAR_DUPLICATE_DEFAULTS.shingleSize}; 2 or 3 suit headlines)
  --sketch-size N    signature bins, a power of two (default ${NEAR_DUPLICATE_DEFAULTS.sketchSize})
  --verify MODE      exact (default: keeps shingle sets, exact similarities) or sketch
                     (less memory per text, estimated similarities)
  --containment X    also print pairs where one text lies at least X inside the other (a
                     short text quoted whole in a longer one), with two more columns:
                     a<TAB>b<TAB>similarity<TAB>share of a in b<TAB>share of b in a
  -h, --help         this help

Exit codes: 0 ok (even when some lines were bad), 1 failure, 2 usage error.`;

/** Output is written in blocks of about this many characters (one write per pair is slow). */
const OUTPUT_BLOCK = 1 << 16;
/** Most bad lines described one by one on stderr; the rest are only counted. */
const MAX_REPORTED_BAD_LINES = 100;

export const command: Command = {
  name: 'dedup',
  summary: 'Print near-duplicate pairs from {id, text} JSON lines',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        threshold: { type: 'string' },
        format: { type: 'string' },
        'shingle-size': { type: 'string' },
        'sketch-size': { type: 'string' },
        verify: { type: 'string' },
        containment: { type: 'string' },
      },
      'dedup',
    );
    if (positionals.length !== 1) throw usageError('give exactly one FILE.jsonl (or - for standard input).', "Try 'corroborate dedup articles.jsonl'.");
    const format = values.format ?? 'tsv';
    if (format !== 'tsv' && format !== 'jsonl') throw usageError(`--format must be tsv or jsonl, not '${format}'.`);
    const verify = values.verify ?? 'exact';
    if (verify !== 'exact' && verify !== 'sketch') throw usageError(`--verify must be exact or sketch, not '${verify}'.`);
    const batch = new NearDuplicateBatch({
      threshold: numberFlag(values.threshold, 'threshold', NEAR_DUPLICATE_DEFAULTS.threshold, 0.001, 0.999),
      shingleSize: numberFlag(values['shingle-size'], 'shingle-size', NEAR_DUPLICATE_DEFAULTS.shingleSize, 1, 32),
      sketchSize: numberFlag(values['sketch-size'], 'sketch-size', NEAR_DUPLICATE_DEFAULTS.sketchSize, 8, 4096),
      verify,
    });

    const ids: string[] = [];
    let bad = 0;
    for await (const { line, number } of readLines(positionals[0]!, io)) {
      const parsed = parseRecord(line);
      if (typeof parsed === 'string') {
        bad++;
        if (bad <= MAX_REPORTED_BAD_LINES) io.stderr.write(`corroborate dedup: line ${number}: ${parsed}; skipped.\n`);
        continue;
      }
      if (parsed === null) continue; // blank line
      ids.push(parsed.id);
      batch.add(parsed.text);
    }
    if (bad > MAX_REPORTED_BAD_LINES) io.stderr.write(`corroborate dedup: ${bad} bad lines in all (first ${MAX_REPORTED_BAD_LINES} shown).\n`);

    let block = '';
    const pending: Promise<void>[] = [];
    const flush = () => {
      if (block) pending.push(write(io.stdout, block));
      block = '';
    };
    const containment = values.containment === undefined ? null : numberFlag(values.containment, 'containment', 0.8, 0.001, 1);
    if (containment !== null && verify !== 'exact') throw usageError('--containment needs --verify exact.');
    const printed = containment === null ? null : new PairSet(batch.size);
    batch.pairs((i, j, similarity) => {
      const s = similarity.toFixed(3);
      printed?.add(i, j);
      block += format === 'tsv' ? `${ids[i]}\t${ids[j]}\t${s}\n` : `${JSON.stringify({ a: ids[i], b: ids[j], similarity: Number(s) })}\n`;
      if (block.length >= OUTPUT_BLOCK) flush();
    });
    if (containment !== null) {
      batch.containmentPairs(containment, (i, j, similarity, aInB, bInA) => {
        if (!printed!.add(i, j)) return;
        const [s, x, y] = [similarity, aInB, bInA].map((v) => v.toFixed(3));
        block += format === 'tsv'
          ? `${ids[i]}\t${ids[j]}\t${s}\t${x}\t${y}\n`
          : `${JSON.stringify({ a: ids[i], b: ids[j], similarity: Number(s), aInB: Number(x), bInA: Number(y) })}\n`;
        if (block.length >= OUTPUT_BLOCK) flush();
      });
    }
    flush();
    await Promise.all(pending);
    return 0;
  },
};

/** The id and text of one line; a string says why the line is bad; null for a blank line. */
function parseRecord(line: string): { id: string; text: string } | string | null {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const { id, text } = value as { id?: unknown; text?: unknown };
  if (typeof id !== 'string' && typeof id !== 'number') return 'no "id" (a string or number)';
  if (typeof text !== 'string') return 'no "text" string';
  return { id: String(id), text };
}

/** Lines of a file (or stdin for '-'), decoded as UTF-8 across chunk boundaries. */
async function* readLines(path: string, io: CommandIO): AsyncGenerator<{ line: string; number: number }> {
  const stream = path === '-' ? io.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
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
    throw new CorroborateError('input', `cannot read ${path}: ${why}.`, 'Give a JSON-lines file of {id, text} objects.', { cause: error });
  }
  rest += decoder.end();
  if (rest !== '') yield { line: rest, number: ++number };
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}
