/**
 * The DWARF line table (`-g`) against GNU as 2.40: every corpus file plus
 * sources aimed at the rules GNU follows (one row per source line, kept
 * across sections; rows of .rept bodies and macro expansions; line numbers
 * after multi-line block comments; the sequence ending before the padding at
 * the end of a code section). Both objects are decoded by
 * `objdump --dwarf=decodedline`. Also checks that `AssembleResult.insns`
 * still lists every instruction the line table folds together.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { assemble } from '../../engine/asm';
import { writeObject } from '../../engine/elf/write';
import { needTool, runStatus, tempDir } from '../support/tools';

const corpusDir = path.join(__dirname, '../../../test/asm/corpus');
const corpus = fs.existsSync(corpusDir) ? fs.readdirSync(corpusDir).filter((f) => f.endsWith('.s')).sort() : [];

const CASES: Record<string, string> = {
  'pseudo-expansions.s': [
    '\t.text', '\t.globl _start', '_start:', '\tli a0, 0x12345678', '\tla a1, _start', '\tlla a2, _start',
    '\tcall _start', '\ttail _start', '\tnop; nop; addi a0, a0, 1', '\tli a3, 0x123456789abcdef0', '\tnop', '',
  ].join('\n'),
  'cross-section.s': [
    '\t.macro two', '\tnop', '\t.section .text.b,"ax",@progbits', '\tnop', '\t.text', '\t.endm',
    '\t.text', '\tnop; nop', '\ttwo', '\taddi a0, a0, 1', '\t.section .text.b,"ax",@progbits', '\taddi a0, a0, 1', '\tnop',
    '\t.text', '\tnop', '\t.word 5', '\t.align 4', '\t.byte 1', '',
  ].join('\n'),
  'end-padding.s': ['\t.text', '\t.globl _start', '_start:', '\t.align 3', '\tnop', '\t.section .text.x,"ax",@progbits', '\t.p2align 4', '\tret', '\t.byte 1', ''].join('\n'),
  'block-comments.s': [
    '\t.text', '\tnop', '\t/* x', '\ty', '\tz */', '\taddi a0, a0, 3', '\t/* p', '\tq */ addi a0, a0, 4; addi a0, a0, 5',
    '\taddi a0, a0, 6', '\t/* k', '*/ li a0, 0x12345678', '\t.macro m', '\tnop', '\tnop', '\t.endm', '\t/* k', '\t*/ m', '\tnop',
    '\t/* a', '\tb */ /* c', '\td */ nop', '\tnop', '\t.rept 2', '\t/* r', '\t*/ nop', '\t.endr', '\tnop', '',
  ].join('\n'),
  'rept-macro.s': [
    '\t.macro pair r', '\taddi \\r, \\r, 1', '\taddi \\r, \\r, 2', '\t.endm', '\t.text', '\t.rept 3', '\tnop', '\t.endr',
    '\t.rept 2', '\tnop', '\taddi a0, a0, 1', '\t.endr', '\tpair a0', '\tpair a1', '\t.irp r, a0, a1', '\tpair \\r', '\t.endr', '',
  ].join('\n'),
};

/** The rows of `objdump --dwarf=decodedline`, without the lines naming the object file. */
function decodedLines(objdump: string, obj: string): string {
  const r = runStatus(objdump, ['--dwarf=decodedline', obj]);
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout.split('\n').filter((l) => !l.includes('file format')).join('\n').trim();
}

function compare(name: string, source: string, march: string | undefined, relax: boolean): void {
  const dir = tempDir('asm-lines');
  const src = path.join(dir, name);
  fs.writeFileSync(src, source);
  const args = [relax ? '-mrelax' : '-mno-relax', ...(march ? [`-march=${march}`] : []), '-g', '-o', 'gnu.o', name];
  const g = runStatus('riscv64-unknown-elf-as', args, { cwd: dir });
  assert.strictEqual(g.status, 0, `GNU as rejected ${name}: ${g.stderr}`);
  const r = assemble(source, { file: name, march, relax });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.deepStrictEqual(errors, []);
  fs.writeFileSync(path.join(dir, 'ours.o'), writeObject(r.object));
  const gnu = decodedLines('riscv64-unknown-elf-objdump', path.join(dir, 'gnu.o'));
  const ours = decodedLines('riscv64-unknown-elf-objdump', path.join(dir, 'ours.o'));
  assert.strictEqual(ours, gnu);
}

describe('assembler DWARF line table vs GNU as 2.40 (-g)', function () {
  this.timeout(120_000);
  before(function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-objdump');
  });

  for (const [name, source] of Object.entries(CASES)) {
    for (const march of [undefined, 'rv64gc']) {
      for (const relax of [false, true]) {
        it(`${name} (${march ?? 'default march'}${relax ? ', relax' : ''})`, function () {
          compare(name, source, march, relax);
        });
      }
    }
  }

  for (const f of corpus) {
    const source = fs.readFileSync(path.join(corpusDir, f), 'utf8');
    const m = /^#\s*march:\s*(\S+)/m.exec(source);
    for (const march of m ? [m[1]] : [undefined, 'rv64gc']) {
      it(`corpus ${f} (${march ?? 'default march'})`, function () {
        compare(f, source, march, false);
      });
    }
  }
});

describe('AssembleResult.insns', function () {
  it('lists every instruction, where the line table has one row per source line', function () {
    const r = assemble('\t.text\n\tli a0, 0x12345678\n\tnop; nop\n\tcall f\n', { file: 'x.s' });
    assert.deepStrictEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
    const at = (rows: { offset: number; line: number; column: number }[]) => rows.map((x) => `${x.offset}:${x.line}:${x.column}`);
    assert.deepStrictEqual(at(r.insns ?? []), ['0:2:2', '4:2:2', '8:3:2', '12:3:7', '16:4:2', '20:4:2']);
    assert.deepStrictEqual(at(r.object.lines), ['0:2:2', '8:3:2', '16:4:2']);
  });

  it('ends the line sequence before the padding at the end of a code section', function () {
    const r = assemble('\t.text\n\t.p2align 3\n\tnop\n', { file: 'x.s' });
    assert.strictEqual(r.object.sections.find((s) => s.name === '.text')?.size, 8);
    assert.deepStrictEqual(r.object.lineEnds, [{ section: r.object.sections.findIndex((s) => s.name === '.text'), offset: 4 }]);
  });
});
