// Who is who in an article: every name mention, grouped into people and organisations, so that
// "he", "the president", "Putin" and "Russian President Vladimir Putin" resolve to one speaker
// ("Vladimir Putin", role "Russian President").
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import {
  PLACES,
  PLACE_HEADS,
  FEMALE_NAMES,
  HONORIFICS,
  LEADER_ROLES,
  MALE_NAMES,
  NOT_NAME_WORDS,
  ORG_WORDS,
  ROLE_WORDS,
} from './lexicon.js';

export type Gender = 'm' | 'f' | null;

export interface Entity {
  /** The fullest name seen: "Vladimir Putin", or the organisation as written: "the Kremlin". */
  name: string;
  /** Places are kept apart so that "he" never resolves to "Georgia". */
  kind: 'person' | 'org' | 'place';
  role: string | null;
  gender: Gender;
}

export interface NameMention {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
  /** Token index of the first token of the mention (role words included). */
  readonly token: number;
}

/** Words before a role that still belong to it ("former British Prime Minister"). */
const ROLE_PREFIXES = new Set([
  'former',
  'then',
  'acting',
  'deputy',
  'vice',
  'ex',
  'outgoing',
  'incoming',
  'late',
  'interim',
  'senior',
  'top',
  'chief',
]);
/** Lower-case particles inside names ("Charles de Gaulle", "Osama bin Laden"). */
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'da', 'der', 'bin', 'al', 'la', 'le', 'di', 'du', 'del', 'dos', 'ibn']);

/** Verbs that end a name in a title-case headline ("Howard Dean Tells Democratic Convention"). */
const HEADLINE_VERBS = new Set([
  'says',
  'said',
  'tells',
  'told',
  'warns',
  'warned',
  'urges',
  'slams',
  'blasts',
  'calls',
  'asks',
  'claims',
  'admits',
  'vows',
  'insists',
  'denies',
]);
/** Parts of speech that never start a name. */
const LEADING_NON_NAMES = new Set(['ADP', 'SCONJ', 'CCONJ', 'ADV', 'DET', 'PRON', 'AUX', 'VERB', 'PART', 'INTJ']);

const isCapitalised = (t: TaggedToken) => /^\p{Lu}/u.test(t.text);
const isRoleWord = (t: TaggedToken) => ROLE_WORDS.has(t.lower) || ROLE_PREFIXES.has(t.lower);

