// Plain-text pages copied from a browser: every line is classified by named features (is it a
// sentence, is it repeated, where does it sit relative to the story, does it match a chrome
// pattern) and either kept as a paragraph or removed with a reason. Metadata stated in the
// chrome (title, byline, dates, outlet, site name) is read off the lines as they are classified.
import type { RemovedBlock } from '../../records.js';
import type { RemovalReason } from '../reasons.js';
import {
  ABOUT_HEADING,
  AFFILIATE_LINE,
  AGENCY_CREDIT,
  ALSO_ON,
  COMMENT_POLICY,
  COMMENT_POLICY_TONE,
  POPULAR_HEADING,
  REACH_LINE,
  TAG_LIST,
  BIO_OUTLET,
  BIO_SENTENCE,
  BIO_SENTENCE_OTHER,
  BROUGHT_BY,
  BYLINE_PREFIX,
  CONTACT_LINE,
  COOKIE_LINE,
  COOKIE_USE,
  COOKIE_WORD,
  COPYRIGHT,
  DESK_CREDIT,
  READING_TIME,
  PITCH_LINE,
  RELATIVE_TIME,
  REPORTER_SIGN_OFF,
  RIGHTS_RESERVED,
  SHARE_LINE,
  SHORTCODE,
  SIGN_UP_LINE,
  SUBSCRIBE_VERB,
  SUBSCRIPTION_OBJECT,
  INSERT_PREFIX,
  NAME_TAIL_NOISE,
  PHOTO_CREDIT,
  PRODUCTION_CREDIT,
  ROLE_LINE,
  WIDGET_LABELS,
  AGENCY_LINE,
  AUTHOR_BIO_VERB,
  CONTINUE_BUTTON,
  TRUNCATED_TEASERS,
  BIO_HOME,
  BIO_LIFE_OPENING,
  BIO_PERSONAL,
  CLASS_TOKENS,
  CONTRIBUTION_LINE,
  FILED_UNDER,
  HERE_LINK,
  ICON_LIGATURES,
  IMAGE_URL,
  META_LABEL,
  CONTRIBUTION_HINTS,
  OPENING_PITCH,
  PROMO_URL,
  READER_PITCH,
  SOCIAL_PROMPT_HINTS,
  RELATED_HEADING,
  RELATED_NAMED_HEADING,
  SOCIAL_PROMPT,
  SUBSCRIBE_PROMPT,
  TEASER_TAG,
  WIDGET_SUFFIX,
  WEB_ACTION,
  WEB_THING,
} from '../chrome-lexicon.js';
import { writtenDate } from '../dates.js';
import { CJK_CHARS_PER_WORD, isCjk } from '../script.js';
import { bylineCredit, isPersonName, normalizeByline } from '../people.js';

/** A line with at least this many words that ends like a sentence is story prose. */
const BODY_MIN_WORDS = 12;
/** Titles are at least this many words (site names and section labels are shorter) ... */
const TITLE_MIN_WORDS = 4;
/** ... and at most this many (longer lines are prose). */
const TITLE_MAX_WORDS = 30;
/** Captions run to about this many words; a longer line that ends in a bracket is a paragraph ("... die Patientenakte (ePA)"). */
const CAPTION_MAX_WORDS = 50;
/** A line continuing an "Also Read" insert is at most this many words. */
const INSERT_SPILL_MAX_WORDS = 8;
/** Pitches ("Sign up for ... newsletter") run to about this many words; longer lines are prose. */
const PITCH_MAX_WORDS = 45;
/** A related-headlines label or an "About <company>" heading this far into the text ends the story. */
const TRAILING_SECTION_START = 0.6;
/** A paragraph this long after a "Related" label means the story goes on after the insert. */
const TRAILING_PROSE_WORDS = 25;
/** A sentence of at least this many words right after the story's last long paragraph closes the story ("Good luck, Tara."; one word is a label). */
const CLOSING_SENTENCE_MIN_WORDS = 2;
/** A closing line shorter than this that speaks of the page ("Log in to comment.") is chrome; a longer one is a sentence about it. */
const CLOSING_PLAIN_MIN_WORDS = 8;
/** A line ending in a colon this long after the story leads into a quote ("The judge had advice for him:"); "Tags:" is shorter. */
const CLOSING_LEAD_IN_MIN_WORDS = 5;
/** A line without a final stop this long after the story is a paragraph that lost its stop: headlines and link texts are shorter. */
const CLOSING_UNFINISHED_MIN_WORDS = 17;
/** A short line close to a timestamp or the title counts as a byline within this many lines. */
const BYLINE_WINDOW = 3;
/** What a date line may hold besides the date: a time, "Uhr", a source ("来源：江河日报"), at most this many words. */
const DATE_LINE_MAX_OTHER_WORDS = 8;
/** Lines above the story longer than this are a dek or a teaser, not a byline or date line. */
const HEAD_LINE_MAX_WORDS = 16;
const DATE_LINE_NOISE = /[\d,.:/年月日時时分]+/g;
/** The label of a timestamp line ("Publié le", "Aktualisiert am"), not counted as other words. */
const TIMESTAMP_LABEL =
  /^(updated|published|posted|last updated|first published|modified|aktualisiert|veröffentlicht|stand|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|atualizado|обновлено|опубликовано|更新|发布|發布|公開|تم التحديث|آخر تحديث|نشر)\s*(on|at|am|le|el|il|em|в|في)?\s*[:：]?\s*/i;
