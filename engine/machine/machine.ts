/**
 * A board: RAM, devices and harts wired as QEMU's `virt` or `spike` machine,
 * so the same binary runs on both. Owns virtual time: mtime is a function of
 * retired instructions (as QEMU's `-icount shift=N,sleep=off`), and `wfi`
 * skips ahead to the next timer event, so every run is deterministic.
 */
import { readElf } from '../elf/read';
import { Clint } from '../devices/clint';
import { Htif } from '../devices/htif';
import { MaskRom, MROM_BASE } from '../devices/mrom';
import { Plic } from '../devices/plic';
import { TestFinisher } from '../devices/test-finisher';
import { Uart16550 } from '../devices/uart16550';
import { Bus } from '../mem/bus';
import { Irq } from '../cpu/causes';
import { Hart } from '../cpu/hart';
import type { MachineOptions, StopReason } from './types';

export const RAM_BASE = 0x8000_0000;
export const DEFAULT_RAM = 128 * 1024 * 1024;
export const VIRT = {
  testFinisher: 0x0010_0000,
  clint: 0x0200_0000,
  plic: 0x0c00_0000,
  uart: 0x1000_0000,
  uartIrq: 10,
} as const;

/** mtime runs at 10 MHz, as on QEMU's virt and spike machines. */
const NS_PER_TICK = 100;
/** Instructions run between checks for host requests (pause, output flush). */
const SLICE = 1 << 20;

export type LoadResult = { ok: true; entry: bigint; symbols: Map<string, bigint> } | { ok: false; error: string };

export class Machine {
  readonly bus: Bus;
  readonly harts: Hart[];
  readonly clint: Clint;
  readonly uart: Uart16550 | undefined;
  readonly plic: Plic | undefined;
  readonly mrom = new MaskRom();
  private htif: Htif | undefined;
  private exitCode: number | undefined;
  private readonly icountShift: number;
  /** Instructions' worth of time skipped while harts slept in wfi. */
  private idle = 0;
  private pauseRequested = false;
  private pendingStop: StopReason | undefined;

