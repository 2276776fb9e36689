/**
 * Control and status registers of one hart (machine and supervisor level,
 * counters, floating-point CSRs), trap entry and return, interrupt selection
 * and Sv39/Sv48 address translation.
 *
 * Values follow QEMU 7.2's `rv64` CPU where the specification leaves a choice
 * (WARL fields, reset values, misa), because the same guest must behave the
 * same on both.
 */
import { Cause, Irq } from './causes';
import type { Hart } from './hart';
import { PRIV_M, PRIV_S, PRIV_U } from './hart';

// mstatus bits
const SIE = 1n << 1n;
const MIE = 1n << 3n;
const SPIE = 1n << 5n;
const MPIE = 1n << 7n;
const SPP = 1n << 8n;
const MPP = 3n << 11n;
const FS = 3n << 13n;
const XS = 3n << 15n;
const VS = 3n << 9n;
const MPRV = 1n << 17n;
const SUM = 1n << 18n;
const MXR = 1n << 19n;
const TVM = 1n << 20n;
const TW = 1n << 21n;
const TSR = 1n << 22n;
const UXL_SXL = 0xan << 32n; // UXL = SXL = 2 (64-bit), read-only
const SD = 1n << 63n;

const MSTATUS_WRITABLE = SIE | MIE | SPIE | MPIE | SPP | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR;
const SSTATUS_MASK = SIE | SPIE | SPP | FS | XS | VS | SUM | MXR | (3n << 32n) | SD;

const S_INTERRUPTS = (1 << Irq.SSI) | (1 << Irq.STI) | (1 << Irq.SEI);
const M_INTERRUPTS = (1 << Irq.MSI) | (1 << Irq.MTI) | (1 << Irq.MEI);
/** Interrupts software may set in mip (the rest are wired to devices). */
const MIP_WRITABLE = S_INTERRUPTS;
/** Exceptions M-mode can delegate (QEMU: all but ecall from M). */
const DELEGABLE_EXCEPTIONS =
  (1 << Cause.InsnMisaligned) | (1 << Cause.InsnAccessFault) | (1 << Cause.IllegalInsn) | (1 << Cause.Breakpoint) |
  (1 << Cause.LoadMisaligned) | (1 << Cause.LoadAccessFault) | (1 << Cause.StoreMisaligned) |
  (1 << Cause.StoreAccessFault) | (1 << Cause.EcallU) | (1 << Cause.EcallS) | (1 << Cause.InsnPageFault) |
  (1 << Cause.LoadPageFault) | (1 << Cause.StorePageFault);

/** Interrupt priority, highest first (the privileged spec's order, as QEMU). */
const IRQ_PRIORITY = [Irq.MEI, Irq.MSI, Irq.MTI, Irq.SEI, Irq.SSI, Irq.STI];

/** misa: RV64 with A, C, D, F, I, M, S, U (H arrives with the hypervisor extension). */
export const MISA = (2n << 62n) | 0x14112dn;

/** QEMU 7.2 reports its version in marchid and mimpid. */
const QEMU_ID = 0x70216n;

const M64 = (1n << 64n) - 1n;
const u64 = (v: number): bigint => BigInt.asUintN(64, BigInt(v));
const num = (v: bigint): number => Number(BigInt.asIntN(64, v));

export class CsrState {
  mstatus = UXL_SXL;
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** Software-written mip bits; device lines are in `lines`. */
  mipSoft = 0;
  /** Interrupt lines driven by devices (MTIP, MSIP, MEIP, SEIP from the PLIC). */
  lines = 0;
  mtvec = 0n;
  stvec = 0n;
  mscratch = 0n;
  sscratch = 0n;
  mepc = 0n;
  sepc = 0n;
  mcause = 0n;
  scause = 0n;
  mtval = 0n;
  stval = 0n;
  satp = 0n;
  mcounteren = 0;
  scounteren = 0;
  mcountinhibit = 0;
  menvcfg = 0n;
  senvcfg = 0n;
  fflags = 0;
  frm = 0;
  readonly pmpcfg = new Uint8Array(16);
  readonly pmpaddr = new Array<bigint>(16).fill(0n);
  /** Offsets added to the retired-instruction count by writes of mcycle/minstret. */
  cycleOffset = 0;
  instretOffset = 0;
  /** mtime source, supplied by the machine. */
  timeNow: () => number = () => 0;
  /** Trap-event hook (set by the hart's owner when someone listens). */
  onTrap: ((e: TrapRecord) => void) | undefined;

  // Cached decodings of mstatus/satp for the hot paths.
  mprv = false;
  mpp = PRIV_U;
  fsOff = true;
  satpMode = 0;
  private satpPpn = 0;

