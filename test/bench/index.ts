/**
 * Benchmarks: `npm run bench [name ...]` builds and runs them, and prints one
 * table. Times are measured, never asserted: the numbers are for people
 * comparing revisions, and they depend on the machine.
 *
 *   cpu   a CPU-bound guest (examples/bench/cpu.s, ~2.1·10^8 instructions of
 *         ALU, multiply, load/store and branch work) on QEMU and on the engine
 *   lsp   the language server on a 20,000-line source through the protocol
 *         (test/bench/lsp.ts)
 *   activation  the VS Code extension's activation in code-server (test/bench/activation.ts)
 */
import * as fs from 'fs';
import * as path from 'path';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import type { StopReason } from '../../engine/machine/types';
import { runStatus, tempDir, toolPath } from '../support/tools';
import { runPrivBenchmark } from './priv';
import { runLspBench } from './lsp';
import { runActivationBench } from './activation';

const root = path.resolve(__dirname, '..', '..', '..');

interface Measurement {
  subject: string;
  /** Wall-clock seconds, best of the runs made. */
  seconds?: number;
  guestInsns?: number;
  note?: string;
}

interface Benchmark {
  name: string;
  run(): Measurement[];
}

/** Best (smallest) wall time of `runs` calls, in seconds, and the last result. */
function timeBest<T>(runs: number, f: () => T): { seconds: number; result: T } {
  let best = Infinity;
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    result = f();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return { seconds: best, result: result as T };
}

/** Assembles and links a bare-metal guest at QEMU virt's RAM base. */
function buildGuest(source: string, dir: string): string {
  const base = path.basename(source, '.s');
  const obj = path.join(dir, `${base}.o`);
  const elf = path.join(dir, `${base}.elf`);
  const as = runStatus('riscv64-unknown-elf-as', ['-march=rv64gc', '-o', obj, source]);
  if (as.status !== 0) throw new Error(`assembling ${source} failed:\n${as.stderr}`);
  const ld = runStatus('riscv64-unknown-elf-ld', ['-Ttext', '0x80000000', '-o', elf, obj]);
  if (ld.status !== 0) throw new Error(`linking ${source} failed:\n${ld.stderr}`);
  return elf;
}

function runQemu(elf: string): { status: number | null; stdout: string } {
  const r = runStatus('qemu-system-riscv64', ['-machine', 'virt', '-bios', 'none', '-nographic', '-kernel', elf], {
    timeoutMs: 600_000,
  });
  return { status: r.status, stdout: r.stdout };
}

/** Runs an ELF on the engine until it stops for a reason other than its budget. */
function runEngine(elf: Uint8Array, insnCap: number) {
  const host = new BufferHost();
  const m = new Machine({ kind: 'virt', host });
  const loaded = m.loadElf(elf);
  if (!loaded.ok) throw new Error(`engine could not load the guest: ${loaded.error}`);
  let stop: StopReason;
  do {
    stop = m.run(50_000_000);
  } while (stop.kind === 'limit' && m.instret < insnCap);
  return { stop, instret: m.instret, output: host.output };
}

const normalize = (s: string) => s.replace(/\r/g, '');

const cpu: Benchmark = {
  name: 'cpu',
  run() {
    const missing = ['riscv64-unknown-elf-as', 'riscv64-unknown-elf-ld', 'qemu-system-riscv64'].filter((t) => !toolPath(t));
    if (missing.length > 0) return [{ subject: 'all', note: `skipped: ${missing.join(', ')} not installed (see .ci/run)` }];

    const dir = tempDir('bench-cpu');
    try {
      const elf = buildGuest(path.join(root, 'examples', 'bench', 'cpu.s'), dir);
      // A guest that powers off at once: QEMU's own start-up cost, to subtract.
      const idleSource = path.join(dir, 'idle.s');
      fs.writeFileSync(idleSource, '.globl _start\n_start:\n li t0, 0x100000\n li t1, 0x5555\n sw t1, 0(t0)\n1: j 1b\n');
      const idle = buildGuest(idleSource, dir);

      const qemu = timeBest(3, () => runQemu(elf));
      const qemuIdle = timeBest(3, () => runQemu(idle));
      if (qemu.result.status !== 0) throw new Error(`QEMU exited with ${qemu.result.status}: ${qemu.result.stdout}`);
      const qemuNet = Math.max(qemu.seconds - qemuIdle.seconds, 1e-6);
      const expected = normalize(qemu.result.stdout);

      const bytes = new Uint8Array(fs.readFileSync(elf));
      const engine = timeBest(1, () => runEngine(bytes, 2e9));
      const r = engine.result;
      const same = normalize(r.output) === expected;
      const stopped = r.stop.kind === 'exit' ? `exit ${r.stop.code}` : `stopped: ${JSON.stringify(r.stop)}`;
      // QEMU offers no instruction count here; the guest is deterministic, so
      // the engine's count is QEMU's too when the outputs agree.
      const rows: Measurement[] = [
        {
          subject: 'qemu-system-riscv64',
          seconds: qemuNet,
          guestInsns: same ? r.instret : undefined,
          note: `best of 3, less ${qemuIdle.seconds.toFixed(3)} s start-up; output ${JSON.stringify(expected.trim())}`,
        },
        {
          subject: 'engine',
          seconds: engine.seconds,
          guestInsns: r.instret,
          note: `${stopped}; output ${same ? 'matches QEMU' : `DIFFERS from QEMU: ${JSON.stringify(r.output.slice(0, 80))}`}`,
        },
        { subject: 'engine / qemu', note: `the engine takes ${(engine.seconds / qemuNet).toFixed(1)}x QEMU's time` },
      ];
      return rows;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

const lsp: Benchmark = { name: 'lsp', run: runLspBench };

const priv: Benchmark = { name: 'priv', run: runPrivBenchmark };

const activation: Benchmark = { name: 'activation', run: runActivationBench };

const benchmarks: Benchmark[] = [cpu, lsp, priv, activation];

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
}

function main(): number {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !benchmarks.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const rows = [['benchmark', 'subject', 'time (s)', 'guest insns', 'guest MIPS', 'note']];
  let failed = false;
  for (const b of benchmarks.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    let results: Measurement[];
    try {
      results = b.run();
    } catch (e) {
      failed = true;
      results = [{ subject: 'all', note: `error: ${(e as Error).message}` }];
    }
    for (const m of results) {
      const mips = m.seconds !== undefined && m.guestInsns !== undefined ? (m.guestInsns / m.seconds / 1e6).toFixed(1) : '';
      rows.push([b.name, m.subject, m.seconds?.toFixed(3) ?? '', m.guestInsns?.toString() ?? '', mips, m.note ?? '']);
    }
  }
  console.log(table(rows));
  return failed ? 1 : 0;
}

process.exitCode = main();
