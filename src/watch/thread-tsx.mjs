// Plain JavaScript on purpose: run from the TypeScript source (tests, `npm run dev`), a worker
// thread does not inherit the main thread's tsx loader, so it registers one itself. The compiled
// program (dist/) starts thread-main.js directly (see thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./thread-main.ts');
