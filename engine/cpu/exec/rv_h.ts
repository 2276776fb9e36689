/**
 * The hypervisor extension's instructions: hlv/hlvx/hsv (loads and stores
 * that translate as the guest would, at hstatus.SPVP with V=1) and the
 * hfence.vvma / hfence.gvma fences. Allowed in M, HS, and U with hstatus.HU;
 * VS/VU get a virtual-instruction exception, U without HU an illegal one.
 */
import { Cause } from '../causes';
import type { Handler, Hart, Op } from '../hart';
import { ACC_LOAD, ACC_STORE } from '../mmu';

const TWO32 = 4294967296;

/** Translates a guest access; -1 after raising its fault (guest address, GVA set). */
function guestAddr(h: Hart, va: number, access: number, size: number, hlvx: boolean, pc: number): number {
  const c = h.csr;
  const priv = c.spvp;
  const pa = c.mmu.walk(va, access, priv, true, hlvx);
  let cause = -1;
  if (pa < 0) {
    cause = -pa - 1;
    c.noteMmuFault();
  } else if (c.pmp.checks(priv) && !c.pmp.allows(pa, size, access === ACC_STORE ? 2 : 1, priv)) {
    cause = access === ACC_STORE ? Cause.StoreAccessFault : Cause.LoadAccessFault;
  }
  if (cause < 0) return pa;
  c.trapGvaForce = true;
  h.trapPc = h.trap(cause, va, pc);
  return -1;
}

/** QEMU 7.2 raises the mode check of hlv/hsv with tval 0 (not the instruction word). */
function hlv(size: number, signed: boolean, hlvx: boolean): Handler {
  return (h, o, pc) => {
    const denied = h.csr.hlsvCheck();
    if (denied >= 0) return h.trap(denied, 0, pc);
    const x = h.x;
    const va = x[o.s1 + 1] * TWO32 + (x[o.s1] >>> 0);
    const t = h.tmp;
    let lo = 0;
    let hi = 0;
    // An access crossing a page is done byte by byte, each byte translated.
    const split = Math.floor(va / 4096) !== Math.floor((va + size - 1) / 4096);
    for (let i = 0; i < (split ? size : 1); i++) {
      const n = split ? 1 : size;
      const pa = guestAddr(h, va + i, ACC_LOAD, n, hlvx, pc);
      if (pa < 0) return h.trapPc;
      if (!h.bus.read(pa, n, t)) {
        h.csr.trapGvaForce = true;
        return h.trap(Cause.LoadAccessFault, va, pc);
      }
      if (!split) {
        lo = t[0];
        hi = t[1];
      } else if (i < 4) lo |= (t[0] & 0xff) << (8 * i);
      else hi |= (t[0] & 0xff) << (8 * (i - 4));
    }
    if (size < 8) {
      const bits = 32 - 8 * size;
      if (size < 4) lo = signed ? (lo << bits) >> bits : (lo << bits) >>> bits;
      hi = signed ? lo >> 31 : 0;
    }
    x[o.d] = lo | 0;
    x[o.d + 1] = hi | 0;
    return pc + o.len;
  };
}

function hsv(size: number): Handler {
  return (h, o, pc) => {
    const denied = h.csr.hlsvCheck();
    if (denied >= 0) return h.trap(denied, 0, pc);
    const x = h.x;
    const va = x[o.s1 + 1] * TWO32 + (x[o.s1] >>> 0);
    const lo = x[o.s2];
    const hi = size === 8 ? x[o.s2 + 1] : 0;
    const split = Math.floor(va / 4096) !== Math.floor((va + size - 1) / 4096);
    if (!split) {
      const pa = guestAddr(h, va, ACC_STORE, size, false, pc);
      if (pa < 0) return h.trapPc;
      if (!h.bus.write(pa, size, lo, hi)) {
        h.csr.trapGvaForce = true;
        return h.trap(Cause.StoreAccessFault, va, pc);
      }
      return pc + o.len;
    }
    // Every byte is translated before any is written, so a fault writes nothing.
    const pas: number[] = [];
    for (let i = 0; i < size; i++) {
      const pa = guestAddr(h, va + i, ACC_STORE, 1, false, pc);
      if (pa < 0) return h.trapPc;
      pas.push(pa);
    }
    for (let i = 0; i < size; i++) {
      const byte = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
      if (!h.bus.write(pas[i], 1, byte, 0)) {
        h.csr.trapGvaForce = true;
        return h.trap(Cause.StoreAccessFault, va, pc);
      }
    }
    return pc + o.len;
  };
}

function hfence(gvma: boolean): Handler {
  return (h: Hart, o: Op, pc: number) => {
    const denied = h.csr.hfenceCheck(gvma);
    if (denied >= 0) return h.trap(denied, o.word, pc);
    h.csr.mmu.flush();
    return pc + o.len;
  };
}

export const RV_H: Record<string, Handler> = {
  'hlv.b': hlv(1, true, false),
  'hlv.bu': hlv(1, false, false),
  'hlv.h': hlv(2, true, false),
  'hlv.hu': hlv(2, false, false),
  'hlv.w': hlv(4, true, false),
  'hlv.wu': hlv(4, false, false),
  'hlv.d': hlv(8, true, false),
  'hlvx.hu': hlv(2, false, true),
  'hlvx.wu': hlv(4, false, true),
  'hsv.b': hsv(1),
  'hsv.h': hsv(2),
  'hsv.w': hsv(4),
  'hsv.d': hsv(8),
  'hfence.vvma': hfence(false),
  'hfence.gvma': hfence(true),
};
