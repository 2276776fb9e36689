/**
 * Writes a linked Executable as an ET_EXEC ELF64 file laid out like GNU ld's
 * output: program headers (RISCV_ATTRIBUTES, PT_LOAD segments, PT_NOTE, PT_TLS), the
 * allocated sections at their segment offsets, .riscv.attributes, the DWARF
 * line information (one unit per input object), .symtab, .strtab, .shstrtab.
 */
import { StringTable, Writer } from '../elf/bytes';
import * as C from '../elf/constants';
import { buildDebugSections, DebugRange } from '../elf/debug-info';
import { entsizeOf, writeElfHeader } from '../elf/write';
import type { Executable } from './executable';
import { noteSegments } from './link';

interface NonAlloc { name: string; type: number; flags: number; data: Uint8Array; align: number; entsize: number; link?: number; info?: number }

const DEBUG_ORDER = ['.debug_aranges', '.debug_info', '.debug_abbrev', '.debug_line', '.debug_str', '.debug_ranges'] as const;

function buildDebug(exe: Executable): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  const perObject = new Map<number, typeof exe.sourceSequences>();
  for (const s of exe.sourceSequences) {
    if (!perObject.has(s.object)) perObject.set(s.object, []);
    perObject.get(s.object)!.push(s);
  }
  if (perObject.size === 0) return out;
  const chunks: Record<string, Uint8Array[]> = {};
  const bases: Record<string, number[]> = {};
  const parts: ReturnType<typeof buildDebugSections>[] = [];
  for (const [oi, seqs] of perObject) {
    const ranges: DebugRange[] = seqs.map((s, k) => ({
      key: k, start: 0, end: Number(s.end - s.start),
      rows: s.rows.map((r) => ({ offset: Number(r.address - s.start), file: r.file, line: r.line, column: r.column })),
    }));
    const name = exe.objectNames[oi] ?? '';
    const first = seqs[0].rows[0]?.file ?? name;
    parts.push(buildDebugSections(ranges, { name: first, compDir: '' }, (k, off) => seqs[k].start + BigInt(off)));
  }
  const field = { '.debug_line': 'debugLine', '.debug_info': 'debugInfo', '.debug_abbrev': 'debugAbbrev', '.debug_aranges': 'debugAranges', '.debug_str': 'debugStr', '.debug_ranges': 'debugRanges' } as const;
  for (const name of DEBUG_ORDER) {
    chunks[name] = [];
    bases[name] = [];
    let at = 0;
    for (const p of parts) {
      const d = (p[field[name]] as Uint8Array | undefined) ?? new Uint8Array(0);
      bases[name].push(at);
      chunks[name].push(d.slice());
      at += d.length;
    }
  }
  parts.forEach((p, i) => {
    for (const f of p.refFixups) {
      const d = chunks[f.section][i];
      new DataView(d.buffer).setUint32(f.at, bases[f.target][i] + f.offset, true);
    }
  });
  for (const name of DEBUG_ORDER) {
    const total = chunks[name].reduce((n, c) => n + c.length, 0);
    if (total === 0) continue;
    const all = new Uint8Array(total);
    let at = 0;
    for (const c of chunks[name]) { all.set(c, at); at += c.length; }
    out.set(name, all);
  }
  return out;
}

