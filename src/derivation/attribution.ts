// Attribution cues: how an article credits where its text came from.
//  - `dateline`: the wire's own dateline credit, "MOSCOW (Reuters) -": this text is that wire's copy;
//  - `credit`: a wire credit line, "Reuters - Reuters", "Reporting by ...", "(AP Photo)" excluded;
//  - `citation`: the article cites another outlet, "according to Reuters", "told AP", "Reuters reported".
// A dateline says "I am the wire's text"; a citation says "I took this from them".

export type AttributionKind = 'dateline' | 'credit' | 'citation';

export interface Attribution {
  readonly kind: AttributionKind;
  /** The organisation credited, as canonical name ("Reuters", "Associated Press"). */
  readonly outlet: string;
  /** The cue as written ("(Reuters)", "told AP"). */
  readonly cue: string;
  readonly start: number;
}

/** News agencies and their usual spellings: citing one of them means taking wire copy. */
const AGENCIES: readonly [canonical: string, pattern: string][] = [
  ['Reuters', 'Reuters|Thomson Reuters'],
  ['Associated Press', 'Associated Press|AP'],
  ['AFP', 'AFP|Agence France-Presse|Agence France Presse'],
  ['Bloomberg', 'Bloomberg(?: News)?'],
  ['dpa', 'dpa|DPA|Deutsche Presse-Agentur'],
  ['Xinhua', 'Xinhua'],
  ['TASS', 'TASS|Tass'],
  ['RIA Novosti', 'RIA Novosti|RIA'],
  ['Interfax', 'Interfax'],
  ['PTI', 'PTI|Press Trust of India'],
  ['ANI', 'ANI'],
  ['UPI', 'UPI|United Press International'],
  ['EFE', 'EFE'],
  ['ANSA', 'ANSA'],
  ['Kyodo', 'Kyodo(?: News)?'],
  ['Yonhap', 'Yonhap'],
  ['Anadolu', 'Anadolu(?: Agency)?'],
  ['CNA', 'CNA'],
  // The UK's agency, whose copy British papers rewrite ("told PA", "(PA) -").
  ['PA', 'PA Media|Press Association|PA'],
];

const AGENCY = AGENCIES.map(([, p]) => p).join('|');

/** "MOSCOW (Reuters) -", "WASHINGTON, Feb 24 (AP) —": a dateline credit at the start of a paragraph. */
const DATELINE = new RegExp(String.raw`(?:^|\n)[^\n]{0,60}?\((${AGENCY})\)\s*[-–—]`, 'g');
/**
 * Any outlet's dateline, "SAN JOSE (TechWire) -", "(Daily Ledger) —": an upper-case place or
 * nothing before it, so "Putin (Russia) -" in running text is not one.
 */
