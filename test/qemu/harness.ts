/**
 * Runs bare-metal RV64 ELF programs on QEMU (`virt`, no firmware, virtual
 * instruction-count time) and on Hyperstep's machine, so tests can compare the
 * two: same UART output and same exit status.
 */
import { execFile, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { BufferHost } from '../../engine/host';
import type { MachineOptions, StopReason } from '../../engine/machine/types';
import { run, toolPath } from '../support/tools';

/** The repository root (this file runs from out/test/qemu/). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('repository root (package.json) not found above ' + __dirname);
    dir = up;
  }
  return dir;
}

/** Where the shared assembly runtime (`hs-runtime.s`) lives. */
export function runtimeIncludeDir(): string {
  return path.join(repoRoot(), 'test', 'gen');
}

/** Where failing cases are written for reproduction (git-ignored). */
export function testOutputDir(sub: string): string {
  const dir = path.join(repoRoot(), 'test-output', sub);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface RunOptions {
  /** Virtual time per instruction, 2^shift ns (QEMU `-icount shift=N`). */
  icountShift?: number;
  /** Wall-clock guard for QEMU. */
  timeoutMs?: number;
  /** Instruction budget for Hyperstep. */
  maxInsns?: number;
  /** QEMU CPU model (default QEMU_CPU). */
  cpu?: string;
}

/** Exit status: the finisher's code, 'limit' (budget used up / QEMU timed
 * out) or a description of another way the run stopped. */
export type Exit = number | 'limit' | string;

export interface RunResult {
  output: string;
  exit: Exit;
}

export const DEFAULT_MARCH = 'rv64gc_zba_zbb_zbc_zbs';

/** Assembles and links one assembly file at 0x80000000 (no relaxation, so
 * the code is the same bytes whatever the linker sees). Returns the ELF path. */
export function assembleFile(src: string, elf: string, opts: { march?: string; includeDirs?: string[] } = {}): string {
  const obj = elf.replace(/\.elf$/, '') + '.o';
  const inc = [runtimeIncludeDir(), path.dirname(src), ...(opts.includeDirs ?? [])].flatMap((d) => ['-I', d]);
  run('riscv64-unknown-elf-as', [`-march=${opts.march ?? DEFAULT_MARCH}`, '-mabi=lp64d', '-mno-relax', ...inc, '-o', obj, src]);
  run('riscv64-unknown-elf-ld', ['--no-relax', '-Ttext', '0x80000000', '-o', elf, obj]);
  return elf;
}

/** assembleFile without blocking, so several can run beside QEMU processes. */
export async function assembleFileAsync(src: string, elf: string, opts: { march?: string; includeDirs?: string[] } = {}): Promise<string> {
  const obj = elf.replace(/\.elf$/, '') + '.o';
  const inc = [runtimeIncludeDir(), path.dirname(src), ...(opts.includeDirs ?? [])].flatMap((d) => ['-I', d]);
  await execAsync('riscv64-unknown-elf-as', [`-march=${opts.march ?? DEFAULT_MARCH}`, '-mabi=lp64d', '-mno-relax', ...inc, '-o', obj, src]);
  await execAsync('riscv64-unknown-elf-ld', ['--no-relax', '-Ttext', '0x80000000', '-o', elf, obj]);
  return elf;
}

function execAsync(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${cmd} failed: ${stderr || err.message}`));
      else resolve();
    });
  });
}

/** QEMU's CPU model for the reference runs: QEMU 7.2's rv64 with the hypervisor extension, as the engine. */
export const QEMU_CPU: string | undefined = 'rv64,h=true';

let serialFiles = 0;

function qemuArgs(elfPath: string, opts: RunOptions, serialFile: string): string[] {
  const cpu = opts.cpu ?? QEMU_CPU;
  // The UART goes to a file, not a pipe: under load QEMU drops console bytes
  // it cannot write to a full pipe, which would fail a comparison spuriously.
  return ['-machine', 'virt', ...(cpu ? ['-cpu', cpu] : []), '-bios', 'none', '-nographic', '-monitor', 'none', '-serial', `file:${serialFile}`,
    '-icount', `shift=${opts.icountShift ?? 0},sleep=off`, '-kernel', elfPath];
}

/** Runs an ELF on QEMU and resolves with its console output and exit status. */
export function runOnQemu(elfPath: string, opts: RunOptions = {}): Promise<RunResult> {
  const serialFile = path.join(os.tmpdir(), `hyperstep-qemu-${process.pid}-${serialFiles++}.txt`);
  const readSerial = () => {
    try {
      return fs.readFileSync(serialFile).toString('latin1');
    } catch {
      return '';
    } finally {
      fs.rmSync(serialFile, { force: true });
    }
  };
  return new Promise((resolve) => {
    const child = spawn('qemu-system-riscv64', qemuArgs(elfPath, opts, serialFile), { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ output: '', exit: `qemu failed to start: ${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const output = Buffer.concat(out).toString('latin1') + readSerial();
      if (timedOut) resolve({ output, exit: 'limit' });
      else if (code === null) resolve({ output, exit: `qemu killed by ${signal}` });
      else if (code === 1 && err.length) resolve({ output, exit: `qemu error: ${Buffer.concat(err).toString().trim()}` });
      else resolve({ output, exit: code });
    });
  });
}

