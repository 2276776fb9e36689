/**
 * DWARF .debug_line: decoding line-number programs (versions 2–5, 32- and
 * 64-bit DWARF, as GNU as and GCC emit them) into rows, and encoding rows
 * into a version 3 program like the one GNU as writes for assembly sources.
 */
import { ElfFormatError, Reader, Writer } from './bytes';

export interface DwarfLineRow {
  address: bigint;
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
  endSequence: boolean;
}

const DW_FORM_block = 0x09, DW_FORM_block1 = 0x0a, DW_FORM_data1 = 0x0b, DW_FORM_data2 = 0x05,
  DW_FORM_data4 = 0x06, DW_FORM_data8 = 0x07, DW_FORM_data16 = 0x1e, DW_FORM_string = 0x08,
  DW_FORM_strp = 0x0e, DW_FORM_line_strp = 0x1f, DW_FORM_udata = 0x0f, DW_FORM_sdata = 0x0d,
  DW_FORM_strx = 0x1a, DW_FORM_strx1 = 0x25, DW_FORM_strx2 = 0x26, DW_FORM_strx3 = 0x27, DW_FORM_strx4 = 0x28;
const DW_LNCT_path = 1, DW_LNCT_directory_index = 2;

class Cursor {
  constructor(public r: Reader, public pos: number) {}
  u8(): number { return this.r.u8(this.pos++, '.debug_line byte'); }
  u16(): number { const v = this.r.u16(this.pos, '.debug_line half-word'); this.pos += 2; return v; }
  u32(): number { const v = this.r.u32(this.pos, '.debug_line word'); this.pos += 4; return v; }
  u64(): bigint { const v = this.r.u64(this.pos, '.debug_line double-word'); this.pos += 8; return v; }
  uleb(): bigint {
    let result = 0n, shift = 0n;
    for (;;) {
      const b = this.u8();
      if (shift < 70n) result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return result;
    }
  }
  ulebN(): number {
    const v = this.uleb();
    if (v > 0xffffffffn) throw new ElfFormatError(`.debug_line: value ${v} too large at offset 0x${this.pos.toString(16)}`);
    return Number(v);
  }
  sleb(): bigint {
    let result = 0n, shift = 0n, b: number;
    do {
      b = this.u8();
      if (shift < 70n) result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) result -= 1n << shift;
    return result;
  }
  cstr(): string {
    const s = this.r.cstr(this.pos, '.debug_line string');
    while (this.r.bytes[this.pos] !== 0) this.pos++;
    this.pos++;
    return s;
  }
  skip(n: number): void {
    this.r.slice(this.pos, n, '.debug_line data');
    this.pos += n;
  }
}

function stringAt(table: Uint8Array | undefined, off: number, name: string): string {
  if (!table) throw new ElfFormatError(`.debug_line refers to ${name} but the file has none`);
  return new Reader(table).cstr(off, `${name} string`);
}

/** Reads one v5 entry (directory or file) described by its format list. */
function readEntry(c: Cursor, formats: [number, number][], offSize: number, strs: { lineStr?: Uint8Array; str?: Uint8Array }):
  { path: string; dir: number } {
  let path = '';
  let dir = 0;
  for (const [content, form] of formats) {
    let num = 0n;
    let text: string | undefined;
    switch (form) {
      case DW_FORM_string: text = c.cstr(); break;
      case DW_FORM_line_strp: text = stringAt(strs.lineStr, offSize === 8 ? Number(c.u64()) : c.u32(), '.debug_line_str'); break;
      case DW_FORM_strp: text = stringAt(strs.str, offSize === 8 ? Number(c.u64()) : c.u32(), '.debug_str'); break;
      case DW_FORM_udata: num = c.uleb(); break;
      case DW_FORM_sdata: num = c.sleb(); break;
      case DW_FORM_data1: num = BigInt(c.u8()); break;
      case DW_FORM_data2: num = BigInt(c.u16()); break;
      case DW_FORM_data4: num = BigInt(c.u32()); break;
      case DW_FORM_data8: num = c.u64(); break;
      case DW_FORM_data16: c.skip(16); break;
      case DW_FORM_block: c.skip(c.ulebN()); break;
      case DW_FORM_block1: c.skip(c.u8()); break;
      case DW_FORM_strx: case DW_FORM_strx1: case DW_FORM_strx2: case DW_FORM_strx3: case DW_FORM_strx4:
        throw new ElfFormatError('.debug_line uses DW_FORM_strx, which needs .debug_str_offsets (not supported)');
      default:
        throw new ElfFormatError(`.debug_line: unknown form 0x${form.toString(16)} in entry format`);
    }
    if (content === DW_LNCT_path && text !== undefined) path = text;
    else if (content === DW_LNCT_directory_index) dir = Number(num);
  }
  return { path, dir };
}

