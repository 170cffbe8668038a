#!/usr/bin/env node
// `npm run build` (and `prepare`, so `npm ci` builds too): compiles src/ to dist/ with tsc and
// copies the files the compiled code reads at run time (the web app, the dossier schema).
import { cpSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Read at run time relative to the compiled module that needs them. */
const ASSETS = ['server/web', 'dossier/schema.json'];

rmSync(`${root}/dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', `${root}/tsconfig.build.json`], { stdio: 'inherit' });
if (compiled.status !== 0) {
  process.stderr.write('corroborate build: tsc failed (see above); run `npm run typecheck` for every error.\n');
  process.exit(compiled.status ?? 1);
}
for (const asset of ASSETS) cpSync(`${root}/src/${asset}`, `${root}/dist/${asset}`, { recursive: true });
