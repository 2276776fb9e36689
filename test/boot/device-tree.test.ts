/**
 * The generated `virt` device tree against QEMU 7.2's (`-machine
 * virt,dumpdtb=FILE`) for the same options, both decompiled by dtc. Nodes the
 * engine leaves out on purpose (devices it does not model) are removed from
 * QEMU's side, and /chosen/rng-seed (random in QEMU, fixed here) is masked;
 * everything else — nodes, properties, values, phandles, order — must match.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { bootFirmware } from '../../engine/machine/boot';
import { readFdt, writeFdt } from '../../engine/machine/fdt';
import { Machine } from '../../engine/machine/machine';
import { BufferHost } from '../../engine/host';
import { needTool, run, runStatus, tempDir } from '../support/tools';
import { buildGuest, FW_JUMP, needFile, readFile } from './support';

/** Nodes of QEMU's tree for devices the engine does not model. */
const NOT_MODELLED = ['fw-cfg@10100000', 'flash@20000000', 'pci@30000000'];

function dts(dtc: string, dtb: string): string {
  const r = runStatus(dtc, ['-I', 'dtb', '-O', 'dts', dtb]);
  assert.strictEqual(r.status, 0, `dtc could not read ${dtb}: ${r.stderr}`);
  return r.stdout;
}

/** Drops the named nodes (with their blank separator line) and masks rng-seed. */
function normalise(text: string, drop: string[]): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\t+)(\S+) \{$/.exec(lines[i]);
    if (m && drop.includes(m[2])) {
      const close = `${m[1]}};`;
      while (i < lines.length && lines[i] !== close) i++;
      if (lines[i + 1] === '') i++;
      continue;
    }
    out.push(lines[i].replace(/^(\t+rng-seed = ).*;$/, '$1<masked>;'));
  }
  return out.join('\n');
}

interface Case {
  name: string;
  smp?: number;
  mem?: string;
  ramBytes?: number;
  append?: string;
  initrd?: boolean;
}

const CASES: Case[] = [
  { name: 'defaults (1 hart, 128 MiB)' },
  { name: '2 harts, 256 MiB, bootargs and an initrd', smp: 2, mem: '256M', ramBytes: 256 << 20, append: 'console=ttyS0 earlycon=sbi', initrd: true },
  { name: '4 harts, 1 GiB', smp: 4, mem: '1G', ramBytes: 1 << 30 },
];

