/**
 * Operand kinds: where each lives in an instruction word, how it is range
 * checked, and how it is written. The assembler encodes through `encode`
 * after `check` says the value fits; the decoder and disassembler read
 * fields back through `decode`.
 *
 * Values are what the programmer writes: register numbers for register
 * kinds (x8..x15 for the 3-bit compressed ones), byte offsets for
 * pc-relative kinds, the 20-bit field for lui-style kinds.
 */
import type { OperandKind } from './types';

export interface OperandInfo {
  readonly kind: OperandKind;
  /** Register file for register kinds. */
  readonly regFile: 'x' | 'f' | undefined;
  /** Value is a byte offset from the instruction's own address. */
  readonly pcRelative: boolean;
  /** decode() returns a sign-extended value. */
  readonly signed: boolean;
  /** Smallest and largest accepted value, and the required alignment. */
  readonly min: number;
  readonly max: number;
  readonly align: number;
  /** Zero is not encodable (reserved encodings). */
  readonly nonzero: boolean;
  /** Operand written in the source but carrying no bits: it must be this
   * register/constant (`zero`, `c_sp`, `imm0`), or equal another operand. */
  readonly fixed?: number;
  readonly sameAs?: OperandKind;
  /** Default when the operand is optional and omitted. */
  readonly optionalDefault?: number;
  /** Bit placement, for documentation and hover. */
  readonly bits: string;
  /** Bits to OR into the instruction word (value assumed to pass check). */
  encode(value: number): number;
  /** The value back from an instruction word. */
  decode(word: number): number;
  /** undefined when the value fits, else a message for the user. */
  check(value: number): string | undefined;
}

const field = (w: number, hi: number, lo: number): number => (w >>> lo) & ((1 << (hi - lo + 1)) - 1);
const bit = (v: number, b: number): number => (v >>> b) & 1;
const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

interface Def {
  regFile?: 'x' | 'f';
  pcRelative?: boolean;
  signed?: boolean;
  min: number;
  max: number;
  align?: number;
  nonzero?: boolean;
  fixed?: number;
  sameAs?: OperandKind;
  optionalDefault?: number;
  bits: string;
  what?: string;
  encode(v: number): number;
  decode(w: number): number;
  /** Extra validity test (e.g. rm 5/6 are invalid). */
  extra?(v: number): string | undefined;
}

const RVC_REG_MSG = 'must be one of x8..x15 (s0, s1, a0..a5) in a compressed instruction';

function regField(lo: number, file: 'x' | 'f'): Def {
  return {
    regFile: file, min: 0, max: 31, bits: `[${lo + 4}:${lo}]`,
    encode: (v) => (v & 31) << lo,
    decode: (w) => field(w, lo + 4, lo),
  };
}

function regField3(lo: number, file: 'x' | 'f'): Def {
  return {
    regFile: file, min: 8, max: 15, bits: `[${lo + 2}:${lo}] (+8)`,
    encode: (v) => ((v - 8) & 7) << lo,
    decode: (w) => field(w, lo + 2, lo) + 8,
  };
}

/** CI-format 6-bit immediate: imm[5] at bit 12, imm[4:0] at bits 6:2. */
const ciEncode = (v: number): number => (bit(v, 5) << 12) | ((v & 31) << 2);
const ciDecode = (w: number): number => sext((bit(w, 12) << 5) | field(w, 6, 2), 6);

function fmt(n: number): string {
  return String(n);
}

