// Results remembered by key, bounded: stages fold, split and embed the same words and sentences
// again and again within a run (news copy repeats itself), and a long run must not grow without
// end. Past `size` keys the memory starts again, which costs a recomputation, never a wrong value.

/** `compute()`'s value for `key`, remembered for up to `size` keys. */
export function boundedMemo<K, T>(size: number): (key: K, compute: () => T) => T {
  const kept = new Map<K, T>();
  return (key, compute) => {
    const known = kept.get(key);
    if (known !== undefined || kept.has(key)) return known as T;
    if (kept.size >= size) kept.clear();
    const value = compute();
    kept.set(key, value);
    return value;
  };
}
