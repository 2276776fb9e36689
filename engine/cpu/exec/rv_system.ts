/**
 * Zicsr and the privileged instructions (mret, sret, wfi, sfence.vma), plus
 * the hypervisor instructions from rv_h.ts. CSR semantics live in
 * csr-state.ts; these handlers apply the instruction rules: csrrw with rd=x0
 * does not read, csrrs/csrrc with rs1=x0 (or a zero immediate) do not write,
 * and a write to a read-only CSR is illegal. Instructions not allowed in the
 * current mode raise illegal-instruction or, in VS/VU, virtual-instruction
 * exceptions, with the instruction word as tval.
 */
import type { Handler, Hart, Op } from '../hart';
import { RV_H } from './rv_h';

const M64 = (1n << 64n) - 1n;

type CsrKind = 'rw' | 'rs' | 'rc';

function csrOp(kind: CsrKind, immediate: boolean): Handler {
  return (h, o, pc) => {
    const c = h.csr;
    // For the immediate forms the decoder delivers zimm in `imm`.
    const writes = kind === 'rw' || (immediate ? o.imm !== 0 : o.rs1 !== 0);
    const denied = c.check(o.csr, writes);
    if (denied >= 0) return h.trap(denied, o.word, pc);
    const src = immediate ? BigInt(o.imm) : ((BigInt(h.x[o.s1 + 1]) << 32n) | BigInt(h.x[o.s1] >>> 0)) & M64;
    const old = c.get(o.csr);
    if (writes) c.set(o.csr, kind === 'rw' ? src : kind === 'rs' ? old | src : old & ~src);
    const x = h.x;
    x[o.d] = Number(old & 0xffffffffn) | 0;
    x[o.d + 1] = Number((old >> 32n) & 0xffffffffn) | 0;
    return pc + o.len;
  };
}

/** Continues at the return target, or traps with the cause the CSR layer chose. */
function xret(h: Hart, o: Op, pc: number, r: number | undefined): number {
  return r === undefined ? h.trap(h.csr.denied, o.word, pc) : r;
}

const mret: Handler = (h, o, pc) => xret(h, o, pc, h.csr.mret(pc));
const sret: Handler = (h, o, pc) => xret(h, o, pc, h.csr.sret(pc));

const wfi: Handler = (h, o, pc) => {
  const denied = h.csr.wfiCheck();
  if (denied >= 0) return h.trap(denied, o.word, pc);
  // With nothing pending the hart sleeps: the machine advances virtual time to
  // the next event (or stops the run if nothing can ever wake it).
  if (h.csr.pendingEnabled() === 0) {
    h.waiting = true;
    h.checkInterrupts();
  }
  return pc + o.len;
};

const sfenceVma: Handler = (h, o, pc) => {
  const denied = h.csr.sfenceCheck();
  if (denied >= 0) return h.trap(denied, o.word, pc);
  h.csr.mmu.flush();
  return pc + o.len;
};

export const RV_SYSTEM: Record<string, Handler> = {
  csrrw: csrOp('rw', false),
  csrrs: csrOp('rs', false),
  csrrc: csrOp('rc', false),
  csrrwi: csrOp('rw', true),
  csrrsi: csrOp('rs', true),
  csrrci: csrOp('rc', true),
  mret,
  sret,
  wfi,
  'sfence.vma': sfenceVma,
  ...RV_H,
};
