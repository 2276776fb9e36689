/**
 * The device tree of the `virt` board, built the way QEMU 7.2 builds it for
 * the same options: same nodes, properties, phandle numbering and order
 * (QEMU's libfdt inserts each new node and property in front of its
 * siblings, so the order below is the reverse of QEMU's creation order: the
 * order `dtc` prints for QEMU's `dumpdtb`).
 *
 * Intended differences, because the engine does not model the device (a
 * guest that found them would probe hardware that is not there):
 * `fw-cfg@10100000`, `flash@20000000` and `pci@30000000` are left out.
 * `/chosen/rng-seed` is a fixed value instead of random bytes, so runs stay
 * deterministic.
 */
import { cellBytes, cells64, FdtNode, stringBytes } from './fdt';

export interface VirtDtOptions {
  ramBase: number;
  ramBytes: number;
  harts: number;
  /** The `riscv,isa` string of every hart (e.g. rv64imafdc_zicsr_...). */
  isa: string;
  mmuType: string;
  /** Programmable HPM counters (QEMU's pmu-num; 0 leaves out the pmu node). */
  pmuCounters: number;
  bootargs?: string;
  initrd?: { start: number; end: number };
}

export const VIRT_MAP = {
  rtc: 0x0010_1000,
  test: 0x0010_0000,
  clint: 0x0200_0000,
  platformBus: 0x0400_0000,
  plic: 0x0c00_0000,
  plicSize: 0x60_0000,
  uart: 0x1000_0000,
  virtio: 0x1000_1000,
  virtioCount: 8,
  virtioFirstIrq: 1,
  uartIrq: 10,
  rtcIrq: 11,
} as const;

/** QEMU's timebase: mtime counts at 10 MHz. */
export const TIMEBASE_HZ = 10_000_000;
const UART_CLOCK_HZ = 3_686_400;
/** Interrupt numbers on a hart's local controller. */
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;

/** A fixed 32-byte seed (QEMU puts random bytes here). */
const RNG_SEED = [0x68797065, 0x72737465, 0x70207669, 0x72742072, 0x6e672073, 0x65656420, 0x28666978, 0x65642900];

