/**
 * A board: RAM, devices and harts wired as QEMU's `virt` or `spike` machine,
 * so the same binary runs on both. Owns virtual time: mtime is a function of
 * retired instructions (as QEMU's `-icount shift=N,sleep=off`), and `wfi`
 * skips ahead to the next timer event, so every run is deterministic.
 */
import { type ParsedElf, readElf } from '../elf/read';
import { Clint } from '../devices/clint';
import { GoldfishRtc } from '../devices/goldfish-rtc';
import { EmptyVirtioMmio } from '../devices/virtio-mmio';
import { Htif } from '../devices/htif';
import { MaskRom, MROM_BASE } from '../devices/mrom';
import { Plic } from '../devices/plic';
import { TestFinisher } from '../devices/test-finisher';
import { Uart16550 } from '../devices/uart16550';
import { Bus } from '../mem/bus';
import { Irq } from '../cpu/causes';
import { Hart } from '../cpu/hart';
import { readFdt, writeFdt } from './fdt';
import type { MachineOptions, StopReason } from './types';
import { buildVirtDt, updateChosen, VIRT_MAP } from './virt-dt';

export const RAM_BASE = 0x8000_0000;
export const DEFAULT_RAM = 128 * 1024 * 1024;
export const VIRT = {
  testFinisher: VIRT_MAP.test,
  clint: VIRT_MAP.clint,
  plic: VIRT_MAP.plic,
  uart: VIRT_MAP.uart,
  uartIrq: VIRT_MAP.uartIrq,
} as const;
/** Most harts a machine takes. */
export const MAX_HARTS = 32;

/** mtime runs at 10 MHz, as on QEMU's virt and spike machines. */
const NS_PER_TICK = 100;
/** Steps without a retired instruction after which a hart is declared stuck in a trap loop. */
const TRAP_STORM_STEPS = 1 << 20;
/** Instructions run between checks for host requests (pause, output flush). */
const SLICE = 1 << 20;
/** With several harts, each runs this many instructions before the next one's turn. */
const SMP_SLICE = 1 << 12;
/** Z-extensions every hart implements, in the order QEMU writes them in `riscv,isa`. */
const Z_EXTENSIONS = ['zicsr', 'zifencei', 'zihintpause', 'zba', 'zbb', 'zbc', 'zbs'];
/** Single-letter extensions in `riscv,isa` order (QEMU's riscv_single_letter_exts). */
const ISA_LETTERS = 'IEMAFDQCPVH';
const CSR_MISA = 0x301;
const CSR_STIMECMP = 0x14d;

export type LoadResult = { ok: true; entry: bigint; symbols: Map<string, bigint> } | { ok: false; error: string };

/** A CPU-side timer (Sstc's stimecmp/vstimecmp), when the CSR file has one:
 * the mtime value at which its next interrupt becomes pending. */
interface CsrTimers {
  nextTimerDeadline?: () => number;
}

export class Machine {
  readonly bus: Bus;
  readonly harts: Hart[];
  readonly clint: Clint;
  readonly uart: Uart16550 | undefined;
  readonly plic: Plic | undefined;
  readonly rtc: GoldfishRtc | undefined;
  readonly mrom = new MaskRom();
  private htif: Htif | undefined;
  private exitCode: number | undefined;
  private readonly icountShift: number;
  /** Instructions' worth of time skipped while every hart slept in wfi. */
  private idle = 0;
  private pauseRequested = false;
  private pendingStop: StopReason | undefined;
  /** The hart whose turn it is (SMP round robin). */
  private turn = 0;
  /** Where the device tree was placed, 0 before any was. */
  fdtBase = 0;

