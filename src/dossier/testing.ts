// Hand-built dossiers for tests of the dossier, the store and the server: small, complete, and
// with every optional part present, so a schema or a renderer that drops a field shows it.
import type { Article } from '../records.js';
import { DOSSIER_VERSION, type Dossier, type DossierArticle, type DossierStory } from './types.js';

export interface SampleStoryOptions {
  readonly id?: string;
  readonly headline?: string;
  /** Replaces every piece of article text (titles, bodies, outlets, quotes) when given. */
  readonly hostile?: string;
  readonly firstSeen?: string | null;
  readonly lastSeen?: string | null;
  readonly outlets?: readonly string[];
  readonly titles?: readonly string[];
}

const ORIGINAL_TEXT =
  'MOSCOW (Wire) - The minister said on Tuesday that output "will rise by a third next year". ' +
  'Reserves stand at 3.8 million tonnes, the ministry said.';
const REWRITE_TEXT = 'The minister said output "will rise by a quarter next year". Reserves stand at 3.8 million tonnes.';
const SUMMARY_TEXT = 'Output "will rise", the minister said. Reserves are 4 million tonnes.';

export function sampleStory(options: SampleStoryOptions = {}): DossierStory {
  const evil = options.hostile;
  const t = (text: string): string => (evil === undefined ? text : `${evil} ${text} ${evil}`);
  const outlets = options.outlets ?? ['Wire', 'Daily Example', 'Summary Post'];
  const titles = options.titles ?? ['Minister sees output rising', 'Output to rise, minister says', 'Minister: output up'];
  const ids = ['a1b2c3d4e5f60718', 'b1b2c3d4e5f60718', 'c1b2c3d4e5f60718'];
  const texts = [t(ORIGINAL_TEXT), t(REWRITE_TEXT), t(SUMMARY_TEXT)];
  // Offsets of a phrase in article i, found rather than written down, so they stay true.
  const span = (i: number, phrase: string) => {
    const start = texts[i]!.indexOf(phrase);
    if (start < 0) throw new Error(`sample: "${phrase}" is not in article ${i}`);
    return { start, end: start + phrase.length };
  };
  const passage = (from: number, to: number, phrase: string, similarity: number) => {
    const source = span(from, phrase);
    const target = span(to, phrase);
    return { text: phrase, sourceStart: source.start, sourceEnd: source.end, targetStart: target.start, targetEnd: target.end, similarity };
  };
  const article = (i: number, extra: Partial<DossierArticle>): DossierArticle => ({
    id: ids[i]!,
    input: t(`examples/${i}.txt`),
    url: i === 0 ? 'https://wire.example/minister' : null,
    outlet: t(outlets[i] ?? 'Outlet'),
    publisher: i === 2 ? t('Aggregator') : null,
    title: t(titles[i] ?? 'Untitled'),
    byline: i === 0 ? t('Ann Writer') : null,
    published: ['2025-05-13T08:00:00Z', '2025-05-13T11:30:00Z', '2025-05-14'][i]!,
    language: 'en',
    text: texts[i]!,
    role: 'original',
    roleReason: 'earliest article; derives from no other',
    derivedFrom: [],
    sharedSourceWith: [],
    removed: [{ text: t('Share this article'), reason: 'share widget' }],
    ...extra,
  });
  return {
    id: options.id ?? 'story-minister-output',
    headline: options.headline ?? t('Minister says output will rise'),
    label: 'minister output reserves',
    firstSeen: options.firstSeen === undefined ? '2025-05-13T08:00:00Z' : options.firstSeen,
    lastSeen: options.lastSeen === undefined ? '2025-05-14' : options.lastSeen,
    outlets: outlets.map(t),
    topEntities: ['minister', 'Moscow'],
    independentOrigins: 1,
    articles: [
      article(0, {}),
      article(1, {
        role: 'rewrite',
        roleReason: 'shares 60% of its text with the Wire article, with edits',
        derivedFrom: [
          {
            article: ids[0]!,
            coverage: 0.6,
            evidence: [passage(0, 1, 'Reserves stand at 3.8 million tonnes', 1)],
          },
        ],
      }),
      article(2, {
        role: 'summary',
        roleReason: 'short; its sentences condense the Wire article',
        derivedFrom: [{ article: ids[0]!, coverage: 0.4, evidence: [passage(0, 2, 'will rise', 0.8)] }],
        sharedSourceWith: [],
      }),
    ],
    claims: [
      {
        id: 'claim-1',
        kind: 'quote',
        text: t('will rise by a third next year'),
        speaker: t('The Minister'),
        quantity: null,
        origins: 1,
        uniqueTo: null,
        contested: false,
        mentions: [
          {
            article: ids[0]!,
            text: t('will rise by a third next year'),
            ...span(0, 'will rise by a third next year'),
            status: 'original',
            score: 1,
          },
          {
            article: ids[1]!,
            text: t('will rise by a quarter next year'),
            ...span(1, 'will rise by a quarter next year'),
            status: 'altered',
            score: 0.8,
            diff: [
              { op: 'same', text: 'will rise by a' },
              { op: 'substituted', text: t('quarter'), was: t('third') },
              { op: 'same', text: 'next year' },
            ],
          },
          {
            article: ids[2]!,
            text: t('will rise'),
            ...span(2, 'will rise'),
            status: 'trimmed',
            score: 0.9,
            diff: [
              { op: 'same', text: 'will rise' },
              { op: 'dropped', text: 'by a third next year' },
            ],
          },
        ],
      },
      {
        id: 'claim-2',
        kind: 'quantity',
        text: t('3.8 million tonnes'),
        speaker: null,
        quantity: { value: 3_800_000, unit: 't', text: t('3.8 million tonnes') },
        origins: 1,
        uniqueTo: null,
        contested: true,
        mentions: [
          { article: ids[0]!, text: t('3.8 million tonnes'), ...span(0, '3.8 million tonnes'), status: 'original', score: 1 },
          { article: ids[1]!, text: t('3.8 million tonnes'), ...span(1, '3.8 million tonnes'), status: 'agrees', score: 1 },
          { article: ids[2]!, text: t('4 million tonnes'), ...span(2, '4 million tonnes'), status: 'conflicting', score: 0.7 },
        ],
      },
      {
        id: 'claim-3',
        kind: 'statement',
        text: t('The minister spoke on Tuesday'),
        speaker: null,
        quantity: null,
        origins: 1,
        uniqueTo: ids[0]!,
        contested: false,
        mentions: [{ article: ids[0]!, text: t('said on Tuesday'), ...span(0, 'said on Tuesday'), status: 'stated', score: 1 }],
      },
    ],
    findings: [
      {
        kind: 'altered-quote',
        message: t('The rewrite changed the quote: "a third" became "a quarter".'),
        claim: 'claim-1',
        articles: [ids[1]!],
        severity: 'high',
      },
      {
        kind: 'conflicting-number',
        message: t('Reserves: 3.8 million t in two articles, 4 million t in one.'),
        claim: 'claim-2',
        articles: [ids[0]!, ids[2]!],
        severity: 'medium',
      },
      {
        kind: 'unique-claim',
        message: 'Only the Wire article says when the minister spoke.',
        claim: 'claim-3',
        articles: [ids[0]!],
        severity: 'low',
      },
    ],
    brief: [
      {
        text: t('The minister said output will rise next year.'),
        citations: [ids[0]!, ids[1]!],
        sources: [
          { article: ids[0]!, ...span(0, 'The minister said on Tuesday that output "will rise by a third next year".') },
          { article: ids[1]!, ...span(1, 'The minister said output "will rise by a quarter next year".') },
        ],
        contested: false,
      },
      {
        text: t('Reserves stand at 3.8 million tonnes.'),
        citations: [ids[0]!],
        sources: [{ article: ids[0]!, ...span(0, 'Reserves stand at 3.8 million tonnes, the ministry said.') }],
        contested: true,
      },
    ],
    coverage: [
      { article: ids[0]!, adds: ['claim-3'], omits: [], disputes: [] },
      { article: ids[1]!, adds: [], omits: [], disputes: ['claim-1'] },
      { article: ids[2]!, adds: [], omits: ['claim-3'], disputes: ['claim-2'] },
    ],
  };
}

