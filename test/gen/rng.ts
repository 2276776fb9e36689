/**
 * Deterministic PRNG for the test generators (sfc32: small, fast, 32-bit
 * state words only, identical on every platform). Seeds come from
 * HYPERSTEP_SEED or a fixed default, and each program gets a seed derived
 * from the master seed and its index, so any one program can be rebuilt alone.
 */

export const DEFAULT_SEED = 0x5eed_2024;

/** The run's master seed: HYPERSTEP_SEED (decimal or 0x-hex) or the default. */
export function masterSeed(): number {
  const env = process.env.HYPERSTEP_SEED;
  if (env === undefined || env.trim() === '') return DEFAULT_SEED;
  const n = Number(env.trim());
  if (!Number.isFinite(n)) throw new Error(`HYPERSTEP_SEED must be a number, got '${env}'`);
  return n >>> 0;
}

/** Mixes two 32-bit words into one (murmur3 finalizer over a combination). */
export function mixSeed(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The seed of program `index` in a run with master seed `master`. */
export function programSeed(master: number, index: number): number {
  return mixSeed(master, index);
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = seed >>> 0;
    this.c = mixSeed(seed, 1);
    this.d = 1;
    for (let i = 0; i < 16; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.u32() / 0x1_0000_0000) * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.u32() / 0x1_0000_0000 < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.below(xs.length)];
  }

  /** Picks by weight: entries are [weight, value]. */
  weighted<T>(xs: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [w] of xs) total += w;
    let r = this.below(total);
    for (const [w, v] of xs) {
      if (r < w) return v;
      r -= w;
    }
    return xs[xs.length - 1][1];
  }

  /** A uniformly random 64-bit pattern as an unsigned BigInt. */
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
}