  constructor(readonly options: MachineOptions) {
    const ramBytes = options.ramBytes ?? DEFAULT_RAM;
    this.icountShift = options.icountShift ?? 0;
    const n = options.harts ?? 1;
    if (!Number.isInteger(n) || n < 1 || n > MAX_HARTS) throw new RangeError(`harts: ${n} is not between 1 and ${MAX_HARTS}`);
    this.bus = new Bus(RAM_BASE, ramBytes);
    this.harts = [];
    for (let i = 0; i < n; i++) {
      const hart = new Hart(i, this.bus);
      hart.csr.timeNow = () => this.mtime();
      hart.onEvents = (h, pc) => this.events(h, pc);
      this.harts.push(hart);
    }
    this.clint = new Clint(VIRT.clint, n, () => this.mtime(), {
      setSoftware: (i, level) => this.setLine(i, Irq.MSI, level),
      timerChanged: (i) => this.harts[i].checkInterrupts(),
    });
    this.bus.addDevice(this.clint);
    this.bus.addDevice(this.mrom);
    if (options.kind === 'virt') {
      this.plic = new Plic(VIRT.plic, 2 * n, (ctx, level) =>
        this.setLine(ctx >> 1, ctx & 1 ? Irq.SEI : Irq.MEI, level),
      );
      this.uart = new Uart16550(
        VIRT.uart,
        (bytes) => options.host.consoleWrite(bytes),
        (level) => this.plic!.setIrq(VIRT.uartIrq, level),
      );
      this.rtc = new GoldfishRtc(VIRT_MAP.rtc, () => this.vclock());
      this.bus.addDevice(this.plic);
      this.bus.addDevice(this.uart);
      this.bus.addDevice(this.rtc);
      this.bus.addDevice(new EmptyVirtioMmio(VIRT_MAP.virtio, VIRT_MAP.virtioCount));
      this.bus.addDevice(
        new TestFinisher(VIRT.testFinisher, (e) => {
          if (e.kind === 'exit') this.finish(e.code);
          else this.finish(0); // reset requests end the run: the engine does not reboot guests
        }),
      );
    }
  }

  /** Every memory-mapped device (snapshots capture their state). */
  get devices(): readonly object[] {
    return this.bus.deviceList;
  }

  get hart(): Hart {
    return this.harts[0];
  }

  /** Retired instructions of hart 0. */
  get instret(): number {
    return this.harts[0].instret;
  }

  /** Instructions retired by every hart but `h`. */
  private othersInstret(h: Hart): number {
    let n = 0;
    for (const o of this.harts) if (o !== h) n += o.instret;
    return n;
  }

  /** Virtual nanoseconds since reset: as QEMU's -icount, every instruction of
   * every hart advances the one clock. */
  private vclock(): number {
    let n = this.idle;
    for (const h of this.harts) n += h.instret;
    return n * 2 ** this.icountShift;
  }

  mtime(): number {
    return Math.floor(this.vclock() / NS_PER_TICK);
  }

  private setLine(hartId: number, irq: Irq, level: boolean): void {
    const h = this.harts[hartId];
    if (!h) return;
    const bit = 1 << irq;
    const before = h.csr.lines;
    h.csr.lines = level ? before | bit : before & ~bit;
    if (h.csr.lines !== before) h.checkInterrupts();
  }

  private finish(code: number): void {
    this.exitCode = code;
    for (const h of this.harts) h.stop = true;
  }

  /** Ends the run with `code`, as the test finisher does (firmware shutdown calls use it). */
  exit(code: number): void {
    this.finish(code);
  }

  /** Stops the run with a reason the guest cannot recover from (reported as a halt). */
  halt(message: string): void {
    this.pendingStop = { kind: 'halt', message };
    for (const h of this.harts) h.stop = true;
  }

  /** The earliest mtime at which a timer of `h` fires (CLINT mtimecmp, or an
   * Sstc comparator when the CSR file reports one); Infinity when none is armed. */
  private nextDeadline(h: Hart): number {
    const now = this.mtime();
    let d = Infinity;
    const cmp = this.clint.mtimecmp[h.hartId];
    if (cmp > now) d = cmp;
    const csrTimers = (h.csr as unknown as CsrTimers).nextTimerDeadline;
    if (csrTimers) {
      const t = csrTimers.call(h.csr);
      if (t > now && t < d) d = t;
    }
    return d;
  }

  /** Whether a sleeping hart could be woken by one of its timers (its enable bit is set). */
  private timerCanWake(h: Hart): boolean {
    const cmp = this.clint.mtimecmp[h.hartId];
    if (cmp > this.mtime() && h.csr.mie & (1 << Irq.MTI)) return true;
    const csrTimers = (h.csr as unknown as CsrTimers).nextTimerDeadline;
    return csrTimers !== undefined && csrTimers.call(h.csr) < Infinity && (h.csr.mie & ((1 << Irq.STI) | (1 << 6))) !== 0;
  }

