// Flag groups that several commands take, each mapped onto the stage options object the library
// takes (ingest, extraction, stories), so `extract`, `cluster` and `analyze` read them alike.
import { numberFlag } from './command.js';
import { INGEST_DEFAULTS, type IngestOptions } from '../ingest/index.js';
import type { ExtractOptions } from '../extract/index.js';
import { STORY_DEFAULTS, type StoryOptions } from '../stories/index.js';

/** Longest window accepted: beyond a year, "the same event" stops meaning anything. */
const MAX_WINDOW_DAYS = 366;
/** Longest URL timeout accepted, in seconds: past ten minutes a server is not answering. */
const MAX_TIMEOUT_SECONDS = 600;
const DEFAULT_TIMEOUT_SECONDS = 15;
const MB = 1024 * 1024;
/** Largest size cap accepted, in MB: past 64 GB a cap no longer protects anything. */
const MAX_CAP_MB = 65_536;

export const INPUT_FLAGS = {
  'allow-private-network': { type: 'boolean' },
  'fetch-feed-links': { type: 'boolean' },
  timeout: { type: 'string' },
  'max-document-mb': { type: 'string' },
  'max-input-mb': { type: 'string' },
  'no-boilerplate': { type: 'boolean' },
} as const;

export const INPUT_FLAGS_HELP = `  --allow-private-network    let URL inputs reach loopback and private addresses
  --fetch-feed-links         fetch the page of a feed item that carries only a summary
  --timeout SECONDS          give up on a URL after this long (default ${DEFAULT_TIMEOUT_SECONDS})
  --max-document-mb N        refuse a page, feed item, WARC record or JSON line over N MB
                             (default ${INGEST_DEFAULTS.maxDocumentBytes / MB})
  --max-input-mb N           stop reading a file or standard input after N MB, counted after
                             decompression (default ${INGEST_DEFAULTS.maxInputBytes / MB})
  --no-boilerplate           do not learn site boilerplate from the batch`;

interface InputFlagValues {
  readonly 'allow-private-network'?: boolean;
  readonly 'fetch-feed-links'?: boolean;
  readonly timeout?: string;
  readonly 'max-document-mb'?: string;
  readonly 'max-input-mb'?: string;
  readonly 'no-boilerplate'?: boolean;
}

export function inputOptions(values: InputFlagValues): { ingest: Partial<IngestOptions>; extract: Partial<ExtractOptions> } {
  return {
    ingest: {
      allowPrivateNetwork: Boolean(values['allow-private-network']),
      fetchFeedLinks: Boolean(values['fetch-feed-links']),
      timeoutMs: numberFlag(values.timeout, 'timeout', DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS) * 1000,
      maxDocumentBytes: megabytes(values['max-document-mb'], 'max-document-mb', INGEST_DEFAULTS.maxDocumentBytes),
      maxInputBytes: megabytes(values['max-input-mb'], 'max-input-mb', INGEST_DEFAULTS.maxInputBytes),
    },
    extract: { learnBoilerplate: !values['no-boilerplate'] },
  };
}

/** A size flag in MB (fractions allowed), as bytes. */
function megabytes(value: string | undefined, name: string, fallback: number): number {
  return Math.round(numberFlag(value, name, fallback / MB, 0.001, MAX_CAP_MB) * MB);
}

export const STORY_FLAGS = {
  window: { type: 'string' },
  threshold: { type: 'string' },
} as const;

export const STORY_FLAGS_HELP = `  --window DAYS              articles further than this from a story's first or last article
                             never join it (default ${STORY_DEFAULTS.windowDays}); dated articles only
  --threshold X              probability that an article reports a story's event needed to
                             join it, 0 < X < 1 (default ${STORY_DEFAULTS.threshold})`;

export function storyOptions(values: {
  readonly window?: string;
  readonly threshold?: string;
}): Pick<StoryOptions, 'windowDays' | 'threshold'> {
  return {
    windowDays: numberFlag(values.window, 'window', STORY_DEFAULTS.windowDays, 0, MAX_WINDOW_DAYS),
    threshold: numberFlag(values.threshold, 'threshold', STORY_DEFAULTS.threshold, 0.001, 0.999),
  };
}
