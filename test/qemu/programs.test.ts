/**
 * Hand-written bare-metal programs (test/qemu/programs/*.s, examples/baremetal/*.s)
 * and picolibc C programs (examples/c/*.c) run on QEMU and on Hyperstep: the
 * console output and exit status must be identical. On QEMU each program must
 * also pass its own architectural self-checks (exit 0, last line "done" for
 * the assembly ones).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { needTool, tempDir } from '../support/tools';
import { assembleFile, compileC, engineAvailable, mapLimit, repoRoot, RunResult, runOnHyperstep, runOnQemu, testOutputDir } from './harness';

interface Program {
  name: string;
  kind: 'asm' | 'c';
  source: string;
  elf?: string;
  qemu?: RunResult;
}

function listPrograms(): Program[] {
  const root = repoRoot();
  const out: Program[] = [];
  const asmDirs = [path.join(root, 'test', 'qemu', 'programs'), path.join(root, 'examples', 'baremetal')];
  for (const dir of asmDirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).sort()) {
      if (f.endsWith('.s')) out.push({ name: path.relative(root, path.join(dir, f)), kind: 'asm', source: path.join(dir, f) });
    }
  }
  const cDir = path.join(root, 'examples', 'c');
  for (const f of fs.existsSync(cDir) ? fs.readdirSync(cDir).sort() : []) {
    if (f.endsWith('.c') && f !== 'virt.c') out.push({ name: path.relative(root, path.join(cDir, f)), kind: 'c', source: path.join(cDir, f) });
  }
  return out;
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: QEMU '${al[i] ?? '<end>'}' vs Hyperstep '${bl[i] ?? '<end>'}'`;
  }
  return 'identical';
}

describe('bare-metal programs: Hyperstep vs QEMU', function () {
  this.timeout(300_000);
  const programs = listPrograms();

  before(async function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-ld');
    needTool(this, 'riscv64-unknown-elf-gcc');
    needTool(this, 'qemu-system-riscv64');
    const dir = tempDir('programs');
    for (const p of programs) {
      const elf = path.join(dir, p.name.replace(/[\\/]/g, '_') + '.elf');
      p.elf = p.kind === 'asm' ? assembleFile(p.source, elf) : compileC([p.source], elf);
    }
    await mapLimit(programs, Math.max(1, os.cpus().length), async (p) => {
      p.qemu = await runOnQemu(p.elf!, { timeoutMs: 60_000 });
    });
  });

  it('finds the programs', function () {
    assert.ok(programs.filter((p) => p.kind === 'asm').length >= 5, 'assembly programs missing');
    assert.ok(programs.filter((p) => p.kind === 'c').length >= 3, 'C programs missing');
  });

  for (const p of programs) {
    it(`${p.name} passes its own checks on QEMU`, function () {
      const q = p.qemu!;
      assert.equal(q.exit, 0, `exit ${q.exit}; output:\n${q.output.slice(-2000)}`);
      assert.ok(!/CHECK FAILED/.test(q.output), q.output);
      if (p.kind === 'asm') assert.match(q.output, /(^|\n)done\n$/, 'assembly programs end by printing "done"');
      else assert.ok(q.output.length > 0, 'no output');
    });

    it(`${p.name} runs identically on Hyperstep`, function () {
      if (!engineAvailable()) {
        if (process.env.CI === 'true') assert.fail('engine/machine/machine.ts is missing');
        this.skip();
      }
      const q = p.qemu!;
      const h = runOnHyperstep(fs.readFileSync(p.elf!), { maxInsns: 200_000_000 });
      if (h.output !== q.output || h.exit !== q.exit) {
        const base = path.join(testOutputDir('programs'), path.basename(p.name));
        fs.writeFileSync(`${base}.qemu.txt`, q.output);
        fs.writeFileSync(`${base}.hyperstep.txt`, h.output);
        assert.fail(`${p.name}: ${firstDifference(q.output, h.output)}; exit QEMU ${q.exit}, Hyperstep ${String(h.exit).slice(0, 500)} ` +
          `(outputs in ${base}.*.txt)`);
      }
    });
  }
});
