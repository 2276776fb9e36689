/**
 * Zicsr and the privileged instructions (mret, sret, wfi, sfence.vma).
 * CSR semantics live in csr-state.ts; these handlers apply the instruction
 * rules: csrrw with rd=x0 does not read, csrrs/csrrc with rs1=x0 (or a zero
 * immediate) do not write, and a write to a read-only CSR is illegal.
 */
import { Cause } from '../causes';
import type { Handler, Hart, Op } from '../hart';
import { PRIV_S, PRIV_U } from '../hart';

const M64 = (1n << 64n) - 1n;

function illegal(h: Hart, o: Op, pc: number): number {
  return h.trap(Cause.IllegalInsn, o.word, pc);
}

type CsrKind = 'rw' | 'rs' | 'rc';

function csrOp(kind: CsrKind, immediate: boolean): Handler {
  return (h, o, pc) => {
    const c = h.csr;
    // For the immediate forms the decoder delivers zimm in `imm`.
    const src = immediate ? BigInt(o.imm) : ((BigInt(h.x[o.s1 + 1]) << 32n) | BigInt(h.x[o.s1] >>> 0)) & M64;
    const writes = kind === 'rw' || (immediate ? o.imm !== 0 : o.rs1 !== 0);
    const old = c.read(o.csr, h.priv);
    if (old === undefined) return illegal(h, o, pc);
    if (writes) {
      if (!c.writable(o.csr, h.priv)) return illegal(h, o, pc);
      const v = kind === 'rw' ? src : kind === 'rs' ? old | src : old & ~src;
      if (!c.write(o.csr, v, h.priv)) return illegal(h, o, pc);
    }
    const x = h.x;
    x[o.d] = Number(old & 0xffffffffn) | 0;
    x[o.d + 1] = Number((old >> 32n) & 0xffffffffn) | 0;
    return pc + o.len;
  };
}

const mret: Handler = (h, o, pc) => h.csr.mret(pc) ?? illegal(h, o, pc);
const sret: Handler = (h, o, pc) => h.csr.sret(pc) ?? illegal(h, o, pc);

const wfi: Handler = (h, o, pc) => {
  if (!h.csr.wfiAllowed()) return illegal(h, o, pc);
  // With nothing pending the hart sleeps: the machine advances virtual time to
  // the next event (or stops the run if nothing can ever wake it).
  if (h.csr.pendingEnabled() === 0) {
    h.waiting = true;
    h.checkInterrupts();
  }
  return pc + o.len;
};

const sfenceVma: Handler = (h, o, pc) => {
  if (h.priv === PRIV_U) return illegal(h, o, pc);
  if (h.priv === PRIV_S && h.csr.read(0x300, 3)! & (1n << 20n)) return illegal(h, o, pc);
  // Translations are not cached across instructions, so there is nothing to flush.
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
};