export function writeExecutable(exe: Executable): Uint8Array {
  const nonAlloc: NonAlloc[] = [];
  if (exe.comment?.length) nonAlloc.push({ name: '.comment', type: C.SHT_PROGBITS, flags: C.SHF_MERGE | C.SHF_STRINGS, data: exe.comment, align: 1, entsize: 1 });
  if (exe.attributes.length) nonAlloc.push({ name: '.riscv.attributes', type: C.SHT_RISCV_ATTRIBUTES, flags: 0, data: exe.attributes, align: 1, entsize: 0 });
  for (const [name, data] of buildDebug(exe)) {
    nonAlloc.push({ name, type: C.SHT_PROGBITS, flags: name === '.debug_str' ? C.SHF_MERGE | C.SHF_STRINGS : 0, data, align: name === '.debug_aranges' ? 16 : 1, entsize: name === '.debug_str' ? 1 : 0 });
  }

  // Section indices: null, allocated, non-allocated, .symtab, .strtab, .shstrtab.
  const allocCount = exe.sections.length;
  const secIndex = new Map<string, number>();
  exe.sections.forEach((s, i) => secIndex.set(s.name, i + 1));
  nonAlloc.forEach((s, i) => secIndex.set(s.name, allocCount + 1 + i));
  const symtabIdx = allocCount + nonAlloc.length + 1;

  // Symbol table.
  const strtab = new StringTable();
  const symW = new Writer();
  const sym = (name: string, info: number, shndx: number, value: bigint, size: bigint) =>
    symW.u32(name ? strtab.add(name) : 0).u8(info).u8(0).u16(shndx).u64(value).u64(size);
  sym('', 0, 0, 0n, 0n);
  let count = 1;
  for (let i = 1; i < symtabIdx; i++) {
    const s = i <= allocCount ? exe.sections[i - 1] : undefined;
    sym('', (C.STB_LOCAL << 4) | C.STT_SECTION, i, s ? s.address : 0n, 0n);
    count++;
  }
  const typeNum = { notype: C.STT_NOTYPE, object: C.STT_OBJECT, func: C.STT_FUNC, section: C.STT_SECTION, file: C.STT_FILE } as const;
  const bindNum = { local: C.STB_LOCAL, global: C.STB_GLOBAL, weak: C.STB_WEAK } as const;
  const shndxOf = (section: string) => (section === 'abs' ? C.SHN_ABS : section === 'undef' ? C.SHN_UNDEF : secIndex.get(section) ?? C.SHN_ABS);
  const locals = exe.symbols.filter((s) => s.binding === 'local');
  const globals = exe.symbols.filter((s) => s.binding !== 'local');
  for (const s of locals) { sym(s.name, (C.STB_LOCAL << 4) | typeNum[s.type], shndxOf(s.section), s.address, s.size); count++; }
  const firstGlobal = count;
  for (const s of globals) { sym(s.name, (bindNum[s.binding] << 4) | typeNum[s.type], shndxOf(s.section), s.address, s.size); count++; }
  const symData = symW.finish();
  const strData = strtab.finish();

  const shstr = new StringTable();
  const allNames = [...exe.sections.map((s) => s.name), ...nonAlloc.map((s) => s.name), '.symtab', '.strtab', '.shstrtab'];
  const nameOff = allNames.map((n) => shstr.add(n));
  const shstrData = shstr.finish();
  nonAlloc.push({ name: '.symtab', type: C.SHT_SYMTAB, flags: 0, data: symData, align: 8, entsize: C.SYM_SIZE, link: symtabIdx + 1, info: firstGlobal });
  nonAlloc.push({ name: '.strtab', type: C.SHT_STRTAB, flags: 0, data: strData, align: 1, entsize: 0 });
  nonAlloc.push({ name: '.shstrtab', type: C.SHT_STRTAB, flags: 0, data: shstrData, align: 1, entsize: 0 });

  // File image.
  let end = C.EHDR_SIZE;
  const phdrs: { type: number; flags: number; offset: number; vaddr: bigint; filesz: number; memsz: number; align: number }[] = [];
  for (const s of exe.sections) if (!s.nobits) end = Math.max(end, s.fileOffset + s.size);
  for (const seg of exe.segments) end = Math.max(end, seg.fileOffset + seg.bytes.length);
  const naOffsets: number[] = [];
  for (const s of nonAlloc) {
    end = Math.ceil(end / s.align) * s.align;
    naOffsets.push(end);
    end += s.data.length;
  }
  const shoff = Math.ceil(end / 8) * 8;
  const shnum = 1 + exe.sections.length + nonAlloc.length;
  const total = shoff + shnum * C.SHDR_SIZE;
  const out = new Uint8Array(total);
  for (const s of exe.sections) if (!s.nobits) out.set(s.data, s.fileOffset);
  nonAlloc.forEach((s, i) => out.set(s.data, naOffsets[i]));

  if (exe.attributes.length) {
    phdrs.push({ type: C.PT_RISCV_ATTRIBUTES, flags: C.PF_R, offset: naOffsets[nonAlloc.findIndex((s) => s.name === '.riscv.attributes')], vaddr: 0n, filesz: exe.attributes.length, memsz: 0, align: 1 });
  }
  for (const seg of exe.segments) {
    phdrs.push({ type: C.PT_LOAD, flags: seg.flags, offset: seg.fileOffset, vaddr: seg.address, filesz: seg.bytes.length, memsz: seg.memsz, align: 0x1000 });
  }
  for (const n of noteSegments(exe)) {
    const a = exe.sections[n.first], z = exe.sections[n.last];
    const size = Number(z.address - a.address) + z.size;
    phdrs.push({ type: C.PT_NOTE, flags: C.PF_R, offset: a.fileOffset, vaddr: a.address, filesz: size, memsz: size, align: a.align });
  }
  const tls = exe.sections.filter((s) => s.flags & C.SHF_TLS);
  if (tls.length) {
    const a = tls[0], z = tls[tls.length - 1];
    const fileTls = tls.filter((s) => !s.nobits);
    phdrs.push({ type: C.PT_TLS, flags: C.PF_R, offset: a.fileOffset, vaddr: a.address,
      filesz: fileTls.reduce((n, s) => Math.max(n, Number(s.address - a.address) + s.size), 0),
      memsz: Number(z.address - a.address) + z.size, align: Math.max(...tls.map((s) => s.align)) });
  }
  const w = new Writer();
  for (const p of phdrs) w.u32(p.type).u32(p.flags).u64(p.offset).u64(p.vaddr).u64(p.vaddr).u64(p.filesz).u64(p.memsz).u64(p.align);
  const ph = w.finish();
  if (C.EHDR_SIZE + ph.length <= (exe.sections[0]?.fileOffset ?? Infinity) || exe.sections.length === 0) out.set(ph, C.EHDR_SIZE);

  const sh = new Writer();
  sh.zeros(C.SHDR_SIZE);
  exe.sections.forEach((s, i) => {
    sh.u32(nameOff[i]).u32(s.type).u64(s.flags).u64(s.address).u64(s.fileOffset).u64(s.size).u32(0).u32(0).u64(s.align).u64(entsizeOf(s.entsize ?? 0, s.type));
  });
  nonAlloc.forEach((s, i) => {
    sh.u32(nameOff[exe.sections.length + i]).u32(s.type).u64(s.flags).u64(0).u64(naOffsets[i]).u64(s.data.length)
      .u32(s.link ?? 0).u32(s.info ?? 0).u64(s.align).u64(s.entsize);
  });
  out.set(sh.finish(), shoff);
  writeElfHeader(out, { type: C.ET_EXEC, entry: exe.entry, phoff: phdrs.length ? C.EHDR_SIZE : 0, phnum: phdrs.length, shoff, shnum, shstrndx: shnum - 1, flags: exe.eflags });
  return out;
}
