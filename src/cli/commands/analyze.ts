// `corroborate analyze`: every stage over the inputs; writes DIR/stories.json and DIR/index.html
// and prints a short summary an editor can read in the terminal.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import type { Command } from '../command.js';
import { numberFlag, parseFlags } from '../command.js';
import { INPUT_FLAGS, INPUT_FLAGS_HELP, inputOptions, STORY_FLAGS, STORY_FLAGS_HELP, storyOptions } from '../options.js';
import { usageError } from '../../errors.js';
import { analyzeStream, type RunResult } from '../../pipeline/analyze.js';
import { DERIVATION_DEFAULTS } from '../../derivation/index.js';
import { compareStories } from '../../stories/feed.js';
import { defaultThreads } from '../../pipeline/workers.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import type { Article, Rejection } from '../../records.js';
import type { Dossier, DossierStory } from '../../dossier/types.js';
import { DOSSIER_VERSION } from '../../dossier/types.js';
import { renderReport } from '../../dossier/report.js';
import { formatSummary } from '../summary.js';
import { inputBytes, progressLine } from '../progress.js';
import { jsonText, oneLine } from '../terminal.js';

/** Stories kept in memory for the terminal summary and the HTML report; a larger run streams stories.json from the store. */
const REPORT_STORIES = 200;

const HELP = `Usage: corroborate analyze <input>... [--out DIR] [--db PATH] [options]

Runs every stage over the inputs and writes the story dossier.

Inputs: files, directories (read recursively), '-' for standard input, and http(s) URLs;
plain text, HTML, .gz, RSS/Atom feeds, WARC and JSONL. Input that cannot be read is
rejected with a reason and the rest of the batch goes on.

Options:
  --out DIR                  where to write stories.json and index.html (default: ./out)
  --db PATH                  SQLite file or postgres:// URL (default: ./corroborate.db)
  --threads N                worker threads for extraction and story analysis (default: one per
                             core, here ${defaultThreads()}; 0: none)
${INPUT_FLAGS_HELP}
${STORY_FLAGS_HELP}
  --derivation METHOD        how copies are found: both (default: the fitted pair model's
                             links, and a retelling of 6+ sentences in order where it makes
                             none), model (the model alone) or rules; docs/derivation.md
  -h, --help                 this help

The database keeps the stories: a later run adds its articles to them. Runs writing the same
database take turns at placing articles in stories, and analyze stories side by side. Input of any
size is read in chunks (constant memory); past ${REPORT_STORIES} stories, index.html shows the ${REPORT_STORIES} largest.

Exit codes: 0 ok (even when some inputs were rejected), 1 failure, 2 usage error.`;

