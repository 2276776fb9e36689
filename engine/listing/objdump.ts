/**
 * A disassembly listing of an ELF file in the layout of `objdump -d` (GNU
 * binutils 2.40): one block per section with code, a `<symbol>:` header at
 * the start of the section and wherever a symbol starts, one line per
 * instruction (address, raw bits, text), `...` for runs of zero bytes, and
 * data regions (marked by `$d` mapping symbols) as .byte/.short/.word.
 *
 * Which symbol names an address follows objdump's rules, because the
 * listing is compared with objdump's line for line: symbols are sorted by
 * value, then (at equal values) those of the section being listed first,
 * functions before objects before globals before locals, larger sizes first,
 * names starting with '.' last, then by name; an address is named after the
 * first acceptable symbol at or below it, or, when there is none, the first
 * one above it (`<sym-0x10>`).
 */
import * as C from '../elf/constants';
import { parseAttributes, readElf, type ElfSection, type ElfSymbol, type ParsedElf } from '../elf/read';
import { privSpecFromNumbers, type PrivSpec } from '../isa/csrs';
import { disassembleInsn, formatObjdumpLine, newDisasmState } from '../isa/disasm';

export interface ListingOptions {
  aliases: boolean;
  /** Name shown in the header line (objdump prints the path it was given). */
  fileName: string;
}

/** A symbol as objdump's sorted table holds it. */
interface Sym {
  name: string;
  value: bigint;
  size: bigint;
  /** Section name ('*ABS*' for absolute symbols), compared by name as objdump does. */
  section: string;
  func: boolean;
  object: boolean;
  local: boolean;
  global: boolean;
  /** Not a mapping symbol ($x/$d): usable as a label. */
  valid: boolean;
  /** Mapping state this symbol sets, for mapping symbols. */
  map?: 'insn' | 'data';
}

const SKIP_ZEROES = 8;
const SKIP_ZEROES_AT_END = 3;

/** objdump's remove_useless_symbols: no unnamed, section, file, undefined or common symbols. */
function usefulSymbols(elf: ParsedElf): Sym[] {
  const out: Sym[] = [];
  for (const s of elf.symbols) {
    if (s.index === 0 || !s.name || s.type === C.STT_SECTION || s.type === C.STT_FILE) continue;
    if (s.shndx === C.SHN_UNDEF || s.shndx === C.SHN_COMMON) continue;
    out.push(toSym(s));
  }
  return out;
}

function toSym(s: ElfSymbol): Sym {
  const mapping = /^\$[xd]/.test(s.name);
  return {
    name: s.name,
    value: s.value,
    size: s.size,
    section: s.shndx === C.SHN_ABS ? '*ABS*' : s.sectionName ?? `#${s.shndx}`,
    func: s.type === C.STT_FUNC || s.type === 10 /* STT_GNU_IFUNC */,
    object: s.type === C.STT_OBJECT,
    local: s.bind === C.STB_LOCAL,
    global: s.bind === C.STB_GLOBAL,
    valid: !mapping,
    map: mapping ? (s.name[1] === 'x' ? 'insn' : 'data') : undefined,
  };
}

const fileLike = (n: string) => n.length > 2 && n[n.length - 2] === '.' && (n[n.length - 1] === 'o' || n[n.length - 1] === 'a');
const compiledMarker = (n: string) => n.includes('gnu_compiled') || n.includes('gcc2_compiled');

