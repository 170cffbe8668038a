// Word lists the claim extractor reads: attribution cues, roles, organisations, first names by
// gender. Data kept apart from logic (see STYLE.md); every list is lower case.

/** Verbs of saying (every inflection) that attach a quote or a reported clause to its speaker. */
const CUE_LEMMAS = [
  'say', 'tell', 'add', 'state', 'note', 'write', 'continue', 'explain', 'argue', 'ask', 'insist',
  'claim', 'warn', 'declare', 'announce', 'recall', 'acknowledge', 'admit', 'suggest', 'emphasize',
  'emphasise', 'stress', 'comment', 'remark', 'reply', 'respond', 'answer', 'tweet', 'post', 'exclaim',
  'shout', 'joke', 'quip', 'predict', 'promise', 'vow', 'concede', 'conclude', 'observe', 'recount',
  'complain', 'boast', 'assert', 'maintain', 'mention', 'testify', 'confirm', 'deny', 'report', 'counter',
  'scoff', 'muse', 'caution', 'allege', 'contend', 'agree', 'urge', 'pledge', 'charge', 'retort',
  'reiterate', 'begin', 'yell', 'whisper', 'lament', 'proclaim', 'indicate', 'point', 'chime',
  'interject', 'quote', 'email', 'text', 'tout', 'demand', 'plead', 'cry', 'read', 'describe', 'estimate',
  'believe', 'think', 'hope', 'fear', 'worry', 'hint', 'tease', 'brag', 'call', 'thank', 'accuse',
  'praise', 'criticize', 'criticise', 'slam', 'blast', 'dismiss', 'condemn', 'mock', 'label', 'recommend',
  'propose', 'encourage', 'question', 'wonder', 'reveal', 'disclose', 'hail', 'welcome', 'boom',
  'thunder', 'sing', 'chant', 'share', 'blog', 'message', 'inform', 'assure', 'advise', 'repeat', 'press',
  'start', 'interrupt', 'affirm', 'react', 'fume', 'blame', 'vent', 'preach', 'needle', 'scold', 'chide',
  'lecture', 'characterize', 'characterise', 'cite', 'refer', 'list', 'snap', 'laugh', 'sigh', 'gush',
  'rave', 'marvel', 'opine', 'surmise', 'speculate', 'clarify', 'summarize', 'anticipate', 'project',
  'forecast',
] as const;

const IRREGULAR: Record<string, readonly string[]> = {
  say: ['said', 'says', 'saying'],
  tell: ['told', 'tells', 'telling'],
  write: ['wrote', 'writes', 'writing', 'written'],
  begin: ['began', 'begins'],
  read: ['reads'],
  sing: ['sang', 'sings', 'singing', 'sung'],
  share: ['shared', 'shares', 'sharing'],
  think: ['thinks', 'thought'],
  testify: ['testified', 'testifies'],
  reply: ['replied', 'replies'],
  deny: ['denied', 'denies'],
  cry: ['cried', 'cries'],
  admit: ['admitted', 'admits'],
  quip: ['quipped', 'quips'],
  plead: ['pleaded', 'pleads', 'pled'],
  snap: ['snapped', 'snaps'],
  blog: ['blogged', 'blogs'],
  label: ['labeled', 'labelled', 'labels', 'labeling'],
  refer: ['referred', 'refers', 'referring'],
};

function inflections(lemma: string): string[] {
  if (IRREGULAR[lemma]) return [...IRREGULAR[lemma]!];
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const s = /(?:s|sh|ch|x)$/.test(lemma) ? `${lemma}es` : `${lemma}s`;
  return [lemma, s, `${stem}ed`, `${stem}ing`];
}

/** Every inflected cue word, mapped to its lemma. */
export const CUE_WORDS: ReadonlyMap<string, string> = new Map(
  CUE_LEMMAS.flatMap((lemma) => [lemma, ...inflections(lemma)].map((form) => [form, lemma] as const)),
);

