// `corroborate extract`: ingest + extraction only; prints each page's metadata and main text.
// Streams in windows so millions of WARC records run in bounded memory, while boilerplate is
// still learned across the pages of each window.
import type { Command, CommandIO } from '../command.js';
import { parseFlags, writeLine } from '../command.js';
import { INPUT_FLAGS, INPUT_FLAGS_HELP, inputOptions } from '../options.js';
import { usageError } from '../../errors.js';
import type { Article, Rejection, SourceDocument } from '../../records.js';
import { readInputs } from '../../ingest/index.js';
import { extractArticles } from '../../extract/index.js';
import { forTerminal, jsonText, oneLine } from '../terminal.js';

const HELP = `Usage: corroborate extract <input>... [--format text|json|jsonl] [--with-comments] [options]

Prints the title, byline, date, outlet, language and main text of every page.

Inputs: files, directories (read recursively), '-' for standard input, http(s) URLs;
HTML (any encoding), plain text, .gz, RSS/Atom feeds, WARC (.warc, .warc.gz) and JSONL
({url?, title?, published?, html? | text?} per line). A page that cannot be read or holds no
article is reported with its reason; the rest of the batch goes on.

Options:
  --format FORMAT            text (default), json (one array) or jsonl (one object per input:
                             input, title, byline, published, updated, outlet, publisher,
                             language, url, canonicalUrl, text -- or input, error, code)
  --with-comments            keep the readers' comments a page prints after the story, after
                             its text (off: the text is the story alone)
${INPUT_FLAGS_HELP}
  -h, --help                 this help

Exit codes: 0 ok (even when some inputs were rejected), 1 no article at all, 2 usage error.`;

/** Pages extracted together: enough pages of one site to learn its boilerplate, bounded memory. */
const WINDOW = 500;

type Format = 'text' | 'json' | 'jsonl';

export const command: Command = {
  name: 'extract',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        format: { type: 'string' },
        'with-comments': { type: 'boolean' },
        ...INPUT_FLAGS,
      },
      'extract',
    );
    const format = (values.format ?? 'text') as Format;
    if (!['text', 'json', 'jsonl'].includes(format)) throw usageError(`--format must be text, json or jsonl, not '${values.format}'.`);
    if (positionals.length === 0) throw usageError('no input given.', "Try 'corroborate extract examples --format jsonl'.");
    const { ingest, extract: extractOptions } = inputOptions(values);
    const extract = { ...extractOptions, withComments: Boolean(values['with-comments']) };

    let articles = 0;
    let rejections = 0;
    let first = true;
    if (format === 'json') io.stdout.write('[');
    const print = async (item: Article | Rejection) => {
      if ('code' in item) rejections++;
      else articles++;
      if (format === 'text') await printText(item, io);
      else {
        const json = jsonText(record(item, format === 'json'));
        if (format === 'jsonl') await writeLine(io.stdout, json);
        else {
          io.stdout.write((first ? '\n' : ',\n') + json);
          first = false;
        }
      }
    };

    let window: (SourceDocument | Rejection)[] = [];
    const flush = async () => {
      const docs = window.filter((item): item is SourceDocument => !('code' in item));
      const extracted = extractArticles(docs, extract);
      let next = 0;
      for (const item of window) await print('code' in item ? item : extracted[next++]!);
      window = [];
    };
    for await (const item of readInputs(positionals, { ...ingest, stdin: io.stdin as AsyncIterable<Uint8Array> })) {
      window.push(item);
      if (window.length >= WINDOW) await flush();
    }
    await flush();
    if (format === 'json') io.stdout.write(first ? ']\n' : '\n]\n');
    if (rejections > 0 && format === 'text') io.stderr.write(`${articles} article(s), ${rejections} rejected\n`);
    return articles === 0 && rejections > 0 ? 1 : 0;
  },
};

function record(item: Article | Rejection, full: boolean): Record<string, unknown> {
  if ('code' in item) return { input: item.input, error: item.reason, code: item.code };
  const base = {
    input: item.input,
    title: item.title,
    byline: item.byline,
    published: item.published,
    updated: item.updated,
    outlet: item.outlet,
    publisher: item.publisher,
    language: item.language,
    url: item.url,
    canonicalUrl: item.canonicalUrl,
    id: item.id,
    text: item.text,
  };
  return full ? { ...base, removed: item.removed } : base;
}

async function printText(item: Article | Rejection, io: CommandIO): Promise<void> {
  if ('code' in item) {
    io.stderr.write(`${oneLine(item.input)}: rejected (${item.code}): ${oneLine(item.reason)}\n`);
    return;
  }
  // Page text is untrusted: no escape sequence reaches the terminal, and no field spans lines.
  const lines = [
    `== ${oneLine(item.input)}`,
    ...(
      [
        ['Title', item.title],
        ['By', item.byline],
        ['Published', item.published],
        ['Outlet', item.outlet],
        ['Publisher', item.publisher],
        ['Language', item.language],
        ['URL', item.canonicalUrl ?? item.url],
      ] as const
    )
      .filter(([, value]) => value)
      .map(([label, value]) => `${label}: ${oneLine(value!)}`),
    '',
    forTerminal(item.text),
    '',
  ];
  await writeLine(io.stdout, lines.join('\n'));
}
