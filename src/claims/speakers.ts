// Step 3 of quotes: resolve a speaker mention to one name across the article. A name goes to the
// fullest form of that name; "the Russian leader" to the person whose role fits; "he"/"she" to
// the most recent compatible person, preferring people who were speaking.
import type { Sentence } from '../records.js';
import { sentenceAt } from '../sentences/index.js';
import type { TaggedToken } from './tagging.js';
import { tokenIndexAt } from './tagging.js';
import type { PeopleIndex, Entity, NameMention } from './people.js';
import { cueAt, subjectBefore } from './attribution.js';
import { ROLE_WORDS, SPEAKER_PRONOUNS } from './lexicon.js';

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
      return { ...base, name: entity?.name ?? null, role: entity?.role ?? null };
    }
    const named = this.nameIn(start, end);
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
    return { ...base, name: mention.replace(/^(?:The|A|An)\s/, (m) => m.toLowerCase()), role: null };
  }

  /** The first person named in the sentence before the one holding `offset`, outside quotes. */
  subjectOfSentenceBefore(offset: number): ResolvedSpeaker | null {
    const here = sentenceAt(this.sentences, offset);
    const previous = here ? this.sentences[here.index - 1] : undefined;
    if (!previous || /["“”]/.test(previous.text)) return null;
    const named = this.people.mentions.find(
      (m) => m.start >= previous.start && m.end <= previous.end && m.entity.kind === 'person' && !this.quoted(m.start),
    );
    return named ? this.resolve(named.start, named.end) : null;
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
