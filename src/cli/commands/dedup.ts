// `corroborate dedup FILE.jsonl`: every near-duplicate pair of {id, text} JSON lines.
// Streams the input (a line at a time, never the whole file as one string), keeps only what
// the engine needs per text, and reports bad lines on stderr with their line numbers.
import type { Command } from '../command.js';
import { numberFlag, parseFlags } from '../command.js';
import { readJsonl } from '../jsonl.js';
import { usageError } from '../../errors.js';
import { NEAR_DUPLICATE_DEFAULTS, NearDuplicateBatch, PairSet } from '../../reuse/index.js';
import { jsonText, oneLine } from '../terminal.js';

const HELP = `Usage: corroborate dedup FILE.jsonl [--threshold 0.5] [--format tsv|jsonl] [--containment 0.8]

Prints every pair of near-duplicate texts: a<TAB>b<TAB>similarity, where similarity is the
Jaccard similarity of the two texts' word shingles (exact, unless --verify sketch).

FILE.jsonl holds one JSON object per line with an "id" (string or number) and a "text".
Use '-' to read standard input. Lines that are not such objects are reported on stderr with
their line number and skipped; an input whose first lines are all bad, or that holds no
record, is refused.

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

Exit codes: 0 ok (even when some lines were bad), 1 failure (the input is unreadable, empty,
or not JSON lines: its first lines are all bad), 2 usage error.`;

/** Output is written in blocks of about this many characters (one write per pair is slow). */
const OUTPUT_BLOCK = 1 << 16;

export const command: Command = {
  name: 'dedup',
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
    if (positionals.length !== 1)
      throw usageError('give exactly one FILE.jsonl (or - for standard input).', "Try 'corroborate dedup articles.jsonl'.");
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
    const input = readJsonl(positionals[0]!, io, {
      command: 'dedup',
      record: idAndText,
      hint: 'Give a JSON-lines file of {id, text} objects.',
    });
    for await (const { id, text } of input) {
      // A TSV field holds no tab, newline or escape sequence; JSON escapes them.
      ids.push(format === 'tsv' ? oneLine(id) : id);
      batch.add(text);
    }

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
      block += format === 'tsv' ? `${ids[i]}\t${ids[j]}\t${s}\n` : `${jsonText({ a: ids[i], b: ids[j], similarity: Number(s) })}\n`;
      if (block.length >= OUTPUT_BLOCK) flush();
    });
    if (containment !== null) {
      batch.containmentPairs(containment, (i, j, similarity, aInB, bInA) => {
        if (!printed!.add(i, j)) return;
        const [s, x, y] = [similarity, aInB, bInA].map((v) => v.toFixed(3));
        block +=
          format === 'tsv'
            ? `${ids[i]}\t${ids[j]}\t${s}\t${x}\t${y}\n`
            : `${jsonText({ a: ids[i], b: ids[j], similarity: Number(s), aInB: Number(x), bInA: Number(y) })}\n`;
        if (block.length >= OUTPUT_BLOCK) flush();
      });
    }
    flush();
    await Promise.all(pending);
    return 0;
  },
};

/** The id and text of one line's object; a string says why the line is bad. */
function idAndText(fields: Readonly<Record<string, unknown>>): { id: string; text: string } | string {
  const { id, text } = fields;
  if (typeof id !== 'string' && typeof id !== 'number') return 'no "id" (a string or number)';
  if (typeof text !== 'string') return 'no "text" string';
  return { id: String(id), text };
}

function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', () => resolve());
  });
}
