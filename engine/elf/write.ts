/**
 * Serialises an ObjectFile as an ELF64 relocatable object (ET_REL) that GNU
 * ld links: sections with their .rela companions, .symtab (locals first,
 * sh_info = first global), .strtab, .shstrtab, .riscv.attributes and the
 * DWARF sections GNU as emits with -g, built from `obj.lines`.
 */
import { StringTable, Writer } from './bytes';
import * as C from './constants';
import { buildAttributes } from './attributes';
import { buildDebugSections, DebugRange } from './debug-info';
import { R_RISCV } from '../obj/relocs';
import type { ObjSection, ObjectFile } from '../obj/types';

interface OutSection {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  size: number;
  align: number;
  entsize: number;
  link: number;
  info: number;
  /** For .rela.X: which out-section the relocs patch, and the relocs in ELF terms. */
  relocs?: { offset: number; type: number; sym: number; addend: bigint }[];
}

function sectionType(s: ObjSection): number {
  switch (s.kind) {
    case 'nobits': return C.SHT_NOBITS;
    case 'note': return C.SHT_NOTE;
    case 'riscv.attributes': return C.SHT_RISCV_ATTRIBUTES;
    default:
      if (s.name === '.init_array' || s.name.startsWith('.init_array.')) return C.SHT_INIT_ARRAY;
      if (s.name === '.fini_array' || s.name.startsWith('.fini_array.')) return C.SHT_FINI_ARRAY;
      if (s.name === '.preinit_array') return C.SHT_PREINIT_ARRAY;
      return C.SHT_PROGBITS;
  }
}

/** sh_entsize as BFD writes it: the merge entry size, or a pointer for the init/fini arrays. */
export function entsizeOf(mergeEntsize: number, type: number): number {
  return type === C.SHT_INIT_ARRAY || type === C.SHT_FINI_ARRAY || type === C.SHT_PREINIT_ARRAY ? 8 : mergeEntsize;
}

export function sectionFlags(s: ObjSection): number {
  let f = 0;
  if (s.write) f |= C.SHF_WRITE;
  if (s.alloc) f |= C.SHF_ALLOC;
  if (s.exec) f |= C.SHF_EXECINSTR;
  if (s.merge) f |= C.SHF_MERGE | (s.merge.strings ? C.SHF_STRINGS : 0);
  if (s.name === '.tdata' || s.name.startsWith('.tdata.') || s.name === '.tbss' || s.name.startsWith('.tbss.')) f |= C.SHF_TLS;
  return f;
}

const bindNum = { local: C.STB_LOCAL, global: C.STB_GLOBAL, weak: C.STB_WEAK } as const;
const typeNum = { notype: C.STT_NOTYPE, object: C.STT_OBJECT, func: C.STT_FUNC, section: C.STT_SECTION, file: C.STT_FILE } as const;

interface ElfSym { name: string; value: bigint; size: bigint; info: number; shndx: number }

