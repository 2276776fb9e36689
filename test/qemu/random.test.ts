/**
 * Differential test: seeded random RV64GC+B programs run on QEMU and on
 * Hyperstep must print identical register dumps and exit identically.
 *
 *   HYPERSTEP_SEED=n           master seed (default fixed; printed on failure)
 *   HYPERSTEP_RANDOM_COUNT=n   programs per run (default 1000)
 *   HYPERSTEP_RANDOM_OPS=n     random operations per program (default 120)
 *   HYPERSTEP_RANDOM_BISECT=n  failing programs to bisect to one operation (default 3)
 *
 * Programs are batched many to an ELF (each prints its own "#P <seed>" header
 * and dump) and the ELFs run on QEMU in parallel. A mismatch names the first
 * differing register and the program's seed, writes the program alone to
 * test-output/random/ with both outputs, and (for the first few) bisects the
 * program's operations to the one that first makes the two machines differ.
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GeneratedProgram, generateProgram, programFile, MARCH } from '../gen/random-program';
import { masterSeed, programSeed } from '../gen/rng';
import { needTool, tempDir } from '../support/tools';
import { assembleFile, assembleFileAsync, engineAvailable, mapLimit, RunResult, runOnHyperstep, runOnQemu, testOutputDir } from './harness';

const COUNT = Number(process.env.HYPERSTEP_RANDOM_COUNT ?? 1000);
const OPS = Number(process.env.HYPERSTEP_RANDOM_OPS ?? 120);
const PER_ELF = 50;
/** Failing programs bisected to their first differing operation. */
const BISECT = Number(process.env.HYPERSTEP_RANDOM_BISECT ?? 3);

interface Batch {
  programs: GeneratedProgram[];
  src: string;
  elf: string;
  qemu?: RunResult;
}

/** Splits a run's output into each program's section, keyed by header. */
export function splitByProgram(output: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of output.split('\n')) {
    if (line.startsWith('#P ')) {
      current = [];
      sections.set(line, current);
    } else if (current && line !== '') {
      current.push(line);
    }
  }
  return sections;
}

function writeRepro(p: GeneratedProgram, qemu: string[], engine: string[] | undefined, seed: number): string {
  const dir = testOutputDir('random');
  const base = path.join(dir, `program-${p.tag}`);
  fs.writeFileSync(`${base}.s`, `# master seed ${seed}; rebuild: as -march=${MARCH} -I test/gen, ld -Ttext 0x80000000\n` + programFile([p]));
  fs.writeFileSync(`${base}.qemu.txt`, qemu.join('\n') + '\n');
  fs.writeFileSync(`${base}.hyperstep.txt`, (engine ?? ['<no output for this program>']).join('\n') + '\n');
  return `${base}.s`;
}

function firstDiff(ql: string[], hl: string[] | undefined): string | undefined {
  if (!hl) return 'no dump from Hyperstep';
  for (let i = 0; i < Math.max(ql.length, hl.length); i++) {
    if (ql[i] !== hl[i]) return `QEMU '${ql[i] ?? '<end>'}' vs Hyperstep '${hl[i] ?? '<end>'}'`;
  }
  return undefined;
}

/** Runs one program alone on both and returns the first difference, if any. */
async function diffAlone(p: GeneratedProgram, dir: string): Promise<string | undefined> {
  const src = path.join(dir, `${p.tag}-${p.ops.length}.s`);
  fs.writeFileSync(src, programFile([p]));
  const elf = assembleFile(src, src.replace(/\.s$/, '.elf'));
  const q = await runOnQemu(elf, { timeoutMs: 30_000 });
  const h = runOnHyperstep(fs.readFileSync(elf), { maxInsns: 20_000_000 });
  const d = firstDiff(splitByProgram(q.output).get(p.header) ?? [], splitByProgram(h.output).get(p.header));
  if (d) return d;
  return h.exit === q.exit ? undefined : `exit ${String(h.exit).slice(0, 300)} on Hyperstep, ${q.exit} on QEMU`;
}

/** Bisects a failing program over its operation prefixes (see
 * generateProgram) to the operation that introduces the difference. */
