/**
 * Privileged-architecture programs (test/priv-cpu/programs/*.s: CSR WARL
 * masks, two-stage translation, guest-page faults, delegation to HS and VS,
 * virtual-instruction exceptions, hlv/hsv) run on QEMU 7.2
 * (`-cpu rv64,h=true`) and on Hyperstep: console output and exit status must
 * be identical. The programs print every trap's CSRs, so any difference in
 * routing, cause, tval, htval/mtval2, htinst/mtinst or GVA shows up as a
 * differing line.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { needTool, tempDir } from '../support/tools';
import { assembleFile, engineAvailable, repoRoot, runOnHyperstep, runOnQemu, RunResult } from '../qemu/harness';

function programs(): string[] {
  const dir = path.join(repoRoot(), 'test', 'priv-cpu', 'programs');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.s')).sort().map((f) => path.join(dir, f));
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: QEMU '${al[i] ?? '<end>'}' vs Hyperstep '${bl[i] ?? '<end>'}'`;
  }
  return 'identical';
}

describe('privileged architecture and H extension: Hyperstep vs QEMU', function () {
  this.timeout(120_000);
  const elfs = new Map<string, string>();
  const qemu = new Map<string, RunResult>();

  before(async function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-ld');
    needTool(this, 'qemu-system-riscv64');
    const dir = tempDir('priv-cpu');
    for (const src of programs()) {
      const elf = path.join(dir, path.basename(src, '.s') + '.elf');
      assembleFile(src, elf);
      elfs.set(src, elf);
    }
    await Promise.all([...elfs].map(async ([src, elf]) => qemu.set(src, await runOnQemu(elf, { timeoutMs: 20_000 }))));
  });

  for (const src of programs()) {
    const name = path.basename(src);
    it(`${name} exits cleanly on QEMU`, function () {
      const r = qemu.get(src)!;
      assert.equal(r.exit, 0, `QEMU exit ${r.exit}; output:\n${r.output.slice(-2000)}`);
    });
    it(`${name} runs identically on Hyperstep`, function () {
      if (!engineAvailable()) this.skip();
      const q = qemu.get(src)!;
      const e = runOnHyperstep(fs.readFileSync(elfs.get(src)!), { maxInsns: 20_000_000 });
      assert.ok(q.output === e.output && q.exit === e.exit, `${name}: ${firstDifference(q.output, e.output)}; exit QEMU ${q.exit}, Hyperstep ${e.exit}`);
    });
  }
});
