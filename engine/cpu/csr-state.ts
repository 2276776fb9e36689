/**
 * Control and status registers of one hart — machine, supervisor, hypervisor
 * and virtual-supervisor level, counters, Sstc timers, floating-point CSRs —
 * with trap entry, trap return and interrupt selection.
 *
 * Values follow QEMU 7.2's `rv64,h=true` CPU where the specification leaves
 * a choice (WARL fields, reset values, misa), because the same guest must
 * behave the same on both; the places where 7.2 departs from the
 * specification are marked "QEMU 7.2".
 *
 * V=1 (VS/VU) redirection: the s* CSR numbers reach the vs* registers, as the
 * H extension specifies. The HS copies live in the s* fields, the guest's in
 * the vs* fields; nothing is swapped on a V change.
 */
import { Cause, causeName, Irq } from './causes';
import type { Hart } from './hart';
import { PRIV_M, PRIV_S, PRIV_U } from './hart';
import { Mmu } from './mmu';
import { Pmp } from './pmp';
import type { TrapEvent, TrapListener } from './trap-event';

// mstatus bits
const SIE = 1n << 1n;
const MIE = 1n << 3n;
const SPIE = 1n << 5n;
const MPIE = 1n << 7n;
const SPP = 1n << 8n;
const VS = 3n << 9n;
const MPP = 3n << 11n;
const FS = 3n << 13n;
const XS = 3n << 15n;
const MPRV = 1n << 17n;
const SUM = 1n << 18n;
const MXR = 1n << 19n;
const TVM = 1n << 20n;
const TW = 1n << 21n;
const TSR = 1n << 22n;
const UXL = 3n << 32n;
const SXL = 3n << 34n;
const GVA = 1n << 38n;
const MPV = 1n << 39n;
const SD = 1n << 63n;

const MSTATUS_WRITABLE = SIE | MIE | SPIE | MPIE | SPP | VS | MPP | FS | MPRV | SUM | MXR | TVM | TW | TSR | GVA | MPV;
const SSTATUS_READ = SIE | SPIE | SPP | VS | FS | XS | SUM | MXR | UXL | SD;
const SSTATUS_WRITABLE = SIE | SPIE | SPP | VS | FS | SUM | MXR;

// hstatus bits
const H_VSBE = 1n << 5n;
const H_GVA = 1n << 6n;
const H_SPV = 1n << 7n;
const H_SPVP = 1n << 8n;
const H_HU = 1n << 9n;
const H_VTVM = 1n << 20n;
const H_VTW = 1n << 21n;
const H_VTSR = 1n << 22n;
const H_VSXL = 3n << 32n;

/** Interrupt groups (mip/mie bit masks). */
const S_INTS = (1 << Irq.SSI) | (1 << Irq.STI) | (1 << Irq.SEI);
const VS_INTS = (1 << Irq.VSSI) | (1 << Irq.VSTI) | (1 << Irq.VSEI);
const LCOFI = 1 << 13;
const SGEI = 1 << Irq.SGEI;
/** mie: every standard interrupt plus LCOFI (QEMU 7.2: 0x3eee). */
const MIE_MASK = 0x3eee;
/** mip bits software may write (QEMU 7.2: 0x26e6). */
const MIP_WRITABLE = S_INTS | VS_INTS | LCOFI;
/** mideleg: VS interrupts and SGEI are always delegated with H (read-only one). */
const MIDELEG_WRITABLE = S_INTS | LCOFI;
const MIDELEG_FORCED = VS_INTS | SGEI;
const HIE_MASK = VS_INTS | SGEI;
/** Exceptions M-mode can delegate (QEMU 7.2: 0xf0bfff, ecall from M included). */
const MEDELEG_MASK = 0xf0bfff;
/** Exceptions HS-mode can delegate to VS (0xb1ff). */
const HEDELEG_MASK = 0xb1ff;

const ENVCFG_MASK = (3n << 62n) | 0xf1n; // STCE, PBMTE, CBZE, CBCFE, CBIE, FIOM
const ENVCFG_STCE = 1n << 63n;

/** misa: RV64 A C D F H I M S U. */
export const MISA = (2n << 62n) | 0x1411adn;

/** QEMU 7.2 reports its version in marchid and mimpid. */
const QEMU_ID = 0x70216n;
/** QEMU 7.2's default PMU: mhpmcounter3..18 exist. */
const HPM_COUNTERS = 16;

const M64 = (1n << 64n) - 1n;
const u64 = (v: number): bigint => BigInt.asUintN(64, BigInt(v));
const num = (v: bigint): number => Number(BigInt.asIntN(64, v));

/** Exception causes that carry an address in xtval (GVA applies to them). */
const ADDRESS_CAUSES = (1 << 0) | (1 << 1) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 12) | (1 << 13) | (1 << 15) | (1 << 20) | (1 << 21) | (1 << 23);
const DATA_CAUSES = (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 13) | (1 << 15) | (1 << 21) | (1 << 23);

/** Lowest set bit's index (QEMU 7.2 without AIA picks the lowest-numbered pending interrupt). */
function lowestBit(v: number): number {
  return 31 - Math.clz32(v & -v);
}

