/**
 * SiFive test finisher (QEMU `virt` at 0x10_0000): a 32-bit write of 0x5555
 * ends the run with exit code 0, (code << 16) | 0x3333 with `code`, 0x7777
 * requests a reset. Other values are ignored, as in QEMU.
 */
import type { MmioDevice } from '../mem/bus';

export type FinisherEvent = { kind: 'exit'; code: number } | { kind: 'reset' };

export class TestFinisher implements MmioDevice {
  readonly name = 'sifive-test';
  readonly size = 0x1000;
  constructor(readonly base: number, private readonly onEvent: (e: FinisherEvent) => void) {}

  read(_offset: number, size: number, out: Int32Array): boolean {
    if (size < 2 || size > 4) return false;
    out[0] = 0;
    out[1] = 0;
    return true;
  }

  write(offset: number, size: number, lo: number): boolean {
    if (size < 2 || size > 4) return false;
    if (offset !== 0) return true;
    const status = lo & 0xffff;
    const code = (lo >>> 16) & 0xffff;
    if (status === 0x5555) this.onEvent({ kind: 'exit', code: 0 });
    else if (status === 0x3333) this.onEvent({ kind: 'exit', code });
    else if (status === 0x7777) this.onEvent({ kind: 'reset' });
    return true;
  }
}
