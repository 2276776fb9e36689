/**
 * R_RISCV_* relocation numbers the assembler emits (RISC-V ELF psABI). Kept
 * local so the assembler does not depend on the linker's module layout; the
 * numbers are fixed by the psABI.
 */
export const R = {
  NONE: 0, R32: 1, R64: 2,
  BRANCH: 16, JAL: 17, CALL: 18, CALL_PLT: 19, GOT_HI20: 20, TLS_GOT_HI20: 21, TLS_GD_HI20: 22,
  PCREL_HI20: 23, PCREL_LO12_I: 24, PCREL_LO12_S: 25, HI20: 26, LO12_I: 27, LO12_S: 28,
  TPREL_HI20: 29, TPREL_LO12_I: 30, TPREL_LO12_S: 31, TPREL_ADD: 32,
  ADD8: 33, ADD16: 34, ADD32: 35, ADD64: 36, SUB8: 37, SUB16: 38, SUB32: 39, SUB64: 40,
  ALIGN: 43, RVC_BRANCH: 44, RVC_JUMP: 45, RELAX: 51, SUB6: 52, SET6: 53, SET8: 54, SET16: 55, SET32: 56,
} as const;
