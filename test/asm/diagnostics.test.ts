/**
 * Diagnostics: each error class is reported with its code, message and exact
 * range, assembly goes on after an error, and random or mutated input never
 * throws, never hangs and always gets a diagnostic when it is invalid.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { assemble } from '../../engine/asm';
import type { Diagnostic } from '../../engine/asm';
import { runStatus, tempDir, toolPath } from '../support/tools';

function diags(src: string, march?: string, readFile?: (p: string) => string | undefined): Diagnostic[] {
  return assemble(src, { file: 'test.s', march, readFile }).diagnostics;
}

function one(src: string, code: string, march?: string): Diagnostic {
  const ds = diags(src, march).filter((d) => d.severity === 'error');
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `expected a '${code}' error for ${JSON.stringify(src)}, got ${JSON.stringify(ds)}`);
  return d!;
}

function cols(d: Diagnostic): [number, number, number] {
  return [d.range.start.line, d.range.start.column, d.range.end.column];
}

describe('assembler diagnostics', function () {
  it('unknown mnemonic, with suggestions', function () {
    const d = one('\taddd a0, a1, a2\n', 'unknown-mnemonic');
    assert.match(d.message, /unknown instruction 'addd'; did you mean 'add'/);
    assert.deepStrictEqual(cols(d), [1, 2, 6]);
  });

  it('wrong register file', function () {
    const d = one('\tadd a0, f3, a1\n', 'bad-operand');
    assert.match(d.message, /expected an integer register, found floating-point register 'f3'/);
    assert.deepStrictEqual(cols(d), [1, 10, 12]);
    assert.match(one('\tfadd.s fa0, a1, fa2\n', 'bad-operand').message, /expected a floating-point register, found integer register 'a1'/);
  });

  it('immediate out of range gives the allowed range', function () {
    const d = one('\taddi a0, a0, 5000\n', 'bad-operand');
    assert.match(d.message, /5000 out of range -2048\.\.2047/);
    assert.deepStrictEqual(cols(d), [1, 15, 19]);
    assert.match(one('\tslli a0, a0, 64\n', 'bad-operand').message, /out of range 0\.\.63/);
    assert.match(one('\tlui a0, 0x100000\n', 'bad-operand').message, /out of range 0\.\.1048575/);
  });

  it('unknown CSR with suggestion', function () {
    const d = one('\tcsrr a0, mstatuss\n', 'bad-operand');
    assert.match(d.message, /unknown CSR 'mstatuss'; did you mean 'mstatus'/);
    assert.deepStrictEqual(cols(d), [1, 11, 19]);
  });

  it('duplicate symbol points at the second definition', function () {
    const d = one('x: nop\nx: nop\n', 'duplicate-symbol');
    assert.deepStrictEqual(cols(d), [2, 1, 2]);
    assert.match(d.message, /already defined \(first defined at test\.s:1\)/);
    one('.equ K, 1\nK: nop\n', 'duplicate-symbol');
    one('.equiv K, 1\n.equiv K, 2\n', 'duplicate-symbol');
  });

  it('unknown directive, unterminated string/macro/rept/conditional', function () {
    assert.match(one('\t.fil 1\n', 'unknown-directive').message, /did you mean .*'\.fill'/);
    one('\t.ascii "abc\n', 'unterminated-string');
    one('\t.macro m\n\tnop\n', 'unterminated-macro');
    one('\t.rept 2\n\tnop\n', 'unterminated-rept');
    one('\t.if 1\n\tnop\n', 'unterminated-conditional');
    one('\t.endif\n', 'unmatched-conditional');
  });

  it('.include not found, found, and recursive', function () {
    one('\t.include "nothere.s"\n', 'include-not-found');
    const files: Record<string, string> = { 'dir/a.s': '\t.include "b.s"\n\tnop\n', 'dir/b.s': '\taddi a0, a0, 1\n', 'dir/r.s': '\t.include "r.s"\n' };
    const r = assemble('\t.include "a.s"\n', { file: 'dir/main.s', readFile: (p) => files[p] });
    assert.deepStrictEqual(r.diagnostics, []);
    assert.strictEqual(Buffer.from(r.object.sections[0].data).toString('hex'), '130515001300000013000000'.slice(0, 16));
    assert.deepStrictEqual(r.object.lines.map((l) => `${l.file}:${l.line}`), ['dir/b.s:1', 'dir/a.s:2']);
    const rec = assemble('\t.include "r.s"\n', { file: 'dir/main.s', readFile: (p) => files[p] });
    assert.ok(rec.diagnostics.some((d) => d.code === 'include-recursive'));
  });

  it('misaligned branch target and undefined local label', function () {
    one('f: nop\n\tj f+1\n', 'misaligned-target');
    one('\tj 1b\n', 'undefined-local-label');
    one('\tj 1f\n', 'undefined-local-label');
  });

  it('extension not enabled', function () {
    assert.match(one('\tc.addi a0, 1\n', 'extension-disabled').message, /needs the C extension/);
    assert.match(one('\tsh1add a0, a1, a2\n', 'extension-disabled').message, /Zba/);
    assert.deepStrictEqual(diags('\tc.addi a0, 1\n', 'rv64gc'), []);
  });

  it('li with a symbol, expression errors, junk', function () {
    assert.match(one('\tli a0, sym\n', 'not-constant').message, /use 'la'/);
    one('\t.word (1 + 2\n', 'bad-expression');
    one('\t.word 1 / 0\n', 'bad-expression');
    one('\t.space 4 junk\n', 'syntax');
    one('\t.data junk\n', 'syntax');
  });

  it('keeps going after errors and still emits the good lines', function () {
    const r = assemble('\tbogus\n\taddi a0, a0, 1\n\tadd a0, a0, f1\n\tnop\n', { file: 't.s' });
    assert.strictEqual(r.diagnostics.filter((d) => d.severity === 'error').length, 2);
    assert.strictEqual(Buffer.from(r.object.sections[0].data).toString('hex'), '1305150013000000');
    assert.deepStrictEqual(r.object.lines.map((l) => [l.offset, l.line, l.column]), [[0, 2, 2], [4, 4, 2]]);
  });

  it('records every emitted instruction with its column; the line table has one row per source line', function () {
    const r = assemble('start:  li a0, 0x12345678\n  call start ; nop\n', { file: 'l.s' });
    assert.deepStrictEqual(r.diagnostics, []);
    assert.deepStrictEqual(r.insns?.map((l) => [l.offset, l.line, l.column]), [[0, 1, 9], [4, 1, 9], [8, 2, 3], [12, 2, 3], [16, 2, 16]]);
    assert.deepStrictEqual(r.object.lines.map((l) => [l.offset, l.line, l.column]), [[0, 1, 9], [8, 2, 3]]);
  });

  it('bounds runaway expansion', function () {
    this.timeout(60_000);
    const src = '.macro m\nm\nm\n.endm\nm\n';
    const t = Date.now();
    const ds = diags(src);
    assert.ok(ds.some((d) => d.code === 'expansion-depth' || d.code === 'expansion-size'));
    assert.ok(Date.now() - t < 20_000);
  });

  // ---------------------------------------------------------------- fuzzing

  let seed = 12345;
  const rnd = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789 \t,.()%:;#"\'\\+-*/<>=!&|^~@$_\n';
  const TOKENS = ['addi', 'a0', 'x31', 'f3', ',', '(', ')', '%hi(', '%pcrel_lo(', '1f', '1b', '.', '.rept 3', '.endr', '.macro m a', '.endm', '.if', '.else', '.endif',
    '.word', '.align 70', '.section', '.text', 'li', 'la', 'call', 'beqz', 'csrr', 'mstatus', '0x', '99999999999999999999999', '"', '/*', '*/', '\\a', 'm', '.irp x,1,2', ':', '\n'];

  it('never throws on thousands of random sources, and reports each invalid one', function () {
    this.timeout(120_000);
    for (let i = 0; i < 3000; i++) {
      let src = '';
      const n = 1 + rnd(60);
      for (let k = 0; k < n; k++) src += rnd(3) === 0 ? TOKENS[rnd(TOKENS.length)] + ' ' : ALPHABET[rnd(ALPHABET.length)];
      let r;
      try {
        r = assemble(src, { file: 'fuzz.s', march: rnd(2) ? 'rv64gc' : undefined });
      } catch (err) {
        assert.fail(`threw on ${JSON.stringify(src)}: ${(err as Error).stack}`);
      }
      assert.ok(!r.diagnostics.some((d) => d.code === 'internal'), `internal error on ${JSON.stringify(src)}: ${JSON.stringify(r.diagnostics)}`);
      for (const d of r.diagnostics) {
        assert.ok(d.range.start.line >= 1 && d.range.start.column >= 1 && d.message.length > 0);
      }
    }
  });

  it('agrees with GNU as on accepting or rejecting mutated corpus files', function () {
    this.timeout(300_000);
    if (!toolPath('riscv64-unknown-elf-as')) this.skip();
    const dir = path.join(__dirname, '../../../test/asm/corpus');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.s') && !f.startsWith('gen-'));
    const tmp = tempDir('asm-mut');
    let disagree = 0;
    const cases = 80;
    const report: string[] = [];
    for (let i = 0; i < cases; i++) {
      let src = fs.readFileSync(path.join(dir, files[rnd(files.length)]), 'utf8');
      const march = /^# march: (\S+)/m.exec(src)?.[1];
      const pos = rnd(src.length);
      const m = rnd(3);
      if (m === 0) src = src.slice(0, pos) + src.slice(pos + 1 + rnd(3));
      else if (m === 1) src = src.slice(0, pos) + TOKENS[rnd(TOKENS.length)] + src.slice(pos);
      else src = src.slice(0, pos) + String(rnd(100000) - 5000) + src.slice(pos);
      const ours = assemble(src, { file: 'm.s', march });
      fs.writeFileSync(path.join(tmp, 'm.s'), src);
      const g = runStatus('riscv64-unknown-elf-as', ['-mno-relax', ...(march ? [`-march=${march}`] : []), '-o', path.join(tmp, 'm.o'), path.join(tmp, 'm.s')]);
      const weErr = ours.diagnostics.some((d) => d.severity === 'error');
      // we are stricter than GNU where it only warns ("zero assumed", unknown .option…)
      const gnuWarned = /Warning:/.test(g.stderr);
      if ((g.status !== 0 && !weErr) || (g.status === 0 && weErr && !gnuWarned)) {
        disagree++;
        report.push(`${weErr ? 'we reject' : 'we accept'}: ${g.stderr.split('\n')[1] ?? ''} ${JSON.stringify(ours.diagnostics.slice(0, 1))}`);
      }
    }
    // GNU accepts a few oddities we reject on purpose (e.g. `s*tart` as a branch target);
    // keep the disagreement rate small
    assert.ok(disagree <= cases * 0.05, `disagreed on ${disagree}/${cases}:\n${report.join('\n')}`);
  });
});