export class CsrState {
  mstatus = (2n << 32n) | (2n << 34n); // UXL = SXL = 64-bit
  medeleg = 0;
  mideleg = MIDELEG_FORCED;
  mie = 0;
  /** Software-written mip bits (SSIP, STIP, SEIP, the hvip VS bits, LCOFIP; STIP from the Sstc timer). */
  mipSoft = 0;
  /** Interrupt lines driven by devices (MSIP, MTIP, MEIP, SEIP from the PLIC). */
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
  mtval2 = 0n;
  mtinst = 0n;
  satp = 0n;
  mcounteren = 0n;
  scounteren = 0n;
  mcountinhibit = 0n;
  menvcfg = 0n;
  senvcfg = 0n;
  stimecmp = 0n;
  // hypervisor
  hstatus = 2n << 32n; // VSXL = 64-bit
  hedeleg = 0;
  hideleg = 0;
  hcounteren = 0n;
  henvcfg = 0n;
  htimedelta = 0n;
  htval = 0n;
  htinst = 0n;
  hgatp = 0n;
  vsstatus = 2n << 32n; // UXL = 64-bit
  vstvec = 0n;
  vsscratch = 0n;
  vsepc = 0n;
  vscause = 0n;
  vstval = 0n;
  vsatp = 0n;
  vstimecmp = 0n;
  /** VS timer interrupt from vstimecmp (ORed into VSTIP, not in hvip). */
  vstimeIrq = false;
  fflags = 0;
  frm = 0;
  readonly hpmCounter = new Array<bigint>(32).fill(0n);
  readonly hpmEvent = new Array<bigint>(32).fill(0n);
  readonly pmp = new Pmp();
  readonly mmu: Mmu;
  /** Offsets added to the retired-instruction count by writes of mcycle/minstret. */
  cycleOffset = 0;
  instretOffset = 0;
  /**
   * mtime source (10 MHz ticks), supplied by the machine. The Sstc timers
   * compare stimecmp / vstimecmp (+htimedelta) against it; a machine must
   * call `checkInterrupts` on the hart once `nextTimerDeadline()` is reached.
   */
  timeNow: () => number = () => 0;
  /** Trap-event listener; events are built only while one is set. */
  onTrap: TrapListener | undefined;
  /** Host code that handles traps bound for M-mode (see enterTrap). The CPU
   * knows nothing of what is behind it: firmware and hypervisors plug in here. */
  machineHook: ((cause: number, interrupt: boolean, tval: bigint, pc: number) => number | undefined) | undefined;
  private seq = 0;

  /** Armed Sstc deadlines in mtime ticks (Infinity when disarmed). */
  private sTimerAt = Infinity;
  private vsTimerAt = Infinity;

  /**
   * Set by the memory paths before raising an address exception: the guest
   * physical address for htval/mtval2 (guest-page faults), and whether the
   * address was a guest virtual one (forces GVA for hypervisor loads/stores).
   * enterTrap consumes and clears them.
   */
  trapGpa = 0;
  trapGvaForce = false;
  /** htinst/mtinst for the pending trap (QEMU 7.2 writes only the implicit-load pseudo-instruction). */
  trapTinst = 0n;

  /** Records the MMU's fault details for the trap about to be raised. */
  noteMmuFault(): void {
    this.trapGpa = this.mmu.faultGpa;
    if (this.mmu.faultImplicit) this.trapTinst = 0x3000n;
  }

  // Cached decodings for the hot paths.
  mprv = false;
  mpp = PRIV_U;
  mpv = false;
  fsOff = true;
  mstatusNum = 0;
  vsstatusNum = 0;
  satpMode = 0;
  satpPpn = 0;
  vsatpMode = 0;
  vsatpPpn = 0;
  hgatpMode = 0;
  hgatpPpn = 0;

  constructor(private readonly h: Hart) {
    this.mmu = new Mmu(h, this, this.pmp);
    this.pmp.onChange = () => this.h.updateTranslation();
  }

  /** Re-derives cached state after mstatus/satp/privilege changes. */
  private refresh(): void {
    const m = this.mstatus;
    this.mprv = (m & MPRV) !== 0n;
    this.mpp = Number((m >> 11n) & 3n);
    this.mpv = (m & MPV) !== 0n;
    this.mstatusNum = Number(m & 0xffffffffn) | 0;
    this.vsstatusNum = Number(this.vsstatus & 0xffffffffn) | 0;
    this.fsOff = (m & FS) === 0n || (this.h.virt && (this.vsstatus & FS) === 0n);
    this.satpMode = Number(this.satp >> 60n);
    this.satpPpn = Number(this.satp & 0xfffffffffffn);
    this.vsatpMode = Number(this.vsatp >> 60n);
    this.vsatpPpn = Number(this.vsatp & 0xfffffffffffn);
    this.hgatpMode = Number(this.hgatp >> 60n);
    this.hgatpPpn = Number(this.hgatp & 0xfffffffffffn);
    this.h.updateTranslation();
    this.h.checkInterrupts();
  }

  /** A translation-relevant register changed: drop cached translations too. */
  private refreshFlush(): void {
    this.mmu.flush();
    this.refresh();
  }

  /** Status value with SD computed from FS/VS/XS. */
  private withSd(m: bigint): bigint {
    const dirty = (m & FS) === FS || (m & XS) === XS || (m & VS) === VS;
    return dirty ? m | SD : m & ~SD;
  }

  /** Marks the FP state dirty (every FP write does; in VS/VU both status registers). */
  setFsDirty(): void {
    this.mstatus |= FS;
    if (this.h.virt) this.vsstatus |= FS;
  }

  /** Pending interrupts: software bits, device lines and the Sstc timers. */
  get mip(): number {
    this.pollTimers();
    return this.mipSoft | this.lines | (this.vstimeIrq ? 1 << Irq.VSTI : 0);
  }

  // ---- Sstc timers ----

  private time(): bigint {
    return u64(this.timeNow());
  }

