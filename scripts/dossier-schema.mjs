#!/usr/bin/env node
// `npm run schema`: writes src/dossier/schema.json, the dossier's JSON Schema (draft 2020-12),
// from the one definition of the format, the types in src/dossier/types.ts (doc comments become
// descriptions, `@minimum`, `@pattern`, `@asType integer` ... constraints). `--check` writes
// nothing and exits 1 when the file differs from what the types give (src/dossier/schema.test.ts
// does the same check in the test suite). After changing the types, or merging branches that
// both changed them, run it again rather than editing schema.json by hand.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const ROOT = new URL('..', import.meta.url);
export const SCHEMA_PATH = fileURLToPath(new URL('src/dossier/schema.json', ROOT));
const TYPES_PATH = fileURLToPath(new URL('src/dossier/types.ts', ROOT));

/** What the generator cannot know: the schema's identity and title. */
const HEADER = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://corroborate.dev/schema/stories-v1.json',
  title: 'Corroborate story dossier (stories.json), version 1',
};

/** The schema the types give, as the text schema.json must hold. */
export function dossierSchemaText() {
  const generated = createGenerator({
    path: TYPES_PATH,
    tsconfig: fileURLToPath(new URL('tsconfig.json', ROOT)),
    type: 'Dossier',
    expose: 'export',
    topRef: false,
    jsDoc: 'extended',
    // The suite's typecheck (tsc) covers the types; the generator only reads them.
    skipTypeCheck: true,
    additionalProperties: false,
    sortProps: false,
  }).createSchema('Dossier');
  const { $schema: _draft07, definitions, ...root } = generated;
  const schema = { ...HEADER, ...root, $defs: definitions };
  // draft-07's `definitions` are 2020-12's `$defs`.
  return `${JSON.stringify(schema, null, 2).replaceAll('"#/definitions/', '"#/$defs/')}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = dossierSchemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_PATH, 'utf8') !== text) {
      process.stderr.write('src/dossier/schema.json is not what src/dossier/types.ts gives: run `npm run schema`.\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_PATH, text);
    process.stderr.write(`wrote ${SCHEMA_PATH}\n`);
  }
}