export class PeopleIndex {
  readonly mentions: NameMention[] = [];
  /** People by surname (several when relatives share it: Hillary and Bill Clinton), organisations by name. */
  private readonly byKey = new Map<string, Entity[]>();
  /** While mentions are recorded: the person last named with each surname, for a bare "Clinton". */
  private readonly lastByKey = new Map<string, Entity>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly TaggedToken[],
    quoted: (offset: number) => boolean,
  ) {
    // Two passes: the first learns full names, the second records every mention against them.
    const runs = this.nameRuns(quoted);
    for (const run of runs) this.learn(run);
    this.findPlaces(runs);
    for (const run of runs) {
      const entity = this.lookup(run.name);
      if (!entity) continue;
      this.mentions.push({ start: run.start, end: run.end, entity, token: run.token });
      const words = nameWords(run.name);
      if (words.length > 0) this.lastByKey.set(keyOf(words), entity);
    }
  }

  /**
   * The entity a name ("Putin", "Mr. Trump", "Russian President Vladimir Putin") refers to. A
   * bare surname shared by relatives goes to the one named last (while mentions are recorded).
   */
  lookup(name: string): Entity | null {
    const words = nameWords(name);
    if (words.length === 0) return null;
    const key = keyOf(words);
    const candidates = this.byKey.get(key) ?? this.byKey.get(words.join(' ').toLowerCase());
    if (!candidates || candidates.length === 0) return null;
    if (candidates.length === 1) return candidates[0]!;
    if (words.length >= 2) {
      const first = words[0]!.toLowerCase();
      const same = candidates.find((e) => e.name.split(' ')[0]!.toLowerCase() === first);
      if (same) return same;
    }
    return this.lastByKey.get(key) ?? candidates[0]!;
  }

  /** Entities whose role fits a description like "the Russian leader" or "the French president". */
  byRole(head: string, modifiers: readonly string[]): Entity[] {
    const out: Entity[] = [];
    for (const entity of new Set([...this.byKey.values()].flat())) {
      if (entity.kind !== 'person' || !entity.role) continue;
      const role = entity.role.toLowerCase().split(/[\s-]+/);
      const headFits = role.includes(head) || (head === 'leader' && role.some((w) => LEADER_ROLES.has(w)));
      if (!headFits) continue;
      // "the Russian leader" fits "Russian President"; "Russia's president" fits it too.
      if (modifiers.every((m) => role.some((w) => w === m || (m.length > 3 && w.slice(0, 4) === m.slice(0, 4))))) out.push(entity);
    }
    return out;
  }

  /**
   * A one-word name that the article puts after "in" or "from" ("in Georgia", "from San Diego"),
   * a well-known place, or a name ending in a word for a place ("Coney Island", "Route 52"), is a
   * place unless a role or gender shows a person.
   */
  private findPlaces(runs: readonly NameRun[]): void {
    for (const run of runs) {
      const entity = this.lookup(run.name);
      if (entity?.kind !== 'person' || entity.role || entity.gender) continue;
      const before = this.tokens[run.token - 1]?.lower;
      const after = this.tokens[tokenIndexAt(this.tokens, run.end)]?.lower;
      const located = (before === 'in' || before === 'from') && after !== "'s" && after !== '’s';
      const head = entity.name.toLowerCase().split(' ').pop() ?? '';
      if (located || PLACES.has(entity.name.toLowerCase()) || (entity.name.includes(' ') && PLACE_HEADS.has(head))) entity.kind = 'place';
    }
  }

  private learn(run: NameRun): void {
    const words = nameWords(run.name);
    if (words.length === 0) return;
    const key = keyOf(words);
    const org = run.org;
    const gender = genderOf(run.honorific, words);
    const family = this.byKey.get(key) ?? [];
    // "The Notorious Bettie Page" (a film), "Texas-based Matt Mackowiak": words before a known
    // full name are a title or a label, not another first name; the mention is that person.
    if (!org && words.length >= 3) {
      const tail = words.slice(-2).join(' ').toLowerCase();
      if (family.some((e) => e.kind === 'person' && e.name.toLowerCase() === tail)) return;
    }
    // "Bill Clinton" is not "Hillary Clinton": a full name with another first name is another person.
    const first = words.length >= 2 ? words[0]!.toLowerCase() : null;
    const existing = family.find((e) => {
      if (org || e.kind !== 'person' || first === null) return true;
      const known = e.name.split(' ');
      return known.length < 2 || known[0]!.toLowerCase() === first;
    });
    if (existing) {
      if (!org && existing.kind === 'person' && words.length > nameWords(existing.name).length) existing.name = words.join(' ');
      existing.role ??= run.role;
      existing.gender ??= gender;
      return;
    }
    const entity: Entity = { name: org ? run.name : words.join(' '), kind: org ? 'org' : 'person', role: run.role, gender };
    this.byKey.set(key, [...family, entity]);
    if (org) this.byKey.set(words.join(' ').toLowerCase(), [entity]);
  }

  /** Runs of capitalised tokens, split into a leading role and the name itself. */
  private nameRuns(quoted: (offset: number) => boolean): NameRun[] {
    const runs: NameRun[] = [];
    const t = this.tokens;
    let i = 0;
    while (i < t.length) {
      if (!(isCapitalised(t[i]!) || isRoleWord(t[i]!)) || quoted(t[i]!.start)) {
        i += 1;
        continue;
      }
      let j = i;
      while (j < t.length && !quoted(t[j]!.start)) {
        const tok = t[j]!;
        const gapOk =
          j === i || (this.text.slice(t[j - 1]!.end, tok.start).length <= 1 && !/[\n,;:]/.test(this.text.slice(t[j - 1]!.end, tok.start)));
        if (!gapOk) break;
        if (HEADLINE_VERBS.has(tok.lower)) break; // a headline: "Howard Dean Tells Democratic Convention"
        if (isCapitalised(tok) && tok.pos !== 'PUNCT') j += 1;
        else if (isRoleWord(tok)) j += 1;
        else if (NAME_PARTICLES.has(tok.lower) && j + 1 < t.length && isCapitalised(t[j + 1]!)) j += 1;
        else break;
      }
      if (j > i) {
        const run = this.splitRun(i, j);
        if (run) runs.push(run);
      }
      i = Math.max(j, i + 1);
    }
    return runs;
  }

  private splitRun(i: number, j: number): NameRun | null {
    const t = this.tokens;
    // Drop leading words that are capitalised only because they start a sentence ("The", "Like", "When").
    while (i < j && !HONORIFICS.has(t[i]!.lower) && (NOT_NAME_WORDS.has(t[i]!.lower) || LEADING_NON_NAMES.has(t[i]!.pos))) i += 1;
    if (i >= j) return null;
    let lastRole = -1;
    // Titles are roles too ("Texas Sen. Ted Cruz" -> role "Texas Sen."); Mr./Ms. are not.
    for (let k = i; k < j; k += 1) if (ROLE_WORDS.has(t[k]!.lower)) lastRole = k;
    let nameStart = lastRole >= 0 ? lastRole + 1 : i;
    let honorific: string | null = null;
    while (nameStart < j && HONORIFICS.has(t[nameStart]!.lower)) {
      honorific = t[nameStart]!.lower;
      nameStart += 1;
    }
    if (nameStart >= j) return null;
    const nameTokens = t.slice(nameStart, j).filter((x) => !NOT_NAME_WORDS.has(x.lower) || NAME_PARTICLES.has(x.lower));
    if (nameTokens.length === 0) return null;
    const name = this.text.slice(nameTokens[0]!.start, nameTokens[nameTokens.length - 1]!.end);
    const lowerWords = nameTokens.map((x) => x.lower);
    const org =
      lowerWords.some((w) => ORG_WORDS.has(w)) ||
      (nameTokens.length === 1 && nameTokens[0]!.text.length > 1 && nameTokens[0]!.text === nameTokens[0]!.text.toUpperCase());
    const role = lastRole >= 0 && !org ? this.text.slice(t[i]!.start, t[lastRole]!.end) : null;
    if (!org && !role && nameTokens.every((x) => x.pos !== 'PROPN')) return null;
    return { start: t[i]!.start, end: t[j - 1]!.end, token: i, name, role, honorific, org };
  }
}

