/**
 * Zicsr, privileged instructions and the H extension.
 *
 * Entries are in GNU binutils 2.40 order (see ../types.ts for why order
 * matters); encodings are the ISA manual's.
 */
import type { InsnSpec } from '../types';

export const SYSTEM: readonly InsnSpec[] = [
  { name: 'csrr', syntax: 'rd,csr', match: 0x00002073, mask: 0x000ff07f, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrs', summary: 'Read a CSR (csrrs rd, csr, x0)' },
  { name: 'csrw', syntax: 'csr,rs1', match: 0x00001073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrw', summary: 'Write a CSR (csrrw x0, csr, rs)' },
  { name: 'csrw', syntax: 'csr,zimm5', match: 0x00005073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrwi', summary: 'Write a CSR (csrrw x0, csr, rs)' },
  { name: 'csrwi', syntax: 'csr,zimm5', match: 0x00005073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrwi', summary: 'Write an immediate to a CSR (csrrwi x0, csr, imm)' },
  { name: 'csrs', syntax: 'csr,rs1', match: 0x00002073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrs', summary: 'Set bits in a CSR (csrrs x0, csr, rs)' },
  { name: 'csrs', syntax: 'csr,zimm5', match: 0x00006073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrsi', summary: 'Set bits in a CSR (csrrs x0, csr, rs)' },
  { name: 'csrsi', syntax: 'csr,zimm5', match: 0x00006073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrsi', summary: 'Set immediate bits in a CSR (csrrsi x0, csr, imm)' },
  { name: 'csrc', syntax: 'csr,rs1', match: 0x00003073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrc', summary: 'Clear bits in a CSR (csrrc x0, csr, rs)' },
  { name: 'csrc', syntax: 'csr,zimm5', match: 0x00007073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrci', summary: 'Clear bits in a CSR (csrrc x0, csr, rs)' },
  { name: 'csrci', syntax: 'csr,zimm5', match: 0x00007073, mask: 0x00007fff, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrci', summary: 'Clear immediate bits in a CSR (csrrci x0, csr, imm)' },
  { name: 'csrrw', syntax: 'rd,csr,rs1', match: 0x00001073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read/write: rd = csr, csr = rs1' },
  { name: 'csrrw', syntax: 'rd,csr,zimm5', match: 0x00005073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrwi', summary: 'csrrw written with csrrwi\'s operands: Atomic CSR read/write immediate: rd = csr, csr = zimm' },
  { name: 'csrrwi', syntax: 'rd,csr,zimm5', match: 0x00005073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read/write immediate: rd = csr, csr = zimm' },
  { name: 'csrrs', syntax: 'rd,csr,rs1', match: 0x00002073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read and set bits: rd = csr, csr |= rs1' },
  { name: 'csrrs', syntax: 'rd,csr,zimm5', match: 0x00006073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrsi', summary: 'csrrs written with csrrsi\'s operands: Atomic CSR read and set immediate bits' },
  { name: 'csrrsi', syntax: 'rd,csr,zimm5', match: 0x00006073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read and set immediate bits' },
  { name: 'csrrc', syntax: 'rd,csr,rs1', match: 0x00003073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read and clear bits: rd = csr, csr &= ~rs1' },
  { name: 'csrrc', syntax: 'rd,csr,zimm5', match: 0x00007073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], alias: true, base: 'csrrci', summary: 'csrrc written with csrrci\'s operands: Atomic CSR read and clear immediate bits' },
  { name: 'csrrci', syntax: 'rd,csr,zimm5', match: 0x00007073, mask: 0x0000707f, len: 4, ext: ['Zicsr'], summary: 'Atomic CSR read and clear immediate bits' },
  { name: 'sret', syntax: '', match: 0x10200073, mask: 0xffffffff, len: 4, ext: ['I'], priv: 'supervisor', summary: 'Return from a supervisor trap handler (restores mode from sstatus.SPP)' },
  { name: 'mret', syntax: '', match: 0x30200073, mask: 0xffffffff, len: 4, ext: ['I'], priv: 'machine', summary: 'Return from a machine trap handler (restores mode from mstatus.MPP)' },
  { name: 'sfence.vma', syntax: '', match: 0x12000073, mask: 0xffffffff, len: 4, ext: ['I'], alias: true, priv: 'supervisor', summary: 'Flush address-translation caches (all, one address, or one address space) (short form; omitted operands are implied)' },
  { name: 'sfence.vma', syntax: 'rs1', match: 0x12000073, mask: 0xfff07fff, len: 4, ext: ['I'], alias: true, priv: 'supervisor', summary: 'Flush address-translation caches (all, one address, or one address space) (short form; omitted operands are implied)' },
  { name: 'sfence.vma', syntax: 'rs1,rs2', match: 0x12000073, mask: 0xfe007fff, len: 4, ext: ['I'], priv: 'supervisor', summary: 'Flush address-translation caches (all, one address, or one address space)' },
  { name: 'wfi', syntax: '', match: 0x10500073, mask: 0xffffffff, len: 4, ext: ['I'], priv: 'supervisor', summary: 'Wait for interrupt (may trap when executed below M/S per mstatus.TW)' },
  { name: 'hfence.vvma', syntax: '', match: 0x22000073, mask: 0xffffffff, len: 4, ext: ['H'], alias: true, priv: 'hypervisor', summary: 'Hypervisor: flush guest (VS-stage) translations (short form; omitted operands are implied)' },
  { name: 'hfence.vvma', syntax: 'rs1', match: 0x22000073, mask: 0xfff07fff, len: 4, ext: ['H'], alias: true, priv: 'hypervisor', summary: 'Hypervisor: flush guest (VS-stage) translations (short form; omitted operands are implied)' },
  { name: 'hfence.vvma', syntax: 'rs1,rs2', match: 0x22000073, mask: 0xfe007fff, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor: flush guest (VS-stage) translations' },
  { name: 'hfence.gvma', syntax: '', match: 0x62000073, mask: 0xffffffff, len: 4, ext: ['H'], alias: true, priv: 'hypervisor', summary: 'Hypervisor: flush guest-physical (G-stage) translations (short form; omitted operands are implied)' },
  { name: 'hfence.gvma', syntax: 'rs1', match: 0x62000073, mask: 0xfff07fff, len: 4, ext: ['H'], alias: true, priv: 'hypervisor', summary: 'Hypervisor: flush guest-physical (G-stage) translations (short form; omitted operands are implied)' },
  { name: 'hfence.gvma', syntax: 'rs1,rs2', match: 0x62000073, mask: 0xfe007fff, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor: flush guest-physical (G-stage) translations' },
  { name: 'hlv.b', syntax: 'rd,(rs1)', match: 0x60004073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load byte as if in VS/VU mode (sign-extended)' },
  { name: 'hlv.bu', syntax: 'rd,(rs1)', match: 0x60104073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load byte as if in VS/VU mode (zero-extended)' },
  { name: 'hlv.h', syntax: 'rd,(rs1)', match: 0x64004073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load halfword as if in VS/VU mode (sign-extended)' },
  { name: 'hlv.hu', syntax: 'rd,(rs1)', match: 0x64104073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load halfword as if in VS/VU mode (zero-extended)' },
  { name: 'hlvx.hu', syntax: 'rd,(rs1)', match: 0x64304073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load halfword with execute permission (instruction fetch check)' },
  { name: 'hlv.w', syntax: 'rd,(rs1)', match: 0x68004073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load word as if in VS/VU mode (sign-extended)' },
  { name: 'hlv.wu', syntax: 'rd,(rs1)', match: 0x68104073, mask: 0xfff0707f, len: 4, ext: ['H'], xlen: 64, priv: 'hypervisor', summary: 'Hypervisor load word as if in VS/VU mode (zero-extended)' },
  { name: 'hlvx.wu', syntax: 'rd,(rs1)', match: 0x68304073, mask: 0xfff0707f, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor load word with execute permission (instruction fetch check)' },
  { name: 'hlv.d', syntax: 'rd,(rs1)', match: 0x6c004073, mask: 0xfff0707f, len: 4, ext: ['H'], xlen: 64, priv: 'hypervisor', summary: 'Hypervisor load doubleword as if in VS/VU mode' },
  { name: 'hsv.b', syntax: 'rs2,(rs1)', match: 0x62004073, mask: 0xfe007fff, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor store byte as if in VS/VU mode' },
  { name: 'hsv.h', syntax: 'rs2,(rs1)', match: 0x66004073, mask: 0xfe007fff, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor store halfword as if in VS/VU mode' },
  { name: 'hsv.w', syntax: 'rs2,(rs1)', match: 0x6a004073, mask: 0xfe007fff, len: 4, ext: ['H'], priv: 'hypervisor', summary: 'Hypervisor store word as if in VS/VU mode' },
  { name: 'hsv.d', syntax: 'rs2,(rs1)', match: 0x6e004073, mask: 0xfe007fff, len: 4, ext: ['H'], xlen: 64, priv: 'hypervisor', summary: 'Hypervisor store doubleword as if in VS/VU mode' },
];
