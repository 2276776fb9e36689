/**
 * Differential test of every F/D computational instruction against QEMU:
 * each op runs in every static rounding mode plus the dynamic mode (frm set
 * from a seeded choice) on a seeded corpus; result bits and fflags must match
 * FP_OPS bit for bit. Seed: HYPERSTEP_SEED (default fixed).
 */
import * as assert from 'assert';
import { FP_OPS } from '../../engine/cpu/float';
import { needTool, tempDir } from '../support/tools';
import { crossSpecials, D, Fmt, operands, Rng, S, Shape } from './corpus';
import { Block, MODES, QemuResult, runModel, runOnQemu } from './qemu-harness';

interface Spec {
  op: string;
  fmt: Fmt;
  src: ('f' | 'x')[];
  dst: 'f' | 'x';
  rm: boolean;
  shape: Shape;
  n: number; // cases per rounding mode
}

function specs(): Spec[] {
  const out: Spec[] = [];
  for (const [sfx, fmt] of [
    ['s', S],
    ['d', D],
  ] as const) {
    const other = sfx === 's' ? D : S;
    const arith = (op: string, shape: Shape, nsrc: number) =>
      out.push({ op: `${op}.${sfx}`, fmt, src: Array(nsrc).fill('f'), dst: 'f', rm: true, shape, n: 200 });
    arith('fadd', 'add', 2);
    arith('fsub', 'add', 2);
    arith('fmul', 'mul', 2);
    arith('fdiv', 'div', 2);
    arith('fsqrt', 'sqrt', 1);
    for (const op of ['fmadd', 'fmsub', 'fnmsub', 'fnmadd']) arith(op, 'fma', 3);
    for (const op of ['fmin', 'fmax', 'fsgnj', 'fsgnjn', 'fsgnjx'])
      out.push({ op: `${op}.${sfx}`, fmt, src: ['f', 'f'], dst: 'f', rm: false, shape: 'cmp', n: 300 });
    for (const op of ['feq', 'flt', 'fle'])
      out.push({ op: `${op}.${sfx}`, fmt, src: ['f', 'f'], dst: 'x', rm: false, shape: 'cmp', n: 300 });
    out.push({ op: `fclass.${sfx}`, fmt, src: ['f'], dst: 'x', rm: false, shape: 'free', n: 300 });
    for (const it of ['w', 'wu', 'l', 'lu']) {
      out.push({ op: `fcvt.${it}.${sfx}`, fmt, src: ['f'], dst: 'x', rm: true, shape: 'toint', n: 100 });
      // fcvt.d.w/wu are exact and take no rm operand in the assembler.
      const exact = sfx === 'd' && (it === 'w' || it === 'wu');
      out.push({
        op: `fcvt.${sfx}.${it}`,
        fmt,
        src: ['x'],
        dst: 'f',
        rm: !exact,
        shape: it.startsWith('w') ? 'fromint32' : 'fromint64',
        n: exact ? 200 : 100,
      });
    }
    // fcvt.s.d rounds (operands are doubles); fcvt.d.s is exact (operands are singles).
    if (sfx === 's') out.push({ op: 'fcvt.s.d', fmt: other, src: ['f'], dst: 'f', rm: true, shape: 'free', n: 150 });
    else out.push({ op: 'fcvt.d.s', fmt: other, src: ['f'], dst: 'f', rm: false, shape: 'free', n: 300 });
  }
  out.push({ op: 'fmv.x.w', fmt: S, src: ['f'], dst: 'x', rm: false, shape: 'free', n: 60 });
  out.push({ op: 'fmv.x.d', fmt: D, src: ['f'], dst: 'x', rm: false, shape: 'free', n: 60 });
  out.push({ op: 'fmv.w.x', fmt: S, src: ['x'], dst: 'f', rm: false, shape: 'fromint64', n: 60 });
  out.push({ op: 'fmv.d.x', fmt: D, src: ['x'], dst: 'f', rm: false, shape: 'fromint64', n: 60 });
  return out;
}

function buildBlocks(rng: Rng): Block[] {
  const blocks: Block[] = [];
  for (const s of specs()) {
    const modes: [string | null, number][] = s.rm ? MODES.map((m, i) => [m, i] as [string, number]) : [[null, 0]];
    if (s.rm) modes.push(['dyn', rng.int(5)]);
    for (const [mode, frm] of modes) {
      const cases: [bigint, bigint, bigint][] = [];
      for (let i = 0; i < s.n; i++) cases.push(operands(rng, s.fmt, s.shape));
      blocks.push({ op: s.op, mode, frm, src: s.src, dst: s.dst, cases });
    }
    // Every pair of special operands once (third FMA operand drawn from the same set).
    if (s.src[0] === 'f') {
      const sp = crossSpecials(s.fmt);
      const cases: [bigint, bigint, bigint][] = [];
      for (const a of sp) {
        if (s.src.length === 1) cases.push([a, 0n, 0n]);
        else for (const b of sp) cases.push([a, b, rng.pick(sp)]);
      }
      const frm = rng.int(5);
      blocks.push({ op: s.op, mode: s.rm ? MODES[frm] : null, frm: s.rm ? frm : 0, src: s.src, dst: s.dst, cases });
    }
  }
  return blocks;
}

const hex = (v: bigint) => v.toString(16).padStart(16, '0');

describe('float: F/D instructions match QEMU bit for bit', function () {
  this.timeout(180_000);
  const seed = process.env.HYPERSTEP_SEED ? Number(process.env.HYPERSTEP_SEED) >>> 0 : 0x5eed2024;
  const blocks = buildBlocks(new Rng(seed));
  let results: QemuResult[] = [];
  const byOp = new Map<string, number[]>(); // op -> block indices
  blocks.forEach((b, i) => byOp.set(b.op, [...(byOp.get(b.op) ?? []), i]));
  let total = 0;
  let passed = 0;

  before(function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-ld');
    needTool(this, 'qemu-system-riscv64');
    results = runOnQemu(blocks, tempDir('float'));
    const expected = blocks.reduce((n, b) => n + b.cases.length, 0);
    assert.strictEqual(results.length, expected, 'QEMU printed one line per case');
  });

  after(function () {
    if (total) console.log(`      float vs QEMU (seed ${seed}): ${passed}/${total} cases identical`);
  });

  const offsets: number[] = [];
  let acc = 0;
  for (const b of blocks) {
    offsets.push(acc);
    acc += b.cases.length;
  }

  for (const [op, idxs] of byOp) {
    it(op, function () {
      const fn = FP_OPS[op];
      assert.ok(fn, `FP_OPS has ${op}`);
      const bad: string[] = [];
      let n = 0;
      for (const k of idxs) {
        const b = blocks[k];
        b.cases.forEach((c, i) => {
          const want = results[offsets[k] + i];
          const got = runModel(fn, b, c);
          n++;
          if (got.value !== want.value || got.flags !== want.flags) {
            if (bad.length < 8)
              bad.push(
                `${op} ${b.mode ?? ''}(frm=${b.frm}) ${c.map(hex).join(' ')}: qemu ${hex(want.value)}/${want.flags.toString(16)} ours ${hex(got.value)}/${got.flags.toString(16)}`,
              );
            else bad.push('');
          }
        });
      }
      total += n;
      passed += n - bad.length;
      assert.strictEqual(bad.length, 0, `${bad.length}/${n} mismatches:\n${bad.filter(Boolean).join('\n')}`);
    });
  }
});
