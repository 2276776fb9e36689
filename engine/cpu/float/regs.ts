/**
 * Moving values between the FP register file (pairs of Int32 words, low word
 * first) and JS numbers / BigInts. One shared 8-byte scratch buffer gives
 * allocation-free reinterpretation; the host is little-endian (every platform
 * Node supports), so word 0 of the buffer is the low word of a double.
 */
import { CANON_NAN_S } from './consts';
import { Rounded, Unpacked, unpack, F32, F64 } from './exact';

const scratch = new ArrayBuffer(8);
export const f64 = new Float64Array(scratch);
export const w32 = new Int32Array(scratch);
export const f32 = new Float32Array(scratch, 0, 1);

/** Raw 32 bits of single-precision operand i; an improperly NaN-boxed value reads as the canonical NaN. */
export function bitsS(f: Int32Array, i: number): number {
  return f[2 * i + 1] === -1 ? f[2 * i] : CANON_NAN_S;
}

/** Numeric value of single-precision bits (exact; NaN payloads are not preserved). */
export function valS(bits: number): number {
  w32[0] = bits;
  return f32[0];
}

// A Float64Array view of the FP register file avoids reassembling doubles
// from two Int32 words (a store-forwarding stall) on every access. The view is
// cached for the last register file seen; an 8-byte-misaligned file (never the
// case for a plain Int32Array) goes through the scratch buffer instead.
let viewOf: Int32Array | null = null;
let view: Float64Array | null = null;

function cacheView(f: Int32Array): void {
  viewOf = f;
  view = (f.byteOffset & 7) === 0 ? new Float64Array(f.buffer, f.byteOffset, f.length >> 1) : null;
}

export function readD(f: Int32Array, i: number): number {
  if (f !== viewOf) cacheView(f);
  if (view !== null) return view[i];
  w32[0] = f[2 * i];
  w32[1] = f[2 * i + 1];
  return f64[0];
}

/** Writes a non-NaN double-precision value. */
export function writeD(f: Int32Array, i: number, v: number): void {
  if (f !== viewOf) cacheView(f);
  if (view !== null) {
    view[i] = v;
    return;
  }
  f64[0] = v;
  f[2 * i] = w32[0];
  f[2 * i + 1] = w32[1];
}

/** Writes a non-NaN single value (exactly representable in binary32), NaN-boxed. */
export function writeS(f: Int32Array, i: number, v: number): void {
  f32[0] = v;
  f[2 * i] = w32[0];
  f[2 * i + 1] = -1;
}

export function writeSBits(f: Int32Array, i: number, bits: number): void {
  f[2 * i] = bits;
  f[2 * i + 1] = -1;
}

/** Slow-path helpers: decode an operand exactly / store an exactly rounded result. */
export function unpackS(f: Int32Array, i: number): Unpacked {
  return unpack(BigInt(bitsS(f, i) >>> 0), F32);
}

export function unpackD(f: Int32Array, i: number): Unpacked {
  return unpack((BigInt(f[2 * i + 1] >>> 0) << 32n) | BigInt(f[2 * i] >>> 0), F64);
}

export function storeS(f: Int32Array, i: number, r: Rounded): number {
  writeSBits(f, i, Number(r.bits) | 0);
  return r.flags;
}

export function storeD(f: Int32Array, i: number, r: Rounded): number {
  f[2 * i] = Number(r.bits & 0xffffffffn) | 0;
  f[2 * i + 1] = Number(r.bits >> 32n) | 0;
  return r.flags;
}
