/**
 * In-process check, at volume, that the double-arithmetic fast paths of
 * FP_OPS agree with the exact (BigInt) arithmetic they fall back to. The
 * exact module itself is checked against QEMU in every rounding mode by
 * qemu.test.ts; this suite covers many more operands than a QEMU run would.
 */
import * as assert from 'assert';
import { FP_OPS } from '../../engine/cpu/float';
import * as X from '../../engine/cpu/float/exact';
import { D, Fmt, operands, randomInt, Rng, S, Shape } from './corpus';

const PER_OP = 6_000;

function put(arr: Int32Array, i: number, v: bigint): void {
  arr[2 * i] = Number(v & 0xffffffffn) | 0;
  arr[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
}
function get(arr: Int32Array, i: number): bigint {
  return (BigInt(arr[2 * i + 1] >>> 0) << 32n) | BigInt(arr[2 * i] >>> 0);
}

/** Decodes a register value as the exact module sees an operand (NaN-box check for singles). */
function decode(fmt: Fmt, v: bigint): X.Unpacked {
  if (fmt === S) return X.unpack(v >> 32n === 0xffffffffn ? v & 0xffffffffn : 0x7fc00000n, X.F32);
  return X.unpack(v, X.F64);
}
function encode(fmt: Fmt, r: X.Rounded): bigint {
  return fmt === S ? 0xffffffff00000000n | r.bits : r.bits;
}

type Ref = (fmt: Fmt, a: X.Unpacked, b: X.Unpacked, c: X.Unpacked, xf: X.Format) => X.Rounded;

const REFS: [string, Shape, Ref][] = [
  ['fadd', 'add', (_f, a, b, _c, xf) => X.add(a, b, false, xf, 0)],
  ['fsub', 'add', (_f, a, b, _c, xf) => X.add(a, b, true, xf, 0)],
  ['fmul', 'mul', (_f, a, b, _c, xf) => X.mul(a, b, xf, 0)],
  ['fdiv', 'div', (_f, a, b, _c, xf) => X.div(a, b, xf, 0)],
  ['fsqrt', 'sqrt', (_f, a, _b, _c, xf) => X.sqrt(a, xf, 0)],
  ['fmadd', 'fma', (_f, a, b, c, xf) => X.fma(a, b, c, false, false, xf, 0)],
  ['fnmadd', 'fma', (_f, a, b, c, xf) => X.fma(a, b, c, true, true, xf, 0)],
];

describe('float: RNE fast paths agree with exact arithmetic', function () {
  this.timeout(60_000);
  const seed = process.env.HYPERSTEP_SEED ? Number(process.env.HYPERSTEP_SEED) >>> 0 : 0xfa57;

  for (const [sfx, fmt, xf] of [
    ['s', S, X.F32],
    ['d', D, X.F64],
  ] as const) {
    for (const [name, shape, ref] of REFS) {
      const op = `${name}.${sfx}`;
      it(`${op} (${PER_OP} cases)`, () => {
        const rng = new Rng(seed ^ op.length ^ (sfx === 's' ? 0x100 : 0x200) ^ name.charCodeAt(2));
        const x = new Int32Array(66);
        const f = new Int32Array(64);
        for (let i = 0; i < PER_OP; i++) {
          const [a, b, c] = operands(rng, fmt, shape);
          put(f, 1, a);
          put(f, 2, b);
          put(f, 3, c);
          const flags = FP_OPS[op](x, f, 4, 1, 2, 3, 0);
          const want = ref(fmt, decode(fmt, a), decode(fmt, b), decode(fmt, c), xf);
          const got = get(f, 4);
          if (got !== encode(fmt, want) || flags !== want.flags)
            assert.fail(`${op} ${a.toString(16)} ${b.toString(16)} ${c.toString(16)}: exact ${encode(fmt, want).toString(16)}/${want.flags} fast ${got.toString(16)}/${flags}`);
        }
      });
    }
  }

  it('int64 and double-to-single conversions (all modes)', () => {
    const rng = new Rng(seed ^ 0xc0);
    const x = new Int32Array(66);
    const f = new Int32Array(64);
    for (let i = 0; i < PER_OP; i++) {
      const rm = rng.int(5);
      const v = randomInt(rng);
      put(x, 10, v);
      for (const [op, signed, xf] of [
        ['fcvt.d.l', true, X.F64],
        ['fcvt.d.lu', false, X.F64],
        ['fcvt.s.l', true, X.F32],
        ['fcvt.s.lu', false, X.F32],
      ] as const) {
        const n = signed ? BigInt.asIntN(64, v) : v;
        const want = X.fromInteger(n < 0n ? 1 : 0, n < 0n ? -n : n, xf, rm);
        const flags = FP_OPS[op](x, f, 4, 10, 0, 0, rm);
        const wantBits = xf === X.F32 ? 0xffffffff00000000n | want.bits : want.bits;
        assert.strictEqual(get(f, 4), wantBits, `${op} ${v.toString(16)} rm=${rm}`);
        assert.strictEqual(flags, want.flags, `${op} ${v.toString(16)} rm=${rm} flags`);
      }
      const [d] = operands(rng, D, 'free');
      put(f, 1, d);
      const want = X.convert(X.unpack(d, X.F64), X.F32, rm);
      const flags = FP_OPS['fcvt.s.d'](x, f, 4, 1, 0, 0, rm);
      assert.strictEqual(get(f, 4), 0xffffffff00000000n | want.bits, `fcvt.s.d ${d.toString(16)} rm=${rm}`);
      assert.strictEqual(flags, want.flags, `fcvt.s.d ${d.toString(16)} rm=${rm} flags`);
    }
  });
});
