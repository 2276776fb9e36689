/**
 * ELF64 little-endian RISC-V reader. readElf never throws: any structural
 * problem (truncation, bad offsets, wrong class/endianness/machine) comes
 * back as a one-line message. DWARF line-table problems do not fail the
 * parse; they are reported in `lineError` so symbols and segments stay usable.
 */
import { ElfFormatError, Reader, utf8Bytes } from './bytes';
import * as C from './constants';
import { DwarfLineRow, decodeDebugLine } from './dwarf-line';
import { applyReloc, relocKind } from '../obj/relocs';

export interface ElfHeader {
  type: number;          // ET_REL, ET_EXEC, …
  machine: number;
  entry: bigint;
  flags: number;
  phoff: number;
  shoff: number;
  shstrndx: number;
}

export interface ElfSection {
  index: number;
  name: string;
  type: number;
  flags: number;
  addr: bigint;
  offset: number;
  size: number;
  link: number;
  info: number;
  addralign: number;
  entsize: number;
  /** File contents (empty for SHT_NOBITS). A view into the input bytes. */
  data: Uint8Array;
}

export interface ElfSegment {
  type: number;
  flags: number;
  offset: number;
  vaddr: bigint;
  paddr: bigint;
  filesz: number;
  memsz: number;
  align: number;
  data: Uint8Array;
}

export interface ElfSymbol {
  index: number;
  name: string;
  value: bigint;
  size: bigint;
  bind: number;           // STB_*
  type: number;           // STT_*
  other: number;          // visibility
  shndx: number;          // raw section index (SHN_ABS, SHN_COMMON, …)
  sectionName?: string;
}

export interface ElfRelocation {
  offset: bigint;
  type: number;
  symbol: number;         // index into ParsedElf.symbols
  addend: bigint;
}

export interface ElfRelocSection {
  /** Index of the RELA section itself. */
  index: number;
  /** Index of the section the relocations patch (sh_info). */
  target: number;
  relocs: ElfRelocation[];
}

export interface ElfLineRow extends DwarfLineRow {
  /** For relocatable files: the section the address lies in (address is then an offset within it). */
  section?: number;
}

export interface ParsedElf {
  header: ElfHeader;
  sections: ElfSection[];
  segments: ElfSegment[];
  symbols: ElfSymbol[];
  relocations: ElfRelocSection[];
  lines?: ElfLineRow[];
  lineError?: string;
  /** Tag_RISCV_arch from .riscv.attributes, when present. */
  arch?: string;
}

export type ReadResult = { ok: true; elf: ParsedElf } | { ok: false; error: string };

export function readElf(bytes: Uint8Array): ReadResult {
  try {
    return { ok: true, elf: parse(bytes) };
  } catch (e) {
    if (e instanceof ElfFormatError) return { ok: false, error: e.message };
    // Defensive: a bug here must still not escape as an exception.
    return { ok: false, error: `malformed ELF file (${e instanceof Error ? e.message : String(e)})` };
  }
}

function fail(msg: string): never {
  throw new ElfFormatError(msg);
}

