/**
 * Physical memory protection: 16 entries (pmpcfg0/pmpcfg2, pmpaddr0..15) with
 * OFF/TOR/NA4/NAPOT matching and the lock bit, following QEMU 7.2:
 *  - pmpcfg bytes are stored as written (7.2 keeps reserved bits and the
 *    reserved R=0/W=1 combination);
 *  - with no entry enabled every access is allowed, in every mode;
 *  - an access partly inside an entry fails; the first entry matching the
 *    whole access decides; M-mode obeys only locked entries; with no match
 *    M-mode is allowed and S/U-mode denied;
 *  - a fetch is checked from its address to the end of its page (QEMU checks
 *    instruction fetches as a whole-page-rest access).
 */
import { PRIV_M } from './hart';

export const PMP_ENTRIES = 16;
const LOCK = 0x80;
const A_TOR = 1;
const A_NA4 = 2;
const A_NAPOT = 3;
const M64 = (1n << 64n) - 1n;

export class Pmp {
  readonly cfg = new Uint8Array(PMP_ENTRIES);
  readonly addr = new Array<bigint>(PMP_ENTRIES).fill(0n);
  /** Decoded ranges [lo, hi] (inclusive byte addresses). */
  private readonly lo = new Float64Array(PMP_ENTRIES);
  private readonly hi = new Float64Array(PMP_ENTRIES);
  /** Some entry is enabled (A != OFF): S/U accesses must be checked. */
  active = false;
  /** Some enabled entry is locked: M-mode accesses must be checked too. */
  lockedActive = false;

  /** Called after any change (the hart re-derives its fast paths). */
  onChange: () => void = () => {};

  readCfg(reg: number): bigint {
    let v = 0n;
    for (let b = 7; b >= 0; b--) v = (v << 8n) | BigInt(this.cfg[reg * 8 + b]);
    return v;
  }

  /** pmpcfg0 (reg 0) / pmpcfg2 (reg 1): eight entry bytes each; locked entries keep theirs. */
  writeCfg(reg: number, v: bigint): void {
    for (let b = 0; b < 8; b++) {
      const i = reg * 8 + b;
      if (this.cfg[i] & LOCK) continue;
      this.cfg[i] = Number((v >> BigInt(8 * b)) & 0xffn);
    }
    this.update();
  }

  writeAddr(i: number, v: bigint): void {
    // A locked entry keeps its address, and so does the entry below a locked TOR entry (its top bound).
    if (i + 1 < PMP_ENTRIES && this.cfg[i + 1] & LOCK && ((this.cfg[i + 1] >> 3) & 3) === A_TOR) return;
    if (this.cfg[i] & LOCK) return;
    this.addr[i] = v & ((1n << 54n) - 1n);
    this.update();
  }

  private update(): void {
    let active = false;
    let locked = false;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const a = (this.cfg[i] >> 3) & 3;
      let lo = 0n;
      let hi = 0n;
      const addr = this.addr[i];
      if (a === A_TOR) {
        const prev = i > 0 ? this.addr[i - 1] : 0n;
        lo = (prev << 2n) & M64;
        hi = ((addr << 2n) - 1n) & M64;
        if (lo > hi) lo = hi = 0n;
      } else if (a === A_NA4) {
        lo = (addr << 2n) & M64;
        hi = lo + 3n;
      } else if (a === A_NAPOT) {
        // Trailing ones in pmpaddr give the size: k ones = 2^(k+3) bytes.
        let k = 0n;
        while (k < 64n && (addr >> k) & 1n) k++;
        lo = ((addr & ~((1n << k) - 1n)) << 2n) & M64;
        hi = lo + (1n << (k + 3n)) - 1n;
      }
      this.lo[i] = Number(lo);
      this.hi[i] = Number(hi);
      if (a !== 0) {
        active = true;
        if (this.cfg[i] & LOCK) locked = true;
      }
    }
    this.active = active;
    this.lockedActive = locked;
    this.onChange();
  }

  /** Whether accesses at privilege `priv` need checking at all. */
  checks(priv: number): boolean {
    return priv === PRIV_M ? this.lockedActive : this.active;
  }

  /**
   * True when an access of `size` bytes at physical `pa` with permission
   * `perm` (1 read, 2 write, 4 execute) is allowed at privilege `priv`.
   */
  allows(pa: number, size: number, perm: number, priv: number): boolean {
    if (!this.active) return true;
    if (perm === 4) size = 4096 - (pa % 4096);
    const last = pa + size - 1;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const cfg = this.cfg[i];
      const lo = this.lo[i];
      const hi = this.hi[i];
      const s = pa >= lo && pa <= hi;
      const e = last >= lo && last <= hi;
      if (s !== e) return false; // partly inside
      if (!s || ((cfg >> 3) & 3) === 0) continue;
      if (priv === PRIV_M && !(cfg & LOCK)) return true;
      return (cfg & perm) === perm;
    }
    return priv === PRIV_M;
  }

  /**
   * True when every access with `perm` anywhere in the 4 KiB page at `base`
   * is allowed at `priv` — the condition for caching the page's translation.
   * Stricter than `allows` (which, like QEMU, only looks at an access's first
   * and last byte): any entry overlapping the page only in part disqualifies it.
   */
  pageAllows(base: number, perm: number, priv: number): boolean {
    if (!this.active) return true;
    const last = base + 4095;
    for (let i = 0; i < PMP_ENTRIES; i++) {
      const cfg = this.cfg[i];
      if (((cfg >> 3) & 3) === 0) continue;
      const lo = this.lo[i];
      const hi = this.hi[i];
      if (last < lo || base > hi) continue;
      if (base < lo || last > hi) return false;
      if (priv === PRIV_M && !(cfg & LOCK)) return true;
      return (cfg & perm) === perm;
    }
    return priv === PRIV_M;
  }
}
