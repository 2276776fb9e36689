/**
 * fcvt between floats and integers, and between single and double.
 *
 * Float -> integer runs entirely on doubles: every binary32/binary64 value is
 * a JS number, and rounding it to an integer in any mode is exact double
 * arithmetic. Out-of-range and NaN inputs give the RISC-V saturated values
 * with NV alone (no NX), as the spec's conversion table and softfloat do.
 * 32-bit results (including fcvt.wu) are sign-extended into the 64-bit rd.
 *
 * Integer/double -> float uses JS rounding when it is provably a single
 * correct RNE rounding (or exact), and ./exact otherwise.
 */
import { CANON_NAN_D_HI, NV, NX, RDN, RMM, RNE, RTZ, RUP } from './consts';
import * as X from './exact';
import { bitsS, readD, storeD, storeS, unpackD, valS, writeD, writeS } from './regs';

type Op = (x: Int32Array, f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number) => number;

const TWO32 = 4294967296;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;

/** Rounds a finite or infinite (never NaN) value to an integer-valued double. */
function roundToInt(v: number, rm: number): number {
  switch (rm) {
    case RNE: {
      const fl = Math.floor(v);
      const d = v - fl; // exact: below 2^52 the fraction is representable, above it d is 0
      return d > 0.5 || (d === 0.5 && fl % 2 !== 0) ? fl + 1 : fl;
    }
    case RTZ:
      return Math.trunc(v);
    case RDN:
      return Math.floor(v);
    case RUP:
      return Math.ceil(v);
    default: {
      // RMM: ties away from zero
      const a = Math.abs(v);
      const fl = Math.floor(a);
      const r = a - fl >= 0.5 ? fl + 1 : fl;
      return v < 0 ? -r : r;
    }
  }
}

function toW(x: Int32Array, rd: number, v: number, rm: number): number {
  let r: number;
  let flags: number;
  if (v !== v) {
    r = 0x7fffffff;
    flags = NV;
  } else {
    const n = roundToInt(v, rm);
    if (n > 0x7fffffff) {
      r = 0x7fffffff;
      flags = NV;
    } else if (n < -0x80000000) {
      r = -0x80000000;
      flags = NV;
    } else {
      r = n | 0;
      flags = n !== v ? NX : 0;
    }
  }
  x[2 * rd] = r;
  x[2 * rd + 1] = r >> 31;
  return flags;
}

function toWU(x: Int32Array, rd: number, v: number, rm: number): number {
  let r: number;
  let flags: number;
  if (v !== v) {
    r = -1;
    flags = NV;
  } else {
    const n = roundToInt(v, rm);
    if (n > 0xffffffff) {
      r = -1;
      flags = NV;
    } else if (n < 0) {
      r = 0;
      flags = NV;
    } else {
      r = n | 0; // n < 2^32: ToInt32 wraps to the same 32 bits
      flags = n !== v ? NX : 0;
    }
  }
  x[2 * rd] = r;
  x[2 * rd + 1] = r >> 31; // RV64 sign-extends every 32-bit result
  return flags;
}

/** Stores the integer-valued double n (|n| < 2^64) as a 64-bit two's-complement value. */
function storeInt64(x: Int32Array, rd: number, n: number): void {
  const hi = Math.floor(n / TWO32);
  x[2 * rd] = (n - hi * TWO32) | 0;
  x[2 * rd + 1] = hi | 0;
}

function toL(x: Int32Array, rd: number, v: number, rm: number): number {
  if (v !== v) {
    x[2 * rd] = -1;
    x[2 * rd + 1] = 0x7fffffff;
    return NV;
  }
  const n = roundToInt(v, rm);
  if (n >= TWO63) {
    x[2 * rd] = -1;
    x[2 * rd + 1] = 0x7fffffff;
    return NV;
  }
  if (n < -TWO63) {
    x[2 * rd] = 0;
    x[2 * rd + 1] = -0x80000000;
    return NV;
  }
  storeInt64(x, rd, n);
  return n !== v ? NX : 0;
}

function toLU(x: Int32Array, rd: number, v: number, rm: number): number {
  if (v !== v) {
    x[2 * rd] = -1;
    x[2 * rd + 1] = -1;
    return NV;
  }
  const n = roundToInt(v, rm);
  if (n >= TWO64) {
    x[2 * rd] = -1;
    x[2 * rd + 1] = -1;
    return NV;
  }
  if (n < 0) {
    x[2 * rd] = 0;
    x[2 * rd + 1] = 0;
    return NV;
  }
  storeInt64(x, rd, n);
  return n !== v ? NX : 0;
}

// ---- integer -> float ----

/** Exact path for a 64-bit integer given as words (signed or unsigned interpretation). */
function int64Big(hi: number, lo: number, signed: boolean): { sign: number; mag: bigint } {
  let v = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  if (signed && hi < 0) v -= 1n << 64n;
  return v < 0n ? { sign: 1, mag: -v } : { sign: 0, mag: v };
}

/**
 * Value of a 64-bit integer as a double rounded to nearest-even (one rounding,
 * since hi*2^32 is exact), with the rounding error left in `int64Err`.
 */
