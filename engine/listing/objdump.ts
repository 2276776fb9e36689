/**
 * A disassembly listing of an ELF file in the layout of `objdump -d`:
 * one block per executable section, a `<symbol>:` header wherever a symbol
 * starts, and one line per instruction with address, raw bits and text.
 */
import { readElf, type ParsedElf } from '../elf/read';
import { disassembleInsn, formatObjdumpLine, newDisasmState } from '../isa/disasm';

const SHF_ALLOC = 2;
const SHF_EXECINSTR = 4;
const STT_SECTION = 3;
const STT_FILE = 4;

export interface ListingOptions {
  aliases: boolean;
  /** Name shown in the header line (objdump prints the path it was given). */
  fileName: string;
}

/** Symbols usable as labels, by address (mapping symbols $x/$d are not labels). */
function labels(elf: ParsedElf): Map<bigint, string[]> {
  const m = new Map<bigint, string[]>();
  for (const s of elf.symbols) {
    if (!s.name || s.type === STT_SECTION || s.type === STT_FILE || s.shndx === 0 || s.name.startsWith('$')) continue;
    const list = m.get(s.value) ?? [];
    list.push(s.name);
    m.set(s.value, list);
  }
  return m;
}

export function listElf(bytes: Uint8Array, opts: ListingOptions): { ok: true; text: string } | { ok: false; error: string } {
  const r = readElf(bytes);
  if (!r.ok) return r;
  const elf = r.elf;
  const byAddr = labels(elf);
  const sorted = [...byAddr.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const symbolize = (addr: bigint): string | undefined => {
    // The nearest label at or below the address, as objdump annotates targets.
    let lo = 0;
    let hi = sorted.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const base = sorted[best];
    const names = byAddr.get(base)!;
    const name = names[names.length - 1];
    return addr === base ? name : `${name}+0x${(addr - base).toString(16)}`;
  };
  const out: string[] = [`\n${opts.fileName}:     file format elf64-littleriscv\n\n`];
  for (const sec of elf.sections) {
    if ((sec.flags & (SHF_ALLOC | SHF_EXECINSTR)) !== (SHF_ALLOC | SHF_EXECINSTR) || sec.size === 0) continue;
    out.push(`\nDisassembly of section ${sec.name}:\n`);
    const state = newDisasmState();
    const end = sec.addr + BigInt(sec.size);
    let off = 0;
    const data = sec.data;
    while (off < sec.size) {
      const addr = sec.addr + BigInt(off);
      const names = byAddr.get(addr);
      if (names) out.push(`\n${addr.toString(16).padStart(16, '0')} <${names[names.length - 1]}>:\n`);
      if (off + 2 > sec.size) {
        out.push(formatObjdumpLine(addr, data[off], 2, `.byte\t0x${data[off].toString(16)}`, end) + '\n');
        break;
      }
      const lo = data[off] | (data[off + 1] << 8);
      let len: 2 | 4 = (lo & 3) === 3 ? 4 : 2;
      if (len === 4 && off + 4 > sec.size) len = 2;
      const word = len === 4 ? (lo | (data[off + 2] << 16) | (data[off + 3] << 24)) >>> 0 : lo;
      const text = disassembleInsn(word, addr, { aliases: opts.aliases, state }, symbolize);
      out.push(formatObjdumpLine(addr, word, len, text, end) + '\n');
      off += len;
    }
  }
  return { ok: true, text: out.join('') };
}
