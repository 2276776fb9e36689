/**
 * The assembler's working model, close to GNU as's: each section is a chain
 * of frags; a frag is a run of fixed bytes optionally ended by a
 * variable-size tail (a relaxable branch or an alignment) whose size is only
 * known once addresses are laid out. Symbols point into frags, so their
 * values follow the layout; fixups record what to patch or relocate.
 */
import type { SourcePos } from '../obj/types';
import type { Expr } from './expr';

export interface Section {
  name: string;
  index: number;
  kind: 'progbits' | 'nobits' | 'note';
  alloc: boolean;
  write: boolean;
  exec: boolean;
  merge?: { strings: boolean; entsize: number };
  align: number;          // bytes
  frags: Frag[];
  /** The symbol GNU creates for the section itself. */
  sym?: Sym;
}

export interface BranchTail {
  k: 'branch';
  /** Instruction word with a zero offset field (16-bit for RVC forms). */
  word: number;
  rvc: boolean;
  jump: boolean;
  target: Sym | undefined;   // undefined: absolute target
  addend: bigint;
  length: number;            // current choice: 2, 4, 6 or 8
  pos: SourcePos;
}

export interface AlignTail {
  k: 'align';
  align: number;             // bytes, power of two
  fill: number | undefined;  // byte value, or undefined for code (nops) / zeros
  fillSize: number;          // size of fill pattern (1, 2, 4) for .balignw/.balignl
  max: number | undefined;
  code: boolean;
  rvc: boolean;
}

export type Tail = BranchTail | AlignTail;

export interface Frag {
  sec: Section;
  bytes: number[];
  fixups: Fixup[];
  tail?: Tail;
  /** Address of the frag in its section (after layout). */
  addr: number;
  /** Size of the tail in the current layout. */
  tailSize: number;
  /**
   * Instruction start offsets with their source positions. `row`, on the ones
   * that start a DWARF line-table row, is that row's line (see Assembler.recordLine).
   */
  lines: { off: number; pos: SourcePos; row?: number }[];
}

export type FixKind =
  | 'data'        // plain data word (R_RISCV_32/64, or ADD/SUB pairs)
  | 'branch' | 'jal' | 'rvc_branch' | 'rvc_jump'
  | 'hi20' | 'lo12_i' | 'lo12_s'
  | 'other'        // relocation with zero bytes (pcrel_hi, pcrel_lo, call, tprel, got…)
  | 'align';       // R_RISCV_ALIGN over worst-case nop padding (relax mode)

export interface Fixup {
  frag: Frag;
  off: number;       // within frag.bytes
  size: number;      // bytes patched
  kind: FixKind;
  reloc: number;     // R_RISCV_* for single-symbol fixups
  sym?: Sym;
  sub?: Sym;
  addend: bigint;
  pos: SourcePos;
  endCol: number;
  /** Assembled with linker relaxation on: GNU adds R_RISCV_RELAX next to relaxable relocations. */
  relax?: boolean;
}

export interface Sym {
  name: string;
  /** Defined where: a label in a frag, an absolute value, an expression (.set to a non-constant), or not yet. */
  def: 'label' | 'abs' | 'expr' | 'undef' | 'common';
  sec?: Section;
  frag?: Frag;
  off: number;
  value: bigint;            // for 'abs' (and 'common': size)
  expr?: Expr;
  exprDot?: Sym;            // location of `.` for deferred expressions
  binding: 'local' | 'global' | 'weak';
  type: 'notype' | 'object' | 'func' | 'section' | 'file' | 'tls';
  size?: bigint;
  sizeExpr?: { e: Expr; dot: Sym | undefined };
  pos?: SourcePos;
  /** Referenced by an emitted relocation (makes .L symbols appear). */
  inReloc: boolean;
  /** Internal labels (.L*, numeric-label instances, `.`) are not written unless relocated against. */
  temp: boolean;
  isSection?: boolean;
  /** .equiv: may not be redefined. */
  equiv?: boolean;
  /** Order of creation (GNU writes symbols in this order). */
  order: number;
  /** Is being evaluated (guards against `.set a, a+1` loops). */
  busy?: boolean;
  /** Used in an expression. */
  used: boolean;
  /** Named by .globl/.type/.hidden: GNU writes it even when undefined and unused. */
  declared?: boolean;
}

/** The value of an expression: addend + sym - sub. */
export interface Val {
  add: bigint;
  sym?: Sym;
  sub?: Sym;
  /** A %reloc(...) operator wrapped around it. */
  reloc?: string;
}

export function symAddr(s: Sym): bigint {
  if (s.def === 'label' && s.frag) return BigInt(s.frag.addr + s.off);
  if (s.def === 'abs') return s.value;
  return 0n;
}
