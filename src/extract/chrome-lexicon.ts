// Data, not logic: the labels and phrases that mark page chrome on news sites, each with the
// reason a reader is shown when a block is removed. Matching lives in text/lines.ts and html/.
import type { RemovalReason } from './reasons.js';

/** A whole line (case-insensitive, trailing punctuation ignored) that is a widget label. */
export const WIDGET_LABELS: ReadonlyMap<string, RemovalReason> = new Map(
  Object.entries({
    'share widget': [
      'share',
      'share this',
      'share this article',
      'share this story',
      'share article',
      'share on facebook',
      'share on twitter',
      'share on x',
      'share via email',
      'tweet',
      'email',
      'print',
      'copy link',
      'link copied',
      'facebook',
      'twitter',
      'x',
      'linkedin',
      'whatsapp',
      'reddit',
      'pinterest',
      'telegram',
      'flipboard',
      'save',
      'save article',
      'gift this article',
      'copy article link',
      'font size',
      'listen',
      'listen to this article',
      'teilen',
      'partager',
      'compartir',
      'condividi',
      'поделиться',
      'twittern',
      'drucken',
      'imprimer',
      'imprimir',
      'stampa',
      'compartilhar',
      'compartilhe',
      'partilhar',
      'поделитесь',
      'シェア',
      'シェアする',
      'この記事をシェアする',
      'ツイート',
      '分享',
      '分享到',
      '转发',
      '打印',
      'شارك',
      'مشاركة',
      'طباعة',
      'delen',
      'deel dit artikel',
      'udostępnij',
      'paylaş',
      'paylas',
      '공유',
      '공유하기',
      'शेयर करें',
      'chia sẻ',
      'bagikan',
      'اشتراک‌گذاری',
      'اشتراک گذاری',
      'שתפו',
      'שתף',
      'κοινοποίηση',
      'sdílet',
      'distribuie',
      'поділитися',
      // WordPress's like button and its loading text ("Like this:", "Like Loading..."), and share pitches.
      'like this',
      'like loading',
      'like',
      'gefällt mir',
      'gefällt mir wird geladen',
      "j'aime",
      "j'aime chargement",
      'me gusta',
      'me gusta cargando',
      'mi piace',
      'mi piace caricamento',
      'curtir isso',
      'curtir',
      'curtir carregando',
      'нравится',
      'нравится загрузка',
      'sharing is caring',
      'share the love',
      'spread the love',
      'share this post',
      'click to share',
      'click to tweet',
      'tweet this',
      'text size',
      // A font-size control's label, printed alone beside its "A- A+" buttons.
      'text',
      'textgröße',
      'schriftgröße',
      'taille du texte',
      'tamaño del texto',
      'dimensione testo',
    ],
    'comment widget': [
      'comments',
      'comment',
      'comments are closed',
      'be the first to comment',
      'loading',
      'loading...',
      'leave a comment',
      // The comment form under a blog post (WordPress and the like), line by line.
      'leave a reply',
      'leave a reply cancel reply',
      'cancel reply',
      'name (required)',
      'email (required)',
      'mail (required)',
      'mail (will not be published)',
      'mail (will not be published) (required)',
      'email (will not be published)',
      'email (will not be published) (required)',
      'website',
      'your email address will not be published',
      'e-mail is optional and will not be displayed on the site',
      'be the first to like this',
      // What the comment area says when it is closed, empty or hosted elsewhere (WordPress, Blogger, Disqus).
      'you must be logged in to post a comment',
      'no comments yet',
      'the comments to this entry are closed',
      'trackbacks are closed, but you can post a comment',
      'there are no trackbacks to display at this time',
      'trackback',
      'trackbacks',
      'comments powered by disqus',
      'blog comments powered by disqus',
      'this comment has been removed by the author',
      'post a comment cancel reply',
      'leave a reply (cancel reply)',
      'trackback url for this entry',
      'rss feed for comments on this post. trackback uri',
      'post a comment or leave a trackback: trackback url',
      'bookmark the permalink. follow any comments here with the rss feed for this post',
      'and oh, if you want a pic to show with your comment, go get a gravatar',
      // The form's field labels, with the star or note that marks a required field.
      'name',
      'name *',
      'e-mail *',
      'email *',
      'email address',
      'email address(required)',
      'email address (required)',
      "email (won't be published) (required)",
      "mail (won't be published) (required)",
      'you can use these html tags',
      'leave a response',
      'got something to say?',
      'speak your mind',
      'like this',
      'like this:',
      'schreibe einen kommentar',
      'antwort hinterlassen',
      'laisser un commentaire',
      'laisser une réponse',
      'deja una respuesta',
      'dejar un comentario',
      'show comments',
      'view comments',
      'join the conversation',
      'add a comment',
      'post a comment',
      'reply',
      'kommentare',
      'commentaires',
      'comentarios',
      'tell us what you think',
      'tell us what you think...',
      'have your say',
      'comentários',
      'commenti',
      'комментарии',
      'добавить комментарий',
      'добавить отзыв',
      'отзывы',
      'コメント',
      '评论',
      'kommentar schreiben',
      'kommentieren',
      'commenter',
      'réagir',
      'réactions',
      'comentar',
      'deja tu comentario',
      'commenta',
      'lascia un commento',
      'comente',
      'deixe seu comentário',
      'комментировать',
      'コメントする',
      '发表评论',
      '評論',
      'التعليقات',
      'أضف تعليقك',
      'تعليقات',
      'wird geladen',
      'chargement',
      'cargando',
      'caricamento',
      'carregando',
      'загрузка',
    ],
    'key points widget': ['zinger key points', 'key takeaways widget', 'ai summary', 'summary generated by ai'],
    'related headlines': [
      'popular',
      'most popular',
      'most read',
      'most viewed',
      'trending',
      'trending now',
      'related',
      'related articles',
      'related stories',
      'related news',
      'related content',
      'related coverage',
      'recommended',
      'recommended for you',
      'you may also like',
      'you might also like',
      'more stories',
      'more news',
      'more from',
      'read next',
      'read more',
      'see also',
      'also read',
      'also see',
      'top stories',
      'latest news',
      'latest',
      "editor's picks",
      'what to read next',
      'more on this story',
      'around the web',
      'from our partners',
      'lesen sie auch',
      'à lire aussi',
      'lire aussi',
      'leer más',
      'leia mais',
      'leggi anche',
      'читайте также',
      'você pode gostar',
      'veja também',
      'leia também',
      'artigos relacionados',
      'notícias relacionadas',
      'te puede interesar',
      'noticias relacionadas',
      'artículos relacionados',
      'articles similaires',
      'sur le même sujet',
      'ähnliche artikel',
      'mehr zum thema',
      'das könnte sie auch interessieren',
      'potrebbe interessarti',
      'articoli correlati',
      'похожие статьи',
      'популярное',
      'самое популярное',
      'самые популярные',
      'по теме',
      '関連記事',
      '相关文章',
      '推荐阅读',
      '相關新聞',
      'more to explore',
      'related topics',
      'more in this section',
      'meistgelesen',
      'meistgelesene artikel',
      'weitere artikel',
      'auch interessant',
      'à lire également',
      'les plus lus',
      'voir aussi',
      'lo más leído',
      'más leídas',
      'lee también',
      'ver también',
      'te recomendamos',
      'i più letti',
      'più letti',
      'mais lidas',
      'leia mais',
      'saiba mais',
      'самое читаемое',
      'смотрите также',
      'читайте также',
      'новости по теме',
      '相关新闻',
      '相关阅读',
      '相关报道',
      '延伸阅读',
      '热门新闻',
      '热点新闻',
      '相關閱讀',
      '延伸閱讀',
      '関連ニュース',
      'おすすめ記事',
      '人気記事',
      'アクセスランキング',
      'أخبار ذات صلة',
      'مواضيع ذات صلة',
      'اقرأ أيضا',
      'اقرأ أيضاً',
      'إقرأ أيضا',
      'الأكثر قراءة',
      'الأكثر مشاهدة',
      'weitere nachrichten',
      'vous aimerez aussi',
      'nos recommandations',
      'a lire aussi',
      'también te puede interesar',
      'veja mais',
      'ещё по теме',
      'еще по теме',
      'новости партнеров',
      '热门推荐',
      'おすすめ',
      'あわせて読みたい',
      'المزيد من الأخبار',
      'مقالات ذات صلة',
      'قد يهمك أيضا',
      'قد يعجبك أيضا',
      'lees ook',
      'lees meer',
      'gerelateerde artikelen',
      'czytaj także',
      'czytaj też',
      'zobacz także',
      'polecane',
      'ilgili haberler',
      'ayrıca okuyun',
      'devamını oku',
      'benzer haberler',
      '관련기사',
      '관련 기사',
      '많이 본 뉴스',
      'यह भी पढ़ें',
      'संबंधित खबरें',
      'tin liên quan',
      'baca juga',
      'berita terkait',
      'بیشتر بخوانید',
      'مطالب مرتبط',
      'اخبار مرتبط',
      'پربازدیدترین',
      'כתבות נוספות',
      'קראו עוד',
      'קראו גם',
      'כתבות קשורות',
      'διαβάστε επίσης',
      'διαβάστε ακόμη',
      'σχετικά άρθρα',
      'δημοφιλή',
      'czytaj więcej',
      'przeczytaj też',
      'související články',
      'čtěte také',
      'citește și',
      'articole similare',
      'читайте також',
      'популярне',
      'continue reading',
      'weiterlesen',
      'lire la suite',
      'seguir leyendo',
      'continua a leggere',
      'continuar lendo',
      'читать далее',
      '阅读全文',
      '続きを読む',
      'اقرأ المزيد',
      'more',
      'see more',
      'view more',
      'show more',
      'load more',
      'see all',
      'view all',
      "don't miss",
      'do not miss',
      'must read',
      'must reads',
      "editor's choice",
      "editors' picks",
      'nicht verpassen',
      'à ne pas manquer',
      'no te lo pierdas',
      'da non perdere',
      'não perca',
      'не пропустите',
      'browse all posts',
      'view all posts',
      'all posts',
      '주요뉴스',
      '주요 뉴스',
      '인기기사',
      '인기 기사',
      '많이 본 기사',
      '최신기사',
      '최신 기사',
      '관련뉴스',
      '관련 뉴스',
      '추천기사',
      '추천 기사',
      '핫이슈',
      'berita lainnya',
      'berita populer',
      'terpopuler',
      'artikel terkait',
      'ये भी पढ़ें',
      'çok okunanlar',
      'en çok okunanlar',
      'meest gelezen',
      'najczęściej czytane',
      'nejčtenější',
      'cele mai citite',
    ],
    tags: [
      'posted in',
      'tags',
      'filed under',
      'topics',
      'categories',
      'category',
      'keywords',
      'themen',
      'sujets',
      'schlagworte',
      'schlagwörter',
      'mots-clés',
      'etiquetas',
      'temas',
      'argomenti',
      'tag',
      'assuntos',
      'теги',
      'темы',
      '标签',
      '關鍵詞',
      '关键词',
      'タグ',
      'الوسوم',
      'كلمات مفتاحية',
    ],
    advertisement: [
      'advertisement',
      'advertising',
      'advert',
      'ad',
      'sponsored',
      'sponsored content',
      'skip advertisement',
      'story continues below advertisement',
      'adchoices',
      // "Continue reading the main story" is the label a news site prints at each advertisement slot in the story.
      'continue reading the main story',
      'article continues below',
      'continue reading below',
      'anzeige',
      'publicité',
      'publicidad',
      'реклама',
      'werbung',
      'pubblicità',
      'publicidade',
      'annonce',
      '广告',
      '広告',
      'إعلان',
      'iklan',
      'reklama',
      'reklam',
      'advertentie',
      'annons',
      'annonse',
      'mainos',
      'hirdetés',
      'διαφήμιση',
      'פרסומת',
      'تبلیغات',
      'विज्ञापन',
      '광고',
      'quảng cáo',
      'publicitate',
      'реклама 18+',
      'advertorial',
      'sponsored links',
      'sponsored stories',
      'paid content',
      'paid post',
      'promoted',
      'promoted content',
      'promoted stories',
      'partner content',
      'gesponsert',
      'anzeigen',
      'contenu sponsorisé',
      'contenido patrocinado',
      'conteúdo patrocinado',
      'contenuto sponsorizzato',
      'scroll to continue with content',
      'ad feedback',
    ],
    'call to action': [
      // A sign-off the site prints under every story, not the story's own last line.
      'thanks for reading',
      'thank you for reading',
      'learn more',
      'find out more',
      'click here',
      'read the full story',
      'read the full article',
      'mehr erfahren',
      'en savoir plus',
      'más información',
      'scopri di più',
      'saiba mais sobre',
      'подробнее',
      '자세히 보기',
      '詳しくはこちら',
    ],
    'newsletter sign-up': [
      'subscribe',
      'sign up',
      'subscribe now',
      'newsletter',
      'sign up for our newsletter',
      'get the newsletter',
      'abonnieren',
      "s'abonner",
      'abonnez-vous',
      'suscríbete',
      'iscriviti',
      'assine',
      'inscreva-se',
      'подписаться',
      'подпишитесь',
      '订阅',
      '訂閱',
      '購読',
      '登録',
      'اشترك',
      'اشترك الآن',
    ],
    'timestamp line': [
      'updated',
      'published',
      'last updated',
      'posted',
      'aktualisiert',
      'mis à jour',
      'actualizado',
      'aggiornato',
      'atualizado',
      'обновлено',
    ],
    'video player': ['play', 'play video', 'watch', 'watch video', 'video', 'pause', 'mute', 'audio', 'now playing', 'fullscreen'],
    'social links': ['follow us', 'follow', 'instagram', 'youtube', 'tiktok', 'rss', 'connect with us'],
    'site navigation': [
      'home',
      'menu',
      'search',
      'skip to content',
      'skip to main content',
      'back to top',
      'log in',
      'sign in',
      'register',
      'startseite',
      'suche',
      'accueil',
      'rechercher',
      'portada',
      'buscar',
      'cerca',
      'início',
      'главная',
      'поиск',
      '首页',
      '首頁',
      'トップ',
      'ホーム',
      'الرئيسية',
      'بحث',
      'browse all',
      'back to all posts',
      'previous post',
      'next post',
      'older posts',
      'newer posts',
    ],
  } satisfies Partial<Record<RemovalReason, string[]>>).flatMap(([reason, labels]) =>
    labels.map((label) => [label, reason as RemovalReason] as const),
  ),
);

