/**
 * Address translation: Sv39/Sv48 for S/U, and with the hypervisor extension
 * the two-stage translation of VS/VU accesses (VS-stage through vsatp, then
 * G-stage through hgatp, whose Sv39x4/Sv48x4 tables also translate the
 * guest's own page-table reads). Physical memory protection is applied to
 * the final address and to every page-table read.
 *
 * A small software TLB (direct-mapped, per access type) caches the
 * virtual-page → physical-page result. Entries are tagged by the virtual page
 * and by a context number combining the privilege, V and a generation that
 * any translation-relevant change (satp/vsatp/hgatp writes, fences, mstatus
 * SUM/MXR, vsstatus) bumps, which invalidates every entry at once.
 *
 * Results: a physical address (>= 0), or -(cause + 1) for the fault to raise;
 * for guest-page faults `faultGpa` holds the guest physical address.
 */
import { Cause } from './causes';
import type { CsrState } from './csr-state';
import type { Hart } from './hart';
import { PRIV_M, PRIV_S, PRIV_U } from './hart';
import type { Pmp } from './pmp';

/** Access types: fetch, load, store. */
export const ACC_FETCH = 0;
export const ACC_LOAD = 1;
export const ACC_STORE = 2;

const TLB_BITS = 8;
const TLB_SIZE = 1 << TLB_BITS;
const TLB_MASK = TLB_SIZE - 1;
/** Physical addresses are 56 bits. */
const PA_LIMIT = 2 ** 56;

const PAGE_FAULT = [Cause.InsnPageFault, Cause.LoadPageFault, Cause.StorePageFault];
const GUEST_FAULT = [Cause.InsnGuestPageFault, Cause.LoadGuestPageFault, Cause.StoreGuestPageFault];
const ACCESS_FAULT = [Cause.InsnAccessFault, Cause.LoadAccessFault, Cause.StoreAccessFault];
/** PMP permission bit per access type. */
const PERM = [4, 1, 2];

export class Mmu {
  private readonly tag = new Float64Array(3 * TLB_SIZE);
  private readonly ctxTag = new Int32Array(3 * TLB_SIZE).fill(-1);
  private readonly base = new Float64Array(3 * TLB_SIZE);
  private gen = 0;
  /** Guest physical address of the last guest-page fault. */
  faultGpa = 0;
  /** The last fault happened on the guest's page-table read (an implicit access). */
  faultImplicit = false;

  constructor(
    private readonly h: Hart,
    private readonly c: CsrState,
    private readonly pmp: Pmp,
  ) {}

  /** Forgets every cached translation. */
  flush(): void {
    this.h.invalidatePageCaches();
    this.gen = (this.gen + 1) & 0x3ffffff;
    if (this.gen === 0) this.ctxTag.fill(-1);
  }

  /** Translates a fetch (access 0) or data access (1 load, 2 store) of the
   * current mode (MPRV applies to data). */
  translate(va: number, access: number, size: number): number {
    const c = this.c;
    let priv = this.h.priv;
    let virt = this.h.virt;
    if (access !== ACC_FETCH && priv === PRIV_M && c.mprv) {
      priv = c.mpp;
      virt = c.mpv && priv !== PRIV_M;
    }
    const ctx = this.gen * 8 + priv * 2 + (virt ? 1 : 0);
    const vpn = Math.floor(va / 4096);
    // Hash the page number so pages 1 MiB apart (user code, user stack, kernel) do not collide.
    const i = access * TLB_SIZE + ((vpn ^ (vpn >>> 8) ^ (vpn >>> 16)) & TLB_MASK);
    let pa: number;
    if (this.tag[i] === vpn && this.ctxTag[i] === ctx) {
      pa = this.base[i] + (va - vpn * 4096);
    } else {
      pa = this.walk(va, access, priv, virt, false);
      if (pa < 0) return pa;
      this.tag[i] = vpn;
      this.ctxTag[i] = ctx;
      this.base[i] = pa - (va - vpn * 4096);
    }
    if (this.pmp.active && this.pmp.checks(priv) && !this.pmp.allows(pa, size, PERM[access], priv)) return -(ACCESS_FAULT[access] + 1);
    return pa;
  }