const DEFS: Record<OperandKind, Def> = {
  rd: regField(7, 'x'),
  rs1: regField(15, 'x'),
  rs2: regField(20, 'x'),
  fd: regField(7, 'f'),
  fs1: regField(15, 'f'),
  fs2: regField(20, 'f'),
  fs3: regField(27, 'f'),
  fs12: {
    regFile: 'f', min: 0, max: 31, bits: '[19:15] and [24:20]',
    encode: (v) => ((v & 31) << 15) | ((v & 31) << 20),
    decode: (w) => field(w, 19, 15),
  },
  imm12: {
    signed: true, min: -2048, max: 2047, bits: '[31:20]',
    encode: (v) => (v & 0xfff) << 20,
    decode: (w) => w >> 20,
  },
  simm12: {
    signed: true, min: -2048, max: 2047, bits: '[31:25|11:7]',
    encode: (v) => (((v >> 5) & 0x7f) << 25) | ((v & 31) << 7),
    decode: (w) => ((w >> 25) << 5) | field(w, 11, 7),
  },
  bimm: {
    signed: true, pcRelative: true, min: -4096, max: 4094, align: 2, bits: '[31|7|30:25|11:8]', what: 'branch offset',
    encode: (v) => (bit(v, 12) << 31) | (field(v, 10, 5) << 25) | (field(v, 4, 1) << 8) | (bit(v, 11) << 7),
    decode: (w) => ((w >> 31) << 12) | (bit(w, 7) << 11) | (field(w, 30, 25) << 5) | (field(w, 11, 8) << 1),
  },
  jimm: {
    signed: true, pcRelative: true, min: -1048576, max: 1048574, align: 2, bits: '[31|19:12|20|30:21]', what: 'jump offset',
    encode: (v) => (bit(v, 20) << 31) | (field(v, 10, 1) << 21) | (bit(v, 11) << 20) | (field(v, 19, 12) << 12),
    decode: (w) => ((w >> 31) << 20) | (field(w, 19, 12) << 12) | (bit(w, 20) << 11) | (field(w, 30, 21) << 1),
  },
  uimm20: {
    min: 0, max: 0xfffff, bits: '[31:12]', what: 'upper immediate',
    encode: (v) => (v & 0xfffff) << 12,
    decode: (w) => w >>> 12,
  },
  shamt6: { min: 0, max: 63, bits: '[25:20]', what: 'shift amount', encode: (v) => (v & 63) << 20, decode: (w) => field(w, 25, 20) },
  shamt5: { min: 0, max: 31, bits: '[24:20]', what: 'shift amount', encode: (v) => (v & 31) << 20, decode: (w) => field(w, 24, 20) },
  csr: { min: 0, max: 4095, bits: '[31:20]', what: 'CSR number', encode: (v) => (v & 0xfff) << 20, decode: (w) => w >>> 20 },
  zimm5: { min: 0, max: 31, bits: '[19:15]', encode: (v) => (v & 31) << 15, decode: (w) => field(w, 19, 15) },
  rm: {
    min: 0, max: 7, bits: '[14:12]', what: 'rounding mode', optionalDefault: 7,
    encode: (v) => (v & 7) << 12, decode: (w) => field(w, 14, 12),
    extra: (v) => (v === 5 || v === 6 ? `rounding mode ${v} is reserved (use rne, rtz, rdn, rup, rmm or dyn)` : undefined),
  },
  pred: { min: 0, max: 15, bits: '[27:24]', what: 'fence predecessor set', encode: (v) => (v & 15) << 24, decode: (w) => field(w, 27, 24) },
  succ: { min: 0, max: 15, bits: '[23:20]', what: 'fence successor set', encode: (v) => (v & 15) << 20, decode: (w) => field(w, 23, 20) },

  c_rd: regField(7, 'x'),
  c_rs1: regField(7, 'x'),
  c_rs2: regField(2, 'x'),
  c_rdp: regField3(2, 'x'),
  c_rs1p: regField3(7, 'x'),
  c_rs2p: regField3(2, 'x'),
  c_fdp: regField3(2, 'f'),
  c_fs2p: regField3(2, 'f'),
  c_fs2: regField(2, 'f'),
  c_sp: { regFile: 'x', min: 2, max: 2, fixed: 2, bits: '(implicit)', encode: () => 0, decode: () => 2 },
  zero: { regFile: 'x', min: 0, max: 0, fixed: 0, bits: '(implicit)', encode: () => 0, decode: () => 0 },
  imm0: { min: 0, max: 0, fixed: 0, bits: '(implicit)', encode: () => 0, decode: () => 0 },
  c_rd_same: { regFile: 'x', min: 0, max: 31, sameAs: 'c_rd', bits: '(same as [11:7])', encode: () => 0, decode: (w) => field(w, 11, 7) },
  c_rs1p_same: { regFile: 'x', min: 8, max: 15, sameAs: 'c_rs1p', bits: '(same as [9:7])', encode: () => 0, decode: (w) => field(w, 9, 7) + 8 },

  c_imm6: { signed: true, min: -32, max: 31, bits: '[12|6:2]', encode: ciEncode, decode: ciDecode },
  c_nzimm6: { signed: true, min: -32, max: 31, nonzero: true, bits: '[12|6:2]', encode: ciEncode, decode: ciDecode },
  c_shamt: { min: 1, max: 63, nonzero: true, bits: '[12|6:2]', what: 'shift amount', encode: ciEncode, decode: (w) => (bit(w, 12) << 5) | field(w, 6, 2) },
  c_lui: {
    // Written as the 20-bit lui field: 1..0x1f or 0xfffe0..0xfffff (a sign-extended 6-bit value).
    min: 1, max: 0xfffff, nonzero: true, bits: '[12|6:2]', what: 'c.lui immediate',
    encode: ciEncode,
    decode: (w) => ciDecode(w) & 0xfffff,
    extra: (v) => (v >= 0x20 && v < 0xfffe0 ? `c.lui immediate 0x${v.toString(16)} out of range 0x1..0x1f or 0xfffe0..0xfffff` : undefined),
  },
  c_luiv: {
    signed: true, min: -131072, max: 126976, align: 4096, nonzero: true, bits: '[12|6:2] (value >> 12)', what: 'constant',
    encode: (v) => ciEncode(v >> 12),
    decode: (w) => ciDecode(w) << 12,
  },
  c_addi16sp: {
    signed: true, min: -512, max: 496, align: 16, nonzero: true, bits: '[12|4:3|5|2|6]',
    encode: (v) => (bit(v, 9) << 12) | (bit(v, 4) << 6) | (bit(v, 6) << 5) | (field(v, 8, 7) << 3) | (bit(v, 5) << 2),
    decode: (w) => sext((bit(w, 12) << 9) | (field(w, 4, 3) << 7) | (bit(w, 5) << 6) | (bit(w, 2) << 5) | (bit(w, 6) << 4), 10),
  },
  c_addi4spn: {
    min: 4, max: 1020, align: 4, nonzero: true, bits: '[12:11|10:7|6|5]',
    encode: (v) => (field(v, 5, 4) << 11) | (field(v, 9, 6) << 7) | (bit(v, 2) << 6) | (bit(v, 3) << 5),
    decode: (w) => (field(w, 12, 11) << 4) | (field(w, 10, 7) << 6) | (bit(w, 6) << 2) | (bit(w, 5) << 3),
  },
  c_lwsp: {
    min: 0, max: 252, align: 4, bits: '[12|6:4|3:2]', what: 'offset',
    encode: (v) => (bit(v, 5) << 12) | (field(v, 4, 2) << 4) | (field(v, 7, 6) << 2),
    decode: (w) => (bit(w, 12) << 5) | (field(w, 6, 4) << 2) | (field(w, 3, 2) << 6),
  },
  c_ldsp: {
    min: 0, max: 504, align: 8, bits: '[12|6:5|4:2]', what: 'offset',
    encode: (v) => (bit(v, 5) << 12) | (field(v, 4, 3) << 5) | (field(v, 8, 6) << 2),
    decode: (w) => (bit(w, 12) << 5) | (field(w, 6, 5) << 3) | (field(w, 4, 2) << 6),
  },
  c_swsp: {
    min: 0, max: 252, align: 4, bits: '[12:9|8:7]', what: 'offset',
    encode: (v) => (field(v, 5, 2) << 9) | (field(v, 7, 6) << 7),
    decode: (w) => (field(w, 12, 9) << 2) | (field(w, 8, 7) << 6),
  },
  c_sdsp: {
    min: 0, max: 504, align: 8, bits: '[12:10|9:7]', what: 'offset',
    encode: (v) => (field(v, 5, 3) << 10) | (field(v, 8, 6) << 7),
    decode: (w) => (field(w, 12, 10) << 3) | (field(w, 9, 7) << 6),
  },
  c_lw: {
    min: 0, max: 124, align: 4, bits: '[12:10|6|5]', what: 'offset',
    encode: (v) => (field(v, 5, 3) << 10) | (bit(v, 2) << 6) | (bit(v, 6) << 5),
    decode: (w) => (field(w, 12, 10) << 3) | (bit(w, 6) << 2) | (bit(w, 5) << 6),
  },
  c_ld: {
    min: 0, max: 248, align: 8, bits: '[12:10|6:5]', what: 'offset',
    encode: (v) => (field(v, 5, 3) << 10) | (field(v, 7, 6) << 5),
    decode: (w) => (field(w, 12, 10) << 3) | (field(w, 6, 5) << 6),
  },
  c_bimm: {
    signed: true, pcRelative: true, min: -256, max: 254, align: 2, bits: '[12|11:10|6:5|4:3|2]', what: 'branch offset',
    encode: (v) => (bit(v, 8) << 12) | (field(v, 4, 3) << 10) | (field(v, 7, 6) << 5) | (field(v, 2, 1) << 3) | (bit(v, 5) << 2),
    decode: (w) => sext((bit(w, 12) << 8) | (field(w, 11, 10) << 3) | (field(w, 6, 5) << 6) | (field(w, 4, 3) << 1) | (bit(w, 2) << 5), 9),
  },
  c_jimm: {
    signed: true, pcRelative: true, min: -2048, max: 2046, align: 2, bits: '[12:2]', what: 'jump offset',
    encode: (v) =>
      (bit(v, 11) << 12) | (bit(v, 4) << 11) | (field(v, 9, 8) << 9) | (bit(v, 10) << 8) |
      (bit(v, 6) << 7) | (bit(v, 7) << 6) | (field(v, 3, 1) << 3) | (bit(v, 5) << 2),
    decode: (w) =>
      sext(
        (bit(w, 12) << 11) | (bit(w, 11) << 4) | (field(w, 10, 9) << 8) | (bit(w, 8) << 10) |
        (bit(w, 7) << 6) | (bit(w, 6) << 7) | (field(w, 5, 3) << 1) | (bit(w, 2) << 5),
        12,
      ),
  },
};

