/**
 * Bit-level F/D operations: comparisons (feq quiet, flt/fle signaling),
 * fmin/fmax (IEEE 754-2019 minimumNumber/maximumNumber as the F/D 2.2 spec
 * requires: -0 < +0, a single NaN operand yields the other operand, two NaNs
 * yield the canonical NaN, any sNaN raises NV), sign injection, fclass and the
 * raw moves. None of these round, so they never need the exact path.
 */
import { CANON_NAN_D_HI, CANON_NAN_S, NV } from './consts';
import { bitsS, readD, valS } from './regs';

function isNaNS(b: number): boolean {
  return (b & 0x7fffffff) > 0x7f800000;
}
function isSNaNS(b: number): boolean {
  return isNaNS(b) && (b & 0x00400000) === 0;
}
function isNaND(hi: number, lo: number): boolean {
  const h = hi & 0x7fffffff;
  return h > 0x7ff00000 || (h === 0x7ff00000 && lo !== 0);
}
function isSNaND(hi: number, lo: number): boolean {
  return isNaND(hi, lo) && (hi & 0x00080000) === 0;
}

type Op = (x: Int32Array, f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number) => number;

const enum Cmp {
  Eq,
  Lt,
  Le,
}

function cmpS(kind: Cmp): Op {
  return (x, f, rd, rs1, rs2) => {
    const a = bitsS(f, rs1);
    const b = bitsS(f, rs2);
    x[2 * rd + 1] = 0;
    if (isNaNS(a) || isNaNS(b)) {
      x[2 * rd] = 0;
      if (kind !== Cmp.Eq) return NV;
      return isSNaNS(a) || isSNaNS(b) ? NV : 0;
    }
    const va = valS(a);
    const vb = valS(b);
    x[2 * rd] = (kind === Cmp.Eq ? va === vb : kind === Cmp.Lt ? va < vb : va <= vb) ? 1 : 0;
    return 0;
  };
}

function cmpD(kind: Cmp): Op {
  return (x, f, rd, rs1, rs2) => {
    const aHi = f[2 * rs1 + 1], al = f[2 * rs1];
    const bh = f[2 * rs2 + 1], bl = f[2 * rs2];
    x[2 * rd + 1] = 0;
    if (isNaND(aHi, al) || isNaND(bh, bl)) {
      x[2 * rd] = 0;
      if (kind !== Cmp.Eq) return NV;
      return isSNaND(aHi, al) || isSNaND(bh, bl) ? NV : 0;
    }
    const va = readD(f, rs1);
    const vb = readD(f, rs2);
    x[2 * rd] = (kind === Cmp.Eq ? va === vb : kind === Cmp.Lt ? va < vb : va <= vb) ? 1 : 0;
    return 0;
  };
}

function minMaxS(isMax: boolean): Op {
  return (_x, f, rd, rs1, rs2) => {
    const a = bitsS(f, rs1);
    const b = bitsS(f, rs2);
    const flags = isSNaNS(a) || isSNaNS(b) ? NV : 0;
    let r: number;
    if (isNaNS(a)) r = isNaNS(b) ? CANON_NAN_S : b;
    else if (isNaNS(b)) r = a;
    else {
      const va = valS(a);
      const vb = valS(b);
      // Equal values differ only for ±0, where the sign bit decides.
      if (va === vb) r = isMax ? (a < 0 ? b : a) : a < 0 ? a : b;
      else r = va > vb === isMax ? a : b;
    }
    f[2 * rd] = r;
    f[2 * rd + 1] = -1;
    return flags;
  };
}

function minMaxD(isMax: boolean): Op {
  return (_x, f, rd, rs1, rs2) => {
    const ah = f[2 * rs1 + 1], al = f[2 * rs1];
    const bh = f[2 * rs2 + 1], bl = f[2 * rs2];
    const flags = isSNaND(ah, al) || isSNaND(bh, bl) ? NV : 0;
    let rh: number, rl: number;
    const aNaN = isNaND(ah, al);
    const bNaN = isNaND(bh, bl);
    let pickA: boolean;
    if (aNaN && bNaN) {
      f[2 * rd] = 0;
      f[2 * rd + 1] = CANON_NAN_D_HI;
      return flags;
    } else if (aNaN) pickA = false;
    else if (bNaN) pickA = true;
    else {
      const va = readD(f, rs1);
      const vb = readD(f, rs2);
      if (va === vb) pickA = isMax ? ah >= 0 : ah < 0;
      else pickA = va > vb === isMax;
    }
    if (pickA) {
      rh = ah;
      rl = al;
    } else {
      rh = bh;
      rl = bl;
    }
    f[2 * rd] = rl;
    f[2 * rd + 1] = rh;
    return flags;
  };
}

