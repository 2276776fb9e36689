/**
 * Converts a parsed relocatable ELF (GNU as or GCC output) into the object
 * model, so the linker can link it alongside objects from our assembler.
 * Debug sections become `lines` (the writer regenerates DWARF from them);
 * symbol and relocation tables become ObjSymbol/Reloc lists.
 */
import * as C from './constants';
import type { ParsedElf } from './read';
import type { LineRow, ObjSection, ObjSymbol, ObjectFile, Reloc, SymbolBinding, SymbolType } from '../obj/types';

export type ObjectResult = { ok: true; object: ObjectFile } | { ok: false; error: string };

function isDroppedSection(name: string, type: number): boolean {
  return type === C.SHT_NULL || type === C.SHT_SYMTAB || type === C.SHT_STRTAB || type === C.SHT_RELA ||
    type === C.SHT_REL || name.startsWith('.debug_') || name === '.debug';
}

function symType(t: number): SymbolType {
  switch (t) {
    case C.STT_OBJECT: case C.STT_TLS: return 'object';
    case C.STT_FUNC: return 'func';
    case C.STT_SECTION: return 'section';
    case C.STT_FILE: return 'file';
    default: return 'notype';
  }
}

function symBinding(b: number): SymbolBinding {
  return b === C.STB_LOCAL ? 'local' : b === C.STB_WEAK ? 'weak' : 'global';
}

export function objectFromElf(elf: ParsedElf): ObjectResult {
  if (elf.header.type !== C.ET_REL) {
    return { ok: false, error: `ELF file is not a relocatable object (type ${elf.header.type}); only .o files can be linked` };
  }
  const secMap = new Map<number, number>();
  const sections: ObjSection[] = [];
  for (const s of elf.sections) {
    if (isDroppedSection(s.name, s.type)) continue;
    if (s.type === C.SHT_GROUP) return { ok: false, error: `section ${s.index} (${s.name}) is a COMDAT group; section groups are not supported` };
    const align = s.addralign <= 1 ? 1 : s.addralign;
    if ((align & (align - 1)) !== 0) return { ok: false, error: `section ${s.index} (${s.name}) has alignment ${align}, which is not a power of two` };
    const nobits = s.type === C.SHT_NOBITS;
    const sec: ObjSection = {
      name: s.name,
      kind: nobits ? 'nobits' : s.type === C.SHT_NOTE ? 'note' : s.type === C.SHT_RISCV_ATTRIBUTES ? 'riscv.attributes' : 'progbits',
      alloc: (s.flags & C.SHF_ALLOC) !== 0,
      write: (s.flags & C.SHF_WRITE) !== 0,
      exec: (s.flags & C.SHF_EXECINSTR) !== 0,
      align,
      data: nobits ? new Uint8Array(0) : s.data.slice(),
      size: s.size,
      relocs: [],
    };
    if (s.flags & C.SHF_MERGE) sec.merge = { strings: (s.flags & C.SHF_STRINGS) !== 0, entsize: s.entsize };
    secMap.set(s.index, sections.length);
    sections.push(sec);
  }

  const symMap = new Map<number, number>();
  const symbols: ObjSymbol[] = [];
  for (const sym of elf.symbols) {
    if (sym.index === 0) continue;
    let section: ObjSymbol['section'];
    if (sym.shndx === C.SHN_UNDEF) section = 'undef';
    else if (sym.shndx === C.SHN_ABS) section = 'abs';
    else if (sym.shndx === C.SHN_COMMON) section = 'common';
    else if (sym.shndx >= C.SHN_LORESERVE) return { ok: false, error: `symbol ${sym.index} (${sym.name}) has unsupported section index 0x${sym.shndx.toString(16)}` };
    else {
      const m = secMap.get(sym.shndx);
      if (m === undefined) continue; // symbol in a dropped (debug) section
      section = m;
    }
    symMap.set(sym.index, symbols.length);
    symbols.push({ name: sym.name, section, value: sym.value, size: sym.size, binding: symBinding(sym.bind), type: symType(sym.type) });
  }

  for (const rs of elf.relocations) {
    const target = secMap.get(rs.target);
    if (target === undefined) continue; // relocations of debug sections
    const list: Reloc[] = sections[target].relocs;
    for (const r of rs.relocs) {
      let symbol = -1;
      if (r.symbol !== 0) {
        const m = symMap.get(r.symbol);
        if (m === undefined) return { ok: false, error: `relocation in ${sections[target].name} refers to symbol ${r.symbol} in a debug section` };
        symbol = m;
      }
      if (r.offset > BigInt(sections[target].size)) return { ok: false, error: `relocation in ${sections[target].name} at offset 0x${r.offset.toString(16)} is past the section's end` };
      list.push({ offset: Number(r.offset), type: r.type, symbol, addend: r.addend });
    }
  }

  const lines: LineRow[] = [];
  const lineEnds: { section: number; offset: number }[] = [];
  for (const row of elf.lines ?? []) {
    if (row.section === undefined) continue;
    const sec = secMap.get(row.section);
    if (sec === undefined) continue;
    if (row.endSequence) {
      if (Number(row.address) !== sections[sec].size) lineEnds.push({ section: sec, offset: Number(row.address) });
      continue;
    }
    lines.push({ section: sec, offset: Number(row.address), file: row.file, line: row.line, column: row.column });
  }

  const fileSym = elf.symbols.find((s) => s.type === C.STT_FILE);
  const obj: ObjectFile = { sections, symbols, lines, eflags: elf.header.flags, arch: elf.arch ?? '' };
  const sourceFile = fileSym?.name || lines[0]?.file;
  if (sourceFile) obj.sourceFile = sourceFile;
  if (lineEnds.length) obj.lineEnds = lineEnds;
  return { ok: true, object: obj };
}