  constructor(private readonly h: Hart) {}

  private refresh(): void {
    const m = this.mstatus;
    this.mprv = (m & MPRV) !== 0n;
    this.mpp = Number((m >> 11n) & 3n);
    this.fsOff = (m & FS) === 0n;
    this.satpMode = Number(this.satp >> 60n);
    this.satpPpn = Number(this.satp & 0xfffffffffffn);
    this.h.updateTranslation();
    this.h.checkInterrupts();
  }

  /** mstatus with SD computed. */
  private mstatusValue(): bigint {
    const m = this.mstatus;
    const dirty = (m & FS) === FS || (m & XS) === XS || (m & VS) === VS;
    return dirty ? m | SD : m & ~SD;
  }

  /** Marks the FP state dirty (every FP write does). */
  setFsDirty(): void {
    this.mstatus |= FS;
  }

  get mip(): number {
    return this.mipSoft | this.lines;
  }

  // ---- CSR instructions ----

  /**
   * Reads CSR `n` for a CSR instruction at privilege `priv`. Returns undefined
   * when the access is illegal (the instruction then raises illegal-instruction).
   */
  read(n: number, priv: number): bigint | undefined {
    if (((n >> 8) & 3) > priv) return undefined;
    switch (n) {
      case 0x001:
        return this.fsOff ? undefined : BigInt(this.fflags);
      case 0x002:
        return this.fsOff ? undefined : BigInt(this.frm);
      case 0x003:
        return this.fsOff ? undefined : BigInt((this.frm << 5) | this.fflags);
      case 0xc00:
      case 0xc01:
      case 0xc02:
        if (!this.counterAllowed(n - 0xc00, priv)) return undefined;
        return n === 0xc01 ? u64(this.timeNow()) : n === 0xc00 ? this.cycle() : this.instret();
      case 0x100:
        return this.mstatusValue() & SSTATUS_MASK;
      case 0x104:
        return BigInt(this.mie & this.mideleg);
      case 0x105:
        return this.stvec;
      case 0x106:
        return BigInt(this.scounteren);
      case 0x10a:
        return this.senvcfg;
      case 0x140:
        return this.sscratch;
      case 0x141:
        return this.sepc;
      case 0x142:
        return this.scause;
      case 0x143:
        return this.stval;
      case 0x144:
        return BigInt(this.mip & this.mideleg);
      case 0x180:
        if (priv === PRIV_S && this.mstatus & TVM) return undefined;
        return this.satp;
      case 0xf11:
        return 0n;
      case 0xf12:
      case 0xf13:
        return QEMU_ID;
      case 0xf14:
        return BigInt(this.h.hartId);
      case 0xf15:
        return 0n;
      case 0x300:
        return this.mstatusValue();
      case 0x301:
        return MISA;
      case 0x302:
        return BigInt(this.medeleg);
      case 0x303:
        return BigInt(this.mideleg);
      case 0x304:
        return BigInt(this.mie);
      case 0x305:
        return this.mtvec;
      case 0x306:
        return BigInt(this.mcounteren);
      case 0x30a:
        return this.menvcfg;
      case 0x320:
        return BigInt(this.mcountinhibit);
      case 0x340:
        return this.mscratch;
      case 0x341:
        return this.mepc;
      case 0x342:
        return this.mcause;
      case 0x343:
        return this.mtval;
      case 0x344:
        return BigInt(this.mip);
      case 0xb00:
        return this.cycle();
      case 0xb02:
        return this.instret();
      default:
        break;
    }
    if (n >= 0x3a0 && n <= 0x3af) {
      if (n & 1) return undefined; // odd pmpcfg registers do not exist in RV64
      const i = n - 0x3a0;
      if (i >= 4) return 0n;
      let v = 0n;
      for (let b = 7; b >= 0; b--) v = (v << 8n) | BigInt(this.pmpcfg[i * 4 + b]);
      return v;
    }
    if (n >= 0x3b0 && n <= 0x3ef) return n - 0x3b0 < 16 ? this.pmpaddr[n - 0x3b0] : 0n;
    // hpmcounters, their events and machine counters read as zero (QEMU without PMU events)
    if (n >= 0xc03 && n <= 0xc1f) return this.counterAllowed(n - 0xc00, priv) ? 0n : undefined;
    if ((n >= 0xb03 && n <= 0xb1f) || (n >= 0x323 && n <= 0x33f)) return 0n;
    return undefined;
  }

