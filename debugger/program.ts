/**
 * The program being debugged, as the debugger sees it: its ELF image, a
 * source ↔ address map and its symbols. Built from an assembly source (the
 * engine's toolchain, so source rows come straight from the assembler) or
 * read from an ELF file (DWARF line rows, e.g. from GCC -g).
 */
import { buildExecutable, formatProblem } from '../engine/toolchain';
import { readElf } from '../engine/elf/read';

export interface LineRow {
  address: number;
  file: string;
  line: number;
}

export interface ProgramSymbol {
  name: string;
  address: number;
  size: number;
  isFunction: boolean;
}

export type LoadedProgram =
  | { ok: true; elf: Uint8Array; entry: number; lines: SourceMap; symbols: SymbolTable }
  | { ok: false; error: string };

function sameFile(a: string, b: string): boolean {
  const na = a.replace(/\\/g, '/');
  const nb = b.replace(/\\/g, '/');
  if (na === nb) return true;
  const [x, y] = na.length < nb.length ? [na, nb] : [nb, na];
  return y.endsWith('/' + x.replace(/^\.\//, ''));
}

/** Rows sorted by address; each covers up to the next row or its sequence end. */
export class SourceMap {
  private readonly rows: LineRow[];
  /** [start, end) address ranges that have source. */
  private readonly ranges: [number, number][];

  constructor(rows: LineRow[], ranges: [number, number][]) {
    this.rows = rows.slice().sort((a, b) => a.address - b.address);
    this.ranges = ranges;
  }

  get files(): string[] {
    return [...new Set(this.rows.map((r) => r.file))];
  }

  /** The row covering `pc` (its start may be below pc), or undefined. */
  lookup(pc: number): LineRow | undefined {
    if (!this.ranges.some(([s, e]) => pc >= s && pc < e)) return undefined;
    let lo = 0, hi = this.rows.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.rows[mid].address <= pc) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    // Several rows may share an address (a label line and the instruction): the last wins.
    return this.rows[found];
  }

  /** Whether `pc` starts a row (a statement boundary). */
  isRowStart(pc: number): boolean {
    const r = this.lookup(pc);
    return r !== undefined && r.address === pc;
  }

  /**
   * Addresses for a breakpoint at `file:line`. A line without code (a label,
   * a comment, a directive) binds to the next line that has code, as GDB
   * does, within the same file. Returns the line actually bound.
   */
  resolve(file: string, line: number): { line: number; addresses: number[] } | undefined {
    let bestLine = Infinity;
    for (const r of this.rows) if (r.line >= line && r.line < bestLine && sameFile(r.file, file)) bestLine = r.line;
    if (bestLine === Infinity) return undefined;
    // One address per contiguous run of the line (a C line may appear in
    // several places, e.g. a loop condition): the first row of each run.
    const addresses: number[] = [];
    let prevWasLine = false;
    for (const r of this.rows) {
      const hit = r.line === bestLine && sameFile(r.file, file);
      if (hit && !prevWasLine) addresses.push(r.address);
      prevWasLine = hit;
    }
    return { line: bestLine, addresses: [...new Set(addresses)].slice(0, 1) };
  }
}

export class SymbolTable {
  private readonly sorted: ProgramSymbol[];
  private readonly byName = new Map<string, ProgramSymbol>();

  constructor(list: ProgramSymbol[]) {
    // Labels the assembler keeps local (.L*) and the `$x`-style mapping symbols are noise in a stack trace.
    const useful = list.filter((s) => s.name && !s.name.startsWith('.L') && !s.name.startsWith('$'));
    this.sorted = useful.slice().sort((a, b) => a.address - b.address || Number(b.isFunction) - Number(a.isFunction));
    for (const s of useful) if (!this.byName.has(s.name) || s.isFunction) this.byName.set(s.name, s);
  }

  get(name: string): ProgramSymbol | undefined {
    return this.byName.get(name);
  }

  get all(): readonly ProgramSymbol[] {
    return this.sorted;
  }

  /** The symbol at or below `addr` (functions preferred at equal addresses). */
  at(addr: number): ProgramSymbol | undefined {
    let lo = 0, hi = this.sorted.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid].address <= addr) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    const a = this.sorted[found].address;
    let first = found;
    while (first > 0 && this.sorted[first - 1].address === a) first--;
    const s = this.sorted[first];
    // A sized symbol that ends below addr does not cover it; far-away unsized labels are still a useful hint.
    if (s.size > 0 && addr >= s.address + s.size && addr - s.address > 0x10000) return undefined;
    return s;
  }

  /** `name+0xoff`, or undefined when no symbol lies below. */
  describe(addr: number): string | undefined {
    const s = this.at(addr);
    if (!s) return undefined;
    const off = addr - s.address;
    return off === 0 ? s.name : `${s.name}+0x${off.toString(16)}`;
  }
}

function fromElf(elfBytes: Uint8Array, fallbackRows?: LineRow[], fallbackRanges?: [number, number][]): LoadedProgram {
  const r = readElf(elfBytes);
  if (!r.ok) return { ok: false, error: `not a usable ELF file: ${r.error}` };
  const elf = r.elf;
  if (elf.header.type !== 2) return { ok: false, error: elf.header.type === 1 ? 'the ELF file is a relocatable object (.o): link it first' : `ELF type ${elf.header.type} is not a static executable` };
  const symbols = new SymbolTable(
    elf.symbols
      .filter((s) => s.shndx !== 0 && s.type !== 3 && s.type !== 4) // no section or file symbols
      .map((s) => ({ name: s.name, address: Number(BigInt.asIntN(64, s.value)), size: Number(s.size), isFunction: s.type === 2 })),
  );
  let rows: LineRow[] = fallbackRows ?? [];
  let ranges: [number, number][] = fallbackRanges ?? [];
  if (!fallbackRows && elf.lines) {
    let seqStart: number | undefined;
    for (const row of elf.lines) {
      const a = Number(row.address);
      if (seqStart === undefined) seqStart = a;
      if (row.endSequence) {
        ranges.push([seqStart, a]);
        seqStart = undefined;
      } else if (row.isStmt) rows.push({ address: a, file: row.file, line: row.line });
    }
  }
  return { ok: true, elf: elfBytes, entry: Number(BigInt.asIntN(64, elf.header.entry)), lines: new SourceMap(rows, ranges), symbols };
}

/** Reads an ELF executable. */
export function programFromElf(bytes: Uint8Array): LoadedProgram {
  return fromElf(bytes);
}

/** Assembles and links one assembly source (other files via readFile for .include). */
export function programFromAssembly(file: string, text: string, march: string | undefined, readFile: (p: string) => string | undefined): LoadedProgram {
  const b = buildExecutable([{ file, text }], { march, readFile });
  if (!b.ok) {
    const errors = b.problems.filter((p) => p.severity === 'error').map(formatProblem);
    return { ok: false, error: `the program does not build:\n${errors.join('\n')}` };
  }
  const rows = b.exe.sourceMap.map((e) => ({ address: Number(e.address), file: e.file, line: e.line }));
  const ranges = b.exe.sourceSequences.map((s) => [Number(s.start), Number(s.end)] as [number, number]);
  return fromElf(b.elf, rows, ranges);
}
