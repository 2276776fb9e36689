/**
 * One-line documentation for the directives the engine's assembler accepts
 * (the list itself is the assembler's `DIRECTIVES`; a test checks that every
 * one has an entry here and that nothing here is unknown to the assembler).
 */
import { ALL_DIRECTIVES } from '../engine-info';

export interface DirectiveDoc {
  syntax: string;
  summary: string;
  /** Snippet for the operands, LSP snippet syntax. */
  snippet?: string;
}

const D = (syntax: string, summary: string, snippet?: string): DirectiveDoc => ({ syntax, summary, snippet });
const data = (n: number) => D('expr [, expr…]', `Emit each value as a ${n}-byte little-endian integer (relocations allowed for symbols).`, '${1:value}');
const sectionSwitch = (name: string) => D('', `Continue assembling into the ${name} section.`);
const align = (how: string) => D('boundary [, fill [, max]]', `Pad to a ${how}; in code sections the padding is nops.`, '${1:4}');

const DOCS: Record<string, DirectiveDoc> = {
  '.text': sectionSwitch('.text (code)'),
  '.data': sectionSwitch('.data (initialised read/write data)'),
  '.bss': sectionSwitch('.bss (zero-initialised data, no file space)'),
  '.rodata': sectionSwitch('.rodata (read-only data)'),
  '.section': D('name [, "flags" [, @type]]', 'Switch to a named section, creating it with the given flags (a alloc, w write, x exec, M merge, S strings).', '${1:.text.name}, "${2:ax}", @${3:progbits}'),
  '.sect': D('name [, "flags" [, @type]]', 'Same as .section.', '${1:name}'),
  '.pushsection': D('name [, "flags" [, @type]]', 'Switch to a section, remembering the current one for .popsection.', '${1:name}'),
  '.popsection': D('', 'Return to the section active before the matching .pushsection.'),
  '.previous': D('', 'Swap back to the section that was current before the last section change.'),
  '.globl': D('symbol [, symbol…]', 'Make symbols global: visible to the linker and other objects.', '${1:symbol}'),
  '.global': D('symbol [, symbol…]', 'Same as .globl.', '${1:symbol}'),
  '.local': D('symbol [, symbol…]', 'Keep symbols local to this object.', '${1:symbol}'),
  '.weak': D('symbol [, symbol…]', 'Make symbols weak: global, but a strong definition elsewhere wins.', '${1:symbol}'),
  '.hidden': D('symbol [, symbol…]', 'Set ELF visibility hidden (global within the linked output only).', '${1:symbol}'),
  '.protected': D('symbol [, symbol…]', 'Set ELF visibility protected.', '${1:symbol}'),
  '.internal': D('symbol [, symbol…]', 'Set ELF visibility internal.', '${1:symbol}'),
  '.align': align('multiple of 2^n bytes (RISC-V: the argument is a power of two)'),
  '.balign': align('multiple of the given number of bytes'),
  '.p2align': align('multiple of 2^n bytes'),
  '.balignw': align('byte multiple, filling with 2-byte values'),
  '.balignl': align('byte multiple, filling with 4-byte values'),
  '.p2alignw': align('2^n-byte multiple, filling with 2-byte values'),
  '.p2alignl': align('2^n-byte multiple, filling with 4-byte values'),
  '.byte': data(1),
  '.half': data(2), '.short': data(2), '.hword': data(2), '.2byte': data(2),
  '.word': data(4), '.long': data(4), '.int': data(4), '.4byte': data(4),
  '.dword': data(8), '.quad': data(8), '.8byte': data(8),
  '.uleb128': D('expr [, expr…]', 'Emit unsigned LEB128-encoded constants.', '${1:value}'),
  '.sleb128': D('expr [, expr…]', 'Emit signed LEB128-encoded constants.', '${1:value}'),
  '.ascii': D('"string" [, "string"…]', 'Emit the bytes of each string, without a terminating NUL.', '"${1:text}"'),
  '.asciz': D('"string" [, "string"…]', 'Emit each string followed by a NUL byte.', '"${1:text}"'),
  '.string': D('"string" [, "string"…]', 'Same as .asciz: each string followed by a NUL byte.', '"${1:text}"'),
  '.zero': D('size', 'Emit size zero bytes.', '${1:size}'),
  '.space': D('size [, fill]', 'Emit size bytes of fill (default 0).', '${1:size}'),
  '.skip': D('size [, fill]', 'Same as .space.', '${1:size}'),
  '.fill': D('repeat [, size [, value]]', 'Emit repeat copies of a size-byte value.', '${1:repeat}, ${2:1}, ${3:0}'),
  '.equ': D('symbol, expr', 'Give a symbol a value (may be redefined).', '${1:NAME}, ${2:value}'),
  '.set': D('symbol, expr', 'Same as .equ: give a symbol a value (may be redefined).', '${1:NAME}, ${2:value}'),
  '.equiv': D('symbol, expr', 'Like .equ, but an error if the symbol is already defined.', '${1:NAME}, ${2:value}'),
  '.eqv': D('symbol, expr', 'Define a symbol as an expression evaluated at each use.', '${1:NAME}, ${2:value}'),
  '.option': D('rvc | norvc | relax | norelax | pic | nopic | push | pop | arch, +ext', 'Change assembler options for the following code (push/pop save and restore them).', '${1|rvc,norvc,push,pop,relax,norelax,pic,nopic|}'),
  '.include': D('"file"', 'Assemble another file here (path relative to this file).', '"${1:file.s}"'),
  '.macro': D('name [param[=default|:req|:vararg]…]', 'Define a macro up to .endm; parameters are written \\param in the body, \\@ is a per-expansion counter.', '${1:name} ${2:args}\n\t$0\n.endm'),
  '.endm': D('', 'End a macro definition.'),
  '.exitm': D('', 'Leave the current macro expansion early.'),
  '.rept': D('count', 'Repeat the lines up to .endr count times.', '${1:count}\n\t$0\n.endr'),
  '.endr': D('', 'End a .rept, .irp or .irpc block.'),
  '.irp': D('param, value…', 'Repeat the block once per value, with \\param replaced by it.', '${1:reg}, ${2:a0, a1}\n\t$0\n.endr'),
  '.irpc': D('param, chars', 'Repeat the block once per character of chars.', '${1:c}, ${2:0123}\n\t$0\n.endr'),
  '.if': D('expr', 'Assemble the following lines if expr is nonzero (up to .else/.elseif/.endif).', '${1:expr}\n\t$0\n.endif'),
  '.ifdef': D('symbol', 'Assemble the block if the symbol is defined.', '${1:symbol}'),
  '.ifndef': D('symbol', 'Assemble the block if the symbol is not defined.', '${1:symbol}'),
  '.ifnotdef': D('symbol', 'Same as .ifndef.', '${1:symbol}'),
  '.ifeq': D('expr', 'Assemble the block if expr is zero.', '${1:expr}'),
  '.ifne': D('expr', 'Assemble the block if expr is nonzero.', '${1:expr}'),
  '.ifgt': D('expr', 'Assemble the block if expr is greater than zero.', '${1:expr}'),
  '.ifge': D('expr', 'Assemble the block if expr is zero or more.', '${1:expr}'),
  '.iflt': D('expr', 'Assemble the block if expr is less than zero.', '${1:expr}'),
  '.ifle': D('expr', 'Assemble the block if expr is zero or less.', '${1:expr}'),
  '.ifc': D('string1, string2', 'Assemble the block if the two strings are equal.', '${1:a}, ${2:b}'),
  '.ifnc': D('string1, string2', 'Assemble the block if the two strings differ.', '${1:a}, ${2:b}'),
  '.ifb': D('text', 'Assemble the block if the argument is blank (useful in macros).', '${1:\\\\arg}'),
  '.ifnb': D('text', 'Assemble the block if the argument is not blank.', '${1:\\\\arg}'),
  '.else': D('', 'Start the alternative of an .if block.'),
  '.elseif': D('expr', 'Alternative of an .if block taken if expr is nonzero.', '${1:expr}'),
  '.endif': D('', 'End an .if block.'),
  '.type': D('symbol, @function | @object', 'Set the ELF type of a symbol.', '${1:symbol}, @${2|function,object|}'),
  '.size': D('symbol, expr', 'Set the ELF size of a symbol (often . - symbol).', '${1:symbol}, . - ${1:symbol}'),
  '.file': D('"name"', 'Record the source file name (accepted and ignored).'),
  '.ident': D('"text"', 'Identification string (accepted and ignored).'),
  '.attribute': D('tag, value', 'RISC-V ELF attribute (accepted and ignored).'),
  '.insn': D('format, fields…', 'Emit an instruction given by its format and fields (e.g. .insn r OP, 0, 0, a0, a1, a2).', '${1:r} ${2:opcode}, ${3:funct3}, ${4:funct7}, ${5:rd}, ${6:rs1}, ${7:rs2}'),
  '.end': D('', 'Stop assembling: the rest of the file is ignored.'),
  '.err': D('', 'Report an error (useful inside conditionals).'),
  '.error': D('"message"', 'Report an error with the message.', '"${1:message}"'),
  '.warning': D('"message"', 'Report a warning with the message.', '"${1:message}"'),
  '.comm': D('symbol, size [, align]', 'Declare a common symbol (uninitialised data merged by the linker).', '${1:symbol}, ${2:size}'),
  '.lcomm': D('symbol, size [, align]', 'Reserve local uninitialised storage in .bss.', '${1:symbol}, ${2:size}'),
  '.loc': D('file line [column]', 'Debug line information (accepted and ignored).'),
  '.cfi_startproc': D('', 'Start of call frame information (accepted and ignored).'),
  '.cfi_endproc': D('', 'End of call frame information (accepted and ignored).'),
  '.purgem': D('name', 'Forget a macro definition.', '${1:name}'),
  '.print': D('"message"', 'Print the message while assembling.', '"${1:message}"'),
  '.dtprelword': D('expr', 'Emit a 4-byte TLS DTP-relative value.', '${1:symbol}'),
  '.dtpreldword': D('expr', 'Emit an 8-byte TLS DTP-relative value.', '${1:symbol}'),
  '.org': D('offset [, fill]', 'Advance the location counter to offset within the section.', '${1:offset}'),
  '.endmacro': D('', 'Same as .endm.'),
};

export function directiveDoc(name: string): DirectiveDoc | undefined {
  const n = name.toLowerCase();
  return Object.prototype.hasOwnProperty.call(DOCS, n) ? DOCS[n] : undefined;
}

/** Documented names, for the consistency test. */
export function documentedDirectives(): string[] {
  return Object.keys(DOCS);
}

/** Directives to offer in completion: the assembler's list. */
export function completableDirectives(): readonly string[] {
  return ALL_DIRECTIVES;
}
