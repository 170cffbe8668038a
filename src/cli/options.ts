// Flag groups that several commands take, each mapped onto the stage options object the library
// takes (ingest, extraction, stories), so `extract`, `cluster` and `analyze` read them alike.
import { numberFlag } from './command.js';
import type { IngestOptions } from '../ingest/index.js';
import type { ExtractOptions } from '../extract/index.js';
import { DEFAULT_STORY_OPTIONS, type StoryOptions } from '../stories/index.js';

/** Longest window accepted: beyond a year, "the same event" stops meaning anything. */
const MAX_WINDOW_DAYS = 366;
/** Longest URL timeout accepted, in seconds: past ten minutes a server is not answering. */
const MAX_TIMEOUT_SECONDS = 600;
const DEFAULT_TIMEOUT_SECONDS = 15;

export const INPUT_FLAGS = {
  'allow-private-network': { type: 'boolean' },
  'fetch-feed-links': { type: 'boolean' },
  timeout: { type: 'string' },
  'no-boilerplate': { type: 'boolean' },
} as const;

export const INPUT_FLAGS_HELP = `  --allow-private-network    let URL inputs reach loopback and private addresses
  --fetch-feed-links         fetch the page of a feed item that carries only a summary
  --timeout SECONDS          give up on a URL after this long (default ${DEFAULT_TIMEOUT_SECONDS})
  --no-boilerplate           do not learn site boilerplate from the batch`;

interface InputFlagValues {
  readonly 'allow-private-network'?: boolean;
  readonly 'fetch-feed-links'?: boolean;
  readonly timeout?: string;
  readonly 'no-boilerplate'?: boolean;
}

export function inputOptions(values: InputFlagValues): { ingest: Partial<IngestOptions>; extract: Partial<ExtractOptions> } {
  return {
    ingest: {
      allowPrivateNetwork: Boolean(values['allow-private-network']),
      fetchFeedLinks: Boolean(values['fetch-feed-links']),
      timeoutMs: numberFlag(values.timeout, 'timeout', DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS) * 1000,
    },
    extract: { learnBoilerplate: !values['no-boilerplate'] },
  };
}

export const STORY_FLAGS = {
  window: { type: 'string' },
  threshold: { type: 'string' },
} as const;

export const STORY_FLAGS_HELP = `  --window DAYS              articles further than this from a story's first or last article
                             never join it (default ${DEFAULT_STORY_OPTIONS.windowDays}); dated articles only
  --threshold X              probability that an article reports a story's event needed to
                             join it, 0 < X < 1 (default ${DEFAULT_STORY_OPTIONS.threshold})`;

export function storyOptions(values: {
  readonly window?: string;
  readonly threshold?: string;
}): Pick<StoryOptions, 'windowDays' | 'threshold'> {
  return {
    windowDays: numberFlag(values.window, 'window', DEFAULT_STORY_OPTIONS.windowDays, 0, MAX_WINDOW_DAYS),
    threshold: numberFlag(values.threshold, 'threshold', DEFAULT_STORY_OPTIONS.threshold, 0.001, 0.999),
  };
}