/**
 * Verbs of judging, naming, believing or relaying rather than saying: a short fragment inside a
 * noun phrase after them ("called it a “deal”") is a term, not speech.
 */
export const WEAK_CUES: ReadonlySet<string> = new Set([
  'anticipate', 'project', 'forecast',
  'call', 'thank', 'accuse', 'praise', 'criticize', 'criticise', 'slam', 'blast', 'dismiss', 'condemn',
  'mock', 'label', 'recommend', 'propose', 'encourage', 'question', 'wonder', 'reveal', 'disclose',
  'hail', 'welcome', 'share', 'inform', 'assure', 'characterize', 'characterise', 'cite', 'refer', 'list',
  'advise', 'clarify', 'summarize', 'sing', 'chant', 'hint', 'tease', 'believe', 'think', 'hope', 'fear',
  'worry', 'estimate', 'describe', 'read', 'indicate', 'begin', 'report', 'quote', 'post', 'text',
  'email', 'tout', 'demand', 'agree', 'point', 'continue', 'maintain', 'charge', 'cry',
]);

/** Multi-word cues, matched on lower-cased token sequences. */
export const PHRASE_CUES: readonly (readonly string[])[] = [
  ['according', 'to'],
  ['pointed', 'out'],
  ['points', 'out'],
  ['went', 'on'],
  ['goes', 'on'],
  ['put', 'it'],
  ['puts', 'it'],
  ['chimed', 'in'],
];

/** Head nouns of roles and titles that people hold. */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  'president', 'vice', 'prime', 'minister', 'secretary', 'senator', 'sen.', 'rep.', 'representative',
  'governor', 'gov.', 'mayor', 'chancellor', 'king', 'queen', 'prince', 'princess', 'spokesman',
  'spokeswoman', 'spokesperson', 'chief', 'director', 'ceo', 'chairman', 'chairwoman', 'chair', 'leader',
  'ambassador', 'general', 'gen.', 'judge', 'justice', 'attorney', 'speaker', 'commissioner', 'official',
  'adviser', 'advisor', 'analyst', 'economist', 'professor', 'candidate', 'nominee', 'founder', 'executive',
  'officer', 'head', 'deputy', 'envoy', 'aide', 'premier', 'lawmaker', 'congressman', 'congresswoman',
  'diplomat', 'manager', 'strategist', 'pollster', 'chairperson', 'sheriff', 'colonel', 'col.', 'lt.',
  'captain', 'capt.', 'commander', 'pope', 'cardinal', 'bishop', 'rabbi', 'reverend', 'rev.', 'emir',
  'sultan', 'sheikh', 'dictator', 'autocrat', 'statesman', 'anchor', 'host', 'reporter', 'correspondent',
  'editor', 'columnist', 'author', 'researcher', 'scientist', 'expert', 'lawyer', 'attorney', 'counsel',
  'prosecutor', 'detective', 'inspector', 'partner', 'owner', 'president-elect', 'tycoon', 'billionaire',
  'activist', 'campaigner', 'organizer', 'coach', 'player', 'actor', 'actress', 'singer', 'star',
  'councillor', 'councilman', 'councilwoman', 'assemblyman', 'assemblywoman', 'delegate', 'mp', 'mep',
  'superintendent', 'principal', 'dean', 'provost', 'treasurer', 'comptroller', 'auditor', 'clerk',
  'surgeon', 'doctor', 'dr.', 'nurse', 'chief-of-staff', 'operative', 'consultant', 'fellow', 'member',
  'representative', 'administrator', 'regulator', 'negotiator', 'mediator', 'monarch', 'emperor', 'tsar',
]);

/** Roles that can be referred to as "the leader" of a country. */
export const LEADER_ROLES: ReadonlySet<string> = new Set([
  'president', 'prime', 'chancellor', 'king', 'queen', 'premier', 'leader', 'emir', 'sultan', 'monarch', 'dictator',
]);

