/**
 * The loadable part of an ELF64 image, from its program headers only, as
 * QEMU's loader reads firmware and kernels. Sections, symbols and
 * relocations are not looked at, so images whose other tables a strict
 * reader would question (U-Boot's dynamic relocations, stripped kernels)
 * still load.
 */

export interface LoadSegment {
  paddr: number;
  memsz: number;
  data: Uint8Array;
}

export type ElfImage = { ok: true; entry: number; segments: LoadSegment[] } | { ok: false; error: string };

const PT_LOAD = 1;
const EM_RISCV = 243;

export function isElfImage(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;
}

export function readElfImage(b: Uint8Array): ElfImage {
  if (!isElfImage(b)) return { ok: false, error: 'not an ELF file' };
  if (b.length < 64) return { ok: false, error: 'ELF header is truncated' };
  if (b[4] !== 2) return { ok: false, error: 'not a 64-bit ELF (RV64 images only)' };
  if (b[5] !== 1) return { ok: false, error: 'not a little-endian ELF' };
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u64 = (off: number) => dv.getUint32(off, true) + dv.getUint32(off + 4, true) * 2 ** 32;
  const type = dv.getUint16(16, true);
  if (type !== 2) return { ok: false, error: type === 1 ? 'ELF file is a relocatable object (.o); link it first' : `ELF type ${type} is not an executable` };
  const machine = dv.getUint16(18, true);
  if (machine !== EM_RISCV) return { ok: false, error: `ELF machine ${machine} is not RISC-V` };
  const entry = u64(24);
  const phoff = u64(32);
  const phentsize = dv.getUint16(54, true);
  const phnum = dv.getUint16(56, true);
  if (phentsize < 56 || phoff + phnum * phentsize > b.length) return { ok: false, error: 'ELF program headers lie outside the file' };
  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (dv.getUint32(p, true) !== PT_LOAD) continue;
    const offset = u64(p + 8);
    const paddr = u64(p + 24);
    const filesz = u64(p + 32);
    const memsz = u64(p + 40);
    if (memsz === 0) continue;
    if (filesz > memsz || offset + filesz > b.length) return { ok: false, error: `ELF segment ${i} lies outside the file` };
    segments.push({ paddr, memsz, data: b.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) return { ok: false, error: 'ELF file has no loadable segments' };
  return { ok: true, entry, segments };
}