/** Menu labels in Chinese and Japanese are one word, at most this many characters; headline phrases are longer. */
const CJK_MENU_LABEL_CHARS = 4;
/** An Arabic menu line holds at most this many labels (a longer run of nouns is prose). */
const ARABIC_MENU_MAX_LABELS = 8;
/** Arabic prepositions and particles: a headline has one, a menu of section names does not. */
const ARABIC_FUNCTION_WORDS = new Set('في من على إلى الى عن مع بعد قبل حول بين أن إن لا ما لم لن هل كما ضد خلال عبر منذ'.split(' '));
/** A byline repeated in the body is the name plus a role or an outlet: at most this many words. */
const REPEATED_BYLINE_MAX_WORDS = 8;
const BYLINE_PREFIX_ONLY = /^(by|von|par|por|door|di)\s+/i;
/** Sign-up and cookie lines recognised by their words (not an English phrase) are at most this long. */
const BANNER_MAX_WORDS = 30;
/** Bios run to about this many words. */
const BIO_MAX_WORDS = 80;
/** At most this many bio paragraphs follow a story (one per author, and a line about their book). */
const TRAILING_BIOS_MAX = 3;
/** A paragraph is compared with the page's stated author bios from this length (a short line could match by chance). */
const STATED_BIO_MIN_CHARS = 40;
/** A line with no letter or digit ("______", "* * *") is a separator. */
const NO_WORD = /^[^\p{L}\p{N}]+$/u;
/** A paragraph that opens as a pitch ("If you enjoyed this article, ...", "Follow @deals ...") runs on to about this many words. */
const PROMO_MAX_WORDS = 80;
/** Credits for who else reported ("X, Y and Z contributed to this report.") name at most a dozen people: this many words. */
const CONTRIBUTION_MAX_WORDS = 40;
/** A list heading ("More Great WIRED Stories", "More in Amsterdam") is at most this many words. */
const RELATED_HEADING_MAX_WORDS = 8;
/** A post's label line ("Filed under: X", "Category: Health") is at most this many words. */
const FILED_UNDER_MAX_WORDS = 12;
/** Lines pointing at a link ("Click here", "More AP NBA: https://...") are at most this many words; longer ones are prose with a link. */
const LINK_PROMPT_MAX_WORDS = 25;
/** The longest button glued to a quote ("share this quote"), to look for it cheaply. */
const WIDGET_SUFFIX_MAX_CHARS = 20;
/** A list heading with at least this many short lines under it has its list removed too (one line could be a subheading). */
const RELATED_LIST_MIN_ITEMS = 2;
/** The words every "click here" line has, looked for before the full pattern. */
const HERE_HINT = /here|hier|ici|aqu[ií]|qui|здесь/i;
/** A site's name before a list label ("Entermedia 주요뉴스") is at most this many words. */
const SITE_NAME_MAX_WORDS = 2;
/** Two or more "[INSIGHT]"/"[VIDEO]" tags on one line make it a line of teasers ... */
const TEASER_TAGS_MIN = 2;
/** ... when it is a row of headlines, at most this many words: a paragraph citing "[HTTP]" and "[BEARER]" is a specification's prose. */
const TEASER_ROW_MAX_WORDS = 40;
/** A line whose addresses are at least this share of its characters, one of them an image, is a media dump. */
const URL_DUMP_SHARE = 0.5;
/** A timestamp anywhere in the text ("Wednesday 20 November 2019 11:42, UK") is at most this many words ... */
const TIMESTAMP_MAX_WORDS = 8;
/** ... of which at most this many are not digits: a weekday, a month, a zone ("GMT", "Uhr", "UK"). */
const TIMESTAMP_MAX_OTHER_WORDS = 4;
const CLOCK_TIME = /\b\d{1,2}[:.h]\d{2}\b/;
/** A byline may end in a time ("By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m."): not a sentence's full stop. */
const CLOCK_END = /\b\d{1,2}(:\d{2})?\s*[ap]\.m\.$/i;
/** A teaser headline ending in what it links to: "... this power station [Video]". */
const TEASER_TAG_AT_END = /\[(videos?|photos?|pictures|gallery|watch|poll|podcast|audio)\]$/i;

export interface TextMetadata {
  readonly title: string | null;
  readonly byline: string | null;
  readonly published: string | null;
  readonly updated: string | null;
  readonly outlet: string | null;
  readonly publisher: string | null;
}

export interface CleanedText {
  readonly paragraphs: readonly string[];
  readonly removed: readonly RemovedBlock[];
  readonly metadata: TextMetadata;
}

interface Line {
  readonly index: number;
  readonly text: string;
  readonly key: string;
  readonly words: number;
  readonly sentence: boolean;
  reason: RemovalReason | null;
}

/** Marks that end a sentence (Latin, CJK, Arabic, Devanagari, Urdu) and the closers that may follow them. */
const SENTENCE_MARKS = new Set('.!?…。！？؟।۔');
const SENTENCE_CLOSERS = new Set('"”’»)]」』）》');

