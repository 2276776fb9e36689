/**
 * The `native` baseline: the example guest kernel in real S-mode behind the
 * engine's built-in SBI firmware prints exactly what it prints on QEMU behind
 * Debian's OpenSBI (the kernel's own lines; OpenSBI's banner comes before).
 */
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { BuiltinFirmware } from '../../engine/firmware/builtin';
import { BufferHost } from '../../engine/host';
import { Machine } from '../../engine/machine/machine';
import { buildExecutable } from '../../engine/toolchain';
import { needTool, runStatus, tempDir } from '../support/tools';

const root = path.join(__dirname, '..', '..', '..');
const KERNEL = path.join(root, 'examples', 'guest-kernel', 'kernel.s');
const FW_JUMP = '/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf';

function buildKernel(): Uint8Array {
  const r = buildExecutable([{ file: KERNEL, text: fs.readFileSync(KERNEL, 'utf8') }], { march: 'rv64gc', textAddress: 0x8020_0000n });
  assert.ok(r.ok, r.ok ? '' : r.problems.map((p) => p.message).join('\n'));
  return r.ok ? r.elf : new Uint8Array();
}

function runNative(elf: Uint8Array): { output: string; calls: string[]; stop: unknown } {
  const host = new BufferHost();
  const m = new Machine({ kind: 'virt', host });
  const loaded = m.loadElf(elf);
  if (!loaded.ok) throw new Error(loaded.error);
  const fw = new BuiltinFirmware(m);
  const calls: string[] = [];
  fw.onCall = (c) => calls.push(`${c.eid.toString(16)}.${c.fid}`);
  fw.boot(Number(loaded.entry), m.fdtAddress());
  const stop = m.run(50_000_000);
  return { output: host.output, calls, stop };
}

describe('native mode: the guest kernel behind the built-in firmware', function () {
  this.timeout(120_000);
  const elf = buildKernel();

  it('boots, runs its user task with timer interrupts, and shuts down through SRST', () => {
    const r = runNative(elf);
    assert.deepEqual(r.stop, { kind: 'exit', code: 0 });
    assert.match(r.output, /hello from user mode\n/);
    assert.match(r.output, /\[kernel\] timer interrupts were taken\n/);
    assert.ok(r.calls.includes('54494d45.0'), 'the kernel armed the timer through SBI TIME');
    assert.ok(r.calls.includes('10.3'), 'the kernel probed for DBCN');
    assert.equal(r.calls[r.calls.length - 1], '53525354.0', 'the last call is SRST system_reset');
  });

  it('prints the same kernel transcript as QEMU with OpenSBI', function () {
    const qemu = needTool(this, 'qemu-system-riscv64');
    if (!fs.existsSync(FW_JUMP)) {
      if (process.env.CI === 'true') throw new Error(`${FW_JUMP} missing: the opensbi package is required under CI`);
      this.skip();
    }
    const dir = tempDir('native');
    const file = path.join(dir, 'kernel.elf');
    fs.writeFileSync(file, elf);
    const q = runStatus(qemu, ['-machine', 'virt', '-nographic', '-bios', FW_JUMP, '-kernel', file], { timeoutMs: 60_000 });
    assert.equal(q.status, 0, q.stderr);
    const kernelPart = (s: string) => s.replace(/\r/g, '').slice(s.replace(/\r/g, '').indexOf('[kernel] booting'));
    assert.equal(kernelPart(runNative(elf).output), kernelPart(q.stdout));
  });
});
