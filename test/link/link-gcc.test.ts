/**
 * GCC output through our linker: a C file compiled by riscv64-unknown-elf-gcc
 * (DWARF 5, .rodata.str merge sections, .comment, stack_align attribute) plus
 * an assembly start file must link exactly as GNU ld links them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { strict as assert } from 'assert';
import { needTool, run, tempDir } from '../support/tools';
import { AS, LD, CORPUS, assemble, ldLink, loadObject, assertSameExecutable } from './gnu-support';
import { link } from '../../engine/link/link';
import { writeExecutable } from '../../engine/link/write-exe';

describe('linker vs GNU ld on GCC objects', function () {
  this.timeout(60_000);
  let dir = '';
  let gcc = '';
  before(function () {
    needTool(this, AS);
    needTool(this, LD);
    gcc = needTool(this, 'riscv64-unknown-elf-gcc');
    dir = tempDir('linkgcc');
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  for (const opt of ['-O0', '-O2']) {
    it(`crt0.s + prog.c (${opt})`, () => {
      const start = assemble(dir, 'crt0.s');
      const prog = path.join(dir, `prog${opt}.o`);
      run(gcc, ['-g', opt, '-mno-relax', '-mcmodel=medany', '-c', path.join(CORPUS, 'prog.c'), '-o', prog]);
      const gnu = ldLink(dir, [start, prog], `gnu${opt}.elf`);
      assert.ok(gnu.ok, gnu.stderr);
      const res = link([start, prog].map(loadObject), { names: ['crt0.o', path.basename(prog)] });
      assert.ok(res.ok, res.ok ? '' : res.diagnostics.map((d) => d.message).join('\n'));
      if (!res.ok) return;
      fs.writeFileSync(path.join(dir, `ours${opt}.elf`), writeExecutable(res.exe));
      assertSameExecutable(path.join(dir, `ours${opt}.elf`), path.join(dir, `gnu${opt}.elf`));
    });
  }
});