  /** Raises STIP / the VS timer interrupt once an armed deadline has passed. */
  private pollTimers(): void {
    if (this.sTimerAt === Infinity && this.vsTimerAt === Infinity) return;
    const now = this.timeNow();
    if (now >= this.sTimerAt) {
      this.sTimerAt = Infinity;
      this.mipSoft |= 1 << Irq.STI;
    }
    if (now >= this.vsTimerAt) {
      this.vsTimerAt = Infinity;
      this.vstimeIrq = true;
    }
  }

  /** As QEMU 7.2: writing a compare value in the past raises the interrupt at
   * once, otherwise clears it and arms the timer. */
  private writeSTimer(): void {
    const now = this.time();
    if (this.stimecmp <= now) {
      this.mipSoft |= 1 << Irq.STI;
      this.sTimerAt = Infinity;
    } else {
      this.mipSoft &= ~(1 << Irq.STI);
      this.sTimerAt = Number(this.stimecmp);
    }
    this.h.checkInterrupts();
  }

  private writeVsTimer(): void {
    const now = (this.time() + this.htimedelta) & M64;
    if (this.vstimecmp <= now) {
      this.vstimeIrq = true;
      this.vsTimerAt = Infinity;
    } else {
      this.vstimeIrq = false;
      this.vsTimerAt = Number(this.vstimecmp - now) + this.timeNow();
    }
    this.h.checkInterrupts();
  }

  /**
   * The mtime value (ticks) at which an Sstc timer (stimecmp or vstimecmp)
   * fires, or Infinity. Machines schedule an event for it (and let `wfi`
   * sleep until it), then call the hart's `checkInterrupts`.
   */
  nextTimerDeadline(): number {
    return Math.min(this.sTimerAt, this.vsTimerAt);
  }

  // ---- CSR instructions ----

  /**
   * Whether CSR `n` may be accessed (written too when `write`) in the current
   * mode: -1 if so, else the exception cause (illegal or virtual instruction).
   * The checks run in QEMU 7.2's order: privilege, read-only, existence, then
   * the CSR's own condition.
   */
  check(n: number, write: boolean): number {
    const h = this.h;
    const priv = h.priv;
    const virt = h.virt;
    const eff = priv === PRIV_S && !virt ? 2 : priv; // HS reaches the hypervisor CSRs
    const level = (n >> 8) & 3;
    if (eff < level) return level === 2 && virt ? Cause.VirtualInsn : Cause.IllegalInsn;
    if (write && ((n >> 10) & 3) === 3) return Cause.IllegalInsn;
    switch (n) {
      case 0x001:
      case 0x002:
      case 0x003:
        return this.fsOff ? Cause.IllegalInsn : -1;
      case 0x14d:
      case 0x24d:
        return this.sstcAllowed();
      case 0x180:
        // QEMU 7.2: mstatus.TVM makes satp illegal in S-mode, VS included; hstatus.VTVM adds a virtual-instruction fault in VS.
        if (priv === PRIV_S && this.mstatus & TVM) return Cause.IllegalInsn;
        if (virt && this.hstatus & H_VTVM) return Cause.VirtualInsn;
        return -1;
      case 0x680:
        if (priv === PRIV_S && !virt && this.mstatus & TVM) return Cause.IllegalInsn;
        return -1;
      default:
        break;
    }
    if (n >= 0xc00 && n <= 0xc1f) return this.counterAllowed(n - 0xc00);
    if (n >= 0xb03 && n <= 0xb1f) return n - 0xb00 < 3 + HPM_COUNTERS ? -1 : Cause.IllegalInsn;
    return this.exists(n) ? -1 : Cause.IllegalInsn;
  }

  private exists(n: number): boolean {
    switch (n) {
      case 0x100: case 0x104: case 0x105: case 0x106: case 0x10a:
      case 0x140: case 0x141: case 0x142: case 0x143: case 0x144:
      case 0x200: case 0x204: case 0x205: case 0x240: case 0x241: case 0x242: case 0x243: case 0x244: case 0x280:
      case 0x600: case 0x602: case 0x603: case 0x604: case 0x605: case 0x606: case 0x607: case 0x60a:
      case 0x643: case 0x644: case 0x645: case 0x64a: case 0xe12:
      case 0x300: case 0x301: case 0x302: case 0x303: case 0x304: case 0x305: case 0x306: case 0x30a:
      case 0x320: case 0x340: case 0x341: case 0x342: case 0x343: case 0x344: case 0x34a: case 0x34b:
      case 0xb00: case 0xb02:
      case 0xf11: case 0xf12: case 0xf13: case 0xf14: case 0xf15:
        return true;
      default:
        break;
    }
    if (n >= 0x3a0 && n <= 0x3af) return (n & 1) === 0 && n <= 0x3a2; // pmpcfg0, pmpcfg2 (16 entries)
    if (n >= 0x3b0 && n <= 0x3bf) return true;
    if (n >= 0x323 && n <= 0x33f) return true;
    return false;
  }

  /** cycle/time/instret/hpmcounterN: mcounteren, then hcounteren/scounteren (QEMU 7.2's order). */
  private counterAllowed(index: number): number {
    if (index >= 3 + HPM_COUNTERS) return Cause.IllegalInsn;
    const h = this.h;
    const bit = 1n << BigInt(index);
    if (h.priv < PRIV_M && !(this.mcounteren & bit)) return Cause.IllegalInsn;
    if (h.virt && (!(this.hcounteren & bit) || (h.priv === PRIV_U && !(this.scounteren & bit)))) return Cause.VirtualInsn;
    if (h.priv === PRIV_U && !(this.scounteren & bit)) return Cause.IllegalInsn;
    return -1;
  }

