/**
 * Names the assembler takes from the ISA tables (CSR names, register names,
 * multi-instruction pseudos) against GNU as 2.40: what it accepts must
 * assemble to GNU's bytes, and what it rejects GNU must reject too.
 */
import * as assert from 'assert';
import { assemble } from '../../engine/asm';
import { CSR_NAMES, csrNumber } from '../../engine/asm/registers';
import { CSRS } from '../../engine/isa/csrs';
import { F_REGISTERS, X_REGISTERS } from '../../engine/isa/registers';
import { PSEUDOS } from '../../engine/isa/table';
import { needTool, runStatus, tempDir } from '../support/tools';
import { compareWithGnu } from './compare';
import * as fs from 'fs';
import * as path from 'path';

function gnuAccepts(source: string): boolean {
  const dir = tempDir('asm-names');
  fs.writeFileSync(path.join(dir, 'in.s'), source);
  return runStatus('riscv64-unknown-elf-as', ['-o', 'out.o', 'in.s'], { cwd: dir }).status === 0;
}

describe('assembler names vs GNU as 2.40', function () {
  this.timeout(60_000);
  before(function () {
    needTool(this, 'riscv64-unknown-elf-as');
  });

  it('accepts every CSR name of the ISA table and the legacy names, with GNU\'s numbers', function () {
    for (const c of CSRS) assert.strictEqual(csrNumber(c.name), c.num, c.name);
    const source = CSR_NAMES.map((n) => `\tcsrrw a0, ${n}, a1\n`).join('');
    const r = compareWithGnu(source, 'rv64gc');
    assert.strictEqual(r.gnuError, undefined);
    assert.deepStrictEqual(r.ourErrors, []);
    assert.deepStrictEqual(r.diffs, []);
  });

  it('rejects what GNU rejects: other spellings and names it does not know', function () {
    const names = ['MSTATUS', 'Mstatus', 'SATP', 'jvt', 'mnscratch', 'dscratch2', 'pmpcfg16', 'hpmcounter32', 'mstatus_'];
    for (const n of names) {
      const source = `\tcsrr a0, ${n}\n`;
      const ours = assemble(source, { file: 'in.s' }).diagnostics.some((d) => d.severity === 'error');
      assert.strictEqual(ours, !gnuAccepts(source), n);
      assert.ok(ours, `${n} should be rejected`);
    }
  });

  it('accepts every register name GNU does, and no other spelling', function () {
    const regs = [...X_REGISTERS.flatMap((r) => [r.name, r.abi]), 'fp'];
    const fregs = F_REGISTERS.flatMap((r) => [r.name, r.abi]);
    const source = regs.map((n) => `\tadd ${n}, ${n}, ${n}\n`).join('') + fregs.map((n) => `\tfadd.d ${n}, ${n}, ${n}\n`).join('');
    const r = compareWithGnu(source, 'rv64gc');
    assert.strictEqual(r.gnuError, undefined);
    assert.deepStrictEqual(r.ourErrors, []);
    assert.deepStrictEqual(r.diffs, []);
    for (const bad of ['A0', 'X5', 'x32', 'f32', 'Sp']) {
      const s = `\tadd ${bad}, a0, a0\n`;
      assert.ok(assemble(s, { file: 'in.s' }).diagnostics.some((d) => d.severity === 'error'), bad);
      assert.ok(!gnuAccepts(s), bad);
    }
  });

  it('expands every multi-instruction pseudo the ISA table lists as GNU does', function () {
    const operand: Record<string, string> = { rd: 'a0', rs: 'a1', rs2: 'a2', fd: 'fa0', fs2: 'fa1', rt: 't0', symbol: 'sym', imm: '0x12345' };
    const line = (p: (typeof PSEUDOS)[number]) => {
      const ops = p.syntax.split(/,\s*/).map((k) => (k === 'symbol' && p.name.startsWith('la.tls') ? 'tsym' : operand[k] ?? k));
      return `\t${p.name} ${ops.join(', ')}\n`;
    };
    // (tsym stays undefined: labels in TLS sections are a separate matter)
    const data = '\t.data\nsym:\t.word 0\n';
    // each one alone first, so that one GNU does not know is named
    const known: string[] = [];
    for (const p of PSEUDOS) {
      const source = `\t.text\n${line(p)}${data}`;
      const ours = assemble(source, { file: 'in.s', march: 'rv64gc' }).diagnostics.some((d) => d.severity === 'error');
      const gnu = gnuAccepts(`\t.option arch, +c\n${source}`);
      assert.strictEqual(!ours, gnu, `${p.name}: we ${ours ? 'reject' : 'accept'} it, GNU does not`);
      if (gnu) known.push(line(p));
    }
    assert.ok(known.length >= PSEUDOS.length - 1);
    const r = compareWithGnu(`\t.text\n${known.join('')}${data}`, 'rv64gc');
    assert.strictEqual(r.gnuError, undefined);
    assert.deepStrictEqual(r.ourErrors, []);
    // GNU types a symbol that TLS relocations use as STT_TLS; the object model has no such type yet
    assert.deepStrictEqual(r.diffs.filter((d) => !/^symbol (missing|extra): tsym\|UND\|0\|0\|global\|(tls|notype)$/.test(d)), []);
  });
});
