/**
 * Zba, Zbb, Zbc, Zbs: the bit-manipulation extensions QEMU enables by default.
 */
import type { Handler } from '../hart';
import { lt, ltu, shl, shrl } from './rv_i';

type Op64 = (al: number, ah: number, bl: number, bh: number, out: Int32Array) => void;
const r = new Int32Array(2);

/** Builds a register-register (or register-immediate, with `imm`) handler. */
function rr(f: Op64, imm = false): Handler {
  return (h, o, pc) => {
    const x = h.x;
    const bl = imm ? o.imm : x[o.s2];
    const bh = imm ? o.imm >> 31 : x[o.s2 + 1];
    f(x[o.s1], x[o.s1 + 1], bl, bh, r);
    x[o.d] = r[0];
    x[o.d + 1] = r[1];
    return pc + o.len;
  };
}

function add64(al: number, ah: number, bl: number, bh: number, out: Int32Array): void {
  const lo = (al + bl) | 0;
  out[1] = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
  out[0] = lo;
}
const tmp = new Int32Array(66);
/** (a << n) + b, with a optionally zero-extended from 32 bits. */
function shadd(n: number, uw: boolean): Op64 {
  return (al, ah, bl, bh, out) => {
    shl(tmp, 0, al, uw ? 0 : ah, n);
    add64(tmp[0], tmp[1], bl, bh, out);
  };
}

