/**
 * GNU ld 2.40's default linker script for elf64lriscv, as data: the output
 * sections in order with the input-section patterns each collects, and the
 * symbols the script assigns between them. link.ts interprets it.
 */

export interface InputRule {
  patterns: string[];
  /** SORT(...): sections are ordered by name. */
  sort?: boolean;
}

export interface OutputRule {
  name: string;
  rules: InputRule[];
  /** ONLY_IF_RO / ONLY_IF_RW variants of .eh_frame and friends. */
  onlyIf?: 'ro' | 'rw';
  /** Symbol assigned `= .` at the start of the section's contents. */
  startSymbol?: string;
  /** Orphan class this section anchors (where ld places unmatched input sections, ldelf_place_orphan's hold[]). */
  anchor?: OrphanClass;
  /** PROVIDE_HIDDEN(start/end symbol) pairs around the contents. */
  hiddenBounds?: [string, string];
}

/**
 * The classes ld 2.40 sorts orphan (unmatched) input sections into, each
 * placed after one script section: notes after .interp, code after .text,
 * read-only data after .rodata, TLS after .tdata, writable data after
 * .data, other nobits after .bss.
 */
export type OrphanClass = 'interp' | 'text' | 'rodata' | 'tdata' | 'data' | 'bss';

/** A statement between output sections. */
export type ScriptStep =
  | { kind: 'section'; rule: OutputRule }
  | { kind: 'provide-dot'; names: string[] }        // PROVIDE (x = .) relative to the previous section
  | { kind: 'assign-dot'; names: string[]; provide?: boolean } // x = . (relative to the previous section)
  | { kind: 'data-segment-align' }
  | { kind: 'dot-absolute' }                        // `. = .;` makes later `.` values absolute
  | { kind: 'bss-end' };                            // ALIGN(8) … __BSS_END__, __global_pointer$, _end

const r = (...patterns: string[]): InputRule => ({ patterns });
const sec = (name: string, rules: InputRule[], extra: Partial<OutputRule> = {}): ScriptStep => ({ kind: 'section', rule: { name, rules, ...extra } });

