/**
 * RV64I: integer computation, control transfer, loads and stores.
 *
 * Registers are int32 halves (see hart.ts): `x[o.s1]` is the low half of rs1,
 * `x[o.s1 + 1]` the high half. Every handler reads its sources before writing
 * rd, since rd may be a source.
 */
import { Cause } from '../causes';
import type { Handler, Hart, Op } from '../hart';

const TWO32 = 4294967296;

/** Writes a JS-number 64-bit value (exact integer within ±2^53) to slot d. */
export function setNum(x: Int32Array, d: number, v: number): void {
  x[d] = v | 0;
  x[d + 1] = Math.floor(v / TWO32) | 0;
}

/** Effective address rs1 + imm as a JS number. */
function ea(x: Int32Array, o: Op): number {
  return x[o.s1 + 1] * TWO32 + (x[o.s1] >>> 0) + o.imm;
}

// ---- upper immediates and jumps ----

const lui: Handler = (h, o, pc) => {
  h.x[o.d] = o.imm;
  h.x[o.d + 1] = o.imm >> 31;
  return pc + o.len;
};

const auipc: Handler = (h, o, pc) => {
  setNum(h.x, o.d, pc + o.imm);
  return pc + o.len;
};

const jal: Handler = (h, o, pc) => {
  setNum(h.x, o.d, pc + o.len);
  return pc + o.imm;
};

const jalr: Handler = (h, o, pc) => {
  const x = h.x;
  let t = ea(x, o);
  t -= t & 1;
  setNum(x, o.d, pc + o.len);
  return t;
};

// ---- branches: signed/unsigned 64-bit compares on halves ----

const beq: Handler = (h, o, pc) => {
  const x = h.x;
  return x[o.s1] === x[o.s2] && x[o.s1 + 1] === x[o.s2 + 1] ? pc + o.imm : pc + o.len;
};
const bne: Handler = (h, o, pc) => {
  const x = h.x;
  return x[o.s1] !== x[o.s2] || x[o.s1 + 1] !== x[o.s2 + 1] ? pc + o.imm : pc + o.len;
};
export function lt(x: Int32Array, a: number, b: number): boolean {
  const ah = x[a + 1];
  const bh = x[b + 1];
  return ah < bh || (ah === bh && x[a] >>> 0 < x[b] >>> 0);
}
export function ltu(x: Int32Array, a: number, b: number): boolean {
  const ah = x[a + 1] >>> 0;
  const bh = x[b + 1] >>> 0;
  return ah < bh || (ah === bh && x[a] >>> 0 < x[b] >>> 0);
}
const blt: Handler = (h, o, pc) => (lt(h.x, o.s1, o.s2) ? pc + o.imm : pc + o.len);
const bge: Handler = (h, o, pc) => (lt(h.x, o.s1, o.s2) ? pc + o.len : pc + o.imm);
const bltu: Handler = (h, o, pc) => (ltu(h.x, o.s1, o.s2) ? pc + o.imm : pc + o.len);
const bgeu: Handler = (h, o, pc) => (ltu(h.x, o.s1, o.s2) ? pc + o.len : pc + o.imm);

// ---- loads: RAM fast path, else the hart's slow path (MMIO, translation, faults) ----

const lb: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize) v = (h.ram8[off] << 24) >> 24;
  else {
    if (!h.loadSlow(a, 1, pc)) return h.trapPc;
    v = (h.tmp[0] << 24) >> 24;
  }
  x[o.d] = v;
  x[o.d + 1] = v >> 31;
  return pc + o.len;
};

const lbu: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize) v = h.ram8[off];
  else {
    if (!h.loadSlow(a, 1, pc)) return h.trapPc;
    v = h.tmp[0] & 0xff;
  }
  x[o.d] = v;
  x[o.d + 1] = 0;
  return pc + o.len;
};

const lh: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize && (off & 1) === 0) v = (h.ram16[off >>> 1] << 16) >> 16;
  else {
    if (!h.loadSlow(a, 2, pc)) return h.trapPc;
    v = (h.tmp[0] << 16) >> 16;
  }
  x[o.d] = v;
  x[o.d + 1] = v >> 31;
  return pc + o.len;
};

const lhu: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize && (off & 1) === 0) v = h.ram16[off >>> 1];
  else {
    if (!h.loadSlow(a, 2, pc)) return h.trapPc;
    v = h.tmp[0] & 0xffff;
  }
  x[o.d] = v;
  x[o.d + 1] = 0;
  return pc + o.len;
};

const lw: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize && (off & 3) === 0) v = h.ram32[off >>> 2];
  else {
    if (!h.loadSlow(a, 4, pc)) return h.trapPc;
    v = h.tmp[0];
  }
  x[o.d] = v;
  x[o.d + 1] = v >> 31;
  return pc + o.len;
};

const lwu: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize && (off & 3) === 0) v = h.ram32[off >>> 2];
  else {
    if (!h.loadSlow(a, 4, pc)) return h.trapPc;
    v = h.tmp[0];
  }
  x[o.d] = v;
  x[o.d + 1] = 0;
  return pc + o.len;
};

