// Types of scripts/dossier-schema.mjs, for src/dossier/schema.test.ts.
export declare const SCHEMA_PATH: string;
export declare function dossierSchemaText(): string;
