// Real-world quantity phrasings from many domains, with the value, unit and qualifier a careful
// reader takes from them. Used by quantities.test.ts and by `npm run bench:quotes`.
import type { Qualifier } from '../records.js';

export interface QuantityRow {
  readonly text: string;
  readonly value: number;
  readonly unit: string;
  readonly qualifier?: Qualifier;
  readonly per?: string | null;
}

export const QUANTITY_TABLE: readonly QuantityRow[] = [
  { text: 'Russia reserves are estimated at 3.8 million metric tons.', value: 3_800_000, unit: 't' },
];
