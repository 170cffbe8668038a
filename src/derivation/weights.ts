// Fitted by bench/derivation-fit.ts (`npm run fit:derivation -- --write`); do not edit by hand.
// 871 reuse pairs (210 same-family) of 44 dev events of reuse-dev; L2 0.3.
export const MODEL = {
  fittedOn: 'reuse-dev dev events, 871 pairs',
  /** Bias first, then one weight per feature of features.ts FEATURES, in order. */
  weights: [
    -9.035, 5.194, 2.556, -0.138, 3.499, 0.244, -2.607, -1.004, 4.475, 1.301, 0.38, 0.29, 1.085, -0.771, 0.397, 0, 0.264, 0.046, 3.257,
  ],
  /** Probability from which two articles are linked (best components pair F1 on the dev events). */
  threshold: 0.5,
} as const;