let int64Err = 0;
function int64Value(hi: number, lo: number, signed: boolean): number {
  const a = (signed ? hi : hi >>> 0) * TWO32;
  const b = lo >>> 0;
  const s = a + b;
  const bb = s - a;
  int64Err = a - (s - bb) + (b - bb);
  return s;
}

function fromInt64D(x: Int32Array, f: Int32Array, rd: number, rs1: number, rm: number, signed: boolean): number {
  const hi = x[2 * rs1 + 1];
  const lo = x[2 * rs1];
  const s = int64Value(hi, lo, signed);
  if (int64Err === 0 || rm === RNE) {
    writeD(f, rd, s);
    return int64Err !== 0 ? NX : 0;
  }
  const { sign, mag } = int64Big(hi, lo, signed);
  return storeD(f, rd, X.fromInteger(sign, mag, X.F64, rm));
}

function fromInt64S(x: Int32Array, f: Int32Array, rd: number, rs1: number, rm: number, signed: boolean): number {
  const hi = x[2 * rs1 + 1];
  const lo = x[2 * rs1];
  const s = int64Value(hi, lo, signed);
  if (int64Err === 0) {
    const q = Math.fround(s);
    if (q === s || rm === RNE) {
      writeS(f, rd, q);
      return q !== s ? NX : 0;
    }
  }
  const { sign, mag } = int64Big(hi, lo, signed);
  return storeS(f, rd, X.fromInteger(sign, mag, X.F32, rm));
}

function fromInt32S(f: Int32Array, rd: number, v: number, rm: number): number {
  const q = Math.fround(v);
  if (q === v || rm === RNE) {
    writeS(f, rd, q);
    return q !== v ? NX : 0;
  }
  return storeS(f, rd, X.fromInteger(v < 0 ? 1 : 0, BigInt(Math.abs(v)), X.F32, rm));
}

// ---- float <-> float ----

const MIN_NORMAL_S = 2 ** -126;

const cvtSD: Op = (_x, f, rd, rs1, _rs2, _rs3, rm) => {
  const v = readD(f, rs1);
  if (v === v) {
    const q = Math.fround(v);
    // Exact results need no flags in any mode; RNE results away from the
    // underflow threshold and from overflow are a single correct rounding.
    if (q === v || (rm === RNE && q - q === 0 && Math.abs(v) >= MIN_NORMAL_S)) {
      writeS(f, rd, q);
      return q !== v ? NX : 0;
    }
  }
  return storeS(f, rd, X.convert(unpackD(f, rs1), X.F32, rm));
};

const cvtDS: Op = (_x, f, rd, rs1) => {
  const b = bitsS(f, rs1);
  if ((b & 0x7fffffff) > 0x7f800000) {
    f[2 * rd] = 0;
    f[2 * rd + 1] = CANON_NAN_D_HI;
    return (b & 0x00400000) === 0 ? NV : 0;
  }
  writeD(f, rd, valS(b));
  return 0;
};

export const CONVERT_OPS: Record<string, Op> = {
  'fcvt.w.s': (x, f, rd, rs1, _2, _3, rm) => toW(x, rd, valS(bitsS(f, rs1)), rm),
  'fcvt.wu.s': (x, f, rd, rs1, _2, _3, rm) => toWU(x, rd, valS(bitsS(f, rs1)), rm),
  'fcvt.l.s': (x, f, rd, rs1, _2, _3, rm) => toL(x, rd, valS(bitsS(f, rs1)), rm),
  'fcvt.lu.s': (x, f, rd, rs1, _2, _3, rm) => toLU(x, rd, valS(bitsS(f, rs1)), rm),
  'fcvt.w.d': (x, f, rd, rs1, _2, _3, rm) => toW(x, rd, readD(f, rs1), rm),
  'fcvt.wu.d': (x, f, rd, rs1, _2, _3, rm) => toWU(x, rd, readD(f, rs1), rm),
  'fcvt.l.d': (x, f, rd, rs1, _2, _3, rm) => toL(x, rd, readD(f, rs1), rm),
  'fcvt.lu.d': (x, f, rd, rs1, _2, _3, rm) => toLU(x, rd, readD(f, rs1), rm),
  'fcvt.s.w': (x, f, rd, rs1, _2, _3, rm) => fromInt32S(f, rd, x[2 * rs1], rm),
  'fcvt.s.wu': (x, f, rd, rs1, _2, _3, rm) => fromInt32S(f, rd, x[2 * rs1] >>> 0, rm),
  'fcvt.s.l': (x, f, rd, rs1, _2, _3, rm) => fromInt64S(x, f, rd, rs1, rm, true),
  'fcvt.s.lu': (x, f, rd, rs1, _2, _3, rm) => fromInt64S(x, f, rd, rs1, rm, false),
  'fcvt.d.w': (x, f, rd, rs1) => (writeD(f, rd, x[2 * rs1]), 0),
  'fcvt.d.wu': (x, f, rd, rs1) => (writeD(f, rd, x[2 * rs1] >>> 0), 0),
  'fcvt.d.l': (x, f, rd, rs1, _2, _3, rm) => fromInt64D(x, f, rd, rs1, rm, true),
  'fcvt.d.lu': (x, f, rd, rs1, _2, _3, rm) => fromInt64D(x, f, rd, rs1, rm, false),
  'fcvt.s.d': cvtSD,
  'fcvt.d.s': cvtDS,
};