  constructor(readonly options: MachineOptions) {
    const ramBytes = options.ramBytes ?? DEFAULT_RAM;
    this.icountShift = options.icountShift ?? 0;
    this.bus = new Bus(RAM_BASE, ramBytes);
    this.harts = [new Hart(0, this.bus)];
    const hart = this.harts[0];
    hart.csr.timeNow = () => this.mtime();
    hart.onEvents = (h, pc) => this.events(h, pc);
    this.clint = new Clint(VIRT.clint, this.harts.length, () => this.mtime(), {
      setSoftware: (i, level) => this.setLine(i, Irq.MSI, level),
      timerChanged: (i) => this.harts[i].checkInterrupts(),
    });
    this.bus.addDevice(this.clint);
    this.bus.addDevice(this.mrom);
    if (options.kind === 'virt') {
      this.plic = new Plic(VIRT.plic, 2 * this.harts.length, (ctx, level) =>
        this.setLine(ctx >> 1, ctx & 1 ? Irq.SEI : Irq.MEI, level),
      );
      this.uart = new Uart16550(
        VIRT.uart,
        (bytes) => options.host.consoleWrite(bytes),
        (level) => this.plic!.setIrq(VIRT.uartIrq, level),
      );
      this.bus.addDevice(this.plic);
      this.bus.addDevice(this.uart);
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

  /** Virtual nanoseconds since reset. */
  private vclock(): number {
    return (this.harts[0].instret + this.idle) * 2 ** this.icountShift;
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

  /**
   * Runs when a hart reaches its event point: updates the timer line, takes a
   * pending interrupt, handles wfi, and schedules the next event.
   */
  private events(h: Hart, pc: number): number {
    const cmp = this.clint.mtimecmp[h.hartId];
    // Two rounds: if a sleeping hart's timer is the only thing that can wake
    // it, the first round advances virtual time to the deadline and the second
    // delivers (or just wakes on) the timer interrupt.
    for (let round = 0; round < 2; round++) {
      const now = this.mtime();
      this.setLine(h.hartId, Irq.MTI, now >= cmp);
      const irq = h.csr.interruptToTake();
      if (irq >= 0) {
        h.waiting = false;
        pc = h.csr.enterTrap(irq, true, 0, pc);
        break;
      }
      if (!h.waiting) break;
      if (h.csr.pendingEnabled() !== 0 || this.uart?.hasPendingInput()) {
        h.waiting = false; // wfi wakes even when the global enable is off
        break;
      }
      if (cmp > now && h.csr.mie & (1 << Irq.MTI) && round === 0) {
        const target = Math.ceil((cmp * NS_PER_TICK) / 2 ** this.icountShift);
        this.idle = Math.max(this.idle, target - h.instret);
        continue;
      }
      // Only console input could wake it now: the host decides whether any comes.
      this.pendingStop = { kind: 'halt', message: 'wfi: waiting for an interrupt, with no timer armed and no input queued', waitingForInput: true };
      h.stop = true;
      return pc;
    }
    const now = this.mtime();
    if (cmp > now) {
      const target = Math.ceil((cmp * NS_PER_TICK) / 2 ** this.icountShift) - this.idle;
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
    const r = readElf(bytes);
    if (!r.ok) return { ok: false, error: r.error };
    const elf = r.elf;
    if (elf.header.type !== 2) {
      return { ok: false, error: elf.header.type === 1 ? 'ELF file is a relocatable object (.o); link it first (hyperstep asm without -c)' : `ELF type ${elf.header.type} is not a static executable` };
    }
    const loads = elf.segments.filter((s) => s.type === 1 && s.memsz > 0);
    if (loads.length === 0) return { ok: false, error: 'ELF file has no loadable segments' };
    // GNU ld's first segment often starts a page below .text to cover the ELF
    // headers; QEMU loads only what lands in memory. So: every allocated
    // section must be in RAM, and segments are clipped to RAM.
    const end = RAM_BASE + this.bus.ramSize;
    for (const sec of elf.sections) {
      if (!(sec.flags & 2) || sec.size === 0) continue;
      const addr = Number(sec.addr);
      if (!this.bus.inRam(addr, sec.size)) {
        return {
          ok: false,
          error: `section ${sec.name} at 0x${sec.addr.toString(16)} (${sec.size} bytes) lies outside RAM 0x${RAM_BASE.toString(16)}-0x${end.toString(16)}`,
        };
      }
    }
    let loaded = 0;
    for (const s of loads) {
      const start = Number(s.paddr);
      const from = Math.max(start, RAM_BASE);
      const to = Math.min(start + s.memsz, end);
      if (from >= to) continue;
      const fileEnd = Math.min(start + s.filesz, to);
      if (fileEnd > from) this.bus.loadBytes(from, s.data.subarray(from - start, fileEnd - start));
      if (to > Math.max(fileEnd, from)) this.bus.ram.fill(0, Math.max(fileEnd, from) - RAM_BASE, to - RAM_BASE);
      loaded++;
    }
    if (loaded === 0) return { ok: false, error: `no loadable segment lies in RAM 0x${RAM_BASE.toString(16)}-0x${end.toString(16)}` };
    const symbols = new Map<string, bigint>();
    for (const sym of elf.symbols) if (sym.name && sym.shndx !== 0) symbols.set(sym.name, sym.value);
    if (this.options.kind === 'spike') {
      const tohost = symbols.get('tohost');
      if (tohost === undefined) return { ok: false, error: "the spike machine needs a 'tohost' symbol in the ELF (HTIF)" };
      if (!this.bus.inRam(Number(tohost), 8)) return { ok: false, error: `tohost at 0x${tohost.toString(16)} is not in RAM` };
      const fromhost = symbols.get('fromhost');
      const out: number[] = [];
      this.htif = new Htif(
        this.bus,
        Number(tohost),
        fromhost === undefined ? undefined : Number(fromhost),
        (b) => {
          out.push(b);
          this.options.host.consoleWrite(Uint8Array.of(b));
        },
        (code) => this.finish(code),
      );
    }
    this.reset(Number(elf.header.entry));
    return { ok: true, entry: elf.header.entry, symbols };
  }

  /** Where QEMU places the device tree: the top of RAM (below 3 GiB), 2 MiB aligned. */
  fdtAddress(fdtSize = 0x10000): number {
    const end = Math.min(RAM_BASE + this.bus.ramSize, 3 * 2 ** 30);
    return Math.floor((end - fdtSize) / (2 * 2 ** 20)) * 2 * 2 ** 20;
  }

  /** Starts every hart at QEMU's reset vector, which jumps to `entry`. */
  reset(entry: number): void {
    this.mrom.program(entry, this.fdtAddress(), entry);
    for (const h of this.harts) {
      h.pc = MROM_BASE;
      h.eventAt = 0;
    }
  }

  /**
   * Runs until the guest exits, `maxInsns` instructions have been executed,
   * a pause is requested, or the guest halts. Console output is flushed to
   * the host before returning.
   */
  run(maxInsns: number): StopReason {
    const h = this.harts[0];
    let left = maxInsns;
    this.pauseRequested = false;
    try {
      while (left > 0) {
        if (this.exitCode !== undefined) return { kind: 'exit', code: this.exitCode };
        const n = h.run(Math.min(left, SLICE));
        left -= n;
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
      }
      return { kind: 'limit' };
    } finally {
      this.uart?.flushOutput();
    }
  }
}
