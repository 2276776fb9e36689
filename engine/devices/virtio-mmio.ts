/**
 * Empty virtio-mmio transports, as QEMU's `virt` board has eight of them
 * (0x1000_1000 + k·0x1000) even when no virtio device is plugged in: each
 * slot answers the magic value "virt", version 1 (QEMU 7.2's default legacy
 * transport), device ID 0 ("no device") and QEMU's vendor ID, so firmware
 * that probes them (U-Boot, Linux) sees empty slots and moves on. Every other
 * register reads 0 and writes are ignored.
 */
import type { MmioDevice } from '../mem/bus';

const MAGIC = 0x74726976; // "virt"
const VERSION_LEGACY = 1;
const VENDOR_QEMU = 0x554d4551; // "QEMU"
export const VIRTIO_SLOT_SIZE = 0x1000;

export class EmptyVirtioMmio implements MmioDevice {
  readonly name = 'virtio-mmio';
  readonly size: number;
  constructor(readonly base: number, slots: number) {
    this.size = slots * VIRTIO_SLOT_SIZE;
  }

  read(offset: number, size: number, out: Int32Array): boolean {
    out[0] = 0;
    out[1] = 0;
    const reg = offset % VIRTIO_SLOT_SIZE;
    // QEMU's transport accepts 32-bit accesses to its registers (the config
    // space past 0x100 would take others, but an empty slot has none).
    if (size !== 4 || reg & 3) return reg >= 0x100;
    if (reg === 0) out[0] = MAGIC;
    else if (reg === 4) out[0] = VERSION_LEGACY;
    else if (reg === 0xc) out[0] = VENDOR_QEMU;
    return true;
  }

  write(): boolean {
    return true;
  }
}
