// Step 3 of quotes: resolve a speaker mention to one name across the article. A name goes to the
// fullest form of that name; "the Russian leader" to the person whose role fits; "he"/"she" to
// the most recent compatible person, preferring people who were speaking.
import type { Sentence } from '../records.js';
import { sentenceAt } from '../sentences/index.js';
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import type { PeopleIndex, Entity, NameMention } from './people.js';
import { clauseSubject, cueAt, phraseAfter, subjectBefore } from './attribution.js';
import { DOCUMENT_NOUNS, EPITHETS, NOT_NAME_WORDS, PERSON_NOUNS, ROLE_WORDS, SPEAKER_PRONOUNS, SPEAKING_BODIES } from './lexicon.js';

export interface ResolvedSpeaker {
  /** The full name or organisation, or null when the mention cannot be resolved. */
  readonly name: string | null;
  readonly role: string | null;
  /** The mention a cue attaches to; null when the speaker is only inferred from context. */
  readonly mention: string | null;
  readonly start: number | null;
  readonly end: number | null;
}

/** How many sentences back a pronoun may reach for its person. */
const PRONOUN_LOOKBACK_SENTENCES = 6;
/** How many sentences back the issuer of "the statement" may be named. */
const ISSUER_LOOKBACK_SENTENCES = 12;
/** "the 33-year-old said": an age standing for the person. */
const AGE_EPITHET = /\b\d+\s?-?\s?year\s?-?\s?old$/i;
/** Quantifiers that stand for people ("others said", "many say", "some argue"). */
const SPEAKER_QUANTIFIERS = /^(?:others|many|some|several|both|few|most|all|everyone|someone|somebody|one|another)$/i;

/** "officials" -> "official", "witnesses" -> "witness", "police" stays. */
function singular(word: string): string {
  if (/(?:ss|us|is)$/.test(word)) return word;
  if (/(?:ches|shes|sses|xes)$/.test(word)) return word.slice(0, -2);
  if (/ies$/.test(word) && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word === 'men' || word === 'women') return word === 'men' ? 'man' : 'woman';
  return word.endsWith('s') && word.length > 3 ? word.slice(0, -1) : word;
}

export class SpeakerResolver {
  /** Per sentence, the people who are the subject of a cue there ("Putin said ..."). */
  private readonly speakersBySentence = new Map<number, Entity[]>();

  constructor(
    private readonly text: string,
    private readonly tokens: readonly TaggedToken[],
    private readonly sentences: readonly Sentence[],
    private readonly people: PeopleIndex,
    private readonly quoted: (offset: number) => boolean,
  ) {
    for (let i = 0; i < tokens.length; i += 1) {
      if (quoted(tokens[i]!.start)) continue;
      const cue = cueAt(tokens, i);
      if (!cue) continue;
      const np = subjectBefore(tokens, cue.first, text);
      if (!np) continue;
      const entity = this.nameIn(tokens[np[0]]!.start, tokens[np[1] - 1]!.end)?.entity;
      const sentence = sentenceAt(sentences, tokens[i]!.start);
      if (entity && sentence && entity.kind === 'person') {
        const list = this.speakersBySentence.get(sentence.index) ?? [];
        list.push(entity);
        this.speakersBySentence.set(sentence.index, list);
      }
    }
  }

  /** Records that `entity` spoke in the sentence holding `offset` (from a resolved attribution). */
  noteSpeaker(offset: number, entity: Entity): void {
    const sentence = sentenceAt(this.sentences, offset);
    if (!sentence) return;
    const list = this.speakersBySentence.get(sentence.index) ?? [];
    if (!list.includes(entity)) list.unshift(entity);
    this.speakersBySentence.set(sentence.index, list);
  }