async function bisect(p: GeneratedProgram, dir: string): Promise<string> {
  const prefix = (k: number) => generateProgram(p.seed, { ops: k });
  const atZero = await diffAlone(prefix(0), dir);
  if (atZero) return `differs before any random operation: ${atZero}`;
  let lo = 0;
  let hi = p.ops.length;
  let diff = 'difference not reproduced alone';
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const d = await diffAlone(prefix(mid), dir);
    if (d) {
      hi = mid;
      diff = d;
    } else lo = mid;
  }
  if (hi === p.ops.length) diff = (await diffAlone(p, dir)) ?? diff;
  const minimal = prefix(hi);
  const file = path.join(testOutputDir('random'), `program-${p.tag}-min.s`);
  fs.writeFileSync(file, programFile([minimal]));
  return `introduced by operation ${hi - 1}:\n${minimal.ops[hi - 1]}\n      -> ${diff} (minimal program: ${file})`;
}

describe('random programs: Hyperstep vs QEMU', function () {
  this.timeout(600_000);
  const seed = masterSeed();
  const batches: Batch[] = [];

  before(async function () {
    needTool(this, 'riscv64-unknown-elf-as');
    needTool(this, 'riscv64-unknown-elf-ld');
    needTool(this, 'qemu-system-riscv64');
    assert.ok(Number.isInteger(COUNT) && COUNT > 0, 'HYPERSTEP_RANDOM_COUNT must be a positive integer');
    const dir = tempDir('random');
    const seen = new Set<number>();
    let current: GeneratedProgram[] = [];
    const flush = () => {
      if (!current.length) return;
      const n = batches.length;
      const src = path.join(dir, `batch${n}.s`);
      fs.writeFileSync(src, programFile(current));
      batches.push({ programs: current, src, elf: path.join(dir, `batch${n}.elf`) });
      current = [];
    };
    for (let i = 0; seen.size < COUNT; i++) {
      const s = programSeed(seed, i);
      if (seen.has(s)) continue;
      seen.add(s);
      current.push(generateProgram(s, { ops: OPS }));
      if (current.length === PER_ELF) flush();
    }
    flush();
    const cores = Math.max(1, os.cpus().length);
    await mapLimit(batches, cores, async (b) => {
      await assembleFileAsync(b.src, b.elf);
      b.qemu = await runOnQemu(b.elf, { timeoutMs: 60_000 });
    });
  });

  it(`QEMU runs every generated program to a clean exit (seed ${seed})`, function () {
    for (const b of batches) {
      const q = b.qemu!;
      const sections = splitByProgram(q.output);
      assert.equal(q.exit, 0, `QEMU exit ${q.exit} for ${b.src}; output tail:\n${q.output.slice(-600)}`);
      assert.equal(sections.size, b.programs.length, `expected ${b.programs.length} program dumps from ${b.src}`);
      for (const [hdr, lines] of sections) {
        // 31 x, 32 f, fcsr, mem
        assert.equal(lines.length, 65, `${hdr}: dump has ${lines.length} lines`);
      }
    }
  });

  it(`Hyperstep prints the same dumps and exit status as QEMU (seed ${seed})`, async function () {
    if (!engineAvailable()) {
      if (process.env.CI === 'true') assert.fail('engine/machine/machine.ts is missing');
      this.skip();
    }
    let compared = 0;
    let bisected = 0;
    const bisectDir = tempDir('random-bisect');
    const failures: string[] = [];
    for (const b of batches) {
      const q = b.qemu!;
      const h = runOnHyperstep(fs.readFileSync(b.elf), { maxInsns: 100_000_000 });
      const qs = splitByProgram(q.output);
      const hs = splitByProgram(h.output);
      for (const p of b.programs) {
        const hdr = p.header;
        const ql = qs.get(hdr) ?? [];
        const hl = hs.get(hdr);
        compared++;
        const diff = firstDiff(ql, hl);
        if (diff) {
          const repro = writeRepro(p, ql, hl, seed);
          let where = '';
          if (bisected < BISECT) {
            bisected++;
            where = '\n    ' + (await bisect(p, bisectDir));
          }
          failures.push(`program seed 0x${(p.seed >>> 0).toString(16)}: first difference ${diff} (reproduce: ${repro})${where}`);
        }
      }
      if (h.exit !== q.exit) failures.push(`${path.basename(b.src)}: exit ${String(h.exit).slice(0, 500)} on Hyperstep, ${q.exit} on QEMU`);
    }
    if (failures.length) {
      assert.fail(`${failures.length} mismatches out of ${compared} programs (master seed ${seed}):\n` + failures.slice(0, 20).join('\n'));
    }
  });
});
