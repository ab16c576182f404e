/**
 * A small seeded random number generator (mulberry32), so a chaos run can be replayed with
 * `CHAOS_SEED`. Timing still differs between runs (the server and sockets are real), so a replay
 * makes the same choices in the same order, not the same interleaving.
 */
export interface Rng {
  /** In [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A delay drawn from an exponential distribution with this mean (a Poisson process). */
  expo(meanMs: number): number;
}

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    expo: (meanMs) => -Math.log(1 - next()) * meanMs,
  };
}