function parse(bytes: Uint8Array): ParsedElf {
  if (!(bytes instanceof Uint8Array)) fail('not an ELF file (input is not a byte array)');
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) fail('not an ELF file');
  if (bytes.length < 16) fail('ELF file is truncated (identification is incomplete)');
  if (bytes[4] === 1) fail('ELF file is 32-bit; Hyperstep runs RV64');
  if (bytes[4] !== 2) fail(`ELF file has invalid class ${bytes[4]}`);
  if (bytes[5] === 2) fail('ELF file is big-endian; RISC-V is little-endian');
  if (bytes[5] !== 1) fail(`ELF file has invalid data encoding ${bytes[5]}`);
  if (bytes.length < C.EHDR_SIZE) fail(`ELF file is truncated: ${bytes.length} bytes, the ELF header alone needs ${C.EHDR_SIZE}`);
  const r = new Reader(bytes);
  const machine = r.u16(18);
  if (machine !== C.EM_RISCV) fail(`ELF machine is ${C.machineName(machine)} (${machine}), expected RISC-V (${C.EM_RISCV})`);
  const header: ElfHeader = {
    type: r.u16(16),
    machine,
    entry: r.u64(24),
    phoff: r.num64(32, 'e_phoff'),
    shoff: r.num64(40, 'e_shoff'),
    flags: r.u32(48),
    shstrndx: r.u16(62),
  };
  const phentsize = r.u16(54), phnum = r.u16(56), shentsize = r.u16(58);
  let shnum = r.u16(60);

  // Section headers.
  const sections: ElfSection[] = [];
  if (header.shoff !== 0) {
    if (shentsize !== C.SHDR_SIZE) fail(`ELF section header size is ${shentsize}, expected ${C.SHDR_SIZE}`);
    if (header.shoff + C.SHDR_SIZE > bytes.length) fail(`section header table (offset 0x${header.shoff.toString(16)}) extends past end of file`);
    if (shnum === 0) shnum = r.num64(header.shoff + 32, 'section count'); // extended numbering
    if (header.shstrndx === C.SHN_XINDEX) header.shstrndx = r.u32(header.shoff + 44);
    if (shnum > (bytes.length - header.shoff) / C.SHDR_SIZE) fail(`section header table (${shnum} entries) extends past end of file`);
    for (let i = 0; i < shnum; i++) {
      const o = header.shoff + i * C.SHDR_SIZE;
      if (o + C.SHDR_SIZE > bytes.length) fail(`section header ${i} extends past end of file`);
      const type = r.u32(o + 4);
      const offset = r.num64(o + 24, `section ${i} offset`);
      const size = r.num64(o + 32, `section ${i} size`);
      const alignRaw = r.u64(o + 48);
      const entRaw = r.u64(o + 56);
      let data: Uint8Array = new Uint8Array(0);
      if (type !== C.SHT_NOBITS && type !== C.SHT_NULL) {
        if (offset + size > bytes.length) fail(`section ${i} (offset 0x${offset.toString(16)}, size 0x${size.toString(16)}) extends past end of file`);
        data = bytes.subarray(offset, offset + size);
      }
      sections.push({
        index: i, name: '', type, flags: Number(r.u64(o + 8) & 0xffffffffn), addr: r.u64(o + 16), offset, size,
        link: r.u32(o + 40), info: r.u32(o + 44),
        addralign: alignRaw > 0xffffffffn ? 0 : Number(alignRaw), entsize: entRaw > 0xffffffffn ? 0 : Number(entRaw), data,
      });
    }
    if (sections.length > 0 && header.shstrndx !== C.SHN_UNDEF) {
      const strtab = sections[header.shstrndx];
      if (!strtab) fail(`section name table index ${header.shstrndx} is out of range (${sections.length} sections)`);
      const sr = new Reader(strtab.data);
      for (const s of sections) {
        const nameOff = r.u32(header.shoff + s.index * C.SHDR_SIZE);
        s.name = nameOff === 0 && strtab.data.length === 0 ? '' : sr.cstr(nameOff, `section ${s.index} name`);
      }
    }
  }

  // Program headers.
  const segments: ElfSegment[] = [];
  if (phnum > 0) {
    if (phentsize !== C.PHDR_SIZE) fail(`ELF program header size is ${phentsize}, expected ${C.PHDR_SIZE}`);
    for (let i = 0; i < phnum; i++) {
      const o = header.phoff + i * C.PHDR_SIZE;
      if (o + C.PHDR_SIZE > bytes.length) fail(`program header ${i} extends past end of file`);
      const type = r.u32(o), offset = r.num64(o + 8, `segment ${i} offset`), filesz = r.num64(o + 32, `segment ${i} file size`);
      const memsz = r.num64(o + 40, `segment ${i} memory size`);
      if (type === C.PT_LOAD && offset + filesz > bytes.length) fail(`program header ${i} (offset 0x${offset.toString(16)}, size 0x${filesz.toString(16)}) extends past end of file`);
      if (type === C.PT_LOAD && filesz > memsz) fail(`program header ${i} has file size 0x${filesz.toString(16)} larger than memory size 0x${memsz.toString(16)}`);
      const alignRaw = r.u64(o + 48);
      segments.push({
        type, flags: r.u32(o + 4), offset, vaddr: r.u64(o + 16), paddr: r.u64(o + 24), filesz, memsz,
        align: alignRaw > 0xffffffffn ? 0 : Number(alignRaw),
        data: offset + filesz <= bytes.length ? bytes.subarray(offset, offset + filesz) : new Uint8Array(0),
      });
    }
  }

  // Symbols (.symtab only; SHT_DYNSYM is irrelevant for static guests).
  const symbols: ElfSymbol[] = [];
  const symtab = sections.find((s) => s.type === C.SHT_SYMTAB);
  if (symtab) {
    const strtab = sections[symtab.link];
    if (!strtab || strtab.type !== C.SHT_STRTAB) fail(`symbol table's string table (section ${symtab.link}) is missing or not a string table`);
    const sr = new Reader(strtab.data), syr = new Reader(symtab.data);
    if (symtab.size % C.SYM_SIZE !== 0) fail(`symbol table size 0x${symtab.size.toString(16)} is not a multiple of ${C.SYM_SIZE}`);
    const n = symtab.size / C.SYM_SIZE;
    for (let i = 0; i < n; i++) {
      const o = i * C.SYM_SIZE;
      const info = syr.u8(o + 4);
      const shndx = syr.u16(o + 6);
      const sym: ElfSymbol = {
        index: i, name: sr.cstr(syr.u32(o), `symbol ${i} name`), value: syr.u64(o + 8), size: syr.u64(o + 16),
        bind: info >> 4, type: info & 0xf, other: syr.u8(o + 5), shndx,
      };
      if (shndx !== C.SHN_UNDEF && shndx < C.SHN_LORESERVE) {
        if (!sections[shndx]) fail(`symbol ${i} (${sym.name}) refers to section ${shndx}, which does not exist`);
        sym.sectionName = sections[shndx].name;
      }
      symbols.push(sym);
    }
  }

  // Relocations.
  const relocations: ElfRelocSection[] = [];
  for (const s of sections) {
    if (s.type === C.SHT_REL) fail(`section ${s.index} (${s.name}) is SHT_REL; RISC-V uses SHT_RELA`);
    if (s.type !== C.SHT_RELA) continue;
    if (s.size % C.RELA_SIZE !== 0) fail(`relocation section ${s.index} (${s.name}) size is not a multiple of ${C.RELA_SIZE}`);
    if (!sections[s.info]) fail(`relocation section ${s.index} (${s.name}) applies to section ${s.info}, which does not exist`);
    const rr = new Reader(s.data);
    const relocs: ElfRelocation[] = [];
    for (let o = 0; o < s.size; o += C.RELA_SIZE) {
      const info = rr.u64(o + 8);
      const sym = Number(info >> 32n);
      if (sym >= symbols.length && !(sym === 0 && symbols.length === 0)) fail(`relocation section ${s.index} (${s.name}) entry ${o / C.RELA_SIZE} refers to symbol ${sym}, which does not exist`);
      relocs.push({ offset: rr.u64(o), type: Number(info & 0xffffffffn), symbol: sym, addend: rr.i64(o + 16) });
    }
    relocations.push({ index: s.index, target: s.info, relocs });
  }

  const elf: ParsedElf = { header, sections, segments, symbols, relocations };
  const attrs = sections.find((s) => s.type === C.SHT_RISCV_ATTRIBUTES);
  if (attrs) elf.arch = archFromAttributes(attrs.data);

  const debugLine = sections.find((s) => s.name === '.debug_line' && s.type === C.SHT_PROGBITS);
  if (debugLine) {
    try {
      elf.lines = decodeLines(elf, debugLine);
    } catch (e) {
      elf.lineError = e instanceof Error ? e.message : String(e);
    }
  }
  return elf;
}