  /**
   * Runs when a hart reaches its event point: updates the timer line, takes a
   * pending interrupt, wakes a hart from wfi, and schedules the next event.
   * Skipping time while harts sleep is `run`'s job: only it knows whether
   * every hart sleeps.
   */
  private events(h: Hart, pc: number): number {
    const cmp = this.clint.mtimecmp[h.hartId];
    this.setLine(h.hartId, Irq.MTI, this.mtime() >= cmp);
    const irq = h.csr.interruptToTake();
    if (irq >= 0) {
      h.waiting = false;
      pc = h.csr.enterTrap(irq, true, 0, pc);
    } else if (h.waiting && (h.csr.pendingEnabled() !== 0 || this.uart?.hasPendingInput())) {
      h.waiting = false; // wfi wakes even when the global enable is off
    }
    const deadline = this.nextDeadline(h);
    if (deadline < Infinity) {
      const target = Math.ceil((deadline * NS_PER_TICK) / 2 ** this.icountShift) - this.idle - this.othersInstret(h);
      h.eventAt = Math.max(target, h.instret + 1);
    } else h.eventAt = Infinity;
    return pc;
  }

  /** Asks a running `run` to return at the next slice boundary (thread-safe enough for callbacks). */
  requestPause(): void {
    this.pauseRequested = true;
    for (const h of this.harts) h.stop = true;
  }

  /** Queues console input for the guest. */
  input(bytes: Uint8Array): void {
    this.uart?.pushInput(bytes);
    for (const h of this.harts) {
      h.checkInterrupts();
      h.waiting = false;
    }
  }

  /** Loads a static RISC-V ELF64 executable; sets the pc to its entry. */
  loadElf(bytes: Uint8Array): LoadResult {
    const r = this.loadElfSegments(bytes, 'program');
    if (!r.ok) return r;
    const { elf, lowest } = r;
    const symbols = new Map<string, bigint>();
    for (const sym of elf.symbols) if (sym.name && sym.shndx !== 0) symbols.set(sym.name, sym.value);
    if (this.options.kind === 'spike') {
      const tohost = symbols.get('tohost');
      if (tohost === undefined) return { ok: false, error: "the spike machine needs a 'tohost' symbol in the ELF (HTIF)" };
      if (!this.bus.inRam(Number(tohost), 8)) return { ok: false, error: `tohost at 0x${tohost.toString(16)} is not in RAM` };
      const fromhost = symbols.get('fromhost');
      this.htif = new Htif(
        this.bus,
        Number(tohost),
        fromhost === undefined ? undefined : Number(fromhost),
        (b) => this.options.host.consoleWrite(Uint8Array.of(b)),
        (code) => this.finish(code),
      );
    } else {
      // QEMU puts the device tree in RAM even when no firmware reads it.
      const dt = this.placeDeviceTree(undefined, undefined, undefined);
      if (!dt.ok) return dt;
    }
    // Unlike QEMU's `-bios none`, which always starts at the base of RAM, the
    // program starts at its ELF entry. next_addr is the lowest loaded address, as QEMU's.
    this.reset(Number(elf.header.entry), lowest);
    return { ok: true, entry: elf.header.entry, symbols };
  }

