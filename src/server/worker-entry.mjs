// Plain JavaScript on purpose: a worker thread does not inherit the TypeScript loader that the
// main thread registered (bin/corroborate.js uses tsx's API), so it registers one itself.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');
