// Building DOM from data without ever parsing data as HTML: every string becomes a text node or
// an attribute value set through setAttribute; event-handler attributes are refused outright.
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * h('a', { href: '#/x', class: 'y' }, 'text', child) -> element.
 * Children: strings (text nodes), nodes, arrays, null/false (skipped).
 */
export function h(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attributes, children);
}

function build(element, attributes, children) {
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === 'style' || name === 'srcdoc') throw new Error(`refusing attribute ${name}`);
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return parent;
}

export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

/** A link that may point outside: only http(s), never javascript: or data:. */
export function externalLink(url, text) {
  let parsed = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return h('span', {}, text ?? String(url));
  return h('a', { href: parsed.href, rel: 'noopener noreferrer nofollow', target: '_blank' }, text ?? parsed.href);
}

let counter = 0;
/** A unique id for aria-describedby and label pairs. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function formatDate(iso, withTime = true) {
  if (!iso) return 'date unknown';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Midnight UTC exactly is how a bare date comes back from a Date; show it as a date.
  const hasTime = /T\d{2}:\d{2}/.test(iso) && !/T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)$/.test(iso);
  const options = { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' };
  if (hasTime && withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return new Intl.DateTimeFormat('en-GB', options).format(date);
}

export function formatSpan(first, last) {
  if (!first && !last) return 'dates unknown';
  if (!last || first === last) return formatDate(first);
  if (!first) return formatDate(last);
  return `${formatDate(first)} – ${formatDate(last)}`;
}

export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * A list that shows its first `initial` items and a button for the rest, so long lists
 * (findings, quotes) do not bury what follows them. `items` are elements (usually <li>).
 */
export function collapsible(list, items, initial, moreLabel) {
  append(list, [items.slice(0, initial)]);
  if (items.length <= initial) return list;
  const button = h('button', { type: 'button', class: 'secondary show-all', 'aria-expanded': 'false' }, moreLabel(items.length - initial));
  button.addEventListener('click', () => {
    append(list, [items.slice(initial)]);
    button.remove();
    items[initial]?.querySelector('a, button, [tabindex]')?.focus();
  });
  return h('div', { class: 'collapsible' }, list, button);
}
