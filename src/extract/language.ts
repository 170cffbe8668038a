// A small, honest language detector: the writing system decides where it is unique (Greek,
// Hebrew, Thai, Hangul, kana); within a script, the share of each language's commonest words
// decides. Returns null when the evidence is thin rather than guessing.

/** Fewer words than this and the stop-word vote is noise. */
const MIN_WORDS = 8;
/** The winner's stop-word share must be at least this to be believed. */
const MIN_STOPWORD_SHARE = 0.08;
/** How much text to look at: language does not change mid-article. */
const SAMPLE_CHARS = 4000;

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

const TABLES: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(STOPWORDS).map(([lang, words]) => [lang, new Set(words.split(' '))]),
);

const SCRIPT_LANGS: [RegExp, string | null][] = [
  [/[\u3040-\u30ff]/g, 'ja'],
  [/[\uac00-\ud7af]/g, 'ko'],
  [/[\u4e00-\u9fff]/g, 'zh'],
  [/[\u0370-\u03ff]/g, 'el'],
  [/[\u0590-\u05ff]/g, 'he'],
  [/[\u0e00-\u0e7f]/g, 'th'],
  [/[\u0900-\u097f]/g, 'hi'],
  [/[\u0980-\u09ff]/g, 'bn'],
  [/[\u0600-\u06ff]/g, 'ar'],
];

export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, SAMPLE_CHARS);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 20) return null;
  // Kana is decisive for Japanese even where kanji dominate.
  const kana = sample.match(/[\u3040-\u30ff]/g)?.length ?? 0;
  if (kana > letters * 0.05) return 'ja';
  for (const [pattern, lang] of SCRIPT_LANGS) {
    const count = sample.match(pattern)?.length ?? 0;
    if (count > letters * 0.3) {
      if (lang === 'ar') return /[پچژگ]/.test(sample) ? 'fa' : /[ٹڈڑںے]/.test(sample) ? 'ur' : 'ar';
      return lang;
    }
  }
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < MIN_WORDS) return null;
  const cyrillic = (sample.match(/[\u0400-\u04ff]/g)?.length ?? 0) > letters * 0.3;
  let best: string | null = null;
  let bestScore = 0;
  for (const [lang, table] of Object.entries(TABLES)) {
    const isCyrillic = lang === 'ru' || lang === 'uk' || lang === 'bg' || lang === 'sr';
    if (isCyrillic !== cyrillic) continue;
    let hits = 0;
    for (const word of words) if (table.has(word)) hits++;
    let score = hits / words.length;
    // Letters unique to one language break near-ties (Ukrainian і/ї/є, Russian ы/э).
    if (lang === 'uk' && /[їєі]/.test(sample)) score += 0.05;
    if (lang === 'ru' && /[ыэъ]/.test(sample)) score += 0.05;
    if (score > bestScore) {
      bestScore = score;
      best = lang;
    }
  }
  return bestScore >= MIN_STOPWORD_SHARE ? best : null;
}