  private counterAllowed(index: number, priv: number): boolean {
    if (priv === PRIV_M) return true;
    if (!((this.mcounteren >>> index) & 1)) return false;
    if (priv === PRIV_U && !((this.scounteren >>> index) & 1)) return false;
    return true;
  }

  private cycle(): bigint {
    return u64(this.h.instret + this.cycleOffset);
  }

  private instret(): bigint {
    return u64(this.h.instret + this.instretOffset);
  }

  /** True if CSR `n` exists and is writable at `priv` (read-only CSRs are bits 11:10 = 3). */
  writable(n: number, priv: number): boolean {
    return ((n >> 10) & 3) !== 3 && ((n >> 8) & 3) <= priv;
  }

  /** Writes CSR `n`; false when illegal. The caller checked `writable`. */
  write(n: number, v: bigint, priv: number): boolean {
    v &= M64;
    switch (n) {
      case 0x001:
        if (this.fsOff) return false;
        this.fflags = Number(v & 0x1fn);
        this.setFsDirty();
        return true;
      case 0x002:
        if (this.fsOff) return false;
        this.frm = Number(v & 7n);
        this.setFsDirty();
        return true;
      case 0x003:
        if (this.fsOff) return false;
        this.fflags = Number(v & 0x1fn);
        this.frm = Number((v >> 5n) & 7n);
        this.setFsDirty();
        return true;
      case 0x100:
        this.mstatus = (this.mstatus & ~(SSTATUS_MASK & MSTATUS_WRITABLE)) | (v & SSTATUS_MASK & MSTATUS_WRITABLE);
        this.refresh();
        return true;
      case 0x104:
        this.mie = (this.mie & ~this.mideleg) | (Number(v & 0xffffn) & this.mideleg & S_INTERRUPTS);
        this.h.checkInterrupts();
        return true;
      case 0x105:
        if ((v & 3n) < 2n) this.stvec = v;
        return true;
      case 0x106:
        this.scounteren = Number(v & 0xffffffffn) >>> 0;
        return true;
      case 0x10a:
        this.senvcfg = v & 0x1n; // FIOM
        return true;
      case 0x140:
        this.sscratch = v;
        return true;
      case 0x141:
        this.sepc = v & ~1n;
        return true;
      case 0x142:
        this.scause = v;
        return true;
      case 0x143:
        this.stval = v;
        return true;
      case 0x144: {
        const mask = this.mideleg & (1 << Irq.SSI);
        this.mipSoft = (this.mipSoft & ~mask) | (Number(v & 0xffffn) & mask);
        this.h.checkInterrupts();
        return true;
      }
      case 0x180: {
        if (priv === PRIV_S && this.mstatus & TVM) return false;
        const mode = Number(v >> 60n);
        // Unsupported modes leave satp unchanged (WARL); bare, Sv39 and Sv48 are supported.
        if (mode !== 0 && mode !== 8 && mode !== 9) return true;
        this.satp = v & ~(0xffffn << 44n) | (v & (0xffffn << 44n)); // 16-bit ASID implemented
        this.refresh();
        return true;
      }
      case 0x300:
        this.mstatus = (this.mstatus & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE);
        this.refresh();
        return true;
      case 0x301:
        return true; // misa is read-only here
      case 0x302:
        this.medeleg = Number(v & 0xffffffn) & DELEGABLE_EXCEPTIONS;
        return true;
      case 0x303:
        this.mideleg = Number(v & 0xffffn) & S_INTERRUPTS;
        this.h.checkInterrupts();
        return true;
      case 0x304:
        this.mie = Number(v & 0xffffn) & (S_INTERRUPTS | M_INTERRUPTS);
        this.h.checkInterrupts();
        return true;
      case 0x305:
        if ((v & 3n) < 2n) this.mtvec = v;
        return true;
      case 0x306:
        this.mcounteren = Number(v & 0xffffffffn) >>> 0;
        return true;
      case 0x30a:
        this.menvcfg = v & 0x1n;
        return true;
      case 0x320:
        this.mcountinhibit = Number(v & 0xfffffffdn) >>> 0;
        return true;
      case 0x340:
        this.mscratch = v;
        return true;
      case 0x341:
        this.mepc = v & ~1n;
        return true;
      case 0x342:
        this.mcause = v;
        return true;
      case 0x343:
        this.mtval = v;
        return true;
      case 0x344:
        this.mipSoft = (this.mipSoft & ~MIP_WRITABLE) | (Number(v & 0xffffn) & MIP_WRITABLE);
        this.h.checkInterrupts();
        return true;
      case 0xb00:
        this.cycleOffset = num(v) - this.h.instret;
        return true;
      case 0xb02:
        // As QEMU: the written value counts from this instruction, so the next
        // instruction reads it plus one.
        this.instretOffset = num(v) - this.h.instret;
        return true;
      default:
        break;
    }
    if (n >= 0x3a0 && n <= 0x3af) {
      if (n & 1) return false;
      const i = n - 0x3a0;
      if (i >= 4) return true;
      for (let b = 0; b < 8; b++) {
        const idx = i * 4 + b;
        if (this.pmpcfg[idx] & 0x80) continue; // locked
        let cfg = Number((v >> BigInt(8 * b)) & 0xffn) & 0x9f;
        if ((cfg & 3) === 2) cfg &= ~3; // W without R is reserved: QEMU clears both
        this.pmpcfg[idx] = cfg;
      }
      return true;
    }
    if (n >= 0x3b0 && n <= 0x3ef) {
      const i = n - 0x3b0;
      if (i < 16 && !(this.pmpcfg[i] & 0x80)) this.pmpaddr[i] = v & ((1n << 54n) - 1n);
      return true;
    }
    if ((n >= 0xb03 && n <= 0xb1f) || (n >= 0x323 && n <= 0x33f)) return true;
    return false;
  }

