/**
 * Everything the language server knows about the ISA, read from the engine's
 * tables: mnemonics and their operand syntaxes, pseudo-instructions, register
 * and CSR names, directives. The server keeps no list of its own, so a new
 * table entry shows up in completion, hover and semantic tokens at once.
 */
import { DIRECTIVES } from '../engine/asm/assembler';
import { csrNumber, CSR_NAMES } from '../engine/asm/registers';
import { CSRS, csrByName, csrByNumber, type CsrInfo } from '../engine/isa/csrs';
import { OPERANDS, parseSyntax } from '../engine/isa/operands';
import { parseFReg, parseXReg, registerInfo, F_REGISTERS, X_REGISTERS } from '../engine/isa/registers';
import { INSNS, MNEMONICS, PSEUDOS, lookupMnemonic, type PseudoSpec } from '../engine/isa/table';
import type { InsnSpec, OperandKind } from '../engine/isa/types';

export { OPERANDS, parseSyntax, registerInfo, csrByNumber, csrByName, X_REGISTERS, F_REGISTERS, INSNS, CSRS };
export type { InsnSpec, OperandKind, CsrInfo, PseudoSpec };

const pseudoByName = new Map<string, PseudoSpec[]>();
for (const p of PSEUDOS) {
  let l = pseudoByName.get(p.name);
  if (!l) pseudoByName.set(p.name, (l = []));
  l.push(p);
}

/** Table entries for a mnemonic (lower-cased lookup). */
export function insnSpecs(name: string): readonly InsnSpec[] {
  return lookupMnemonic(name);
}

/** The multi-instruction pseudo forms of a mnemonic (li, la, call, lw sym…). */
export function pseudoSpecs(name: string): readonly PseudoSpec[] {
  return pseudoByName.get(name.toLowerCase()) ?? [];
}

export function isMnemonic(name: string): boolean {
  return insnSpecs(name).length > 0 || pseudoSpecs(name).length > 0;
}

/** Every mnemonic the assembler accepts, table order, then pseudo-only ones. */
export const ALL_MNEMONICS: readonly string[] = (() => {
  const seen = new Set(MNEMONICS);
  const out = [...MNEMONICS];
  for (const p of PSEUDOS) if (!seen.has(p.name)) {
    seen.add(p.name);
    out.push(p.name);
  }
  return out;
})();

export const ALL_DIRECTIVES: readonly string[] = DIRECTIVES;

export function isDirective(name: string): boolean {
  return DIRECTIVES.includes(name.toLowerCase());
}

/** Canonical identity of a register written by any name ('x1' for ra), or undefined. */
export function registerKey(name: string): string | undefined {
  const x = parseXReg(name);
  if (x !== undefined) return `x${x}`;
  const f = parseFReg(name);
  if (f !== undefined) return `f${f}`;
  return undefined;
}

export function isRegister(name: string): boolean {
  return registerKey(name) !== undefined;
}

/** CSR number for a name the assembler accepts (including legacy names). */
export function csrNumberOf(name: string): number | undefined {
  return csrNumber(name) ?? csrByName(name)?.num;
}

export const ASSEMBLER_CSR_NAMES: readonly string[] = CSR_NAMES;

/** Register file an operand kind takes, if it is a register. */
export function regFileOf(kind: OperandKind): 'x' | 'f' | undefined {
  return OPERANDS[kind].regFile;
}

/** Readable name of an operand kind for signature help and snippets. */
export function operandLabel(kind: OperandKind): string {
  switch (kind) {
    case 'rd': case 'c_rd': case 'c_rdp': return 'rd';
    case 'rs1': case 'c_rs1': case 'c_rs1p': case 'c_rs1p_same': case 'c_rd_same': return 'rs1';
    case 'rs2': case 'c_rs2': case 'c_rs2p': return 'rs2';
    case 'fd': case 'c_fdp': return 'fd';
    case 'fs1': case 'fs12': return 'fs1';
    case 'fs2': case 'c_fs2p': case 'c_fs2': return 'fs2';
    case 'fs3': return 'fs3';
    case 'bimm': case 'jimm': case 'c_bimm': case 'c_jimm': return 'label';
    case 'csr': return 'csr';
    case 'zimm5': return 'uimm5';
    case 'rm': return 'rm';
    case 'pred': return 'pred';
    case 'succ': return 'succ';
    case 'zero': return 'zero';
    case 'c_sp': return 'sp';
    case 'uimm20': case 'c_lui': return 'imm20';
    case 'shamt5': case 'shamt6': case 'c_shamt': return 'shamt';
    default: return 'imm';
  }
}

/** Operand description for signature help: range, alignment, bits. */
export function operandDoc(kind: OperandKind): string {
  const o = OPERANDS[kind];
  if (o.regFile) {
    if (o.fixed !== undefined) return `must be ${o.regFile === 'x' ? (o.fixed === 2 ? 'sp' : 'zero') : 'f' + o.fixed}`;
    if (o.min === 8) return `${o.regFile === 'x' ? 'integer' : 'FP'} register x8..x15 (s0, s1, a0..a5), bits ${o.bits}`;
    return `${o.regFile === 'x' ? 'integer' : 'floating-point'} register, bits ${o.bits}`;
  }
  if (kind === 'csr') return 'CSR name or number 0..4095, bits [31:20]';
  if (kind === 'rm') return 'rounding mode (rne, rtz, rdn, rup, rmm, dyn); default dyn';
  if (kind === 'pred' || kind === 'succ') return `fence set: a subset of "iorw", bits ${o.bits}`;
  const parts = [`${o.min}..${o.max}`];
  if (o.align > 1) parts.push(`multiple of ${o.align}`);
  if (o.nonzero) parts.push('nonzero');
  if (o.pcRelative) parts.push('pc-relative: a label or offset');
  return `${parts.join(', ')}; bits ${o.bits}`;
}

/** Splits a pseudo syntax ("rd, symbol, rt") into its operand names. */
export function pseudoOperands(syntax: string): string[] {
  return syntax.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Operand names of a table syntax, for display: "rd, imm(rs1)". */
export function displaySyntax(spec: InsnSpec): string {
  const p = parseSyntax(spec.syntax);
  let s = '';
  for (let i = 0; i < p.kinds.length; i++) {
    s += p.seps[i].replace(/,/g, ', ');
    s += operandLabel(p.kinds[i]) + (p.optional[i] ? '?' : '');
  }
  s += p.seps[p.kinds.length];
  return s;
}

/** All CSR names the assembler accepts, with their info when the table has it. */
export function csrCompletions(): { name: string; num: number; info?: CsrInfo }[] {
  const out: { name: string; num: number; info?: CsrInfo }[] = [];
  const seen = new Set<string>();
  for (const c of CSRS) {
    if (c.rv32Only) continue;
    seen.add(c.name);
    out.push({ name: c.name, num: c.num, info: c });
  }
  for (const n of CSR_NAMES) if (!seen.has(n)) {
    const num = csrNumber(n)!;
    out.push({ name: n, num, info: csrByNumber(num) });
  }
  return out;
}
