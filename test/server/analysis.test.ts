/**
 * The pure analysis and the server's use of the engine tables, in-process.
 */
import * as assert from 'assert';
import { DIRECTIVES } from '../../engine/asm/assembler';
import { MNEMONICS, PSEUDOS } from '../../engine/isa/table';
import { analyse, prepareSource, tokenAt } from '../../server/analysis';
import { ALL_MNEMONICS } from '../../server/engine-info';
import { documentedDirectives } from '../../server/features/directives';
import { bitLayout } from '../../server/features/describe';
import { lookupMnemonic } from '../../engine/isa/table';

describe('language server analysis', () => {
  it('documents exactly the directives the assembler accepts', () => {
    const docs = new Set(documentedDirectives());
    assert.deepStrictEqual(DIRECTIVES.filter((d) => !docs.has(d)), []);
    assert.deepStrictEqual([...docs].filter((d) => !DIRECTIVES.includes(d)), ['.endmacro']);
  });

  it('takes its mnemonics from the engine table', () => {
    assert.deepStrictEqual(new Set(ALL_MNEMONICS), new Set([...MNEMONICS, ...PSEUDOS.map((p) => p.name)]));
  });

  it('draws encoding layouts from match/mask and operand bits', () => {
    assert.strictEqual(bitLayout(lookupMnemonic('sw').find((s) => s.len === 4)!), 'imm[31:25] | rs2[24:20] | rs1[19:15] | 010 | imm[11:7] | 0100011');
    assert.strictEqual(bitLayout(lookupMnemonic('jal').find((s) => s.syntax === 'rd,jimm')!), 'label[31:12] | rd[11:7] | 1101111');
  });

  it('resolves numeric local labels as the assembler does', () => {
    const a = analyse('1: nop\n1: j 1b\n j 1f\n1: j 1b\n', '/t.s');
    const key = (line: number, ch: number) => tokenAt(a, line, ch)!.key;
    assert.strictEqual(key(1, 6), key(1, 0)); // `1: j 1b` refers to its own line's label
    assert.strictEqual(key(2, 4), key(3, 0));
    assert.strictEqual(key(3, 6), key(3, 0));
    assert.notStrictEqual(key(0, 0), key(1, 0));
  });

  it('classifies tokens by operand slot: CSR numbers, registers by identity, symbols', () => {
    const a = analyse(' csrr t0, 0x300\n csrr x5, mstatus\n lw fp, 8(s0)\n', '/t.s');
    assert.strictEqual(tokenAt(a, 0, 11)!.key, 'csr:768');
    assert.strictEqual(tokenAt(a, 1, 12)!.key, 'csr:768');
    assert.strictEqual(tokenAt(a, 0, 7)!.key, tokenAt(a, 1, 7)!.key);
    assert.strictEqual(tokenAt(a, 2, 5)!.key, tokenAt(a, 2, 12)!.key);
  });

  it('keeps columns when preparing .S sources', () => {
    const src = '#define X 1\n li a0, 1 // c\n';
    const out = prepareSource(src, '/t.S');
    assert.strictEqual(out.length, src.length);
    assert.strictEqual(out.split('\n')[1], ' li a0, 1     ');
    assert.strictEqual(prepareSource(src, '/t.s'), src);
  });
});
