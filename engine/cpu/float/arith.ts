/**
 * fadd/fsub/fmul/fdiv/fsqrt and the four fused multiply-adds, single and double.
 *
 * Round-to-nearest-even (the mode compiled code uses) runs on JS doubles with
 * exact flag detection; anything the fast path cannot prove (other modes, NaN
 * operands, overflow, results near the underflow threshold) is recomputed
 * exactly by ./exact.
 *
 * Why the fast paths are exact:
 *  - double add/sub: TwoSum recovers the rounding error exactly when the sum
 *    is finite; a sum below 2^-1021 is always exact, so UF never arises.
 *  - double mul/div/sqrt: Dekker's split product recovers a*b (or q*b, r*r)
 *    exactly when neither factor exceeds 2^995 and the product is above
 *    2^-960; the result is then far from the underflow threshold.
 *  - single ops: the double result rounded to binary32 equals the correctly
 *    rounded single result, since 53 >= 2*24+2 makes double rounding innocuous
 *    for + - * / sqrt; single products are exact in double, and a quotient or
 *    root is exact iff multiplying back (exact in double) reproduces the input.
 *  - single FMA: the exact a*b+c is first rounded to 53 bits *to odd* (TwoSum
 *    error decides the sticky direction), which preserves the correct
 *    rounding to 24 bits.
 *  - double FMA: a*b is split exactly into uh+ul, and uh+ul+c regrouped by
 *    TwoSums into vh + (tl+vl); the small part rounded to odd, then added to
 *    vh once, is the correctly rounded result (Boldo & Melquiond's emulation).
 */
import { NX, RNE } from './consts';
import * as X from './exact';
import { bitsS, readD, storeD, storeS, unpackD, unpackS, valS, w32, f64, writeD, writeS } from './regs';

const BIG = 2 ** 995; // largest factor Dekker's split handles without overflow
const SMALL_PROD = 2 ** -960; // smallest product whose error term is representable
const SMALL_Q = 2 ** -1000; // quotients this large are nowhere near tiny
const MIN_NORMAL_S = 2 ** -126;
const TINY_S = 2 ** -125;
const SPLIT = 134217729; // 2^27 + 1
const BIG_PROD = 2 ** 1020; // keeps the split's partial products (up to ~p*(1+2^-25)) finite