  /**
   * Full translation of `va` for an access at `priv`/`virt`, uncached
   * (hypervisor loads/stores use it directly). `hlvx` requires execute
   * permission in place of read permission at both stages.
   */
  walk(va: number, access: number, priv: number, virt: boolean, hlvx: boolean): number {
    const c = this.c;
    this.faultImplicit = false;
    if (!virt) {
      if (priv === PRIV_M || c.satpMode === 0) {
        if (va < 0 || va >= PA_LIMIT) return -(ACCESS_FAULT[access] + 1);
        return va;
      }
      const sum = (c.mstatusNum & SUM_BIT) !== 0;
      const mxr = (c.mstatusNum & MXR_BIT) !== 0;
      return this.stage1(va, access, priv, c.satpMode, c.satpPpn, sum, mxr, false, hlvx);
    }
    let gpa: number;
    const vmode = c.vsatpMode;
    if (vmode !== 8 && vmode !== 9) {
      // Bare VS-stage (and, as QEMU would not, other modes: see csr-state).
      gpa = va < 0 ? va + 2 ** 64 : va;
    } else {
      const sum = (c.vsstatusNum & SUM_BIT) !== 0;
      const mxr = ((c.vsstatusNum | c.mstatusNum) & MXR_BIT) !== 0;
      gpa = this.stage1(va, access, priv, vmode, c.vsatpPpn, sum, mxr, true, hlvx);
      if (gpa < 0) return gpa;
    }
    return this.gstage(gpa, access, hlvx);
  }

  /** One VS- or single-stage walk; PTE reads go through the G-stage when `two`. */
  private stage1(va: number, access: number, priv: number, mode: number, rootPpn: number, sum: boolean, mxr: boolean, two: boolean, hlvx: boolean): number {
    const levels = mode === 8 ? 3 : 4;
    const pageFault = -(PAGE_FAULT[access] + 1);
    const accessFault = -(ACCESS_FAULT[access] + 1);
    const limit = 2 ** (11 + 9 * levels);
    if (va >= limit || va < -limit) return pageFault;
    const uva = va < 0 ? va + 2 * limit : va;
    const bus = this.h.bus;
    const t = this.h.tmp;
    let table = rootPpn * 4096;
    for (let level = levels - 1; level >= 0; level--) {
      const vpn = Math.floor(uva / 2 ** (12 + 9 * level)) % 512;
      let pteAddr = table + vpn * 8;
      if (two) {
        // The guest's page-table read is itself a guest physical access.
        const hpa = this.gstage(pteAddr, ACC_LOAD, false);
        if (hpa < 0) return this.pteGuestFault(hpa, access);
        pteAddr = hpa;
      }
      if (this.pmp.active && !this.pmp.allows(pteAddr, 8, 1, PRIV_S)) return accessFault;
      if (!bus.read(pteAddr, 8, t)) return accessFault;
      const lo = t[0];
      const hi = t[1];
      if (!(lo & 1) || (lo & 6) === 4) return pageFault;
      // Bits 63:54 (N, PBMT, reserved) must be zero without Svnapot/Svpbmt.
      if (hi >>> 22) return pageFault;
      const ppn = (hi & 0x3fffff) * 4194304 + (lo >>> 10);
      if ((lo & 0xa) === 0) {
        if (level === 0) return pageFault;
        if (lo & 0xd0) return pageFault; // D, A, U must be clear on non-leaf PTEs
        table = ppn * 4096;
        continue;
      }
      const u = lo & 16;
      if (priv === PRIV_U && !u) return pageFault;
      if (priv === PRIV_S && u && (access === ACC_FETCH || !sum)) return pageFault;
      if (!permits(lo, access, mxr, hlvx)) return pageFault;
      const span = 2 ** (9 * level);
      if (ppn % span !== 0) return pageFault; // misaligned superpage
      const needed = 0x40 | (access === ACC_STORE ? 0x80 : 0);
      if ((lo & needed) !== needed) {
        if (!bus.write(pteAddr, 4, lo | needed, 0)) return accessFault;
      }
      return ppn * 4096 + (uva % (span * 4096));
    }
    return pageFault;
  }

