// The dossier: assembly (buildStoryDossier), the JSON Schema check (validateDossier) and the
// static HTML report (renderReport). The format is documented in docs/dossier.md.
export { buildStoryDossier, type StoryParts } from './build.js';
export { renderReport } from './report.js';
export { validateDossier, dossierSchema, type DossierValidation } from './validate.js';
export * from './types.js';