export const DEFAULT_SCRIPT: ScriptStep[] = [
  sec('.interp', [r('.interp')], { anchor: 'interp' }),
  sec('.note.gnu.build-id', [r('.note.gnu.build-id')]),
  sec('.init', [r('.init')]),
  sec('.plt', [r('.plt'), r('.iplt')]),
  sec('.text', [
    r('.text.unlikely', '.text.*_unlikely', '.text.unlikely.*'),
    r('.text.exit', '.text.exit.*'),
    r('.text.startup', '.text.startup.*'),
    r('.text.hot', '.text.hot.*'),
    { patterns: ['.text.sorted.*'], sort: true },
    r('.text', '.stub', '.text.*', '.gnu.linkonce.t.*'),
    r('.gnu.warning'),
  ], { anchor: 'text' }),
  sec('.fini', [r('.fini')]),
  { kind: 'provide-dot', names: ['__etext', '_etext', 'etext'] },
  sec('.rodata', [r('.rodata', '.rodata.*', '.gnu.linkonce.r.*')], { anchor: 'rodata' }),
  sec('.rodata1', [r('.rodata1')]),
  sec('.sdata2', [r('.sdata2', '.sdata2.*', '.gnu.linkonce.s2.*')]),
  sec('.sbss2', [r('.sbss2', '.sbss2.*', '.gnu.linkonce.sb2.*')]),
  sec('.eh_frame_hdr', [r('.eh_frame_hdr'), r('.eh_frame_entry', '.eh_frame_entry.*')]),
  sec('.eh_frame', [r('.eh_frame'), r('.eh_frame.*')], { onlyIf: 'ro' }),
  sec('.sframe', [r('.sframe'), r('.sframe.*')], { onlyIf: 'ro' }),
  sec('.gcc_except_table', [r('.gcc_except_table', '.gcc_except_table.*')], { onlyIf: 'ro' }),
  sec('.gnu_extab', [r('.gnu_extab*')], { onlyIf: 'ro' }),
  sec('.exception_ranges', [r('.exception_ranges*')], { onlyIf: 'ro' }),
  { kind: 'data-segment-align' },
  sec('.eh_frame', [r('.eh_frame'), r('.eh_frame.*')], { onlyIf: 'rw' }),
  sec('.sframe', [r('.sframe'), r('.sframe.*')], { onlyIf: 'rw' }),
  sec('.gnu_extab', [r('.gnu_extab')], { onlyIf: 'rw' }),
  sec('.gcc_except_table', [r('.gcc_except_table', '.gcc_except_table.*')], { onlyIf: 'rw' }),
  sec('.exception_ranges', [r('.exception_ranges*')], { onlyIf: 'rw' }),
  sec('.tdata', [r('.tdata', '.tdata.*', '.gnu.linkonce.td.*')], { anchor: 'tdata', hiddenBounds: ['__tdata_start', ''] }),
  sec('.tbss', [r('.tbss', '.tbss.*', '.gnu.linkonce.tb.*'), r('.tcommon')]),
  sec('.preinit_array', [r('.preinit_array')], { hiddenBounds: ['__preinit_array_start', '__preinit_array_end'] }),
  sec('.init_array', [{ patterns: ['.init_array.*', '.ctors.*'], sort: true }, r('.init_array', '.ctors')],
    { hiddenBounds: ['__init_array_start', '__init_array_end'] }),
  sec('.fini_array', [{ patterns: ['.fini_array.*', '.dtors.*'], sort: true }, r('.fini_array', '.dtors')],
    { hiddenBounds: ['__fini_array_start', '__fini_array_end'] }),
  sec('.jcr', [r('.jcr')]),
  sec('.data.rel.ro', [r('.data.rel.ro.local*', '.gnu.linkonce.d.rel.ro.local.*'), r('.data.rel.ro', '.data.rel.ro.*', '.gnu.linkonce.d.rel.ro.*')]),
  sec('.dynamic', [r('.dynamic')]),
  sec('.data', [r('.data', '.data.*', '.gnu.linkonce.d.*')], { startSymbol: '__DATA_BEGIN__', anchor: 'data' }),
  sec('.data1', [r('.data1')]),
  sec('.got', [r('.got.plt'), r('.igot.plt'), r('.got'), r('.igot')]),
  sec('.sdata', [r('.srodata.cst16'), r('.srodata.cst8'), r('.srodata.cst4'), r('.srodata.cst2'), r('.srodata', '.srodata.*'),
    r('.sdata', '.sdata.*', '.gnu.linkonce.s.*')], { startSymbol: '__SDATA_BEGIN__' }),
  { kind: 'assign-dot', names: ['_edata'] },
  { kind: 'assign-dot', names: ['edata'], provide: true },
  { kind: 'dot-absolute' },
  { kind: 'assign-dot', names: ['__bss_start'] },
  sec('.sbss', [r('.dynsbss'), r('.sbss', '.sbss.*', '.gnu.linkonce.sb.*'), r('.scommon')]),
  sec('.bss', [r('.dynbss'), r('.bss', '.bss.*', '.gnu.linkonce.b.*'), r('COMMON')], { anchor: 'bss' }),
  { kind: 'bss-end' },
];

/** Input sections ld throws away (/DISCARD/). */
export const DISCARDED = ['.note.GNU-stack', '.gnu_debuglink', '.gnu.lto_*'];

/** Shell-style wildcard match as ld's section patterns use (`*`, `?`, `[...]`). */
export function globMatch(pattern: string, name: string): boolean {
  if (!/[*?[]/.test(pattern)) return pattern === name;
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else { re += '[' + pattern.slice(i + 1, close).replace(/\\/g, '\\\\') + ']'; i = close; }
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(re + '$').test(name);
}
