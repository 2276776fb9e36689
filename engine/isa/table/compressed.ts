/**
 * C extension (RV64C): the c.* mnemonics themselves.
 *
 * Entries are in GNU binutils 2.40 order (see ../types.ts for why order
 * matters); encodings are the ISA manual's.
 */
import type { InsnSpec } from '../types';
import * as C from './constraints';

export const COMPRESSED: readonly InsnSpec[] = [
  { name: 'c.unimp', syntax: '', match: 0x00000000, mask: 0x0000ffff, len: 2, ext: ['C'], summary: 'Compressed all-zero halfword: always an illegal instruction' },
  { name: 'c.ebreak', syntax: '', match: 0x00009002, mask: 0x0000ffff, len: 2, ext: ['C'], base: 'ebreak', priv: 'user', summary: 'Compressed ebreak' },
  { name: 'c.jr', syntax: 'c_rs1', match: 0x00008002, mask: 0x0000f07f, len: 2, ext: ['C'], constraint: C.rdNonzero, base: 'jalr', summary: 'Compressed jump to register (jalr x0, 0(rs1))' },
  { name: 'c.jalr', syntax: 'c_rs1', match: 0x00009002, mask: 0x0000f07f, len: 2, ext: ['C'], constraint: C.rdNonzero, base: 'jalr', summary: 'Compressed jump to register with link (jalr ra, 0(rs1))' },
  { name: 'c.j', syntax: 'c_jimm', match: 0x0000a001, mask: 0x0000e003, len: 2, ext: ['C'], base: 'jal', summary: 'Compressed pc-relative jump, +-2 KiB (jal x0)' },
  { name: 'c.beqz', syntax: 'c_rs1p,c_bimm', match: 0x0000c001, mask: 0x0000e003, len: 2, ext: ['C'], base: 'beq', summary: 'Compressed branch if rs1\' == 0, +-256 B' },
  { name: 'c.bnez', syntax: 'c_rs1p,c_bimm', match: 0x0000e001, mask: 0x0000e003, len: 2, ext: ['C'], base: 'bne', summary: 'Compressed branch if rs1\' != 0, +-256 B' },
  { name: 'c.lwsp', syntax: 'c_rd,c_lwsp(c_sp)', match: 0x00004002, mask: 0x0000e003, len: 2, ext: ['C'], constraint: C.rdNonzero, base: 'lw', summary: 'Compressed load word from sp + offset' },
  { name: 'c.lw', syntax: 'c_rdp,c_lw(c_rs1p)', match: 0x00004000, mask: 0x0000e003, len: 2, ext: ['C'], base: 'lw', summary: 'Compressed load word (x8..x15 registers)' },
  { name: 'c.swsp', syntax: 'c_rs2,c_swsp(c_sp)', match: 0x0000c002, mask: 0x0000e003, len: 2, ext: ['C'], base: 'sw', summary: 'Compressed store word to sp + offset' },
  { name: 'c.sw', syntax: 'c_rs2p,c_lw(c_rs1p)', match: 0x0000c000, mask: 0x0000e003, len: 2, ext: ['C'], base: 'sw', summary: 'Compressed store word (x8..x15 registers)' },
  { name: 'c.nop', syntax: '', match: 0x00000001, mask: 0x0000ffff, len: 2, ext: ['C'], alias: true, base: 'addi', summary: 'Compressed no operation (c.addi x0, imm is a hint) (as c.addi)' },
  { name: 'c.nop', syntax: 'c_nzimm6', match: 0x00000001, mask: 0x0000ef83, len: 2, ext: ['C'], alias: true, base: 'addi', summary: 'Compressed no operation (c.addi x0, imm is a hint) (as c.addi)' },
  { name: 'c.mv', syntax: 'c_rd,c_rs2', match: 0x00008002, mask: 0x0000f003, len: 2, ext: ['C'], constraint: C.cAddWithHint, base: 'add', summary: 'Compressed register copy (add rd, x0, rs2)' },
  { name: 'c.lui', syntax: 'c_rd,c_lui', match: 0x00006001, mask: 0x0000e003, len: 2, ext: ['C'], constraint: C.cLuiWithHint, base: 'lui', summary: 'Compressed load upper immediate (6-bit nonzero field)' },
  { name: 'c.li', syntax: 'c_rd,c_imm6', match: 0x00004001, mask: 0x0000e003, len: 2, ext: ['C'], base: 'addi', summary: 'Compressed load 6-bit signed immediate (addi rd, x0, imm)' },
  { name: 'c.addi4spn', syntax: 'c_rdp,c_sp,c_addi4spn', match: 0x00000000, mask: 0x0000e003, len: 2, ext: ['C'], constraint: C.cAddi4spn, base: 'addi', summary: 'Compressed rd\' = sp + nonzero unsigned immediate (scaled by 4)' },
  { name: 'c.addi16sp', syntax: 'c_sp,c_addi16sp', match: 0x00006101, mask: 0x0000ef83, len: 2, ext: ['C'], base: 'addi', summary: 'Compressed sp = sp + nonzero immediate (multiple of 16)' },
  { name: 'c.addi', syntax: 'c_rd,c_imm6', match: 0x00000001, mask: 0x0000e003, len: 2, ext: ['C'], base: 'addi', summary: 'Compressed add 6-bit signed immediate to rd' },
  { name: 'c.add', syntax: 'c_rd,c_rs2', match: 0x00009002, mask: 0x0000f003, len: 2, ext: ['C'], constraint: C.cAddWithHint, base: 'add', summary: 'Compressed add: rd = rd + rs2' },
  { name: 'c.sub', syntax: 'c_rs1p,c_rs2p', match: 0x00008c01, mask: 0x0000fc63, len: 2, ext: ['C'], base: 'sub', summary: 'Compressed subtract (x8..x15 registers)' },
  { name: 'c.and', syntax: 'c_rs1p,c_rs2p', match: 0x00008c61, mask: 0x0000fc63, len: 2, ext: ['C'], base: 'and', summary: 'Compressed AND (x8..x15 registers)' },
  { name: 'c.or', syntax: 'c_rs1p,c_rs2p', match: 0x00008c41, mask: 0x0000fc63, len: 2, ext: ['C'], base: 'or', summary: 'Compressed OR (x8..x15 registers)' },
  { name: 'c.xor', syntax: 'c_rs1p,c_rs2p', match: 0x00008c21, mask: 0x0000fc63, len: 2, ext: ['C'], base: 'xor', summary: 'Compressed XOR (x8..x15 registers)' },
  { name: 'c.slli', syntax: 'c_rd,c_shamt', match: 0x00000002, mask: 0x0000e003, len: 2, ext: ['C'], constraint: C.cShiftNonzero, base: 'slli', summary: 'Compressed shift left logical by an immediate' },
  { name: 'c.srli', syntax: 'c_rs1p,c_shamt', match: 0x00008001, mask: 0x0000ec03, len: 2, ext: ['C'], constraint: C.cShiftNonzero, base: 'srli', summary: 'Compressed shift right logical by an immediate (x8..x15)' },
  { name: 'c.srai', syntax: 'c_rs1p,c_shamt', match: 0x00008401, mask: 0x0000ec03, len: 2, ext: ['C'], constraint: C.cShiftNonzero, base: 'srai', summary: 'Compressed shift right arithmetic by an immediate (x8..x15)' },
  { name: 'c.slli64', syntax: 'c_rd', match: 0x00000002, mask: 0x0000f07f, len: 2, ext: ['C'], constraint: C.cShiftZero, base: 'slli', summary: 'Compressed shift left by 0 (a hint on RV64)' },
  { name: 'c.srli64', syntax: 'c_rs1p', match: 0x00008001, mask: 0x0000fc7f, len: 2, ext: ['C'], constraint: C.cShiftZero, base: 'srli', summary: 'Compressed shift right logical by 0 (a hint on RV64)' },
  { name: 'c.srai64', syntax: 'c_rs1p', match: 0x00008401, mask: 0x0000fc7f, len: 2, ext: ['C'], constraint: C.cShiftZero, base: 'srai', summary: 'Compressed shift right arithmetic by 0 (a hint on RV64)' },
  { name: 'c.andi', syntax: 'c_rs1p,c_imm6', match: 0x00008801, mask: 0x0000ec03, len: 2, ext: ['C'], base: 'andi', summary: 'Compressed AND with a 6-bit signed immediate (x8..x15)' },
  { name: 'c.addiw', syntax: 'c_rd,c_imm6', match: 0x00002001, mask: 0x0000e003, len: 2, ext: ['C'], xlen: 64, constraint: C.rdNonzero, base: 'addiw', summary: 'Compressed addiw with a 6-bit signed immediate' },
  { name: 'c.addw', syntax: 'c_rs1p,c_rs2p', match: 0x00009c21, mask: 0x0000fc63, len: 2, ext: ['C'], xlen: 64, base: 'addw', summary: 'Compressed addw (x8..x15 registers)' },
  { name: 'c.subw', syntax: 'c_rs1p,c_rs2p', match: 0x00009c01, mask: 0x0000fc63, len: 2, ext: ['C'], xlen: 64, base: 'subw', summary: 'Compressed subw (x8..x15 registers)' },
  { name: 'c.ldsp', syntax: 'c_rd,c_ldsp(c_sp)', match: 0x00006002, mask: 0x0000e003, len: 2, ext: ['C'], xlen: 64, constraint: C.rdNonzero, base: 'ld', summary: 'Compressed load doubleword from sp + offset' },
  { name: 'c.ld', syntax: 'c_rdp,c_ld(c_rs1p)', match: 0x00006000, mask: 0x0000e003, len: 2, ext: ['C'], xlen: 64, base: 'ld', summary: 'Compressed load doubleword (x8..x15 registers)' },
  { name: 'c.sdsp', syntax: 'c_rs2,c_sdsp(c_sp)', match: 0x0000e002, mask: 0x0000e003, len: 2, ext: ['C'], xlen: 64, base: 'sd', summary: 'Compressed store doubleword to sp + offset' },
  { name: 'c.sd', syntax: 'c_rs2p,c_ld(c_rs1p)', match: 0x0000e000, mask: 0x0000e003, len: 2, ext: ['C'], xlen: 64, base: 'sd', summary: 'Compressed store doubleword (x8..x15 registers)' },
  { name: 'c.fldsp', syntax: 'fd,c_ldsp(c_sp)', match: 0x00002002, mask: 0x0000e003, len: 2, ext: ['D', 'C'], base: 'fld', summary: 'Compressed load double-precision from sp + offset' },
  { name: 'c.fld', syntax: 'c_fdp,c_ld(c_rs1p)', match: 0x00002000, mask: 0x0000e003, len: 2, ext: ['D', 'C'], base: 'fld', summary: 'Compressed load double-precision (f8..f15, x8..x15)' },
  { name: 'c.fsdsp', syntax: 'c_fs2,c_sdsp(c_sp)', match: 0x0000a002, mask: 0x0000e003, len: 2, ext: ['D', 'C'], base: 'fsd', summary: 'Compressed store double-precision to sp + offset' },
  { name: 'c.fsd', syntax: 'c_fs2p,c_ld(c_rs1p)', match: 0x0000a000, mask: 0x0000e003, len: 2, ext: ['D', 'C'], base: 'fsd', summary: 'Compressed store double-precision (f8..f15, x8..x15)' },
];
