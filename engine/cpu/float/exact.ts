/**
 * Exact reference arithmetic for binary32/binary64 in every rounding mode.
 *
 * This is the slow path: operands are decoded into exact (sign, integer
 * significand, exponent) triples held in BigInt, the operation is carried out
 * exactly (or, for division and square root, with enough extra bits plus a
 * sticky bit), and one rounding routine packs the result. That routine is the
 * single place where IEEE 754 / RISC-V rounding rules live: overflow results per
 * mode, tininess detected after rounding, UF only when tiny and inexact, and
 * the canonical NaN for every NaN result. The fast paths in the other modules
 * fall back here whenever they cannot prove their answer and flags exact.
 */
import { DZ, NV, NX, OF, RDN, RMM, RNE, RTZ, RUP, UF } from './consts';

export interface Format {
  readonly fracBits: number; // stored fraction bits
  readonly p: number; // precision including the hidden bit
  readonly bias: number;
  readonly emin: number; // exponent of the smallest normal
  readonly emax: number;
  readonly expField: bigint; // all-ones exponent field, unshifted
  readonly canonNaN: bigint;
}

export const F32: Format = { fracBits: 23, p: 24, bias: 127, emin: -126, emax: 127, expField: 0xffn, canonNaN: 0x7fc00000n };
export const F64: Format = {
  fracBits: 52,
  p: 53,
  bias: 1023,
  emin: -1022,
  emax: 1023,
  expField: 0x7ffn,
  canonNaN: 0x7ff8000000000000n,
};

export const enum Cls {
  Zero,
  Finite, // nonzero finite (normal or subnormal)
  Inf,
  QNaN,
  SNaN,
}

/** A decoded operand: value = (-1)^sign * m * 2^e when cls is Finite. */
export interface Unpacked {
  cls: Cls;
  sign: number;
  m: bigint;
  e: number;
}

export function unpack(bits: bigint, fmt: Format): Unpacked {
  const fracMask = (1n << BigInt(fmt.fracBits)) - 1n;
  const sign = Number((bits >> BigInt(fmt.fracBits + (fmt === F32 ? 8 : 11))) & 1n);
  const expF = (bits >> BigInt(fmt.fracBits)) & fmt.expField;
  const frac = bits & fracMask;
  if (expF === fmt.expField) {
    if (frac === 0n) return { cls: Cls.Inf, sign, m: 0n, e: 0 };
    const quiet = (frac >> BigInt(fmt.fracBits - 1)) & 1n;
    return { cls: quiet ? Cls.QNaN : Cls.SNaN, sign, m: 0n, e: 0 };
  }
  if (expF === 0n) {
    if (frac === 0n) return { cls: Cls.Zero, sign, m: 0n, e: 0 };
    return { cls: Cls.Finite, sign, m: frac, e: fmt.emin - fmt.fracBits };
  }
  return { cls: Cls.Finite, sign, m: frac | (1n << BigInt(fmt.fracBits)), e: Number(expF) - fmt.bias - fmt.fracBits };
}

/** Result of an exact-path operation: packed bits plus accrued flags. */
export interface Rounded {
  bits: bigint;
  flags: number;
}

function signBit(sign: number, fmt: Format): bigint {
  return sign ? 1n << BigInt(fmt === F32 ? 31 : 63) : 0n;
}

function packZero(sign: number, fmt: Format, flags = 0): Rounded {
  return { bits: signBit(sign, fmt), flags };
}

function packInf(sign: number, fmt: Format, flags = 0): Rounded {
  return { bits: signBit(sign, fmt) | (fmt.expField << BigInt(fmt.fracBits)), flags };
}

function packNaN(fmt: Format, flags: number): Rounded {
  return { bits: fmt.canonNaN, flags };
}

const lenScratch = new Float64Array(1);
const lenWords = new Int32Array(lenScratch.buffer);

/** Number of bits of m > 0 (read off the double nearest m, corrected for rounding up to a power of two). */
function bitLength(m: bigint): number {
  const n = Number(m);
  if (n === Infinity) return m.toString(2).length;
  lenScratch[0] = n;
  const e = ((lenWords[1] >>> 20) & 0x7ff) - 1023; // little-endian: word 1 is the high word
  return m >> BigInt(e) === 0n ? e : e + 1;
}

/**
 * Rounds the nonnegative integer m to a multiple of 2^drop (returns the
 * quotient) under mode rm for a value of the given sign.
 */
function roundShift(m: bigint, drop: number, sign: number, rm: number): { q: bigint; inexact: boolean } {
  if (drop <= 0) return { q: m << BigInt(-drop), inexact: false };
  const d = BigInt(drop);
  let q = m >> d;
  const rem = m - (q << d);
  if (rem === 0n) return { q, inexact: false };
  const half = 1n << (d - 1n);
  switch (rm) {
    case RNE:
      if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
      break;
    case RTZ:
      break;
    case RDN:
      if (sign) q++;
      break;
    case RUP:
      if (!sign) q++;
      break;
    case RMM:
      if (rem >= half) q++;
      break;
  }
  return { q, inexact: true };
}

