// One batch of `npm run bench:stream`, as its own process so its CPU time and peak memory are its
// own: the compiled library (dist/) runs `runAnalysis` over a JSON-lines file against a store.
// Headlines of the UCI stream are shorter than extraction's default floor of 80 characters, so
// the floor is lowered to 20 for every record alike. Plain JavaScript: no tsx start-up per batch.
import { openStore, runAnalysis } from '../dist/index.js';

const [file, db, threads, schema] = process.argv.slice(2);
const store = await openStore(db, schema ? { schema } : {});
const result = await runAnalysis([file], store, { threads: Number(threads), extract: { minTextChars: 20 } });
await store.close();
process.stdout.write(
  `${JSON.stringify({ articles: result.articles.length, stories: result.dossier.stories.length, rejected: result.rejections.length })}\n`,
);
