/**
 * Source to executable in one call: assemble every source with the engine's
 * assembler, link with the engine's linker, and serialise the ELF. The CLI,
 * the debug adapter and the language server share this path, so a program
 * behaves the same whichever of them built it.
 */
import { assemble, type Diagnostic } from './asm';
import { writeObject } from './elf/write';
import type { Executable } from './link/executable';
import { link } from './link/link';
import { writeExecutable } from './link/write-exe';
import type { ObjectFile } from './obj/types';

/** Where `.text` goes unless told otherwise: RAM on QEMU's virt and spike machines. */
export const DEFAULT_TEXT_ADDRESS = 0x8000_0000n;

export interface BuildOptions {
  march?: string;
  relax?: boolean;
  /** .text address (ld -Ttext); default 0x8000_0000. */
  textAddress?: bigint;
  entry?: string;
  readFile?: (path: string) => string | undefined;
}

export interface Source {
  file: string;
  text: string;
}

/** A problem from either stage, in one shape (link problems have no range). */
export interface BuildProblem {
  severity: 'error' | 'warning';
  message: string;
  file?: string;
  line?: number;
  column?: number;
  code?: string;
}

export type BuildResult =
  | { ok: true; elf: Uint8Array; exe: Executable; objects: ObjectFile[]; problems: BuildProblem[] }
  | { ok: false; problems: BuildProblem[] };

function fromDiagnostic(d: Diagnostic): BuildProblem {
  return { severity: d.severity, message: d.message, file: d.file, line: d.range.start.line, column: d.range.start.column, code: d.code };
}

/** Assembles each source into an object; problems from all of them. */
export function assembleAll(sources: Source[], opts: BuildOptions): { objects: ObjectFile[]; problems: BuildProblem[] } {
  const objects: ObjectFile[] = [];
  const problems: BuildProblem[] = [];
  for (const s of sources) {
    const r = assemble(s.text, { file: s.file, march: opts.march, relax: opts.relax, readFile: opts.readFile });
    objects.push(r.object);
    problems.push(...r.diagnostics.map(fromDiagnostic));
  }
  return { objects, problems };
}

/** Assembles and links `sources` into an executable ELF image. */
export function buildExecutable(sources: Source[], opts: BuildOptions = {}): BuildResult {
  const { objects, problems } = assembleAll(sources, opts);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  const linked = link(objects, { textAddress: opts.textAddress ?? DEFAULT_TEXT_ADDRESS, entry: opts.entry, names: sources.map((s) => s.file) });
  for (const d of linked.diagnostics) problems.push({ severity: d.severity, message: d.message, file: d.file });
  if (!linked.ok) return { ok: false, problems };
  return { ok: true, elf: writeExecutable(linked.exe), exe: linked.exe, objects, problems };
}

/** Assembles one source into a relocatable ELF object (`as -c`). */
export function buildObject(source: Source, opts: BuildOptions = {}): { ok: true; bytes: Uint8Array; problems: BuildProblem[] } | { ok: false; problems: BuildProblem[] } {
  const { objects, problems } = assembleAll([source], opts);
  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
  return { ok: true, bytes: writeObject(objects[0]), problems };
}

export function formatProblem(p: BuildProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}:${p.column ?? 1}` : ''}: ` : '';
  return `${where}${p.severity}: ${p.message}`;
}