  /**
   * Copies an executable's loadable segments into RAM. Every allocated
   * section must lie in RAM; segments are clipped to RAM (GNU ld's first
   * segment often starts a page below .text to cover the ELF headers, and
   * QEMU loads only what lands in memory). `lowest` is the lowest segment
   * address and `highest` the end of the highest, as QEMU's ELF loader reports them.
   */
  loadElfSegments(bytes: Uint8Array, what: string):
    | { ok: true; elf: ParsedElf; lowest: number; highest: number }
    | { ok: false; error: string } {
    const r = readElf(bytes);
    if (!r.ok) return { ok: false, error: r.error };
    const elf = r.elf;
    if (elf.header.type !== 2) {
      return { ok: false, error: elf.header.type === 1 ? `${what}: ELF file is a relocatable object (.o); link it first (hyperstep asm without -c)` : `${what}: ELF type ${elf.header.type} is not a static executable` };
    }
    const loads = elf.segments.filter((s) => s.type === 1 && s.memsz > 0);
    if (loads.length === 0) return { ok: false, error: `${what}: ELF file has no loadable segments` };
    const end = RAM_BASE + this.bus.ramSize;
    for (const sec of elf.sections) {
      if (!(sec.flags & 2) || sec.size === 0) continue;
      const addr = Number(sec.addr);
      if (!this.bus.inRam(addr, sec.size)) {
        return {
          ok: false,
          error: `${what}: section ${sec.name} at 0x${sec.addr.toString(16)} (${sec.size} bytes) lies outside RAM 0x${RAM_BASE.toString(16)}-0x${end.toString(16)}`,
        };
      }
    }
    let loaded = 0;
    let lowest = Infinity;
    let highest = 0;
    for (const s of loads) {
      const start = Number(s.paddr);
      lowest = Math.min(lowest, start);
      highest = Math.max(highest, start + s.memsz);
      const from = Math.max(start, RAM_BASE);
      const to = Math.min(start + s.memsz, end);
      if (from >= to) continue;
      const fileEnd = Math.min(start + s.filesz, to);
      if (fileEnd > from) this.bus.loadBytes(from, s.data.subarray(from - start, fileEnd - start));
      if (to > Math.max(fileEnd, from)) this.bus.ram.fill(0, Math.max(fileEnd, from) - RAM_BASE, to - RAM_BASE);
      loaded++;
    }
    if (loaded === 0) return { ok: false, error: `${what}: no loadable segment lies in RAM 0x${RAM_BASE.toString(16)}-0x${end.toString(16)}` };
    return { ok: true, elf, lowest, highest };
  }

  /** The `riscv,isa` string of hart 0, from what its CSR file reports. */
  isaString(): string {
    const csr = this.harts[0].csr;
    const misa = csr.read(CSR_MISA, 3) ?? 0n;
    let s = 'rv64';
    for (const ch of ISA_LETTERS) if ((misa >> BigInt(ch.charCodeAt(0) - 65)) & 1n) s += ch.toLowerCase();
    const z = [...Z_EXTENSIONS];
    if (csr.read(CSR_STIMECMP, 3) !== undefined) z.push('sstc');
    return s + z.map((e) => '_' + e).join('');
  }

  /** The device tree QEMU's `virt` board would generate for this machine. */
  deviceTree(bootargs: string | undefined, initrd: { start: number; end: number } | undefined): Uint8Array {
    const root = buildVirtDt({
      ramBase: RAM_BASE,
      ramBytes: this.bus.ramSize,
      harts: this.harts.length,
      isa: this.isaString(),
      mmuType: 'riscv,sv48',
      pmuCounters: 16,
      bootargs,
      initrd,
    });
    return writeFdt(root);
  }

  /**
   * Writes the device tree (the generated one, or `userDtb` with /chosen
   * updated, as QEMU's `-dtb`) where QEMU puts it; returns its address.
   */
  placeDeviceTree(userDtb: Uint8Array | undefined, bootargs: string | undefined, initrd: { start: number; end: number } | undefined): { ok: true; address: number } | { ok: false; error: string } {
    let dtb: Uint8Array;
    if (userDtb) {
      const parsed = readFdt(userDtb);
      if (!parsed.ok) return { ok: false, error: `--dtb: ${parsed.error}` };
      updateChosen(parsed.root, bootargs, initrd);
      dtb = writeFdt(parsed.root, parsed.bootCpu);
    } else dtb = this.deviceTree(bootargs, initrd);
    if (dtb.length > this.bus.ramSize / 2) return { ok: false, error: `device tree (${dtb.length} bytes) does not fit in RAM` };
    const address = this.fdtAddress(dtb.length);
    this.bus.loadBytes(address, dtb);
    this.fdtBase = address;
    return { ok: true, address };
  }

  /** Where QEMU places the device tree: the top of RAM (below 3 GiB), 2 MiB aligned. */
  fdtAddress(fdtSize = 0x10000): number {
    const end = Math.min(RAM_BASE + this.bus.ramSize, 3 * 2 ** 30);
    return Math.max(RAM_BASE, Math.floor((end - fdtSize) / (2 * 2 ** 20)) * 2 * 2 ** 20);
  }

