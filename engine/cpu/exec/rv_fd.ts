/**
 * F and D: FP loads/stores and the glue between the decoded instruction and
 * the arithmetic in ../float (which is bit-exact with QEMU). The glue applies
 * the rules common to all FP instructions: mstatus.FS = Off makes them
 * illegal, a dynamic rounding mode comes from frm, a reserved rounding mode is
 * illegal, accrued flags go to fflags, and FP writes make FS dirty.
 */
import { Cause } from '../causes';
import { FP_OPS, type FpOp } from '../float';
import type { Handler, Hart, Op } from '../hart';

const TWO32 = 4294967296;

function illegal(h: Hart, o: Op, pc: number): number {
  return h.trap(Cause.IllegalInsn, o.word, pc);
}

function ea(x: Int32Array, o: Op): number {
  return x[o.s1 + 1] * TWO32 + (x[o.s1] >>> 0) + o.imm;
}

const flw: Handler = (h, o, pc) => {
  if (h.csr.fsOff) return illegal(h, o, pc);
  const a = ea(h.x, o);
  const off = a - h.dBase;
  let v: number;
  if (off >= 0 && off < h.ramSize && (off & 3) === 0) v = h.ram32[off >>> 2];
  else {
    if (!h.loadSlow(a, 4, pc)) return h.trapPc;
    v = h.tmp[0];
  }
  h.f[2 * o.rd] = v;
  h.f[2 * o.rd + 1] = -1; // NaN-boxed
  h.csr.setFsDirty();
  return pc + o.len;
};

const fld: Handler = (h, o, pc) => {
  if (h.csr.fsOff) return illegal(h, o, pc);
  const a = ea(h.x, o);
  const off = a - h.dBase;
  if (off >= 0 && off < h.ramSize && (off & 7) === 0) {
    h.f[2 * o.rd] = h.ram32[off >>> 2];
    h.f[2 * o.rd + 1] = h.ram32[(off >>> 2) + 1];
  } else {
    if (!h.loadSlow(a, 8, pc)) return h.trapPc;
    h.f[2 * o.rd] = h.tmp[0];
    h.f[2 * o.rd + 1] = h.tmp[1];
  }
  h.csr.setFsDirty();
  return pc + o.len;
};

function storeFast(h: Hart, off: number, size: number): void {
  const p = off >>> 12;
  h.dirty[p] = 1;
  if (h.pageFlags[p]) h.bus.noteWrite(off, size);
}

const fsw: Handler = (h, o, pc) => {
  if (h.csr.fsOff) return illegal(h, o, pc);
  const a = ea(h.x, o);
  const off = a - h.dBase;
  const v = h.f[2 * o.rs2];
  if (off >= 0 && off < h.ramSize && (off & 3) === 0) {
    h.ram32[off >>> 2] = v;
    storeFast(h, off, 4);
    return pc + o.len;
  }
  return h.storeSlow(a, 4, v, 0, pc) ? pc + o.len : h.trapPc;
};

const fsd: Handler = (h, o, pc) => {
  if (h.csr.fsOff) return illegal(h, o, pc);
  const a = ea(h.x, o);
  const off = a - h.dBase;
  const lo = h.f[2 * o.rs2];
  const hi = h.f[2 * o.rs2 + 1];
  if (off >= 0 && off < h.ramSize && (off & 7) === 0) {
    h.ram32[off >>> 2] = lo;
    h.ram32[(off >>> 2) + 1] = hi;
    storeFast(h, off, 8);
    return pc + o.len;
  }
  return h.storeSlow(a, 8, lo, hi, pc) ? pc + o.len : h.trapPc;
};

/** Instructions whose destination is an integer register. */
const X_DEST = /^(fmv\.x\.|feq\.|flt\.|fle\.|fclass\.|fcvt\.(w|wu|l|lu)\.)/;
/** Instructions with a rounding-mode field (the rest have fixed funct3). */
const HAS_RM = /^(fadd|fsub|fmul|fdiv|fsqrt|fn?m(add|sub)|fcvt)\./;

function fpGlue(name: string, fn: FpOp): Handler {
  const xDest = X_DEST.test(name);
  const usesRm = HAS_RM.test(name);
  return (h, o, pc) => {
    const c = h.csr;
    if (c.fsOff) return illegal(h, o, pc);
    let rm = usesRm ? o.rm : 0;
    if (rm === 7) rm = c.frm;
    if (rm > 4) return illegal(h, o, pc);
    const rd = xDest && o.rd === 0 ? 32 : o.rd;
    const flags = fn(h.x, h.f, rd, o.rs1, o.rs2, o.rs3, rm);
    if (flags !== 0) c.fflags |= flags;
    if (!xDest || flags !== 0) c.setFsDirty();
    return pc + o.len;
  };
}

export const RV_FD: Record<string, Handler> = { flw, fld, fsw, fsd };
for (const [name, fn] of Object.entries(FP_OPS)) RV_FD[name] = fpGlue(name, fn);
