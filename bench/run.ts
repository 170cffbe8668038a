// `npm run bench[:name]`: runs one benchmark (or all) against ../shared/bench/ and prints its
// figures. Each benchmark lives in bench/<name>.ts and exports `run(args)`.
const BENCHMARKS = ['extract', 'dedup', 'cluster', 'quotes', 'reconcile', 'server', 'hostile', 'watch', 'derivation', 'queue'] as const;
type Name = (typeof BENCHMARKS)[number];

const [which = 'all', ...args] = process.argv.slice(2);
const names: readonly Name[] = which === 'all' ? BENCHMARKS : BENCHMARKS.filter((b) => b === which);
if (names.length === 0) {
  console.error(`bench: unknown benchmark '${which}'. Choose one of: all, ${BENCHMARKS.join(', ')}.`);
  process.exit(2);
}
for (const name of names) {
  const module = (await import(`./${name}.ts`)) as { run: (args: readonly string[]) => Promise<void> };
  console.log(`\n=== bench:${name} ===`);
  await module.run(args);
}
