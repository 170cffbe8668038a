// Constructed article families for golden tests of reuse and derivation (invented events, so
// no publisher's text is copied): an original wire story and what outlets typically make of it.
import { createHash } from 'node:crypto';
import type { AnalyzedArticle, Article } from '../records.js';
import { splitSentences } from '../sentences/index.js';

/** A bare article with its sentences, for tests of this stage and later ones (reconcile, brief). */
export function analyzed(id: string, text: string, fields: Partial<Article> = {}): AnalyzedArticle {
  const article: Article = {
    id,
    contentHash: createHash('sha256').update(text).digest('hex'),
    input: `${id}.txt`,
    url: null,
    canonicalUrl: null,
    title: null,
    byline: null,
    published: null,
    updated: null,
    outlet: null,
    publisher: null,
    language: 'en',
    text,
    removed: [],
    fetchedAt: null,
    ...fields,
  };
  return { article, sentences: splitSentences(text) };
}

const ORIGINAL_PARAGRAPHS = [
  'VALMORA (Reuters) - Dock workers at the port of Valmora walked off the job on Tuesday, halting the loading of 42 container ships and stranding about 18,000 tonnes of grain bound for North Africa, union officials said.',
  "The strike, the first at the port since 2019, was called after talks on a new wage agreement collapsed late on Monday. The Harbour Workers' Union is demanding a 9 percent pay rise over two years, while the port authority has offered 4.5 percent.",
  '"We have been patient for eighteen months and our members cannot wait any longer for a fair offer," union leader Marta Ilescu told reporters outside the main gate.',
  'The port authority said in a statement that the stoppage was costing the regional economy about 3 million euros a day and urged the union to return to the table.',
  "Valmora handles roughly a quarter of the country's grain exports, and traders said prices for wheat shipments from the region rose 2.3 percent in early trading.",
  'Transport Minister Oskar Brenner said the government would not intervene directly but was ready to appoint a mediator if both sides asked for one.',
  'Shipping agents said several vessels had already diverted to the smaller port of Calden, about 80 kilometres to the north, where berths are limited.',
  'The union said the strike would last at least 72 hours and could be extended if no improved offer was made by Friday.',
  '(Reporting by Ana Voss; Editing by Peter Hale)',
];

export const ORIGINAL = ORIGINAL_PARAGRAPHS.join('\n\n');

/** A trimmed copy: the first five paragraphs, word for word. */
export const TRIMMED = ORIGINAL_PARAGRAPHS.slice(0, 5).join('\n\n');

/** A rewrite: reworded throughout, the quote changed, one paragraph of its own. */
export const REWRITE = [
  'Port workers in Valmora went on strike on Tuesday, stopping work on 42 container ships and leaving some 18,000 tonnes of grain meant for North Africa stuck on the docks.',
  'Talks over a new wage deal broke down on Monday night, prompting the first strike at the port since 2019. The union wants a 9 percent raise over two years, and the port authority is offering 4.5 percent.',
  '"Our members have waited eighteen months and they will not wait any longer," union leader Marta Ilescu said.',
  'The walkout costs the regional economy around 3 million euros every day, the port authority said, calling on the union to resume negotiations.',
  'Wheat prices for shipments from the region climbed 2.3 percent, traders said, since Valmora handles about a quarter of national grain exports.',
  'The government will not step in directly, Transport Minister Oskar Brenner said, though it is prepared to name a mediator at the request of both parties.',
  'Local residents voiced support for the workers at a rally near the harbour on Tuesday evening.',
  'The stoppage is planned to last at least 72 hours and may be extended unless a better offer arrives by Friday, the union said.',
].join('\n\n');

/** A bullet summary of the original. */
export const SUMMARY = [
  'Key points:',
  'Dock workers in Valmora began a strike on Tuesday that halted 42 container ships and stranded 18,000 tonnes of grain.',
  'The union is demanding a 9 percent pay rise while the port authority offers 4.5 percent.',
  'The port authority says the stoppage costs the regional economy 3 million euros a day.',
  'Prices for wheat shipments from the region rose 2.3 percent.',
  'The union says the strike will last at least 72 hours.',
].join('\n');

/** Another outlet's own reporting of the same event; it carries the same quote. */
export const INDEPENDENT = [
  'Hundreds of dockers gathered at the gates of Valmora port at dawn on Tuesday as a strike over pay began.',
  'Crane operator Luis Amaro, 51, said many workers had not had a raise since before the pandemic and were struggling with rents that have doubled in the city.',
  '"We have been patient for eighteen months and our members cannot wait any longer for a fair offer," union leader Marta Ilescu said, addressing the crowd through a megaphone.',
  'Police said the protest was peaceful and that no arrests had been made by the afternoon.',
  'Fishermen who share the harbour said the picket lines had not affected their boats, which use a separate quay on the eastern side.',
  "A spokeswoman for the port authority declined to comment on the workers' housing concerns, referring questions to an earlier statement.",
  'The city council will debate a motion of support for the strikers on Thursday, council member Irena Stoll said.',
  'Several ships waiting offshore could be seen from the seafront promenade by midday.',
].join('\n\n');

/** Two rewrites of a wire story that is not in the batch; both credit it. */
export const ABSENT_REWRITE_A = [
  'A dam on the Nerova river gave way early on Sunday, flooding three villages and forcing about 2,400 people from their homes, according to Reuters.',
  'Rescue teams in boats searched flooded streets for residents trapped on rooftops, and regional governor Pavel Dressen said at least 11 people were missing.',
  'The 40-year-old dam had been scheduled for repairs next spring after inspectors found cracks in its concrete spillway in 2022.',
  '"The water came in minutes, we had no time to take anything," a resident of the village of Orsk told local television.',
  'Meteorologists said more rain was expected over the next two days.',
].join('\n\n');

export const ABSENT_REWRITE_B = [
  'Three villages were flooded on Sunday after a dam on the Nerova river collapsed, Reuters reported, driving some 2,400 people out of their homes.',
  'Regional governor Pavel Dressen said at least 11 people were missing as rescue teams in boats searched flooded streets for residents trapped on rooftops.',
  'Inspectors had found cracks in the concrete spillway of the 40-year-old dam in 2022, and repairs were planned for next spring.',
  'Insurance companies have started to assess the damage to farmland along the river, which local officials put at several million euros.',
].join('\n\n');

/**
 * A second outlet's own report, written separately: the same facts, names, numbers and quote,
 * the lede in the usual order, but its own sentences and scene. Not a rewrite of ORIGINAL.
 */
export const SECOND_REPORT = [
  "Work stopped at Valmora's port on Tuesday as dock workers began their first strike since 2019, leaving 42 container ships idle at the quays.",
  "The Harbour Workers' Union wants a 9 percent raise spread over two years; management has put 4.5 percent on the table.",
  '"We have been patient for eighteen months and our members cannot wait any longer for a fair offer," Marta Ilescu, the union leader, told a rally of several hundred members.',
  "Grain traders at the city's commodity exchange said the stoppage had already lifted wheat prices, and estimated that 18,000 tonnes of North African orders were stuck in silos.",
  'Ilescu said the walkout would last at least 72 hours.',
  'At the main gate, strikers lit braziers and handed leaflets to lorry drivers queuing with empty trailers.',
  'A port authority spokesman put the daily loss to the region at about 3 million euros.',
].join('\n\n');