  /**
   * A G-stage failure while reading a VS-stage PTE. QEMU 7.2 reports it as a
   * load guest-page fault whatever the original access (fetch and store
   * included), with htval the PTE's guest physical address (set by gstage)
   * and the implicit-load pseudo-instruction in htinst/mtinst; access faults
   * stay access faults of the original type.
   */
  private pteGuestFault(code: number, access: number): number {
    const cause = -code - 1;
    if (cause === Cause.InsnGuestPageFault || cause === Cause.LoadGuestPageFault || cause === Cause.StoreGuestPageFault) {
      this.faultImplicit = true;
      return -(Cause.LoadGuestPageFault + 1);
    }
    return -(ACCESS_FAULT[access] + 1);
  }

  /** G-stage (hgatp) translation of guest physical `gpa`. */
  private gstage(gpa: number, access: number, hlvx: boolean): number {
    const c = this.c;
    const mode = c.hgatpMode;
    const guestFault = -(GUEST_FAULT[access] + 1);
    const accessFault = -(ACCESS_FAULT[access] + 1);
    if (mode !== 8 && mode !== 9) {
      if (gpa >= PA_LIMIT) return accessFault;
      return gpa;
    }
    const levels = mode === 8 ? 3 : 4;
    const bits = 14 + 9 * levels; // Sv39x4: 41, Sv48x4: 50
    if (gpa >= 2 ** bits) {
      this.faultGpa = gpa;
      return guestFault;
    }
    const bus = this.h.bus;
    const t = this.h.tmp;
    let table = c.hgatpPpn * 4096;
    const mxr = (c.mstatusNum & MXR_BIT) !== 0;
    for (let level = levels - 1; level >= 0; level--) {
      const shift = 2 ** (12 + 9 * level);
      const vpn = Math.floor(gpa / shift) % (level === levels - 1 ? 2048 : 512);
      const pteAddr = table + vpn * 8;
      if (this.pmp.active && !this.pmp.allows(pteAddr, 8, 1, PRIV_S)) return accessFault;
      if (!bus.read(pteAddr, 8, t)) return accessFault;
      const lo = t[0];
      const hi = t[1];
      this.faultGpa = gpa;
      if (!(lo & 1) || (lo & 6) === 4) return guestFault;
      if (hi >>> 22) return guestFault;
      const ppn = (hi & 0x3fffff) * 4194304 + (lo >>> 10);
      if ((lo & 0xa) === 0) {
        if (level === 0) return guestFault;
        if (lo & 0xd0) return guestFault;
        table = ppn * 4096;
        continue;
      }
      // G-stage accesses are checked as user-mode accesses.
      if (!(lo & 16)) return guestFault;
      if (!permits(lo, access, mxr, hlvx)) return guestFault;
      const span = 2 ** (9 * level);
      if (ppn % span !== 0) return guestFault;
      const needed = 0x40 | (access === ACC_STORE ? 0x80 : 0);
      if ((lo & needed) !== needed) {
        if (!bus.write(pteAddr, 4, lo | needed, 0)) return accessFault;
      }
      return ppn * 4096 + (gpa % (span * 4096));
    }
    return guestFault;
  }
}

const SUM_BIT = 1 << 18;
const MXR_BIT = 1 << 19;

function permits(pte: number, access: number, mxr: boolean, hlvx: boolean): boolean {
  if (access === ACC_FETCH || hlvx) return (pte & 8) !== 0;
  if (access === ACC_LOAD) return (pte & 2) !== 0 || (mxr && (pte & 8) !== 0);
  return (pte & 4) !== 0;
}

export { PRIV_M, PRIV_U };
