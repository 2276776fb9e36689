/**
 * The differential corpus: every test/asm/corpus/*.s file is assembled by us
 * and by GNU as (-mno-relax), with the file's own `# march:` (or both the
 * default and rv64gc when it names none), both with -mno-relax and -mrelax,
 * and the objects must agree: section bytes, symbols (without mapping/file
 * symbols) and relocations (including R_RISCV_RELAX/ALIGN in relax mode).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { needTool } from '../support/tools';
import { compareWithGnu } from './compare';

const dir = path.join(__dirname, '../../../test/asm/corpus');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.s')).sort() : [];

describe('assembler differential corpus vs GNU as 2.40', function () {
  this.timeout(120_000);
  before(function () {
    needTool(this, 'riscv64-unknown-elf-as');
  });

  it('has at least 100 corpus files', function () {
    assert.ok(files.length >= 100, `only ${files.length} corpus files`);
  });

  for (const f of files) {
    const source = fs.readFileSync(path.join(dir, f), 'utf8');
    const m = /^#\s*march:\s*(\S+)/m.exec(source);
    const marches: (string | undefined)[] = m ? [m[1]] : [undefined, 'rv64gc'];
    for (const march of marches) {
      for (const relax of [false, true]) {
      it(`${f} (${march ?? 'default march'}${relax ? ', relax' : ''})`, function () {
        const r = compareWithGnu(source, march, f, relax);
        assert.strictEqual(r.gnuError, undefined, `GNU as rejected ${f}: ${r.gnuError}`);
        assert.deepStrictEqual(r.ourErrors, [], `we reported errors GNU did not`);
        assert.deepStrictEqual(r.diffs, [], `objects differ`);
      });
      }
    }
  }
});