  /** stimecmp/vstimecmp need mcounteren.TM and menvcfg.STCE below M, and in VS hcounteren.TM and henvcfg.STCE. */
  private sstcAllowed(): number {
    const h = this.h;
    if (h.priv === PRIV_M) return -1;
    if (!(this.mcounteren & 2n) || !(this.menvcfg & ENVCFG_STCE)) return Cause.IllegalInsn;
    if (h.virt && (!(this.hcounteren & 2n) || !(this.henvcfg & ENVCFG_STCE))) return Cause.VirtualInsn;
    return -1;
  }

  /**
   * Reads CSR `n` as an access from `priv` with V=0 would (debugger and board
   * views: no trap is raised). Undefined when that access would be illegal.
   */
  read(n: number, priv: number): bigint | undefined {
    return this.asMode(priv, () => (this.check(n, false) >= 0 ? undefined : this.get(n)));
  }

  /** Writes CSR `n` as an access from `priv` with V=0; false when illegal. */
  write(n: number, v: bigint, priv: number): boolean {
    return this.asMode(priv, () => {
      if (this.check(n, true) >= 0) return false;
      this.set(n, v);
      return true;
    });
  }

  private asMode<T>(priv: number, f: () => T): T {
    const h = this.h;
    const savedPriv = h.priv;
    const savedVirt = h.virt;
    h.priv = priv;
    h.virt = false;
    const fsOff = this.fsOff;
    this.fsOff = (this.mstatus & FS) === 0n;
    try {
      return f();
    } finally {
      h.priv = savedPriv;
      h.virt = savedVirt;
      this.fsOff = fsOff;
    }
  }

  /** The register an s* CSR number names in the current mode (V=1 redirects to vs*). */
  private redirect(n: number): number {
    if (this.h.virt && (n & 0xf00) === 0x100) {
      switch (n) {
        case 0x100: case 0x104: case 0x105: case 0x140: case 0x141: case 0x142: case 0x143: case 0x144: case 0x14d: case 0x180:
          return n + 0x100;
        default:
          break;
      }
    }
    return n;
  }

  /** Reads CSR `n` (after `check` allowed it). */
  get(n: number): bigint {
    n = this.redirect(n);
    switch (n) {
      case 0x001:
        return BigInt(this.fflags);
      case 0x002:
        return BigInt(this.frm);
      case 0x003:
        return BigInt((this.frm << 5) | this.fflags);
      case 0xc00:
        return this.cycle();
      case 0xc01:
        return this.h.virt ? (this.time() + this.htimedelta) & M64 : this.time();
      case 0xc02:
        return this.instret();
      // supervisor
      case 0x100:
        return this.withSd(this.mstatus) & SSTATUS_READ;
      case 0x104:
        return BigInt(this.mie & this.mideleg & (S_INTS | LCOFI));
      case 0x105:
        return this.stvec;
      case 0x106:
        return this.scounteren;
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
        return BigInt(this.mip & this.mideleg & (S_INTS | LCOFI));
      case 0x14d:
        return this.stimecmp;
      case 0x180:
        return this.satp;
      // virtual supervisor
      case 0x200:
        return this.h.virt ? this.withSd(this.vsstatus) & SSTATUS_READ : this.vsstatus;
      case 0x204:
        return BigInt((this.mie & this.hideleg & VS_INTS) >>> 1);
      case 0x205:
        return this.vstvec;
      case 0x240:
        return this.vsscratch;
      case 0x241:
        return this.vsepc;
      case 0x242:
        return this.vscause;
      case 0x243:
        return this.vstval;
      case 0x244:
        return BigInt((this.mip & this.hideleg & VS_INTS) >>> 1);
      case 0x24d:
        return this.vstimecmp;
      case 0x280:
        return this.vsatp;
      // hypervisor
      case 0x600:
        return this.hstatus;
      case 0x602:
        return BigInt(this.hedeleg);
      case 0x603:
        return BigInt(this.hideleg);
      case 0x604:
        return BigInt(this.mie & HIE_MASK);
      case 0x605:
        return this.htimedelta;
      case 0x606:
        return this.hcounteren;
      case 0x607:
        return 0n; // GEILEN = 0: no guest external interrupt lines
      case 0x60a:
        return this.henvcfg;
      case 0x643:
        return this.htval;
      case 0x644:
        return BigInt(this.mip & HIE_MASK);
      case 0x645:
        return BigInt(this.mipSoft & VS_INTS);
      case 0x64a:
        return this.htinst;
      case 0x680:
        return this.hgatp;
      case 0xe12:
        return 0n;
      // machine
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
        return this.withSd(this.mstatus);
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
        return this.mcounteren;
      case 0x30a:
        return this.menvcfg;
      case 0x320:
        return this.mcountinhibit;
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
      case 0x34a:
        return this.mtinst;
      case 0x34b:
        return this.mtval2;
      case 0xb00:
        return this.cycle();
      case 0xb02:
        return this.instret();
      default:
        break;
    }
    if (n === 0x3a0 || n === 0x3a2) return this.pmp.readCfg((n - 0x3a0) >> 1);
    if (n >= 0x3b0 && n <= 0x3bf) return this.pmp.addr[n - 0x3b0];
    if (n >= 0xc03 && n <= 0xc1f) return this.hpmCounter[n - 0xc00];
    if (n >= 0xb03 && n <= 0xb1f) return this.hpmCounter[n - 0xb00];
    if (n >= 0x323 && n <= 0x33f) return this.hpmEvent[n - 0x320];
    return 0n;
  }

