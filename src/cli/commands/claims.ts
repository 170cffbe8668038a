// `corroborate claims`: every claim (quotes, quantities, statements) of each article, with offsets
// into the article text that `corroborate extract` prints. `corroborate quotes` is the same edge
// restricted to quotes (see quotes.ts).
import type { Command, CommandIO } from '../command.js';
import { parseFlags, writeLine } from '../command.js';
import { usageError } from '../../errors.js';
import type { ClaimKind, ClaimMention, Rejection, SourceDocument } from '../../records.js';
import { readInputs } from '../../ingest/index.js';
import { extractArticles } from '../../extract/index.js';
import { splitSentences } from '../../sentences/index.js';
import { extractClaims } from '../../claims/index.js';
import { jsonText, oneLine } from '../terminal.js';

const HELP = `Usage: corroborate claims <input>... [--format text|jsonl] [--no-indirect]

Prints every claim of every article: direct and reported quotes with their speakers,
quantities (value, unit, qualifier, what is measured) and the other factual statements.

Inputs are read and cleaned exactly as 'corroborate extract' does; offsets are characters
into the cleaned text that 'corroborate extract --format jsonl' prints as "text".

Options:
  --format FORMAT   text (default, readable) or jsonl: one object per claim with input, kind,
                    text, start, end, and for quotes direct, speaker, speakerRole,
                    speakerStart, speakerEnd, cue; for quantities value, unit, qualifier,
                    measure, per
  --no-indirect     leave out reported (indirect) speech
  -h, --help        this help

Exit codes: 0 ok (even when some inputs were rejected), 1 no article at all, 2 usage error.`;

export const command: Command = {
  name: 'claims',
  help: HELP,
  run: (argv, io) => printClaims(argv, io, 'claims', ['quote', 'quantity', 'statement']),
};

type Format = 'text' | 'jsonl';

/** Reads, extracts and prints the claims of `kinds`; shared by `claims` and `quotes`. */
export async function printClaims(argv: readonly string[], io: CommandIO, name: string, kinds: readonly ClaimKind[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { format: { type: 'string' }, 'no-indirect': { type: 'boolean' } }, name);
  const format = (values.format ?? 'text') as Format;
  if (format !== 'text' && format !== 'jsonl') throw usageError(`--format must be text or jsonl, not '${values.format}'.`);
  if (positionals.length === 0) throw usageError('no input given.', `Try 'corroborate ${name} examples --format jsonl'.`);

  const documents: SourceDocument[] = [];
  const rejections: Rejection[] = [];
  for await (const item of readInputs(positionals, { stdin: io.stdin as AsyncIterable<Uint8Array> })) {
    if ('code' in item) rejections.push(item);
    else documents.push(item);
  }
  let articles = 0;
  for (const item of [...rejections, ...extractArticles(documents)]) {
    if ('code' in item) {
      if (format === 'jsonl') await writeLine(io.stdout, jsonText({ input: item.input, error: item.reason, code: item.code }));
      else io.stderr.write(`${oneLine(item.input)}: rejected (${item.code}): ${oneLine(item.reason)}\n`);
      continue;
    }
    articles += 1;
    const claims = extractClaims({ article: item, sentences: splitSentences(item.text) }, { kinds, indirect: !values['no-indirect'] });
    if (format === 'text') await writeLine(io.stdout, `== ${oneLine(item.input)}`);
    for (const claim of claims) {
      if (format === 'jsonl') await writeLine(io.stdout, jsonText(record(item.input, claim)));
      // A claim's text and speaker are the page's: one line, no escape sequence.
      else await writeLine(io.stdout, oneLine(describe(claim)));
    }
    if (format === 'text') await writeLine(io.stdout, '');
  }
  return articles === 0 && rejections.length > 0 ? 1 : 0;
}

function record(input: string, claim: ClaimMention): Record<string, unknown> {
  const base = { input, kind: claim.kind, text: claim.text, start: claim.start, end: claim.end };
  if (claim.quote) {
    const q = claim.quote;
    return {
      ...base,
      direct: q.direct,
      speaker: q.speaker,
      speakerRole: q.speakerRole,
      speakerMention: q.speakerMention,
      speakerStart: q.speakerStart,
      speakerEnd: q.speakerEnd,
      cue: q.cue,
      ...(q.parts ? { parts: q.parts } : {}),
    };
  }
  if (claim.quantity) {
    const { value, unit, qualifier, measure, per } = claim.quantity;
    return { ...base, value, unit, qualifier, measure, per };
  }
  return base;
}

function describe(claim: ClaimMention): string {
  const at = `[${claim.start}-${claim.end}]`;
  if (claim.quote) {
    const q = claim.quote;
    const who = q.speaker ? `${q.speaker}${q.speakerRole ? ` (${q.speakerRole})` : ''}` : 'unknown speaker';
    const how = q.direct ? `“${claim.text}”` : `(reported) ${claim.text}`;
    return `quote ${at} ${who}${q.cue ? ` ${q.cue}` : ''}: ${how}`;
  }
  if (claim.quantity) {
    const q = claim.quantity;
    const qualifier = q.qualifier === 'exact' ? '' : `${q.qualifier} `;
    const value = `${qualifier}${q.value.toLocaleString('en-US')}${q.unit ? ` ${q.unit}` : ''}${q.per ? ` per ${q.per}` : ''}`;
    return `quantity ${at} ${value}${q.measure ? ` — ${q.measure}` : ''} («${claim.text}»)`;
  }
  return `statement ${at} ${claim.text}`;
}
