/**
 * Generates the instruction part of the differential corpus: for every entry
 * of the instruction table, a few instances with random (seeded) operands
 * that the entry accepts. Run: node out/test/asm/gen-corpus.js
 * It rewrites test/asm/corpus/gen-*.s; the files are checked in so a test
 * run does not depend on the generator.
 */
import * as fs from 'fs';
import * as path from 'path';
import { OPERANDS, parseSyntax } from '../../engine/isa/operands';
import { INSNS } from '../../engine/isa/table';
import type { InsnSpec, OperandKind } from '../../engine/isa/types';
import { xRegName } from '../../engine/isa/registers';

let seed = 0x5eed1234;
function rnd(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return ((seed >>> 8) % n + n) % n;
}

const CSR_SAMPLE = ['mstatus', 'mepc', 'mcause', 'mtvec', 'sstatus', 'satp', 'fcsr', 'frm', 'fflags', 'mscratch', '0x7c0', 'cycle', 'time', 'instret', 'mhartid', 'sie', 'hstatus', 'vsatp'];
const RM = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'dyn'];

function immFor(kind: OperandKind): number {
  const info = OPERANDS[kind];
  for (let tries = 0; tries < 200; tries++) {
    const span = info.max - info.min;
    let v: number;
    const pick = rnd(4);
    if (pick === 0) v = info.min;
    else if (pick === 1) v = info.max;
    else v = info.min + rnd(span + 1);
    if (info.align > 1) v -= ((v % info.align) + info.align) % info.align;
    if (!info.check(v)) return v;
  }
  return info.min;
}

function regName(file: 'x' | 'f', n: number): string {
  if (file === 'f') return rnd(2) ? `f${n}` : ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5', 'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'][n];
  return rnd(2) ? `x${n}` : xRegName(n);
}

/** One instance of `spec`, or undefined when no operands satisfy its constraint. */
function instance(spec: InsnSpec, label: string): string | undefined {
  const syn = parseSyntax(spec.syntax);
  for (let tries = 0; tries < 100; tries++) {
    const vals = new Map<OperandKind, number>();
    const texts: string[] = [];
    let word = spec.match >>> 0;
    let usesTarget = false;
    for (let k = 0; k < syn.kinds.length; k++) {
      const kind = syn.kinds[k];
      const info = OPERANDS[kind];
      if (syn.optional[k] && rnd(2) === 0) {
        texts.push('');
        continue;
      }
      let text: string;
      let v = 0;
      if (info.regFile) {
        if (info.sameAs) v = vals.get(info.sameAs) ?? 0;
        else if (info.fixed !== undefined) v = info.fixed;
        else v = info.min + rnd(info.max - info.min + 1);
        text = regName(info.regFile, v);
      } else if (info.pcRelative) {
        usesTarget = true;
        text = label;
      } else if (kind === 'csr') {
        text = CSR_SAMPLE[rnd(CSR_SAMPLE.length)];
      } else if (kind === 'rm') {
        text = RM[rnd(RM.length)];
        v = [0, 1, 2, 3, 4, 7][RM.indexOf(text)];
      } else if (kind === 'pred' || kind === 'succ') {
        v = 1 + rnd(15);
        text = (v & 8 ? 'i' : '') + (v & 4 ? 'o' : '') + (v & 2 ? 'r' : '') + (v & 1 ? 'w' : '');
      } else if (info.fixed !== undefined) {
        v = info.fixed;
        text = String(v);
      } else {
        v = immFor(kind);
        text = kind === 'uimm20' || kind === 'c_lui' ? `0x${v.toString(16)}` : String(v);
      }
      vals.set(kind, v);
      word = (word | info.encode(v)) >>> 0;
      texts.push(text);
    }
    if (spec.constraint && !usesTarget && !spec.constraint(word)) continue;
    let out = '';
    for (let k = 0; k < syn.kinds.length; k++) {
      if (texts[k] === '') {
        // optional operand left out: drop its separator too
        continue;
      }
      out += syn.seps[k] + texts[k];
    }
    out += syn.seps[syn.kinds.length];
    return `${spec.name}${out ? ' ' + out : ''}`;
  }
  return undefined;
}

function marchFor(specs: InsnSpec[]): string {
  const exts = new Set(specs.flatMap((s) => s.ext));
  let m = exts.has('C') ? 'rv64gc' : 'rv64g';
  if (exts.has('H')) m += 'h';
  for (const z of ['Zba', 'Zbb', 'Zbc', 'Zbs', 'Zihintpause']) if (exts.has(z as never)) m += '_' + z.toLowerCase();
  return m;
}

function main(): void {
  const dir = path.join(__dirname, '../../../test/asm/corpus');
  for (const f of fs.readdirSync(dir)) if (f.startsWith('gen-')) fs.unlinkSync(path.join(dir, f));
  const groups = new Map<string, InsnSpec[]>();
  for (const s of INSNS) {
    if (s.xlen === 32) continue;
    const key = (s.ext.filter((e) => e !== 'C').join('_').toLowerCase() || 'i') + (s.len === 2 ? '-c' : '');
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(s);
  }
  let files = 0;
  for (const [pass, passSeed] of [0x5eed1234, 0x0badf00d, 0x13572468].entries()) {
  seed = passSeed;
  for (const [key, specs] of groups) {
    const chunk = 24;
    for (let i = 0; i < specs.length; i += chunk) {
      const part = specs.slice(i, i + chunk);
      const lines: string[] = [`# march: ${marchFor(part)}`, '# generated by test/asm/gen-corpus.ts: every table entry with random operands', '\t.text', 'top:'];
      let n = 0;
      for (const s of part) {
        for (let r = 0; r < 3; r++) {
          const label = rnd(3) === 0 || n === 0 ? 'top' : rnd(2) ? `.Lb${n}` : `${1 + rnd(3)}b`;
          const insn = instance(s, label);
          if (!insn) continue;
          lines.push(`.Lb${n + 1}:`, `${1 + (n % 3)}:`, `\t${insn}`);
          n++;
        }
      }
      lines.push('\tret', '');
      fs.writeFileSync(path.join(dir, `gen-${key}-${i / chunk}${pass ? `-s${pass}` : ''}.s`), lines.join('\n'));
      files++;
    }
  }
  }
  console.log(`wrote ${files} files`);
}

main();
