/**
 * The GNU-as-compatible RISC-V assembler: source text in, ObjectFile (the
 * shared object model) and diagnostics out. Never throws.
 */
import type { LineRow, ObjectFile } from '../obj/types';
import { Assembler } from './assembler';
import type { Diagnostic } from './diagnostics';
import { installInstructions } from './instructions';
import { buildObject } from './layout';
import { DEFAULT_MARCH } from './march';

export type { Diagnostic } from './diagnostics';

export interface AssembleOptions {
  file: string;
  /** -march; default rv64imafd_zicsr_zifencei (GNU as's default here). */
  march?: string;
  /** Linker relaxation (R_RISCV_RELAX/ALIGN as GNU emits them); default false (= -mno-relax). */
  relax?: boolean;
  /** Reads `.include`d files (paths relative to the including file). */
  readFile?: (path: string) => string | undefined;
}

export interface AssembleResult {
  object: ObjectFile;
  diagnostics: Diagnostic[];
  /**
   * Every emitted instruction's start and source position, in emission order.
   * `object.lines` is the DWARF line table, which (as GNU as writes it) has one
   * row per source line, not per instruction: editor features that show what a
   * statement assembled to (e.g. both words of `li`, or `nop; nop`) read this.
   */
  insns?: LineRow[];
}

function emptyObject(file: string): ObjectFile {
  return { sections: [], symbols: [], lines: [], eflags: 0, arch: '', sourceFile: file };
}

export function assemble(source: string, opts: AssembleOptions): AssembleResult {
  const a = new Assembler(opts.file, opts.march ?? DEFAULT_MARCH, opts.relax ?? false, opts.readFile);
  try {
    installInstructions(a);
    a.run(source, opts.file);
    a.finishChecks();
    const { object, insns } = buildObject(a);
    return { object, diagnostics: a.diags, insns };
  } catch (err) {
    a.diags.push({
      file: opts.file, range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, severity: 'error',
      message: `internal assembler error: ${(err as Error).message}`, code: 'internal',
    });
    return { object: emptyObject(opts.file), diagnostics: a.diags, insns: [] };
  }
}
