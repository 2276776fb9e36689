/**
 * Decoding for execution. Candidate entries are bucketed once by the bits
 * every entry fixes (opcode + funct3 for 32-bit words, quadrant + funct3 for
 * compressed ones), so a lookup scans a handful of entries. The CPU caches
 * results per address, so this is not on the per-instruction hot path, but it
 * must stay cheap for self-modifying and freshly loaded code.
 *
 * Compressed instructions come back in their base instruction's terms
 * (`exec`, register numbers, byte offsets), so the CPU implements base
 * semantics only.
 */
import type { DecodedInsn, InsnSpec, OperandKind } from './types';
import { INSNS } from './table';
import { OPERANDS, parseSyntax } from './operands';

/** Length of the instruction whose first halfword is given. Encodings
 * longer than 32 bits (low bits 11111) are not implemented; they report 4,
 * and the 32-bit decode of them fails, so they execute as illegal. */
export function insnLength(firstHalfword: number): 2 | 4 {
  return (firstHalfword & 3) === 3 ? 4 : 2;
}

const key32 = (w: number): number => (w & 0x7f) | ((w >>> 5) & 0x380);
const key16 = (w: number): number => (w & 3) | ((w >>> 11) & 0x1c);

function bucketize(len: 2 | 4, withAliases: boolean): InsnSpec[][] {
  const keyBits = len === 4 ? 0x707f : 0xe003;
  const keyOf = len === 4 ? key32 : key16;
  const buckets: InsnSpec[][] = Array.from({ length: len === 4 ? 1024 : 32 }, () => []);
  for (const s of INSNS) {
    if ((s.alias && !withAliases) || s.len !== len || (s.xlen !== undefined && s.xlen !== 64)) continue;
    // Enumerate the key bits this entry leaves free.
    const free = keyBits & ~s.mask;
    const freeBits: number[] = [];
    for (let b = 0; b < 16; b++) if (free & (1 << b)) freeBits.push(1 << b);
    for (let n = 0; n < 1 << freeBits.length; n++) {
      let w = s.match & keyBits;
      for (let i = 0; i < freeBits.length; i++) if (n & (1 << i)) w |= freeBits[i];
      buckets[keyOf(w)].push(s);
    }
  }
  return buckets;
}

let B32: InsnSpec[][] | undefined;
let B16: InsnSpec[][] | undefined;
let A32: InsnSpec[][] | undefined;
let A16: InsnSpec[][] | undefined;

/** Entries (table order) that may accept a word with this opcode and funct3;
 * with aliases for the disassembler's alias mode. */
export function candidates(w: number, len: 2 | 4, withAliases: boolean): readonly InsnSpec[] {
  if (withAliases) return len === 4 ? (A32 ??= bucketize(4, true))[key32(w)] : (A16 ??= bucketize(2, true))[key16(w)];
  return len === 4 ? (B32 ??= bucketize(4, false))[key32(w)] : (B16 ??= bucketize(2, false))[key16(w)];
}

/** The first non-alias entry (table order) that accepts the word. */
export function matchEntry(word: number, len: 2 | 4): InsnSpec | undefined {
  const w = len === 2 ? word & 0xffff : word >>> 0;
  const list = candidates(w, len, false);
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (((w & s.mask) >>> 0) === s.match && (!s.constraint || s.constraint(w))) return s;
  }
  return undefined;
}

const RD_KINDS = new Set<OperandKind>(['rd', 'fd', 'c_rd', 'c_rdp', 'c_fdp']);
const RS1_KINDS = new Set<OperandKind>(['rs1', 'fs1', 'fs12', 'c_rs1', 'c_rs1p']);
const RS2_KINDS = new Set<OperandKind>(['rs2', 'fs2', 'c_rs2', 'c_rs2p', 'c_fs2p', 'c_fs2']);
const NOT_IMM = new Set<OperandKind>([
  ...RD_KINDS, ...RS1_KINDS, ...RS2_KINDS, 'fs3', 'csr', 'rm', 'pred', 'succ', 'c_sp', 'zero', 'imm0', 'c_rd_same', 'c_rs1p_same',
]);