/** Builds the root node of the `virt` device tree. */
export function buildVirtDt(o: VirtDtOptions): FdtNode {
  const n = o.harts;
  // QEMU creates the cpu nodes from the last hart down, each cpu before its
  // interrupt controller, then the PLIC, then the test device.
  const cpuPhandle = (i: number) => 2 * (n - 1 - i) + 1;
  const intcPhandle = (i: number) => cpuPhandle(i) + 1;
  const plicPhandle = 2 * n + 1;
  const testPhandle = 2 * n + 2;

  const root = new FdtNode('');
  root.cells('#address-cells', 2).cells('#size-cells', 2).str('compatible', 'riscv-virtio').str('model', 'riscv-virtio,qemu');

  if (o.pmuCounters > 0) {
    // Event → counter map, as QEMU's riscv_pmu_generate_fdt_node: the
    // programmable counters are 3..3+N-1; cycles may also use counter 0 and
    // instret counter 2.
    const prog = (2 ** o.pmuCounters - 1) * 8;
    const pmu = root.node('pmu');
    pmu.cells('riscv,event-to-mhpmcounters',
      0x01, 0x01, prog | 1,
      0x02, 0x02, prog | 4,
      0x10019, 0x10019, prog,
      0x1001b, 0x1001b, prog,
      0x10021, 0x10021, prog,
      0, 0, 0, 0, 0);
    pmu.str('compatible', 'riscv,pmu');
  }

  const chosen = root.node('chosen');
  if (o.initrd) {
    chosen.cells('linux,initrd-end', o.initrd.end);
    chosen.cells('linux,initrd-start', o.initrd.start);
  }
  chosen.cells('rng-seed', ...RNG_SEED);
  if (o.bootargs !== undefined) chosen.str('bootargs', o.bootargs);
  chosen.str('stdout-path', `/soc/serial@${hex(VIRT_MAP.uart)}`);

  for (const [name, value] of [['poweroff', 0x5555], ['reboot', 0x7777]] as const) {
    root.node(name).cells('value', value).cells('offset', 0).cells('regmap', testPhandle).str('compatible', `syscon-${name}`);
  }

  root.node(`platform-bus@${hex(VIRT_MAP.platformBus)}`)
    .cells('interrupt-parent', plicPhandle)
    .cells('ranges', 0, 0, VIRT_MAP.platformBus, 0x200_0000)
    .cells('#address-cells', 1)
    .cells('#size-cells', 1)
    .str('compatible', 'qemu,platform', 'simple-bus');

  root.node(`memory@${hex(o.ramBase)}`).str('device_type', 'memory').cells('reg', ...cells64(o.ramBase), ...cells64(o.ramBytes));

  const cpus = root.node('cpus');
  cpus.cells('#address-cells', 1).cells('#size-cells', 0).cells('timebase-frequency', TIMEBASE_HZ);
  for (let i = 0; i < n; i++) {
    const cpu = cpus.node(`cpu@${i}`);
    cpu.cells('phandle', cpuPhandle(i)).str('device_type', 'cpu').cells('reg', i).str('status', 'okay').str('compatible', 'riscv');
    cpu.str('riscv,isa', o.isa).str('mmu-type', o.mmuType);
    cpu.node('interrupt-controller')
      .cells('#interrupt-cells', 1)
      .flag('interrupt-controller')
      .str('compatible', 'riscv,cpu-intc')
      .cells('phandle', intcPhandle(i));
  }
  const cluster = cpus.node('cpu-map').node('cluster0');
  for (let i = 0; i < n; i++) cluster.node(`core${i}`).cells('cpu', cpuPhandle(i));

  const soc = root.node('soc');
  soc.cells('#address-cells', 2).cells('#size-cells', 2).str('compatible', 'simple-bus').flag('ranges');
  soc.node(`rtc@${hex(VIRT_MAP.rtc)}`)
    .cells('interrupts', VIRT_MAP.rtcIrq)
    .cells('interrupt-parent', plicPhandle)
    .cells('reg', ...cells64(VIRT_MAP.rtc), 0, 0x1000)
    .str('compatible', 'google,goldfish-rtc');
  soc.node(`serial@${hex(VIRT_MAP.uart)}`)
    .cells('interrupts', VIRT_MAP.uartIrq)
    .cells('interrupt-parent', plicPhandle)
    .cells('clock-frequency', UART_CLOCK_HZ)
    .cells('reg', ...cells64(VIRT_MAP.uart), 0, 0x100)
    .str('compatible', 'ns16550a');
  soc.node(`test@${hex(VIRT_MAP.test)}`)
    .cells('phandle', testPhandle)
    .cells('reg', ...cells64(VIRT_MAP.test), 0, 0x1000)
    .str('compatible', 'sifive,test1', 'sifive,test0', 'syscon');
  for (let k = VIRT_MAP.virtioCount - 1; k >= 0; k--) {
    const base = VIRT_MAP.virtio + k * 0x1000;
    soc.node(`virtio_mmio@${hex(base)}`)
      .cells('interrupts', VIRT_MAP.virtioFirstIrq + k)
      .cells('interrupt-parent', plicPhandle)
      .cells('reg', ...cells64(base), 0, 0x1000)
      .str('compatible', 'virtio,mmio');
  }
  const perHart = (irqs: number[]) => Array.from({ length: n }, (_, i) => irqs.flatMap((irq) => [intcPhandle(i), irq])).flat();
  soc.node(`plic@${hex(VIRT_MAP.plic)}`)
    .cells('phandle', plicPhandle)
    .cells('riscv,ndev', 0x60)
    .cells('reg', ...cells64(VIRT_MAP.plic), 0, VIRT_MAP.plicSize)
    .cells('interrupts-extended', ...perHart([IRQ_M_EXT, IRQ_S_EXT]))
    .flag('interrupt-controller')
    .str('compatible', 'sifive,plic-1.0.0', 'riscv,plic0')
    .cells('#address-cells', 0)
    .cells('#interrupt-cells', 1);
  soc.node(`clint@${hex(VIRT_MAP.clint)}`)
    .cells('interrupts-extended', ...perHart([IRQ_M_SOFT, IRQ_M_TIMER]))
    .cells('reg', ...cells64(VIRT_MAP.clint), 0, 0x10000)
    .str('compatible', 'sifive,clint0', 'riscv,clint0');
  return root;
}

/**
 * Fills `/chosen` of a user-supplied tree as QEMU does for `-dtb` with
 * `-append` / `-initrd`.
 */
export function updateChosen(root: FdtNode, bootargs: string | undefined, initrd: { start: number; end: number } | undefined): void {
  // libfdt (which QEMU uses) inserts a new node or property in front of its
  // siblings; an existing property keeps its place.
  const setFront = (n: FdtNode, name: string, value: Uint8Array) => {
    const old = n.props.find((p) => p.name === name);
    if (old) old.value = value;
    else n.props.unshift({ name, value });
  };
  let chosen = root.child('chosen');
  if (!chosen && (bootargs !== undefined || initrd)) {
    chosen = new FdtNode('chosen');
    root.children.unshift(chosen);
  }
  if (!chosen) return;
  if (bootargs !== undefined) setFront(chosen, 'bootargs', stringBytes([bootargs]));
  if (initrd) {
    setFront(chosen, 'linux,initrd-start', cellBytes([initrd.start]));
    setFront(chosen, 'linux,initrd-end', cellBytes([initrd.end]));
  }
}

function hex(v: number): string {
  return v.toString(16);
}
