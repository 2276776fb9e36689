/**
 * Differential comparison of our assembler against GNU as: both outputs are
 * reduced to the same normal form (section bytes and attributes, symbols
 * without mapping/file symbols, relocations by symbol name) and diffed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readElf } from '../../engine/elf/read';
import { assemble } from '../../engine/asm';
import type { ObjectFile } from '../../engine/obj/types';
import { runStatus, tempDir } from '../support/tools';

export interface Normal {
  sections: Map<string, { bytes: string; size: number; flags: string; align: number }>;
  symbols: string[];
  relocs: Map<string, string[]>;
  eflags: number;
  arch: string;
}

const SHF_WRITE = 1;
const SHF_ALLOC = 2;
const SHF_EXEC = 4;
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const BIND = ['local', 'global', 'weak'];
const TYPE = ['notype', 'object', 'func', 'section', 'file', 'common', 'tls'];

function skipSym(name: string, type: string): boolean {
  return type === 'file' || name === '$d' || name.startsWith('$x') || name === '';
}

/** GNU's object, assembled from `source` with the given -march. */
export function gnuNormal(source: string, march: string | undefined, dir = tempDir('asm'), relax = false): Normal | { error: string } {
  const src = path.join(dir, 'in.s');
  const obj = path.join(dir, 'out.o');
  fs.writeFileSync(src, source);
  const args = [relax ? '-mrelax' : '-mno-relax', ...(march ? [`-march=${march}`] : []), '-o', obj, src];
  const r = runStatus('riscv64-unknown-elf-as', args, { cwd: dir });
  if (r.status !== 0) return { error: r.stderr };
  const parsed = readElf(new Uint8Array(fs.readFileSync(obj)));
  if (!parsed.ok) return { error: parsed.error };
  const elf = parsed.elf;
  const n: Normal = { sections: new Map(), symbols: [], relocs: new Map(), eflags: elf.header.flags, arch: elf.arch ?? '' };
  for (const s of elf.sections) {
    if (s.type !== 1 && s.type !== 8 && s.type !== 7) continue; // PROGBITS, NOBITS, NOTE
    const flags = `${s.flags & SHF_ALLOC ? 'a' : ''}${s.flags & SHF_WRITE ? 'w' : ''}${s.flags & SHF_EXEC ? 'x' : ''}`;
    n.sections.set(s.name, { bytes: s.type === 8 ? '' : hex(s.data), size: s.size, flags, align: s.addralign });
  }
  const secName = (idx: number) => (idx === 0 ? 'UND' : idx === 0xfff1 ? 'ABS' : idx === 0xfff2 ? 'COM' : elf.sections[idx]?.name ?? `#${idx}`);
  for (const s of elf.symbols) {
    if (s.index === 0) continue;
    const type = TYPE[s.type] ?? String(s.type);
    const name = type === 'section' ? secName(s.shndx) : s.name;
    if (skipSym(name, type) || name === '.riscv.attributes') continue;
    n.symbols.push(`${name}|${secName(s.shndx)}|${s.value}|${s.size}|${BIND[s.bind]}|${type}`);
  }
  n.symbols.sort();
  for (const rs of elf.relocations) {
    const target = elf.sections[rs.target].name;
    const list = rs.relocs.map((r) => {
      const sym = elf.symbols[r.symbol];
      const name = !sym || r.symbol === 0 ? '' : (TYPE[sym.type] === 'section' ? secName(sym.shndx) : sym.name);
      return `${r.offset}|${r.type}|${name}|${r.addend}`;
    });
    n.relocs.set(target, list.sort());
  }
  return n;
}

