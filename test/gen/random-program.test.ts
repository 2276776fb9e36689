/**
 * Properties of the random-program generator that the differential test
 * relies on: determinism, the prefix property used for bisection, and the
 * reserved scratch-base register never being overwritten.
 */
import { strict as assert } from 'assert';
import { generateProgram, programFile } from './random-program';
import { DEFAULT_SEED, masterSeed, programSeed, Rng } from './rng';

const NOT_WRITING_FIRST_OPERAND = /^(sb|sh|sw|sd|fsw|fsd|c\.sd|c\.sw|c\.fsd|beq|bne|blt|bge|bltu|bgeu|beqz|bnez)$/;

describe('random program generator', function () {
  it('gives the same text for the same seed and different text for another', function () {
    const a = generateProgram(1234);
    const b = generateProgram(1234);
    const c = generateProgram(1235);
    assert.equal(a.text + a.data, b.text + b.data);
    assert.notEqual(a.text, c.text);
  });

  it('derives distinct per-program seeds from the master seed', function () {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) seen.add(programSeed(DEFAULT_SEED, i));
    assert.ok(seen.size >= 4999, `only ${seen.size} distinct seeds`);
  });

  it('reads HYPERSTEP_SEED', function () {
    const saved = process.env.HYPERSTEP_SEED;
    try {
      process.env.HYPERSTEP_SEED = '0x10';
      assert.equal(masterSeed(), 16);
      delete process.env.HYPERSTEP_SEED;
      assert.equal(masterSeed(), DEFAULT_SEED);
      process.env.HYPERSTEP_SEED = 'banana';
      assert.throws(() => masterSeed(), /HYPERSTEP_SEED/);
    } finally {
      if (saved === undefined) delete process.env.HYPERSTEP_SEED;
      else process.env.HYPERSTEP_SEED = saved;
    }
  });

  it('makes the k-operation program a prefix of the longer one', function () {
    for (const seed of [1, 2, 3, 0xdeadbeef]) {
      const full = generateProgram(seed, { ops: 80 });
      const part = generateProgram(seed, { ops: 30 });
      assert.deepEqual(part.ops, full.ops.slice(0, 30));
      assert.equal(part.data, full.data);
    }
  });

  it('never writes the scratch-base register x9 in random operations', function () {
    for (let i = 0; i < 300; i++) {
      const p = generateProgram(programSeed(7, i));
      for (const op of p.ops) {
        for (const line of op.split('\n')) {
          const m = /^\s*([a-z0-9.]+)\s+([a-z0-9]+)/.exec(line);
          if (!m || NOT_WRITING_FIRST_OPERAND.test(m[1])) continue;
          assert.notEqual(m[2], 'x9', `seed ${p.seed}: '${line.trim()}' writes x9`);
        }
      }
    }
  });

  it('covers every instruction group across a run', function () {
    const text = Array.from({ length: 200 }, (_, i) => generateProgram(programSeed(9, i)).ops.join('\n')).join('\n');
    for (const m of ['mulhsu', 'divuw', 'remw', 'lr.d', 'sc.w', 'amominu.w', 'fmadd.d', 'fnmsub.s', 'fcvt.lu.d', 'fcvt.s.wu',
      'fclass.s', 'fmv.x.w', 'fsrmi', 'fscsr', 'sh2add.uw', 'clmulh', 'orc.b', 'bexti', 'rori', 'c.addi16sp', 'c.fld',
      'lwu', 'lhu', 'sraiw', 'auipc', 'jalr', 'bgeu', ', rmm', ', dyn']) {
      assert.ok(text.includes(m + ' ') || text.includes(m + '\n') || (m.startsWith(',') && text.includes(m)), `no ${m}`);
    }
    assert.ok(programFile([generateProgram(1)]).includes('.include "hs-runtime.s"'));
  });

  it('draws uniformly enough from its PRNG', function () {
    const r = new Rng(42);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[r.below(10)]++;
    for (const c of counts) assert.ok(c > 9_500 && c < 10_500, `bucket ${c}`);
  });
});
