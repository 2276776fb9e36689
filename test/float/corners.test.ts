/**
 * Hand-checked F/D corner cases. Each expectation was derived by hand from
 * the rule cited beside it (RISC-V unprivileged ISA, "F" and "D" chapters;
 * IEEE 754-2008), independently of the implementation and of QEMU.
 */
import * as assert from 'assert';
import { FP_OPS } from '../../engine/cpu/float';

const NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1;
const RNE = 0, RTZ = 1, RDN = 2;

const BOXED = 0xffffffff00000000n;
const ONE_S = BOXED | 0x3f800000n;
const ONE_D = 0x3ff0000000000000n;
const QNAN_D = 0x7ff8000000000000n;
const SNAN_D = 0x7ff0000000000001n;

function put(arr: Int32Array, i: number, v: bigint): void {
  arr[2 * i] = Number(v & 0xffffffffn) | 0;
  arr[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
function get(arr: Int32Array, i: number): bigint {
  return (BigInt(arr[2 * i + 1] >>> 0) << 32n) | BigInt(arr[2 * i] >>> 0);
}

/** Runs op with f1/f2/f3 (or x10 for integer sources) = a/b/c; returns [result bits, flags]. */
function exec(op: string, a: bigint, b = 0n, c = 0n, rm = RNE): [bigint, number] {
  const x = new Int32Array(66);
  const f = new Int32Array(64);
  put(f, 1, a);
  put(f, 2, b);
  put(f, 3, c);
  put(x, 10, a);
  const intSrc = /^fcvt\.[sd]\.(w|wu|l|lu)$|^fmv\.[wd]\.x$/.test(op);
  const intDst = /^(feq|flt|fle|fclass)\.|^fcvt\.(w|wu|l|lu)\.|^fmv\.x\./.test(op);
  const flags = FP_OPS[op](x, f, intDst ? 13 : 4, intSrc ? 10 : 1, 2, 3, rm);
  return [intDst ? get(x, 13) : get(f, 4), flags];
}

function check(op: string, args: [bigint, bigint?, bigint?, number?], want: bigint, wantFlags: number): void {
  const [v, fl] = exec(op, args[0], args[1], args[2], args[3]);
  assert.strictEqual(v.toString(16), want.toString(16), `${op} result`);
  assert.strictEqual(fl, wantFlags, `${op} flags`);
}

describe('float: hand-checked corner cases', () => {
  it('detects tininess after rounding (spec F: "Subnormal Arithmetic")', () => {
    // (2^27-1)*2^-538 * (2^27+1)*2^-538 = (2^54-1)*2^-1076 = 2^-1022 - 2^-1076.
    // Rounded to 53 bits with unbounded exponent it is exactly 2^-1022 (a tie
    // broken to the even 2^53*2^-1075), so it is not tiny after rounding: NX only.
    check('fmul.d', [0x1ffffffffc000000n, 0x2000000002000000n], 0x0010000000000000n, NX);
    // Half of that is tiny under either definition: rounds to 2^51 ulps of 2^-1074 with UF|NX.
    check('fmul.d', [0x1ffffffffc000000n, 0x1ff0000002000000n], 0x0008000000000000n, UF | NX);
    // (2^53-1)*2^-600 * 2^-475 = (2^53-1)*2^-1075: exact at 53 bits, so tiny after
    // rounding, yet the subnormal rounding (a tie, to even) lands on 2^-1022: UF|NX.
    check('fmul.d', [0x1dbfffffffffffffn, 0x2240000000000000n], 0x0010000000000000n, UF | NX);
  });

  it('returns the canonical NaN and signals NV on sNaN (spec F: "NaN Generation and Propagation")', () => {
    check('fadd.s', [ONE_S, BOXED | 0x7f800001n], BOXED | 0x7fc00000n, NV);
    check('fdiv.s', [BOXED, BOXED], BOXED | 0x7fc00000n, NV); // 0/0
    check('fsqrt.d', [0xbff0000000000000n], QNAN_D, NV); // sqrt(-1)
    check('fsqrt.d', [0x8000000000000000n], 0x8000000000000000n, 0); // sqrt(-0) = -0 (IEEE 754 §5.4.1)
    check('fcvt.d.s', [BOXED | 0x7f800001n], QNAN_D, NV);
    check('fdiv.s', [ONE_S, BOXED], BOXED | 0x7f800000n, DZ); // 1/+0 = +inf, divide by zero
  });

  it('reads an improperly NaN-boxed single as the canonical NaN (spec D: "NaN Boxing of Narrower Values")', () => {
    check('fadd.s', [0x000000003f800000n, ONE_S], BOXED | 0x7fc00000n, 0); // canonical NaN is quiet: no NV
    check('fclass.s', [0x123456783f800000n], 1n << 9n, 0); // quiet NaN
    // fmv.x.w moves the low 32 bits uninterpreted, sign-extended (spec F, FMV.X.W).
    check('fmv.x.w', [0x1234567887654321n], 0xffffffff87654321n, 0);
  });

  it('fmin/fmax are minimumNumber/maximumNumber (spec F 2.2: -0 < +0, NaN rules)', () => {
    check('fmin.s', [BOXED | 0x80000000n, BOXED], BOXED | 0x80000000n, 0);
    check('fmax.s', [BOXED | 0x80000000n, BOXED], BOXED, 0);
    check('fmin.d', [QNAN_D, ONE_D], ONE_D, 0); // one NaN: the other operand
    check('fmin.d', [SNAN_D, ONE_D], ONE_D, NV); // sNaN signals even though the result is not NaN
    check('fmax.d', [QNAN_D | 5n, SNAN_D], QNAN_D, NV); // two NaNs: canonical NaN
  });

  it('saturates float-to-integer conversions per the spec F "int_conv" table', () => {
    check('fcvt.w.s', [BOXED | 0x7fc00000n], 0x7fffffffn, NV);
    check('fcvt.wu.s', [BOXED | 0xbf800000n], 0n, NV); // -1.0 out of range for unsigned
    check('fcvt.wu.s', [BOXED | 0x4f32d05en], 0xffffffffb2d05e00n, 0); // 3e9: 32-bit result sign-extended
    check('fcvt.wu.s', [BOXED | 0xbe800000n, 0n, 0n, RTZ], 0n, NX); // -0.25 rounds to 0, representable: only NX
    check('fcvt.l.d', [0x7ff0000000000000n], 0x7fffffffffffffffn, NV);
    check('fcvt.lu.d', [0xfff0000000000000n], 0n, NV);
    check('fcvt.lu.d', [QNAN_D], 0xffffffffffffffffn, NV);
    // -2147483648.5: RNE ties to the even -2^31 (in range, NX); RDN gives -2^31-1 (out of range: NV alone).
    check('fcvt.w.d', [0xc1e0000000100000n, 0n, 0n, RNE], 0xffffffff80000000n, NX);
    check('fcvt.w.d', [0xc1e0000000100000n, 0n, 0n, RDN], 0xffffffff80000000n, NV);
  });

  it('sets NV for inf*0 + qNaN in FMA (spec F: fused multiply-add)', () => {
    check('fmadd.d', [0x7ff0000000000000n, 0n, QNAN_D], QNAN_D, NV);
  });

  it('feq is quiet, flt/fle signal (spec F: "Single-Precision Floating-Point Compare")', () => {
    check('feq.s', [BOXED | 0x7fc00000n, ONE_S], 0n, 0);
    check('feq.s', [BOXED | 0x7f800001n, ONE_S], 0n, NV);
    check('flt.s', [BOXED | 0x7fc00000n, ONE_S], 0n, NV);
    check('fle.d', [0x8000000000000000n, 0n], 1n, 0); // -0 <= +0 in ordinary comparisons
  });

  it('sign injection keeps NaN payloads (spec F: sign-injection does not canonicalize)', () => {
    check('fsgnjn.s', [BOXED | 0x7fc00001n, BOXED | 0x7fc00001n], BOXED | 0xffc00001n, 0);
  });

  it('overflow result depends on the rounding mode (IEEE 754-2008 §7.4)', () => {
    // 1e300 to single: RNE gives +inf, RTZ and RDN the largest finite single; OF|NX always.
    check('fcvt.s.d', [0x7e37e43c8800759cn, 0n, 0n, RNE], BOXED | 0x7f800000n, OF | NX);
    check('fcvt.s.d', [0x7e37e43c8800759cn, 0n, 0n, RTZ], BOXED | 0x7f7fffffn, OF | NX);
    check('fcvt.s.d', [0x7e37e43c8800759cn, 0n, 0n, RDN], BOXED | 0x7f7fffffn, OF | NX);
  });

  it('an exact zero sum is -0 only when rounding down (IEEE 754-2008 §6.3)', () => {
    check('fsub.d', [ONE_D, ONE_D, 0n, RNE], 0n, 0);
    check('fsub.d', [ONE_D, ONE_D, 0n, RDN], 0x8000000000000000n, 0);
  });
});
