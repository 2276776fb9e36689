/**
 * Popek–Goldberg classification of decoded instructions, for explaining why a
 * virtualization technique must (or need not) intervene.
 *
 *  - privileged: traps when executed below the privilege it needs (mret,
 *    sret, wfi, sfence.vma, hypervisor instructions, CSRs above the current
 *    level). Trap-and-emulate works for these: the hypervisor sees each one.
 *  - sensitive: does not trap at the given privilege, yet reads or changes
 *    state that reveals or depends on the privilege/virtualization (e.g. the
 *    `time`/`cycle` counters when they are enabled, S-level CSRs that VS-mode
 *    silently redirects to their vs* twins). A pure trap-and-emulate monitor
 *    cannot see these; it must rely on configuration (counter enables, H
 *    extension redirection) or rewrite them.
 *  - unprivileged: behaves the same in every mode.
 *
 * The answer depends only on the instruction and the mode; where it also
 * depends on configuration bits the reason says which (mstatus.TW/TVM/TSR,
 * hstatus.VTW/VTVM/VTSR/HU, the counter-enable CSRs).
 */
import type { DecodedInsn } from './types';
import { csrByNumber } from './csrs';

export type PrivMode = { priv: 'M' | 'S' | 'U'; virt: boolean };
export type SensitivityKind = 'unprivileged' | 'privileged' | 'sensitive';

export interface CsrAccess {
  /** 'ok': the access executes; 'illegal' / 'virtual': it raises an
   * illegal-instruction / virtual-instruction exception. */
  readonly result: 'ok' | 'illegal' | 'virtual';
  /** True when the access is allowed but observes or redirects state by mode. */
  readonly sensitive: boolean;
  readonly reason: string;
}

const LEVEL = { U: 0, S: 1, M: 3 } as const;
const modeName = (m: PrivMode): string => (m.virt ? (m.priv === 'S' ? 'VS' : 'VU') : m.priv === 'S' ? 'HS' : m.priv);
const hex = (n: number): string => `0x${n.toString(16).padStart(3, '0')}`;

/** Whether a CSR access executes at the given mode, and why. */
export function csrAccessKind(csr: number, write: boolean, mode: PrivMode): CsrAccess {
  const info = csrByNumber(csr);
  const name = info ? info.name : hex(csr);
  const need = (csr >> 8) & 3; // 0 U, 1 S, 2 H (HS-level), 3 M
  const readOnly = csr >> 10 === 3;
  const cur = LEVEL[mode.priv];
  const m = modeName(mode);
  if (!info) return { result: 'illegal', sensitive: false, reason: `${name} is not an implemented CSR` };
  if (info.rv32Only) return { result: 'illegal', sensitive: false, reason: `${name} exists only on RV32` };
  if (csr >= 0x7b0 && csr <= 0x7bf) return { result: 'illegal', sensitive: false, reason: `${name} is accessible in debug mode only` };
  if (write && readOnly) return { result: 'illegal', sensitive: false, reason: `${name} is read-only (CSR number bits 11:10 = 3)` };
  const levelName = ['U', 'S', 'HS', 'M'][need];
  // M-level CSRs: only M-mode.
  if (need === 3) {
    return cur === 3
      ? { result: 'ok', sensitive: false, reason: `${name} is an M-level CSR; allowed in M-mode, traps below` }
      : { result: 'illegal', sensitive: false, reason: `${name} needs M-mode; ${m}-mode access raises illegal instruction` };
  }
  // Hypervisor and VS CSRs (bits 9:8 = 2): HS-mode and M-mode only.
  if (need === 2) {
    if (!mode.virt && cur >= 1) return { result: 'ok', sensitive: false, reason: `${name} is a hypervisor-level CSR; allowed in ${m}-mode` };
    if (mode.virt && cur === 1) return { result: 'virtual', sensitive: false, reason: `${name} is a hypervisor-level CSR; VS-mode access raises a virtual-instruction exception` };
    return { result: mode.virt ? 'virtual' : 'illegal', sensitive: false, reason: `${name} needs HS-mode; ${m}-mode access traps` };
  }
  if (need === 1) {
    if (cur < 1) {
      return { result: mode.virt ? 'virtual' : 'illegal', sensitive: false, reason: `${name} needs S-mode; ${m}-mode access traps` };
    }
    if (csr === 0x180) {
      return { result: 'ok', sensitive: mode.virt, reason: mode.virt
        ? 'satp in VS-mode accesses vsatp (the guest page table); traps as virtual instruction if hstatus.VTVM=1'
        : 'satp: allowed in S-mode unless mstatus.TVM=1 (then illegal instruction)' };
    }
    if (mode.virt) {
      return { result: 'ok', sensitive: true, reason: `${name} in VS-mode is redirected to its vs* counterpart without trapping` };
    }
    return { result: 'ok', sensitive: false, reason: `${name} is an S-level CSR; allowed in ${m}-mode, traps in U-mode` };
  }
  // U-level CSRs.
  if (csr >= 0xc00 && csr <= 0xc1f) {
    const gate = cur === 3 ? 'always readable in M-mode'
      : mode.virt ? `readable in ${m}-mode only if enabled in mcounteren, hcounteren${cur === 0 ? ' and scounteren' : ''} (else virtual/illegal instruction)`
        : `readable in ${m}-mode only if enabled in mcounteren${cur === 0 ? ' and scounteren' : ''} (else illegal instruction)`;
    return { result: 'ok', sensitive: true, reason: `${name} reveals real ${name === 'time' ? 'time (offset by htimedelta in a guest)' : 'execution counts'}; ${gate}` };
  }
  if (csr <= 0x003) return { result: 'ok', sensitive: false, reason: `${name} is a user floating-point CSR (needs mstatus.FS != Off)` };
  return { result: 'ok', sensitive: false, reason: `${name} is a user-level CSR (${levelName})` };
}