  // ---- traps ----

  /**
   * Enters the trap handler for `cause` raised at `pc`; returns the handler pc.
   * Delegation follows medeleg/mideleg for traps from S and U.
   */
  enterTrap(cause: number, interrupt: boolean, tval: number | bigint, pc: number): number {
    const h = this.h;
    const from = h.priv;
    const deleg = interrupt ? this.mideleg : this.medeleg;
    const tv = typeof tval === 'bigint' ? tval & M64 : u64(tval);
    const causeValue = (interrupt ? 1n << 63n : 0n) | BigInt(cause);
    let target: bigint;
    let to: number;
    if (from <= PRIV_S && ((deleg >>> cause) & 1) === 1) {
      this.scause = causeValue;
      this.sepc = u64(pc);
      this.stval = tv;
      let m = this.mstatus & ~(SPP | SPIE | SIE);
      if (this.mstatus & SIE) m |= SPIE;
      if (from === PRIV_S) m |= SPP;
      this.mstatus = m;
      to = PRIV_S;
      target = this.stvec;
    } else {
      this.mcause = causeValue;
      this.mepc = u64(pc);
      this.mtval = tv;
      let m = this.mstatus & ~(MPP | MPIE | MIE);
      if (this.mstatus & MIE) m |= MPIE;
      m |= BigInt(from) << 11n;
      this.mstatus = m;
      to = PRIV_M;
      target = this.mtvec;
    }
    h.priv = to;
    let handler = num(target & ~3n);
    if (interrupt && (target & 3n) === 1n) handler += 4 * cause;
    this.refresh();
    if (this.onTrap) {
      this.onTrap({ kind: 'trap', cause, interrupt, tval: tv, epc: u64(pc), fromPriv: from, toPriv: to, handler: u64(handler) });
    }
    return handler;
  }

  /** `mret`: returns the new pc, or undefined if illegal at this privilege. */
  mret(pc: number): number | undefined {
    const h = this.h;
    if (h.priv !== PRIV_M) return undefined;
    const m = this.mstatus;
    const to = Number((m >> 11n) & 3n);
    let n = m & ~(MIE | MPP);
    if (m & MPIE) n |= MIE;
    n |= MPIE;
    if (to !== PRIV_M) n &= ~MPRV;
    this.mstatus = n;
    h.priv = to;
    const target = num(this.mepc);
    this.refresh();
    if (this.onTrap) this.onTrap({ kind: 'return', insn: 'mret', epc: u64(pc), fromPriv: PRIV_M, toPriv: to, handler: u64(target) });
    return target;
  }

  /** `sret`: returns the new pc, or undefined if illegal (priv < S, or TSR in S). */
  sret(pc: number): number | undefined {
    const h = this.h;
    if (h.priv < PRIV_S || (h.priv === PRIV_S && this.mstatus & TSR)) return undefined;
    const m = this.mstatus;
    const to = m & SPP ? PRIV_S : PRIV_U;
    let n = m & ~(SIE | SPP);
    if (m & SPIE) n |= SIE;
    n |= SPIE;
    n &= ~MPRV;
    this.mstatus = n;
    const from = h.priv;
    h.priv = to;
    const target = num(this.sepc);
    this.refresh();
    if (this.onTrap) this.onTrap({ kind: 'return', insn: 'sret', epc: u64(pc), fromPriv: from, toPriv: to, handler: u64(target) });
    return target;
  }