/** Compressed forms whose single register field is both source and destination. */
const RD_IS_RS1 = new Set(['c.addi', 'c.addiw', 'c.add', 'c.slli', 'c.slli64', 'c.addi16sp']);
const RS1_IS_RD = new Set(['c.sub', 'c.and', 'c.or', 'c.xor', 'c.addw', 'c.subw', 'c.andi', 'c.srli', 'c.srai', 'c.srli64', 'c.srai64']);

interface Fields { rd: number; rs1: number; rs2: number; rs3: number; imm: number; csr: number; rm: number; flags: number }

function extract(spec: InsnSpec, w: number): Fields {
  const f: Fields = { rd: 0, rs1: 0, rs2: 0, rs3: 0, imm: 0, csr: 0, rm: 0, flags: 0 };
  const kinds = parseSyntax(spec.syntax).kinds;
  for (const k of kinds) {
    const v = OPERANDS[k].decode(w);
    if (RD_KINDS.has(k)) f.rd = v;
    else if (RS1_KINDS.has(k)) {
      f.rs1 = v;
      if (k === 'fs12') f.rs2 = v;
    } else if (RS2_KINDS.has(k)) f.rs2 = v;
    else if (k === 'fs3') f.rs3 = v;
    else if (k === 'csr') f.csr = v;
    else if (k === 'rm') f.rm = v;
    else if (k === 'pred') f.flags |= v << 4;
    else if (k === 'succ') f.flags |= v;
    else if (k === 'c_sp') f.rs1 = 2;
    else if (k === 'uimm20') f.imm = (w & 0xfffff000) | 0;
    else if (k === 'c_lui') f.imm = OPERANDS.c_luiv.decode(w);
    else if (!NOT_IMM.has(k)) f.imm = v;
  }
  return f;
}

function build(spec: InsnSpec, w: number): DecodedInsn | undefined {
  const f = extract(spec, w);
  const exec = spec.base ?? spec.name;
  if (spec.len === 2) {
    const n = spec.name;
    if (n === 'c.unimp') return undefined;
    if (n === 'c.addi16sp') {
      if (f.imm === 0) return undefined; // reserved
      f.rd = 2;
    }
    if (RD_IS_RS1.has(n)) f.rs1 = f.rd;
    else if (RS1_IS_RD.has(n)) f.rd = f.rs1;
    else if (n === 'c.jalr') f.rd = 1;
  } else {
    // Entries whose operands are implied by the encoding rather than written.
    if (exec === 'fence') f.flags = (w >>> 20) & 0xff;
    else if (spec.name === 'unimp') f.csr = w >>> 20;
    else if (/^(lr|sc|amo)/.test(exec)) f.flags = (w >>> 25) & 3;
  }
  return {
    spec, exec, len: spec.len, word: spec.len === 2 ? w & 0xffff : w >>> 0,
    rd: f.rd, rs1: f.rs1, rs2: f.rs2, rs3: f.rs3, imm: f.imm, csr: f.csr, rm: f.rm, flags: f.flags,
  };
}

/**
 * Decode the instruction in `word` (its low 16 bits when compressed; the
 * upper half is ignored then). undefined for unknown and reserved encodings,
 * which the CPU raises as illegal-instruction.
 */
export function decode(word: number): DecodedInsn | undefined {
  const len = insnLength(word & 0xffff);
  const w = len === 2 ? word & 0xffff : word >>> 0;
  const spec = matchEntry(w, len);
  return spec ? build(spec, w) : undefined;
}

/** Every `exec` name decode() can produce: the base instructions the CPU implements. */
export function execNames(): Set<string> {
  const out = new Set<string>();
  for (const s of INSNS) {
    if (s.alias || s.name === 'c.unimp') continue;
    out.add(s.base ?? s.name);
  }
  return out;
}
