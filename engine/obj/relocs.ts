/**
 * RISC-V ELF relocation types (psABI numbering) and the byte patching each
 * one performs. The linker computes the value a relocation resolves to; this
 * module knows how that value is checked for range and scattered into the
 * immediate fields of the instruction (or the data word) at the patch site.
 */

export const R_RISCV = {
  NONE: 0, '32': 1, '64': 2, RELATIVE: 3, COPY: 4, JUMP_SLOT: 5,
  TLS_DTPMOD32: 6, TLS_DTPMOD64: 7, TLS_DTPREL32: 8, TLS_DTPREL64: 9, TLS_TPREL32: 10, TLS_TPREL64: 11,
  TLSDESC: 12,
  BRANCH: 16, JAL: 17, CALL: 18, CALL_PLT: 19, GOT_HI20: 20, TLS_GOT_HI20: 21, TLS_GD_HI20: 22,
  PCREL_HI20: 23, PCREL_LO12_I: 24, PCREL_LO12_S: 25, HI20: 26, LO12_I: 27, LO12_S: 28,
  TPREL_HI20: 29, TPREL_LO12_I: 30, TPREL_LO12_S: 31, TPREL_ADD: 32,
  ADD8: 33, ADD16: 34, ADD32: 35, ADD64: 36, SUB8: 37, SUB16: 38, SUB32: 39, SUB64: 40,
  GNU_VTINHERIT: 41, GNU_VTENTRY: 42, ALIGN: 43, RVC_BRANCH: 44, RVC_JUMP: 45, RVC_LUI: 46,
  GPREL_I: 47, GPREL_S: 48, TPREL_I: 49, TPREL_S: 50, RELAX: 51, SUB6: 52,
  SET6: 53, SET8: 54, SET16: 55, SET32: 56, '32_PCREL': 57, IRELATIVE: 58, PLT32: 59,
  SET_ULEB128: 60, SUB_ULEB128: 61,
  TLSDESC_HI20: 62, TLSDESC_LOAD_LO12: 63, TLSDESC_ADD_LO12: 64, TLSDESC_CALL: 65,
} as const;

const names = new Map<number, string>();
for (const [k, v] of Object.entries(R_RISCV)) names.set(v, `R_RISCV_${k}`);

/** "R_RISCV_BRANCH" for 16; "R_RISCV_<n>" for numbers the psABI does not define. */
export function relocName(type: number): string {
  return names.get(type) ?? `R_RISCV_<${type}>`;
}

/** The number for a name with or without the R_RISCV_ prefix, or undefined. */
export function relocNumber(name: string): number | undefined {
  const key = name.startsWith('R_RISCV_') ? name.slice(8) : name;
  return (R_RISCV as Record<string, number>)[key];
}

/**
 * How the linker computes the value handed to applyReloc:
 *  - 'abs':    S + A
 *  - 'pcrel':  S + A - P
 *  - 'pcrel-lo': the pc-relative value computed for the paired HI20 (found via the label S)
 *  - 'add' / 'sub' / 'set': S + A, combined with the bytes already there (add/sub) or stored (set)
 *  - 'tprel':  S + A - TLS block start
 *  - 'none':   nothing to patch (markers: RELAX, ALIGN without relaxation, NONE)
 *  - 'unsupported': needs a GOT, PLT, TLS descriptors or a dynamic linker
 */
export type RelocKind = 'abs' | 'pcrel' | 'pcrel-lo' | 'add' | 'sub' | 'set' | 'tprel' | 'none' | 'unsupported';

