/**
 * Trap events as the debugger keeps them, and the trap chain: the privilege
 * levels a hart has crossed to reach the handler it is in now. Accepts both
 * the CSR layer's early record shape and the versioned TrapEvent (v: 1, with
 * the V bit in `from`/`to`), so VS/HS levels appear once the hypervisor
 * extension reports them.
 */
import { causeName } from '../engine/cpu/causes';

export interface Mode {
  priv: number;
  virt: boolean;
}

export interface DebugTrap {
  /** Position of the event on the debugger's clock (see Runtime.position). */
  pos: number;
  instret: number;
  kind: 'trap' | 'interrupt' | 'return';
  cause: number;
  name: string;
  tval: bigint;
  epc: number;
  handler: number;
  from: Mode;
  to: Mode;
  /** For returns: 'mret' / 'sret' / ... */
  insn?: string;
}

const num = (v: unknown): number => (typeof v === 'bigint' ? Number(BigInt.asIntN(64, v)) : typeof v === 'number' ? v : 0);

function mode(v: unknown, fallbackPriv: unknown): Mode {
  if (v && typeof v === 'object' && 'priv' in v) {
    const m = v as { priv: number; virt?: boolean };
    return { priv: m.priv, virt: !!m.virt };
  }
  return { priv: typeof fallbackPriv === 'number' ? fallbackPriv : 3, virt: false };
}

/** Turns whatever the CSR layer reported into a DebugTrap (undefined if unrecognisable). */
export function normalizeTrap(raw: unknown, pos: number, instret: number): DebugTrap | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const from = mode(r.from, r.fromPriv);
  const to = mode(r.to, r.toPriv);
  if (r.kind === 'return') {
    const insn = typeof r.insn === 'string' ? r.insn : typeof r.name === 'string' ? r.name : 'xret';
    return { pos, instret, kind: 'return', cause: -1, name: insn, tval: 0n, epc: num(r.epc), handler: num(r.handler), from, to, insn };
  }
  if (r.kind !== 'trap' && r.kind !== 'interrupt') return undefined;
  const interrupt = r.kind === 'interrupt' || r.interrupt === true;
  const cause = typeof r.cause === 'number' ? r.cause : 0;
  const name = typeof r.name === 'string' && r.v !== undefined ? r.name : causeName(cause, interrupt);
  const tval = typeof r.tval === 'bigint' ? r.tval : BigInt(num(r.tval));
  return { pos, instret, kind: interrupt ? 'interrupt' : 'trap', cause, name, tval, epc: num(r.epc), handler: num(r.handler), from, to };
}

/**
 * Short name of a privilege mode. With the hypervisor extension, S with V=0
 * is HS and V=1 gives VS/VU; without it, plain U/S/M.
 */
export function modeName(m: Mode, hypervisor: boolean): string {
  if (m.priv === 3) return 'M';
  if (m.virt) return m.priv === 1 ? 'VS' : 'VU';
  if (m.priv === 1) return hypervisor ? 'HS' : 'S';
  return 'U';
}

/** One level of the trap chain: where the hart was when it trapped. */
export interface ChainLink {
  trap: DebugTrap;
}

/**
 * Folds the trap history into the chain of traps not yet returned from:
 * a trap pushes; a return pops back to the last trap taken from the level
 * it returns to (a handler may also return somewhere else entirely, e.g. a
 * kernel starting a new process; then links above that level are dropped).
 */
export class TrapChain {
  links: ChainLink[] = [];

  apply(t: DebugTrap): void {
    if (t.kind !== 'return') {
      this.links.push({ trap: t });
      return;
    }
    // Pop every link whose trap was taken into a level at or above the one returned from.
    for (let i = this.links.length - 1; i >= 0; i--) {
      const l = this.links[i].trap;
      if (l.to.priv === t.from.priv && l.to.virt === t.from.virt) {
        this.links.length = i;
        return;
      }
    }
    // An xRET with no recorded trap (e.g. M-mode boot code dropping to S): nothing to pop.
  }

  get depth(): number {
    return this.links.length;
  }

  clone(): TrapChain {
    const c = new TrapChain();
    c.links = this.links.slice();
    return c;
  }
}

export type ExceptionFilter = 'all' | 'illegal' | 'pagefault' | 'interrupt' | 'ecall';

export const EXCEPTION_FILTERS: { filter: ExceptionFilter; label: string; description: string }[] = [
  { filter: 'all', label: 'All traps', description: 'Stop at every exception and interrupt, in the handler' },
  { filter: 'illegal', label: 'Illegal / virtual instruction', description: 'Stop on illegal-instruction (cause 2) and virtual-instruction (22) exceptions' },
  { filter: 'pagefault', label: 'Page faults', description: 'Stop on instruction/load/store page faults and guest-page faults' },
  { filter: 'interrupt', label: 'Interrupts', description: 'Stop when an interrupt is taken' },
  { filter: 'ecall', label: 'Environment calls (syscalls, SBI, hypercalls)', description: 'Stop on ecall from any mode' },
];

export function filterMatches(f: ExceptionFilter, t: DebugTrap): boolean {
  if (t.kind === 'return') return false;
  const exc = t.kind === 'trap';
  switch (f) {
    case 'all':
      return true;
    case 'illegal':
      return exc && (t.cause === 2 || t.cause === 22);
    case 'pagefault':
      return exc && [12, 13, 15, 20, 21, 23].includes(t.cause);
    case 'interrupt':
      return !exc;
    case 'ecall':
      return exc && t.cause >= 8 && t.cause <= 11;
  }
}