  /**
   * Starts every hart at QEMU's reset vector, which jumps to `entry` with
   * a0 = hart id, a1 = the device tree and a2 = &fw_dynamic_info (whose
   * next_addr is `nextAddr`).
   */
  reset(entry: number, nextAddr = entry): void {
    this.mrom.program(entry, this.fdtBase || this.fdtAddress(), nextAddr);
    for (const h of this.harts) {
      h.pc = MROM_BASE;
      h.waiting = false;
      h.eventAt = 0;
    }
  }

  /**
   * Runs until the guest exits, `maxInsns` instructions have been executed
   * (by all harts together), a pause is requested, or the guest halts.
   * Harts take turns in fixed slices, so runs are deterministic. Console
   * output is flushed to the host before returning.
   */
  /** Steps each hart has taken in a row without retiring an instruction. */
  private readonly noProgress = new Map<Hart, number>();

  run(maxInsns: number): StopReason {
    const harts = this.harts;
    const slice = harts.length === 1 ? SLICE : SMP_SLICE;
    let left = maxInsns;
    this.pauseRequested = false;
    try {
      while (left > 0) {
        if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
        const h = harts[this.turn];
        // Re-evaluate timers and interrupts first: other harts moved time on.
        if (harts.length > 1) h.eventAt = 0;
        const retiredBefore = h.instret;
        const n = h.run(Math.min(left, slice));
        left -= n;
        // A guest whose trap vector itself faults (a "triple fault") takes
        // trap after trap and never retires an instruction: say so and stop,
        // instead of spinning until the instruction budget runs out.
        if (n > 0 && h.instret === retiredBefore && !h.waiting) {
          const stuck = (this.noProgress.get(h) ?? 0) + n;
          this.noProgress.set(h, stuck);
          if (stuck >= TRAP_STORM_STEPS) {
            const hex = (v: bigint | undefined) => `0x${(v ?? 0n).toString(16)}`;
            return {
              kind: 'halt',
              message: `hart ${h.hartId} retired no instruction in ${stuck} steps: it is trapping in a loop at pc 0x${BigInt.asUintN(64, BigInt(h.pc)).toString(16)} (mcause ${hex(h.csr.read(0x342, 3))}, mepc ${hex(h.csr.read(0x341, 3))}, mtvec ${hex(h.csr.read(0x305, 3))}) — its trap handler faults`,
            };
          }
        } else this.noProgress.set(h, 0);
        this.uart?.flushOutput();
        if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
        if (this.pendingStop) {
          const s = this.pendingStop;
          this.pendingStop = undefined;
          return s;
        }
        if (h.stopCause === 'breakpoint') return { kind: 'breakpoint', pc: h.pc };
        if (h.stopCause === 'watchpoint' && h.watchHit) return { kind: 'watchpoint', pc: h.watchHit.pc, address: h.watchHit.address, access: h.watchHit.access };
        if (this.pauseRequested) return { kind: 'pause' };
        if (harts.length > 1) this.turn = (this.turn + 1) % harts.length;
        if (h.waiting && harts.every((x) => x.waiting && !this.wakeable(x))) {
          // Every hart sleeps in wfi: skip virtual time to the first timer
          // that can wake one, or stop if only console input could.
          if (!this.skipToNextTimer()) {
            return { kind: 'halt', message: 'wfi: waiting for an interrupt, with no timer armed and no input queued', waitingForInput: true };
          }
        }
      }
      return { kind: 'limit' };
    } finally {
      this.uart?.flushOutput();
    }
  }

  /** Whether a sleeping hart has something to wake it now. */
  private wakeable(h: Hart): boolean {
    return h.csr.pendingEnabled() !== 0 || this.uart?.hasPendingInput() === true;
  }

  /** Advances idle time to the earliest deadline of a timer that can wake a sleeping hart. */
  private skipToNextTimer(): boolean {
    let best = Infinity;
    for (const h of this.harts) {
      if (!this.timerCanWake(h)) continue;
      best = Math.min(best, this.nextDeadline(h));
    }
    if (best === Infinity) return false;
    const target = Math.ceil((best * NS_PER_TICK) / 2 ** this.icountShift);
    let total = this.idle;
    for (const h of this.harts) total += h.instret;
    this.idle += Math.max(0, target - total);
    for (const h of this.harts) h.eventAt = 0;
    return true;
  }
}
