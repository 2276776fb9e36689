/**
 * The linked program image: what the machine loads (segments, entry), what
 * the debugger shows (symbols, source map) and what writeExecutable turns
 * into an ET_EXEC ELF file.
 */
import type { SymbolBinding, SymbolType } from '../obj/types';

export interface ExeSegment {
  address: bigint;
  /** File contents (filesz = bytes.length); the rest up to memsz is zero. */
  bytes: Uint8Array;
  memsz: number;
  /** PF_R | PF_W | PF_X bits. */
  flags: number;
  /** Offset of the segment in the ELF file (writeExecutable's layout). */
  fileOffset: number;
}

export interface ExeSection {
  name: string;
  address: bigint;
  size: number;
  /** Contents; empty for nobits. */
  data: Uint8Array;
  nobits: boolean;
  /** ELF sh_type and sh_flags as ld would give the output section. */
  type: number;
  flags: number;
  align: number;
  fileOffset: number;
  /** sh_entsize of a merged (SHF_MERGE) section. */
  entsize?: number;
}

export interface ExeSymbol {
  name: string;
  address: bigint;
  size: bigint;
  type: SymbolType;
  binding: SymbolBinding;
  /** Output section name, or 'abs' / 'undef'. */
  section: string;
  /** Index of the input object that defined it (-1 for linker-defined). */
  object: number;
}

export interface SourceMapEntry {
  address: bigint;
  file: string;
  line: number;
  column: number;
}

export interface SourceSequence {
  /** Input object the rows come from (one DWARF line unit per object). */
  object: number;
  start: bigint;
  end: bigint;
  rows: SourceMapEntry[];
}

export interface Executable {
  entry: bigint;
  eflags: number;
  arch: string;
  /** Contents of .riscv.attributes (arch and any other attributes of the inputs). */
  attributes: Uint8Array;
  sections: ExeSection[];
  segments: ExeSegment[];
  /** File offset where the program headers would sit, and whether the first segment maps them. */
  headersInFirstSegment: boolean;
  symbols: ExeSymbol[];
  /** Every row, sorted by address (stable). */
  sourceMap: SourceMapEntry[];
  /** The rows grouped as DWARF sequences, per object in link order. */
  sourceSequences: SourceSequence[];
  /** Merged .comment strings of the inputs (compiler identification), if any. */
  comment?: Uint8Array;
  /** Names of the input objects (for FILE symbols and DWARF unit names). */
  objectNames: string[];
}

/** Source position of the instruction at `address`, or undefined outside any sequence. */
export function lookupSource(exe: Executable, address: bigint): SourceMapEntry | undefined {
  const map = exe.sourceMap;
  let lo = 0, hi = map.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (map[mid].address <= address) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return undefined;
  const inside = exe.sourceSequences.some((s) => address >= s.start && address < s.end);
  return inside ? map[found] : undefined;
}

function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  const [x, y] = a.length < b.length ? [a, b] : [b, a];
  return y.endsWith('/' + x);
}

/** First (lowest) address generated for `file:line`, or undefined. Paths match by suffix. */
export function lookupAddress(exe: Executable, file: string, line: number): bigint | undefined {
  let best: bigint | undefined;
  for (const e of exe.sourceMap) {
    if (e.line === line && sameFile(e.file, file) && (best === undefined || e.address < best)) best = e.address;
  }
  return best;
}
