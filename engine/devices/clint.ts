/**
 * Core-local interruptor (SiFive CLINT / ACLINT layout, QEMU `virt` at
 * 0x0200_0000): msip per hart at +0, mtimecmp per hart at +0x4000, mtime at
 * +0xbff8. Time is virtual: `now()` derives mtime from retired instructions,
 * so runs are deterministic.
 */
import type { MmioDevice } from '../mem/bus';

export interface ClintHarts {
  /** Sets or clears MSIP of a hart. */
  setSoftware(hart: number, level: boolean): void;
  /** mtimecmp of a hart changed: the machine re-evaluates MTIP and its next event. */
  timerChanged(hart: number): void;
}

export class Clint implements MmioDevice {
  readonly name = 'clint';
  readonly size = 0x10000;
  readonly msip: Uint8Array;
  /** mtimecmp per hart as lo/hi pairs (unsigned halves). */
  readonly mtimecmp: Float64Array;

  constructor(
    readonly base: number,
    readonly numHarts: number,
    private readonly now: () => number,
    private readonly harts: ClintHarts,
  ) {
    this.msip = new Uint8Array(numHarts);
    // QEMU resets mtimecmp to 0? No: to all-ones would be "never"; QEMU's ACLINT
    // resets timecmp to 0, so MTIP is set at reset once mtime >= 0 — guests
    // write mtimecmp before enabling MTIE. Keep QEMU's value.
    this.mtimecmp = new Float64Array(numHarts);
  }

  read(offset: number, size: number, out: Int32Array): boolean {
    out[1] = 0;
    if (offset < 0x4000) {
      const hart = offset >> 2;
      if (hart >= this.numHarts || size !== 4 || offset & 3) return size === 4 ? ((out[0] = 0), true) : false;
      out[0] = this.msip[hart];
      return true;
    }
    if (offset >= 0x4000 && offset < 0xbff8) {
      const rel = offset - 0x4000;
      const hart = rel >> 3;
      if (hart >= this.numHarts) {
        out[0] = 0;
        return true;
      }
      return this.read64(this.mtimecmp[hart], rel & 7, size, out);
    }
    if (offset >= 0xbff8 && offset < 0xc000) return this.read64(this.now(), offset - 0xbff8, size, out);
    out[0] = 0;
    return true;
  }

  private read64(value: number, byteOff: number, size: number, out: Int32Array): boolean {
    const lo = value % 4294967296 | 0;
    const hi = Math.floor(value / 4294967296) | 0;
    if (size === 8 && byteOff === 0) {
      out[0] = lo;
      out[1] = hi;
    } else if (size === 4 && byteOff === 0) out[0] = lo;
    else if (size === 4 && byteOff === 4) out[0] = hi;
    else return false;
    return true;
  }

  write(offset: number, size: number, lo: number, hi: number): boolean {
    if (offset < 0x4000) {
      const hart = offset >> 2;
      if (size !== 4 || offset & 3) return false;
      if (hart < this.numHarts) {
        this.msip[hart] = lo & 1;
        this.harts.setSoftware(hart, (lo & 1) === 1);
      }
      return true;
    }
    if (offset >= 0x4000 && offset < 0xbff8) {
      const rel = offset - 0x4000;
      const hart = rel >> 3;
      if (hart >= this.numHarts) return true;
      const cur = this.mtimecmp[hart];
      let clo = cur % 4294967296;
      let chi = Math.floor(cur / 4294967296);
      if (size === 8 && (rel & 7) === 0) {
        clo = lo >>> 0;
        chi = hi >>> 0;
      } else if (size === 4 && (rel & 7) === 0) clo = lo >>> 0;
      else if (size === 4 && (rel & 7) === 4) chi = lo >>> 0;
      else return false;
      // Values past 2^53 are "never" for any run this engine can make.
      this.mtimecmp[hart] = chi >= 0x200000 ? Number.MAX_SAFE_INTEGER : chi * 4294967296 + clo;
      this.harts.timerChanged(hart);
      return true;
    }
    // mtime is read-only here: virtual time is a function of retired instructions.
    return true;
  }
}
