// Reader-facing wording in the web app, the same rules as the terminal and the report
// (src/dossier/wording.ts, which the browser cannot import): a role said once, articles named as
// the story names them rather than by id or temporary path, quotes marked once.

/** The reason for a role without the role said again in front of it ("Independent: ..."). */
export function roleReason(role, reason) {
  if (!reason) return '';
  if (!new RegExp(`^\\s*${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(reason)) return reason;
  const colon = reason.indexOf(':');
  const rest = (colon >= 0 ? reason.slice(colon + 1) : reason.replace(/^\s*\S+/, '')).trim();
  return rest === '' ? reason : rest;
}

/** A file the server's ingest wrote for pasted text or an upload: `<tmp>/corroborate-ingest-XXXX/[n-]name`. */
const INGEST_FILE = /(?:^|[\\/])corroborate-ingest-[^\\/]+[\\/](?:\d+-)?([^\\/]+)$/;

/** An input as given, except a file the web app's ingest wrote: that as what was pasted or uploaded. */
export function readableInput(input) {
  const ingested = INGEST_FILE.exec(input ?? '');
  if (!ingested) return input;
  return ingested[1] === 'pasted-text.txt' ? 'text pasted in the web app' : `${ingested[1]}, uploaded in the web app`;
}

/** The file name of an input, without folders; an ingest file as what was given. */
export function inputName(input) {
  if (!input) return null;
  const ingested = INGEST_FILE.exec(input);
  if (ingested) return ingested[1] === 'pasted-text.txt' ? 'pasted text' : ingested[1];
  return input.split(/[\\/]/).filter(Boolean).pop() ?? null;
}

/**
 * `text` (a finding, a reason) with the article ids and inputs stages write into it replaced by
 * the articles' names in this story ("A2 · Reuters"); a name already next to its id is not doubled.
 */
export function withArticleNames(text, story, names) {
  let out = text ?? '';
  for (const article of story.articles) {
    const { full, name } = names.of(article.id);
    out = out.replaceAll(`${name} (${article.id})`, full).replaceAll(article.id, full);
    for (const input of new Set([article.input, article.input?.split(/[\\/]/).pop() ?? ''])) {
      if (input && input.length > 3) out = out.replaceAll(input, full);
    }
  }
  return out;
}

const OPENING_QUOTE = /^\s*["“”„«‘'‹]/;

/** Text shown as a quotation: in curly quotes, unless it already opens with a quotation mark. */
export function quoted(text) {
  return OPENING_QUOTE.test(text) ? text : `“${text}”`;
}