const ld: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize && (off & 7) === 0) {
    const i = off >>> 2;
    x[o.d] = h.ram32[i];
    x[o.d + 1] = h.ram32[i + 1];
    return pc + o.len;
  }
  if (!h.loadSlow(a, 8, pc)) return h.trapPc;
  x[o.d] = h.tmp[0];
  x[o.d + 1] = h.tmp[1];
  return pc + o.len;
};

// ---- stores: dirty-page tracking always; code pages and hooks via noteWrite ----

function storeFast(h: Hart, off: number, size: number): void {
  const p = off >>> 12;
  h.dirty[p] = 1;
  if (h.pageFlags[p]) h.bus.noteWrite(off, size);
}

const sb: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize) {
    h.ram8[off] = x[o.s2];
    storeFast(h, off, 1);
    return pc + o.len;
  }
  return h.storeSlow(a, 1, x[o.s2], 0, pc) ? pc + o.len : h.trapPc;
};

const sh: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize && (off & 1) === 0) {
    h.ram16[off >>> 1] = x[o.s2];
    storeFast(h, off, 2);
    return pc + o.len;
  }
  return h.storeSlow(a, 2, x[o.s2], 0, pc) ? pc + o.len : h.trapPc;
};

const sw: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize && (off & 3) === 0) {
    h.ram32[off >>> 2] = x[o.s2];
    storeFast(h, off, 4);
    return pc + o.len;
  }
  return h.storeSlow(a, 4, x[o.s2], 0, pc) ? pc + o.len : h.trapPc;
};

const sd: Handler = (h, o, pc) => {
  const x = h.x;
  const a = ea(x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize && (off & 7) === 0) {
    const i = off >>> 2;
    h.ram32[i] = x[o.s2];
    h.ram32[i + 1] = x[o.s2 + 1];
    storeFast(h, off, 8);
    return pc + o.len;
  }
  return h.storeSlow(a, 8, x[o.s2], x[o.s2 + 1], pc) ? pc + o.len : h.trapPc;
};

// ---- register-immediate ----

const addi: Handler = (h, o, pc) => {
  const x = h.x;
  const a = x[o.s1];
  const lo = (a + o.imm) | 0;
  x[o.d + 1] = (x[o.s1 + 1] + (o.imm >> 31) + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
  x[o.d] = lo;
  return pc + o.len;
};

const slti: Handler = (h, o, pc) => {
  const x = h.x;
  const ah = x[o.s1 + 1];
  const ih = o.imm >> 31;
  const r = ah < ih || (ah === ih && x[o.s1] >>> 0 < o.imm >>> 0) ? 1 : 0;
  x[o.d] = r;
  x[o.d + 1] = 0;
  return pc + o.len;
};

const sltiu: Handler = (h, o, pc) => {
  const x = h.x;
  const ah = x[o.s1 + 1] >>> 0;
  const ih = (o.imm >> 31) >>> 0;
  const r = ah < ih || (ah === ih && x[o.s1] >>> 0 < o.imm >>> 0) ? 1 : 0;
  x[o.d] = r;
  x[o.d + 1] = 0;
  return pc + o.len;
};

const xori: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] ^ (o.imm >> 31);
  x[o.d] = x[o.s1] ^ o.imm;
  return pc + o.len;
};
const ori: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] | (o.imm >> 31);
  x[o.d] = x[o.s1] | o.imm;
  return pc + o.len;
};
const andi: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] & (o.imm >> 31);
  x[o.d] = x[o.s1] & o.imm;
  return pc + o.len;
};

/** 64-bit shifts by 0..63 on halves. */
export function shl(x: Int32Array, d: number, lo: number, hi: number, n: number): void {
  if (n === 0) {
    x[d] = lo;
    x[d + 1] = hi;
  } else if (n < 32) {
    x[d + 1] = (hi << n) | (lo >>> (32 - n));
    x[d] = lo << n;
  } else {
    x[d + 1] = lo << (n - 32);
    x[d] = 0;
  }
}
export function shrl(x: Int32Array, d: number, lo: number, hi: number, n: number): void {
  if (n === 0) {
    x[d] = lo;
    x[d + 1] = hi;
  } else if (n < 32) {
    x[d] = (lo >>> n) | (hi << (32 - n));
    x[d + 1] = hi >>> n;
  } else {
    x[d] = hi >>> (n - 32);
    x[d + 1] = 0;
  }
}
export function shra(x: Int32Array, d: number, lo: number, hi: number, n: number): void {
  if (n === 0) {
    x[d] = lo;
    x[d + 1] = hi;
  } else if (n < 32) {
    x[d] = (lo >>> n) | (hi << (32 - n));
    x[d + 1] = hi >> n;
  } else {
    x[d] = hi >> (n - 32);
    x[d + 1] = hi >> 31;
  }
}

const slli: Handler = (h, o, pc) => {
  shl(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], o.imm & 63);
  return pc + o.len;
};
const srli: Handler = (h, o, pc) => {
  shrl(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], o.imm & 63);
  return pc + o.len;
};
const srai: Handler = (h, o, pc) => {
  shra(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], o.imm & 63);
  return pc + o.len;
};