/** Honorifics before a name; some tell the gender. */
export const HONORIFICS: ReadonlyMap<string, 'm' | 'f' | null> = new Map([
  ['mr', 'm'], ['mr.', 'm'], ['mrs', 'f'], ['mrs.', 'f'], ['ms', 'f'], ['ms.', 'f'], ['miss', 'f'],
  ['sir', 'm'], ['dame', 'f'], ['lord', 'm'], ['lady', 'f'], ['dr', null], ['dr.', null], ['prof', null],
  ['prof.', null], ['sen.', null], ['rep.', null], ['gov.', null], ['gen.', null], ['lt.', null], ['col.', null],
  ['capt.', null], ['rev.', null], ['sgt.', null], ['adm.', null], ['maj.', null], ['st.', null],
]);

/** Words that make a capitalised name an organisation rather than a person. */
export const ORG_WORDS: ReadonlySet<string> = new Set([
  'kremlin', 'ministry', 'department', 'house', 'agency', 'company', 'inc', 'inc.', 'corp', 'corp.', 'co.',
  'ltd', 'llc', 'plc', 'group', 'party', 'committee', 'council', 'union', 'bank', 'fund', 'office',
  'government', 'administration', 'court', 'police', 'army', 'navy', 'university', 'institute', 'post',
  'times', 'news', 'reuters', 'ap', 'afp', 'tass', 'interfax', 'bloomberg', 'cnn', 'bbc', 'nbc', 'cbs',
  'abc', 'fox', 'msnbc', 'journal', 'tribune', 'press', 'association', 'federation', 'commission',
  'organization', 'organisation', 'foundation', 'campaign', 'senate', 'congress', 'parliament', 'pentagon',
  'nato', 'un', 'eu', 'fbi', 'cia', 'irs', 'survey', 'service', 'center', 'centre', 'board', 'authority',
  'bureau', 'network', 'media', 'magazine', 'herald', 'gazette', 'daily', 'telegraph', 'guardian',
  'cabinet', 'duma', 'state', 'states', 'industries', 'holdings', 'motors', 'airlines', 'bureau', 'police',
  'white', 'treasury', 'exchange', 'market', 'markets', 'systems', 'technologies', 'labs', 'society',
  'church', 'school', 'college', 'hospital', 'clinic', 'coalition', 'alliance', 'team', 'club', 'league',
  'spokesperson', 'statement', 'report', 'website', 'twitter', 'facebook', 'instagram', 'x', 'rnc', 'dnc',
  'gop', 'politico', 'breitbart', 'huffpost', 'axios', 'yahoo', 'google', 'apple', 'microsoft', 'amazon',
  'meta', 'rusal', 'gazprom', 'rosneft', 'opec', 'imf', 'wto', 'who', 'usgs', 'epa', 'sec', 'fed',
]);

/** Words that are capitalised but never part of a person's name. */
export const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february',
  'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan.',
  'feb.', 'mar.', 'apr.', 'jun.', 'jul.', 'aug.', 'sep.', 'sept.', 'oct.', 'nov.', 'dec.', 'the', 'a', 'an',
  'he', 'she', 'they', 'we', 'i', 'it', 'his', 'her', 'their', 'our', 'but', 'and', 'or', 'so', 'in', 'on',
  'at', 'for', 'of', 'to', 'with', 'by', 'as', 'if', 'when', 'while', 'after', 'before', 'this', 'that',
  'these', 'those', 'there', 'here', 'what', 'who', 'how', 'why', 'meanwhile', 'however', 'also', 'still',
  'yet', 'now', 'then', 'today', 'yesterday', 'tomorrow', 'last', 'next', 'democrats', 'republicans', 'democrat', 'republican', 'god', 'mr.', 'mrs.', 'ms.', 'dr.',
]);

/** Personal pronouns that can be a speaker, with their gender ('m', 'f', or null for any). */
export const SPEAKER_PRONOUNS: ReadonlyMap<string, 'm' | 'f' | 'p' | null> = new Map([
  ['he', 'm'], ['she', 'f'], ['they', 'p'], ['we', 'p'], ['i', null], ['it', null], ['him', 'm'], ['her', 'f'],
]);

