/**
 * Firmware boot as QEMU 7.2's `virt` board does it for `-bios`, `-kernel`,
 * `-initrd`, `-dtb` and `-append`:
 *
 * - the firmware (ELF, else a raw image) is loaded at the base of RAM and
 *   every hart starts there through the reset vector;
 * - the kernel (ELF at its own addresses, else a raw image at the first
 *   2 MiB boundary after the firmware, 0x8020_0000 for OpenSBI) is handed
 *   to the firmware in fw_dynamic_info.next_addr. For an ELF, QEMU 7.2
 *   passes the lowest loaded address, not the entry point; so does this;
 * - the initrd goes at kernel + min(RAM/2, 128 MiB), and /chosen says where;
 * - the device tree goes at the top of RAM (below 3 GiB, 2 MiB aligned).
 */
import { isElfImage, readElfImage } from './elf-image';
import { type Machine, RAM_BASE } from './machine';

export interface BootImages {
  /** Firmware image (ELF or raw binary). */
  bios: Uint8Array;
  kernel?: Uint8Array;
  initrd?: Uint8Array;
  /** A device tree blob to use instead of the generated one. */
  dtb?: Uint8Array;
  /** Kernel command line (/chosen/bootargs). */
  append?: string;
}

export interface BootLayout {
  firmwareEnd: number;
  kernelEntry: number;
  initrd?: { start: number; end: number };
  fdt: number;
}

export type BootResult = ({ ok: true } & BootLayout) | { ok: false; error: string };

const MiB = 1024 * 1024;

/** Loads firmware, kernel, initrd and device tree, and resets the harts to boot them. */
export function bootFirmware(m: Machine, img: BootImages): BootResult {
  if (m.options.kind !== 'virt') return { ok: false, error: 'firmware boot needs the virt machine' };
  const ramEnd = RAM_BASE + m.bus.ramSize;

  const fw = loadImage(m, img.bios, RAM_BASE, 'bios');
  if (!fw.ok) return fw;
  const firmwareEnd = fw.end;

  let kernelEntry = 0;
  let kernelEnd = 0;
  if (img.kernel) {
    // 64-bit: the kernel goes at the next 2 MiB boundary after the firmware.
    const start = Math.ceil(firmwareEnd / (2 * MiB)) * 2 * MiB;
    const k = loadImage(m, img.kernel, start, 'kernel');
    if (!k.ok) return k;
    kernelEntry = k.lowest;
    kernelEnd = k.end;
  } else if (img.initrd) return { ok: false, error: '--initrd needs --kernel' };

  let initrd: { start: number; end: number } | undefined;
  if (img.initrd) {
    const start = kernelEntry + Math.min(m.bus.ramSize / 2, 128 * MiB);
    const end = start + img.initrd.length;
    if (start < kernelEnd || end > ramEnd) {
      return { ok: false, error: `--initrd: ${img.initrd.length} bytes at 0x${start.toString(16)} do not fit in RAM (ends 0x${ramEnd.toString(16)})` };
    }
    m.bus.loadBytes(start, img.initrd);
    initrd = { start, end };
  }

  const dt = m.placeDeviceTree(img.dtb, img.append, initrd);
  if (!dt.ok) return dt;
  m.reset(RAM_BASE, kernelEntry);
  return { ok: true, firmwareEnd, kernelEntry, initrd, fdt: dt.address };
}

type Loaded = { ok: true; lowest: number; end: number } | { ok: false; error: string };

/** An ELF at its own addresses, or a raw image at `rawAt`. */
function loadImage(m: Machine, bytes: Uint8Array, rawAt: number, what: string): Loaded {
  if (isElfImage(bytes)) {
    const r = readElfImage(bytes);
    if (!r.ok) return { ok: false, error: `--${what}: ${r.error}` };
    const ramEnd = RAM_BASE + m.bus.ramSize;
    let lowest = Infinity;
    let end = 0;
    for (const seg of r.segments) {
      lowest = Math.min(lowest, seg.paddr);
      end = Math.max(end, seg.paddr + seg.memsz);
      if (!m.bus.inRam(seg.paddr, seg.memsz)) {
        return { ok: false, error: `--${what}: segment at 0x${seg.paddr.toString(16)} (${seg.memsz} bytes) lies outside RAM 0x${RAM_BASE.toString(16)}-0x${ramEnd.toString(16)}` };
      }
    }
    for (const seg of r.segments) {
      m.bus.loadBytes(seg.paddr, seg.data);
      m.bus.ram.fill(0, seg.paddr + seg.data.length - RAM_BASE, seg.paddr + seg.memsz - RAM_BASE);
    }
    return { ok: true, lowest, end };
  }
  if (bytes.length === 0) return { ok: false, error: `--${what}: the file is empty` };
  if (!m.bus.inRam(rawAt, bytes.length)) {
    return { ok: false, error: `--${what}: ${bytes.length} bytes at 0x${rawAt.toString(16)} do not fit in RAM (ends 0x${(RAM_BASE + m.bus.ramSize).toString(16)})` };
  }
  m.bus.loadBytes(rawAt, bytes);
  return { ok: true, lowest: rawAt, end: rawAt + bytes.length };
}