function makeCheck(kind: OperandKind, d: Def): (v: number) => string | undefined {
  const align = d.align ?? 1;
  return (v: number) => {
    if (!Number.isInteger(v)) return `${d.what ?? 'value'} ${v} is not an integer`;
    if (d.regFile) {
      const file = d.regFile === 'f' ? 'f' : 'x';
      if (d.fixed !== undefined) {
        return v === d.fixed ? undefined : `register must be ${file}${d.fixed} here`;
      }
      if (v < d.min || v > d.max) {
        return d.min === 8 ? `register ${file}${v} ${RVC_REG_MSG}` : `register number ${v} out of range 0..31`;
      }
      return undefined;
    }
    if (d.fixed !== undefined) return v === d.fixed ? undefined : `value must be ${d.fixed} here`;
    const what = d.what ?? 'immediate';
    if (v < d.min || v > d.max) {
      return `${what} ${fmt(v)} out of range ${fmt(d.min)}..${fmt(d.max)}${align > 1 ? ` (multiple of ${align})` : ''}`;
    }
    if (align > 1 && v % align !== 0) return `${what} ${fmt(v)} must be a multiple of ${align}`;
    if (d.nonzero && v === 0) return `${what} must not be zero for ${kind}`;
    return d.extra?.(v);
  };
}