/** Common first names by gender (English and names frequent in international news). */
export const MALE_NAMES: ReadonlySet<string> = new Set(
  (
    'james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony ' +
    'mark donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan ' +
    'jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander ' +
    'frank patrick raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ' +
    'walter ethan jeremy harold keith christian roger noah gerald carl terry sean austin arthur lawrence jesse ' +
    'dylan bryan joe jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene ' +
    'vincent russell elijah louis bobby philip johnny bill mike chris tom jim bob ted rick ron newt mitt ' +
    'bernie barack hillary jeb marco rand ben chuck lindsey mitch nancy kellyanne reince sean stephen rudy ' +
    'vladimir dmitry dmitri sergei sergey alexei alexey mikhail maxim ivan nikolai yuri boris gleb oleg ' +
    'volodymyr emmanuel olaf friedrich recep xi narendra benjamin keir rishi jair luiz viktor mohammed ' +
    'muhammad ali ahmed hassan abdullah kim shinzo fumio justin jens antonio pedro giorgio sergio mario ' +
    'francois jacques nicolas emmanuel klaus wolfgang hans dietrich jürgen elon jeff warren tim satya sundar ' +
    'hakeem marcus cory tim mike kamala andrew anthony ron jd marco lloyd antony jake jared hunter beto ' +
    'pete amy elizabeth bernard lev yevgeny yevgeniy sergei andrei andriy petro vitali vitaliy dmytro mykola'
  ).split(' '),
);

export const FEMALE_NAMES: ReadonlySet<string> = new Set(
  (
    'mary patricia jennifer linda barbara elizabeth susan jessica sarah karen lisa nancy betty margaret sandra ' +
    'ashley kimberly emily donna michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura ' +
    'cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha katherine christine ' +
    'debra rachel carolyn janet catherine maria heather diane ruth julie olivia joyce virginia victoria kelly ' +
    'lauren christina joan evelyn judith megan andrea cheryl hannah jacqueline martha gloria teresa ann sara ' +
    'madison frances kathryn janice jean abigail alice judy sophia grace denise amber doris marilyn danielle ' +
    'beverly isabella theresa diana natalie brittany charlotte marie kayla alexis lori hillary kellyanne ' +
    'huma chelsea ivanka melania michelle kamala nikki sarah elizabeth kirsten tulsi ilhan alexandria ' +
    'ursula angela theresa giorgia jacinda liz marine christine kristalina janet gina nina yulia maria ' +
    'anastasia olga tatiana svetlana irina elena natalia valentina ekaterina yekaterina maria ella maxine ' +
    'condoleezza madeleine nancy dianne kellyanne sean hope omarosa kaitlan dana megyn maria katy'
  ).split(' ').filter((n) => n !== 'sean'),
);

/** Countries, US states and large cities that often head a sentence but never speak as a person. */
export const PLACES: ReadonlySet<string> = new Set(
  (
    'russia|ukraine|china|india|brazil|australia|america|united states|canada|mexico|france|germany|britain|' +
    'england|scotland|ireland|italy|spain|poland|japan|korea|north korea|south korea|iran|iraq|syria|israel|' +
    'turkey|egypt|saudi arabia|qatar|pakistan|afghanistan|indonesia|vietnam|taiwan|cuba|venezuela|argentina|' +
    'nigeria|kenya|south africa|europe|asia|africa|siberia|crimea|kyiv|kiev|moscow|washington|london|paris|' +
    'berlin|beijing|tokyo|brussels|new york|los angeles|chicago|houston|philadelphia|boston|san diego|' +
    'alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware|florida|georgia|hawaii|idaho|' +
    'illinois|indiana|iowa|kansas|kentucky|louisiana|maine|maryland|massachusetts|michigan|minnesota|' +
    'mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico|north carolina|' +
    'north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina|south dakota|tennessee|texas|' +
    'utah|vermont|virginia|west virginia|wisconsin|wyoming|wall street|krasnoyarsk|astana|kazakhstan|belarus'
  ).split('|'),
);
