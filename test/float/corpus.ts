/**
 * Operand corpus for the F/D differential tests: a seeded generator of
 * register bit patterns (as 64-bit BigInts) biased toward the places where
 * floating-point implementations differ — specials, subnormals, the
 * overflow/underflow thresholds, exact and halfway results, cancellation,
 * and integers at the edges of every conversion's range.
 */

/** Seeded 32-bit generator (mulberry32): small, fast, reproducible. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  u32(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }
}

export interface Fmt {
  p: number; // precision incl. hidden bit
  expBits: number;
  bias: number;
}
export const S: Fmt = { p: 24, expBits: 8, bias: 127 };
export const D: Fmt = { p: 53, expBits: 11, bias: 1023 };

const BOX = 0xffffffff00000000n;
const M64 = (1n << 64n) - 1n;

function width(fmt: Fmt): number {
  return fmt.p + fmt.expBits;
}

/** Packs sign / biased exponent / fraction into bits of fmt (not boxed). */
export function packBits(fmt: Fmt, sign: number, bexp: number, frac: bigint): bigint {
  const fb = BigInt(fmt.p - 1);
  return (BigInt(sign) << BigInt(width(fmt) - 1)) | (BigInt(bexp) << fb) | (frac & ((1n << fb) - 1n));
}

/** Register value for a single (NaN-boxed) or double. */
export function reg(fmt: Fmt, bits: bigint): bigint {
  return fmt === S ? BOX | bits : bits;
}

export function specials(fmt: Fmt): bigint[] {
  const fb = BigInt(fmt.p - 1);
  const maxE = (1 << fmt.expBits) - 1;
  const fracAll = (1n << fb) - 1n;
  const out: bigint[] = [];
  for (const sign of [0, 1]) {
    out.push(
      packBits(fmt, sign, 0, 0n), // zero
      packBits(fmt, sign, maxE, 0n), // infinity
      packBits(fmt, sign, maxE, 1n << (fb - 1n)), // canonical-shaped qNaN
      packBits(fmt, sign, maxE, (1n << (fb - 1n)) | 0x5an), // qNaN with payload
      packBits(fmt, sign, maxE, 1n), // sNaN
      packBits(fmt, sign, maxE, fracAll >> 1n), // sNaN, big payload
      packBits(fmt, sign, 0, 1n), // min subnormal
      packBits(fmt, sign, 0, fracAll), // max subnormal
      packBits(fmt, sign, 0, 1n << (fb - 1n)), // mid subnormal
      packBits(fmt, sign, 1, 0n), // min normal
      packBits(fmt, sign, 1, 1n), // just above min normal
      packBits(fmt, sign, maxE - 1, fracAll), // max normal
      packBits(fmt, sign, maxE - 1, 0n), // 2^emax
      packBits(fmt, sign, fmt.bias, 0n), // 1
      packBits(fmt, sign, fmt.bias, 1n), // 1 + ulp
      packBits(fmt, sign, fmt.bias - 1, fracAll), // 1 - ulp/2
      packBits(fmt, sign, fmt.bias + 1, 1n << (fb - 1n)), // 3
      packBits(fmt, sign, fmt.bias - 1, 0n), // 0.5
    );
  }
  return out;
}

/** A random finite-or-special value in fmt, biased toward interesting exponents and significands. */
export function randomFloat(rng: Rng, fmt: Fmt, expHint?: number): bigint {
  const maxE = (1 << fmt.expBits) - 1;
  if (expHint === undefined && rng.chance(0.08)) return rng.pick(specials(fmt));
  const fb = fmt.p - 1;
  let bexp: number;
  if (expHint !== undefined) bexp = expHint;
  else {
    const r = rng.int(10);
    if (r < 5) bexp = fmt.bias - 12 + rng.int(25);
    else if (r < 7) bexp = rng.int(maxE);
    else if (r < 8) bexp = rng.int(fmt.p + 3); // subnormal and just above
    else if (r < 9) bexp = maxE - 1 - rng.int(fmt.p + 3);
    else bexp = fmt.bias - 40 + rng.int(81);
  }
  bexp = Math.max(0, Math.min(maxE - 1, bexp));
  let frac = rng.u64() & ((1n << BigInt(fb)) - 1n);
  const shape = rng.int(8);
  if (shape < 3) {
    // few significant bits: exact results and exact halfway cases become common
    const keep = rng.int(fb + 1);
    frac &= ~((1n << BigInt(fb - keep)) - 1n);
  } else if (shape === 3) frac = (1n << BigInt(fb)) - 1n - BigInt(rng.int(4)); // all ones
  else if (shape === 4) frac = BigInt(rng.int(4)); // near a power of two
  return packBits(fmt, rng.int(2), bexp, frac);
}

