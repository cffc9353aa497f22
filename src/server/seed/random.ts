/**
 * mulberry32: a small, fast, seedable generator of floats in [0, 1). The default data and the generated city use
 * it so that every load of the same day gives the same rows.
 *
 * @example const r = mulberry32(1); r() === r() // false: each call is the next number of the one sequence
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
