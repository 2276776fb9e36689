/**
 * Helpers for differential tests against GNU binutils: assemble corpus files
 * with GNU as, link with GNU ld or ours, and compare executables through our
 * ELF reader (sections, segments, symbols, entry) and objdump's line dump.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { run, runStatus } from '../support/tools';
import { readElf, ParsedElf } from '../../engine/elf/read';
import { objectFromElf } from '../../engine/elf/object-from-elf';
import * as C from '../../engine/elf/constants';
import type { ObjectFile } from '../../engine/obj/types';

export const CORPUS = path.join(__dirname, '..', '..', '..', 'test', 'link', 'corpus');
export const AS = 'riscv64-unknown-elf-as';
export const LD = 'riscv64-unknown-elf-ld';
export const OBJDUMP = 'riscv64-unknown-elf-objdump';

export interface Case {
  name: string;
  files: string[];
  march?: string;
  asFlags?: string[];
}

/** The corpus: single files and multi-object programs. */
export const CASES: Case[] = [
  { name: 'main+lib', files: ['main.s', 'lib.s'] },
  { name: 'sections', files: ['sections.s'] },
  { name: 'pcrel', files: ['pcrel.s'] },
  { name: 'hilo', files: ['hilo.s'] },
  { name: 'datarel+other', files: ['datarel.s', 'other.s'] },
  { name: 'branches', files: ['branches.s'] },
  { name: 'align', files: ['align.s'] },
  { name: 'weak+strong', files: ['weak.s', 'strong.s'] },
  { name: 'linkersyms', files: ['linkersyms.s'] },
  { name: 'textonly', files: ['textonly.s'] },
  { name: 'bigdata', files: ['bigdata.s'] },
  { name: 'subsections', files: ['subsections.s'] },
  { name: 'locals', files: ['locals.s'] },
  { name: 'nocompress', files: ['nocompress.s'], march: 'rv64g' },
  { name: 'four objects', files: ['lib.s', 'main.s', 'other.s', 'strong.s'] },
  { name: 'dataonly', files: ['dataonly.s'] },
  { name: 'orphans', files: ['orphans.s'] },
  { name: 'edata', files: ['edata.s'] },
  { name: 'tls', files: ['tls.s'] },
  { name: 'tdataonly', files: ['tdataonly.s'] },
  { name: 'rosdata', files: ['rosdata.s'] },
  { name: 'merge', files: ['merge1.s', 'merge2.s'] },
];

export function assemble(dir: string, file: string, march = 'rv64gc', extra: string[] = []): string {
  const out = path.join(dir, path.basename(file, '.s') + '.o');
  run(AS, ['-mno-relax', `-march=${march}`, '-g', ...extra, '-o', out, path.join(CORPUS, file)], { cwd: dir });
  return out;
}

export function ldLink(dir: string, objs: string[], out: string, extra: string[] = []): { ok: boolean; stderr: string } {
  const r = runStatus(LD, ['--no-relax', '-Ttext', '0x80000000', ...extra, '-o', path.join(dir, out), ...objs], { cwd: dir });
  return { ok: r.status === 0, stderr: r.stderr };
}

export function parse(file: string): ParsedElf {
  const r = readElf(new Uint8Array(fs.readFileSync(file)));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.elf;
}

export function loadObject(file: string): ObjectFile {
  const r = objectFromElf(parse(file));
  if (!r.ok) throw new Error(`${file}: ${r.error}`);
  return r.object;
}

const hexOf = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Symbols compared: everything but mapping ($x/$d), file and section symbols. */
export function symbolSet(elf: ParsedElf): string[] {
  return elf.symbols
    .filter((s) => s.index !== 0 && s.type !== C.STT_FILE && s.type !== C.STT_SECTION && !/^\$[xd]/.test(s.name))
    .map((s) => {
      const sec = s.shndx === C.SHN_ABS ? 'ABS' : s.shndx === C.SHN_UNDEF ? 'UND' : s.sectionName;
      return `${s.name} 0x${s.value.toString(16)} size=${s.size} type=${s.type} bind=${s.bind} in ${sec}`;
    })
    .sort();
}

export function allocSections(elf: ParsedElf) {
  return elf.sections
    .filter((s) => s.flags & C.SHF_ALLOC)
    .map((s) => ({ name: s.name, addr: '0x' + s.addr.toString(16), size: s.size, type: s.type, flags: s.flags, align: s.addralign, offset: s.offset, data: hexOf(s.data) }));
}

export function programHeaders(elf: ParsedElf) {
  return elf.segments.map((p) => ({ type: p.type, flags: p.flags, offset: p.offset, vaddr: '0x' + p.vaddr.toString(16), paddr: '0x' + p.paddr.toString(16), filesz: p.filesz, memsz: p.memsz, align: p.align }));
}

/** Asserts two executables agree on everything the loader and debugger use. */
export function assertSameExecutable(ours: string, theirs: string): void {
  const a = parse(ours), b = parse(theirs);
  assert.equal('0x' + a.header.entry.toString(16), '0x' + b.header.entry.toString(16), 'entry');
  assert.equal(a.header.flags, b.header.flags, 'e_flags');
  assert.deepEqual(allocSections(a), allocSections(b), 'allocated sections');
  assert.deepEqual(programHeaders(a), programHeaders(b), 'program headers');
  assert.deepEqual(symbolSet(a), symbolSet(b), 'symbols');
}

/** objdump's decoded line table, without the line naming the file. */
export function decodedLines(file: string): string {
  return run(OBJDUMP, ['--dwarf=decodedline', file]).split('\n').filter((l) => !l.includes('file format')).join('\n');
}