export function writeObject(obj: ObjectFile): Uint8Array {
  const out: OutSection[] = [{ name: '', type: 0, flags: 0, data: new Uint8Array(0), size: 0, align: 0, entsize: 0, link: 0, info: 0 }];
  const objToOut = new Map<number, number>();
  const relaOf = new Map<number, number>(); // out index of section → out index of its .rela
  let hasAttributes = false;
  obj.sections.forEach((s, i) => {
    objToOut.set(i, out.length);
    const nobits = s.kind === 'nobits';
    if (s.kind === 'riscv.attributes') hasAttributes = true;
    out.push({
      name: s.name, type: sectionType(s), flags: sectionFlags(s), data: nobits ? new Uint8Array(0) : s.data,
      size: nobits ? s.size : s.data.length, align: Math.max(1, s.align), entsize: entsizeOf(s.merge?.entsize ?? 0, sectionType(s)), link: 0, info: 0,
    });
    if (s.relocs.length > 0) {
      relaOf.set(out.length - 1, out.length);
      out.push({ name: `.rela${s.name}`, type: C.SHT_RELA, flags: C.SHF_INFO_LINK, data: new Uint8Array(0), size: 0, align: 8, entsize: C.RELA_SIZE, link: 0, info: out.length - 1, relocs: [] });
    }
  });

  // Debug sections from the line rows.
  const debugIdx: Record<string, number> = {};
  let debug: ReturnType<typeof buildDebugSections> | undefined;
  if (obj.lines.length > 0) {
    const bySection = new Map<number, typeof obj.lines>();
    for (const row of obj.lines) {
      if (!bySection.has(row.section)) bySection.set(row.section, []);
      bySection.get(row.section)!.push(row);
    }
    const ranges: DebugRange[] = [];
    // GNU as emits one sequence per section in the order the sections got their first line.
    for (const [sec, rows] of bySection) {
      if (!obj.sections[sec]) continue;
      const sorted = [...rows].sort((a, b) => a.offset - b.offset);
      const end = obj.lineEnds?.find((e) => e.section === sec)?.offset ?? obj.sections[sec].size;
      ranges.push({ key: sec, start: 0, end: Math.max(end, sorted[sorted.length - 1].offset), rows: sorted });
    }
    const primary = obj.sourceFile ?? ranges[0]?.rows[0]?.file ?? '';
    debug = buildDebugSections(ranges, { name: primary, compDir: obj.compDir ?? '' }, () => 0n);
    const add = (name: string, data: Uint8Array, extra: Partial<OutSection> = {}) => {
      debugIdx[name] = out.length;
      out.push({ name, type: C.SHT_PROGBITS, flags: 0, data, size: data.length, align: 1, entsize: 0, link: 0, info: 0, ...extra });
      return out.length - 1;
    };
    const addRela = (target: number) => {
      relaOf.set(target, out.length);
      out.push({ name: `.rela${out[target].name}`, type: C.SHT_RELA, flags: C.SHF_INFO_LINK, data: new Uint8Array(0), size: 0, align: 8, entsize: C.RELA_SIZE, link: 0, info: target, relocs: [] });
    };
    addRela(add('.debug_line', debug.debugLine));
    addRela(add('.debug_info', debug.debugInfo));
    add('.debug_abbrev', debug.debugAbbrev);
    addRela(add('.debug_aranges', debug.debugAranges, { align: 16 }));
    if (debug.debugRanges) addRela(add('.debug_ranges', debug.debugRanges));
    add('.debug_str', debug.debugStr, { flags: C.SHF_MERGE | C.SHF_STRINGS, entsize: 1 });
  }
  if (!hasAttributes && obj.arch) {
    const data = buildAttributes(obj.arch);
    out.push({ name: '.riscv.attributes', type: C.SHT_RISCV_ATTRIBUTES, flags: 0, data, size: data.length, align: 1, entsize: 0, link: 0, info: 0 });
  }

  // Symbol table: null, section symbols and locals, then globals.
  const syms: ElfSym[] = [{ name: '', value: 0n, size: 0n, info: 0, shndx: 0 }];
  const sectionSym = new Map<number, number>(); // out section index → symbol index
  const hasOwnSectionSym = new Set<number>();
  obj.symbols.forEach((s) => {
    if (s.type === 'section' && typeof s.section === 'number') hasOwnSectionSym.add(objToOut.get(s.section)!);
  });
  for (let i = 1; i < out.length; i++) {
    if (out[i].type === C.SHT_RELA || hasOwnSectionSym.has(i)) continue;
    sectionSym.set(i, syms.length);
    syms.push({ name: '', value: 0n, size: 0n, info: (C.STB_LOCAL << 4) | C.STT_SECTION, shndx: i });
  }
  const symIndex = new Map<number, number>();
  const shndxOf = (sec: number | 'abs' | 'undef' | 'common'): number =>
    sec === 'abs' ? C.SHN_ABS : sec === 'undef' ? C.SHN_UNDEF : sec === 'common' ? C.SHN_COMMON : objToOut.get(sec) ?? C.SHN_UNDEF;
  const pushSym = (i: number) => {
    const s = obj.symbols[i];
    symIndex.set(i, syms.length);
    const shndx = shndxOf(s.section);
    if (s.type === 'section') sectionSym.set(shndx, syms.length);
    syms.push({ name: s.type === 'section' ? '' : s.name, value: s.value, size: s.size, info: (bindNum[s.binding] << 4) | typeNum[s.type], shndx });
  };
  obj.symbols.forEach((s, i) => { if (s.binding === 'local') pushSym(i); });
  const firstGlobal = syms.length;
  obj.symbols.forEach((s, i) => { if (s.binding !== 'local') pushSym(i); });

  // Relocations of the object's own sections.
  obj.sections.forEach((s, i) => {
    const rela = relaOf.get(objToOut.get(i)!);
    if (rela === undefined) return;
    for (const r of s.relocs) {
      out[rela].relocs!.push({ offset: r.offset, type: r.type, sym: r.symbol < 0 ? 0 : symIndex.get(r.symbol) ?? 0, addend: r.addend });
    }
  });
  // Relocations of the debug sections.
  if (debug) {
    for (const f of debug.addrFixups) {
      const target = debugIdx[f.section];
      out[relaOf.get(target)!].relocs!.push({ offset: f.at, type: R_RISCV['64'], sym: sectionSym.get(objToOut.get(f.key)!) ?? 0, addend: BigInt(f.offset) });
    }
    for (const f of debug.refFixups) {
      const target = debugIdx[f.section];
      const rela = relaOf.get(target);
      if (rela === undefined) continue;
      out[rela].relocs!.push({ offset: f.at, type: R_RISCV['32'], sym: sectionSym.get(debugIdx[f.target]) ?? 0, addend: BigInt(f.offset) });
    }
  }

  const symtabIdx = out.length;
  const strtabIdx = symtabIdx + 1;
  const shstrtabIdx = symtabIdx + 2;
  const strtab = new StringTable();
  const symW = new Writer();
  for (const s of syms) {
    symW.u32(s.name ? strtab.add(s.name) : 0).u8(s.info).u8(0).u16(s.shndx).u64(s.value).u64(s.size);
  }
  out.push({ name: '.symtab', type: C.SHT_SYMTAB, flags: 0, data: symW.finish(), size: 0, align: 8, entsize: C.SYM_SIZE, link: strtabIdx, info: firstGlobal });
  const strData = strtab.finish();
  out.push({ name: '.strtab', type: C.SHT_STRTAB, flags: 0, data: strData, size: strData.length, align: 1, entsize: 0, link: 0, info: 0 });
  out[symtabIdx].size = out[symtabIdx].data.length;
  for (const s of out) {
    if (!s.relocs) continue;
    const w = new Writer();
    for (const r of s.relocs) w.u64(r.offset).u64((BigInt(r.sym) << 32n) | BigInt(r.type)).u64(r.addend);
    s.data = w.finish();
    s.size = s.data.length;
    s.link = symtabIdx;
  }
  const shstr = new StringTable();
  const nameOffsets = out.map((s) => shstr.add(s.name));
  nameOffsets.push(shstr.add('.shstrtab'));
  const shstrData = shstr.finish();
  out.push({ name: '.shstrtab', type: C.SHT_STRTAB, flags: 0, data: shstrData, size: shstrData.length, align: 1, entsize: 0, link: 0, info: 0 });
  if (out.length >= C.SHN_LORESERVE) throw new RangeError(`too many sections (${out.length}) for an ELF object`);

  // Lay out: header, section contents, section header table.
  const w = new Writer();
  w.zeros(C.EHDR_SIZE);
  const offsets: number[] = [0];
  for (let i = 1; i < out.length; i++) {
    const s = out[i];
    w.align(Math.max(1, s.align));
    offsets.push(w.length);
    if (s.type !== C.SHT_NOBITS) w.bytes(s.data);
  }
  w.align(8);
  const shoff = w.length;
  out.forEach((s, i) => {
    w.u32(nameOffsets[i]).u32(s.type).u64(s.flags).u64(0).u64(offsets[i]).u64(s.size)
      .u32(s.link).u32(s.info).u64(s.align).u64(s.entsize);
  });
  const bytes = w.finish();
  writeElfHeader(bytes, { type: C.ET_REL, entry: 0n, phoff: 0, phnum: 0, shoff, shnum: out.length, shstrndx: shstrtabIdx, flags: obj.eflags });
  return bytes;
}

export function writeElfHeader(b: Uint8Array, h: { type: number; entry: bigint; phoff: number; phnum: number; shoff: number; shnum: number; shstrndx: number; flags: number }): void {
  const v = new DataView(b.buffer, b.byteOffset, C.EHDR_SIZE);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  v.setUint16(16, h.type, true);
  v.setUint16(18, C.EM_RISCV, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(24, h.entry, true);
  v.setBigUint64(32, BigInt(h.phoff), true);
  v.setBigUint64(40, BigInt(h.shoff), true);
  v.setUint32(48, h.flags >>> 0, true);
  v.setUint16(52, C.EHDR_SIZE, true);
  v.setUint16(54, h.phnum ? C.PHDR_SIZE : 0, true);
  v.setUint16(56, h.phnum, true);
  v.setUint16(58, C.SHDR_SIZE, true);
  v.setUint16(60, h.shnum, true);
  v.setUint16(62, h.shstrndx, true);
}