/**
 * Packs (-1)^sign * (m + sticky*δ) * 2^e, 0 < δ < 1, m > 0, into fmt under rm.
 * sticky marks a value that lies strictly above m*2^e (division/sqrt residue);
 * callers guarantee m then carries at least two bits beyond the precision.
 */
export function roundPack(sign: number, m: bigint, e: number, sticky: boolean, fmt: Format, rm: number): Rounded {
  if (sticky) {
    // Any value strictly inside (m, m+1) rounds like m + 1/2 at positions >= 1 bit above.
    m = (m << 1n) | 1n;
    e -= 1;
  }
  const n = bitLength(m);
  const msb = e + n - 1; // value in [2^msb, 2^(msb+1))
  const { p, emin, emax } = fmt;
  // Tininess is detected after rounding: round to p bits with an unbounded
  // exponent and ask whether the magnitude is below 2^emin.
  let tiny = false;
  if (msb < emin - 1) tiny = true;
  else if (msb === emin - 1) tiny = roundShift(m, msb - p + 1 - e, sign, rm).q < 1n << BigInt(p);
  let lsb = Math.max(msb - p + 1, emin - p + 1);
  let { q, inexact } = roundShift(m, lsb - e, sign, rm);
  if (q === 1n << BigInt(p)) {
    q >>= 1n;
    lsb++;
  }
  let flags = inexact ? NX : 0;
  if (tiny && inexact) flags |= UF;
  if (q === 0n) return packZero(sign, fmt, flags);
  const hidden = 1n << BigInt(p - 1);
  if (q < hidden) return { bits: signBit(sign, fmt) | q, flags }; // subnormal
  const exp = lsb + p - 1;
  if (exp > emax) {
    flags |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RDN && sign === 1) || (rm === RUP && sign === 0);
    if (toInf) return packInf(sign, fmt, flags);
    const maxFinite = ((fmt.expField - 1n) << BigInt(fmt.fracBits)) | (hidden - 1n);
    return { bits: signBit(sign, fmt) | maxFinite, flags };
  }
  return { bits: signBit(sign, fmt) | (BigInt(exp + fmt.bias) << BigInt(fmt.fracBits)) | (q - hidden), flags };
}

function isNaN(u: Unpacked): boolean {
  return u.cls === Cls.QNaN || u.cls === Cls.SNaN;
}

function nanFlags(...us: Unpacked[]): number {
  for (const u of us) if (u.cls === Cls.SNaN) return NV;
  return 0;
}

function repack(u: Unpacked, sign: number, fmt: Format, rm: number): Rounded {
  return roundPack(sign, u.m, u.e, false, fmt, rm);
}

/** Exact sum of two finite nonzero operands with the given (effective) signs. */
function addFinite(sa: number, a: Unpacked, sb: number, b: Unpacked, fmt: Format, rm: number): Rounded {
  const e = Math.min(a.e, b.e);
  const ma = a.m << BigInt(a.e - e);
  const mb = b.m << BigInt(b.e - e);
  const s = (sa ? -ma : ma) + (sb ? -mb : mb);
  if (s === 0n) return packZero(rm === RDN ? 1 : 0, fmt);
  return s < 0n ? roundPack(1, -s, e, false, fmt, rm) : roundPack(0, s, e, false, fmt, rm);
}

export function add(a: Unpacked, b: Unpacked, negB: boolean, fmt: Format, rm: number): Rounded {
  if (isNaN(a) || isNaN(b)) return packNaN(fmt, nanFlags(a, b));
  const sb = b.sign ^ (negB ? 1 : 0);
  if (a.cls === Cls.Inf || b.cls === Cls.Inf) {
    if (a.cls === Cls.Inf && b.cls === Cls.Inf && a.sign !== sb) return packNaN(fmt, NV);
    return packInf(a.cls === Cls.Inf ? a.sign : sb, fmt);
  }
  if (a.cls === Cls.Zero && b.cls === Cls.Zero) return packZero(a.sign === sb ? a.sign : rm === RDN ? 1 : 0, fmt);
  if (a.cls === Cls.Zero) return repack(b, sb, fmt, rm);
  if (b.cls === Cls.Zero) return repack(a, a.sign, fmt, rm);
  return addFinite(a.sign, a, sb, b, fmt, rm);
}

