// `corroborate cluster FILE.jsonl`: assigns {id, text, title?, published?, url?} JSON lines to
// stories with the same online engine `analyze` uses, and prints {id, story} per input line.
import type { Command } from '../command.js';
import { parseFlags, writeLine } from '../command.js';
import { STORY_FLAGS, STORY_FLAGS_HELP, storyOptions } from '../options.js';
import { readJsonl } from '../jsonl.js';
import { usageError } from '../../errors.js';
import { StoryIndex, type StoryInput } from '../../stories/index.js';
import { compareByDate } from '../../stories/feed.js';
import { jsonText, oneLine } from '../terminal.js';

const HELP = `Usage: corroborate cluster FILE.jsonl [--format jsonl|tsv] [--window DAYS] [--threshold X]

Groups articles that report the same real-world event into stories and prints, for every
input line in input order, {"id": ..., "story": ...}. A story id is derived from the
article that started the story, so re-running on the same input gives the same ids.

FILE.jsonl holds one JSON object per line: "id" (string or number) and "text" are required;
"title", "published" (ISO 8601) and "url" are used when present. Articles are assigned
oldest first (undated last). Use '-' to read standard input. Bad lines are reported on
stderr with their line number and skipped; an input whose first lines are all bad,
or that holds no record, is refused.

Options:
  --format F                 jsonl (default) or tsv (id<TAB>story)
${STORY_FLAGS_HELP}
  -h, --help                 this help

The first run in a process loads the word vectors (a few seconds).
Exit codes: 0 ok (even when some lines were bad), 1 failure (the input is unreadable, empty,
or not JSON lines: its first lines are all bad), 2 usage error.`;

const INPUT_HINT = 'Give a JSON-lines file of {id, text, title?, published?, url?} objects.';

export const command: Command = {
  name: 'cluster',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { format: { type: 'string' }, ...STORY_FLAGS }, 'cluster');
    if (positionals.length !== 1)
      throw usageError('give exactly one FILE.jsonl (or - for standard input).', "Try 'corroborate cluster articles.jsonl'.");
    const format = values.format ?? 'jsonl';
    if (format !== 'jsonl' && format !== 'tsv') throw usageError(`--format must be jsonl or tsv, not '${format}'.`);
    const index = new StoryIndex(storyOptions(values));

    const records: StoryInput[] = [];
    for await (const record of readJsonl(positionals[0]!, io, { command: 'cluster', record: storyInput, hint: INPUT_HINT }))
      records.push(record);

    // Oldest first, undated last, ties in input order.
    const order = records.map((record, i) => ({ record, i }));
    order.sort((a, b) => compareByDate(a.record.published ?? null, b.record.published ?? null) || a.i - b.i);
    for (const { record } of order) index.add(record);
    index.revisit();

    for (const record of records) {
      const story = index.storyOf(record.id)!;
      await writeLine(io.stdout, format === 'jsonl' ? jsonText({ id: record.id, story }) : `${oneLine(record.id)}\t${oneLine(story)}`);
    }
    return 0;
  },
};

/** The story input of one line's object; a string says why the line is bad. */
function storyInput(fields: Readonly<Record<string, unknown>>): StoryInput | string {
  const { id, text, title, published } = fields;
  if (typeof id !== 'string' && typeof id !== 'number') return 'no "id" (a string or number)';
  if (typeof text !== 'string') return 'no "text" string';
  if (title !== undefined && title !== null && typeof title !== 'string') return '"title" is not a string';
  if (published !== undefined && published !== null && (typeof published !== 'string' || Number.isNaN(Date.parse(published)))) {
    return '"published" is not an ISO 8601 date';
  }
  return {
    id: String(id),
    text,
    title: (title as string | null | undefined) ?? null,
    published: (published as string | null | undefined) ?? null,
  };
}
