#!/usr/bin/env node
// Runs the compiled CLI in dist/ (built by `npm run build`, which `npm ci` and `npm install` run
// through `prepare`). While developing, `npm run dev -- <command>` runs the TypeScript source.
const entry = new URL('../dist/cli/run.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/run.js')) throw error;
  process.stderr.write('corroborate: the compiled program is missing (dist/). Run `npm run build` in the project folder.\n');
  process.exitCode = 1;
}