function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/**
 * Decodes every line-number program in a .debug_line section. Files whose
 * directory index is 0 (the compilation directory) keep their name as
 * written, so a path means the same in DWARF 3 and DWARF 5 tables.
 */
export function decodeDebugLine(data: Uint8Array, strs: { lineStr?: Uint8Array; str?: Uint8Array } = {}): DwarfLineRow[] {
  const r = new Reader(data);
  const rows: DwarfLineRow[] = [];
  let unitStart = 0;
  while (unitStart < data.length) {
    const c = new Cursor(r, unitStart);
    let unitLength = c.u32();
    let offSize = 4;
    if (unitLength === 0xffffffff) {
      const l = c.u64();
      if (l > BigInt(data.length)) throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)} is longer than the section`);
      unitLength = Number(l);
      offSize = 8;
    } else if (unitLength >= 0xfffffff0) {
      throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)} has reserved length 0x${unitLength.toString(16)}`);
    }
    const unitEnd = c.pos + unitLength;
    if (unitEnd > data.length) throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)} extends past end of section`);
    const version = c.u16();
    if (version < 2 || version > 5) throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)} has unsupported DWARF version ${version}`);
    let addrSize = 8;
    if (version >= 5) {
      addrSize = c.u8();
      c.u8(); // segment selector size
    }
    const headerLength = offSize === 8 ? Number(c.u64()) : c.u32();
    const programStart = c.pos + headerLength;
    if (programStart > unitEnd) throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)}: header extends past the unit`);
    const minInst = c.u8();
    if (version >= 4) c.u8(); // maximum operations per instruction (VLIW only)
    const defaultIsStmt = c.u8() !== 0;
    const lineBase = (c.u8() << 24) >> 24;
    const lineRange = c.u8();
    const opcodeBase = c.u8();
    if (lineRange === 0) throw new ElfFormatError(`.debug_line unit at 0x${unitStart.toString(16)} has line_range 0`);
    const opLengths: number[] = [0];
    for (let i = 1; i < opcodeBase; i++) opLengths.push(c.u8());

    const files: string[] = [];
    if (version < 5) {
      const dirs: string[] = [''];
      for (;;) {
        const d = c.cstr();
        if (d === '') break;
        dirs.push(d);
      }
      files.push('');
      for (;;) {
        const name = c.cstr();
        if (name === '') break;
        const dir = c.ulebN();
        c.uleb(); c.uleb();
        files.push(dir === 0 ? name : joinPath(dirs[dir] ?? '', name));
      }
    } else {
      const readFormats = (): [number, number][] => {
        const n = c.u8();
        const f: [number, number][] = [];
        for (let i = 0; i < n; i++) f.push([c.ulebN(), c.ulebN()]);
        return f;
      };
      const dirFormats = readFormats();
      const nDirs = c.ulebN();
      const dirs: string[] = [];
      for (let i = 0; i < nDirs; i++) dirs.push(readEntry(c, dirFormats, offSize, strs).path);
      const fileFormats = readFormats();
      const nFiles = c.ulebN();
      for (let i = 0; i < nFiles; i++) {
        const e = readEntry(c, fileFormats, offSize, strs);
        files.push(e.dir === 0 ? e.path : joinPath(dirs[e.dir] ?? '', e.path));
      }
    }

    c.pos = programStart;
    let address = 0n, file = 1, line = 1, column = 0, isStmt = defaultIsStmt;
    const reset = () => { address = 0n; file = 1; line = 1; column = 0; isStmt = defaultIsStmt; };
    const fileName = (i: number) => files[i] ?? `<file ${i}>`;
    const emit = (end: boolean) => rows.push({ address, file: fileName(file), line, column, isStmt, endSequence: end });
    const addrMask = (1n << 64n) - 1n;
    while (c.pos < unitEnd) {
      const op = c.u8();
      if (op >= opcodeBase) {
        const adj = op - opcodeBase;
        address = (address + BigInt(Math.floor(adj / lineRange) * minInst)) & addrMask;
        line += lineBase + (adj % lineRange);
        emit(false);
      } else if (op === 0) {
        const len = c.ulebN();
        const end = c.pos + len;
        if (len === 0) continue;
        if (end > unitEnd) throw new ElfFormatError(`.debug_line extended opcode at 0x${(c.pos - 1).toString(16)} extends past its unit`);
        const sub = c.u8();
        if (sub === 1) {
          emit(true);
          reset();
        } else if (sub === 2) {
          const n = len - 1;
          if (n === 8) address = c.u64();
          else if (n === 4) address = BigInt(c.u32());
          else throw new ElfFormatError(`.debug_line DW_LNE_set_address with ${n}-byte address (expected ${addrSize})`);
        } else if (sub === 3 && version < 5) {
          const name = c.cstr();
          c.uleb(); c.uleb(); c.uleb();
          files.push(name);
        }
        c.pos = end;
      } else {
        switch (op) {
          case 1: emit(false); break;
          case 2: address = (address + c.uleb() * BigInt(minInst)) & addrMask; break;
          case 3: line += Number(c.sleb()); break;
          case 4: file = c.ulebN(); break;
          case 5: column = c.ulebN(); break;
          case 6: isStmt = !isStmt; break;
          case 7: break;
          case 8: address = (address + BigInt(Math.floor((255 - opcodeBase) / lineRange) * minInst)) & addrMask; break;
          case 9: address = (address + BigInt(c.u16())) & addrMask; break;
          case 10: case 11: break;
          case 12: c.uleb(); break;
          default:
            for (let i = 0; i < opLengths[op]; i++) c.uleb();
        }
      }
    }
    unitStart = unitEnd;
  }
  return rows;
}

/** One sequence for the encoder: rows with addresses relative to `base`, ascending. */
export interface LineSequenceInput {
  /** Callback writes the DW_LNE_set_address operand (8 bytes) and may record a relocation at `at`. */
  setAddress: (w: Writer, at: number) => void;
  rows: { offset: number; fileIndex: number; line: number; column: number }[];
  /** Offset just past the last instruction (end_sequence address). */
  end: number;
}

const LINE_BASE = -5, LINE_RANGE = 14, OPCODE_BASE = 13;

/**
 * Encodes a DWARF 3 line program with GNU as' header parameters
 * (line_base -5, line_range 14, opcode_base 13). `dirs` are include
 * directories (index 1…), `files` are [name, dirIndex] (index 1…).
 */
export function encodeDebugLine(w: Writer, dirs: string[], files: [string, number][], seqs: LineSequenceInput[]): void {
  const start = w.length;
  w.u32(0); // unit_length, patched
  w.u16(3);
  const hdrLenAt = w.length;
  w.u32(0); // header_length, patched
  const hdrStart = w.length;
  w.u8(1); // minimum_instruction_length
  w.u8(1); // default_is_stmt
  w.u8(LINE_BASE & 0xff);
  w.u8(LINE_RANGE);
  w.u8(OPCODE_BASE);
  for (const n of [0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1]) w.u8(n);
  for (const d of dirs) w.cstr(d);
  w.u8(0);
  for (const [name, dir] of files) {
    w.cstr(name);
    w.uleb(dir).uleb(0).uleb(0);
  }
  w.u8(0);
  w.patch32(hdrLenAt, w.length - hdrStart);
  for (const seq of seqs) {
    w.u8(0).uleb(9).u8(2);
    seq.setAddress(w, w.length);
    // Row encoding as GNU as does it: the first row by a special opcode, then
    // advance_line / fixed_advance_pc / copy per row. fixed_advance_pc keeps
    // DWARF 5 "view" numbering identical to GNU as' output in objdump.
    let addr = 0, file = 1, line = 1, column = 0, first = true;
    for (const row of seq.rows) {
      if (row.fileIndex !== file) { w.u8(4).uleb(row.fileIndex); file = row.fileIndex; }
      if (row.column !== column) { w.u8(5).uleb(row.column); column = row.column; }
      const dLine = row.line - line;
      const dAddr = row.offset - addr;
      const special = (dLine - LINE_BASE) + LINE_RANGE * dAddr + OPCODE_BASE;
      if (first && dLine >= LINE_BASE && dLine < LINE_BASE + LINE_RANGE && dAddr >= 0 && special <= 255) {
        w.u8(special);
      } else {
        if (dLine !== 0) w.u8(3).sleb(dLine);
        if (dAddr > 0 && dAddr <= 0xffff) w.u8(9).u16(dAddr);
        else if (dAddr !== 0) w.u8(2).uleb(dAddr);
        w.u8(1);
      }
      first = false;
      addr = row.offset;
      line = row.line;
    }
    const dEnd = seq.end - addr;
    if (dEnd > 0 && dEnd <= 0xffff) w.u8(9).u16(dEnd);
    else if (dEnd !== 0) w.u8(2).uleb(dEnd);
    w.u8(0).uleb(1).u8(1);
  }
  w.patch32(start, w.length - start - 4);
}
