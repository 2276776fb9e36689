/**
 * CSR names against GNU binutils 2.40, for every number 0..4095 and every
 * privileged spec it distinguishes: objdump prints a name only when the
 * file's priv-spec attributes allow it (1.12 when there are none), and our
 * disassembler (gnuCsrName via disassembleInsn) must print the same; GNU as
 * must accept every name of the table (and the legacy ones) as that number.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { needTool, run, runStatus, tempDir } from '../support/tools';
import { CSRS, GNU_LEGACY_CSRS, gnuCsrName, privSpecFromNumbers, type PrivSpec } from '../../engine/isa/csrs';
import { disassembleInsn } from '../../engine/isa/disasm';
import { listElf } from '../../engine/listing/objdump';

const AS = 'riscv64-unknown-elf-as';
const OBJDUMP = 'riscv64-unknown-elf-objdump';
const OBJCOPY = 'riscv64-unknown-elf-objcopy';
const SPECS: PrivSpec[] = ['1.9.1', '1.10', '1.11', '1.12'];

/** The CSR operand objdump -M no-aliases prints for each `csrrs a0, N, zero` of the file, in order. */
function objdumpCsrOperands(file: string): string[] {
  const out: string[] = [];
  for (const line of run(OBJDUMP, ['-d', '-M', 'no-aliases', file]).split('\n')) {
    const m = /^ *[0-9a-f]+:\t[0-9a-f]+ +\tcsrrs\ta0,([^,]+),zero$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

describe('CSR names vs GNU binutils 2.40', function () {
  this.timeout(120_000);
  let dir = '';
  const source = ['.text', ...Array.from({ length: 4096 }, (_, n) => `csrrs a0, ${n}, zero`)].join('\n') + '\n';
  before(function () {
    needTool(this, AS);
    needTool(this, OBJDUMP);
    dir = tempDir('csr');
    fs.writeFileSync(path.join(dir, 'all.s'), source);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  for (const spec of SPECS) {
    it(`objdump and we name the same CSRs in a file declaring priv spec ${spec}`, () => {
      const obj = path.join(dir, `all-${spec}.o`);
      run(AS, [`-mpriv-spec=${spec}`, '-o', obj, path.join(dir, 'all.s')]);
      const gnu = objdumpCsrOperands(obj);
      assert.strictEqual(gnu.length, 4096, 'objdump listed every instruction');
      const diffs: string[] = [];
      for (let n = 0; n < 4096; n++) {
        const word = ((n << 20) | (2 << 12) | (10 << 7) | 0x73) >>> 0;
        const ours = disassembleInsn(word, 0n, { aliases: false, privSpec: spec }).split(',')[1];
        if (ours !== gnu[n]) diffs.push(`0x${n.toString(16)}: objdump ${gnu[n]} ours ${ours}`);
      }
      assert.deepStrictEqual(diffs, []);
      // The listing reads the spec from the file's attributes itself.
      const listed = listElf(new Uint8Array(fs.readFileSync(obj)), { aliases: false, fileName: obj });
      assert.ok(listed.ok);
      if (listed.ok) assert.deepStrictEqual(listed.text.split('\n').filter((l) => /\tcsrrs\t/.test(l)).map((l) => l.split(',')[1]), gnu);
    });
  }

  it('a file without attributes is listed as priv spec 1.12', function () {
    if (!needTool(this, OBJCOPY)) return;
    const obj = path.join(dir, 'all-1.11.o');
    if (!fs.existsSync(obj)) run(AS, ['-mpriv-spec=1.11', '-o', obj, path.join(dir, 'all.s')]);
    const bare = path.join(dir, 'bare.o');
    run(OBJCOPY, ['-R', '.riscv.attributes', obj, bare]);
    const gnu = objdumpCsrOperands(bare);
    assert.deepStrictEqual(gnu.map((_, n) => gnuCsrName(n) ?? `0x${n.toString(16)}`), gnu);
    assert.strictEqual(gnuCsrName(0x747), 'mseccfg');
    assert.strictEqual(gnuCsrName(0x747, '1.11'), undefined);
  });

  it('privSpecFromNumbers maps the attribute triples binutils knows', () => {
    assert.strictEqual(privSpecFromNumbers(1, 9, 1), '1.9.1');
    assert.strictEqual(privSpecFromNumbers(1, 11, 0), '1.11');
    assert.strictEqual(privSpecFromNumbers(1, 12, 0), '1.12');
    assert.strictEqual(privSpecFromNumbers(0, 0, 0), undefined);
    assert.strictEqual(privSpecFromNumbers(1, 13, 0), undefined);
  });

  it('GNU as accepts every table and legacy name as its number, whatever the priv spec', () => {
    const names: [string, number][] = [...CSRS.map((c): [string, number] => [c.name, c.num]), ...GNU_LEGACY_CSRS.map(([num, name]): [string, number] => [name, num])];
    fs.writeFileSync(path.join(dir, 'names.s'), ['.text', ...names.map(([n]) => `csrrs a0, ${n}, zero`)].join('\n') + '\n');
    for (const spec of ['1.9.1', '1.12']) {
      const obj = path.join(dir, `names-${spec}.o`);
      const r = runStatus(AS, ['-march=rv64gc', `-mpriv-spec=${spec}`, '-o', obj, path.join(dir, 'names.s')]);
      assert.strictEqual(r.status, 0, r.stderr);
      const words = run(OBJDUMP, ['-d', '-M', 'no-aliases', obj]).split('\n')
        .map((l) => /^ *[0-9a-f]+:\t([0-9a-f]{8}) /.exec(l)?.[1]).filter((w): w is string => w !== undefined);
      assert.deepStrictEqual(words.map((w) => parseInt(w, 16) >>> 20), names.map(([, n]) => n), `numbers under -mpriv-spec=${spec}`);
    }
  });
});
