/**
 * The in-memory object model shared by the assembler (which produces it), the
 * ELF writer (which serialises it as a relocatable ELF64 object), the linker
 * (which lays objects out as GNU ld does and produces an executable image) and
 * the debugger (which reads symbols and the source map back from ELF files).
 */

/** Source position, 1-based line and column as editors show them. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type SectionKind = 'progbits' | 'nobits' | 'note' | 'riscv.attributes';

export interface ObjSection {
  name: string;               // ".text", ".data", ".rodata.str1.1", …
  kind: SectionKind;
  alloc: boolean;
  write: boolean;
  exec: boolean;
  /** Merge / strings flags (SHF_MERGE, SHF_STRINGS) with entry size, as GNU as sets them. */
  merge?: { strings: boolean; entsize: number };
  align: number;              // power of two, in bytes
  data: Uint8Array;           // contents (for nobits: zero-length; use `size`)
  size: number;               // bytes (equals data.length for progbits)
  relocs: Reloc[];
}

export interface Reloc {
  offset: number;             // within the section
  type: number;               // R_RISCV_* number (see engine/obj/relocs.ts)
  /** Symbol index in ObjectFile.symbols, or -1 for none (R_RISCV_NONE-like). */
  symbol: number;
  addend: bigint;
}

export type SymbolBinding = 'local' | 'global' | 'weak';
export type SymbolType = 'notype' | 'object' | 'func' | 'section' | 'file';

export interface ObjSymbol {
  name: string;
  /** Index into ObjectFile.sections; 'abs' for absolute; 'undef' for undefined; 'common'. */
  section: number | 'abs' | 'undef' | 'common';
  value: bigint;              // offset within the section (or absolute value)
  size: bigint;
  binding: SymbolBinding;
  type: SymbolType;
  /** Where it was defined, for go-to-definition and diagnostics. */
  pos?: SourcePos;
}

/** One row of the address → source map (becomes DWARF .debug_line). */
export interface LineRow {
  section: number;            // index into ObjectFile.sections
  offset: number;             // within the section
  file: string;
  line: number;
  column: number;
}

export interface ObjectFile {
  sections: ObjSection[];
  symbols: ObjSymbol[];
  lines: LineRow[];
  /**
   * Optional: where a section's line sequence ends (the offset just past its
   * last instruction) when that is not the section's size, e.g. when trailing
   * alignment padding follows the code. Used for DWARF end_sequence.
   */
  lineEnds?: { section: number; offset: number }[];
  /** ELF e_flags (EF_RISCV_RVC, float ABI bits). */
  eflags: number;
  /** The ISA string for .riscv.attributes (Tag_RISCV_arch), e.g. "rv64i2p1_m2p0…". */
  arch: string;
  /** Compilation directory and primary source file, for DWARF. */
  compDir?: string;
  sourceFile?: string;
}