export function ourNormal(obj: ObjectFile): Normal {
  const n: Normal = { sections: new Map(), symbols: [], relocs: new Map(), eflags: obj.eflags, arch: obj.arch };
  for (const s of obj.sections) {
    const flags = `${s.alloc ? 'a' : ''}${s.write ? 'w' : ''}${s.exec ? 'x' : ''}`;
    n.sections.set(s.name, { bytes: s.kind === 'nobits' ? '' : hex(s.data), size: s.size, flags, align: s.align });
    if (s.relocs.length) {
      n.relocs.set(s.name, s.relocs.map((r) => `${r.offset}|${r.type}|${r.symbol < 0 ? '' : obj.symbols[r.symbol].name}|${r.addend}`).sort());
    }
  }
  for (const s of obj.symbols) {
    if (skipSym(s.name, s.type)) continue;
    const sec = typeof s.section === 'number' ? obj.sections[s.section].name : s.section === 'abs' ? 'ABS' : s.section === 'common' ? 'COM' : 'UND';
    n.symbols.push(`${s.name}|${sec}|${s.value}|${s.size}|${s.binding}|${s.type}`);
  }
  n.symbols.sort();
  return n;
}

/** Differences between GNU's and our normal forms (empty when equal). */
export function diffNormal(gnu: Normal, ours: Normal): string[] {
  const out: string[] = [];
  if (gnu.eflags !== ours.eflags) out.push(`eflags: gnu 0x${gnu.eflags.toString(16)} ours 0x${ours.eflags.toString(16)}`);
  if (gnu.arch !== ours.arch) out.push(`arch: gnu ${gnu.arch} ours ${ours.arch}`);
  const names = new Set([...gnu.sections.keys(), ...ours.sections.keys()]);
  for (const name of names) {
    const g = gnu.sections.get(name);
    const o = ours.sections.get(name);
    if (!g || !o) {
      // GNU always has .text/.data/.bss; empty extra sections on either side are harmless only if empty
      if ((g && g.size > 0) || (o && o.size > 0)) out.push(`section ${name}: ${g ? 'only in gnu' : 'only in ours'}`);
      continue;
    }
    if (g.bytes !== o.bytes) {
      let i = 0;
      while (i < g.bytes.length && g.bytes[i] === o.bytes[i]) i++;
      const at = Math.floor(i / 2);
      out.push(`section ${name} bytes differ at 0x${at.toString(16)}: gnu ${g.bytes.slice(at * 2 - (at * 2) % 8, at * 2 - (at * 2) % 8 + 16)} ours ${o.bytes.slice(at * 2 - (at * 2) % 8, at * 2 - (at * 2) % 8 + 16)} (sizes ${g.size}/${o.size})`);
    }
    if (g.size !== o.size && g.bytes === o.bytes) out.push(`section ${name} size: gnu ${g.size} ours ${o.size}`);
    if (g.flags !== o.flags) out.push(`section ${name} flags: gnu ${g.flags} ours ${o.flags}`);
    if (g.align !== o.align) out.push(`section ${name} align: gnu ${g.align} ours ${o.align}`);
  }
  const gs = new Set(gnu.symbols);
  const os = new Set(ours.symbols);
  for (const s of gnu.symbols) if (!os.has(s)) out.push(`symbol missing: ${s}`);
  for (const s of ours.symbols) if (!gs.has(s)) out.push(`symbol extra: ${s}`);
  const rnames = new Set([...gnu.relocs.keys(), ...ours.relocs.keys()]);
  for (const name of rnames) {
    const g = gnu.relocs.get(name) ?? [];
    const o = ours.relocs.get(name) ?? [];
    const gset = new Set(g);
    const oset = new Set(o);
    for (const r of g) if (!oset.has(r)) out.push(`reloc missing in ${name}: ${r}`);
    for (const r of o) if (!gset.has(r)) out.push(`reloc extra in ${name}: ${r}`);
    if (g.length !== o.length) out.push(`reloc count in ${name}: gnu ${g.length} ours ${o.length}`);
  }
  return out;
}

/** Assembles with both and returns the differences (or GNU's error). */
export function compareWithGnu(source: string, march: string | undefined, file = 'in.s', relax = false): { diffs: string[]; ourErrors: string[]; gnuError?: string } {
  const gnu = gnuNormal(source, march, tempDir('asm'), relax);
  const ours = assemble(source, { file, march, relax });
  const ourErrors = ours.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.range.start.line}:${d.range.start.column}: ${d.message}`);
  if ('error' in gnu) return { diffs: [], ourErrors, gnuError: gnu.error };
  return { diffs: diffNormal(gnu, ourNormal(ours.object)), ourErrors };
}
