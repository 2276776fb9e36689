/**
 * Host-target interface of QEMU's `spike` machine: the guest writes a 64-bit
 * command to its `tohost` symbol. (value << 1) | 1 ends the run with exit code
 * `value`; device 1 command 1 prints the low byte; the host then clears
 * tohost (and acknowledges console output in fromhost), as QEMU does.
 * Addresses come from the ELF's symbols, never hard-coded.
 */
import type { Bus } from '../mem/bus';

export class Htif {
  constructor(
    private readonly bus: Bus,
    readonly tohost: number,
    readonly fromhost: number | undefined,
    private readonly putChar: (byte: number) => void,
    private readonly exit: (code: number) => void,
  ) {
    bus.addWriteHook(tohost, 8, (off, size) => this.onWrite(off, size));
  }

  private onWrite(off: number, size: number): void {
    const t = this.tohost - this.bus.ramBase;
    if (off + size <= t || off >= t + 8) return;
    // QEMU acts when the high word is written (a 64-bit store, or the second
    // of two 32-bit stores).
    if (off + size < t + 8) return;
    const r = this.bus.ram32;
    const lo = r[t >> 2] >>> 0;
    const hi = r[(t >> 2) + 1] >>> 0;
    if (lo === 0 && hi === 0) return;
    const device = hi >>> 24;
    const cmd = (hi >>> 16) & 0xff;
    if (device === 0 && cmd === 0) {
      if (lo & 1) {
        // payload >> 1 is the exit code (payload is 48 bits; codes are small)
        const payload = (hi & 0xffff) * 4294967296 + lo;
        this.exit(Math.floor(payload / 2));
      }
      // other syscall-proxy requests are not supported; clear so the guest goes on
    } else if (device === 1 && cmd === 1) {
      this.putChar(lo & 0xff);
      if (this.fromhost !== undefined) this.bus.write(this.fromhost, 8, 0x100 | (lo & 0xff), (1 << 24) | (1 << 16));
    }
    r[t >> 2] = 0;
    r[(t >> 2) + 1] = 0;
  }
}
