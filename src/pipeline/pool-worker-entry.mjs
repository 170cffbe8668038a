// Plain JavaScript on purpose: run from the TypeScript source (tests, `npm run dev`), a worker
// thread does not inherit the main thread's tsx loader, so it registers one itself. The compiled
// program (dist/) starts pool-worker.js directly (see workers.ts).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./pool-worker.ts');
export default worker.default;
