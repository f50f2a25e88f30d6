/**
 * A seeded pseudo-random generator with independent streams: sfc32 (Chris Doty-Humphrey's small
 * fast chaotic generator, passes PractRand to 2^40+ bytes) keyed by splitmix32. Sub-experiment i
 * draws from stream i, so adding or reordering another sub-experiment never changes its IATs.
 */

export interface Rng {
  /** Uniform in [0, 1), in steps of 2^-32. */
  next(): number;
}

/** Outputs thrown away after seeding, so nearby keys have diverged before the first draw. */
const WARM_UP_DRAWS = 12;

/**
 * The generator for `stream` of `seed` (both used as unsigned 32-bit integers). The seed fixes
 * two state words and the stream a third, each through splitmix32's first output, which is a
 * bijection of its input: different (seed, stream) pairs never share a starting state.
 */
export function createRng(seed: number, stream: number): Rng {
  const fromSeed = splitmix32(seed >>> 0);
  const fromStream = splitmix32((stream >>> 0) ^ 0x85eb_ca6b);
  const rng = sfc32(fromSeed(), fromSeed(), fromStream(), 1);
  for (let i = 0; i < WARM_UP_DRAWS; i++) rng.next();
  return rng;
}

function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e37_79b9) | 0;
    let t = s ^ (s >>> 16);
    t = Math.imul(t, 0x21f0_aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a_2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

function sfc32(a0: number, b0: number, c0: number, counter0: number): Rng {
  let a = a0 | 0;
  let b = b0 | 0;
  let c = c0 | 0;
  let counter = counter0 | 0;
  return {
    next() {
      const t = (((a + b) | 0) + counter) | 0;
      counter = (counter + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      return (t >>> 0) / 4_294_967_296;
    },
  };
}
