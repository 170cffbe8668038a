// The process entry of `corroborate`: bin/corroborate.js runs its compiled form (dist/cli/run.js);
// the tests and `npm run dev` run this file through tsx.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
