// A small seeded PRNG (mulberry32) shared by the phone corpus, the random-junk test and the soak:
// the same seed gives the same sequence, so a failure replays.

/** Returns a function giving floats in [0, 1), reproducible for `seed`. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