export function relocKind(type: number): RelocKind {
  switch (type) {
    case R_RISCV.NONE: case R_RISCV.RELAX: case R_RISCV.ALIGN: case R_RISCV.TPREL_ADD:
    case R_RISCV.GNU_VTINHERIT: case R_RISCV.GNU_VTENTRY:
      return 'none';
    case R_RISCV['32']: case R_RISCV['64']: case R_RISCV.HI20: case R_RISCV.LO12_I: case R_RISCV.LO12_S:
    case R_RISCV.RVC_LUI:
      return 'abs';
    case R_RISCV.BRANCH: case R_RISCV.JAL: case R_RISCV.CALL: case R_RISCV.CALL_PLT: case R_RISCV.PCREL_HI20:
    case R_RISCV.RVC_BRANCH: case R_RISCV.RVC_JUMP: case R_RISCV['32_PCREL']: case R_RISCV.PLT32:
      return 'pcrel';
    case R_RISCV.PCREL_LO12_I: case R_RISCV.PCREL_LO12_S:
      return 'pcrel-lo';
    case R_RISCV.ADD8: case R_RISCV.ADD16: case R_RISCV.ADD32: case R_RISCV.ADD64:
      return 'add';
    case R_RISCV.SUB6: case R_RISCV.SUB8: case R_RISCV.SUB16: case R_RISCV.SUB32: case R_RISCV.SUB64:
      return 'sub';
    case R_RISCV.SET6: case R_RISCV.SET8: case R_RISCV.SET16: case R_RISCV.SET32:
      return 'set';
    case R_RISCV.TPREL_HI20: case R_RISCV.TPREL_LO12_I: case R_RISCV.TPREL_LO12_S:
    case R_RISCV.TLS_TPREL32: case R_RISCV.TLS_TPREL64:
      return 'tprel';
    default:
      return 'unsupported';
  }
}

const M64 = (1n << 64n) - 1n;

function rd32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}
function wr32(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff; b[o + 2] = (v >>> 16) & 0xff; b[o + 3] = (v >>> 24) & 0xff;
}
function rd16(b: Uint8Array, o: number): number {
  return b[o] | (b[o + 1] << 8);
}
function wr16(b: Uint8Array, o: number, v: number): void {
  b[o] = v & 0xff; b[o + 1] = (v >>> 8) & 0xff;
}
function rdN(b: Uint8Array, o: number, n: number): bigint {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[o + i]);
  return v;
}
function wrN(b: Uint8Array, o: number, n: number, v: bigint): void {
  for (let i = 0; i < n; i++) { b[o + i] = Number(v & 0xffn); v >>= 8n; }
}

/** Sign-interprets a 64-bit quantity (values arrive as S+A-P which may be negative or wrapped). */
function s64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Upper 20 bits as auipc/lui take them, rounding so the low 12 bits (sign-extended) add back exactly. */
export function hi20(v: bigint): bigint {
  return s64((v + 0x800n) & ~0xfffn);
}
export function lo12(v: bigint): number {
  return Number(BigInt.asIntN(12, v));
}