/** Exact error of the rounded product p = fl(a*b), under the range conditions above. */
function prodErr(a: number, b: number, p: number): number {
  let c = SPLIT * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

// ---- double precision ----

function addD(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number, neg: boolean): number {
  if (rm === RNE) {
    const a = readD(f, rs1);
    const b = neg ? -readD(f, rs2) : readD(f, rs2);
    const s = a + b;
    if (s - s === 0) {
      const bb = s - a;
      const err = a - (s - bb) + (b - bb);
      writeD(f, rd, s);
      return err !== 0 ? NX : 0;
    }
  }
  return storeD(f, rd, X.add(unpackD(f, rs1), unpackD(f, rs2), neg, X.F64, rm));
}

function mulD(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number): number {
  if (rm === RNE) {
    const a = readD(f, rs1);
    const b = readD(f, rs2);
    const p = a * b;
    const ap = Math.abs(p);
    if (Math.abs(a) <= BIG && Math.abs(b) <= BIG && ap >= SMALL_PROD && ap <= BIG_PROD) {
      const err = prodErr(a, b, p);
      writeD(f, rd, p);
      return err !== 0 ? NX : 0;
    }
    if (p === 0 && (a === 0 || b === 0)) {
      writeD(f, rd, p);
      return 0;
    }
  }
  return storeD(f, rd, X.mul(unpackD(f, rs1), unpackD(f, rs2), X.F64, rm));
}

function divD(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number): number {
  if (rm === RNE) {
    const a = readD(f, rs1);
    const b = readD(f, rs2);
    const q = a / b;
    const aq = Math.abs(q);
    const aa = Math.abs(a);
    if (aa >= SMALL_PROD && aa <= BIG_PROD && Math.abs(b) <= BIG && aq >= SMALL_Q && aq <= BIG) {
      const p = q * b;
      const err = prodErr(q, b, p);
      writeD(f, rd, q);
      return p === a && err === 0 ? 0 : NX;
    }
    if (a === 0 && q === 0) {
      writeD(f, rd, q);
      return 0;
    }
  }
  return storeD(f, rd, X.div(unpackD(f, rs1), unpackD(f, rs2), X.F64, rm));
}

function sqrtD(f: Int32Array, rd: number, rs1: number, rm: number): number {
  if (rm === RNE) {
    const a = readD(f, rs1);
    if (a >= SMALL_PROD && a <= Number.MAX_VALUE) {
      const r = Math.sqrt(a);
      const p = r * r;
      const err = prodErr(r, r, p);
      writeD(f, rd, r);
      return p === a && err === 0 ? 0 : NX;
    }
  }
  return storeD(f, rd, X.sqrt(unpackD(f, rs1), X.F64, rm));
}

function fmaD(f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number, negProd: boolean, negC: boolean): number {
  if (rm === RNE) {
    const a = readD(f, rs1);
    const b = negProd ? -readD(f, rs2) : readD(f, rs2);
    const c = negC ? -readD(f, rs3) : readD(f, rs3);
    const uh = a * b;
    const au = Math.abs(uh);
    if (Math.abs(a) <= BIG && Math.abs(b) <= BIG && au >= SMALL_PROD && au <= BIG_PROD && Math.abs(c) <= BIG_PROD) {
      // a*b + c = uh + ul + c exactly; regroup as vh + (tl + vl) with TwoSums.
      const ul = prodErr(a, b, uh);
      const th = c + ul;
      let bb = th - c;
      const tl = c - (th - bb) + (ul - bb);
      const vh = uh + th;
      bb = vh - uh;
      const vl = uh - (vh - bb) + (th - bb);
      let z = tl + vl;
      bb = z - tl;
      const ze = tl - (z - bb) + (vl - bb);
      if (ze === 0) {
        // The exact value is vh + z: one correctly rounded addition, and its
        // TwoSum error says whether it was exact.
        const r = vh + z;
        bb = r - vh;
        const re = vh - (r - bb) + (z - bb);
        const ar = Math.abs(r);
        if ((ar >= SMALL_PROD && ar <= BIG_PROD) || (r === 0 && re === 0)) {
          writeD(f, rd, r);
          return re !== 0 ? NX : 0;
        }
      } else if (Math.abs(z) >= SMALL_Q) {
        // tl + vl is not a double: round it to odd, after which one rounding
        // of vh + z is the correctly rounded a*b + c (Boldo & Melquiond).
        // Here vh + th was inexact, so |tl + vl| is far below |vh| and the
        // result lies within a factor 2 of vh; were it exact, r - vh = tl + vl
        // would be a double by Sterbenz's lemma. So the result is inexact.
        f64[0] = z;
        if ((w32[0] & 1) === 0) {
          if (ze > 0 === z > 0) w32[0] += 1;
          else if (w32[0] === 0) {
            w32[0] = -1;
            w32[1] -= 1;
          } else w32[0] -= 1;
          z = f64[0];
        }
        const r = vh + z;
        const ar = Math.abs(r);
        if (ar >= SMALL_PROD && ar <= BIG_PROD) {
          writeD(f, rd, r);
          return NX;
        }
      }
    }
  }
  return storeD(f, rd, X.fma(unpackD(f, rs1), unpackD(f, rs2), unpackD(f, rs3), negProd, negC, X.F64, rm));
}

// ---- single precision ----

function addS(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number, neg: boolean): number {
  if (rm === RNE) {
    const a = valS(bitsS(f, rs1));
    const b = neg ? -valS(bitsS(f, rs2)) : valS(bitsS(f, rs2));
    const s = a + b;
    const q = Math.fround(s);
    if (q - q === 0) {
      const bb = s - a;
      const err = a - (s - bb) + (b - bb);
      writeS(f, rd, q);
      return err !== 0 || q !== s ? NX : 0;
    }
  }
  return storeS(f, rd, X.add(unpackS(f, rs1), unpackS(f, rs2), neg, X.F32, rm));
}

function mulS(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number): number {
  if (rm === RNE) {
    const p = valS(bitsS(f, rs1)) * valS(bitsS(f, rs2)); // exact: 48-bit product
    const q = Math.fround(p);
    if (q - q === 0 && (Math.abs(p) >= MIN_NORMAL_S || p === 0)) {
      writeS(f, rd, q);
      return q !== p ? NX : 0;
    }
  }
  return storeS(f, rd, X.mul(unpackS(f, rs1), unpackS(f, rs2), X.F32, rm));
}

function divS(f: Int32Array, rd: number, rs1: number, rs2: number, rm: number): number {
  if (rm === RNE) {
    const a = valS(bitsS(f, rs1));
    const b = valS(bitsS(f, rs2));
    const r = a / b;
    const q = Math.fround(r);
    if (q - q === 0 && Math.abs(r) >= TINY_S) {
      writeS(f, rd, q);
      return q * b === a ? 0 : NX;
    }
    if (a === 0 && r === 0) {
      writeS(f, rd, r); // 0 / (nonzero or inf): exact signed zero
      return 0;
    }
  }
  return storeS(f, rd, X.div(unpackS(f, rs1), unpackS(f, rs2), X.F32, rm));
}

function sqrtS(f: Int32Array, rd: number, rs1: number, rm: number): number {
  if (rm === RNE) {
    const a = valS(bitsS(f, rs1));
    if (a > 0 && a <= Number.MAX_VALUE) {
      const q = Math.fround(Math.sqrt(a));
      writeS(f, rd, q);
      return q * q === a ? 0 : NX;
    }
  }
  return storeS(f, rd, X.sqrt(unpackS(f, rs1), X.F32, rm));
}

function fmaS(f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number, negProd: boolean, negC: boolean): number {
  if (rm === RNE) {
    const m = valS(bitsS(f, rs1)) * valS(bitsS(f, rs2)); // exact
    const p = negProd ? -m : m;
    const c = negC ? -valS(bitsS(f, rs3)) : valS(bitsS(f, rs3));
    const s = p + c;
    if (s - s === 0) {
      const bb = s - p;
      const err = p - (s - bb) + (c - bb);
      let v = s;
      if (err !== 0) {
        // Round to odd: if s's last bit is even, move one ulp toward the exact value.
        f64[0] = s;
        if ((w32[0] & 1) === 0) {
          if (err > 0 === s > 0) w32[0] += 1;
          else if (w32[0] === 0) {
            w32[0] = -1;
            w32[1] -= 1;
          } else w32[0] -= 1;
          v = f64[0];
        }
      }
      const q = Math.fround(v);
      if (q - q === 0 && (Math.abs(v) >= MIN_NORMAL_S || v === 0)) {
        writeS(f, rd, q);
        return err !== 0 || q !== v ? NX : 0;
      }
    }
  }
  return storeS(f, rd, X.fma(unpackS(f, rs1), unpackS(f, rs2), unpackS(f, rs3), negProd, negC, X.F32, rm));
}

type Op = (x: Int32Array, f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number) => number;

export const ARITH_OPS: Record<string, Op> = {
  'fadd.s': (_x, f, rd, rs1, rs2, _rs3, rm) => addS(f, rd, rs1, rs2, rm, false),
  'fsub.s': (_x, f, rd, rs1, rs2, _rs3, rm) => addS(f, rd, rs1, rs2, rm, true),
  'fmul.s': (_x, f, rd, rs1, rs2, _rs3, rm) => mulS(f, rd, rs1, rs2, rm),
  'fdiv.s': (_x, f, rd, rs1, rs2, _rs3, rm) => divS(f, rd, rs1, rs2, rm),
  'fsqrt.s': (_x, f, rd, rs1, _rs2, _rs3, rm) => sqrtS(f, rd, rs1, rm),
  'fmadd.s': (_x, f, rd, rs1, rs2, rs3, rm) => fmaS(f, rd, rs1, rs2, rs3, rm, false, false),
  'fmsub.s': (_x, f, rd, rs1, rs2, rs3, rm) => fmaS(f, rd, rs1, rs2, rs3, rm, false, true),
  'fnmsub.s': (_x, f, rd, rs1, rs2, rs3, rm) => fmaS(f, rd, rs1, rs2, rs3, rm, true, false),
  'fnmadd.s': (_x, f, rd, rs1, rs2, rs3, rm) => fmaS(f, rd, rs1, rs2, rs3, rm, true, true),
  'fadd.d': (_x, f, rd, rs1, rs2, _rs3, rm) => addD(f, rd, rs1, rs2, rm, false),
  'fsub.d': (_x, f, rd, rs1, rs2, _rs3, rm) => addD(f, rd, rs1, rs2, rm, true),
  'fmul.d': (_x, f, rd, rs1, rs2, _rs3, rm) => mulD(f, rd, rs1, rs2, rm),
  'fdiv.d': (_x, f, rd, rs1, rs2, _rs3, rm) => divD(f, rd, rs1, rs2, rm),
  'fsqrt.d': (_x, f, rd, rs1, _rs2, _rs3, rm) => sqrtD(f, rd, rs1, rm),
  'fmadd.d': (_x, f, rd, rs1, rs2, rs3, rm) => fmaD(f, rd, rs1, rs2, rs3, rm, false, false),
  'fmsub.d': (_x, f, rd, rs1, rs2, rs3, rm) => fmaD(f, rd, rs1, rs2, rs3, rm, false, true),
  'fnmsub.d': (_x, f, rd, rs1, rs2, rs3, rm) => fmaD(f, rd, rs1, rs2, rs3, rm, true, false),
  'fnmadd.d': (_x, f, rd, rs1, rs2, rs3, rm) => fmaD(f, rd, rs1, rs2, rs3, rm, true, true),
};
