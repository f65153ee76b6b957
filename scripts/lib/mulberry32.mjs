// mulberry32 (Tommy Ettinger, public domain): a small seeded generator of uniform numbers in [0, 1),
// so a seed reproduces the same sequence. Used where the harness itself needs randomness (the
// benchmark's data for TF.js, the fuzz run's mutations) — never by the lab, whose RNG is PCG32 in C++.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
