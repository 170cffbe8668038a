// Fitted by bench/derivation-fit.ts (`npm run fit:derivation -- --write`); do not edit by hand.
// 871 reuse pairs (210 same-family) of 44 dev events of reuse-dev; L2 0.3.
export const MODEL = {
  fittedOn: 'reuse-dev dev events, 871 pairs',
  /** Bias first, then one weight per feature of features.ts FEATURES, in order. */
  weights: [
    -8.987, 5.259, 2.553, -0.112, 3.432, 0.21, -2.6, -1.022, 4.455, 1.303, 0.414, 0.317, 1.032, -0.71, 0.271, 0, 0.264, 0.027, 3.279,
  ],
  /** Probability from which two articles are linked (best components pair F1 on the dev events). */
  threshold: 0.5,
} as const;