function clz32(v: number): number {
  return Math.clz32(v);
}
function ctz32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}
function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
function rot(al: number, ah: number, n: number, left: boolean, out: Int32Array): void {
  n &= 63;
  if (!left) n = (64 - n) & 63;
  if (n === 0) {
    out[0] = al;
    out[1] = ah;
    return;
  }
  shl(tmp, 0, al, ah, n);
  shrl(tmp, 2, al, ah, 64 - n);
  out[0] = tmp[0] | tmp[2];
  out[1] = tmp[1] | tmp[3];
}
function rot32(v: number, n: number, left: boolean): number {
  n &= 31;
  if (!left) n = (32 - n) & 31;
  return n === 0 ? v : (v << n) | (v >>> (32 - n));
}
function w(v: number, out: Int32Array): void {
  out[0] = v;
  out[1] = v >> 31;
}
function orcb(v: number): number {
  let res = 0;
  for (let i = 0; i < 4; i++) if ((v >>> (8 * i)) & 0xff) res |= 0xff << (8 * i);
  return res;
}
function bswap(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}
/** Carry-less multiply of two 64-bit values: low and high 64 bits via BigInt (rare). */
function clmulFull(al: number, ah: number, bl: number, bh: number): bigint {
  const a = (BigInt(ah >>> 0) << 32n) | BigInt(al >>> 0);
  const b = (BigInt(bh >>> 0) << 32n) | BigInt(bl >>> 0);
  let res = 0n;
  for (let i = 0n; i < 64n; i++) if ((b >> i) & 1n) res ^= a << i;
  return res;
}
function setBig(out: Int32Array, v: bigint): void {
  out[0] = Number(v & 0xffffffffn) | 0;
  out[1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
function bit(n: number, out: Int32Array): void {
  n &= 63;
  out[0] = n < 32 ? 1 << n : 0;
  out[1] = n >= 32 ? 1 << (n - 32) : 0;
}
const m = new Int32Array(2);

export const RV_B: Record<string, Handler> = {
  // Zba
  'add.uw': rr((al, _ah, bl, bh, o) => add64(al, 0, bl, bh, o)),
  sh1add: rr(shadd(1, false)),
  sh2add: rr(shadd(2, false)),
  sh3add: rr(shadd(3, false)),
  'sh1add.uw': rr(shadd(1, true)),
  'sh2add.uw': rr(shadd(2, true)),
  'sh3add.uw': rr(shadd(3, true)),
  'slli.uw': rr((al, _ah, bl, _bh, o) => shl(o, 0, al, 0, bl & 63), true),
  // Zbb
  andn: rr((al, ah, bl, bh, o) => ((o[0] = al & ~bl), (o[1] = ah & ~bh))),
  orn: rr((al, ah, bl, bh, o) => ((o[0] = al | ~bl), (o[1] = ah | ~bh))),
  xnor: rr((al, ah, bl, bh, o) => ((o[0] = ~(al ^ bl)), (o[1] = ~(ah ^ bh)))),
  clz: rr((al, ah, _bl, _bh, o) => ((o[0] = ah !== 0 ? clz32(ah) : 32 + clz32(al)), (o[1] = 0))),
  clzw: rr((al, _ah, _bl, _bh, o) => ((o[0] = clz32(al)), (o[1] = 0))),
  ctz: rr((al, ah, _bl, _bh, o) => ((o[0] = al !== 0 ? ctz32(al) : 32 + ctz32(ah)), (o[1] = 0))),
  ctzw: rr((al, _ah, _bl, _bh, o) => ((o[0] = ctz32(al)), (o[1] = 0))),
  cpop: rr((al, ah, _bl, _bh, o) => ((o[0] = popcount(al) + popcount(ah)), (o[1] = 0))),
  cpopw: rr((al, _ah, _bl, _bh, o) => ((o[0] = popcount(al)), (o[1] = 0))),
  max: (h, o, pc) => {
    const x = h.x;
    const s = lt(x, o.s1, o.s2) ? o.s2 : o.s1;
    const lo = x[s];
    x[o.d + 1] = x[s + 1];
    x[o.d] = lo;
    return pc + o.len;
  },
  maxu: (h, o, pc) => {
    const x = h.x;
    const s = ltu(x, o.s1, o.s2) ? o.s2 : o.s1;
    const lo = x[s];
    x[o.d + 1] = x[s + 1];
    x[o.d] = lo;
    return pc + o.len;
  },
  min: (h, o, pc) => {
    const x = h.x;
    const s = lt(x, o.s1, o.s2) ? o.s1 : o.s2;
    const lo = x[s];
    x[o.d + 1] = x[s + 1];
    x[o.d] = lo;
    return pc + o.len;
  },
  minu: (h, o, pc) => {
    const x = h.x;
    const s = ltu(x, o.s1, o.s2) ? o.s1 : o.s2;
    const lo = x[s];
    x[o.d + 1] = x[s + 1];
    x[o.d] = lo;
    return pc + o.len;
  },
  'sext.b': rr((al, _ah, _bl, _bh, o) => w((al << 24) >> 24, o)),
  'sext.h': rr((al, _ah, _bl, _bh, o) => w((al << 16) >> 16, o)),
  'zext.h': rr((al, _ah, _bl, _bh, o) => ((o[0] = al & 0xffff), (o[1] = 0))),
  rol: rr((al, ah, bl, _bh, o) => rot(al, ah, bl, true, o)),
  ror: rr((al, ah, bl, _bh, o) => rot(al, ah, bl, false, o)),
  rori: rr((al, ah, bl, _bh, o) => rot(al, ah, bl, false, o), true),
  rolw: rr((al, _ah, bl, _bh, o) => w(rot32(al, bl, true), o)),
  rorw: rr((al, _ah, bl, _bh, o) => w(rot32(al, bl, false), o)),
  roriw: rr((al, _ah, bl, _bh, o) => w(rot32(al, bl, false), o), true),
  'orc.b': rr((al, ah, _bl, _bh, o) => ((o[0] = orcb(al)), (o[1] = orcb(ah)))),
  rev8: rr((al, ah, _bl, _bh, o) => ((o[0] = bswap(ah)), (o[1] = bswap(al)))),
  // Zbc
  clmul: rr((al, ah, bl, bh, o) => setBig(o, clmulFull(al, ah, bl, bh))),
  clmulh: rr((al, ah, bl, bh, o) => setBig(o, clmulFull(al, ah, bl, bh) >> 64n)),
  clmulr: rr((al, ah, bl, bh, o) => setBig(o, clmulFull(al, ah, bl, bh) >> 63n)),
  // Zbs
  bclr: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al & ~m[0]), (o[1] = ah & ~m[1]))),
  bclri: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al & ~m[0]), (o[1] = ah & ~m[1])), true),
  bset: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al | m[0]), (o[1] = ah | m[1]))),
  bseti: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al | m[0]), (o[1] = ah | m[1])), true),
  binv: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al ^ m[0]), (o[1] = ah ^ m[1]))),
  binvi: rr((al, ah, bl, _bh, o) => (bit(bl, m), (o[0] = al ^ m[0]), (o[1] = ah ^ m[1])), true),
  bext: rr((al, ah, bl, _bh, o) => {
    shrl(tmp, 0, al, ah, bl & 63);
    o[0] = tmp[0] & 1;
    o[1] = 0;
  }),
  bexti: rr((al, ah, bl, _bh, o) => {
    shrl(tmp, 0, al, ah, bl & 63);
    o[0] = tmp[0] & 1;
    o[1] = 0;
  }, true),
};