export function bexpOf(fmt: Fmt, bits: bigint): number {
  return Number((bits >> BigInt(fmt.p - 1)) & BigInt((1 << fmt.expBits) - 1));
}

/** Operand kinds: floats of a format, or a 64-bit integer register value. */
export type Kind = 's' | 'd' | 'x';

/** How a second/third operand relates to the first, chosen per operation. */
export type Shape = 'add' | 'mul' | 'div' | 'sqrt' | 'fma' | 'cmp' | 'toint' | 'fromint32' | 'fromint64' | 'free';

/** Integers at conversion-range edges and rounding boundaries (two's complement, 64-bit). */
export function edgeInts(): bigint[] {
  const vals: bigint[] = [0n, 1n, -1n, 2n, 3n, -3n];
  for (const b of [23, 24, 25, 31, 32, 52, 53, 54, 62, 63, 64]) {
    const p = 1n << BigInt(b);
    vals.push(p, p - 1n, p + 1n, p - 2n, -p, -p + 1n, -p - 1n);
  }
  // ties at 24 and 53 bits of precision
  for (const sh of [0n, 7n, 10n]) vals.push(((1n << 24n) + 1n) << sh, ((1n << 24n) + 3n) << sh, ((1n << 53n) + 1n) << sh, ((1n << 53n) + 3n) << sh);
  return vals.map((v) => v & M64);
}

export function randomInt(rng: Rng): bigint {
  if (rng.chance(0.25)) return rng.pick(edgeInts());
  const bits = 1 + rng.int(64);
  let v = rng.u64() & ((1n << BigInt(bits)) - 1n);
  if (rng.chance(0.3)) v &= ~((1n << BigInt(rng.int(bits))) - 1n); // trailing zeros: exact/tie cases
  if (rng.chance(0.5)) v = -v;
  return v & M64;
}

/** A 32-bit integer in an x register: sign-extended, or with junk upper bits the op must ignore. */
export function randomInt32Reg(rng: Rng): bigint {
  let v = randomInt(rng) & 0xffffffffn;
  if (rng.chance(0.5)) v = BigInt.asUintN(64, BigInt.asIntN(32, v));
  else v |= BigInt(rng.u32()) << 32n;
  return v;
}

function toBits(fmt: Fmt, v: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  if (fmt === S) {
    dv.setFloat32(0, v);
    return BigInt(dv.getUint32(0));
  }
  dv.setFloat64(0, v);
  return dv.getBigUint64(0);
}

/** Floats that land near integer rounding boundaries and conversion limits. */
export function floatForIntConversion(rng: Rng, fmt: Fmt): bigint {
  const r = rng.int(4);
  if (r === 0) return randomFloat(rng, fmt);
  const limits = [0, 1, 2, 3, 2 ** 31, 2 ** 32, 2 ** 63, 2 ** 64, 2 ** 52, 2 ** 23, 100];
  const base = rng.pick(limits);
  const frac = rng.pick([0, 0.5, 0.25, 0.75, 1.5, -0.5, -1, 1, 0.125]);
  let v = base + frac;
  if (rng.chance(0.3)) v = base * (1 + rng.pick([-1, 1]) * 2 ** -(fmt.p - 1 - rng.int(3)));
  if (r === 2) v = rng.int(16) / 4 + rng.int(4) * 2 ** rng.int(30);
  if (rng.chance(0.5)) v = -v;
  return toBits(fmt, v);
}

/** Bits of a random single whose register has a broken NaN box (reads as the canonical NaN). */
export function badBox(rng: Rng, bits: bigint): bigint {
  return (BigInt(rng.u32() & 0x7fffffff) << 32n) | bits;
}

