// The process entry of `corroborate`: bin/corroborate.js runs its compiled form (dist/cli/run.js);
// the tests and `npm run dev` run this file through tsx.
import { main } from './main.js';

// A reader that stops early (`corroborate extract ... | head`) closes the pipe, and the next write
// fails with EPIPE: end quietly, as Unix tools do, instead of dying on an unhandled 'error' event
// with a stack trace. The store writes in transactions, so stopping here leaves it consistent.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // Any other write error leaves nowhere to report it either: end with a failure.
    process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : 1);
  });
}

process.exitCode = await main(process.argv.slice(2));
