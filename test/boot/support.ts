/**
 * Shared pieces of the firmware-boot tests: where Debian's OpenSBI and U-Boot
 * live, building the S-mode payload, running our machine until its console
 * shows a pattern, and QEMU runs of the same boot.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { type BootImages, bootFirmware } from '../../engine/machine/boot';
import { Machine } from '../../engine/machine/machine';
import { assembleFile, repoRoot } from '../qemu/harness';
import { needTool, run } from '../support/tools';

export const OPENSBI_DIR = '/usr/lib/riscv64-linux-gnu/opensbi/generic';
export const FW_JUMP = path.join(OPENSBI_DIR, 'fw_jump.elf');
export const FW_DYNAMIC = path.join(OPENSBI_DIR, 'fw_dynamic.elf');
export const UBOOT_SMODE = '/usr/lib/u-boot/qemu-riscv64_smode/uboot.elf';

/** Skips locally / fails under CI when a Debian package's file is missing. */
export function needFile(ctx: Mocha.Context, file: string, pkg: string): string {
  if (fs.existsSync(file)) return file;
  const reason = `${file} is missing (Debian package ${pkg}; see .ci/run)`;
  if (process.env.CI === 'true') throw new Error(`${reason}: required under CI`);
  console.log(`      skipped: ${reason}`);
  ctx.skip();
  throw new Error('unreachable');
}

export function bootSource(name: string): string {
  return path.join(repoRoot(), 'test', 'boot', name);
}

/** Assembles test/boot/NAME.s at `textAddr` with GNU as/ld; returns the ELF path. */
export function buildGuest(ctx: Mocha.Context, name: string, dir: string, textAddr = 0x80000000): string {
  needTool(ctx, 'riscv64-unknown-elf-as');
  needTool(ctx, 'riscv64-unknown-elf-ld');
  const src = bootSource(`${name}.s`);
  const obj = path.join(dir, `${name}.o`);
  const elf = path.join(dir, `${name}.elf`);
  if (textAddr === 0x80000000) return assembleFile(src, elf);
  run('riscv64-unknown-elf-as', ['-march=rv64gc', '-mabi=lp64d', '-mno-relax', '-o', obj, src]);
  run('riscv64-unknown-elf-ld', ['--no-relax', '-Ttext', '0x' + textAddr.toString(16), '-o', elf, obj]);
  return elf;
}

/** A raw binary of an ELF (objcopy -O binary), as `-kernel` takes a raw image. */
export function rawImage(ctx: Mocha.Context, elf: string): string {
  needTool(ctx, 'riscv64-unknown-elf-objcopy');
  const bin = elf.replace(/\.elf$/, '.bin');
  run('riscv64-unknown-elf-objcopy', ['-O', 'binary', elf, bin]);
  return bin;
}

/** Our machine booting firmware, with its console collected. */
export class BootedMachine {
  output = '';
  readonly m: Machine;
  /** Instructions run so far (all harts). */
  executed = 0;
  constructor(images: BootImages, opts: { harts?: number; ramBytes?: number } = {}) {
    this.m = new Machine({
      kind: 'virt',
      harts: opts.harts,
      ramBytes: opts.ramBytes,
      host: { consoleWrite: (b) => (this.output += Buffer.from(b).toString('latin1')) },
    });
    const r = bootFirmware(this.m, images);
    if (!r.ok) throw new Error(r.error);
  }

  /** Runs until the guest exits or `budget` instructions; returns the exit code or the stop kind. */
  runToEnd(budget: number): number | string {
    while (this.executed < budget) {
      const s = this.m.run(Math.min(1 << 22, budget - this.executed));
      this.executed += 1 << 22;
      if (s.kind === 'exit') return s.code;
      if (s.kind !== 'limit') return s.kind + ('message' in s ? `: ${s.message}` : '');
    }
    return 'limit';
  }

  /** Runs until the console output (from `from` on) matches `re`; throws after `budget` more instructions. */
  runUntil(re: RegExp, budget: number, from = 0): void {
    const stopAt = this.executed + budget;
    while (!re.test(this.output.slice(from))) {
      if (this.executed >= stopAt) throw new Error(`no ${re} after ${budget} instructions; console ends:\n${this.output.slice(-800)}`);
      const s = this.m.run(1 << 20);
      this.executed += 1 << 20;
      if (s.kind !== 'limit' && !re.test(this.output.slice(from))) throw new Error(`guest stopped (${JSON.stringify(s)}) before ${re}; console ends:\n${this.output.slice(-800)}`);
    }
  }
}

/** QEMU's virt machine with the same boot options, virtual time as ours (-icount shift=0,sleep=off). */
export function qemuBootArgs(opts: { bios: string; kernel?: string; smp?: number; mem?: string; extra?: string[]; realTime?: boolean }): string[] {
  return [
    '-machine', 'virt', '-nographic', '-monitor', 'none', '-serial', 'stdio',
    // QEMU 7.2 with -icount sleep=off never wakes a guest idling in wfi with
    // no timer armed for console input, so input-driven runs use real time.
    ...(opts.realTime ? [] : ['-icount', 'shift=0,sleep=off']),
    '-bios', opts.bios,
    ...(opts.kernel ? ['-kernel', opts.kernel] : []),
    ...(opts.smp ? ['-smp', String(opts.smp)] : []),
    ...(opts.mem ? ['-m', opts.mem] : []),
    ...(opts.extra ?? []),
  ];
}

/** Runs QEMU to completion; returns its console output and exit status. */
export function qemuRun(ctx: Mocha.Context, args: string[], timeoutMs = 30_000): Promise<{ output: string; status: number | null }> {
  needTool(ctx, 'qemu-system-riscv64');
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-system-riscv64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      if (err.trim()) console.log(`      qemu stderr: ${err.trim()}`);
      resolve({ output: Buffer.concat(chunks).toString('latin1'), status });
    });
  });
}

/**
 * Drives an interactive QEMU session: for each step, waits until the output
 * after the previous step matches `wait`, then types `send`. Resolves with
 * the whole output once the last step's pattern appears (QEMU is then killed).
 */
export function qemuInteractive(ctx: Mocha.Context, args: string[], steps: { wait: RegExp; send?: string }[], timeoutMs = 60_000): Promise<string> {
  needTool(ctx, 'qemu-system-riscv64');
  return new Promise((resolve, reject) => {
    const child = spawn('qemu-system-riscv64', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let step = 0;
    let mark = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`QEMU: no ${steps[step]?.wait} within ${timeoutMs} ms; output ends:\n${out.slice(-800)}`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      while (step < steps.length && steps[step].wait.test(out.slice(mark))) {
        mark = out.length;
        const send = steps[step].send;
        step++;
        if (send !== undefined) child.stdin.write(send);
        if (step === steps.length) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve(out);
        }
      }
    });
    child.on('error', reject);
  });
}

export function readFile(p: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(p));
}
