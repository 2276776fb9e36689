/**
 * RV64M: multiplication and division with the ISA's exact edge cases
 * (division by zero gives all ones / the dividend; the signed overflow case
 * gives the dividend / zero). Values that fit in 32 bits take a double-based
 * fast path; the rest use BigInt, which is rare in real code.
 */
import type { Handler } from '../hart';

const TWO32 = 4294967296;

/** High 32 bits of the unsigned product of two 32-bit values. */
export function umulhi32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const t = a0 * b0;
  const m1 = a1 * b0 + (t >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  return (a1 * b1 + (m1 >>> 16) + Math.floor(m2 / 65536)) | 0;
}

function big(x: Int32Array, s: number): bigint {
  return (BigInt(x[s + 1]) << 32n) | BigInt(x[s] >>> 0);
}
function ubig(x: Int32Array, s: number): bigint {
  return (BigInt(x[s + 1] >>> 0) << 32n) | BigInt(x[s] >>> 0);
}
function setBig(x: Int32Array, d: number, v: bigint): void {
  x[d] = Number(v & 0xffffffffn) | 0;
  x[d + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
/** True when the register's value is a sign-extended 32-bit value. */
function fits32(x: Int32Array, s: number): boolean {
  return x[s + 1] === x[s] >> 31;
}

const mul: Handler = (h, o, pc) => {
  const x = h.x;
  const al = x[o.s1];
  const ah = x[o.s1 + 1];
  const bl = x[o.s2];
  const bh = x[o.s2 + 1];
  x[o.d + 1] = (umulhi32(al, bl) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
  x[o.d] = Math.imul(al, bl);
  return pc + o.len;
};

const mulh: Handler = (h, o, pc) => {
  setBig(h.x, o.d, (big(h.x, o.s1) * big(h.x, o.s2)) >> 64n);
  return pc + o.len;
};
const mulhu: Handler = (h, o, pc) => {
  setBig(h.x, o.d, (ubig(h.x, o.s1) * ubig(h.x, o.s2)) >> 64n);
  return pc + o.len;
};
const mulhsu: Handler = (h, o, pc) => {
  setBig(h.x, o.d, (big(h.x, o.s1) * ubig(h.x, o.s2)) >> 64n);
  return pc + o.len;
};

const div: Handler = (h, o, pc) => {
  const x = h.x;
  if (fits32(x, o.s1) && fits32(x, o.s2)) {
    const a = x[o.s1];
    const b = x[o.s2];
    const q = b === 0 ? -1 : Math.trunc(a / b);
    x[o.d] = q | 0;
    x[o.d + 1] = Math.floor(q / TWO32) | 0;
    return pc + o.len;
  }
  const a = big(x, o.s1);
  const b = big(x, o.s2);
  setBig(x, o.d, b === 0n ? -1n : a === -(1n << 63n) && b === -1n ? a : a / b);
  return pc + o.len;
};

const rem: Handler = (h, o, pc) => {
  const x = h.x;
  if (fits32(x, o.s1) && fits32(x, o.s2)) {
    const a = x[o.s1];
    const b = x[o.s2];
    const r = b === 0 ? a : a % b;
    x[o.d] = r | 0;
    x[o.d + 1] = (r | 0) >> 31;
    return pc + o.len;
  }
  const a = big(x, o.s1);
  const b = big(x, o.s2);
  setBig(x, o.d, b === 0n ? a : a === -(1n << 63n) && b === -1n ? 0n : a % b);
  return pc + o.len;
};

const divu: Handler = (h, o, pc) => {
  const x = h.x;
  if (x[o.s1 + 1] === 0 && x[o.s2 + 1] === 0) {
    const a = x[o.s1] >>> 0;
    const b = x[o.s2] >>> 0;
    if (b === 0) {
      x[o.d] = -1;
      x[o.d + 1] = -1;
    } else {
      x[o.d] = Math.floor(a / b) | 0;
      x[o.d + 1] = 0;
    }
    return pc + o.len;
  }
  const a = ubig(x, o.s1);
  const b = ubig(x, o.s2);
  setBig(x, o.d, b === 0n ? -1n : a / b);
  return pc + o.len;
};

const remu: Handler = (h, o, pc) => {
  const x = h.x;
  if (x[o.s1 + 1] === 0 && x[o.s2 + 1] === 0) {
    const a = x[o.s1] >>> 0;
    const b = x[o.s2] >>> 0;
    x[o.d] = (b === 0 ? a : a % b) | 0;
    x[o.d + 1] = 0;
    return pc + o.len;
  }
  const a = ubig(x, o.s1);
  const b = ubig(x, o.s2);
  setBig(x, o.d, b === 0n ? a : a % b);
  return pc + o.len;
};

function setW(x: Int32Array, d: number, v: number): void {
  x[d] = v;
  x[d + 1] = v >> 31;
}

const mulw: Handler = (h, o, pc) => {
  setW(h.x, o.d, Math.imul(h.x[o.s1], h.x[o.s2]));
  return pc + o.len;
};
const divw: Handler = (h, o, pc) => {
  const a = h.x[o.s1];
  const b = h.x[o.s2];
  setW(h.x, o.d, b === 0 ? -1 : a === -2147483648 && b === -1 ? a : Math.trunc(a / b) | 0);
  return pc + o.len;
};
const remw: Handler = (h, o, pc) => {
  const a = h.x[o.s1];
  const b = h.x[o.s2];
  setW(h.x, o.d, b === 0 ? a : a === -2147483648 && b === -1 ? 0 : a % b | 0);
  return pc + o.len;
};
const divuw: Handler = (h, o, pc) => {
  const a = h.x[o.s1] >>> 0;
  const b = h.x[o.s2] >>> 0;
  setW(h.x, o.d, b === 0 ? -1 : Math.floor(a / b) | 0);
  return pc + o.len;
};
const remuw: Handler = (h, o, pc) => {
  const a = h.x[o.s1] >>> 0;
  const b = h.x[o.s2] >>> 0;
  setW(h.x, o.d, (b === 0 ? a : a % b) | 0);
  return pc + o.len;
};

export const RV_M: Record<string, Handler> = { mul, mulh, mulhu, mulhsu, div, divu, rem, remu, mulw, divw, divuw, remw, remuw };