export function encodeB(insn: number, off: number): number {
  return ((insn & 0x01fff07f) | (((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7)) >>> 0;
}
export function encodeJ(insn: number, off: number): number {
  return ((insn & 0xfff) | (((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) |
    (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12)) >>> 0;
}
export function encodeI(insn: number, imm: number): number {
  return ((insn & 0xfffff) | ((imm & 0xfff) << 20)) >>> 0;
}
export function encodeS(insn: number, imm: number): number {
  return ((insn & 0x01fff07f) | (((imm >> 5) & 0x7f) << 25) | ((imm & 0x1f) << 7)) >>> 0;
}
export function encodeU(insn: number, hi: number): number {
  return ((insn & 0xfff) | (hi & 0xfffff000)) >>> 0;
}
export function encodeCB(insn: number, off: number): number {
  return (insn & 0xe383) | (((off >> 8) & 1) << 12) | (((off >> 3) & 3) << 10) | (((off >> 6) & 3) << 5) |
    (((off >> 1) & 3) << 3) | (((off >> 5) & 1) << 2);
}
export function encodeCJ(insn: number, off: number): number {
  return (insn & 0xe003) | (((off >> 11) & 1) << 12) | (((off >> 4) & 1) << 11) | (((off >> 8) & 3) << 9) |
    (((off >> 10) & 1) << 8) | (((off >> 6) & 1) << 7) | (((off >> 7) & 1) << 6) | (((off >> 1) & 7) << 3) |
    (((off >> 5) & 1) << 2);
}
export function encodeCLui(insn: number, hi: number): number {
  return (insn & 0xef83) | (((hi >> 17) & 1) << 12) | (((hi >> 12) & 0x1f) << 2);
}

function patchWidth(type: number): number {
  switch (type) {
    case R_RISCV.ADD8: case R_RISCV.SUB8: case R_RISCV.SET8: case R_RISCV.SUB6: case R_RISCV.SET6: return 1;
    case R_RISCV.ADD16: case R_RISCV.SUB16: case R_RISCV.SET16:
    case R_RISCV.RVC_BRANCH: case R_RISCV.RVC_JUMP: case R_RISCV.RVC_LUI: return 2;
    case R_RISCV['64']: case R_RISCV.ADD64: case R_RISCV.SUB64: case R_RISCV.TLS_TPREL64: return 8;
    case R_RISCV.CALL: case R_RISCV.CALL_PLT: return 8;
    default: return 4;
  }
}

function outOfRange(type: number, v: bigint, limit: string): string {
  return `relocation ${relocName(type)} out of range: target is ${v} bytes away, limit ${limit}`;
}
function outOfRangeAbs(type: number, v: bigint, what: string): string {
  return `relocation ${relocName(type)} out of range: value 0x${BigInt.asUintN(64, v).toString(16)} ${what}`;
}
function misaligned(type: number, v: bigint): string {
  return `relocation ${relocName(type)} target offset ${v} is not a multiple of 2`;
}

/** True if a 64-bit value's upper part (already rounded by hi20) fits lui/auipc's sign-extended 32 bits. */
function fitsU(hi: bigint): boolean {
  return hi >= -(1n << 31n) && hi < (1n << 31n);
}

/**
 * Patches `data` at `offset` for relocation `type`. `value` is what the
 * relocation resolves to per relocKind (S+A, S+A-P, the paired HI20's
 * pc-relative value for PCREL_LO12_*, S+A-tp for TPREL_*). Returns an error
 * message (range, alignment, bounds, unsupported type) or undefined.
 */
export function applyReloc(data: Uint8Array, offset: number, type: number, value: bigint): string | undefined {
  const width = patchWidth(type);
  if (relocKind(type) === 'none') return undefined;
  if (relocKind(type) === 'unsupported') return `relocation ${relocName(type)} is not supported by this linker`;
  if (!Number.isInteger(offset) || offset < 0 || offset + width > data.length) {
    return `relocation ${relocName(type)} at offset 0x${offset.toString(16)} is outside its section (size 0x${data.length.toString(16)})`;
  }
  const v = s64(value);
  switch (type) {
    case R_RISCV['32']: case R_RISCV['32_PCREL']: case R_RISCV.PLT32: case R_RISCV.TLS_TPREL32:
      wr32(data, offset, Number(BigInt.asUintN(32, v)));
      return undefined;
    case R_RISCV['64']: case R_RISCV.TLS_TPREL64:
      wrN(data, offset, 8, BigInt.asUintN(64, v));
      return undefined;
    case R_RISCV.BRANCH: {
      if (v < -4096n || v > 4094n) return outOfRange(type, v, '±4096');
      if (v & 1n) return misaligned(type, v);
      wr32(data, offset, encodeB(rd32(data, offset), Number(v)));
      return undefined;
    }
    case R_RISCV.JAL: {
      if (v < -(1n << 20n) || v > (1n << 20n) - 2n) return outOfRange(type, v, '±1 MiB');
      if (v & 1n) return misaligned(type, v);
      wr32(data, offset, encodeJ(rd32(data, offset), Number(v)));
      return undefined;
    }
    case R_RISCV.CALL: case R_RISCV.CALL_PLT: {
      const hi = hi20(v);
      if (!fitsU(hi)) return outOfRange(type, v, '±2 GiB');
      wr32(data, offset, encodeU(rd32(data, offset), Number(BigInt.asIntN(32, hi))));
      wr32(data, offset + 4, encodeI(rd32(data, offset + 4), lo12(v)));
      return undefined;
    }
    case R_RISCV.PCREL_HI20: case R_RISCV.HI20: case R_RISCV.TPREL_HI20: {
      const hi = hi20(v);
      if (!fitsU(hi)) {
        return type === R_RISCV.PCREL_HI20 ? outOfRange(type, v, '±2 GiB')
          : outOfRangeAbs(type, v, 'does not fit a sign-extended 32-bit lui immediate');
      }
      wr32(data, offset, encodeU(rd32(data, offset), Number(BigInt.asIntN(32, hi))));
      return undefined;
    }
    case R_RISCV.LO12_I: case R_RISCV.PCREL_LO12_I: case R_RISCV.TPREL_LO12_I:
      wr32(data, offset, encodeI(rd32(data, offset), lo12(v)));
      return undefined;
    case R_RISCV.LO12_S: case R_RISCV.PCREL_LO12_S: case R_RISCV.TPREL_LO12_S:
      wr32(data, offset, encodeS(rd32(data, offset), lo12(v)));
      return undefined;
    case R_RISCV.RVC_BRANCH: {
      if (v < -256n || v > 254n) return outOfRange(type, v, '±256');
      if (v & 1n) return misaligned(type, v);
      wr16(data, offset, encodeCB(rd16(data, offset), Number(v)));
      return undefined;
    }
    case R_RISCV.RVC_JUMP: {
      if (v < -2048n || v > 2046n) return outOfRange(type, v, '±2048');
      if (v & 1n) return misaligned(type, v);
      wr16(data, offset, encodeCJ(rd16(data, offset), Number(v)));
      return undefined;
    }
    case R_RISCV.RVC_LUI: {
      const hi = hi20(v);
      if (hi === 0n) {
        // c.lui cannot encode 0; rewrite as c.li rd, 0 (same register field), as GNU ld does.
        const insn = rd16(data, offset);
        wr16(data, offset, (insn & 0x0f80) | 0x4001);
        return undefined;
      }
      if (hi < -(1n << 17n) || hi >= (1n << 17n)) return outOfRangeAbs(type, v, 'does not fit c.lui\'s 6-bit immediate');
      wr16(data, offset, encodeCLui(rd16(data, offset), Number(hi)));
      return undefined;
    }
    case R_RISCV.ADD8: case R_RISCV.ADD16: case R_RISCV.ADD32: case R_RISCV.ADD64: {
      const old = rdN(data, offset, width);
      wrN(data, offset, width, BigInt.asUintN(width * 8, old + v));
      return undefined;
    }
    case R_RISCV.SUB8: case R_RISCV.SUB16: case R_RISCV.SUB32: case R_RISCV.SUB64: {
      const old = rdN(data, offset, width);
      wrN(data, offset, width, BigInt.asUintN(width * 8, old - v));
      return undefined;
    }
    case R_RISCV.SUB6: {
      const old = data[offset];
      data[offset] = (old & 0xc0) | Number(BigInt.asUintN(6, BigInt(old & 0x3f) - v));
      return undefined;
    }
    case R_RISCV.SET6:
      data[offset] = (data[offset] & 0xc0) | Number(v & 0x3fn);
      return undefined;
    case R_RISCV.SET8: case R_RISCV.SET16: case R_RISCV.SET32:
      wrN(data, offset, width, BigInt.asUintN(width * 8, v));
      return undefined;
    default:
      return `relocation ${relocName(type)} is not supported by this linker`;
  }
}

export const mask64 = M64;
