#!/usr/bin/env node
// Repacks the word vectors into their binary cache once per machine (see
// src/semantics/vector-cache.ts), so neither the first `analyze` nor the test suite waits for the
// 300 MB JSON: `npm ci` runs this after the build (prepare), `npm test` before the tests (pretest).
// With --source it loads the TypeScript source (run under tsx), otherwise the compiled dist/.
// A cache that cannot be made is not fatal: the first run that needs the vectors makes it.
const source = process.argv.includes('--source');
try {
  const started = performance.now();
  const { wordVectors, onWordVectorRepack } = await import(source ? '../src/semantics/vectors.ts' : '../dist/semantics/vectors.js');
  // The repack's own progress line, as every command shows it: npm ci is not silent for 10-30 s.
  const { repackProgressLine } = await import(source ? '../src/cli/vector-progress.ts' : '../dist/cli/vector-progress.js');
  let repacked = false;
  const show = repackProgressLine({ stderr: process.stderr, interactive: Boolean(process.stderr.isTTY) });
  onWordVectorRepack((progress) => {
    repacked = true;
    show(progress);
  });
  const { size } = wordVectors();
  const seconds = (performance.now() - started) / 1000;
  if (seconds > 2 && !repacked)
    process.stderr.write(`corroborate: word vectors ready (${size.toLocaleString('en')} words, ${seconds.toFixed(1)} s)\n`);
} catch (error) {
  process.stderr.write(
    `corroborate: the word-vector cache was not made now (${error?.message ?? error}); the first analysis will make it.\n`,
  );
}
