/**
 * Real firmware on the engine against QEMU 7.2 running the same images:
 * Debian's OpenSBI (fw_jump, fw_dynamic) starting an S-mode payload, with
 * one and two harts, and OpenSBI + U-Boot reaching its prompt and answering
 * `version`. Both sides run with virtual instruction-count time, so the
 * transcripts are compared byte for byte.
 */
import * as assert from 'assert';
import { runCommand } from '../../cli/commands/run';
import { tempDir } from '../support/tools';
import {
  BootedMachine, buildGuest, FW_DYNAMIC, FW_JUMP, needFile, qemuBootArgs, qemuInteractive, qemuRun, rawImage, readFile, UBOOT_SMODE,
} from './support';

/** What the payload prints last before asking SBI to power off. */
const PAYLOAD_DONE = 'payload: shutting down\r\n'; // OpenSBI's console turns \n into \r\n

/**
 * U-Boot lines that legitimately differ: the engine does not model QEMU's
 * CFI flash and PCI host (so U-Boot counts fewer devices and prints no
 * Flash: line), and the device tree is smaller without those nodes, so U-Boot
 * relocates it to a slightly different address.
 */
const UBOOT_DIFFERENT = /^(Core: |Flash: |Working FDT set to )/;

async function cli(args: string[]): Promise<{ out: string; err: string; status: number }> {
  let out = '';
  let err = '';
  const status = await runCommand(args.slice(1), { out: (b) => (out += Buffer.from(b).toString('latin1')), err: (s) => (err += s + '\n') });
  return { out, err, status };
}

describe('boot: firmware against QEMU', function () {
  this.timeout(120_000);
  let dir = '';
  let payload = '';
  before(function () {
    needFile(this, FW_JUMP, 'opensbi');
    dir = tempDir('boot-fw');
    payload = buildGuest(this, 'payload', dir, 0x80200000);
  });

  it('hyperstep run --bios fw_jump.elf --kernel payload.elf: the same transcript and exit code as QEMU', async function () {
    // QEMU first: our runs block the event loop, which would starve QEMU's pipes and timers.
    const ref = await qemuRun(this, qemuBootArgs({ bios: FW_JUMP, kernel: payload }));
    const ours = await cli(['run', '--bios', FW_JUMP, '--kernel', payload]);
    assert.ok(ref.output.includes('OpenSBI v') && ref.output.endsWith(PAYLOAD_DONE), `QEMU's transcript:\n${ref.output}`);
    assert.strictEqual(ours.out, ref.output);
    assert.strictEqual(ours.status, ref.status, ours.err);
    assert.match(ours.out, /Domain0 Next Arg1 {9}: 0x0000000082200000/);
  });

  it('fw_dynamic.elf with a raw kernel image: the same transcript as QEMU', async function () {
    needFile(this, FW_DYNAMIC, 'opensbi');
    const bin = rawImage(this, payload);
    const ref = await qemuRun(this, qemuBootArgs({ bios: FW_DYNAMIC, kernel: bin }));
    const ours = new BootedMachine({ bios: readFile(FW_DYNAMIC), kernel: readFile(bin) });
    assert.strictEqual(ours.runToEnd(1e8), 0);
    assert.ok(ref.output.endsWith(PAYLOAD_DONE), `QEMU's transcript:\n${JSON.stringify(ref.output.slice(-200))}`);
    assert.strictEqual(ours.output, ref.output);
  });

  it('fw_jump with --smp 2: both harts come up in OpenSBI, the same transcript as QEMU', async function () {
    const ref = await qemuRun(this, qemuBootArgs({ bios: FW_JUMP, kernel: payload, smp: 2 }));
    const ours = new BootedMachine({ bios: readFile(FW_JUMP), kernel: readFile(payload) }, { harts: 2 });
    assert.strictEqual(ours.runToEnd(2e8), 0);
    assert.match(ref.output, /Platform HART Count {7}: 2/);
    assert.strictEqual(ours.output, ref.output);
  });

  it('OpenSBI + U-Boot (S-mode) reaches the => prompt and answers `version` as on QEMU', async function () {
    needFile(this, UBOOT_SMODE, 'u-boot-qemu');
    const steps = [
      { wait: /Hit any key to stop autoboot/, send: ' ' },
      { wait: /=> $/, send: 'version\r' },
      { wait: /version[\s\S]*=> $/ },
    ];
    const ref = await qemuInteractive(this, qemuBootArgs({ bios: FW_JUMP, kernel: UBOOT_SMODE }), steps);
    const ours = new BootedMachine({ bios: readFile(FW_JUMP), kernel: readFile(UBOOT_SMODE) });
    let mark = 0;
    for (const s of steps) {
      ours.runUntil(s.wait, 3e8, mark);
      mark = ours.output.length;
      if (s.send) ours.m.input(Buffer.from(s.send));
    }
    const cut = (t: string) => {
      const boot = t.slice(0, t.indexOf('Hit any key')).split('\n').filter((l) => !UBOOT_DIFFERENT.test(l)).join('\n');
      return { boot, session: t.slice(t.lastIndexOf('=> version')) };
    };
    const [o, r] = [cut(ours.output), cut(ref)];
    assert.match(r.session, /^=> version\r?\nU-Boot 20\d\d/);
    assert.strictEqual(o.boot, r.boot);
    assert.strictEqual(o.session, r.session);
  });

  it('UART input interrupts reach an S-mode payload through the PLIC, as on QEMU', async function () {
    const elf = buildGuest(this, 'uart-irq', dir, 0x80200000);
    const steps = [{ wait: /ready/, send: 'hi q' }, { wait: /got q\r\n/ }];
    const ref = await qemuInteractive(this, qemuBootArgs({ bios: FW_JUMP, kernel: elf, realTime: true }), steps);
    const ours = new BootedMachine({ bios: readFile(FW_JUMP), kernel: readFile(elf) });
    ours.runUntil(/ready/, 1e8);
    ours.m.input(Buffer.from('hi q'));
    assert.strictEqual(ours.runToEnd(2e8), 0);
    const tail = (t: string) => t.slice(t.indexOf('ready'));
    assert.match(tail(ref), /got h\r\ngot i\r\ngot  \r\ngot q\r\n$/);
    assert.strictEqual(tail(ours.output), tail(ref));
  });
});

describe('boot: --smp against QEMU', function () {
  this.timeout(60_000);
  it('two harts wake each other with CLINT software interrupts and share an amoadd counter', async function () {
    const dir = tempDir('boot-smp');
    const elf = buildGuest(this, 'smp-ipi', dir);
    const ref = await qemuRun(this, ['-machine', 'virt', '-smp', '2', '-bios', 'none', '-kernel', elf, '-nographic', '-monitor', 'none', '-serial', 'stdio', '-icount', 'shift=0,sleep=off']);
    const ours = await cli(['run', '--smp', '2', elf]);
    assert.match(ref.output, /counter: 2000, as expected/);
    assert.strictEqual(ours.out, ref.output);
    assert.strictEqual(ours.status, ref.status, ours.err);
  });

  it('--smp rejects a bad hart count with a usage error', async function () {
    await assert.rejects(cli(['run', '--smp', '0', 'x.s']), /--smp/);
    await assert.rejects(cli(['run', '--smp', '99', 'x.s']), /--smp/);
  });
});