/**
 * Register operands for one case of an op: floats of `fmt` for 'fp' operands,
 * integer register values otherwise. Returns three 64-bit register values.
 */
export function operands(rng: Rng, fmt: Fmt, shape: Shape): [bigint, bigint, bigint] {
  const w = (b: bigint): bigint => (fmt === S && rng.chance(0.02) ? badBox(rng, b) : reg(fmt, b));
  const maxE = (1 << fmt.expBits) - 1;
  const a = randomFloat(rng, fmt);
  const ea = bexpOf(fmt, a);
  const near = (e: number, spread: number): number => e - spread + rng.int(2 * spread + 1);
  let b: bigint;
  let c: bigint = randomFloat(rng, fmt);
  switch (shape) {
    case 'add':
      b = rng.chance(0.75) && ea > 0 && ea < maxE ? randomFloat(rng, fmt, near(ea, fmt.p + 2)) : randomFloat(rng, fmt);
      if (rng.chance(0.1)) b = a ^ (1n << BigInt(width(fmt) - 1)); // exact cancellation
      break;
    case 'mul': {
      const r = rng.int(4);
      // Steer the product to the underflow or overflow threshold, or leave it free.
      const target = r === 0 ? 1 : r === 1 ? maxE : fmt.bias;
      b = r < 3 && ea > 0 && ea < maxE ? randomFloat(rng, fmt, near(target + fmt.bias - ea, fmt.p + 1)) : randomFloat(rng, fmt);
      break;
    }
    case 'div': {
      const r = rng.int(4);
      const target = r === 0 ? 1 : r === 1 ? maxE : fmt.bias;
      b = r < 3 && ea > 0 && ea < maxE ? randomFloat(rng, fmt, near(ea - target + fmt.bias, fmt.p + 1)) : randomFloat(rng, fmt);
      break;
    }
    case 'fma': {
      b = randomFloat(rng, fmt, rng.chance(0.3) ? undefined : near(fmt.bias, 20));
      const eb = bexpOf(fmt, b);
      const ep = ea + eb - fmt.bias;
      if (rng.chance(0.7) && ep > 0 && ep < maxE) c = randomFloat(rng, fmt, near(ep, 2 * fmt.p + 2));
      if (rng.chance(0.1) && ep > 0 && ep < maxE) {
        // c close to -(a*b): massive cancellation
        c = randomFloat(rng, fmt, ep) ^ (rng.chance(0.5) ? 1n << BigInt(width(fmt) - 1) : 0n);
      }
      break;
    }
    case 'cmp':
      b = rng.chance(0.25) ? a : rng.chance(0.2) ? a ^ 1n : randomFloat(rng, fmt);
      break;
    case 'sqrt':
    case 'free':
    default:
      b = randomFloat(rng, fmt);
  }
  if (shape === 'toint') return [reg(fmt, floatForIntConversion(rng, fmt)), 0n, 0n];
  if (shape === 'fromint32') return [randomInt32Reg(rng), 0n, 0n];
  if (shape === 'fromint64') return [randomInt(rng), 0n, 0n];
  return [w(a), w(b), w(c)];
}

/** Register values for an all-pairs table of special operands (plus a broken box for singles). */
export function crossSpecials(fmt: Fmt): bigint[] {
  const fb = BigInt(fmt.p - 1);
  const maxE = (1 << fmt.expBits) - 1;
  const vals: bigint[] = [];
  for (const sign of [0, 1]) {
    vals.push(
      packBits(fmt, sign, 0, 0n),
      packBits(fmt, sign, maxE, 0n),
      packBits(fmt, sign, 0, 1n),
      packBits(fmt, sign, 1, 0n),
      packBits(fmt, sign, maxE - 1, (1n << fb) - 1n),
      packBits(fmt, sign, fmt.bias, 0n),
    );
  }
  vals.push(packBits(fmt, 0, maxE, 1n << (fb - 1n)), packBits(fmt, 0, maxE, 1n));
  const regs = vals.map((v) => reg(fmt, v));
  if (fmt === S) regs.push(0x000000003f800000n);
  return regs;
}