const CSR_EXECS = new Set(['csrrw', 'csrrs', 'csrrc', 'csrrwi', 'csrrsi', 'csrrci']);

export function classify(d: DecodedInsn, mode: PrivMode): { kind: SensitivityKind; reason: string } {
  const m = modeName(mode);
  const cur = LEVEL[mode.priv];
  const e = d.exec;
  if (CSR_EXECS.has(e)) {
    // csrrs/csrrc with x0 (or a zero immediate) only read; csrrw always writes.
    const imm = e.endsWith('i');
    const write = e.startsWith('csrrw') || (imm ? d.imm !== 0 : d.rs1 !== 0);
    const a = csrAccessKind(d.csr, write, mode);
    if (a.result !== 'ok') return { kind: 'privileged', reason: a.reason };
    if (a.sensitive) return { kind: 'sensitive', reason: a.reason };
    const need = (d.csr >> 8) & 3;
    return { kind: need > 0 ? 'privileged' : 'unprivileged', reason: a.reason };
  }
  switch (e) {
    case 'mret':
      return { kind: 'privileged', reason: cur === 3 ? 'mret returns from an M-mode trap; allowed in M-mode' : `mret needs M-mode; in ${m}-mode it raises illegal instruction` };
    case 'sret':
      if (cur === 0) return { kind: 'privileged', reason: `sret needs S-mode; in ${m}-mode it traps` };
      return { kind: 'privileged', reason: mode.virt ? 'sret in VS-mode returns from a guest trap; traps (virtual instruction) if hstatus.VTSR=1' : cur === 3 ? 'sret allowed in M-mode' : 'sret allowed in HS-mode unless mstatus.TSR=1' };
    case 'wfi':
      return { kind: 'privileged', reason: cur === 3 ? 'wfi allowed in M-mode' : cur === 0 ? `wfi in ${m}-mode raises an illegal/virtual-instruction exception` : mode.virt ? 'wfi in VS-mode traps (virtual instruction) when hstatus.VTW=1, or to M-mode when mstatus.TW=1' : 'wfi in S-mode traps when mstatus.TW=1' };
    case 'sfence.vma':
      if (cur === 0) return { kind: 'privileged', reason: `sfence.vma needs S-mode; in ${m}-mode it traps` };
      return { kind: 'privileged', reason: mode.virt ? 'sfence.vma in VS-mode flushes guest translations; traps if hstatus.VTVM=1' : 'sfence.vma allowed in S-mode unless mstatus.TVM=1' };
    case 'hfence.vvma': case 'hfence.gvma':
    case 'hlv.b': case 'hlv.bu': case 'hlv.h': case 'hlv.hu': case 'hlv.w': case 'hlv.wu': case 'hlv.d':
    case 'hlvx.hu': case 'hlvx.wu': case 'hsv.b': case 'hsv.h': case 'hsv.w': case 'hsv.d':
      if (mode.virt) return { kind: 'privileged', reason: `${e} in ${m}-mode raises a virtual-instruction exception` };
      if (cur === 0) return { kind: 'privileged', reason: e.startsWith('hfence') ? `${e} needs HS-mode; in U-mode it traps` : `${e} in U-mode is allowed only when hstatus.HU=1 (else illegal instruction)` };
      return { kind: 'privileged', reason: `${e} is a hypervisor instruction; allowed in ${m}-mode` };
    case 'ecall':
      return { kind: 'unprivileged', reason: `ecall always traps; the cause (environment call from ${m}-mode) tells the handler the mode, so nothing escapes a monitor` };
    case 'ebreak':
      return { kind: 'unprivileged', reason: 'ebreak always raises a breakpoint exception' };
    default:
      return { kind: 'unprivileged', reason: `${e} behaves the same in every privilege mode` };
  }
}
