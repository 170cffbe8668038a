// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one entry per item, with its link, title, date, author
// and the fullest content the feed carries.
import { parseDocument } from 'htmlparser2';
import type { AnyNode, Element } from 'domhandler';

export interface FeedEntry {
  readonly link: string | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly author: string | null;
  /** Full content (`content:encoded`, Atom `content`), as HTML. */
  readonly content: string | null;
  /** The short description or summary, as HTML. */
  readonly summary: string | null;
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function children(node: Element, name?: string): Element[] {
  return node.children.filter(isElement).filter((child) => name === undefined || child.name.toLowerCase() === name);
}

function textOf(node: AnyNode): string {
  if (node.type === 'text' || node.type === 'cdata') {
    if (node.type === 'cdata') return node.children.map(textOf).join('');
    return (node as unknown as { data: string }).data;
  }
  if ('children' in node) return (node.children as AnyNode[]).map(textOf).join('');
  return '';
}

function childText(node: Element, ...names: string[]): string | null {
  for (const name of names) {
    const child = children(node, name)[0];
    if (!child) continue;
    // Atom `type="xhtml"` content is markup, not text.
    const text = child.attribs['type'] === 'xhtml' ? innerXml(child) : textOf(child).trim();
    if (text) return text;
  }
  return null;
}

function innerXml(node: Element): string {
  return node.children.map((child) => (isElement(child) ? `<${child.name}>${innerXml(child)}</${child.name}>` : textOf(child))).join('');
}

function findAll(node: AnyNode, name: string, out: Element[] = []): Element[] {
  if (isElement(node) && node.name.toLowerCase() === name) {
    out.push(node);
    return out;
  }
  if ('children' in node) for (const child of node.children as AnyNode[]) findAll(child, name, out);
  return out;
}

/** Parses a feed document; returns null when it is not RSS or Atom. */
export function parseFeed(xml: string): FeedEntry[] | null {
  const document = parseDocument(xml, { xmlMode: true, recognizeCDATA: true, decodeEntities: true });
  const root = document.children.find(isElement);
  if (!root) return null;
  const rootName = root.name.toLowerCase();
  if (rootName === 'feed') {
    return findAll(root, 'entry').map((entry) => {
      const links = children(entry, 'link');
      const alternate = links.find((l) => (l.attribs['rel'] ?? 'alternate') === 'alternate') ?? links[0];
      const author = children(entry, 'author')[0];
      return {
        link: alternate?.attribs['href'] ?? null,
        title: childText(entry, 'title'),
        published: childText(entry, 'published', 'updated', 'issued'),
        author: author ? childText(author, 'name') : null,
        content: childText(entry, 'content'),
        summary: childText(entry, 'summary'),
      };
    });
  }
  if (rootName === 'rss' || rootName === 'rdf:rdf') {
    return findAll(root, 'item').map((item) => ({
      link: childText(item, 'link', 'guid'),
      title: childText(item, 'title'),
      published: childText(item, 'pubdate', 'dc:date', 'published'),
      author: childText(item, 'dc:creator', 'author'),
      content: childText(item, 'content:encoded'),
      summary: childText(item, 'description'),
    }));
  }
  return null;
}
