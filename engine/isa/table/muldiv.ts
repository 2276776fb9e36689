/**
 * M extension: multiply and divide.
 *
 * Entries are in GNU binutils 2.40 order (see ../types.ts for why order
 * matters); encodings are the ISA manual's.
 */
import type { InsnSpec } from '../types';

export const MULDIV: readonly InsnSpec[] = [
  { name: 'mul', syntax: 'rd,rs1,rs2', match: 0x02000033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Multiply, low 64 bits of the product' },
  { name: 'mulh', syntax: 'rd,rs1,rs2', match: 0x02001033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Multiply signed x signed, high 64 bits of the product' },
  { name: 'mulhu', syntax: 'rd,rs1,rs2', match: 0x02003033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Multiply unsigned x unsigned, high 64 bits of the product' },
  { name: 'mulhsu', syntax: 'rd,rs1,rs2', match: 0x02002033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Multiply signed x unsigned, high 64 bits of the product' },
  { name: 'div', syntax: 'rd,rs1,rs2', match: 0x02004033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Signed division (x/0 = -1, overflow gives the dividend)' },
  { name: 'divu', syntax: 'rd,rs1,rs2', match: 0x02005033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Unsigned division (x/0 = all ones)' },
  { name: 'rem', syntax: 'rd,rs1,rs2', match: 0x02006033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Signed remainder (x%0 = x)' },
  { name: 'remu', syntax: 'rd,rs1,rs2', match: 0x02007033, mask: 0xfe00707f, len: 4, ext: ['M'], summary: 'Unsigned remainder (x%0 = x)' },
  { name: 'mulw', syntax: 'rd,rs1,rs2', match: 0x0200003b, mask: 0xfe00707f, len: 4, ext: ['M'], xlen: 64, summary: 'Multiply the low 32 bits, sign-extend the low 32 bits of the product' },
  { name: 'divw', syntax: 'rd,rs1,rs2', match: 0x0200403b, mask: 0xfe00707f, len: 4, ext: ['M'], xlen: 64, summary: 'Signed 32-bit division, sign-extended' },
  { name: 'divuw', syntax: 'rd,rs1,rs2', match: 0x0200503b, mask: 0xfe00707f, len: 4, ext: ['M'], xlen: 64, summary: 'Unsigned 32-bit division, sign-extended' },
  { name: 'remw', syntax: 'rd,rs1,rs2', match: 0x0200603b, mask: 0xfe00707f, len: 4, ext: ['M'], xlen: 64, summary: 'Signed 32-bit remainder, sign-extended' },
  { name: 'remuw', syntax: 'rd,rs1,rs2', match: 0x0200703b, mask: 0xfe00707f, len: 4, ext: ['M'], xlen: 64, summary: 'Unsigned 32-bit remainder, sign-extended' },
];
