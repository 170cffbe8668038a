// The dossier format has one definition, types.ts; schema.json is generated from it
// (`npm run schema`). This fails when someone changes one without the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SCHEMA_PATH, dossierSchemaText } from '../../scripts/dossier-schema.mjs';

test('schema.json is the schema src/dossier/types.ts gives (run `npm run schema` after changing the types)', () => {
  const expected = dossierSchemaText();
  const actual = readFileSync(SCHEMA_PATH, 'utf8');
  assert.ok(actual === expected, 'src/dossier/schema.json differs from the types: run `npm run schema`');
});