  /** `wfi` legality: 'ok', or 'illegal' (QEMU: U-mode, or S-mode with TW). */
  wfiAllowed(): boolean {
    const p = this.h.priv;
    if (p === PRIV_U) return false;
    if (p === PRIV_S && this.mstatus & TW) return false;
    return true;
  }

  /** Interrupts pending and enabled regardless of the global enables (what wakes wfi). */
  pendingEnabled(): number {
    return this.mip & this.mie;
  }

  /** The interrupt to take now, or -1. */
  interruptToTake(): number {
    const pending = this.mip & this.mie;
    if (pending === 0) return -1;
    const p = this.h.priv;
    const mEnabled = p < PRIV_M || (this.mstatus & MIE) !== 0n;
    const sEnabled = p < PRIV_S || (p === PRIV_S && (this.mstatus & SIE) !== 0n);
    const mSet = mEnabled ? pending & ~this.mideleg : 0;
    const sSet = sEnabled ? pending & this.mideleg : 0;
    const set = mSet | sSet;
    if (set === 0) return -1;
    for (const irq of IRQ_PRIORITY) if ((set >>> irq) & 1) return irq;
    return -1;
  }

  // ---- address translation ----

  /**
   * Sv39/Sv48 translation of `va` for `access` (0 fetch, 1 load, 2 store) at
   * effective privilege `priv`. Returns the physical address, or -(cause+1)
   * for the page or access fault to raise. Sets A/D bits in hardware, as QEMU.
   */
  translate(va: number, access: 0 | 1 | 2, priv: number): number {
    const levels = this.satpMode === 8 ? 3 : 4;
    const vaBits = 12 + 9 * levels;
    const pageFault = access === 0 ? Cause.InsnPageFault : access === 1 ? Cause.LoadPageFault : Cause.StorePageFault;
    const accessFault = access === 0 ? Cause.InsnAccessFault : access === 1 ? Cause.LoadAccessFault : Cause.StoreAccessFault;
    const limit = 2 ** (vaBits - 1);
    if (va >= limit || va < -limit) return -(pageFault + 1);
    const uva = va < 0 ? va + 2 * limit : va; // low vaBits bits
    const bus = this.h.bus;
    const t = this.h.tmp;
    let table = this.satpPpn * 4096;
    for (let level = levels - 1; level >= 0; level--) {
      const vpn = Math.floor(uva / 2 ** (12 + 9 * level)) % 512;
      const pteAddr = table + vpn * 8;
      if (!bus.read(pteAddr, 8, t)) return -(accessFault + 1);
      const lo = t[0];
      const hi = t[1];
      if (!(lo & 1) || ((lo & 6) === 4)) return -(pageFault + 1);
      // Reserved bits 63:54 (N, PBMT, reserved) must be zero without Svnapot/Svpbmt.
      if (hi >>> 22) return -(pageFault + 1);
      const ppn = (hi & 0x3fffff) * 4194304 + (lo >>> 10);
      if ((lo & 0xa) === 0) {
        if (level === 0) return -(pageFault + 1);
        if (lo & 0xd0) return -(pageFault + 1); // D, A, U must be clear on non-leaf PTEs
        table = ppn * 4096;
        continue;
      }
      const r = lo & 2;
      const w = lo & 4;
      const x = lo & 8;
      const u = lo & 16;
      if (priv === PRIV_U && !u) return -(pageFault + 1);
      if (priv === PRIV_S && u && (access === 0 || !(this.mstatus & SUM))) return -(pageFault + 1);
      if (access === 0 && !x) return -(pageFault + 1);
      if (access === 1 && !r && !(x && this.mstatus & MXR)) return -(pageFault + 1);
      if (access === 2 && !w) return -(pageFault + 1);
      const span = 2 ** (9 * level); // pages covered by this leaf
      if (ppn % span !== 0) return -(pageFault + 1); // misaligned superpage
      const needed = 0x40 | (access === 2 ? 0x80 : 0);
      if ((lo & needed) !== needed) {
        // Hardware A/D update; the PTE must be writable memory.
        if (!bus.write(pteAddr, 4, lo | needed, 0)) return -(accessFault + 1);
      }
      const offsetInLeaf = uva % (span * 4096);
      return ppn * 4096 + offsetInLeaf;
    }
    return -(pageFault + 1);
  }
}

/** What the CSR layer reports about a trap or trap return (see trap-event.ts). */
export type TrapRecord =
  | { kind: 'trap'; cause: number; interrupt: boolean; tval: bigint; epc: bigint; fromPriv: number; toPriv: number; handler: bigint }
  | { kind: 'return'; insn: 'mret' | 'sret'; epc: bigint; fromPriv: number; toPriv: number; handler: bigint };