export function sampleDossier(options: SampleStoryOptions = {}): Dossier {
  const evil = options.hostile;
  return {
    version: DOSSIER_VERSION,
    generatedAt: '2025-05-15T10:00:00.000Z',
    stories: [sampleStory(options)],
    rejections: [
      {
        input: evil === undefined ? 'empty.txt' : `${evil}.txt`,
        code: 'empty',
        reason: evil === undefined ? 'the file is empty' : `bad ${evil}`,
      },
    ],
  };
}

/** A stored-article record as extraction makes it. */
export function sampleArticle(n: number, overrides: Partial<Article> = {}): Article {
  const hash = (n.toString(16).padStart(4, '0') + 'f'.repeat(60)).slice(0, 64);
  return {
    id: hash.slice(0, 16),
    contentHash: hash,
    input: `inputs/article-${n}.html`,
    url: `https://news.example/${n}`,
    canonicalUrl: null,
    title: `Article number ${n}`,
    byline: 'Ann Writer',
    published: `2025-05-${String(1 + (n % 28)).padStart(2, '0')}T09:00:00Z`,
    updated: null,
    outlet: n % 2 === 0 ? 'Wire' : 'Daily Example',
    publisher: null,
    language: 'en',
    text: `First sentence of article ${n}.\n\nSecond paragraph, second sentence.`,
    removed: [{ text: 'Share this', reason: 'share widget' }],
    fetchedAt: null,
    ...overrides,
  };
}