  /** Counter values held while mcountinhibit stops them (CY = bit 0, IR = bit 2). */
  private cycleFrozen = 0;
  private instretFrozen = 0;

  private cycle(): bigint {
    return u64(this.mcountinhibit & 1n ? this.cycleFrozen : this.h.instret + this.cycleOffset);
  }

  private instret(): bigint {
    return u64(this.mcountinhibit & 4n ? this.instretFrozen : this.h.instret + this.instretOffset);
  }

  /** mcountinhibit changed: freeze counters that stop, resume those that restart from their held value. */
  private setCountInhibit(v: bigint): void {
    const was = this.mcountinhibit;
    const now = this.h.instret;
    if (!(was & 1n) && v & 1n) this.cycleFrozen = now + this.cycleOffset;
    if (was & 1n && !(v & 1n)) this.cycleOffset = this.cycleFrozen - now;
    if (!(was & 4n) && v & 4n) this.instretFrozen = now + this.instretOffset;
    if (was & 4n && !(v & 4n)) this.instretOffset = this.instretFrozen - now;
    this.mcountinhibit = v;
  }

  /** Writes CSR `n` (after `check` allowed it). */
  set(n: number, v: bigint): void {
    v &= M64;
    n = this.redirect(n);
    switch (n) {
      case 0x001:
        this.fflags = Number(v & 0x1fn);
        this.setFsDirty();
        return;
      case 0x002:
        this.frm = Number(v & 7n);
        this.setFsDirty();
        return;
      case 0x003:
        this.fflags = Number(v & 0x1fn);
        this.frm = Number((v >> 5n) & 7n);
        this.setFsDirty();
        return;
      case 0x100: {
        // QEMU 7.2: UXL is written only when the value's UXL is nonzero (then even the reserved 3 sticks).
        const mask = SSTATUS_WRITABLE | (v & UXL ? UXL : 0n);
        this.mstatus = (this.mstatus & ~mask) | (v & mask);
        this.refreshFlush();
        return;
      }
      case 0x104: {
        const mask = this.mideleg & (S_INTS | LCOFI);
        this.mie = (this.mie & ~mask) | (Number(v & 0xffffn) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x105:
        if ((v & 3n) < 2n) this.stvec = v;
        return;
      case 0x106:
        this.scounteren = v;
        return;
      case 0x10a:
        this.senvcfg = v & 0xf1n;
        return;
      case 0x140:
        this.sscratch = v;
        return;
      case 0x141:
        this.sepc = v; // QEMU 7.2 keeps bit 0 (xRET ignores it with C)
        return;
      case 0x142:
        this.scause = v;
        return;
      case 0x143:
        this.stval = v;
        return;
      case 0x144: {
        const mask = this.mideleg & ((1 << Irq.SSI) | LCOFI);
        this.mipSoft = (this.mipSoft & ~mask) | (Number(v & 0xffffn) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x14d:
        this.stimecmp = v;
        this.writeSTimer();
        return;
      case 0x180:
        if (this.validSatp(v)) {
          this.satp = v;
          this.refreshFlush();
        }
        return;
      // virtual supervisor
      case 0x200:
        if (this.h.virt) {
          const mask = SSTATUS_WRITABLE | (v & UXL ? UXL : 0n);
          this.vsstatus = (this.vsstatus & ~mask) | (v & mask);
        } else {
          // QEMU 7.2: every bit of vsstatus is written as is; UXL only when nonzero.
          this.vsstatus = v & UXL ? v : (this.vsstatus & UXL) | v;
        }
        this.refreshFlush();
        return;
      case 0x204: {
        const mask = this.hideleg & VS_INTS;
        this.mie = (this.mie & ~mask) | ((Number(v & 0xffffn) << 1) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x205:
        this.vstvec = v; // QEMU 7.2 accepts every mode here
        return;
      case 0x240:
        this.vsscratch = v;
        return;
      case 0x241:
        this.vsepc = v;
        return;
      case 0x242:
        this.vscause = v;
        return;
      case 0x243:
        this.vstval = v;
        return;
      case 0x244: {
        const mask = this.hideleg & (1 << Irq.VSSI);
        this.mipSoft = (this.mipSoft & ~mask) | ((Number(v & 0xffffn) << 1) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x24d:
        this.vstimecmp = v;
        this.writeVsTimer();
        return;
      case 0x280:
        // QEMU 7.2 stores vsatp unchecked from HS/M; satp written in VS-mode is validated.
        if (this.h.virt && !this.validSatp(v)) return;
        this.vsatp = v;
        this.refreshFlush();
        return;
      // hypervisor
      case 0x600:
        // QEMU 7.2: every bit is kept except VSBE (little-endian only) and VSXL (fixed at 64-bit).
        this.hstatus = (v & ~(H_VSBE | H_VSXL)) | (2n << 32n);
        return;
      case 0x602:
        this.hedeleg = Number(v & 0xffffffn) & HEDELEG_MASK;
        return;
      case 0x603:
        this.hideleg = Number(v & 0xffffn) & VS_INTS;
        this.h.checkInterrupts();
        return;
      case 0x604:
        this.mie = (this.mie & ~HIE_MASK) | (Number(v & 0xffffn) & HIE_MASK);
        this.h.checkInterrupts();
        return;
      case 0x605:
        // QEMU 7.2 does not re-evaluate the VS timer here; only vstimecmp writes (and the armed deadline) do.
        this.htimedelta = v;
        return;
      case 0x606:
        this.hcounteren = v;
        return;
      case 0x607:
        return;
      case 0x60a:
        this.henvcfg = v & ENVCFG_MASK;
        return;
      case 0x643:
        this.htval = v;
        return;
      case 0x644: {
        const mask = 1 << Irq.VSSI;
        this.mipSoft = (this.mipSoft & ~mask) | (Number(v & 0xffffn) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x645:
        this.mipSoft = (this.mipSoft & ~VS_INTS) | (Number(v & 0xffffn) & VS_INTS);
        this.h.checkInterrupts();
        return;
      case 0x64a:
        return; // QEMU 7.2 ignores writes of htinst
      case 0x680:
        this.hgatp = v; // QEMU 7.2 stores hgatp unchecked
        this.refreshFlush();
        return;
      // machine
      case 0x300: {
        const mask = MSTATUS_WRITABLE | (v & UXL ? UXL : 0n);
        this.mstatus = (this.mstatus & ~mask) | (v & mask);
        this.refreshFlush();
        return;
      }
      case 0x301:
        return; // misa is fixed
      case 0x302:
        this.medeleg = Number(v & 0xffffffn) & MEDELEG_MASK;
        return;
      case 0x303:
        this.mideleg = (Number(v & 0xffffn) & MIDELEG_WRITABLE) | MIDELEG_FORCED;
        this.h.checkInterrupts();
        return;
      case 0x304:
        this.mie = Number(v & 0xffffn) & MIE_MASK;
        this.h.checkInterrupts();
        return;
      case 0x305:
        if ((v & 3n) < 2n) this.mtvec = v;
        return;
      case 0x306:
        this.mcounteren = v;
        return;
      case 0x30a:
        this.menvcfg = v & ENVCFG_MASK;
        return;
      case 0x320:
        this.setCountInhibit(v);
        return;
      case 0x340:
        this.mscratch = v;
        return;
      case 0x341:
        this.mepc = v;
        return;
      case 0x342:
        this.mcause = v;
        return;
      case 0x343:
        this.mtval = v;
        return;
      case 0x344: {
        let mask = MIP_WRITABLE;
        // Sstc: with STCE the timer bits belong to stimecmp/vstimecmp.
        if (this.menvcfg & ENVCFG_STCE) mask &= ~((1 << Irq.STI) | (1 << Irq.VSTI));
        this.mipSoft = (this.mipSoft & ~mask) | (Number(v & 0xffffn) & mask);
        this.h.checkInterrupts();
        return;
      }
      case 0x34a:
        this.mtinst = v;
        return;
      case 0x34b:
        this.mtval2 = v;
        return;
      case 0xb00:
        if (this.mcountinhibit & 1n) this.cycleFrozen = num(v);
        else this.cycleOffset = num(v) - this.h.instret;
        return;
      case 0xb02:
        // As QEMU: the written value counts from this instruction, so the next
        // instruction reads it plus one (unless inhibited).
        if (this.mcountinhibit & 4n) this.instretFrozen = num(v);
        else this.instretOffset = num(v) - this.h.instret;
        return;
      default:
        break;
    }
    if (n === 0x3a0 || n === 0x3a2) {
      this.pmp.writeCfg((n - 0x3a0) >> 1, v);
      this.mmu.flush();
      return;
    }
    if (n >= 0x3b0 && n <= 0x3bf) {
      this.pmp.writeAddr(n - 0x3b0, v);
      this.mmu.flush();
      return;
    }
    if (n >= 0xb03 && n <= 0xb1f) this.hpmCounter[n - 0xb00] = v;
    else if (n >= 0x323 && n <= 0x33f) this.hpmEvent[n - 0x320] = v;
  }

  /** satp modes: Bare, Sv39, Sv48; other values leave the register unchanged (WARL). */
  private validSatp(v: bigint): boolean {
    const mode = Number(v >> 60n);
    return mode === 0 || mode === 8 || mode === 9;
  }

  // ---- traps ----

  /**
   * Enters the trap handler for `cause` raised at `pc`; returns the handler pc.
   * Routing: to M unless medeleg/mideleg delegates it from S/U; a delegated
   * trap from VS/VU goes to VS when hedeleg/hideleg delegates it too, else to
   * HS. `interrupt` traps take their code from `interruptToTake`.
   */
  enterTrap(cause: number, interrupt: boolean, tval: number | bigint, pc: number): number {
    const h = this.h;
    const from = h.priv;
    const fromVirt = h.virt;
    if (!interrupt && cause === Cause.EcallS && fromVirt) cause = Cause.EcallVS;
    const tv = typeof tval === 'bigint' ? tval & M64 : u64(tval);
    // Address exceptions of a guest-virtual address set GVA (data accesses
    // under MPRV with MPV translate as the guest too).
    let gva = false;
    if (!interrupt && cause < 32 && (ADDRESS_CAUSES >>> cause) & 1) {
      if (this.trapGvaForce) gva = true;
      else if (fromVirt) gva = true;
      else if ((DATA_CAUSES >>> cause) & 1 && from === PRIV_M && this.mprv && this.mpv && this.mpp !== PRIV_M) gva = true;
    }
    const guestFault = !interrupt && (cause === Cause.InsnGuestPageFault || cause === Cause.LoadGuestPageFault || cause === Cause.StoreGuestPageFault);
    const gpa2 = guestFault ? u64(Math.floor(this.trapGpa / 4)) : 0n;
    const tinst = guestFault ? this.trapTinst : 0n;
    this.trapGpa = 0;
    this.trapGvaForce = false;
    this.trapTinst = 0n;
    const deleg = interrupt ? this.mideleg : this.medeleg;
    // A trap headed for M-mode may be taken by host code instead (the built-in
    // firmware, a VMM): it returns the pc to continue at, or undefined to let
    // the trap reach the guest's own M-mode.
    if (this.machineHook !== undefined && !(from <= PRIV_S && cause < 32 && ((deleg >>> cause) & 1) === 1)) {
      const next = this.machineHook(cause, interrupt, tv, pc);
      if (next !== undefined) return next;
    }
    let target: bigint;
    let to: number;
    let toVirt = false;
    let code = cause;
    const causeBit = interrupt ? 1n << 63n : 0n;
    const fromS = from === PRIV_S ? 1n : 0n;
    if (from <= PRIV_S && cause < 32 && ((deleg >>> cause) & 1) === 1) {
      const hdeleg = interrupt ? this.hideleg : this.hedeleg;
      if (fromVirt && ((hdeleg >>> cause) & 1) === 1) {
        // Into VS-mode: the guest sees VS interrupts as its S interrupts.
        // QEMU 7.2 applies this renumbering to exceptions too, so an illegal
        // instruction (2) reaches VS as cause 1 and a store misaligned (6) as 5.
        if (cause === Irq.VSSI || cause === Irq.VSTI || cause === Irq.VSEI) code = cause - 1;
        this.vscause = causeBit | BigInt(code);
        this.vsepc = u64(pc);
        this.vstval = tv;
        let s = this.vsstatus & ~(SPP | SPIE | SIE);
        if (this.vsstatus & SIE) s |= SPIE;
        s |= fromS << 8n;
        this.vsstatus = s;
        to = PRIV_S;
        toVirt = true;
        target = this.vstvec;
      } else {
        let hs = this.hstatus;
        if (fromVirt) hs = (hs & ~(H_SPVP | H_SPV)) | (fromS << 8n) | H_SPV;
        else hs &= ~H_SPV;
        hs = gva ? hs | H_GVA : hs & ~H_GVA;
        this.hstatus = hs;
        this.htval = gpa2;
        this.htinst = tinst; // QEMU 7.2: only the pseudo-instruction of an implicit page-table load
        this.scause = causeBit | BigInt(code);
        this.sepc = u64(pc);
        this.stval = tv;
        let m = this.mstatus & ~(SPP | SPIE | SIE);
        if (this.mstatus & SIE) m |= SPIE;
        m |= fromS << 8n;
        this.mstatus = m;
        to = PRIV_S;
        target = this.stvec;
      }
    } else {
      let m = this.mstatus & ~(MPP | MPIE | MIE | MPV);
      if (this.mstatus & MIE) m |= MPIE;
      m |= BigInt(from) << 11n;
      if (fromVirt) m |= MPV;
      // QEMU 7.2: GVA is set by any trap from V=1 with a nonzero tval (not only
      // address faults) and is never cleared by a trap.
      if (fromVirt && tv !== 0n) m |= GVA;
      this.mstatus = m;
      this.mtval2 = gpa2;
      this.mtinst = tinst;
      this.mcause = causeBit | BigInt(code);
      this.mepc = u64(pc);
      this.mtval = tv;
      to = PRIV_M;
      target = this.mtvec;
    }
    h.priv = to;
    h.virt = toVirt;
    let handler = num(target & ~3n);
    if (interrupt && (target & 3n) === 1n) handler += 4 * code;
    this.refresh();
    if (this.onTrap) {
      const e: TrapEvent = {
        v: 1,
        kind: interrupt ? 'interrupt' : 'trap',
        hart: h.hartId,
        seq: ++this.seq,
        instret: h.instret,
        cause: code,
        name: causeName(code, interrupt),
        tval: tv,
        from: { priv: from, virt: fromVirt },
        to: { priv: to, virt: toVirt },
        epc: u64(pc),
        handler: u64(handler),
      };
      if (!interrupt && (code === Cause.IllegalInsn || code === Cause.VirtualInsn)) e.insn = Number(tv & 0xffffffffn);
      if (to === PRIV_S && !toVirt) {
        e.htval = gpa2;
        e.htinst = tinst;
      } else if (to === PRIV_M) {
        e.tval2 = gpa2;
        e.htinst = tinst;
      }
      this.onTrap(e);
    }
    return handler;
  }

  private emitReturn(insn: 'mret' | 'sret', pc: number, from: number, fromVirt: boolean, target: number): void {
    const h = this.h;
    this.onTrap!({
      v: 1,
      kind: 'return',
      hart: h.hartId,
      seq: ++this.seq,
      instret: h.instret,
      cause: -1,
      name: insn,
      tval: 0n,
      from: { priv: from, virt: fromVirt },
      to: { priv: h.priv, virt: h.virt },
      epc: u64(pc),
      handler: u64(target),
    });
  }

  /** Why the last mret/sret was refused (valid when it returned undefined). */
  denied: number = Cause.IllegalInsn;

  private refuse(cause: number): undefined {
    this.denied = cause;
    return undefined;
  }

  /** `mret`: returns the new pc, or undefined when it must trap instead (cause in `denied`). */
  mret(pc: number): number | undefined {
    const h = this.h;
    if (h.priv !== PRIV_M) return this.refuse(Cause.IllegalInsn);
    const m = this.mstatus;
    const to = Number((m >> 11n) & 3n);
    // QEMU 7.2: returning below M while no PMP entry is enabled is an illegal instruction.
    if (to !== PRIV_M && !this.pmp.active) return this.refuse(Cause.IllegalInsn);
    const toVirt = (m & MPV) !== 0n && to !== PRIV_M;
    let n = m & ~(MIE | MPP | MPV);
    if (m & MPIE) n |= MIE;
    n |= MPIE;
    if (to !== PRIV_M) n &= ~MPRV;
    this.mstatus = n;
    h.priv = to;
    h.virt = toVirt;
    const target = num(this.mepc & ~1n);
    this.refresh();
    if (this.onTrap) this.emitReturn('mret', pc, PRIV_M, false, target);
    return target;
  }

  /**
   * `sret`: returns the new pc, or undefined (cause in `denied`). QEMU 7.2: illegal below S
   * (VU included), illegal with mstatus.TSR in S or VS, virtual instruction
   * with hstatus.VTSR in VS.
   */
  sret(pc: number): number | undefined {
    const h = this.h;
    const from = h.priv;
    const fromVirt = h.virt;
    if (from < PRIV_S) return this.refuse(Cause.IllegalInsn);
    if (from === PRIV_S && this.mstatus & TSR) return this.refuse(Cause.IllegalInsn);
    if (fromVirt && this.hstatus & H_VTSR) return this.refuse(Cause.VirtualInsn);
    let target: number;
    if (!fromVirt) {
      const m = this.mstatus;
      const to = m & SPP ? PRIV_S : PRIV_U;
      const toVirt = (this.hstatus & H_SPV) !== 0n;
      this.hstatus &= ~H_SPV;
      let n = m & ~(SIE | SPP | MPRV);
      if (m & SPIE) n |= SIE;
      n |= SPIE;
      this.mstatus = n;
      h.priv = to;
      h.virt = toVirt;
      target = num(this.sepc & ~1n);
    } else {
      const s = this.vsstatus;
      const to = s & SPP ? PRIV_S : PRIV_U;
      let n = s & ~(SIE | SPP);
      if (s & SPIE) n |= SIE;
      n |= SPIE;
      this.vsstatus = n;
      h.priv = to;
      target = num(this.vsepc & ~1n);
    }
    this.refresh();
    if (this.onTrap) this.emitReturn('sret', pc, from, fromVirt, target);
    return target;
  }

  /** `wfi` (QEMU 7.2): -1 when allowed, else the cause. S/VS with TW and
   * U are illegal; VU, and VS with VTW, raise a virtual-instruction fault. */
  wfiCheck(): number {
    const h = this.h;
    const p = h.priv;
    if ((p === PRIV_S && this.mstatus & TW) || (p === PRIV_U && !h.virt)) return Cause.IllegalInsn;
    if (h.virt && (p === PRIV_U || this.hstatus & H_VTW)) return Cause.VirtualInsn;
    return -1;
  }

  /** `sfence.vma` (QEMU 7.2): illegal below S (VU included) or in S/VS with TVM; virtual in VS with VTVM. */
  sfenceCheck(): number {
    const h = this.h;
    if (h.priv < PRIV_S || (h.priv === PRIV_S && this.mstatus & TVM)) return Cause.IllegalInsn;
    if (h.virt && this.hstatus & H_VTVM) return Cause.VirtualInsn;
    return -1;
  }

  /** `hfence.vvma` / `hfence.gvma` (QEMU 7.2): virtual in VS, illegal in U and VU, gvma illegal in HS with TVM. */
  hfenceCheck(gvma: boolean): number {
    const h = this.h;
    if (h.priv === PRIV_S && h.virt) return Cause.VirtualInsn;
    if (h.priv === PRIV_M) return -1;
    if (h.priv === PRIV_S) return gvma && this.mstatus & TVM ? Cause.IllegalInsn : -1;
    return Cause.IllegalInsn;
  }

  /** Hypervisor loads/stores: allowed in M and HS, and in U with hstatus.HU; virtual in VS/VU. */
  hlsvCheck(): number {
    const h = this.h;
    if (h.priv === PRIV_M) return -1;
    if (h.virt) return Cause.VirtualInsn;
    if (h.priv === PRIV_U && !(this.hstatus & H_HU)) return Cause.IllegalInsn;
    return -1;
  }

  /** The privilege hypervisor loads/stores act at (hstatus.SPVP: VS or VU). */
  get spvp(): number {
    return this.hstatus & H_SPVP ? PRIV_S : PRIV_U;
  }

  /** Interrupts pending and enabled regardless of the global enables (what wakes wfi). */
  pendingEnabled(): number {
    return this.mip & this.mie;
  }

  /**
   * The interrupt to take now (its mip bit number), or -1. Levels are checked
   * M, then HS, then VS; within a level QEMU 7.2 (no AIA) takes the
   * lowest-numbered pending interrupt, not the specification's order.
   */
  interruptToTake(): number {
    const pending = this.mip & this.mie;
    if (pending === 0) return -1;
    const h = this.h;
    const p = h.priv;
    let mEn: boolean;
    let hsEn: boolean;
    let vsEn: boolean;
    if (h.virt) {
      mEn = true;
      hsEn = true;
      vsEn = p < PRIV_S || (this.vsstatus & SIE) !== 0n;
    } else {
      mEn = p < PRIV_M || (this.mstatus & MIE) !== 0n;
      hsEn = p < PRIV_S || (p === PRIV_S && (this.mstatus & SIE) !== 0n);
      vsEn = false;
    }
    let set = mEn ? pending & ~this.mideleg : 0;
    if (set === 0 && hsEn) set = pending & this.mideleg & ~this.hideleg;
    if (set === 0 && vsEn) set = pending & this.mideleg & this.hideleg;
    return set === 0 ? -1 : lowestBit(set);
  }
}

export type { TrapEvent };