/** objdump's compare_symbols, with `section` the section being listed. */
function compareSymbols(a: Sym, b: Sym, section: string): number {
  if (a.value !== b.value) return a.value < b.value ? -1 : 1;
  const as = a.section === section;
  const bs = b.section === section;
  if (as !== bs) return as ? -1 : 1;
  const ac = compiledMarker(a.name);
  const bc = compiledMarker(b.name);
  if (ac !== bc) return ac ? 1 : -1;
  const af = fileLike(a.name);
  const bf = fileLike(b.name);
  if (af !== bf) return af ? 1 : -1;
  if (a.func !== b.func) return a.func ? -1 : 1;
  if (a.object !== b.object) return a.object ? -1 : 1;
  if (a.local !== b.local) return a.local ? 1 : -1;
  if (a.global !== b.global) return a.global ? -1 : 1;
  if (a.size !== b.size) return a.size > b.size ? -1 : 1;
  const ad = a.name[0] === '.';
  const bd = b.name[0] === '.';
  if (ad !== bd) return ad ? 1 : -1;
  // strcmp: byte order, not locale order.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

const hex = (v: bigint) => v.toString(16);

/** The symbol table sorted for one section, with objdump's symbol lookup. */
class SymbolTable {
  readonly syms: Sym[];

  constructor(all: Sym[], readonly section: ElfSection, private readonly relocatable: boolean) {
    this.syms = [...all].sort((a, b) => compareSymbols(a, b, section.name));
  }

  private ok(wantSection: boolean, i: number): boolean {
    const s = this.syms[i];
    if (wantSection && s.section !== this.section.name) return false;
    return s.valid;
  }

  /** objdump's find_symbol_for_address: an index into `syms`, or -1. */
  find(vma: bigint, requireSection: boolean): number {
    const syms = this.syms;
    const n = syms.length;
    if (n < 1) return -1;
    let min = 0;
    let max = n;
    while (min + 1 < max) {
      const mid = Math.floor((max + min) / 2);
      const v = syms[mid].value;
      if (v > vma) max = mid;
      else if (v < vma) min = mid;
      else {
        min = mid;
        break;
      }
    }
    let place = min;
    while (place > 0 && syms[place].value === syms[place - 1].value) place--;
    // Among symbols of equal value, one in the section being listed wins.
    min = place;
    while (min < max && syms[min].value === syms[place].value) {
      if (this.ok(true, min)) return min;
      min++;
    }
    const sec = this.section;
    const wantSection = requireSection || (this.relocatable && vma >= sec.addr && vma < sec.addr + BigInt(sec.size));
    if (!this.ok(wantSection, place)) {
      let newPlace = n;
      for (let i = min - 1; i >= 0; i--) {
        if (!this.ok(wantSection, i)) continue;
        if (newPlace === n) newPlace = i;
        if (syms[i].value !== syms[newPlace].value) break;
        newPlace = i;
      }
      if (newPlace !== n) place = newPlace;
      else {
        for (let i = place + 1; i < n; i++) {
          if (this.ok(wantSection, i)) {
            place = i;
            break;
          }
        }
      }
      if (!this.ok(wantSection, place)) return -1;
    }
    return place;
  }

  /** `name`, `name+0x10` or `name-0x10` for an address (objdump_print_addr_with_sym, without the address). */
  label(i: number, vma: bigint): string {
    if (i < 0) {
      const base = this.section.addr;
      return `${this.section.name}${vma < base ? `-0x${hex(base - vma)}` : vma > base ? `+0x${hex(vma - base)}` : ''}`;
    }
    const s = this.syms[i];
    return `${s.name}${s.value > vma ? `-0x${hex(s.value - vma)}` : vma > s.value ? `+0x${hex(vma - s.value)}` : ''}`;
  }

  /** The mapping state ($x/$d) in force at an address of this section, if any mapping symbol says. */
  mapState(vma: bigint): 'insn' | 'data' | undefined {
    let state: 'insn' | 'data' | undefined;
    for (const s of this.syms) {
      if (s.value > vma) break;
      if (s.map && s.section === this.section.name) state = s.map;
    }
    return state;
  }

  /** Where the next mapping symbol of this section after `vma` lies, if any. */
  nextMapAfter(vma: bigint): bigint | undefined {
    for (const s of this.syms) if (s.value > vma && s.map && s.section === this.section.name) return s.value;
    return undefined;
  }
}

/** The address column objdump prints for `addr` (leading zeros dropped by the section's width). */
function addressColumn(addr: bigint, sectionEnd: bigint): string {
  return formatObjdumpLine(addr, 0, 2, '', sectionEnd).split('\t')[0];
}

/**
 * One listing entry in objdump's layout: the address, the bytes in
 * little-endian groups of `chunk` bytes (`perLine` bytes a line, further
 * lines for longer entries), a tab and the text.
 */
function rawLine(addr: bigint, data: Uint8Array, off: number, octets: number, chunk: number, perLine: number, text: string, end: bigint): string {
  const group = (j: number) => {
    let g = '';
    for (let k = chunk - 1; k >= 0; k--) g += data[off + j + k].toString(16).padStart(2, '0');
    return g + ' ';
  };
  let pb = Math.min(octets, perLine);
  let bytes = '';
  for (let j = 0; j < pb; j += chunk) bytes += group(j);
  for (let pad = pb; pad < perLine; pad += chunk) bytes += '  '.repeat(chunk) + ' ';
  let line = `${addressColumn(addr, end)}\t${bytes}\t${text}`;
  while (pb < octets) {
    const from = pb;
    pb = Math.min(pb + perLine, octets);
    let more = '';
    for (let j = from; j < pb; j += chunk) more += group(j);
    line += `\n${addressColumn(addr + BigInt(from), end)}\t${more}`;
  }
  return line;
}

/** objdump's riscv_insn_length: the length the low bits of an instruction announce. */
function insnLength(lo: number): number {
  if ((lo & 0x3) !== 0x3) return 2;
  if ((lo & 0x1f) !== 0x1f) return 4;
  if ((lo & 0x3f) === 0x1f) return 6;
  if ((lo & 0x7f) === 0x3f) return 8;
  if ((lo & 0x7f) === 0x7f && (lo & 0x7000) !== 0x7000) return 10 + ((lo >> 12) & 0x7) * 2;
  return 2; // longer encodings are reserved
}

/** What the disassembler takes from the whole file: __global_pointer$ and the declared privileged spec. */
interface FileInfo {
  gp?: bigint;
  privSpec?: PrivSpec;
}

/** objdump keeps the disassembler's lui/auipc memory across symbols and sections of one file. */
interface DisasmState {
  insn: ReturnType<typeof newDisasmState>;
  /** Bytes per raw group of the last entry printed (objdump's bytes_per_chunk; 0 = none yet). */
  chunk: number;
}

function listSection(out: string[], elf: ParsedElf, sec: ElfSection, all: Sym[], aliases: boolean, state: DisasmState, file: FileInfo): void {
  const table = new SymbolTable(all, sec, elf.header.type === C.ET_REL);
  const syms = table.syms;
  const data = sec.data;
  const size = sec.size;
  const end = sec.addr + BigInt(size);
  const symbolize = (vma: bigint): string | undefined => {
    if (syms.length === 0) return undefined;
    const i = table.find(vma, false);
    return i < 0 ? table.label(-1, vma) : table.label(i, vma);
  };
  const isCode = (sec.flags & C.SHF_EXECINSTR) !== 0;

  out.push(`\nDisassembly of section ${sec.name}:\n`);
  let place = table.find(sec.addr, true);
  let sym: Sym | undefined = place >= 0 ? syms[place] : undefined;
  let addrOff = 0;
  while (addrOff < size) {
    const addr = sec.addr + BigInt(addrOff);
    out.push(`\n${addr.toString(16).padStart(16, '0')} <${table.label(sym ? place : -1, addr)}>:\n`);
    let next: Sym | undefined;
    if (sym && sym.value > addr) next = sym;
    else if (!sym) next = undefined;
    else {
      const cur = sym;
      while (place < syms.length && !(syms[place].section === sec.name && syms[place].value > cur.value && syms[place].valid)) place++;
      next = place < syms.length ? syms[place] : undefined;
    }
    let stop = sym && sym.value > addr ? Number(sym.value - sec.addr) : next === undefined ? size : Number(next.value - sec.addr);
    if (stop > size || stop <= addrOff) stop = size;
    // A symbol typed as an object in this section is dumped as bytes, not instructions.
    const insns = !sym || sym.section !== sec.name || sym.value > addr || (!sym.object && !compiledMarker(sym.name)) || sym.func;
    listBytes(out, table, data, sec, addrOff, stop, insns, isCode, aliases, state, symbolize, end, file);
    addrOff = stop;
    sym = next;
  }
}

function listBytes(
  out: string[], table: SymbolTable, data: Uint8Array, sec: ElfSection, start: number, stop: number, insns: boolean, isCode: boolean,
  aliases: boolean, state: DisasmState, symbolize: (vma: bigint) => string | undefined, end: bigint, file: FileInfo,
): void {
  let off = start;
  while (off < stop) {
    let zeros = 0;
    while (off + zeros < stop && data[off + zeros] === 0) zeros++;
    if (zeros >= SKIP_ZEROES || (off + zeros === stop && zeros < SKIP_ZEROES_AT_END)) {
      // Skip in multiples of 4 unless the zeros run to the end, so an instruction starting with a zero byte is not swallowed.
      if (off + zeros !== stop) zeros &= ~3;
      out.push('\t...\n');
      off += zeros;
      continue;
    }
    const addr = sec.addr + BigInt(off);
    if (!insns) {
      off += objectBytes(out, data, off, stop, addr, end, state.chunk);
      continue;
    }
    const mode = table.mapState(addr) ?? (isCode ? 'insn' : 'data');
    if (mode === 'data') {
      let len = 4;
      const nextMap = table.nextMapAfter(addr);
      if (nextMap !== undefined) len = Math.min(len, Number(nextMap - addr));
      else len = Math.min(len, sec.size - off);
      if (len === 3) len = 2;
      len = Math.max(1, Math.min(len, stop - off));
      state.chunk = len;
      out.push(rawLine(addr, data, off, len, len, len === 1 ? 6 : 8, `${len === 1 ? '.byte' : len === 2 ? '.short' : '.word'}\t0x${littleHex(data, off, len)}`, end) + '\n');
      off += len;
      continue;
    }
    if (off + 2 > stop) {
      // A lone byte at the end of a block (objdump cannot read a whole parcel there).
      state.chunk = 1;
      out.push(rawLine(addr, data, off, 1, 1, 6, `.byte\t0x${littleHex(data, off, 1)}`, end) + '\n');
      off += 1;
      continue;
    }
    const lo = data[off] | (data[off + 1] << 8);
    let len = insnLength(lo);
    if (off + len > stop) len = 2;
    let text: string;
    if (len === 2 && (lo & 3) === 3) text = `.2byte\t0x${lo.toString(16)}`;
    else if (len <= 4) {
      const word = len === 4 ? (lo | (data[off + 2] << 16) | (data[off + 3] << 24)) >>> 0 : lo;
      text = disassembleInsn(word, addr, { aliases, state: state.insn, gp: file.gp, privSpec: file.privSpec }, symbolize);
    } else if (len === 8) text = `.8byte\t0x${BigInt('0x' + littleHex(data, off, 8)).toString(16)}`;
    else text = `.byte\t${Array.from(data.subarray(off, off + len), (b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}`;
    state.chunk = len % 4 === 0 ? 4 : 2;
    out.push(rawLine(addr, data, off, len, state.chunk, 8, text, end) + '\n');
    off += len;
  }
}

function littleHex(data: Uint8Array, off: number, len: number): string {
  let h = '';
  for (let i = len - 1; i >= 0; i--) h += data[off + i].toString(16).padStart(2, '0');
  return h;
}

/**
 * objdump's dump of bytes under an object symbol: 16 bytes a line in hex,
 * then as text. The hex is grouped by the chunk size of the last thing the
 * disassembler printed (objdump does not reset it), 1 before anything.
 */
function objectBytes(out: string[], data: Uint8Array, off: number, stop: number, addr: bigint, end: bigint, chunk: number): number {
  const n = Math.min(16, stop - off);
  let hexPart = '';
  let pb = 0;
  for (; pb < n; pb += chunk) {
    if (off + pb + chunk <= stop) hexPart += littleHex(data, off + pb, chunk);
    hexPart += ' ';
  }
  for (; pb < 16; pb += chunk) hexPart += '  '.repeat(chunk) + ' ';
  let text = '';
  for (let i = 0; i < n; i++) {
    const b = data[off + i];
    text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
  }
  out.push(`${addressColumn(addr, end)}\t${hexPart}    ${text}\n`);
  return n;
}

export function listElf(bytes: Uint8Array, opts: ListingOptions): { ok: true; text: string } | { ok: false; error: string } {
  const r = readElf(bytes);
  if (!r.ok) return r;
  const elf = r.elf;
  const all = usefulSymbols(elf);
  const out: string[] = [`\n${opts.fileName}:     file format elf64-littleriscv\n\n`];
  const state: DisasmState = { insn: newDisasmState(), chunk: 1 };
  // CSR names follow the privileged spec the file declares (Tag_RISCV_priv_spec, _minor, _revision).
  const attrs = elf.sections.find((s) => s.type === C.SHT_RISCV_ATTRIBUTES);
  const ints = attrs ? parseAttributes(attrs.data)?.ints : undefined;
  const privSpec = ints && privSpecFromNumbers(ints.get(8) ?? 0, ints.get(10) ?? 0, ints.get(12) ?? 0);
  // The RISC-V disassembler looks __global_pointer$ up among the listed symbols (the last one wins).
  let gp: bigint | undefined;
  for (const s of all) if (s.name === '__global_pointer$') gp = s.value;
  for (const sec of elf.sections) {
    // objdump -d lists sections that hold code and have contents.
    if ((sec.flags & C.SHF_EXECINSTR) === 0 || sec.type === C.SHT_NOBITS || sec.size === 0) continue;
    listSection(out, elf, sec, all, opts.aliases, state, { gp, privSpec });
  }
  return { ok: true, text: out.join('') };
}
