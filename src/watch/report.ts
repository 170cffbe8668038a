// What the watcher did, in a line a person reads at a terminal or in a server log. Every text
// that came from a feed (its URL, an error quoting it) goes through oneLine: no escape sequence
// from a feed reaches the terminal.
import { oneLine } from '../cli/terminal.js';
import type { WatchEvent } from './index.js';

/** One line per event, for a person at a terminal; every text from a feed goes through oneLine. */
export function describeEvent(event: WatchEvent): string {
  const at = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  switch (event.type) {
    case 'polled': {
      if (event.outcome === 'unchanged') return `${oneLine(event.feed)}: unchanged; next poll ${at(event.nextPollMs)} UTC`;
      const stories = event.stories.length;
      return (
        `${oneLine(event.feed)}: ${event.newItems} new item${event.newItems === 1 ? '' : 's'}, ` +
        `${event.articles.length} new article${event.articles.length === 1 ? '' : 's'}` +
        `${stories > 0 ? ` in ${stories} stor${stories === 1 ? 'y' : 'ies'}` : ''}; next poll ${at(event.nextPollMs)} UTC`
      );
    }
    case 'failed':
      return `${oneLine(event.feed)}: failed (${event.failures} in a row): ${oneLine(event.reason)}; next try ${at(event.nextPollMs)} UTC`;
    case 'item-failed':
      return `  ${oneLine(event.url)}: ${oneLine(event.reason)}${event.retried ? ' (tried again at the next poll)' : ''}`;
    case 'discovered':
      return `${oneLine(event.site)}: following the feed${event.feeds.length === 1 ? '' : 's'} it names: ${event.feeds.map(oneLine).join(', ')}`;
    case 'error':
      return `The database could not be read (${oneLine(event.reason)}); trying again.`;
  }
}