/** Labels that introduce an insert and may carry its headline on the same line ("Also Read; ..."). */
// "Related Roundup: ...", "SEE MORE: ...", "Also: ...", "[Related: ...]" and "DON'T MISS ..." are the same inserts.
export const INSERT_PREFIX =
  /^[([]?\s*(also read|read also|read more|read next|see also|see more|watch more|also|don'?t miss|must read|related( [a-z]+){0,2}|recommended|more|watch|listen|lesen sie (auch|mehr)|mehr zum thema|(à )?lire (aussi|également)|voir aussi|leer más|lee también|ver también|leia (mais|também)|veja também|leggi anche|guarda anche|читайте (также|еще|ещё)|смотрите также|相关(新闻|阅读|报道)|延伸阅读|推荐阅读|相關(新聞|閱讀)|延伸閱讀|関連(記事|ニュース)|إ?اقرأ أيضاً?|اقرأ ايضا|أخبار ذات صلة|lees ook|czytaj (także|też)|zobacz także|ayrıca (okuyun|bakınız)|ilgili haber|관련\s?기사|यह भी पढ़ें|baca juga|xem thêm|بیشتر بخوانید|קראו (גם|עוד)|διαβάστε (επίσης|ακόμη)|czytaj więcej|przeczytaj (też|także)|čtěte také|citește și|читайте також)(\s+(su|auf|en|sur|on|em|на))?\s*[:;|–—：-]\s*\S/i;

/** A share bar written out as text: a share verb, then only network names ("Partager sur Facebook", "分享到：微信 微博"). */
export const SHARE_LINE =
  /^(auf |on |sur |en |su |no |na |في |على )?(facebook|twitter|x|whatsapp|linkedin|telegram|vk|line|فيسبوك|تويتر)\s*(teilen|partager|compartir|condividi|compartilhar|поделиться|شارك|でシェア|でツイート|に投稿)$|^(share( this( article| story)?)?( on| via)?|teilen( auf)?|partager( sur)?|compartir( en)?|condividi( su)?|compartilh(e|ar)( no| na| em)?|partilhar( no| na)?|поделиться( в)?|поделитесь|شارك( على| عبر)?|مشاركة( على| عبر)?|分享到|分享|シェア(する)?)\s*[:：]?\s*((facebook|twitter|x|whatsapp|linkedin|e-?mail|telegram|vk|вконтакте|одноклассники|微信|微博|qq空间|qq|line|はてな|فيسبوك|تويتر|واتساب|pinterest|reddit|messenger|flipboard)[\s,|·、]*)+$/i;

/** A heading over a list of other stories: "More Great WIRED Stories", "More in Amsterdam", "Weitere Nachrichten aus Berlin". */
export const RELATED_HEADING =
  /^(((more|other|latest|recent|top|related|popular|further)\b.{0,40}\b(stories|articles|news|headlines|posts|reads|videos|coverage))|(mehr|weitere|andere) (artikel|nachrichten|meldungen|beiträge|news|aus|zum|von)\b.{0,40}|(plus d['’]|d['’]autres |autres )(articles|actualités|actus|infos|nouvelles)\b.{0,40}|(más|otras) (noticias|artículos|historias)\b.{0,40}|(altre|altri) (notizie|articoli)\b.{0,40}|(mais|outras) (notícias|artigos|matérias)\b.{0,40}|(ещё|еще|больше|другие) (новост|стат|материал).{0,40}|(daha fazla|diğer) haber.{0,40}|(meer|ander) (nieuws|artikelen).{0,40}|(więcej|inne) (artykuł|wiadomości).{0,40}|berita lain.{0,40})$/iu;

/** "More in Amsterdam", "More from WIRED": a name after it (case-sensitive, so "More on the vote" stays a subheading). */
export const RELATED_NAMED_HEADING = /^(More|MORE) (from|in|on|about|FROM|IN|ON|ABOUT) [\p{Lu}\p{N}][^.!?]{0,40}$/u;

/** Buttons that continue one story ("Read more", "Weiterlesen"): a related label, but not a heading over a list. */
export const CONTINUE_BUTTON =
  /^(read more|continue reading|more|see more|view more|show more|load more|weiterlesen|lire la suite|seguir leyendo|continua a leggere|continuar lendo|leia mais|saiba mais|lees meer|czytaj więcej|devamını oku|читать далее|阅读全文|続きを読む|اقرأ المزيد)[\s.:…»›>]*$/i;

/** Two or more teaser titles cut short on one line: "Rush Ticket Pro... [The Palace] The Beauty of Korea Revealed at ‘2018 Welcome...". */
export const TRUNCATED_TEASERS = /[\p{L}\p{N}](\.\.\.|…)\s.*[\p{L}\p{N}](\.\.\.|…)$/u;

/** Teasers tagged for what they link to: "... [INSIGHT]", "... [VIDEO]" (two or more tags on a line of headlines). */
export const TEASER_TAG = /\[(?:[A-Z][A-Z ]{2,14}|[Vv]ideos?|[Pp]hotos?|[Pp]ictures|[Gg]allery|[Pp]oll|[Pp]odcast|[Aa]udio|[Ww]atch)\]/g;

/** Icon-font ligatures written out as words ("chevron_left", "keyboard_arrow_down") at the edge of a line. */
export const ICON_LIGATURES = /^(?:[a-z]+(?:_[a-z]+)+\s*)+|(?:\s*[a-z]+(?:_[a-z]+)+)+$/g;

/** A line of class-like tokens and nothing else: CSS breakpoint names leaking as text ("landscape-tablet-and-above"). */
export const CLASS_TOKENS = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\s+[a-z][a-z0-9]*(?:-[a-z0-9]+)+)*$/;

/** An image file's address: a line made of them (with sizes and an uploader's name) is a media dump. */
export const IMAGE_URL = /(?:https?:)?\/\/\S+?\.(?:jpe?g|png|gif|webp|avif|svg)(?:\?\S*)?(?=\s|$)/gi;

/** A line of a post's labels: two or more of "Publicado por:", "Categoria:", "Tags:", "Filed under:". */
export const META_LABEL =
  /(^|\s|[-–|·])(posted by|published by|written by|publicado por|publié par|veröffentlicht von|pubblicato da|autor|author|categor(y|ies|ia|ie|ía|ías)|kategori[ae]?|rubri(que|ca|k)|рубрика|tags?|tagi|etiquetas?|étiquettes|schlagw(orte|örter)|теги|метки|filed under|posted in)\s*[:：]/gi;

/** A post's tags or categories on one line, even a single one: "Filed under: Khawarij |", "Category: Health". */
export const FILED_UNDER =
  /^(filed under|posted in|tagged( with| as)?|tags?|categor(y|ies)|kategorie|kategorien|catégories?|categorías?|categori[ae]|рубрик[аи]|метки|теги|分类|カテゴリー?|التصنيفات?|kategori|etiket(ler)?)\s*[:：]\s*[^.!?。]{1,80}$/i;

/** A bare agency name, or an agency with a city, on a line of its own: "Associated Press", "Reuters, Washington,". */
export const AGENCY_LINE =
  /^(the )?(associated press|reuters|afp|agence france-presse|pti|press trust of india|ians|ani|dpa|efe|ansa|upi|tass|xinhua|bloomberg|anadolu agency)(\s*,\s*[\p{Lu}][\p{L} .'-]{1,30})?,?$/iu;

/** Who else reported: "Keith Bradsher contributed reporting from Hong Kong.", "... contributed to this report." */
export const CONTRIBUTION_LINE =
  /\bcontributed (reporting|research|to (this|the) (report|story|article))\b|\b(hat|haben) (zu|an) diesem (bericht|artikel) (mit)?gearbeitet|\b(hat|haben) zu diesem (bericht|artikel) beigetragen|\bcontribuyeron? (a|en|con) (este|esta) (informe|nota|reportaje|artículo)|\ba contribué à (cet|ce) (article|reportage)|\bha(nno)? contribuito a (questo|quest['’]) ?(articolo|servizio)|\bcontribu(iu|íram) (para|com) (esta|este) (reportagem|matéria|texto)|в подготовке (материала|статьи) (принял|приняла|приняли)/i;

/** Pieces of text every follow prompt and every contribution credit holds: the full patterns run only where one is. */
export const SOCIAL_PROMPT_HINTS = ['ollow', 'olgen', 'uivez', 'guenos', 'eguici', 'iga-nos', 'одписывайтесь', 'kuti'];
export const CONTRIBUTION_HINTS = ['ontribu', 'beigetragen', 'gearbeitet', 'подготовке'];

/** A prompt to follow the site or the writer on a network: "Follow us on Twitter", "Follow him @x", "Suivez-nous sur Facebook". */
export const SOCIAL_PROMPT =
  /\bfollow (us|him|her|them|me) (on|at) (twitter|facebook|instagram|linkedin|tiktok|youtube|telegram|x|threads|bluesky|mastodon)\b|\bfollow (us|him|her|them|me) @\w|(^|\.\s+)follow @\w|\bfolgen sie (uns|ihm|ihr) (auf|bei)\b|\bsuivez-(nous|le|la) sur\b|\bs[ií]guenos en\b|\bseguici su\b|\bsiga-nos n[oa]\b|(^|\s)подписывайтесь на нас в\s|\bikuti kami di\b/i;

/** A paragraph that opens as a pitch to the reader runs on longer than other chrome (up to PROMO_MAX_WORDS in text/clean.ts). */
export const OPENING_PITCH =
  /^(if you (enjoyed|liked|value|appreciate|found)\b.{0,40}\b(article|story|piece|post|journalism|reporting|work)|get (unlimited |full )?access to\b.{0,100}\bfor (as little as|just|only)\b|follow @\w+|follow us (on|at)\b|support (our|independent|quality) journalism|wenn ihnen (dieser|der) (artikel|beitrag) gefallen hat|si cet article vous a plu|si te ha gustado (este|esta) (artículo|nota)|se ti è piaciuto questo articolo|se você gostou (deste|desse) (artigo|texto)|если вам понравилась (эта )?статья)/i;

/** An imperative to subscribe at the start of a line ("Subscribe to WIRED and ..."); "Subscribers rose 5%" is news. */
export const SUBSCRIBE_PROMPT =
  /^(subscribe|sign up|register)\s+(to|for|now|today|here)\b|^join (us|our)\b|^become a (member|subscriber|supporter|patron)\b|^(abonnieren sie|abonnez-vous|suscr[ií]bete|iscriviti|assine|inscreva-se|подпишитесь|abone ol|abonneer je|zasubskrybuj|berlangganan(lah)?)(?=[\s,.!:]|$)/i;

/** A link out to more of the site: "Follow AP's full coverage of Brexit at https://...", "More AP NBA: https://...". */
export const PROMO_URL = /^(follow|read|see|visit|watch|listen|get|more|find)\b.{0,80}(https?:\/\/|www\.)\S+/i;

/** "Click here", "listen back here": a line that points at a link ("nothing more to see here", an infinitive, is prose). */
export const HERE_LINK =
  /\b(click|tap) here\b|(?<!\bto )\b(listen|watch|read|view|see|download)( it| them| back| more| the full (story|report|interview|episode|article|video))? here\.?$|\bhier klicken\b|\bcliquez ici\b|\bhaga clic aquí\b|\bclicca qui\b|\bclique aqui\b|(^|\s)нажмите здесь/i;

/** Buttons glued to the end of a quote in the text: "... every day.Click To Tweet". */
export const WIDGET_SUFFIX = /\s*(click to tweet|tweet this( quote)?|share this quote)$/i;

/** A byline's opening word in the languages bylines are written in: "By", "Von", "Par", "Автор:", "بقلم", "记者". */
// Chinese prefixes need a separator after them: "文/李明" is a byline, "文化部" (Ministry of Culture) is not.
export const BYLINE_PREFIX =
  /^(?:(?:by|von|par|por|door|di|av|af|автор|текст)(?:\s*:\s*|\s+)|(?:بقلم|كتب|تأليف)\s*[:：]?\s*|(?:记者|記者|文)\s*[:：/／\s]\s*)\S/i;

/** Editor, source and correspondent credits in Chinese and Japanese news: "（责任编辑：王芳）", "来源：新华网". */
export const DESK_CREDIT = /^[(（【[]?\s*(责任编辑|責任編輯|编辑|編輯|来源|來源|编译|編譯|通讯员|通訊員|校对|审核|監修|編集|取材)\s*[:：]/;

/** Lines that are credits for a photo or image. */
export const PHOTO_CREDIT = [
  /^(image|photo|picture|photograph|illustration|graphic|video|foto|bild|imagen|imagem|immagine|фото|снимок|写真|图片|圖片|图|圖|صورة|الصورة)s?\s*(via|by|credit|courtesy|source)?\s*[:|：]/i,
  /^(image|photo|picture|illustration|foto)s?\s+(via|by|courtesy of)\s+\S/i,
  /^(credit|source|photo credit|image credit|image source|crédit photo|crédits?|créditos?|bildquelle|quelle|fuente|fonte|источник)\s*:/i,
  /\((photo|image|picture|foto)s?\s*(by|:|via|credit)[^)]*\)\s*$/i,
  // "... Mikhail Tereshchenko/AFP/Getty Images": a name followed by slash-separated agencies.
  /(^|[\s.,;])[\p{Lu}][\p{L}.'’-]*(\s+[\p{Lu}][\p{L}.'’-]*){0,3}\s*\/\s*([\p{Lu}][\p{L}.'’&-]*)(\s+[\p{Lu}][\p{L}.'’&-]*){0,2}(\s*\/\s*[\p{Lu}][\p{L}.'’&-]*(\s+[\p{Lu}][\p{L}.'’&-]*){0,2})*\s*$/u,
  /^(image|photo|picture|slide|foto)\s+\d+\s*(of|\/|von|de|sur)\s*\d+$/i,
  // "личный архив Андрея Рудькова" (from the family's own album), "Courtesy of the family": whose picture it is.
  /^(личный архив|из личного архива|фото из (личного )?архива|архив семьи|personal archive|family archive|private collection|archivo (personal|familiar)|archivio (personale|privato)|arquivo (pessoal|da família)|privatarchiv|archives? personnelles?|courtesy( of)?|handout( photo)?|pressefoto)\s+[^.!?]{1,60}$/i,
  // "... geologic map of Titan. (NASA/JPL-Caltech/ASU)", "(credit: NASA/Jude Guidry)": a caption ending in its credit.
  /\((credit|credits|photo|image)\s*:[^)]{1,80}\)$/i,
  /\([\p{Lu}][\p{L}.&-]*(\s*\/\s*[\p{Lu}][\p{L}.&-]*)+\)$/u,
  // "Via SyndiGate.info", "Source: example.com": the site a syndicated piece came from.
  /^(via|source|quelle|fuente|fonte|источник)\s*:?\s*[\p{L}\d-]+(\.[\p{L}\d-]+)*\.[a-z]{2,}$/iu,
  /\b(getty images|shutterstock|istock(photo)?|ap photo|afp via getty|reuters\/[\p{L} ]+|epa-efe|alamy|dpa)\s*\)?\s*$/iu,
  // "The WeWork logo ... in New York.Reuters": a caption with its agency glued after the full stop.
  /[\p{Ll}\d)][.!?](Reuters|AP|AFP|EPA|Getty Images|Bloomberg|Shutterstock|dpa|ANSA|EFE)$/u,
  // "La frana sui binari (foto Ansa)", "... （共同）": a caption ending in its agency in brackets.
  // Agencies as they write their own names: "(ePA)" is the electronic patient record (elektronische Patientenakte), not EPA.
  /[(（]\s*([Ff]oto|[Pp]hoto|[Фф]ото|写真|图)?\s*(ANSA|Ansa|EFE|AFP|AP|Reuters|REUTERS|dpa|DPA|EPA|Lusa|LUSA|Anadolu|Kyodo|Xinhua|TASS|ТАСС|РИА Новости|共同|時事|新华社|中新社|Agência Brasil)\s*[)）]$/,
];

/** Contact and follow lines at the end of a story: "Email X at ... or follow him @x", "Follow us on Twitter". */
export const CONTACT_LINE =
  /^(email|e-mail|contact|follow|reach|write to)\b.{0,120}(\bat\s+\S+@\S+|@\w+|\bon (twitter|facebook|instagram|x|linkedin)\b)/i;
/** "Have a tip? Amy Kuperinsky may be reached at ...@...": a reporter's contact line anywhere in it. */
export const REACH_LINE =
  /\b(may|can) be reached at\s+\S+@\S+|\b(reach|contact|email) (him|her|them|the author|the reporter) at\s+\S+@\S+/i;

/** Sign-up prompts: "Sign up for our newsletter", "Subscribe to ...", "Join our forums". */
export const SIGN_UP_LINE =
  /\b(sign up|subscribe|get (the|our)|join our|register)\b.{0,100}\b(newsletter|briefing|updates|alerts|forums?|inbox|subscription|pro\b)/i;

/** The same in other languages: a subscription verb and what is subscribed to, on one short line. */
// Imperatives and infinitives only: "subscribers", "подписали" (signed) and "registró" (searched) are news words.
export const SUBSCRIBE_VERB =
  /(\b(subscribe|sign up)\b|abonnieren|melden sie sich|abonnez|s'abonner|inscrivez|suscr[ií]bete|suscr[ií]base|suscribirse|reg[ií]strate|iscriviti|iscrizione|assine|inscreva|cadastre|receba|подпишитесь|подписывайтесь|подписаться|订阅|訂閱|关注|關注|登録|購読|اشترك)/i;
export const SUBSCRIPTION_OBJECT =
  /(newsletter|bolet[ií]n|rassegna|рассылк|公众号|公眾號|微信|ニュースレター|メルマガ|النشرة|inbox|postfach|bo[iî]te (mail|de réception)|correo|e-?mail|почт|telegram|телеграм)/i;

/** Subscription and share pitches: "... delivered through your letterbox every month", "Like this story? Share it". */
export const PITCH_LINE =
  /\b(delivered (straight )?(to|through) your (inbox|letterbox|door)|click here for more information|subscribe (now|today)|like this (story|article)\?|share it with a friend|get access to .{0,60} for as little as)\b/i;
/** The same addressed to the reader by "you" (looked for only in lines that say "you"): "Let our news meet your inbox". */
export const READER_PITCH =
  /\b(meet your inbox|(straight|right|directly) (to|into) your inbox|we have a proposition for you|if you (enjoyed|liked|value) (this|our) (article|story|journalism|reporting))\b/i;

/** A relative timestamp standing alone: "2 hours ago", "vor 3 Stunden", "il y a 5 minutes", "3小时前", "منذ ساعتين". */
export const RELATIVE_TIME =
  /^(\d+ (minutes?|mins?|hours?|hrs?|days?) ago|vor \d+ (minuten|stunden|tagen)|il y a \d+ (minutes?|heures?|jours?)|hace \d+ (minutos?|horas?|días?)|\d+ (minuti|ore|giorni) fa|há \d+ (minutos?|horas?|dias?)|\d+ (минут[аы]?|час(а|ов)?|дн(я|ей)) назад|\d+\s*(分钟|小时|天)前|\d+\s*(分|時間|日)前|منذ \d+ (دقائق|دقيقة|ساعات|ساعة|أيام|يوم)|منذ (ساعة|ساعتين|دقيقة|يوم))$/i;

/** A comment-moderation notice: "ATENÇÃO: Comentários ... não serão aprovados pelo moderador." */
export const COMMENT_POLICY = /(comment|коммент|comentári|comentari|kommentar|commenti).{0,160}(moderat|moderad|modér|модер)/i;
/** ... said as a rule to the reader, not reported: "não serão aprovados", "we reserve the right", "your comment". */
export const COMMENT_POLICY_TONE =
  /(não serão|não será|will not be|won't be|no serán|no será|ne seront|ne sera|werden nicht|wird nicht|non saranno|non verrà|не будут|не будет|reserve the right|reservamos|se reserva|behalten uns|nous réservons|ci riserviamo|your comment|seu comentário|su comentario|votre commentaire|ihr kommentar|il tuo commento|ваш комментарий)/i;

/** A tag list on one line: "Tags calendario stock car 2018, stock car brasil, ...". */
export const TAG_LIST =
  /^(tags|tagged|tagged with|topics|themen|schlagworte|schlagwörter|mots-clés|etiquetas|temas|argomenti|assuntos|теги|标签|关键词|タグ|الوسوم)\s*[:：]?\s+[^.!?。]{2,60}(,\s*[^.!?。,]{2,60}){2,}$/i;

/** A "most popular" heading with its topic ("Самые популярные диеты", "Most read in Sport"): a list follows. */
export const POPULAR_HEADING =
  /^(most (popular|read|viewed|shared)|самые (популярные|читаемые)|самое (популярное|читаемое)|meistgelesen|les plus (lus|populaires)|lo más (leído|visto)|los más (leídos|vistos)|i più (letti|visti)|(as|os) mais (lidas|lidos|vistas|vistos)|最受欢迎|热门(新闻|文章|推荐|排行)|人気(記事|ランキング)|الأكثر (قراءة|مشاهدة))/i;

/** Affiliate disclosures: "If you buy something through this post, IGN may get a share of the sale." */
export const AFFILIATE_LINE =
  /\b(if you (buy|purchase) (something|anything|a product) (through|via|from) (this|our|one of our) (post|links?|article)|may (earn|get|receive) (a )?(small )?(commission|share of (the )?sales?) (from|on|when|if|for)\b|affiliate links?|affiliate commissions?|affiliate-links?|provisions-links?)/i;

/** Cookie and consent banners. */
export const COOKIE_LINE =
  /\b(we use cookies|(this|our) (web)?site uses cookies|by continuing to (use|browse)|accept (all )?cookies|cookie (policy|settings|preferences)|manage (your )?consent)\b/i;
/** The same in other languages: a cookie word ... */
export const COOKIE_WORD = /(cookie|куки|クッキー|ملفات تعريف الارتباط|ملفات الارتباط)/i;
/** ... in the site's own voice ("we", "this site", "by continuing"): a news sentence about cookie rules is not a banner. */
export const COOKIE_USE =
  /(\bwe\b|\bour\b|this (web)?site|\bwir\b|\bunsere|\bnous\b|\bnotre|ce site|utilizamos|usamos|nuestr|este sitio|questo sito|usiamo|utilizziamo|\bnoss[oa]|este site|(^|\s)мы\s|(^|\s)наш|этот сайт|本站|本网站|当サイト|本サイト|نستخدم|موقعنا|continu|weiter nutzen|poursuiv|продолжая)/i;

/** Reading-time and standards footers: "5 min read", "Our Standards: The Thomson Reuters Trust Principles." */
export const READING_TIME =
  /^(\d+\s*(min|mins|minute|minutes|minuten|minutos|minuti|мин|分钟|分)\.?\s*(read|reading|de lecture|lesezeit|de lectura|di lettura|de leitura|чтения|阅读|で読めます)|(reading time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|время чтения|阅读时间|読了時間)\s*[:：]?\s*\d+.*|our standards:.*)$/i;

/** "Also on rt.com: ..." inserts naming the site. */
export const ALSO_ON = /^also on [\w.-]+\.[a-z]{2,}\b/i;

/** WordPress-style shortcodes leaking into text: "[button link=...]Send us[/button]". */
export const SHORTCODE = /^\[[a-z_]+[\s\]].*\[\/[a-z_]+\]$/i;

/** "About Ascom" (a press release's company boilerplate) or "About the author" heading. */
export const ABOUT_HEADING = /^(?:About|ABOUT) (the [Aa]uthors?|[Uu]s|[\p{Lu}][\p{L}\p{N}&.'’ -]{1,50})$/u;

/** Wire credits in other languages: "(Mit Material von dpa)", "(Con información de EFE)", "Avec AFP". */
export const AGENCY_CREDIT =
  /^\(?\s*(mit material (von|der)|con información de|con|avec|com|с использованием материалов|по материалам)\s[^.]{0,50}\b(dpa|afp|ap|reuters|efe|ansa|lusa|tass|тасс|риа новости|интерфакс|kna|epd|sid|europa press|agencias|agences)\b[^.]{0,20}\)?\.?$/i;

/** Credit lines of wire copy: who wrote, reported, edited the story. */
export const PRODUCTION_CREDIT =
  /^\(?\s*(writing|reporting|additional reporting|editing|compiled|edited|translated|research)\s+by\b[^)]*\)?\.?$/i;

export const COPYRIGHT = /^(©|\(c\)|copyright\b|all rights reserved)/i;
/** "All rights reserved" anywhere in a short line, in the languages sites print it in. */
export const RIGHTS_RESERVED =
  /(all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|todos os direitos reservados|все права защищены|版权所有|版權所有|未经授权禁止转载|無断転載|著作権|جميع الحقوق محفوظة|alle rechten voorbehouden|wszelkie prawa zastrzeżone|tüm hakları saklıdır|무단\s?전재|재배포 금지|सर्वाधिकार सुरक्षित|hak cipta dilindungi)/i;

/** "X is a senior reporter for The Epoch Times": the bio sentence, with the outlet captured. */
// Present tense only: "Jamal Khashoggi was a columnist for The Washington Post" is news.
export const BIO_SENTENCE =
  /^[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s+(is|has been|covers|writes|joined)\b.{0,120}?\b(reporter|writer|editor|correspondent|journalist|columnist|contributor|producer|analyst|author|freelancer|intern|photographer|anchor|host)\b/u;
/** The same in other languages: "Anna Schmidt ist Redakteurin ...", "Claire Dubois est journaliste ...". */
export const BIO_SENTENCE_OTHER =
  /^[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s+(ist|est|es|è|é|является|работает)\s.{0,80}?([Rr]edakteur|[Jj]ournalist|[Kk]orrespondent|[Rr]eporter|[Aa]utor|journaliste|rédact|correspondant|chroniqueu|periodista|redactor|corresponsal|giornalista|redattore|corrispondente|jornalista|repórter|correspondente|colunista|журналист|корреспондент|редактор|обозревател)/u;

/** What follows the author's own name when a paragraph is about them: "Eric Song is IGN's ...", "Mike Wall's book ...". */
export const AUTHOR_BIO_VERB =
  /^(['’]s\s|\s+(is|has|covers|writes|joined|lives|reports|ist|schreibt|lebt|est|écrit|vit|es|escribe|vive|è|scrive|vive|é|escreve|является|пишет|живет|живёт)\s)/;

/** A bio that describes a life, not a job: "Regan is a Connecticut native now living in ... with her husband". */
export const BIO_LIFE_OPENING = /^[\p{Lu}][\p{L}.'’-]+(\s+[\p{Lu}][\p{L}.'’-]+){0,3}\s+(is|has been)\s+(a|an)\s/u;
/** ... that says where the person lives ... */
export const BIO_HOME = /\b(native|lives|living|based in|resides|grew up)\b/i;
/** ... and something of their private life: a story's closing line about its subject ("a native of Watertown and a graduate of ...") has only the first. */
export const BIO_PERSONAL =
  /\b(husband|wife|spouse|partner|children|kids|sons|daughters|family|dogs?|cats?|loves|enjoys|avid|passionate about|spare time|free time|blogger|enthusiast)\b/i;

/** A reporter's sign-off in Korean and Japanese news ("홍길동 기자 hong@example.com"), or an address alone on its line. */
export const REPORTER_SIGN_OFF = /^(\S{2,4}\s?(기자|특파원|記者|特派員)(\s+\S+@\S+)?|[\w.+-]+@[\w-]+(\.[\w-]+)+)$/u;

/** A bio's credit: "... reporter for The Epoch Times", "... editor at Reuters". */
export const BIO_OUTLET =
  /\b(?:reporter|writer|editor|correspondent|journalist|columnist|contributor|producer|analyst|author|freelancer|intern|anchor|host)\s+(?:for|at|with)\s+((?:the\s+)?[\p{Lu}][\p{L}&.'’-]*(?:\s+(?:of\s+)?[\p{Lu}][\p{L}&.'’-]*){0,5})/iu;

/** A role line in an author box. */
export const ROLE_LINE =
  /^((senior|staff|chief|contributing|special|deputy|managing|associate|political|business|foreign|national|investigative|freelance)\s+){0,2}(reporter|writer|editor|correspondent|journalist|columnist|contributor|author|producer|analyst|editor-at-large|staff writer)$/i;

/** "Market News and Data brought to you by Benzinga APIs": a syndication footer naming the source. */
export const BROUGHT_BY = /\bbrought to you by\s+((?:the\s+)?[\p{Lu}][\p{L}&.'’-]*(?:\s+[\p{Lu}][\p{L}&.'’-]*){0,4})/iu;

/** Words that end a credited name but are not part of the organisation's name. */
export const NAME_TAIL_NOISE = /\s+(APIs?|Pro|Data|Inc\.?|LLC|Ltd\.?|Media|Network|Group|Newswire)$/;

/** Bylines that name no person. */
export const NOT_A_PERSON =
  /^(staff|staff writer|staff reporter|editorial staff|editors?|the editors|news desk|newsroom|web desk|wire|wires|agencies|agency|admin|administrator|guest|guest author|anonymous|unknown|team|contributor|reuters|ap|afp|associated press|agence france-presse|bloomberg|upi|dpa|efe|ani|pti|ians|tass|xinhua|bbc news|cnn|press release|sponsored|redaktion|rédaction|redacción|redazione|redação|редакция|本报记者|本報記者|新华社|محرر|المحرر|فريق التحرير|وكالات)$/i;

/**
 * A short line that speaks of the page around the story: it asks the reader to act on it ("Log in
 * to comment.", "Print this page.", "Report an error.") or names a thing only pages have ("Sound
 * off in the comments below!", "Please enable JavaScript."). Words a story's own closing uses too
 * ("video", "site", "editor", "like", "read") are left out.
 */
export const WEB_ACTION =
  /^(please\s+)?(log|sign|print|report|send|watch|follow|share|click|tap|subscribe|contact|e-?mail|download|listen|join|comment|submit|visit|enable|tweet|scroll|register|write)\b/i;
export const WEB_THING =
  /\b(comments|commenting|javascript|browser|newsletter|cookies|loading|advertisement|sponsored|rss|homepage|website|tags|posted in)\b/i;
