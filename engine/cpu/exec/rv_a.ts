/**
 * RV64A: load-reserved/store-conditional and atomic memory operations.
 * One hart executes at a time, so atomicity is free; alignment is enforced
 * (misaligned LR raises a load-misaligned exception, SC/AMO a store/AMO one),
 * and AMOs need store permission, as QEMU does.
 */
import { Cause } from '../causes';
import type { Handler, Hart, Op } from '../hart';

const TWO32 = 4294967296;

function ea(x: Int32Array, o: Op): number {
  return x[o.s1 + 1] * TWO32 + (x[o.s1] >>> 0);
}

/** Physical address for an atomic access, or -1 after the trap. */
function atomicAddr(h: Hart, va: number, size: number, pc: number, load: boolean): number {
  if (va % size !== 0) {
    h.trapPc = h.trap(load ? Cause.LoadMisaligned : Cause.StoreMisaligned, va, pc);
    return -1;
  }
  h.pc = pc;
  if (h.watching) {
    h.checkWatch(va, size, false, pc);
    if (!load) h.checkWatch(va, size, true, pc);
  }
  return h.translateData(va, load ? 1 : 2);
}

function lr(size: 4 | 8): Handler {
  return (h, o, pc) => {
    const va = ea(h.x, o);
    const pa = atomicAddr(h, va, size, pc, true);
    if (pa < 0) return h.trapPc;
    if (!h.bus.read(pa, size, h.tmp)) return h.trap(Cause.LoadAccessFault, va, pc);
    const lo = h.tmp[0];
    const hi = size === 8 ? h.tmp[1] : lo >> 31;
    h.reservation = pa;
    h.reservedLo = lo;
    h.reservedHi = hi;
    h.x[o.d] = lo;
    h.x[o.d + 1] = hi;
    return pc + o.len;
  };
}

function sc(size: 4 | 8): Handler {
  return (h, o, pc) => {
    const x = h.x;
    const va = ea(x, o);
    const pa = atomicAddr(h, va, size, pc, false);
    if (pa < 0) return h.trapPc;
    let ok = false;
    if (h.reservation === pa) {
      if (!h.bus.read(pa, size, h.tmp)) return h.trap(Cause.StoreAccessFault, va, pc);
      const lo = h.tmp[0];
      const hi = size === 8 ? h.tmp[1] : lo >> 31;
      if (lo === h.reservedLo && hi === h.reservedHi) {
        if (!h.bus.write(pa, size, x[o.s2], x[o.s2 + 1])) return h.trap(Cause.StoreAccessFault, va, pc);
        ok = true;
      }
    }
    h.reservation = -1;
    x[o.d] = ok ? 0 : 1;
    x[o.d + 1] = 0;
    return pc + o.len;
  };
}

type Combine32 = (a: number, b: number) => number;
type Combine64 = (al: number, ah: number, bl: number, bh: number, out: Int32Array) => void;

function amoW(f: Combine32): Handler {
  return (h, o, pc) => {
    const x = h.x;
    const va = ea(x, o);
    const pa = atomicAddr(h, va, 4, pc, false);
    if (pa < 0) return h.trapPc;
    if (!h.bus.read(pa, 4, h.tmp)) return h.trap(Cause.StoreAccessFault, va, pc);
    const old = h.tmp[0];
    if (!h.bus.write(pa, 4, f(old, x[o.s2]), 0)) return h.trap(Cause.StoreAccessFault, va, pc);
    x[o.d] = old;
    x[o.d + 1] = old >> 31;
    return pc + o.len;
  };
}

const out = new Int32Array(2);
function amoD(f: Combine64): Handler {
  return (h, o, pc) => {
    const x = h.x;
    const va = ea(x, o);
    const pa = atomicAddr(h, va, 8, pc, false);
    if (pa < 0) return h.trapPc;
    if (!h.bus.read(pa, 8, h.tmp)) return h.trap(Cause.StoreAccessFault, va, pc);
    const ol = h.tmp[0];
    const oh = h.tmp[1];
    f(ol, oh, x[o.s2], x[o.s2 + 1], out);
    if (!h.bus.write(pa, 8, out[0], out[1])) return h.trap(Cause.StoreAccessFault, va, pc);
    x[o.d] = ol;
    x[o.d + 1] = oh;
    return pc + o.len;
  };
}

function lt64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah < bh || (ah === bh && al >>> 0 < bl >>> 0);
}
function ltu64(al: number, ah: number, bl: number, bh: number): boolean {
  return ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 < bl >>> 0);
}
function pick(out: Int32Array, takeA: boolean, al: number, ah: number, bl: number, bh: number): void {
  out[0] = takeA ? al : bl;
  out[1] = takeA ? ah : bh;
}

export const RV_A: Record<string, Handler> = {
  'lr.w': lr(4),
  'lr.d': lr(8),
  'sc.w': sc(4),
  'sc.d': sc(8),
  'amoswap.w': amoW((_a, b) => b),
  'amoadd.w': amoW((a, b) => (a + b) | 0),
  'amoxor.w': amoW((a, b) => a ^ b),
  'amoand.w': amoW((a, b) => a & b),
  'amoor.w': amoW((a, b) => a | b),
  'amomin.w': amoW((a, b) => (a < b ? a : b)),
  'amomax.w': amoW((a, b) => (a > b ? a : b)),
  'amominu.w': amoW((a, b) => (a >>> 0 < b >>> 0 ? a : b)),
  'amomaxu.w': amoW((a, b) => (a >>> 0 > b >>> 0 ? a : b)),
  'amoswap.d': amoD((_al, _ah, bl, bh, r) => pick(r, false, 0, 0, bl, bh)),
  'amoadd.d': amoD((al, ah, bl, bh, r) => {
    const lo = (al + bl) | 0;
    r[1] = (ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0;
    r[0] = lo;
  }),
  'amoxor.d': amoD((al, ah, bl, bh, r) => pick(r, true, al ^ bl, ah ^ bh, 0, 0)),
  'amoand.d': amoD((al, ah, bl, bh, r) => pick(r, true, al & bl, ah & bh, 0, 0)),
  'amoor.d': amoD((al, ah, bl, bh, r) => pick(r, true, al | bl, ah | bh, 0, 0)),
  'amomin.d': amoD((al, ah, bl, bh, r) => pick(r, lt64(al, ah, bl, bh), al, ah, bl, bh)),
  'amomax.d': amoD((al, ah, bl, bh, r) => pick(r, lt64(bl, bh, al, ah), al, ah, bl, bh)),
  'amominu.d': amoD((al, ah, bl, bh, r) => pick(r, ltu64(al, ah, bl, bh), al, ah, bl, bh)),
  'amomaxu.d': amoD((al, ah, bl, bh, r) => pick(r, ltu64(bl, bh, al, ah), al, ah, bl, bh)),
};