describe('boot: the virt device tree against QEMU dumpdtb', function () {
  this.timeout(60_000);
  let dtc = '';
  let dir = '';
  let payload = '';
  let initrd = '';
  before(function () {
    dtc = needTool(this, 'dtc');
    needTool(this, 'qemu-system-riscv64');
    needFile(this, FW_JUMP, 'opensbi');
    dir = tempDir('boot-dt');
    payload = buildGuest(this, 'payload', dir, 0x80200000);
    initrd = path.join(dir, 'initrd.img');
    fs.writeFileSync(initrd, Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) & 0xff)));
  });

  for (const c of CASES) {
    it(`matches QEMU: ${c.name}`, function () {
      const qdtb = path.join(dir, 'qemu.dtb');
      const args = ['-machine', `virt,dumpdtb=${qdtb}`, '-nographic', '-bios', FW_JUMP];
      if (c.smp) args.push('-smp', String(c.smp));
      if (c.mem) args.push('-m', c.mem);
      if (c.append !== undefined || c.initrd) args.push('-kernel', payload);
      if (c.append !== undefined) args.push('-append', c.append);
      if (c.initrd) args.push('-initrd', initrd);
      run('qemu-system-riscv64', args);

      const m = new Machine({ kind: 'virt', host: new BufferHost(), harts: c.smp, ramBytes: c.ramBytes });
      const r = bootFirmware(m, {
        bios: readFile(FW_JUMP),
        kernel: c.append !== undefined || c.initrd ? readFile(payload) : undefined,
        append: c.append,
        initrd: c.initrd ? readFile(initrd) : undefined,
      });
      assert.ok(r.ok, r.ok ? '' : r.error);
      const ours = path.join(dir, 'ours.dtb');
      const total = new DataView(m.bus.ram.buffer, r.fdt - m.bus.ramBase).getUint32(4);
      fs.writeFileSync(ours, m.bus.ram.subarray(r.fdt - m.bus.ramBase, r.fdt - m.bus.ramBase + total));
      assert.strictEqual(normalise(dts(dtc, ours), []), normalise(dts(dtc, qdtb), NOT_MODELLED));
      // a1 at reset: the reset vector's fdt slot points at the tree.
      const mrom = new Int32Array(2);
      m.mrom.read(0x20, 8, mrom);
      assert.strictEqual(mrom[0] >>> 0, r.fdt);
    });
  }

  it('--dtb: a given tree gets bootargs and the initrd range in /chosen, as QEMU -dtb does', function () {
    const base = path.join(dir, 'base.dtb');
    run('qemu-system-riscv64', ['-machine', `virt,dumpdtb=${base}`, '-nographic', '-bios', FW_JUMP]);
    const qdtb = path.join(dir, 'qemu-dtb.dtb');
    const append = 'root=/dev/vda rw';
    run('qemu-system-riscv64', ['-machine', `virt,dumpdtb=${qdtb}`, '-nographic', '-bios', FW_JUMP, '-dtb', base, '-kernel', payload, '-append', append, '-initrd', initrd]);
    const m = new Machine({ kind: 'virt', host: new BufferHost() });
    const r = bootFirmware(m, { bios: readFile(FW_JUMP), kernel: readFile(payload), dtb: readFile(base), append, initrd: readFile(initrd) });
    assert.ok(r.ok, r.ok ? '' : r.error);
    const ours = path.join(dir, 'ours-dtb.dtb');
    const total = new DataView(m.bus.ram.buffer, r.fdt - m.bus.ramBase).getUint32(4);
    fs.writeFileSync(ours, m.bus.ram.subarray(r.fdt - m.bus.ramBase, r.fdt - m.bus.ramBase + total));
    // Both trees come from the same blob, so no node is dropped.
    // QEMU re-randomises every rng-seed, even in a given tree; ours keeps it.
    assert.strictEqual(normalise(dts(dtc, ours), []), normalise(dts(dtc, qdtb), []));
  });

  it('reads back what it writes, and dtc accepts it byte for byte (dts → dtb → our reader → our writer)', function () {
    const src = path.join(dir, 'rt.dts');
    fs.writeFileSync(src, '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\tmodel = "a", "b";\n\tempty;\n\tbytes = [01 02 03];\n\tn@1 { reg = <0 1>; m { x = <5>; }; };\n\tn@2 { };\n};\n');
    const dtb = path.join(dir, 'rt.dtb');
    run(dtc, ['-I', 'dts', '-O', 'dtb', '-o', dtb, src]);
    const parsed = readFdt(readFile(dtb));
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error);
    const again = path.join(dir, 'rt2.dtb');
    fs.writeFileSync(again, writeFdt(parsed.root));
    assert.strictEqual(dts(dtc, again), dts(dtc, dtb));
  });

  it('rejects a malformed --dtb with a clear error, never an exception', function () {
    const m = new Machine({ kind: 'virt', host: new BufferHost() });
    const good = writeFdt(readFdtOk(m));
    for (const [bad, re] of [
      [new Uint8Array(10), /shorter than its header/],
      [Uint8Array.from([1, 2, 3, 4, ...new Array(60).fill(0)]), /bad magic/],
      [good.slice(0, good.length - 20), /truncated/],
    ] as const) {
      const r = bootFirmware(m, { bios: readFile(FW_JUMP), dtb: bad });
      assert.ok(!r.ok);
      assert.match(r.error, re);
    }
  });
});

function readFdtOk(m: Machine) {
  const r = readFdt(m.deviceTree(undefined, undefined));
  if (!r.ok) throw new Error(r.error);
  return r.root;
}
