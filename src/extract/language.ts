// A small, honest language detector: the writing system decides where it is unique (Greek,
// Hebrew, Thai, Hangul, kana); within a script, the share of each language's commonest words
// decides. Returns null when the evidence is thin rather than guessing.

/** Fewer words than this and the stop-word vote is noise. */
const MIN_WORDS = 8;
/** The winner's stop-word share must be at least this to be believed. */
const MIN_STOPWORD_SHARE = 0.08;
/** How much text to look at: language does not change mid-article, and 2,000 characters hold ~300 words. */
const SAMPLE_CHARS = 2000;

const STOPWORDS: Record<string, string> = {
  en: 'the of and to in is that for it was on with as by he at from his are be this have an has not but they were which their had said its who will would been more also',
  de: 'der die und das ist nicht den von mit zu sich des auf für ein eine dem im sie es auch als wird bei hat wie werden aus nach einem noch über sind',
  fr: 'le la les et des est un une du que en dans pour qui pas sur au par il ne se plus avec sont ont mais cette ce aux été elle son',
  es: 'el la de que en los las del se por un una con para es su al lo como más pero sus le ha fue este entre también sin sobre ya',
  pt: 'de que o a os do da em um uma para com não é no na se por mais as dos das ao como mas foi ele ser tem sua também',
  it: 'il di che la è e per un una non in del della con sono si da le gli al dei ha anche come più ma questo alla nel',
  nl: 'de het een van en in is dat op te niet voor met zijn die er aan ook als bij door maar om dan nog wordt werd heeft',
  sv: 'och att det som en på är av för med till den har inte om ett var men från de sig så kan vid ska eller',
  da: 'og at det er en på til med af for den ikke som har de var vil et om fra men kan sig der også efter',
  no: 'og at det er en på til med av for den ikke som har de var vil et om fra men kan seg også etter ble',
  pl: 'i w nie się na to że z do jest jak o a po co tak są od za przez już ale dla który jego może',
  cs: 'a se na je že v to s z do o i jak ale by jsou pro tak od které jeho po byl už',
  ro: 'și de la în a că cu nu pe un o din este se mai care pentru au fost sau fi lui',
  tr: 've bir bu da de için ile çok olarak ne ama daha gibi olan en kadar sonra var değil',
  id: 'yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada bisa oleh mereka',
  fi: 'ja on ei se että oli hän mutta kun niin myös ovat tai jo sen ole vain joka',
  hu: 'a az és hogy nem is egy de meg van volt már csak el mint ki még azt',
  ru: 'и в не на что с по это как он а к но из у за от о так же для то все было его она был или',
  uk: 'і в не на що з та це як до у за від по але його так він для що є вона також які',
  bg: 'и на в да се за с от не е че по са това като но му които след ще',
  sr: 'и у да је на се за са не од то као из али су био који',
};

const CYRILLIC_LANGS = new Set(['ru', 'uk', 'bg', 'sr']);
const LANGS = Object.keys(STOPWORDS);
/** Each stop word with the languages it belongs to: one lookup per word of the text. */
const WORD_LANGS = new Map<string, number[]>();
LANGS.forEach((lang, index) => {
  for (const word of STOPWORDS[lang]!.split(' ')) WORD_LANGS.set(word, [...(WORD_LANGS.get(word) ?? []), index]);
});

/** Writing systems that name one language (or a few told apart below), by code-point range. */
const SCRIPTS: readonly [number, number, string][] = [
  [0x3040, 0x30ff, 'ja'],
  [0xac00, 0xd7af, 'ko'],
  [0x4e00, 0x9fff, 'zh'],
  [0x0370, 0x03ff, 'el'],
  [0x0590, 0x05ff, 'he'],
  [0x0e00, 0x0e7f, 'th'],
  [0x0900, 0x097f, 'hi'],
  [0x0980, 0x09ff, 'bn'],
  [0x0600, 0x06ff, 'ar'],
  [0x0400, 0x04ff, 'cyrillic'],
];

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const counts = new Map<string, number>();
  let letters = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c < 0x41) continue;
    if (c < 0x80) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) letters++;
      continue;
    }
    // Punctuation and spaces outside ASCII (curly quotes, dashes, no-break space) are not letters.
    if (c === 0xa0 || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f)) continue;
    letters++;
    for (const [from, to, script] of SCRIPTS) {
      if (c >= from && c <= to) {
        counts.set(script, (counts.get(script) ?? 0) + 1);
        break;
      }
    }
  }
  if (letters < 20) return null;
  // Kana is decisive for Japanese even where kanji dominate.
  if ((counts.get('ja') ?? 0) > letters * 0.05) return 'ja';
  for (const [script, count] of counts) {
    if (script === 'cyrillic' || count <= letters * 0.3) continue;
    if (script === 'ar') return /[پچژگ]/.test(sample) ? 'fa' : /[ٹڈڑںے]/.test(sample) ? 'ur' : 'ar';
    return script;
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const cyrillic = (counts.get('cyrillic') ?? 0) > letters * 0.3;
  const hits = new Array<number>(LANGS.length).fill(0);
  for (const word of words) {
    const langs = WORD_LANGS.get(word);
    if (langs) for (const index of langs) hits[index]!++;
  }
  let best: string | null = null;
  let bestScore = 0;
  LANGS.forEach((lang, index) => {
    if (CYRILLIC_LANGS.has(lang) !== cyrillic) return;
    let score = hits[index]! / words.length;
    // Letters unique to one language break near-ties (Ukrainian і/ї/є, Russian ы/э).
    if (lang === 'uk' && /[їєі]/.test(sample)) score += 0.05;
    if (lang === 'ru' && /[ыэъ]/.test(sample)) score += 0.05;
    if (score > bestScore) {
      bestScore = score;
      best = lang;
    }
  });
  return bestScore >= MIN_STOPWORD_SHARE ? best : null;
}