/** Runs `jobs` with at most `limit` in flight, keeping results in order. */
export async function mapLimit<T, R>(items: T[], limit: number, job: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ---- Hyperstep side --------------------------------------------------------

/** The parts of engine/machine/machine.ts's Machine the harness uses. */
interface MachineLike {
  loadElf(bytes: Uint8Array): { ok: true; entry: bigint } | { ok: false; error: string };
  run(maxInsns: number): StopReason;
}
type MachineCtor = new (opts: MachineOptions) => MachineLike;

let machineCtor: MachineCtor | null | undefined;

/** The engine's Machine class, or null while engine/machine/machine.ts does
 * not exist yet (loaded at run time so this file compiles without it). */
function loadMachine(): MachineCtor | null {
  if (machineCtor === undefined) {
    const modPath = path.join(__dirname, '..', '..', 'engine', 'machine', 'machine');
    try {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const mod = require(modPath) as { Machine?: MachineCtor };
      machineCtor = typeof mod.Machine === 'function' ? mod.Machine : null;
    } catch (e) {
      if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
      machineCtor = null;
    }
  }
  return machineCtor;
}

export function engineAvailable(): boolean {
  return loadMachine() !== null;
}

/** Runs an ELF on Hyperstep's `virt` machine. */
export function runOnHyperstep(elf: Uint8Array, opts: RunOptions = {}): RunResult {
  const Machine = loadMachine();
  if (!Machine) return { output: '', exit: 'engine/machine/machine.ts is not built yet' };
  const host = new BufferHost();
  let m: MachineLike;
  try {
    m = new Machine({ kind: 'virt', host, icountShift: opts.icountShift ?? 0 });
  } catch (e) {
    return { output: '', exit: `Machine constructor threw: ${(e as Error).message}` };
  }
  const loaded = m.loadElf(elf);
  if (!loaded.ok) return { output: '', exit: `loadElf: ${loaded.error}` };
  let budget = opts.maxInsns ?? 200_000_000;
  const slice = 10_000_000;
  try {
    for (;;) {
      const n = Math.min(slice, budget);
      const stop = m.run(n);
      budget -= n;
      if (stop.kind === 'exit') return { output: host.output, exit: stop.code };
      if (stop.kind === 'limit') {
        if (budget <= 0) return { output: host.output, exit: 'limit' };
        continue;
      }
      if (stop.kind === 'halt') return { output: host.output, exit: `halt: ${stop.message}` };
      return { output: host.output, exit: `stopped: ${JSON.stringify(stop)}` };
    }
  } catch (e) {
    return { output: host.output, exit: `engine threw: ${(e as Error).stack ?? e}` };
  }
}

export function haveQemuTools(): boolean {
  return ['riscv64-unknown-elf-as', 'riscv64-unknown-elf-ld', 'qemu-system-riscv64'].every((t) => toolPath(t) !== undefined);
}

/** The flags that build a picolibc C program for the `virt` board (see
 * examples/c/virt.c): RAM from 0x80000000, code in the first 2 MiB, data and
 * stack in the next 2 MiB. */
export const C_FLAGS = ['-march=rv64imafdc', '-mabi=lp64d', '-mcmodel=medany', '-O2', '-specs=picolibc.specs', '--crt0=hosted',
  '-Wl,--defsym=__flash=0x80000000', '-Wl,--defsym=__flash_size=0x200000',
  '-Wl,--defsym=__ram=0x80200000', '-Wl,--defsym=__ram_size=0x200000'];

/** Compiles C sources (with examples/c/virt.c) into a bare-metal ELF. */
export function compileC(sources: string[], elf: string): string {
  const support = path.join(repoRoot(), 'examples', 'c', 'virt.c');
  run('riscv64-unknown-elf-gcc', [...C_FLAGS, ...sources, support, '-lm', '-o', elf], { timeoutMs: 120_000 });
  return elf;
}
