// `corroborate quotes`: the direct and reported quotes of each article with their speakers.
import type { Command } from '../command.js';
import { printClaims } from './claims.js';

const HELP = `Usage: corroborate quotes <input>... [--format text|jsonl] [--no-indirect]

Prints the quotes of every article: direct quotes (inside quotation marks) and reported
speech, each with the speaker resolved to a full name ("he", "Putin" -> "Vladimir Putin"),
the speaker's role, the mention the cue attaches to and the cue ("said", "according to").

Inputs are read and cleaned exactly as 'corroborate extract' does; offsets are characters
into the cleaned text that 'corroborate extract --format jsonl' prints as "text".

Options:
  --format FORMAT   text (default, readable) or jsonl: one object per quote with input, text,
                    start, end (the quoted content), direct, speaker, speakerRole,
                    speakerMention, speakerStart, speakerEnd, cue, and parts when the
                    attribution interrupts the quote
  --no-indirect     only direct quotes
  -h, --help        this help

Exit codes: 0 ok (even when some inputs were rejected), 1 no article at all, 2 usage error.`;

export const command: Command = {
  name: 'quotes',
  help: HELP,
  run: (argv, io) => printClaims(argv, io, 'quotes', ['quote']),
};