/**
 * Whether a line ends like a sentence: read from the end, so the cost does not grow with the line.
 * A space may stand before a closer ('... the Oscars. "', '... program. ”'): tokenised corpora
 * and some sites print quotes that way, and the line is still a finished sentence.
 */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && SENTENCE_CLOSERS.has(text[i]!)) {
    i--;
    while (i >= 0 && text[i] === ' ') i--;
  }
  return i >= 0 && SENTENCE_MARKS.has(text[i]!);
}
/** "MOSCOW (Reuters) -", "LONDON, Feb 24 (Reuters) -", a bare "(CNN) —", or an agency written in lower case ("(dpa) –"). */
const DATELINE_CREDIT =
  /^(?:[\p{Lu}][\p{Lu}\p{L} .'’-]{1,40}?(?:,\s*[\p{L}0-9 .]{1,30})?\s*)?\(([\p{Lu}][^)]{1,39}|dpa|afp|apa|epd|kna|sda)\)\s*[-–—]/u;
const CATEGORY_LINE = /^[\p{L}&.' -]{2,40}(\s*\|\s*[\p{L}&.' -]{2,40})+$/u;
const TODAY_LINE = /^(today|date|heute|aujourd'hui|hoy)\s*[:,-]\s*\S/i;
const TIMESTAMP_LINE =
  /^(updated|published|posted|last updated|first published|modified|aktualisiert|veröffentlicht|stand|mis à jour|publié|actualizado|publicado|aggiornato|pubblicato|atualizado|publicado|обновлено|опубликовано|更新|发布|發布|公開|更新日|تم التحديث|آخر تحديث|نشر)\s*(on|at|am|le|el|il|em|в|في)?\s*[:：\s]\s*(.*)$/i;
/** A timestamp line that states the last update rather than first publication. */
const UPDATE_LINE =
  /^(updated|last updated|modified|aktualisiert|stand|mis à jour|actualizado|aggiornato|atualizado|обновлено|更新|تم التحديث|آخر تحديث)/i;
const PLAYER_TIME = /^\d{1,2}:\d{2}(:\d{2})?(\s*\/\s*\d{1,2}:\d{2}(:\d{2})?)?$/;
const SOURCE_CREDIT = /^([\p{Lu}][\p{L}&.' ]{1,30}?)\s*[-–—|]\s*\1$/u;

function keyOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words, with unspaced Chinese and Japanese counted by characters, so length rules hold for them too. */
export function wordCount(text: string): number {
  let words = 0;
  let cjk = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isCjk(c)) {
      cjk++;
      inWord = false;
      continue;
    }
    // CJK punctuation and full-width forms separate words as spaces do.
    const space =
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 160 ||
      (c >= 0x3000 && c < 0x3040) ||
      (c >= 0xff00 && c <= 0xff20) ||
      (c >= 0xff3b && c <= 0xff40) ||
      (c >= 0xff5b && c <= 0xff65);
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return words + Math.ceil(cjk / CJK_CHARS_PER_WORD);
}

/** No widget label is longer than this (the longest label, plus a count like " (123)" and punctuation). */
const WIDGET_LABEL_MAX_CHARS = Math.max(...[...WIDGET_LABELS.keys()].map((label) => label.length)) + 12;

function widgetReason(text: string): RemovalReason | null {
  // Icon-font ligatures ("chevron_left Browse All Posts") are the icon, not words: the label is what is left.
  const bare = text.includes('_') ? text.replace(ICON_LIGATURES, '') : text;
  if (!bare.trim()) return 'page markup';
  let label = bare
    .toLowerCase()
    .replace(/[\s:;.,!|»›>：。…+-]+$/u, '')
    .replace(/^[\s•·»›>-]+/u, '')
    .replace(/\s*\((\d+|\+|\d+\+)\)$/, '')
    .replace(/^\d+\s+(?=comments?$)/, '');
  // Turkish İ lower-cases to i plus a combining dot: "İlgili haberler" is looked up as "ilgili haberler".
  if (label.includes('\u0307')) label = label.replace(/\u0307/g, '');
  const reason = WIDGET_LABELS.get(label);
  if (reason) return reason;
  // "Entermedia 주요뉴스", "WIRED Most Popular": a list label after the site's name. One common
  // English word alone ("Ukraine latest") is not enough: it could be a subheading.
  const words = label.split(' ');
  for (let drop = 1; drop <= SITE_NAME_MAX_WORDS && drop < words.length; drop++) {
    const rest = words.slice(drop).join(' ');
    if (WIDGET_LABELS.get(rest) === 'related headlines' && (words.length - drop >= 2 || !/^[a-z]/.test(rest))) return 'related headlines';
  }
  return null;
}

function isSocialPrompt(text: string): boolean {
  return SOCIAL_PROMPT_HINTS.some((hint) => text.includes(hint)) && SOCIAL_PROMPT.test(text);
}

function isContribution(text: string): boolean {
  return CONTRIBUTION_HINTS.some((hint) => text.includes(hint)) && CONTRIBUTION_LINE.test(text);
}

function isReaderPitch(text: string): boolean {
  return text.includes('you') && READER_PITCH.test(text);
}

/** A line made of addresses, one of them an image ("http://.../x.jpeg 1200 676 admin http://..."): a media dump. */
function isUrlDump(text: string): boolean {
  const images = text.match(IMAGE_URL);
  if (!images) return false;
  let urlChars = 0;
  for (const token of text.split(' ')) if (token.includes('//') || token.startsWith('www.')) urlChars += token.length;
  return urlChars >= text.length * URL_DUMP_SHARE;
}

/** A date with a time and little else, wherever it stands: "Wednesday 20 November 2019 11:42, UK". */
function isTimestamp(line: Line): boolean {
  const { text } = line;
  if (line.sentence || line.words > TIMESTAMP_MAX_WORDS || !CLOCK_TIME.test(text) || !/\d{4}|\d{1,2}\.\d{1,2}\./.test(text)) return false;
  return writtenDate(text, false) !== null && wordCount(text.replace(DATE_LINE_NOISE, ' ')) <= TIMESTAMP_MAX_OTHER_WORDS;
}

/** A quote with its "Click To Tweet" button glued on loses the button. */
function withoutWidgetSuffix(text: string): string {
  const tail = text.slice(-WIDGET_SUFFIX_MAX_CHARS).toLowerCase();
  return tail.includes('tweet') || tail.includes('quote') ? text.replace(WIDGET_SUFFIX, '') : text;
}

function cleanName(name: string): string {
  return name
    .replace(NAME_TAIL_NOISE, '')
    .replace(/[.,;:]+$/, '')
    .trim();
}

/**
 * One cheap look for the words every banner and disclosure needs (cookie, newsletter, rights,
 * moderation, an e-mail address, commission): the costlier multilingual patterns run only on the
 * few lines that have one.
 */
const BANNER_HINT =
  /cooki|куки|クッキー|الارتباط|consent|continuing|newsletter|bolet|rassegna|рассылк|公众号|公眾號|微信|ニュースレター|メルマガ|النشرة|inbox|postfach|boîte|boite|correo|mail|почт|telegram|телеграм|rights|rechte|droits|derechos|diritti|direitos|права|版权|版權|转载|転載|著作権|الحقوق|voorbehouden|zastrzeżone|hakları|전재|배포|सुरक्षित|hak cipta|moderat|moderad|modér|модер|@|affiliate|commission|share of|provision|if you (buy|purchase)/i;

/** Banners, sign-ups, disclosures and rights lines, in any of the languages the lexicon knows. */
function bannerReason(line: Line): RemovalReason | null {
  const { text } = line;
  if (line.words > PITCH_MAX_WORDS || !BANNER_HINT.test(text)) return null;
  if (COOKIE_LINE.test(text) || isCookieBanner(text)) return 'cookie banner';
  if (line.words <= BANNER_MAX_WORDS && SUBSCRIBE_VERB.test(text) && SUBSCRIPTION_OBJECT.test(text)) return 'newsletter sign-up';
  if (COMMENT_POLICY.test(text) && COMMENT_POLICY_TONE.test(text)) return 'comment widget';
  if (REACH_LINE.test(text)) return 'author contact';
  if (AFFILIATE_LINE.test(text)) return 'affiliate disclosure';
  if (line.words <= TITLE_MAX_WORDS && RIGHTS_RESERVED.test(text)) return 'copyright notice';
  return null;
}

/** A row of teaser headlines is short and does not end in a full stop; a sentence citing "[HTTP] and [BEARER]." does. */
function isTeaserRow(line: Line): boolean {
  return line.words <= TEASER_ROW_MAX_WORDS && !line.text.endsWith('.');
}

/** Pattern rules that hold wherever the line is. */
function patternReason(line: Line): RemovalReason | null {
  const { text } = line;
  // Chrome lines are short; a long sentence can only be a credit, a pitch, a banner or a copyright line.
  if (line.words > TITLE_MAX_WORDS && line.sentence) {
    if (line.words <= PROMO_MAX_WORDS && OPENING_PITCH.test(text)) return 'subscription offer';
    if (line.words > PITCH_MAX_WORDS) return null;
    if (PRODUCTION_CREDIT.test(text) || (line.words <= CONTRIBUTION_MAX_WORDS && isContribution(text))) return 'production credits';
    if (SIGN_UP_LINE.test(text) || SUBSCRIBE_PROMPT.test(text)) return 'newsletter sign-up';
    if (PITCH_LINE.test(text) || isReaderPitch(text)) return 'subscription offer';
    if (CONTACT_LINE.test(text) || isSocialPrompt(text)) return 'social links';
    // Sign-up and rights lines by their words alone are short (BANNER_MAX_WORDS): bannerReason skips them here.
    return bannerReason(line) ?? (COPYRIGHT.test(text) ? 'copyright notice' : null);
  }
  const widget = text.length <= WIDGET_LABEL_MAX_CHARS ? widgetReason(text) : null;
  if (widget) return widget;
  if (line.words <= INSERT_SPILL_MAX_WORDS * 2 && SHARE_LINE.test(text)) return 'share widget';
  if (DESK_CREDIT.test(text)) return 'production credits';
  if (line.words <= 6 && REPORTER_SIGN_OFF.test(text)) return 'author contact';
  if (INSERT_PREFIX.test(text) && line.words <= TITLE_MAX_WORDS) return 'related headlines';
  if (line.words <= 8 && TODAY_LINE.test(text) && writtenDate(text)) return 'site header';
  if (PLAYER_TIME.test(text)) return 'video player';
  if (line.words <= 5 && RELATIVE_TIME.test(text)) return 'timestamp line';
  if (line.words <= 5 && !line.sentence && POPULAR_HEADING.test(text)) return 'related headlines';
  if (line.words <= RELATED_HEADING_MAX_WORDS && !line.sentence && (RELATED_HEADING.test(text) || RELATED_NAMED_HEADING.test(text)))
    return 'related headlines';
  if (
    text.includes('[') &&
    ((isTeaserRow(line) && (text.match(TEASER_TAG)?.length ?? 0) >= TEASER_TAGS_MIN) || (!line.sentence && TEASER_TAG_AT_END.test(text)))
  )
    return 'related headlines';
  if (CLASS_TOKENS.test(text) || NO_WORD.test(text)) return 'page markup';
  if ((text.includes('...') || text.includes('…')) && TRUNCATED_TEASERS.test(text)) return 'related headlines';
  if (text.includes('//') && isUrlDump(text)) return 'page markup';
  if (AGENCY_LINE.test(text)) return 'production credits';
  if (isTimestamp(line)) return 'timestamp line';
  if (CATEGORY_LINE.test(text)) return 'category labels';
  if (PRODUCTION_CREDIT.test(text) || (line.words <= 12 && AGENCY_CREDIT.test(text))) return 'production credits';
  if (COPYRIGHT.test(text)) return 'copyright notice';
  if (BROUGHT_BY.test(text) && line.words <= 15) return 'syndication footer';
  if ((!line.sentence && line.words <= CAPTION_MAX_WORDS) || line.words <= TITLE_MAX_WORDS) {
    if (PHOTO_CREDIT.some((pattern) => pattern.test(text))) return 'photo caption or credit';
  }
  if (ROLE_LINE.test(text)) return 'author bio';
  if (CONTACT_LINE.test(text)) return 'author contact';
  if (isSocialPrompt(text)) return 'social links';
  if (SIGN_UP_LINE.test(text) || SUBSCRIBE_PROMPT.test(text)) return 'newsletter sign-up';
  if (PITCH_LINE.test(text) || isReaderPitch(text) || OPENING_PITCH.test(text)) return 'subscription offer';
  if (line.words <= CONTRIBUTION_MAX_WORDS && isContribution(text)) return 'production credits';
  if (line.words <= LINK_PROMPT_MAX_WORDS && (PROMO_URL.test(text) || (HERE_HINT.test(text) && HERE_LINK.test(text))))
    return 'call to action';
  if (ALSO_ON.test(text)) return 'related headlines';
  const banner = bannerReason(line);
  if (banner) return banner;
  if (TAG_LIST.test(text)) return 'tags';
  if (line.words <= FILED_UNDER_MAX_WORDS && FILED_UNDER.test(text)) return 'tags';
  if (line.words <= TITLE_MAX_WORDS && text.includes(':') && (text.match(META_LABEL)?.length ?? 0) >= 2) return 'tags';
  if (READING_TIME.test(text)) return 'page furniture';
  if (SHORTCODE.test(text)) return 'page markup';
  if (SOURCE_CREDIT.test(text)) return 'source credit';
  const stamp = TIMESTAMP_LINE.exec(text);
  if (stamp && line.words <= 12 && (stamp[3] === '' || /\d/.test(stamp[3]!))) return 'timestamp line';
  return null;
}

/** The date of a line that is a date and little else ("22. November 2026, 10:15 Uhr", "2026年11月22日 来源：新华网"). */
function dateLine(text: string, useChrono: boolean): string | null {
  if (!/\d{4}/.test(text)) return null;
  const date = writtenDate(text, useChrono);
  return date && wordCount(text.replace(DATE_LINE_NOISE, ' ')) <= DATE_LINE_MAX_OTHER_WORDS ? date : null;
}

/**
 * A menu of labels in a script without capitals, where the English "every word capitalised" test
 * cannot see it: short Chinese or Japanese labels ("首页 国内 国际 财经"), or Arabic nouns with
 * none of the small words a headline has ("الرئيسية سياسة اقتصاد رياضة").
 */
function looksLikeCaselessMenu(text: string): boolean {
  const labels = text.split(' ');
  if (labels.length < 3) return false;
  if (labels.every((label) => label.length <= CJK_MENU_LABEL_CHARS && /^[\u3040-\u30ff\u3400-\u9fff]+$/.test(label))) return true;
  return (
    labels.length <= ARABIC_MENU_MAX_LABELS &&
    labels.every((label) => /^[\u0600-\u06ff]+$/.test(label) && !ARABIC_FUNCTION_WORDS.has(label))
  );
}

function isCookieBanner(text: string): boolean {
  return COOKIE_WORD.test(text) && COOKIE_USE.test(text);
}

/** An author's bio sentence, in English or another language ("X ist Redakteurin ..."). */
function isBioSentence(line: Line): boolean {
  return line.words <= BIO_MAX_WORDS && (BIO_SENTENCE.test(line.text) || BIO_SENTENCE_OTHER.test(line.text));
}

/** A paragraph about the page's own author: "Eric Song is IGN's deal curator ...", "Mike Wall's book ... is out now". */
function isAboutAuthor(line: Line, people: readonly string[]): boolean {
  // A full name only: a first name alone is too often someone else in the story.
  return (
    line.words <= BIO_MAX_WORDS &&
    people.some((name) => name.includes(' ') && line.text.startsWith(name) && AUTHOR_BIO_VERB.test(line.text.slice(name.length)))
  );
}

/** "Regan is a Connecticut native now living in ... with her husband, two sons and two cats." */
function isLifeBio(line: Line): boolean {
  return line.words <= BIO_MAX_WORDS && BIO_LIFE_OPENING.test(line.text) && BIO_HOME.test(line.text) && BIO_PERSONAL.test(line.text);
}

/**
 * Bio paragraphs after the story: walking back from the end over chrome and short lines, each
 * bio is marked, up to the story's last paragraph of prose. A bio sentence inside the story
 * ("X is a reporter for Y", quoted as news) is never reached. Returns the outlet a bio names.
 */
function markTrailingBios(lines: readonly Line[], people: readonly string[]): string | null {
  let outlet: string | null = null;
  let found = 0;
  for (let i = lines.length - 1; i >= 0 && found < TRAILING_BIOS_MAX; i--) {
    const line = lines[i]!;
    if (line.reason) continue;
    if (!endsQuotation(line.text) && (isBioSentence(line) || isAboutAuthor(line, people) || isLifeBio(line))) {
      line.reason = 'author bio';
      found++;
      const credit = BIO_OUTLET.exec(line.text);
      if (credit) outlet ??= cleanName(credit[1]!.split(/\.\s/)[0]!);
      continue;
    }
    if (line.sentence && line.words >= BODY_MIN_WORDS) break;
  }
  return outlet;
}

/**
 * Whether a line closes a quotation opened on a line before it ('Hugh is the ideal choice to host
 * ... and to have fun doing it."'): it is someone's words in the story, not a bio.
 */
function endsQuotation(text: string): boolean {
  let straight = 0;
  let depth = 0;
  for (const c of text) {
    if (c === '"') straight++;
    else if (c === '“') depth++;
    else if (c === '”' && --depth < 0) return true;
  }
  return straight % 2 === 1 && !text.startsWith('"');
}

/** A paragraph the page's metadata gives as its author's description (JSON-LD Person), wherever it stands. */
function isStatedBio(text: string, bios: readonly string[]): boolean {
  if (text.length < STATED_BIO_MIN_CHARS) return false;
  const lower = text.toLowerCase();
  return bios.some((bio) => {
    const b = bio.toLowerCase();
    return (
      b.startsWith(lower) ||
      lower.startsWith(b) ||
      (lower.length >= STATED_BIO_MIN_CHARS * 2 && b.startsWith(lower.slice(0, STATED_BIO_MIN_CHARS * 2)))
    );
  });
}

/**
 * A plain-text page (or HTML read as text) as lines, each kept or removed with a reason, and the
 * metadata its chrome states. Each step is a function, called in order.
 */
export function cleanPlainText(raw: string): CleanedText {
  // 1. Lines, hard-wrapped paragraphs joined.
  const lines = readLines(raw);
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line.key, (counts.get(line.key) ?? 0) + 1);
  // 2. Patterns that are chrome wherever they stand; author bio sentences after the story ("X is a senior reporter for Y.").
  for (const line of lines) line.reason = patternReason(line);
  const bioOutlet = markTrailingBios(lines, []);
  // 3. Where the story is: from the first to the last line of prose not already chrome.
  const story = storySpan(lines);
  // 4. The title: the first headline-like line before the story, preferring one the page repeats.
  const titleLine = markTitle(lines, story);
  // 5. Lines before the title are the site's header; the first one names the site.
  const publisher = titleLine ? markSiteHeader(lines, titleLine) : null;
  // 6. Repeats: a headline or caption shown again mid-text; a paragraph printed twice.
  markRepeats(lines, counts, titleLine);
  // 7. Bylines, dates and credits around the head of the story.
  const head = markHead(lines, counts, story, titleLine);
  // 8. Inserts and lists after a "related" label; a paragraph about the byline's own person after the story.
  markInsertLists(lines);
  if (head.byline) markTrailingBios(lines, head.byline.split(' and '));
  // 9. After the story: short non-prose lines are the page's footer.
  if (story.hasBody) markFooter(lines, story.lastBody);
  // 10. Credits the chrome states: a dateline's agency wins, then a byline's, a bio, a syndication footer.
  const outlet = datelineOutlet(lines) || head.credit || bioOutlet || syndicationOutlet(lines);

  const paragraphs = lines.filter((line) => !line.reason).map((line) => line.text);
  const removed = lines.filter((line) => line.reason).map((line) => ({ text: line.text, reason: line.reason! }));
  const { byline, published, updated } = head;
  return { paragraphs, removed, metadata: { title: titleLine?.text ?? null, byline, published, updated, outlet, publisher } };
}

interface StorySpan {
  readonly hasBody: boolean;
  /** Index of the first and last line of prose (meaningful when hasBody). */
  readonly firstBody: number;
  readonly lastBody: number;
}

/** Step 1. */
function readLines(raw: string): Line[] {
  const lines: Line[] = [];
  for (const rawLine of joinWrappedLines(raw.replace(/\r\n?/g, '\n').split('\n'))) {
    const text = withoutWidgetSuffix(rawLine.replace(/[\u00a0\t ]+/g, ' ').trim());
    if (!text) continue;
    lines.push({ index: lines.length, text, key: keyOf(text), words: wordCount(text), sentence: endsSentence(text), reason: null });
  }
  return lines;
}

/** Step 3. */
function storySpan(lines: readonly Line[]): StorySpan {
  const firstBody = lines.findIndex(isBodyProse);
  const lastBody = lines.length - 1 - [...lines].reverse().findIndex(isBodyProse);
  return { hasBody: firstBody >= 0, firstBody, lastBody };
}

/** Step 4: marks the title line and returns it. */
function markTitle(lines: readonly Line[], story: StorySpan): Line | null {
  const headlineLike = (line: Line) =>
    !line.reason &&
    !line.sentence &&
    line.words >= TITLE_MIN_WORDS &&
    line.words <= TITLE_MAX_WORDS &&
    !/[:;]$/.test(line.text) &&
    !isPersonName(line.text) &&
    !writtenDate(line.text);
  const lead = story.hasBody ? lines.slice(0, story.firstBody) : lines.slice(0, Math.min(lines.length, 3));
  const leadHeadlines = lead.filter(headlineLike);
  const looksLikeSiteName = (line: Line) =>
    (line.words <= 6 && !/[,'’:?!]/.test(line.text) && line.text.split(' ').every((w) => /^[\p{Lu}\p{N}&]/u.test(w))) ||
    looksLikeCaselessMenu(line.text);
  const titleLine =
    leadHeadlines.find((line) => !looksLikeSiteName(line)) ?? leadHeadlines.find((line) => line.words >= TITLE_MIN_WORDS + 1) ?? null;
  if (titleLine) titleLine.reason = 'headline';
  return titleLine;
}

/** Step 5: marks the lines above the title; returns the site's name they give. */
function markSiteHeader(lines: readonly Line[], titleLine: Line): string | null {
  let publisher: string | null = null;
  for (const line of lines.slice(0, titleLine.index)) {
    if (line.reason && line.reason !== 'site header') continue;
    if (line.sentence && line.words >= BODY_MIN_WORDS) continue;
    // A date above the headline ("May 2, 2013, 1:12 PM") is the publication date (step 7), not the site.
    if (!line.reason && line.words <= HEAD_LINE_MAX_WORDS && dateLine(line.text, true)) continue;
    if (!publisher && line.words <= 6 && !TODAY_LINE.test(line.text)) publisher = line.text;
    line.reason = line.index === 0 || publisher === line.text || TODAY_LINE.test(line.text) ? 'site header' : 'site navigation';
  }
  return publisher;
}

/** Step 6. */
function markRepeats(lines: readonly Line[], counts: ReadonlyMap<string, number>, titleLine: Line | null): void {
  const seen = new Set<string>();
  for (const line of lines) {
    const repeated = (counts.get(line.key) ?? 0) > 1;
    if (repeated && line.key && !line.reason) {
      if (!line.sentence || line.key === titleLine?.key)
        line.reason = line.words <= 4 && isPersonName(line.text) ? 'byline' : 'repeated headline or caption';
      else if (seen.has(line.key)) line.reason = 'repeated paragraph';
    } else if (repeated && line.key === titleLine?.key && line !== titleLine) line.reason = 'repeated headline or caption';
    seen.add(line.key);
  }
}

interface StoryHead {
  readonly byline: string | null;
  readonly published: string | null;
  readonly updated: string | null;
  /** The outlet a byline credits ("By Ann Lee, Reuters"). */
  readonly credit: string | null;
}

/** Step 7: bylines, dates and credits from the top of the page to the second paragraph of prose. */
function markHead(lines: readonly Line[], counts: ReadonlyMap<string, number>, story: StorySpan, titleLine: Line | null): StoryHead {
  let byline: string | null = null;
  let published: string | null = null;
  let updated: string | null = null;
  let credit: string | null = null;
  // The head runs to the second paragraph of prose: a dek often comes before the byline.
  const secondBody = lines.findIndex((line, i) => i > story.firstBody && isBodyProse(line));
  const headEnd = !story.hasBody ? lines.length : secondBody >= 0 ? secondBody + 1 : story.firstBody + 2;
  for (const line of lines.slice(0, Math.max(headEnd, titleLine ? titleLine.index + 1 : 0))) {
    const by = BYLINE_PREFIX.test(line.text) && line.words <= 14 && (!line.sentence || CLOCK_END.test(line.text));
    if (by && (!line.reason || line.reason === 'headline')) {
      byline ??= normalizeByline(line.text);
      credit ??= bylineCredit(line.text);
      if (/\d{4}/.test(line.text)) published ??= writtenDate(line.text);
      if (line.reason !== 'headline') line.reason = 'byline';
      continue;
    }
    if (line.reason === 'byline') {
      byline ??= normalizeByline(line.text);
      continue;
    }
    if (line.reason === 'timestamp line') {
      const stamp = TIMESTAMP_LINE.exec(line.text);
      // A labelled stamp ("Updated: ...") or a bare date with its time ("22. November 2026, 10:15 Uhr").
      const date = stamp?.[3] ? writtenDate(stamp[3]) : stamp ? null : dateLine(line.text, true);
      if (date && UPDATE_LINE.test(line.text)) updated ??= date;
      else if (date) published ??= date;
      continue;
    }
    if (line.reason) continue;
    const date = !line.sentence && line.words <= HEAD_LINE_MAX_WORDS ? dateLine(line.text, true) : null;
    if (date) {
      published ??= date;
      line.reason = 'date line';
      continue;
    }
    if (!line.sentence && line.words <= 8) {
      const nearStamp = lines
        .slice(Math.max(0, line.index - BYLINE_WINDOW), line.index + BYLINE_WINDOW + 1)
        .some((l) => l.reason === 'timestamp line' || l.reason === 'headline' || l.reason === 'byline');
      if (isPersonName(line.text) && (nearStamp || (counts.get(line.key) ?? 0) > 1)) {
        byline ??= normalizeByline(line.text);
        line.reason = 'byline';
        continue;
      }
      if (story.hasBody && line.index < story.firstBody && titleLine && line.index > titleLine.index) line.reason = 'page header';
    }
  }
  return { byline, published, updated, credit };
}

/** Step 8: what follows a "related"/"popular" label up to the next prose; an "Also Read" headline that spills onto a second short line. */
function markInsertLists(lines: readonly Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.reason !== 'related headlines') continue;
    for (let j = i + 1; j < lines.length; j++) {
      const next = lines[j]!;
      if (isBodyProse(next)) break;
      const spill = INSERT_PREFIX.test(line.text) && j === i + 1 && next.words <= INSERT_SPILL_MAX_WORDS && !next.sentence;
      if (!next.reason && (!next.sentence || spill || next.words < BODY_MIN_WORDS)) next.reason = 'related headlines';
      else if (!next.reason) break;
      if (INSERT_PREFIX.test(line.text) && !spill) break;
    }
  }
}

/**
 * Step 9: short non-prose lines after the story are the page's footer; a name before a bio is the
 * bio. The story's own closing lines straight after its last long paragraph stay, up to the first
 * chrome line: a short sentence ("Good luck, Tara."), the rest of a quote ('"Obviously we\'re
 * disappointed.'), a lead-in to a quote ("The judge had advice for him:"), a long paragraph that
 * lost its full stop. A footer is links, labels and names; those are not sentences.
 */
function markFooter(lines: readonly Line[], lastBody: number): void {
  let closing = true;
  for (const line of lines.slice(lastBody + 1)) {
    if (line.reason) {
      closing = false;
      continue;
    }
    if (closing && isClosingLine(line)) continue;
    closing = false;
    if (isPersonName(line.text) && line.words <= 4) line.reason = 'author bio';
    else if (!line.sentence || line.words < BODY_MIN_WORDS) line.reason = 'page footer';
  }
}

/**
 * A line of the story's ending: a sentence of two words or more, a lead-in ending in a colon, or a
 * long unfinished paragraph. A short one that speaks of the page ("Print this page.") is the site's.
 */
function isClosingLine(line: Line): boolean {
  if (isPersonName(line.text)) return false;
  if (line.words < CLOSING_PLAIN_MIN_WORDS && (WEB_ACTION.test(line.text) || WEB_THING.test(line.text))) return false;
  if (line.sentence) return line.words >= CLOSING_SENTENCE_MIN_WORDS;
  if (line.text.endsWith(':')) return line.words >= CLOSING_LEAD_IN_MIN_WORDS;
  return line.words >= CLOSING_UNFINISHED_MIN_WORDS && /\p{Ll}/u.test(line.text);
}

/** Step 10: the agency of the story's first dateline ("MOSCOW (Reuters) -"). */
function datelineOutlet(lines: readonly Line[]): string | null {
  for (const line of lines) {
    if (line.reason) continue;
    const dateline = DATELINE_CREDIT.exec(line.text);
    if (dateline) return cleanName(dateline[1]!.replace(/\s*[,/].*$/, ''));
  }
  return null;
}

/** Step 10, last resort: a syndication footer among the removed lines ("Brought to you by ..."). */
function syndicationOutlet(lines: readonly Line[]): string | null {
  for (const line of lines) {
    const credit = BROUGHT_BY.exec(line.text);
    if (credit && line.reason) return cleanName(credit[1]!);
  }
  return null;
}

function isBodyProse(line: Line): boolean {
  return !line.reason && line.sentence && line.words >= BODY_MIN_WORDS;
}

/** Hard-wrapped text (lines cut at ~70 columns) becomes one line per paragraph. */
function joinWrappedLines(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const previous = out[out.length - 1];
    const trimmed = line.trim();
    if (
      previous !== undefined &&
      trimmed &&
      previous.length >= 50 &&
      !endsSentence(previous.trim()) &&
      /^[\p{Ll}]/u.test(trimmed) &&
      /[\p{L},;]$/u.test(previous.trim())
    ) {
      out[out.length - 1] = `${previous.trimEnd()} ${trimmed}`;
    } else out.push(line);
  }
  return out;
}

/**
 * Chrome lines that survive HTML extraction (a "Share This" paragraph, a photo credit, an "Also
 * Read" insert, a bio sentence): the same pattern rules as plain text, without the page-layout
 * rules (title, header, footer) that HTML structure already handled.
 */
export interface FilteredParagraphs {
  readonly kept: string[];
  readonly removed: RemovedBlock[];
  readonly bioOutlet: string | null;
  /** A byline line above the story ("Von Anna Schmidt"), as people. */
  readonly byline: string | null;
  /** A date line above the story ("22. November 2026, 10:15 Uhr"). */
  readonly published: string | null;
  /** An update line above the story ("Aktualisiert am 23.11.2026"). */
  readonly updated: string | null;
}

export function filterChromeParagraphs(
  paragraphs: readonly string[],
  statedByline: string | null = null,
  statedBios: readonly string[] = [],
): FilteredParagraphs {
  // HTML paragraphs are not compared with each other (below): they need no key.
  const lines: Line[] = paragraphs.map((paragraph, index) => {
    const text = withoutWidgetSuffix(paragraph);
    return { index, text, key: '', words: wordCount(text), sentence: endsSentence(text), reason: null };
  });
  // A paragraph the page's markup prints twice stays twice: it is in the story twice (a pull
  // quote, a refrain), and the benchmarks' gold texts count it twice (dropping repeats cost AEB
  // 0.003 F1 and Readability's test pages 0.03 ROUGE).
  for (const line of lines) {
    line.reason = patternReason(line);
    if (!line.reason && statedBios.length > 0 && isStatedBio(line.text, statedBios)) line.reason = 'author bio';
  }
  const statedPeople = statedByline?.split(' and ') ?? [];
  const bioOutlet = markTrailingBios(lines, statedPeople);
  // Late in the text, a "Related"/"Popular" label or an "About <company>" heading starts the
  // page's trailing sections: everything from there on is chrome.
  const total = lines.reduce((n, l) => n + l.text.length, 0);
  // The last paragraph of long prose: a label before it has story after it.
  let lastLongProse = -1;
  for (const line of lines) if (!line.reason && line.sentence && line.words >= TRAILING_PROSE_WORDS) lastLongProse = line.index;
  let before = 0;
  for (const line of lines) {
    const proseFollows = line.index < lastLongProse;
    // "About Acme" counts only when the next paragraph is about Acme ("Acme is a ..."), so a
    // subheading like "About the deal" inside a story is not taken for boilerplate.
    const about = !line.reason ? ABOUT_HEADING.exec(line.text) : null;
    const next = lines[line.index + 1];
    const aboutSection = about !== null && (/^(the authors?|us)$/i.test(about[1]!) || (next?.text.startsWith(about[1]!) ?? false));
    // A label with its headline on the same line ("Lire aussi : ...") is one insert, not the start of a section.
    const sectionLabel = line.reason === 'related headlines' && !proseFollows && !INSERT_PREFIX.test(line.text);
    if (before >= total * TRAILING_SECTION_START && line.words <= 8 && (sectionLabel || aboutSection)) {
      const reason = line.reason ?? 'press-release boilerplate';
      for (const rest of lines.slice(line.index)) rest.reason ??= reason;
      break;
    }
    before += line.text.length;
  }
  // Before the first paragraph of prose: a byline, a date line or a label ("BREAKING NEWS").
  let byline: string | null = null;
  let published: string | null = null;
  let updated: string | null = null;
  for (const line of lines) {
    if (line.sentence && line.words >= BODY_MIN_WORDS) break;
    if ((line.reason && line.reason !== 'timestamp line') || line.words > HEAD_LINE_MAX_WORDS) continue;
    if (!line.reason && BYLINE_PREFIX.test(line.text) && (!line.sentence || CLOCK_END.test(line.text)) && line.words <= 12) {
      line.reason = 'byline';
      byline ??= normalizeByline(line.text);
      // "By Ann Lee | November 22, 2026": the byline line can carry the date.
      if (/\d{4}/.test(line.text)) published ??= writtenDate(line.text, false);
      continue;
    }
    // Month names and numeric forms only: this runs on every HTML page, chrono-node is too slow for that.
    const date = !line.sentence ? dateLine(line.text.replace(TIMESTAMP_LABEL, ''), false) : null;
    if (date) {
      line.reason ??= 'date line';
      if (UPDATE_LINE.test(line.text)) updated ??= date;
      else published ??= date;
    } else if (!line.reason && !line.sentence && line.text === line.text.toUpperCase() && /\p{Lu}/u.test(line.text) && line.words <= 4)
      line.reason = 'section label';
  }
  // A heading over other stories ("More Great WIRED Stories") and the short lines under it, up to the next prose.
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (
      line.reason !== 'related headlines' ||
      line.words > RELATED_HEADING_MAX_WORDS ||
      INSERT_PREFIX.test(line.text) ||
      CONTINUE_BUTTON.test(line.text)
    )
      continue;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.reason && !isBodyProse(lines[end]!)) end++;
    if (end - i - 1 >= RELATED_LIST_MIN_ITEMS) for (let j = i + 1; j < end; j++) lines[j]!.reason = 'related headlines';
  }
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1]!;
    if (
      line.reason === 'related headlines' &&
      INSERT_PREFIX.test(line.text) &&
      !next.reason &&
      !next.sentence &&
      next.words <= INSERT_SPILL_MAX_WORDS
    )
      next.reason = 'related headlines';
  }
  // The byline printed again in the body ("Ann Lee", "By Ann Lee", "Ann Lee, Transport Correspondent").
  const people = (statedByline ?? byline)?.split(' and ') ?? [];
  if (!statedByline && people.length > 0) markTrailingBios(lines, people);
  if (people.length > 0) {
    for (const line of lines) {
      if (line.reason || line.sentence || line.words > REPEATED_BYLINE_MAX_WORDS) continue;
      const text = line.text.replace(BYLINE_PREFIX_ONLY, '');
      if (people.some((name) => text === name || (text.startsWith(name) && /^\s*[,|–—-]/.test(text.slice(name.length)))))
        line.reason = 'byline';
    }
  }
  return {
    kept: lines.filter((l) => !l.reason).map((l) => l.text),
    removed: lines.filter((l) => l.reason).map((l) => ({ text: l.text, reason: l.reason! })),
    bioOutlet,
    byline,
    published,
    updated,
  };
}

/** The agency a dateline credits: "MOSCOW (Reuters) -" -> "Reuters". */
export function datelineCredit(paragraph: string): string | null {
  const match = DATELINE_CREDIT.exec(paragraph);
  return match ? cleanName(match[1]!.replace(/\s*[,/].*$/, '')) : null;
}
