/**
 * QEMU's mask ROM at 0x1000: the reset vector every hart starts at, followed
 * by the `fw_dynamic_info` block OpenSBI's fw_dynamic reads. Running the same
 * six reset instructions as QEMU gives the guest the same entry registers
 * (a0 = hart id, a1 = device-tree address, a2 = &fw_dynamic_info) and the same
 * counter values. Writes are ignored, as QEMU ignores writes to ROM.
 */
import type { MmioDevice } from '../mem/bus';

export const MROM_BASE = 0x1000;
const FW_DYNAMIC_MAGIC = 0x4942534f; // "OSBI"
const FW_DYNAMIC_VERSION = 2;
const NEXT_MODE_S = 1;

export class MaskRom implements MmioDevice {
  readonly name = 'mrom';
  readonly base = MROM_BASE;
  readonly size = 0xf000;
  private readonly bytes = new Uint8Array(this.size);

  /** Writes the reset vector that jumps to `start` with `fdt` in a1. */
  program(start: number, fdt: number, nextAddr: number): void {
    const words = [
      0x00000297, // auipc t0, 0
      0x02828613, // addi  a2, t0, 40   (&fw_dynamic_info)
      0xf1402573, // csrr  a0, mhartid
      0x0202b583, // ld    a1, 32(t0)   (fdt address)
      0x0182b283, // ld    t0, 24(t0)   (start address)
      0x00028067, // jr    t0
      start % 2 ** 32, Math.floor(start / 2 ** 32),
      fdt % 2 ** 32, Math.floor(fdt / 2 ** 32),
      // fw_dynamic_info: magic, version, next_addr, next_mode, options, boot_hart (dwords)
      FW_DYNAMIC_MAGIC, 0, FW_DYNAMIC_VERSION, 0, nextAddr % 2 ** 32, Math.floor(nextAddr / 2 ** 32), NEXT_MODE_S, 0, 0, 0, 0, 0,
    ];
    const dv = new DataView(this.bytes.buffer);
    this.bytes.fill(0);
    words.forEach((w, i) => dv.setUint32(4 * i, w >>> 0, true));
  }

  read(offset: number, size: number, out: Int32Array): boolean {
    const b = this.bytes;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < size; i++) {
      const v = b[offset + i];
      if (i < 4) lo |= v << (8 * i);
      else hi |= v << (8 * (i - 4));
    }
    out[0] = lo;
    out[1] = hi;
    return true;
  }

  write(): boolean {
    return true;
  }
}