// ---- register-register ----

const add: Handler = (h, o, pc) => {
  const x = h.x;
  const a = x[o.s1];
  const b = x[o.s2];
  const lo = (a + b) | 0;
  x[o.d + 1] = (x[o.s1 + 1] + x[o.s2 + 1] + (lo >>> 0 < a >>> 0 ? 1 : 0)) | 0;
  x[o.d] = lo;
  return pc + o.len;
};
const sub: Handler = (h, o, pc) => {
  const x = h.x;
  const a = x[o.s1];
  const b = x[o.s2];
  const lo = (a - b) | 0;
  x[o.d + 1] = (x[o.s1 + 1] - x[o.s2 + 1] - (a >>> 0 < b >>> 0 ? 1 : 0)) | 0;
  x[o.d] = lo;
  return pc + o.len;
};
const sll: Handler = (h, o, pc) => {
  shl(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], h.x[o.s2] & 63);
  return pc + o.len;
};
const srl: Handler = (h, o, pc) => {
  shrl(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], h.x[o.s2] & 63);
  return pc + o.len;
};
const sra: Handler = (h, o, pc) => {
  shra(h.x, o.d, h.x[o.s1], h.x[o.s1 + 1], h.x[o.s2] & 63);
  return pc + o.len;
};
const slt: Handler = (h, o, pc) => {
  const r = lt(h.x, o.s1, o.s2) ? 1 : 0;
  h.x[o.d] = r;
  h.x[o.d + 1] = 0;
  return pc + o.len;
};
const sltu: Handler = (h, o, pc) => {
  const r = ltu(h.x, o.s1, o.s2) ? 1 : 0;
  h.x[o.d] = r;
  h.x[o.d + 1] = 0;
  return pc + o.len;
};
const xor: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] ^ x[o.s2 + 1];
  x[o.d] = x[o.s1] ^ x[o.s2];
  return pc + o.len;
};
const or: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] | x[o.s2 + 1];
  x[o.d] = x[o.s1] | x[o.s2];
  return pc + o.len;
};
const and: Handler = (h, o, pc) => {
  const x = h.x;
  x[o.d + 1] = x[o.s1 + 1] & x[o.s2 + 1];
  x[o.d] = x[o.s1] & x[o.s2];
  return pc + o.len;
};

// ---- 32-bit (W) forms: compute on the low halves, sign-extend ----

function setW(x: Int32Array, d: number, v: number): void {
  x[d] = v;
  x[d + 1] = v >> 31;
}
const addiw: Handler = (h, o, pc) => {
  setW(h.x, o.d, (h.x[o.s1] + o.imm) | 0);
  return pc + o.len;
};
const slliw: Handler = (h, o, pc) => {
  setW(h.x, o.d, h.x[o.s1] << (o.imm & 31));
  return pc + o.len;
};
const srliw: Handler = (h, o, pc) => {
  setW(h.x, o.d, (h.x[o.s1] >>> (o.imm & 31)) | 0);
  return pc + o.len;
};
const sraiw: Handler = (h, o, pc) => {
  setW(h.x, o.d, h.x[o.s1] >> (o.imm & 31));
  return pc + o.len;
};
const addw: Handler = (h, o, pc) => {
  setW(h.x, o.d, (h.x[o.s1] + h.x[o.s2]) | 0);
  return pc + o.len;
};
const subw: Handler = (h, o, pc) => {
  setW(h.x, o.d, (h.x[o.s1] - h.x[o.s2]) | 0);
  return pc + o.len;
};
const sllw: Handler = (h, o, pc) => {
  setW(h.x, o.d, h.x[o.s1] << (h.x[o.s2] & 31));
  return pc + o.len;
};
const srlw: Handler = (h, o, pc) => {
  setW(h.x, o.d, (h.x[o.s1] >>> (h.x[o.s2] & 31)) | 0);
  return pc + o.len;
};
const sraw: Handler = (h, o, pc) => {
  setW(h.x, o.d, h.x[o.s1] >> (h.x[o.s2] & 31));
  return pc + o.len;
};

// ---- system ----

// One hart, in-order, no caches to order: fence is a no-op.
const fence: Handler = (_h, o, pc) => pc + o.len;

const fenceI: Handler = (h, o, pc) => {
  h.flushDecodeCache();
  return pc + o.len;
};

const ecall: Handler = (h, _o, pc) => h.trap(Cause.EcallU + h.priv, 0, pc);

// QEMU 7.2 leaves mtval zero for ebreak (no watchpoint involved).
const ebreak: Handler = (h, _o, pc) => h.trap(Cause.Breakpoint, 0, pc);

export const RV_I: Record<string, Handler> = {
  lui, auipc, jal, jalr, beq, bne, blt, bge, bltu, bgeu,
  lb, lh, lw, ld, lbu, lhu, lwu, sb, sh, sw, sd,
  addi, slti, sltiu, xori, ori, andi, slli, srli, srai,
  add, sub, sll, slt, sltu, xor, srl, sra, or, and,
  addiw, slliw, srliw, sraiw, addw, subw, sllw, srlw, sraw,
  fence, 'fence.i': fenceI, ecall, ebreak,
};