const OUTLET_DATELINE = /(?:^|\n)(?:[A-Z][A-Z.'’ -]{1,40}(?:,[^\n(]{1,20})?\s)?\(([A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4})\)\s*[-–—]/g;
/** "Reuters - Reuters" bylines of aggregators, "Reporting by X; Editing by Y" wire footers. */
const CREDIT = new RegExp(String.raw`\b(${AGENCY})\s+[-–—]\s+(${AGENCY})\b|\((${AGENCY})\)\s*$`, 'gm');
/** A named organisation: capitalised words, e.g. "Al Jazeera", "The Wall Street Journal", "CNN". */
const NAME = String.raw`(?:[Tt]he\s+)?((?:${AGENCY})\b|(?:[A-Z][\w&'.-]*)(?:\s+(?:[A-Z][\w&'.-]*|of|de|al)){0,4})`;
/**
 * Each citation pattern, with a word its every match holds: the patterns that open with a name try
 * every capitalised word of the text (up to five words each), half a second of CPU over 772 ECB+
 * articles, though few texts say "reported" or "contributed" at all. `publisher`: a reprint line,
 * which names the text's publisher whatever its name looks like ("originally published by
 * ProPublica"); the other patterns cite only names that read as news media.
 */
const CITATIONS: readonly { readonly pattern: RegExp; readonly holds: RegExp; readonly publisher?: true }[] = [
  {
    pattern: new RegExp(String.raw`\baccording to (?:a |an )?(?:report(?:s)? (?:by|from|in) |reporting by )?${NAME}`, 'g'),
    holds: /according to/,
  },
  {
    pattern: new RegExp(String.raw`\b(?:told|telling|speaking to|in an interview with)\s+${NAME}`, 'g'),
    holds: /told|telling|speaking|interview/,
  },
  { pattern: new RegExp(String.raw`\b(?:as )?(?:reported|mentioned|first reported|cited) by\s+${NAME}`, 'g'), holds: / by/ },
  {
    pattern: new RegExp(String.raw`${NAME}\s+(?:reported|has reported|first reported|said in a report)\b`, 'g'),
    holds: /reported|said in a report/,
  },
  // "The Associated Press contributed to this report", "Reuters reporters contributed to this story".
  {
    pattern: new RegExp(
      String.raw`${NAME}(?:\s+(?:writers?|reporters?|correspondents?|staff(?:\s+writers?)?)(?:\s+(?:[A-Z][\w'.-]*|and)){0,6})?\s+contributed\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)`,
      'g',
    ),
    holds: /contributed/,
  },
  // Reprint lines: "This story was originally published by ProPublica", "Republished with
  // permission from The Conversation", a syndicating feed's "The post ... appeared first on
  // Example News.", a portal's "Provided by The Hill".
  {
    pattern: new RegExp(String.raw`\b(?:originally|first)\s+(?:published|appeared|ran|posted)\s+(?:on|in|by|at)\s+${NAME}`, 'g'),
    holds: /originally|first/,
    publisher: true,
  },
  {
    pattern: new RegExp(
      String.raw`\b(?:[Rr]epublished|[Rr]eprinted|[Rr]eproduced)\s+(?:here\s+)?(?:with\s+(?:the\s+)?permission\s+)?(?:from|of|by)\s+${NAME}`,
      'g',
    ),
    holds: /[Rr]epublished|[Rr]eprinted|[Rr]eproduced/,
    publisher: true,
  },
  { pattern: new RegExp(String.raw`\bappeared first on\s+${NAME}`, 'g'), holds: /appeared first/, publisher: true },
  {
    pattern: new RegExp(String.raw`(?:^|\n)[ \t]*(?:(?:[Ss]tory|[Aa]rticle|[Cc]ontent)\s+)?[Pp]rovided by\s+${NAME}`, 'g'),
    holds: /[Pp]rovided by/,
    publisher: true,
  },
];
/**
 * Wire copy credited without naming the wire: "Guardian staff and agencies", "— Agencies", "With
 * agency reports", "Agencies contributed to this report". The lone word "agency" is not one ("the
 * Environmental Protection Agency said").
 */
const UNNAMED_WIRES: readonly RegExp[] = [
  /^[ \t]*(?:[-–—][ \t]*)?(?:(?:[\w'’.]+ ){0,4}(?:and|&) |with )?(?:wire |news )?(?:agencies|agency reports|wire services)\.?[ \t]*$/gim,
  /\b(?:agencies|wire services) contributed to this (?:report|story|article)/gi,
  /\((?:agencies)\)/gi,
];
/** How a citation of wires left unnamed is recorded: it credits whichever agency's copy is at hand. */
export const UNNAMED_WIRE = 'news agencies';
/** A wire's copyright line on a page that runs its copy: "Copyright 2024 The Associated Press. All rights reserved." */
const COPYRIGHT = new RegExp(String.raw`(?:©|\(c\)|\bCopyright)\s*(?:©\s*)?(?:\d{4}\s+)?(?:[Tt]he\s+)?(${AGENCY})\b`, 'g');

/** Words that look like names after "told" but are not organisations. */
const NOT_ORGANISATIONS = new Set(['He', 'She', 'They', 'It', 'We', 'I', 'You', 'The', 'A', 'An', 'This', 'That', 'Mr', 'Ms', 'Mrs']);

export function findAttributions(text: string): Attribution[] {
  const found: Attribution[] = [];
  for (const m of text.matchAll(DATELINE)) {
    const at = m.index + m[0].indexOf('(');
    found.push({ kind: 'dateline', outlet: canonical(m[1]!), cue: `(${m[1]})`, start: at });
  }
  for (const m of text.matchAll(OUTLET_DATELINE)) {
    const at = m.index + m[0].indexOf('(');
    if (!found.some((f) => f.start === at)) found.push({ kind: 'dateline', outlet: canonical(m[1]!), cue: `(${m[1]})`, start: at });
  }
  for (const m of text.matchAll(CREDIT)) {
    const name = m[1] ?? m[3]!;
    found.push({ kind: 'credit', outlet: canonical(name), cue: m[0].trim(), start: m.index });
  }
  for (const m of text.matchAll(COPYRIGHT)) found.push({ kind: 'credit', outlet: canonical(m[1]!), cue: m[0].trim(), start: m.index });
  for (const { pattern, holds, publisher } of CITATIONS) {
    if (!holds.test(text)) continue;
    for (const m of text.matchAll(pattern)) {
      const name = m[1]!.trim();
      if (publisher ? NOT_ORGANISATIONS.has(name.split(/\s+/)[0]!) : !isOrganisation(name)) continue;
      found.push({ kind: 'citation', outlet: canonical(name), cue: m[0].trim(), start: m.index });
    }
  }
  for (const pattern of UNNAMED_WIRES)
    for (const m of text.matchAll(pattern)) found.push({ kind: 'citation', outlet: UNNAMED_WIRE, cue: m[0].trim(), start: m.index });
  return found.sort((a, b) => a.start - b.start);
}

/** An agency, or a multi-word capitalised name that is not a lone pronoun or title. */
function isOrganisation(name: string): boolean {
  if (isAgency(name)) return true;
  const first = name.split(/\s+/)[0]!;
  if (NOT_ORGANISATIONS.has(first)) return false;
  // "according to the U.S. Geological Survey" is a data source, "told Putin" a person: only
  // names that read as news media are media attributions.
  return MEDIA_NAME.test(name);
}

/** Words that make a name a news outlet ("Fox News", "Al Jazeera", "The Washington Post"). */
const MEDIA_NAME =
  /\b(?:News|Press|Times|Post|Journal|Herald|Tribune|Telegraph|Guardian|Agency|Television|TV|Radio|Broadcasting|Jazeera|Gazette|Daily|Magazine|Network|Wire|Newswire|Media|Channel|CNN|BBC|CNBC|NBC|CBS|ABC|NPR|Axios|Politico|Bloomberg|VGTRK)\b/;

export function isAgency(name: string): boolean {
  return new RegExp(`^(?:${AGENCY})$`).test(name.trim());
}

/** The canonical spelling of an agency, or the name itself. */
export function canonical(name: string): string {
  const trimmed = name
    .trim()
    .replace(/^the\s+/i, '')
    .replace(/[.,;:]+$/, '');
  for (const [canonicalName, pattern] of AGENCIES) if (new RegExp(`^(?:${pattern})$`).test(trimmed)) return canonicalName;
  return trimmed;
}

/** True when `citation` credits `outlet`: the same organisation, or wires left unnamed and an agency. */
export function credits(citation: string, outlet: string): boolean {
  return sameOutlet(citation, outlet) || (citation === UNNAMED_WIRE && isAgency(outlet));
}

/** Same organisation? Case, "The" and agency spellings folded. */
export function sameOutlet(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const fold = (s: string) =>
    canonical(s)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  return fold(a) === fold(b);
}

/** Character spans inside quotation marks (curly pairs, or straight quotes paired per paragraph). */
export function quoteSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let open = -1;
  let straightOpen = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '“' || c === '«') open = i;
    else if ((c === '”' || c === '»') && open >= 0) {
      spans.push([open, i + 1]);
      open = -1;
    } else if (c === '"') {
      if (straightOpen < 0) straightOpen = i;
      else {
        spans.push([straightOpen, i + 1]);
        straightOpen = -1;
      }
    } else if (c === '\n' && i + 1 < text.length && text[i + 1] === '\n') {
      // A quotation left open at a paragraph end may go on in the next one ("...\n\n“And ...").
      if (straightOpen >= 0) {
        spans.push([straightOpen, i]);
        straightOpen = -1;
      }
      if (open >= 0) {
        spans.push([open, i]);
        open = -1;
      }
    }
  }
  if (straightOpen >= 0) spans.push([straightOpen, text.length]);
  if (open >= 0) spans.push([open, text.length]);
  return spans;
}