interface NameRun {
  readonly start: number;
  readonly end: number;
  readonly token: number;
  readonly name: string;
  readonly role: string | null;
  readonly honorific: string | null;
  readonly org: boolean;
}

/** The words of a name without honorifics and possessive endings. */
export function nameWords(name: string): string[] {
  return name
    .replace(/['’]s?$/u, '')
    .split(/\s+/)
    .filter((w) => w && !HONORIFICS.has(w.toLowerCase()));
}

/** People are keyed by surname; organisations by their full name. */
function keyOf(words: readonly string[]): string {
  return words[words.length - 1]!.toLowerCase().replace(/['’]s$/u, '');
}

function genderOf(honorific: string | null, words: readonly string[]): Gender {
  if (honorific && HONORIFICS.get(honorific)) return HONORIFICS.get(honorific)!;
  if (words.length < 2) return null;
  // The first word, or the second after a title the lexicon does not know ("Rev Billy Graham").
  for (const word of words.slice(0, Math.min(2, words.length - 1))) {
    const first = word.toLowerCase();
    if (MALE_NAMES.has(first) && !FEMALE_NAMES.has(first)) return 'm';
    if (FEMALE_NAMES.has(first) && !MALE_NAMES.has(first)) return 'f';
    if (MALE_NAMES.has(first) || FEMALE_NAMES.has(first)) return null;
  }
  return null;
}
