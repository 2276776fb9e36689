/**
 * What the assembler actually produced for each statement: the instruction
 * words at each source position (from the object's line table), decoded by
 * the engine. Hover shows real encodings and pseudo-instruction expansions
 * from this, and the lints reason about real control flow.
 */
import type { AssembleResult } from '../../engine/asm/index';
import { decode, insnLength } from '../../engine/isa/decode';
import { disassembleInsn } from '../../engine/isa/disasm';
import type { DecodedInsn } from '../../engine/isa/types';
import { pseudoSpecs } from '../engine-info';

export interface EmittedInsn {
  /** 1-based column the line table gives (the statement's or its mnemonic's). */
  column: number;
  section: number;
  sectionName: string;
  offset: number;
  word: number;
  len: 2 | 4;
  decoded: DecodedInsn | undefined;
  /** First instruction of its line-table row (the rest follow it up to the next row). */
  first: boolean;
}

/** Most instructions one statement expands to (li of a 64-bit constant). */
const MAX_EXPANSION = 8;

export interface Emitted {
  /** Key: `${file}\n${line1}` (1-based, as the line table has them). */
  byStmt: Map<string, EmittedInsn[]>;
}

const cache = new WeakMap<AssembleResult, Emitted>();

export function lineKey(file: string, line0: number): string {
  return `${file}\n${line0 + 1}`;
}

export function emitted(r: AssembleResult): Emitted {
  const hit = cache.get(r);
  if (hit) return hit;
  const byStmt = new Map<string, EmittedInsn[]>();
  // where each row's bytes end: the next row's offset in the same section (the
  // line table may hold one row per instruction or one per statement)
  const next = new Map<number, number[]>();
  for (const row of r.object.lines) {
    let l = next.get(row.section);
    if (!l) next.set(row.section, (l = []));
    l.push(row.offset);
  }
  for (const l of next.values()) l.sort((x, y) => x - y);
  const endOf = (section: number, offset: number, size: number): number => {
    const l = next.get(section)!;
    let lo = 0;
    let hi = l.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (l[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo < l.length ? l[lo] : size;
  };
  for (const row of r.object.lines) {
    const sec = r.object.sections[row.section];
    if (!sec) continue;
    const d = sec.data;
    const end = Math.min(endOf(row.section, row.offset, d.length), d.length);
    const k = `${row.file}\n${row.line}`;
    let l = byStmt.get(k);
    if (!l) byStmt.set(k, (l = []));
    let off = row.offset;
    for (let n = 0; n < MAX_EXPANSION && off + 2 <= end; n++) {
      const half = d[off] | (d[off + 1] << 8);
      const len = insnLength(half);
      if (off + len > d.length) break;
      const word = len === 2 ? half : (half | (d[off + 2] << 16) | (d[off + 3] << 24)) >>> 0;
      l.push({ column: row.column, section: row.section, sectionName: sec.name, offset: off, word, len, decoded: decode(word), first: n === 0 });
      off += len;
    }
  }
  // rows of one line by column, for the binary search in insnsAt (stable: emission order kept per column)
  for (const l of byStmt.values()) if (l.length > 1) l.sort((x, y) => x.column - y.column);
  const e = { byStmt };
  cache.set(r, e);
  return e;
}

/**
 * Instructions emitted for the statement spanning columns [col0, endCol0] of a
 * line (0-based). `multi`: the statement may expand to several instructions
 * (a pseudo-instruction); otherwise only the first of each row counts, so data
 * that follows an instruction is never decoded as code.
 */
export function insnsAt(r: AssembleResult | undefined, file: string, line0: number, col0: number, endCol0 = Infinity, multi = false): EmittedInsn[] {
  if (!r) return [];
  const all = emitted(r).byStmt.get(lineKey(file, line0));
  if (!all) return [];
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid].column - 1 < col0) lo = mid + 1;
    else hi = mid;
  }
  const out: EmittedInsn[] = [];
  for (let i = lo; i < all.length && all[i].column - 1 <= endCol0; i++) if (multi || all[i].first) out.push(all[i]);
  return out;
}

export function hexWord(i: EmittedInsn): string {
  return i.len === 2 ? i.word.toString(16).padStart(4, '0') : i.word.toString(16).padStart(8, '0');
}

/** objdump-style text of an emitted instruction (addresses relative to its section). */
export function disasm(i: EmittedInsn): string {
  return disassembleInsn(i.word, BigInt(i.offset), { aliases: true }).replace('\t', ' ');
}

/** Whether a statement is a pseudo-instruction that may expand to several instructions. */
export function isPseudo(st: { kind: string; op?: { text: string } }): boolean {
  return st.kind === 'insn' && !!st.op && pseudoSpecs(st.op.text).length > 0;
}
