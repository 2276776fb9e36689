/**
 * The shape of the instruction table: the single source of truth that the
 * decoder, the assembler, the disassembler, the language server (hover,
 * completion, signature help), the grammar and the hypervisors all read.
 *
 * One entry describes one way of writing one encoding. Entries come in table
 * order; like GNU binutils' opcode table, order matters twice:
 *  - the assembler tries the entries of a mnemonic in order and takes the first
 *    whose operands parse and fit (so a compressed entry placed before its
 *    32-bit twin gives GNU's automatic compression when RVC is enabled);
 *  - the disassembler, in alias mode, prints the first entry (alias or not)
 *    whose match/mask and constraint accept the word; in no-alias mode it skips
 *    entries flagged `alias`.
 */

/** ISA extensions an entry belongs to (what `-march` / `.option arch` enable). */
export type Extension =
  | 'I' | 'M' | 'A' | 'F' | 'D' | 'C' | 'Zicsr' | 'Zifencei'
  | 'Zba' | 'Zbb' | 'Zbc' | 'Zbs' | 'H' | 'Zihintpause' | 'Zmmul';

/**
 * Operand kinds. Each kind knows its bit field(s) in the encoding, its range
 * and alignment, and how it is written in assembly. Register kinds name the
 * register file; immediate kinds name the encoding format.
 */
export type OperandKind =
  // integer registers (5-bit fields at the standard places)
  | 'rd' | 'rs1' | 'rs2'
  // floating-point registers
  | 'fd' | 'fs1' | 'fs2' | 'fs3'
  // 32-bit immediates
  | 'imm12'     // I-type signed 12-bit [31:20] (addi, loads, jalr offset)
  | 'simm12'    // S-type signed 12-bit offset [31:25|11:7] (stores)
  | 'bimm'      // B-type pc-relative target, ±4 KiB, even
  | 'jimm'      // J-type pc-relative target, ±1 MiB, even
  | 'uimm20'    // U-type 20-bit upper immediate (lui, auipc), 0..0xfffff
  | 'shamt6'    // 6-bit shift amount [25:20]
  | 'shamt5'    // 5-bit shift amount [24:20] (W forms)
  | 'csr'       // 12-bit CSR number or name [31:20]
  | 'zimm5'     // 5-bit unsigned immediate in the rs1 field (csrrwi…)
  | 'rm'        // rounding mode [14:12], written as rne/rtz/rdn/rup/rmm/dyn
  | 'pred' | 'succ' // fence sets, written as a subset of "iorw"
  // compressed (RVC) register fields
  | 'c_rd' | 'c_rs1' | 'c_rs2'     // full 5-bit: rd/rs1 at [11:7], rs2 at [6:2]
  | 'c_rdp' | 'c_rs1p' | 'c_rs2p'  // 3-bit x8..x15: rd' [4:2], rs1' [9:7], rs2' [4:2]
  | 'c_fdp' | 'c_fs2p' | 'c_fs2'   // FP: fd' [4:2], fs2' [4:2], fs2 [6:2]
  | 'c_sp'                          // implicit sp written explicitly (c.addi16sp sp,imm)
  // compressed immediates
  | 'c_imm6'      // CI signed 6-bit (c.addi, c.li, c.addiw, c.andi)
  | 'c_nzimm6'    // CI signed 6-bit, nonzero
  | 'c_shamt'     // CI 6-bit shift amount, nonzero
  | 'c_lui'       // c.lui: nonzero 6-bit signed upper immediate, written as uimm20
  | 'c_addi16sp'  // c.addi16sp: signed, multiple of 16, nonzero
  | 'c_addi4spn'  // c.addi4spn: unsigned, multiple of 4, nonzero
  | 'c_lwsp' | 'c_ldsp' | 'c_swsp' | 'c_sdsp' // sp-relative offsets (×4 / ×8)
  | 'c_lw' | 'c_ld'                         // register-relative offsets (×4 / ×8)
  | 'c_bimm'      // CB pc-relative target, ±256 B
  | 'c_jimm'      // CJ pc-relative target, ±2 KiB
  // added for GNU-compatible aliases (binutils' operand letters in brackets)
  | 'zero'        // the register x0 written explicitly, no bits [Cz]
  | 'imm0'        // the constant 0 written explicitly, no bits [z]
  | 'fs12'        // one FP register written once, encoded in both rs1 and rs2 (fmv.s = fsgnj.s fd,fs,fs) [U]
  | 'c_rd_same'   // register that must equal the one in [11:7], no bits of its own [CU]
  | 'c_rs1p_same' // register that must equal the one in [9:7], no bits of its own [Cw]
  | 'c_luiv'      // li via c.lui: the full constant (a nonzero multiple of 4096 in -131072..126976) [Cv]
  ;

/** How an operand list is written: the kinds, separated by the punctuation
 * shown, e.g. "rd,imm12(rs1)", "rd,rs2,(rs1)", "fd,fs1,fs2,rm?". A trailing
 * `?` marks an optional operand (which then has a default in `defaults`). */
export type Syntax = string;

export interface InsnSpec {
  /** Mnemonic as written, lower case (`addi`, `c.addi`, `lr.w.aq`, `fence.i`). */
  readonly name: string;
  /** Operand syntax; empty string for none. */
  readonly syntax: Syntax;
  readonly match: number;   // bits that must be set (unsigned 32-bit)
  readonly mask: number;    // bits that are fixed (unsigned 32-bit)
  readonly len: 2 | 4;
  /** Extensions that must be enabled for the assembler to accept it. */
  readonly ext: readonly Extension[];
  /** Only valid for this XLEN, when restricted (RV64 is the engine's XLEN). */
  readonly xlen?: 32 | 64;
  /** An alias of a real encoding (e.g. `li` for `addi rd,x0,imm`, `addi` for
   * `c.addi`); skipped by the disassembler in no-alias mode; never executed as
   * its own entry. */
  readonly alias?: boolean;
  /** Extra condition on the word beyond match/mask (e.g. rd ≠ 0). */
  readonly constraint?: (word: number) => boolean;
  /** Defaults for optional operands, by kind. */
  readonly defaults?: Partial<Record<OperandKind, number>>;
  /** For entries that are not their own semantics (compressed forms and
   * aliases): the mnemonic of the base instruction whose semantics run. */
  readonly base?: string;
  /** Privileged/hypervisor class used by the sensitivity function. */
  readonly priv?: 'user' | 'supervisor' | 'machine' | 'hypervisor';
  /** One line for hover and completion. */
  readonly summary: string;
}

/**
 * An instruction decoded for execution: compressed forms are normalised to
 * their base instruction's operand fields, so the CPU implements base
 * semantics only.
 */
export interface DecodedInsn {
  readonly spec: InsnSpec;  // the non-alias entry that matched the word
  readonly exec: string;    // base mnemonic whose semantics run (`addi` for `c.addi`)
  readonly len: 2 | 4;
  readonly word: number;    // raw bits (16 or 32), unsigned
  readonly rd: number;      // register numbers (x or f register per spec)
  readonly rs1: number;
  readonly rs2: number;
  readonly rs3: number;
  /** Sign-extended immediate as the base instruction sees it: byte offsets for
   * branches/jumps/loads/stores, (imm20 << 12) as a signed 32-bit value for
   * lui/auipc, the shift amount for shifts, zimm for csr*i. */
  readonly imm: number;
  readonly csr: number;
  readonly rm: number;
  /** fence: pred<<4 | succ; AMO: aq<<1 | rl. */
  readonly flags: number;
}