  resolve(start: number, end: number): ResolvedSpeaker {
    const mention = this.text.slice(start, end);
    const words = this.tokens.slice(tokenIndexAt(this.tokens, start), tokenIndexAt(this.tokens, end));
    const base = { mention, start, end };
    if (words.length === 1 && SPEAKER_PRONOUNS.has(words[0]!.lower)) {
      const gender = SPEAKER_PRONOUNS.get(words[0]!.lower)!;
      if (gender !== 'm' && gender !== 'f') return { ...base, name: null, role: null };
      const entity = this.pronoun(start, gender);
      // The next "she said" in a run of quotes is most likely the same speaker.
      if (entity) this.noteSpeaker(start, entity);
      return { ...base, name: entity?.name ?? null, role: entity?.role ?? null };
    }
    // "Reid's rep told Us": the name owns the speaker; the rep speaks, not Reid.
    const owner = this.nameIn(start, end);
    const owned = owner !== undefined && /^['’]s\s+\p{Ll}/u.test(this.text.slice(owner.end, end));
    const named = owned ? undefined : owner;
    if (named && named.entity.kind === 'org') {
      // Organisations keep the article's own wording: "the Kremlin", "the White House".
      return { ...base, name: mention.replace(/^(?:The|A|An)\s/, (m) => m.toLowerCase()), role: null };
    }
    if (named) {
      const role = named.entity.kind === 'person' ? (roleWithin(this.text, start, named) ?? named.entity.role) : null;
      return { ...base, name: named.entity.name, role };
    }
    const head = [...words].reverse().find((t) => t.pos === 'NOUN' || t.pos === 'PROPN');
    if (head && ROLE_WORDS.has(head.lower)) {
      const modifiers = words
        .filter((t) => t !== head && (t.pos === 'ADJ' || t.pos === 'PROPN') && !/^(?:former|new|top|senior)$/.test(t.lower))
        .map((t) => t.lower.replace(/['’]s$/, ''));
      const entity = this.recent(start, this.people.byRole(head.lower, modifiers));
      if (entity) return { ...base, name: entity.name, role: entity.role };
    }
    return this.unnamed(base, mention, head);
  }

  /**
   * A speaker phrase with no name in it. Who can speak: a person ("a witness", "the 33-year-old"),
   * a body ("the team", "police"), or a document's issuer ("the statement said" is said by whoever
   * issued it). A definite epithet ("the comedian") is the person the story last spoke of, as a
   * pronoun would be. Anything else ("No such outreach", "One question" with no asker in the
   * article) is no speaker: null, never the phrase the quote happens to follow.
   */
  private unnamed(
    base: Pick<ResolvedSpeaker, 'mention' | 'start' | 'end'>,
    mention: string,
    head: TaggedToken | undefined,
  ): ResolvedSpeaker {
    const description = { ...base, name: mention.replace(/^(?:The|A|An)\s/, (m) => m.toLowerCase()), role: null };
    const none = { ...base, name: null, role: null };
    const start = base.start!;
    const definite = /^(?:the|his|her|their)\s/i.test(mention);
    const ageEpithet = AGE_EPITHET.test(mention);
    // A capitalised last word the tagger did not read as a name ("Felt told") is still a name.
    const last = mention.trim().split(/\s+/).pop() ?? '';
    const capitalised = /^\p{Lu}/u.test(last) && !NOT_NAME_WORDS.has(last.toLowerCase()) && !SPEAKER_PRONOUNS.has(last.toLowerCase());
    if (!head && !ageEpithet) return SPEAKER_QUANTIFIERS.test(mention.trim()) || capitalised ? description : none;
    const lemma = ageEpithet ? 'year-old' : singular(head!.lower);
    if (!ageEpithet && head!.pos === 'PROPN' && /^\p{Lu}/u.test(head!.text)) return description;
    if (DOCUMENT_NOUNS.has(lemma) || DOCUMENT_NOUNS.has(head?.lower ?? '')) {
      const issuer = this.issuer(lemma, start);
      return issuer ? { ...base, name: issuer.name, role: issuer.kind === 'person' ? issuer.role : null } : none;
    }
    if (definite && EPITHETS.has(lemma)) {
      const person = this.pronounBy(start, (e) => e.kind === 'person' && (e.role !== null || e.gender !== null || this.speaks(e)));
      if (person) {
        this.noteSpeaker(start, person);
        return { ...base, name: person.name, role: person.role };
      }
    }
    if (ROLE_WORDS.has(lemma) || PERSON_NOUNS.has(lemma) || SPEAKING_BODIES.has(lemma) || SPEAKING_BODIES.has(head!.lower))
      return description;
    return none;
  }

  /** Who issued the document named `lemma` ("statement"): its owner, its author after "from"/"by", or the subject of a sentence that mentions it, nearest first. */
  private issuer(lemma: string, offset: number): Entity | null {
    const here = sentenceAt(this.sentences, offset);
    if (!here) return null;
    for (let s = here.index; s >= Math.max(0, here.index - ISSUER_LOOKBACK_SENTENCES); s -= 1) {
      const sentence = this.sentences[s]!;
      const first = tokenIndexAt(this.tokens, sentence.start);
      for (let i = first; i < this.tokens.length && this.tokens[i]!.start < sentence.end; i += 1) {
        const t = this.tokens[i]!;
        if (t.start === offset || this.quoted(t.start) || singular(t.lower) !== lemma) continue;
        const owner = this.tokens[i - 1]?.pos === 'PART' ? subjectBefore(this.tokens, i - 1, this.text) : null;
        const after = /^(?:from|by)$/.test(this.tokens[i + 1]?.lower ?? '') ? phraseAfter(this.tokens, i + 2, this.text) : null;
        const subject = clauseSubject(this.tokens, first, i, this.quoted, this.text);
        for (const span of [owner, after, subject]) {
          if (!span) continue;
          const named = this.nameIn(this.tokens[span[0]]!.start, this.tokens[span[1] - 1]!.end);
          if (named && named.entity.kind !== 'place') return named.entity;
        }
      }
    }
    return null;
  }

  /**
   * The first person named in the sentence before the one holding `offset`, outside quotes, when
   * the article shows it is a person who speaks (a role, a known first name, the subject of a
   * verb of saying): a capitalised phrase alone ("Primetime Emmy") may name anything.
   */
  subjectOfSentenceBefore(offset: number): ResolvedSpeaker | null {
    const here = sentenceAt(this.sentences, offset);
    const previous = here ? this.sentences[here.index - 1] : undefined;
    if (!previous || /["“”]/.test(previous.text)) return null;
    const named = this.people.mentions.find(
      (m) => m.start >= previous.start && m.end <= previous.end && m.entity.kind === 'person' && !this.quoted(m.start),
    );
    if (!named) return null;
    const entity = named.entity;
    return entity.role !== null || entity.gender !== null || this.speaks(entity) ? this.resolve(named.start, named.end) : null;
  }

  /** True when the article makes `entity` the subject of a verb of saying somewhere. */
  private speaks(entity: Entity): boolean {
    for (const list of this.speakersBySentence.values()) if (list.includes(entity)) return true;
    return false;
  }

  /** The name mention inside [start, end), preferring the last (the head of "Fox's Maria Bartiromo"). */
  private nameIn(start: number, end: number): NameMention | undefined {
    const inside = this.people.mentions.filter((m) => m.start < end && m.end > start);
    const people = inside.filter((m) => m.entity.kind === 'person');
    // "Texas-based Matt Mackowiak": the fullest name is the person; a lone capitalised word may be a place.
    const words = (m: NameMention) => m.entity.name.split(' ').length;
    return (
      people.reduce<NameMention | undefined>((best, m) => (!best || words(m) >= words(best) ? m : best), undefined) ??
      inside[inside.length - 1]
    );
  }

  /** Of `candidates`, the one mentioned most recently before `offset` (else the first mentioned after). */
  private recent(offset: number, candidates: readonly Entity[]): Entity | null {
    if (candidates.length === 0) return null;
    let best: Entity | null = null;
    for (const m of this.people.mentions) {
      if (m.start >= offset) break;
      if (candidates.includes(m.entity)) best = m.entity;
    }
    return best ?? candidates[0]!;
  }

  private pronoun(offset: number, gender: 'm' | 'f'): Entity | null {
    // First people who surely fit (known gender, or a full name or role); then anyone not of the other gender.
    const sure = (e: Entity) =>
      e.kind === 'person' && (e.gender === gender || (e.gender === null && (e.role !== null || e.name.includes(' '))));
    // A one-word name counts only when the article names it again (a lone capitalised word may be anything).
    const loose = (e: Entity) => e.kind === 'person' && e.gender !== (gender === 'm' ? 'f' : 'm') && this.mentionCount(e) >= 2;
    return this.pronounBy(offset, sure) ?? this.pronounBy(offset, loose);
  }

  private afterPreposition(m: NameMention): boolean {
    return this.tokens[m.token - 1]?.pos === 'ADP';
  }

  private mentionCount(entity: Entity): number {
    return this.people.mentions.reduce((n, m) => n + (m.entity === entity ? 1 : 0), 0);
  }

  private pronounBy(offset: number, fits: (e: Entity) => boolean): Entity | null {
    const here = sentenceAt(this.sentences, offset);
    if (!here) return null;
    // The same sentence: the first person named before the pronoun (usually the subject).
    const before = this.people.mentions.filter((m) => m.start >= here.start && m.end <= offset && !this.quoted(m.start));
    // Prefer a name that is not the object of a preposition ("the murder of Father Hamel").
    const subject = before.find((m) => fits(m.entity) && !this.afterPreposition(m)) ?? before.find((m) => fits(m.entity));
    if (subject) return subject.entity;
    for (let s = here.index - 1; s >= Math.max(0, here.index - PRONOUN_LOOKBACK_SENTENCES); s -= 1) {
      const speaker = this.speakersBySentence.get(s)?.find(fits);
      if (speaker) return speaker;
      const sentence = this.sentences[s]!;
      const inSentence = this.people.mentions.filter(
        (m) => m.start >= sentence.start && m.end <= sentence.end && !this.quoted(m.start) && fits(m.entity),
      );
      const named = inSentence.find((m) => !this.afterPreposition(m)) ?? inSentence[0];
      if (named) return named.entity;
    }
    return null;
  }
}

/** The role written inside the mention itself ("Russian President" in "Russian President Vladimir Putin"). */
function roleWithin(text: string, start: number, named: NameMention): string | null {
  if (named.start < start) return null;
  const lead = text.slice(named.start, named.end);
  const name = named.entity.name.split(' ');
  const at = lead.lastIndexOf(name[0]!);
  const role = at > 0 ? lead.slice(0, at).trim() : '';
  return role && /\p{L}/u.test(role) && !/^(?:Mr|Mrs|Ms|Dr)\.?$/.test(role) ? role : null;
}