/** The file-scope attributes of a .riscv.attributes section: integer and string tags. */
export interface RiscvAttributes {
  ints: Map<number, number>;
  strings: Map<number, string>;
}

/** Parses the "riscv" vendor's file attributes; undefined if the section is unreadable. */
export function parseAttributes(data: Uint8Array): RiscvAttributes | undefined {
  const out: RiscvAttributes = { ints: new Map(), strings: new Map() };
  try {
    const r = new Reader(data);
    if (r.u8(0) !== 0x41) return undefined; // 'A': format version
    let pos = 1;
    while (pos < data.length) {
      const len = r.u32(pos);
      if (len < 5 || pos + len > data.length) return undefined;
      const vendor = r.cstr(pos + 4);
      let p = pos + 4 + vendor.length + 1;
      const end = pos + len;
      if (vendor === 'riscv') {
        while (p < end) {
          const tag = r.u8(p);
          const subLen = r.u32(p + 1);
          if (subLen < 5) return undefined;
          if (tag === 1) {
            let q = p + 5;
            const subEnd = Math.min(p + subLen, end);
            while (q < subEnd) {
              let attrTag = 0, shift = 0, b: number;
              do { b = r.u8(q++); attrTag |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80 && shift < 28);
              // Odd tags hold strings, even ones ULEB128 numbers; Tag_RISCV_arch (5) is a string.
              if (attrTag % 2 === 1 || attrTag === 5) {
                const s = r.cstr(q);
                q += utf8Bytes(s).length + 1;
                out.strings.set(attrTag, s);
              } else {
                let v = 0;
                shift = 0;
                do { b = r.u8(q++); if (shift < 28) v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
                out.ints.set(attrTag, v >>> 0);
              }
            }
          }
          p += subLen;
        }
      }
      pos = end;
    }
  } catch {
    return undefined;
  }
  return out;
}

/** Tag_RISCV_arch (5) from a .riscv.attributes section; undefined if absent or unreadable. */
export function archFromAttributes(data: Uint8Array): string | undefined {
  return parseAttributes(data)?.strings.get(5);
}

/** Large distinct bases let relocated addresses in a .o be mapped back to (section, offset). */
const REL_BASE_SHIFT = 40n;

function decodeLines(elf: ParsedElf, debugLine: ElfSection): ElfLineRow[] {
  const byName = (n: string) => elf.sections.find((s) => s.name === n)?.data;
  const strs = { lineStr: byName('.debug_line_str'), str: byName('.debug_str') };
  if (elf.header.type !== C.ET_REL) return decodeDebugLine(debugLine.data, strs);

  // In a relocatable file, addresses (and string offsets) live in relocations.
  const relocated = (sec: ElfSection): Uint8Array => {
    const copy = sec.data.slice();
    const rs = elf.relocations.find((x) => x.target === sec.index);
    for (const rel of rs?.relocs ?? []) {
      const sym = elf.symbols[rel.symbol];
      let s = 0n;
      if (sym && sym.shndx !== C.SHN_UNDEF && sym.shndx < C.SHN_LORESERVE) {
        const target = elf.sections[sym.shndx];
        const base = target && (target.flags & C.SHF_ALLOC) ? BigInt(sym.shndx) << REL_BASE_SHIFT : 0n;
        s = base + sym.value;
      } else if (sym) {
        s = sym.value;
      }
      const k = relocKind(rel.type);
      if (k === 'abs' || k === 'add' || k === 'sub' || k === 'set') {
        const err = applyReloc(copy, Number(rel.offset), rel.type, s + rel.addend);
        if (err) throw new ElfFormatError(`${sec.name}: ${err}`);
      }
    }
    return copy;
  };
  const lineStrSec = elf.sections.find((x) => x.name === '.debug_line_str');
  if (lineStrSec && elf.relocations.some((x) => x.target === lineStrSec.index)) strs.lineStr = relocated(lineStrSec);
  const rows = decodeDebugLine(relocated(debugLine), strs);
  const mask = (1n << REL_BASE_SHIFT) - 1n;
  return rows.map((row) => ({ ...row, section: Number(row.address >> REL_BASE_SHIFT), address: row.address & mask }));
}

export { objectFromElf } from './object-from-elf';