export function mul(a: Unpacked, b: Unpacked, fmt: Format, rm: number): Rounded {
  if (isNaN(a) || isNaN(b)) return packNaN(fmt, nanFlags(a, b));
  const s = a.sign ^ b.sign;
  if (a.cls === Cls.Inf || b.cls === Cls.Inf) {
    if (a.cls === Cls.Zero || b.cls === Cls.Zero) return packNaN(fmt, NV);
    return packInf(s, fmt);
  }
  if (a.cls === Cls.Zero || b.cls === Cls.Zero) return packZero(s, fmt);
  return roundPack(s, a.m * b.m, a.e + b.e, false, fmt, rm);
}

export function div(a: Unpacked, b: Unpacked, fmt: Format, rm: number): Rounded {
  if (isNaN(a) || isNaN(b)) return packNaN(fmt, nanFlags(a, b));
  const s = a.sign ^ b.sign;
  if (a.cls === Cls.Inf) return b.cls === Cls.Inf ? packNaN(fmt, NV) : packInf(s, fmt);
  if (b.cls === Cls.Inf) return packZero(s, fmt);
  if (b.cls === Cls.Zero) return a.cls === Cls.Zero ? packNaN(fmt, NV) : packInf(s, fmt, DZ);
  if (a.cls === Cls.Zero) return packZero(s, fmt);
  // Scale the dividend so the integer quotient has at least p+2 bits.
  const k = Math.max(0, fmt.p + 2 + bitLength(b.m) - bitLength(a.m));
  const num = a.m << BigInt(k);
  const q = num / b.m;
  return roundPack(s, q, a.e - b.e - k, q * b.m !== num, fmt, rm);
}

function isqrt(n: bigint): bigint {
  // Newton iteration from an over-estimate; converges monotonically downward.
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

export function sqrt(a: Unpacked, fmt: Format, rm: number): Rounded {
  if (isNaN(a)) return packNaN(fmt, nanFlags(a));
  if (a.cls === Cls.Zero) return packZero(a.sign, fmt);
  if (a.sign) return packNaN(fmt, NV);
  if (a.cls === Cls.Inf) return packInf(0, fmt);
  // Make the exponent even and the radicand wide enough for p+2 result bits.
  let k = Math.max(0, 2 * (fmt.p + 2) - bitLength(a.m) + 1);
  if ((a.e - k) & 1) k++;
  const rad = a.m << BigInt(k);
  const r = isqrt(rad);
  return roundPack(0, r, (a.e - k) / 2, r * r !== rad, fmt, rm);
}

/** (-1)^negProd * a*b + (-1)^negC * c, rounded once. */
export function fma(a: Unpacked, b: Unpacked, c: Unpacked, negProd: boolean, negC: boolean, fmt: Format, rm: number): Rounded {
  const infZero = (a.cls === Cls.Inf && b.cls === Cls.Zero) || (a.cls === Cls.Zero && b.cls === Cls.Inf);
  if (isNaN(a) || isNaN(b) || isNaN(c)) {
    // RISC-V raises NV for inf*0 even when the addend is a quiet NaN.
    return packNaN(fmt, nanFlags(a, b, c) | (infZero ? NV : 0));
  }
  if (infZero) return packNaN(fmt, NV);
  const sp = a.sign ^ b.sign ^ (negProd ? 1 : 0);
  const sc = c.sign ^ (negC ? 1 : 0);
  if (a.cls === Cls.Inf || b.cls === Cls.Inf) {
    if (c.cls === Cls.Inf && sc !== sp) return packNaN(fmt, NV);
    return packInf(sp, fmt);
  }
  if (c.cls === Cls.Inf) return packInf(sc, fmt);
  if (a.cls === Cls.Zero || b.cls === Cls.Zero) {
    if (c.cls === Cls.Zero) return packZero(sp === sc ? sp : rm === RDN ? 1 : 0, fmt);
    return repack(c, sc, fmt, rm);
  }
  const prod: Unpacked = { cls: Cls.Finite, sign: sp, m: a.m * b.m, e: a.e + b.e };
  if (c.cls === Cls.Zero) return roundPack(sp, prod.m, prod.e, false, fmt, rm);
  return addFinite(sp, prod, sc, c, fmt, rm);
}

/** Converts between formats (or re-rounds within one). NaNs become canonical. */
export function convert(a: Unpacked, to: Format, rm: number): Rounded {
  if (isNaN(a)) return packNaN(to, nanFlags(a));
  if (a.cls === Cls.Inf) return packInf(a.sign, to);
  if (a.cls === Cls.Zero) return packZero(a.sign, to);
  return roundPack(a.sign, a.m, a.e, false, to, rm);
}

/** Converts the integer (-1)^sign * mag to fmt. */
export function fromInteger(sign: number, mag: bigint, fmt: Format, rm: number): Rounded {
  if (mag === 0n) return packZero(0, fmt);
  return roundPack(sign, mag, 0, false, fmt, rm);
}
