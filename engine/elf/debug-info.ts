/**
 * The minimal DWARF GNU as emits with -g for an assembly source: a .debug_line
 * program, one DWARF 2 compile unit (stmt_list, low/high pc or ranges, name,
 * comp_dir, producer, language "MIPS assembler"), its abbreviation, an
 * address-range table and the strings they refer to. Addresses are written
 * through a callback so the object writer can turn them into relocations and
 * the executable writer can write final addresses.
 */
import { StringTable, Writer } from './bytes';
import { encodeDebugLine, LineSequenceInput } from './dwarf-line';

export const PRODUCER = 'Hyperstep';

export interface DebugRange {
  /** Opaque key passed back to the address callback (a section index in a .o). */
  key: number;
  start: number;      // offset of the first row within the range's section/base
  end: number;        // offset past the code
  rows: { offset: number; file: string; line: number; column: number }[];
}

/** Where the writer must put an address: in `section` at `at`, meaning (key's base + offset). */
export interface AddrFixup {
  section: '.debug_line' | '.debug_info' | '.debug_aranges' | '.debug_ranges';
  at: number;
  key: number;
  offset: number;
}
/** A 4-byte offset into another debug section (needs an R_RISCV_32 in a .o). */
export interface SectionRefFixup {
  section: '.debug_info' | '.debug_aranges';
  at: number;
  target: '.debug_abbrev' | '.debug_line' | '.debug_str' | '.debug_info' | '.debug_ranges';
  offset: number;
}

export interface DebugSections {
  debugLine: Uint8Array;
  debugInfo: Uint8Array;
  debugAbbrev: Uint8Array;
  debugAranges: Uint8Array;
  debugStr: Uint8Array;
  debugRanges?: Uint8Array;
  addrFixups: AddrFixup[];
  refFixups: SectionRefFixup[];
}

/** Splits "dir/name" as GNU as does for the file table: directory entry + base name. */
function splitPath(p: string): [string, string] {
  const i = p.lastIndexOf('/');
  return i <= 0 ? ['', p] : [p.slice(0, i), p.slice(i + 1)];
}

/**
 * Builds the debug sections; `address(key, offset)` returns the value to
 * write (0 in a .o, where a relocation supplies it).
 */
export function buildDebugSections(ranges: DebugRange[], names: { name: string; compDir: string },
  address: (key: number, offset: number) => bigint): DebugSections {
  const addrFixups: AddrFixup[] = [];
  const refFixups: SectionRefFixup[] = [];

  // File and directory tables in first-use order.
  const dirs: string[] = [];
  const files: [string, number][] = [];
  const fileIndex = new Map<string, number>();
  for (const r of ranges) {
    for (const row of r.rows) {
      if (fileIndex.has(row.file)) continue;
      const [d, base] = splitPath(row.file);
      let di = 0;
      if (d !== '') {
        di = dirs.indexOf(d) + 1;
        if (di === 0) { dirs.push(d); di = dirs.length; }
      }
      files.push([base, di]);
      fileIndex.set(row.file, files.length);
    }
  }

  const line = new Writer();
  const seqs: LineSequenceInput[] = ranges.map((r) => ({
    setAddress: (w: Writer, at: number) => {
      addrFixups.push({ section: '.debug_line', at, key: r.key, offset: r.start });
      w.u64(address(r.key, r.start));
    },
    rows: r.rows.map((row) => ({ offset: row.offset - r.start, fileIndex: fileIndex.get(row.file) ?? 1, line: row.line, column: row.column })),
    end: r.end - r.start,
  }));
  encodeDebugLine(line, dirs, files, seqs);

  const str = new StringTable(false);
  const nameOff = str.add(names.name);
  const dirOff = str.add(names.compDir);
  const prodOff = str.add(PRODUCER);

  const useRanges = ranges.length > 1;
  const abbrev = new Writer();
  abbrev.uleb(1).uleb(0x11).u8(0); // abbrev 1: DW_TAG_compile_unit, no children
  abbrev.uleb(0x10).uleb(0x06); // DW_AT_stmt_list, DW_FORM_data4
  if (useRanges) {
    abbrev.uleb(0x55).uleb(0x06); // DW_AT_ranges, DW_FORM_data4
  } else {
    abbrev.uleb(0x11).uleb(0x01); // DW_AT_low_pc, DW_FORM_addr
    abbrev.uleb(0x12).uleb(0x01); // DW_AT_high_pc, DW_FORM_addr
  }
  abbrev.uleb(0x03).uleb(0x0e); // DW_AT_name, DW_FORM_strp
  abbrev.uleb(0x1b).uleb(0x0e); // DW_AT_comp_dir, DW_FORM_strp
  abbrev.uleb(0x25).uleb(0x0e); // DW_AT_producer, DW_FORM_strp
  abbrev.uleb(0x13).uleb(0x05); // DW_AT_language, DW_FORM_data2
  abbrev.u8(0).u8(0).u8(0);

  const info = new Writer();
  info.u32(0).u16(2);
  refFixups.push({ section: '.debug_info', at: info.length, target: '.debug_abbrev', offset: 0 });
  info.u32(0).u8(8);
  info.uleb(1);
  refFixups.push({ section: '.debug_info', at: info.length, target: '.debug_line', offset: 0 });
  info.u32(0);
  let rangesData: Uint8Array | undefined;
  if (useRanges) {
    refFixups.push({ section: '.debug_info', at: info.length, target: '.debug_ranges', offset: 0 });
    info.u32(0);
    const rw = new Writer();
    for (const r of ranges) {
      addrFixups.push({ section: '.debug_ranges', at: rw.length, key: r.key, offset: r.start });
      rw.u64(address(r.key, r.start));
      addrFixups.push({ section: '.debug_ranges', at: rw.length, key: r.key, offset: r.end });
      rw.u64(address(r.key, r.end));
    }
    rw.u64(0).u64(0);
    rangesData = rw.finish();
  } else if (ranges.length === 1) {
    const r = ranges[0];
    addrFixups.push({ section: '.debug_info', at: info.length, key: r.key, offset: r.start });
    info.u64(address(r.key, r.start));
    addrFixups.push({ section: '.debug_info', at: info.length, key: r.key, offset: r.end });
    info.u64(address(r.key, r.end));
  }
  for (const off of [nameOff, dirOff, prodOff]) {
    refFixups.push({ section: '.debug_info', at: info.length, target: '.debug_str', offset: off });
    info.u32(off);
  }
  info.u16(0x8001); // DW_LANG_Mips_Assembler, as GNU as uses for assembly
  const infoBytes = info.finish();
  new DataView(infoBytes.buffer).setUint32(0, infoBytes.length - 4, true);
  // Offsets into .debug_str must hold the string offset itself in the image (the relocation adds it again in a .o).

  const ar = new Writer();
  ar.u32(0).u16(2);
  refFixups.push({ section: '.debug_aranges', at: ar.length, target: '.debug_info', offset: 0 });
  ar.u32(0).u8(8).u8(0);
  ar.align(16);
  for (const r of ranges) {
    addrFixups.push({ section: '.debug_aranges', at: ar.length, key: r.key, offset: r.start });
    ar.u64(address(r.key, r.start));
    ar.u64(r.end - r.start);
  }
  ar.u64(0).u64(0);
  const arBytes = ar.finish();
  new DataView(arBytes.buffer).setUint32(0, arBytes.length - 4, true);

  return {
    debugLine: line.finish(), debugInfo: infoBytes, debugAbbrev: abbrev.finish(), debugAranges: arBytes,
    debugStr: str.finish(), debugRanges: rangesData, addrFixups, refFixups,
  };
}