export const command: Command = {
  name: 'analyze',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseFlags(
      argv,
      {
        out: { type: 'string' },
        db: { type: 'string' },
        threads: { type: 'string' },
        derivation: { type: 'string' },
        ...INPUT_FLAGS,
        ...STORY_FLAGS,
      },
      'analyze',
    );
    const method = values.derivation ?? DERIVATION_DEFAULTS.method;
    if (method !== 'rules' && method !== 'model' && method !== 'both')
      throw usageError(`--derivation must be rules, model or both, not '${method}'.`);
    if (positionals.length === 0) throw usageError('no input given.', "Try 'corroborate analyze examples'.");
    const { ingest, extract } = inputOptions(values);
    const stories = storyOptions(values);
    const threads = numberFlag(values.threads, 'threads', defaultThreads(), 0, 256);
    if (!Number.isInteger(threads)) throw usageError(`--threads must be a whole number, not '${values.threads}'.`);
    const outDir = resolve(values.out ?? 'out');
    const store = await openStore(values.db ?? 'corroborate.db');
    try {
      const progress = progressLine(io, inputBytes(positionals));
      const kept = new Map<string, DossierStory>();
      const touched = new Set<string>();
      const articles = new Map<string, Article>();
      const rejections: Rejection[] = [];
      const inserted: string[] = [];
      for await (const batch of analyzeStream(positionals, store, {
        ingest,
        extract,
        stories,
        derivation: { method },
        threads,
        onProgress: progress.update,
        onNotice: (message) => io.stderr.write(`${oneLine(message)}\n`),
        lease: {
          onWait: (holder) =>
            io.stderr.write(`Another analysis (${oneLine(holder)}) is writing to this database; waiting for it to finish.\n`),
        },
      })) {
        for (const drop of batch.retired.keys()) {
          kept.delete(drop);
          touched.delete(drop);
        }
        for (const story of batch.stories) {
          touched.add(story.id);
          if (touched.size <= REPORT_STORIES) kept.set(story.id, story);
        }
        if (touched.size > REPORT_STORIES) kept.clear();
        // Articles are counted, not kept, once a run is past what a summary lists.
        for (const article of batch.articles) if (articles.size <= REPORT_STORIES) articles.set(article.id, article);
        rejections.push(...batch.rejections);
        inserted.push(...batch.inserted);
      }
      progress.done();
      await mkdir(outDir, { recursive: true });
      const generatedAt = new Date().toISOString();
      const ordered = (list: DossierStory[]) =>
        list.sort((a, b) => compareStories({ ...a, size: a.articles.length }, { ...b, size: b.articles.length }));
      if (touched.size <= REPORT_STORIES) {
        const dossier: Dossier = {
          version: DOSSIER_VERSION,
          generatedAt,
          stories: ordered([...kept.values()]),
          rejections: rejections.map(rejectionEntry),
        };
        await writeFile(join(outDir, 'stories.json'), `${jsonText(dossier, 2)}\n`);
        await writeFile(join(outDir, 'index.html'), renderReport(dossier));
        const result: RunResult = { dossier, articles: [...articles.values()], rejections, inserted };
        io.stdout.write(`${formatSummary(result, { outDir })}\n`);
        return articles.size === 0 && rejections.length > 0 ? 1 : 0;
      }
      const largest = await writeStreamedDossier(store, [...touched], rejections, join(outDir, 'stories.json'), generatedAt);
      await writeFile(
        join(outDir, 'index.html'),
        renderReport({ version: DOSSIER_VERSION, generatedAt, stories: ordered(largest), rejections: rejections.map(rejectionEntry) }),
      );
      io.stdout.write(
        `${inserted.length.toLocaleString('en')} new articles, ${rejections.length.toLocaleString('en')} inputs rejected, ` +
          `${touched.size.toLocaleString('en')} stories.\nWrote ${outDir}/stories.json (every story) and ${outDir}/index.html (the ${REPORT_STORIES} largest)\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  },
};

function rejectionEntry({ input, code, reason }: Rejection) {
  return { input, code, reason };
}

/**
 * stories.json written story by story from the store (each read once, as stored now), so a run
 * of any size needs no more memory than its largest story. Returns the largest stories, for the report.
 */
async function writeStreamedDossier(
  store: Store,
  ids: readonly string[],
  rejections: readonly Rejection[],
  path: string,
  generatedAt: string,
): Promise<DossierStory[]> {
  const out = createWriteStream(path);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const largest: DossierStory[] = [];
  const seen = new Set<string>();
  await write(`{\n  "version": ${DOSSIER_VERSION},\n  "generatedAt": ${JSON.stringify(generatedAt)},\n  "stories": [`);
  for (const id of ids) {
    const story = await store.getStory(id);
    if (!story || seen.has(story.id)) continue;
    await write(`${seen.size === 0 ? '' : ','}\n    ${jsonText(story)}`);
    seen.add(story.id);
    largest.push(story);
    if (largest.length > REPORT_STORIES) {
      largest.sort((a, b) => b.articles.length - a.articles.length);
      largest.pop();
    }
  }
  await write(`\n  ],\n  "rejections": ${jsonText(rejections.map(rejectionEntry))}\n}\n`);
  out.end();
  await once(out, 'finish');
  return largest;
}