const enum Sgn {
  J,
  N,
  X,
}

function sgnjS(kind: Sgn): Op {
  return (_x, f, rd, rs1, rs2) => {
    const a = bitsS(f, rs1);
    const b = bitsS(f, rs2);
    const s = kind === Sgn.J ? b : kind === Sgn.N ? ~b : a ^ b;
    f[2 * rd] = (a & 0x7fffffff) | (s & 0x80000000);
    f[2 * rd + 1] = -1;
    return 0;
  };
}

function sgnjD(kind: Sgn): Op {
  return (_x, f, rd, rs1, rs2) => {
    const ah = f[2 * rs1 + 1];
    const bh = f[2 * rs2 + 1];
    const s = kind === Sgn.J ? bh : kind === Sgn.N ? ~bh : ah ^ bh;
    f[2 * rd] = f[2 * rs1];
    f[2 * rd + 1] = (ah & 0x7fffffff) | (s & 0x80000000);
    return 0;
  };
}

/** fclass bit for a value given its sign, biased-exponent-is-max/zero and fraction-is-zero facts. */
function classBits(neg: boolean, expMax: boolean, expZero: boolean, fracZero: boolean, quiet: boolean): number {
  if (expMax) {
    if (!fracZero) return quiet ? 1 << 9 : 1 << 8;
    return neg ? 1 << 0 : 1 << 7;
  }
  if (expZero) {
    if (fracZero) return neg ? 1 << 3 : 1 << 4;
    return neg ? 1 << 2 : 1 << 5;
  }
  return neg ? 1 << 1 : 1 << 6;
}

const fclassS: Op = (x, f, rd, rs1) => {
  const b = bitsS(f, rs1);
  const e = (b >>> 23) & 0xff;
  x[2 * rd] = classBits(b < 0, e === 0xff, e === 0, (b & 0x7fffff) === 0, (b & 0x400000) !== 0);
  x[2 * rd + 1] = 0;
  return 0;
};

const fclassD: Op = (x, f, rd, rs1) => {
  const hi = f[2 * rs1 + 1];
  const lo = f[2 * rs1];
  const e = (hi >>> 20) & 0x7ff;
  x[2 * rd] = classBits(hi < 0, e === 0x7ff, e === 0, (hi & 0xfffff) === 0 && lo === 0, (hi & 0x80000) !== 0);
  x[2 * rd + 1] = 0;
  return 0;
};

export const COMPARE_OPS: Record<string, Op> = {
  'feq.s': cmpS(Cmp.Eq),
  'flt.s': cmpS(Cmp.Lt),
  'fle.s': cmpS(Cmp.Le),
  'feq.d': cmpD(Cmp.Eq),
  'flt.d': cmpD(Cmp.Lt),
  'fle.d': cmpD(Cmp.Le),
  'fmin.s': minMaxS(false),
  'fmax.s': minMaxS(true),
  'fmin.d': minMaxD(false),
  'fmax.d': minMaxD(true),
  'fsgnj.s': sgnjS(Sgn.J),
  'fsgnjn.s': sgnjS(Sgn.N),
  'fsgnjx.s': sgnjS(Sgn.X),
  'fsgnj.d': sgnjD(Sgn.J),
  'fsgnjn.d': sgnjD(Sgn.N),
  'fsgnjx.d': sgnjD(Sgn.X),
  'fclass.s': fclassS,
  'fclass.d': fclassD,
  // Raw moves: no NaN-box check on fmv.x.w (it reads the low 32 bits), boxing on fmv.w.x.
  'fmv.x.w': (x, f, rd, rs1) => {
    const v = f[2 * rs1];
    x[2 * rd] = v;
    x[2 * rd + 1] = v >> 31;
    return 0;
  },
  'fmv.w.x': (x, f, rd, rs1) => {
    f[2 * rd] = x[2 * rs1];
    f[2 * rd + 1] = -1;
    return 0;
  },
  'fmv.x.d': (x, f, rd, rs1) => {
    x[2 * rd] = f[2 * rs1];
    x[2 * rd + 1] = f[2 * rs1 + 1];
    return 0;
  },
  'fmv.d.x': (x, f, rd, rs1) => {
    f[2 * rd] = x[2 * rs1];
    f[2 * rd + 1] = x[2 * rs1 + 1];
    return 0;
  },
};