function build(): Record<OperandKind, OperandInfo> {
  const out = {} as Record<OperandKind, OperandInfo>;
  for (const k of Object.keys(DEFS) as OperandKind[]) {
    const d = DEFS[k];
    out[k] = Object.freeze({
      kind: k,
      regFile: d.regFile,
      pcRelative: d.pcRelative ?? false,
      signed: d.signed ?? false,
      min: d.min,
      max: d.max,
      align: d.align ?? 1,
      nonzero: d.nonzero ?? false,
      fixed: d.fixed,
      sameAs: d.sameAs,
      optionalDefault: d.optionalDefault,
      bits: d.bits,
      encode: (v: number) => d.encode(v) >>> 0,
      decode: d.decode,
      check: makeCheck(k, d),
    });
  }
  return out;
}

export const OPERANDS: Record<OperandKind, OperandInfo> = build();

export const OPERAND_KINDS: readonly OperandKind[] = Object.keys(DEFS) as OperandKind[];

/** Parsed operand list of a syntax string: the kinds in order, punctuation
 * between them, and which are optional. */
export interface ParsedSyntax {
  readonly kinds: readonly OperandKind[];
  readonly optional: readonly boolean[];
  /** Separators: seps[i] precedes kinds[i]; seps[kinds.length] trails. */
  readonly seps: readonly string[];
}

const syntaxCache = new Map<string, ParsedSyntax>();

export function parseSyntax(syntax: string): ParsedSyntax {
  let p = syntaxCache.get(syntax);
  if (p) return p;
  const kinds: OperandKind[] = [];
  const optional: boolean[] = [];
  const seps: string[] = [];
  let sep = '';
  const re = /([a-z_0-9]+)(\?)?|([^a-z_0-9?]+)/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(syntax))) {
    if (m[1]) {
      if (!(m[1] in DEFS)) throw new Error(`unknown operand kind '${m[1]}' in syntax '${syntax}'`);
      seps.push(sep);
      sep = '';
      kinds.push(m[1] as OperandKind);
      optional.push(m[2] === '?');
    } else sep += m[3];
  }
  seps.push(sep);
  p = { kinds, optional, seps };
  syntaxCache.set(syntax, p);
  return p;
}
