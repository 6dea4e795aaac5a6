/**
 * A small seeded PRNG (mulberry32 over an FNV-1a hash of the seed). Assignment tie-breaks use it so
 * the same round, panel and seed always give the same assignment, which makes a run reproducible
 * when an organiser or supervisor asks why a judge got an entry.
 */
export function seededRandom(seed: string | number): () => number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193);
  }
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
