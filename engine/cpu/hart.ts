/**
 * One RISC-V hart: architectural state in typed arrays, the fetch/execute
 * loop with a decode cache, memory access paths and trap entry.
 *
 * Register layout: integer register i is `x[2i]` (low 32 bits) and `x[2i+1]`
 * (high 32 bits), signed int32 halves, because 64-bit BigInt arithmetic is two
 * to three times slower than split halves. Slot 32 (x[64], x[65]) is a sink:
 * decoded instructions that write x0 write there, so x0 stays zero without a
 * branch in every handler. FP register i is the raw 64 bits at `f[2i]`,
 * `f[2i+1]`.
 *
 * The program counter is a JS number holding the signed 64-bit value; every
 * address the engine can map (RAM, devices, Sv39/Sv48 canonical addresses) is
 * within ±2^53, so it is exact.
 *
 * Traps travel as return values: a handler returns the next pc, and a trap is
 * just `return h.trap(cause, tval, pc)`, which updates the CSRs and returns
 * the handler address. No JS exceptions on any guest path.
 */
import { decode } from '../isa/decode';
import type { DecodedInsn } from '../isa/types';
import { type Block, compileRegion, endsBlock, MAX_BLOCK, type RegionBlock, successors } from './jit';
import { Bus, PAGE_CODE, PAGE_SHIFT } from '../mem/bus';
import { Cause } from './causes';
import { CsrState } from './csr-state';
import { prepare } from './exec/dispatch';

export const PRIV_U = 0;
export const PRIV_S = 1;
export const PRIV_M = 3;

/** A decoded instruction prepared for execution. */
export interface Op {
  fn: Handler;
  /** x-register slot indices (2·n), with a write to x0 redirected to the sink. */
  d: number;
  s1: number;
  s2: number;
  /** Raw register numbers (FP handlers index the FP file with these). */
  rd: number;
  rs1: number;
  rs2: number;
  rs3: number;
  imm: number;
  csr: number;
  rm: number;
  flags: number;
  len: number;
  word: number;
  insn: DecodedInsn | undefined;
  /** Times this instruction started an interpreted step (translation trigger). */
  hits: number;
  /** The translated block starting here, once hot. */
  block: Block | undefined;
}

export type Handler = (h: Hart, o: Op, pc: number) => number;

const SINK = 64;
/** Executions after which a block start is translated to JavaScript. */
const HOT = 8;
/** A region spans at most this many blocks / instructions. Small regions
 * measured best here: a 4-block region ran the bench guest ~1.2x faster than
 * single blocks, while 8 or more made V8 optimise the larger functions worse. */
const MAX_REGION_BLOCKS = 4;
const MAX_REGION_INSNS = 512;
const PAGE_INSNS = 1 << (PAGE_SHIFT - 1);

export class Hart {
  readonly x = new Int32Array(66);
  readonly f = new Int32Array(64);
  pc = 0;
  priv = PRIV_M;
  /** Virtualization mode (H extension): true in VS and VU. */
  virt = false;
  readonly csr: CsrState;
  /** Retired instructions. */
  instret = 0;
  /** Scratch for memory reads: [lo, hi]. */
  readonly tmp = new Int32Array(2);
  /** Where the last trap sent the pc (valid right after a memory path returns false). */
  trapPc = 0;
  /** Set by devices or the debugger to end the current `run` slice. */
  stop = false;
  /** Instruction count at which `events()` must run (timers, pending interrupts). */
  eventAt = 0;
  /** How far a translated block may loop on its own: min(eventAt, end of slice). */
  limit = 0;
  /** Called when `instret` reaches `eventAt`; returns the pc to continue at. */
  onEvents: (h: Hart, pc: number) => number = (_h, pc) => pc;
  /** LR/SC reservation, as QEMU keeps it: the reserved physical address (or
   * -1) and the value LR loaded; SC succeeds if the address matches and memory
   * still holds that value. */
  reservation = -1;
  reservedLo = 0;
  reservedHi = 0;
  /** Set when `wfi` executed with nothing pending: the machine advances time. */
  waiting = false;

  // Fast-path views of RAM, refreshed when translation state changes.
  readonly bus: Bus;
  readonly ram32: Int32Array;
  readonly ram16: Uint16Array;
  readonly ram8: Uint8Array;
  readonly dirty: Uint8Array;
  readonly pageFlags: Uint8Array;
  readonly ramSize: number;
  /** RAM base for data accesses that need no translation, NaN when translation
   * (or MPRV) is active, so `addr - dBase` fails every range check. */
  dBase: number;
  /** Same for instruction fetch. */
  iBase: number;

  /** Decoded instructions per RAM page, allocated on first use. */
  private icache: (Op[] | undefined)[];

  constructor(readonly hartId: number, bus: Bus) {
    this.bus = bus;
    this.ram32 = bus.ram32;
    this.ram16 = bus.ram16;
    this.ram8 = bus.ram;
    this.dirty = bus.dirtyPages;
    this.pageFlags = bus.pageFlags;
    this.ramSize = bus.ramSize;
    this.dBase = bus.ramBase;
    this.iBase = bus.ramBase;
    this.icache = new Array(bus.ramSize >>> PAGE_SHIFT);
    this.csr = new CsrState(this);
    const prev = bus.onCodeWrite;
    bus.onCodeWrite = (page) => {
      prev(page);
      this.icache[page] = undefined;
    };
  }

  // ---- integer register helpers (not for hot paths) ----

  getX(i: number): bigint {
    return (BigInt(this.x[2 * i + 1]) << 32n) | BigInt(this.x[2 * i] >>> 0);
  }

  setX(i: number, v: bigint): void {
    if (i === 0) return;
    this.x[2 * i] = Number(v & 0xffffffffn) | 0;
    this.x[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  }

  getF(i: number): bigint {
    return (BigInt(this.f[2 * i + 1] >>> 0) << 32n) | BigInt(this.f[2 * i] >>> 0);
  }

  setF(i: number, v: bigint): void {
    this.f[2 * i] = Number(v & 0xffffffffn) | 0;
    this.f[2 * i + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  }

  /** Flushes every decoded instruction (fence.i, satp changes of the fetch view). */
  flushDecodeCache(): void {
    this.icache = new Array(this.ramSize >>> PAGE_SHIFT);
    for (let p = 0; p < this.pageFlags.length; p++) this.pageFlags[p] &= ~PAGE_CODE;
  }

  /** Re-derives the fast-path bases after a privilege, mstatus or satp change. */
  updateTranslation(): void {
    const c = this.csr;
    const fetchTranslated = (this.priv !== PRIV_M && (c.satpMode !== 0 || this.virt)) || c.pmp.checks(this.priv);
    let dataPriv = this.priv;
    let dataVirt = this.virt;
    if (this.priv === PRIV_M && c.mprv) {
      dataPriv = c.mpp;
      dataVirt = c.mpv && dataPriv !== PRIV_M;
    }
    // V=1 always translates (G-stage); PMP rules that apply need the slow path too.
    const dataTranslated = (dataPriv !== PRIV_M && (c.satpMode !== 0 || dataVirt)) || c.pmp.checks(dataPriv);
    this.iBase = fetchTranslated ? NaN : this.bus.ramBase;
    this.invalidatePageCaches();
    // Watchpoints need every data access on the slow path.
    this.dBase = dataTranslated || this.watches.length !== 0 ? NaN : this.bus.ramBase;
  }

  /**
   * Runs up to `maxSteps` instructions (trapping ones count as steps, so a
   * trap storm still ends the slice). Returns the number of steps taken.
   */
  run(maxSteps: number): number {
    let pc = this.pc;
    let steps = 0;
    this.stop = false;
    this.stopCause = undefined;
    const ramSize = this.ramSize;
    while (steps < maxSteps) {
      if (this.instret >= this.eventAt) {
        pc = this.onEvents(this, pc);
        if (this.stop || this.waiting) break;
      }
      if (this.breakpoints.size !== 0 && this.breakpoints.has(pc) && pc !== this.ignoreBreakAt) {
        this.stopCause = 'breakpoint';
        this.stop = true;
        break;
      }
      this.ignoreBreakAt = NaN;
      let off = pc - this.iBase;
      if (off !== off && pc - (pc & 4095) === this.fetchVPage) off = this.fetchRamPage + (pc & 4095);
      let op: Op | undefined;
      if (off >= 0 && off < ramSize) {
        const page = this.icache[off >>> PAGE_SHIFT];
        op = page === undefined ? undefined : page[(off & 4095) >>> 1];
        if (op === undefined) op = this.decodeRam(off);
      } else {
        op = this.fetchSlow(pc);
        if (op === undefined) {
          steps++;
          pc = this.trapPc;
          continue;
        }
      }
      // (fetchSlow leaves the physical address in lastFetchPa for buildBlock.)
      const b = op.block;
      if (b !== undefined && this.instret + b.n < this.eventAt && steps + b.n <= maxSteps) {
        const before = this.instret;
        this.limit = Math.min(this.eventAt - 1, before + (maxSteps - steps));
        pc = b.fn(this, pc);
        // Trapped instructions do not retire; count at least the block's length
        // so a trap storm inside blocks still ends the slice.
        steps += Math.max(this.instret - before, 1);
        if (this.stop) break;
        continue;
      }
      if (++op.hits === HOT && b === undefined && this.translate) {
        op.block = this.buildBlock(pc, op, off >= 0 && off < ramSize ? off : this.lastFetchPa - this.bus.ramBase);
      }
      steps++;
      // instret counts after the handler, so `csrr minstret` sees the count
      // before itself; a trapping instruction cancels its own count in trap().
      pc = op.fn(this, op, pc);
      this.instret++;
      if (this.stop) break;
    }
    this.pc = pc;
    return steps;
  }

  /** Whether hot blocks are translated to JavaScript (off: pure interpretation). */
  translate = true;

  // ---- page caches for translated execution ----
  // One virtual page per access kind (fetch, load, store) whose translation
  // and PMP check are known to hold for the whole page, with its RAM offset.
  // Any change that could alter a translation (privilege, CSR writes, fences,
  // TLB flushes) clears them.
  private fetchVPage = NaN;
  private fetchRamPage = 0;
  loadVPage = NaN;
  loadRamPage = 0;
  storeVPage = NaN;
  storeRamPage = 0;

  invalidatePageCaches(): void {
    this.fetchVPage = NaN;
    this.loadVPage = NaN;
    this.storeVPage = NaN;
  }

  /** True when `pa`'s whole page is RAM and PMP (if it applies) allows `perm` on all of it. */
  private pageCacheable(pa: number, perm: number, priv: number): boolean {
    const base = pa - (pa & 4095);
    if (!this.bus.inRam(base, 4096)) return false;
    const pmp = this.csr.pmp;
    return !(pmp.active && pmp.checks(priv)) || pmp.pageAllows(base, perm, priv);
  }

  /** The privilege data accesses are checked at (MPRV). */
  private dataPriv(): number {
    return this.priv === PRIV_M && this.csr.mprv ? this.csr.mpp : this.priv;
  }

  // ---- debugger support ----

  /** Instruction breakpoints (virtual pcs): `run` stops before executing one. */
  readonly breakpoints = new Set<number>();
  /** A breakpoint address to run through once (resuming from a stop at it). */
  ignoreBreakAt = NaN;
  /** Data watchpoints on virtual addresses. */
  private watches: { start: number; end: number; read: boolean; write: boolean }[] = [];
  /** Why the last `run` stopped early, besides `stop` set by devices. */
  stopCause: 'breakpoint' | 'watchpoint' | undefined;
  /** The access that hit a watchpoint (valid when stopCause is 'watchpoint'). */
  watchHit: { address: number; size: number; access: 'read' | 'write'; pc: number } | undefined;

  /** Replaces the breakpoint set; compiled blocks are dropped so none runs past one. */
  setBreakpoints(pcs: Iterable<number>): void {
    this.breakpoints.clear();
    for (const pc of pcs) this.breakpoints.add(pc);
    this.dropTranslations();
  }

  /** Replaces the watchpoints. While any exists, every data access takes the
   * slow path, where `checkWatch` sees it. */
  setWatchpoints(list: { address: number; size: number; read: boolean; write: boolean }[]): void {
    this.watches = list.map((w) => ({ start: w.address, end: w.address + w.size, read: w.read, write: w.write }));
    this.updateTranslation();
  }

  get watching(): boolean {
    return this.watches.length !== 0;
  }

  /** Called by the data slow paths with the virtual address of each access. */
  checkWatch(va: number, size: number, write: boolean, pc: number): void {
    for (const w of this.watches) {
      if (va < w.end && w.start < va + size && (write ? w.write : w.read)) {
        this.stopCause = 'watchpoint';
        this.watchHit = { address: va, size, access: write ? 'write' : 'read', pc };
        this.stop = true; // the access completes; the hart stops after this instruction
        return;
      }
    }
  }

  /** Forgets every compiled block (decoded instructions stay). */
  dropTranslations(): void {
    for (const page of this.icache) {
      if (page === undefined) continue;
      for (const op of page) {
        if (op !== undefined) {
          op.block = undefined;
          op.hits = 0;
        }
      }
    }
  }

  /** Collects the region of blocks reachable from `pc` within its page and compiles it. */
  private buildBlock(pc: number, first: Op, ramOff: number): Block | undefined {
    // Blocks never cross a page, so one virtual page maps to one physical page
    // and the block (cached by physical address) is valid for any virtual alias.
    if (!(ramOff >= 0 && ramOff < this.ramSize) || (ramOff & 4095) !== (pc & 4095)) return undefined;
    const pa = ramOff;
    const pageStart = pa - (pa & 4095);
    const virtBase = pc - (pc & 4095);
    const blocks: RegionBlock[] = [];
    const seen = new Set<number>();
    const work = [pa & 4095];
    let total = 0;
    while (work.length && blocks.length < MAX_REGION_BLOCKS && total < MAX_REGION_INSNS) {
      const start = work.shift()!;
      if (seen.has(start) || start < 0 || start >= 4096 || start & 1) continue;
      seen.add(start);
      const ops: Op[] = [];
      let off = pageStart + start;
      for (;;) {
        if (off - pageStart >= 4096 || off >= this.ramSize) break;
        if ((off & 4095) === 4094 && (this.ram8[off] & 3) === 3) break; // straddles the page end
        // A breakpoint ends the block before it, so the dispatcher sees it.
        if (ops.length > 0 && this.breakpoints.size !== 0 && this.breakpoints.has(virtBase + (off - pageStart))) break;
        const page = this.icache[off >>> PAGE_SHIFT];
        const op = (page === undefined ? undefined : page[(off & 4095) >>> 1]) ?? this.decodeRam(off);
        ops.push(op);
        off += op.len;
        if (endsBlock(op) || ops.length >= MAX_BLOCK) break;
      }
      if (ops.length === 0) continue;
      const blk = { start, ops };
      blocks.push(blk);
      total += ops.length;
      for (const s of successors(blk)) if (!seen.has(s)) work.push(s);
    }
    if (blocks.length === 0 || blocks[0].ops[0] !== first) return undefined;
    return compileRegion(blocks, (off) => this.breakpoints.has(virtBase + off));
  }

  /** Decodes the instruction at RAM offset `off` and caches it. */
  private decodeRam(off: number): Op {
    const r = this.ram8;
    const lo = r[off] | (r[off + 1] << 8);
    let word = lo;
    if ((lo & 3) === 3) {
      // A 32-bit instruction at the last halfword of RAM fetches past its end.
      if (off + 4 > this.ramSize) return this.makeFaultOp(Cause.InsnAccessFault);
      word = (lo | (r[off + 2] << 16) | (r[off + 3] << 24)) >>> 0;
    }
    const op = this.prepareWord(word);
    const pageIdx = off >>> PAGE_SHIFT;
    let page = this.icache[pageIdx];
    if (page === undefined) page = this.icache[pageIdx] = new Array(PAGE_INSNS);
    page[(off & 4095) >>> 1] = op;
    this.pageFlags[pageIdx] |= PAGE_CODE;
    // An instruction straddling a page boundary depends on the next page too.
    if (op.len === 4 && ((off + 2) >>> PAGE_SHIFT) !== pageIdx) this.pageFlags[pageIdx + 1] |= PAGE_CODE;
    return op;
  }

  /** Turns raw instruction bits into an executable Op (illegal words trap). */
  prepareWord(word: number): Op {
    const insn = decode(word);
    const len = (word & 3) === 3 ? 4 : 2;
    if (insn === undefined) return this.makeIllegalOp(word, len);
    const rdIsX = true;
    const op: Op = {
      fn: illegal,
      d: insn.rd === 0 && rdIsX ? SINK : insn.rd * 2,
      s1: insn.rs1 * 2,
      s2: insn.rs2 * 2,
      rd: insn.rd,
      rs1: insn.rs1,
      rs2: insn.rs2,
      rs3: insn.rs3,
      imm: insn.imm,
      csr: insn.csr,
      rm: insn.rm,
      flags: insn.flags,
      len: insn.len,
      word,
      insn,
      hits: 0,
      block: undefined,
    };
    op.fn = prepare(insn, op) ?? illegal;
    return op;
  }

  private makeIllegalOp(word: number, len: number): Op {
    return { fn: illegal, d: SINK, s1: 0, s2: 0, rd: 0, rs1: 0, rs2: 0, rs3: 0, imm: 0, csr: 0, rm: 0, flags: 0, len, word, insn: undefined, hits: 0, block: undefined };
  }

  private makeFaultOp(cause: Cause): Op {
    const op = this.makeIllegalOp(0, 2);
    op.fn = cause === Cause.InsnAccessFault ? fetchFault : illegal;
    return op;
  }

  /** Instruction fetch outside the RAM fast path: devices, translation, faults. */
  /** Physical address of the last instruction fetched through fetchSlow. */
  private lastFetchPa = -1;

  private fetchSlow(pc: number): Op | undefined {
    const pa = this.translateFetch(pc);
    if (pa < 0) return undefined;
    this.lastFetchPa = pa;
    if (this.pageCacheable(pa, 4, this.priv)) {
      this.fetchVPage = pc - (pc & 4095);
      this.fetchRamPage = pa - (pa & 4095) - this.bus.ramBase;
    }
    const off = pa - this.bus.ramBase;
    // The decode cache is keyed by physical address, so translated code is
    // decoded once too (a 32-bit instruction straddling two virtual pages is
    // the exception: its halves are fetched separately below).
    if (off >= 0 && off < this.ramSize && (Number.isNaN(this.iBase) ? (pc & 4095) !== 4094 : true)) {
      const page = this.icache[off >>> PAGE_SHIFT];
      return (page === undefined ? undefined : page[(off & 4095) >>> 1]) ?? this.decodeRam(off);
    }
    // Device memory or a page-straddling instruction: read halfwords through the bus.
    const t = this.tmp;
    if (!this.bus.read(pa, 2, t)) {
      this.trapPc = this.csr.enterTrap(Cause.InsnAccessFault, false, pc, pc);
      return undefined;
    }
    let word = t[0] & 0xffff;
    if ((word & 3) === 3) {
      const pa2 = (pc + 2) % 4096 === 0 ? this.translateFetch(pc + 2) : pa + 2;
      if (pa2 < 0) return undefined;
      if (!this.bus.read(pa2, 2, t)) {
        this.trapPc = this.csr.enterTrap(Cause.InsnAccessFault, false, pc + 2, pc);
        return undefined;
      }
      word = (word | ((t[0] & 0xffff) << 16)) >>> 0;
    }
    return this.prepareWord(word);
  }

  /** Virtual → physical for a fetch; -1 after taking the fault (the
   * instruction was never fetched, so nothing retires to cancel). */
  translateFetch(va: number): number {
    if (!Number.isNaN(this.iBase)) {
      if (va >= 0) return va;
      this.trapPc = this.csr.enterTrap(Cause.InsnAccessFault, false, va, va);
      return -1;
    }
    const pa = this.csr.mmu.translate(va, 0, 2);
    if (pa >= 0) return pa;
    this.csr.noteMmuFault();
    this.trapPc = this.csr.enterTrap(-pa - 1, false, va, va);
    return -1;
  }

  /** Virtual → physical for a data access (0 load, 1 store); -1 after the fault. */
  translateData(va: number, access: 1 | 2, size = 1): number {
    const c = this.csr;
    if (!Number.isNaN(this.dBase)) {
      return va < 0 ? this.physFault(va, access === 1 ? Cause.LoadAccessFault : Cause.StoreAccessFault) : va;
    }
    const pa = c.mmu.translate(va, access, size);
    if (pa >= 0) return pa;
    c.noteMmuFault();
    this.trapPc = this.trap(-pa - 1, va, this.pc);
    return -1;
  }

  private physFault(va: number, cause: Cause): number {
    this.trapPc = this.trap(cause, va, this.pc);
    return -1;
  }


  /**
   * Loads `size` bytes at virtual `va` into tmp[0..1] (zero-extended halves).
   * Returns false after taking a trap (pc to continue at in `trapPc`).
   */
  loadSlow(va: number, size: number, pc: number): boolean {
    this.pc = pc;
    if (this.watches.length !== 0) this.checkWatch(va, size, false, pc);
    const inPage = va & 4095;
    if (va - inPage === this.loadVPage && inPage + size <= 4096) {
      return this.bus.read(this.loadRamPage + this.bus.ramBase + inPage, size, this.tmp);
    }
    const pa = this.translateDataAcross(va, size, 1);
    if (pa === -2) return this.loadBytes(va, size, pc);
    if (pa < 0) return false;
    if (Number.isNaN(this.dBase) && inPage + size <= 4096 && this.pageCacheable(pa, 1, this.dataPriv())) {
      this.loadVPage = va - inPage;
      this.loadRamPage = pa - (pa & 4095) - this.bus.ramBase;
    }
    if (!this.bus.read(pa, size, this.tmp)) {
      if (this.bus.inRam(pa, 1) || !this.bus.deviceAt(pa) || !this.readSplit(pa, size)) {
        this.trapPc = this.trap(Cause.LoadAccessFault, va, pc);
        return false;
      }
    }
    return true;
  }

  /** A load whose bytes live in two non-adjacent physical pages. */
  private loadBytes(va: number, size: number, pc: number): boolean {
    let lo = 0;
    let hi = 0;
    const t = this.tmp;
    for (let i = 0; i < size; i++) {
      const pa = this.translateData(va + i, 1);
      if (pa < 0) return false;
      if (!this.bus.read(pa, 1, t)) {
        this.trapPc = this.trap(Cause.LoadAccessFault, va, pc);
        return false;
      }
      if (i < 4) lo |= (t[0] & 0xff) << (8 * i);
      else hi |= (t[0] & 0xff) << (8 * (i - 4));
    }
    t[0] = lo;
    t[1] = hi;
    return true;
  }

  /** A store whose bytes live in two non-adjacent physical pages: both pages
   * are translated before any byte is written, so a fault writes nothing. */
  private storeBytes(va: number, size: number, lo: number, hi: number, pc: number): boolean {
    const pas: number[] = [];
    for (let i = 0; i < size; i++) {
      const pa = this.translateData(va + i, 2);
      if (pa < 0) return false;
      pas.push(pa);
    }
    for (let i = 0; i < size; i++) {
      const byte = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
      if (!this.bus.write(pas[i], 1, byte, 0)) {
        this.trapPc = this.trap(Cause.StoreAccessFault, va, pc);
        return false;
      }
    }
    return true;
  }

  /** Misaligned device reads are split into bytes, as QEMU's memory core does. */
  private readSplit(pa: number, size: number): boolean {
    if ((pa & (size - 1)) === 0) return false;
    let lo = 0;
    let hi = 0;
    const t = this.tmp;
    for (let i = 0; i < size; i++) {
      if (!this.bus.read(pa + i, 1, t)) return false;
      if (i < 4) lo |= (t[0] & 0xff) << (8 * i);
      else hi |= (t[0] & 0xff) << (8 * (i - 4));
    }
    t[0] = lo;
    t[1] = hi;
    return true;
  }

  /** Stores `size` bytes (lo/hi halves) at virtual `va`; false after a trap. */
  storeSlow(va: number, size: number, lo: number, hi: number, pc: number): boolean {
    this.pc = pc;
    if (this.watches.length !== 0) this.checkWatch(va, size, true, pc);
    const inPage = va & 4095;
    if (va - inPage === this.storeVPage && inPage + size <= 4096) {
      return this.bus.write(this.storeRamPage + this.bus.ramBase + inPage, size, lo, hi);
    }
    const pa = this.translateDataAcross(va, size, 2);
    if (pa === -2) return this.storeBytes(va, size, lo, hi, pc);
    if (pa < 0) return false;
    if (Number.isNaN(this.dBase) && inPage + size <= 4096 && this.pageCacheable(pa, 2, this.dataPriv())) {
      this.storeVPage = va - inPage;
      this.storeRamPage = pa - (pa & 4095) - this.bus.ramBase;
    }
    if (!this.bus.write(pa, size, lo, hi)) {
      this.trapPc = this.trap(Cause.StoreAccessFault, va, pc);
      return false;
    }
    return true;
  }

  /** Translates an access; one that crosses a page boundary under
   * translation must have both pages map contiguously, else it is split into
   * bytes by the caller. Returns -1 after a fault, -2 when the caller must split. */
  private translateDataAcross(va: number, size: number, access: 1 | 2): number {
    const pa = this.translateData(va, access, size);
    if (pa < 0) return pa;
    if (!Number.isNaN(this.dBase) || Math.floor((va + size - 1) / 4096) === Math.floor(va / 4096)) return pa;
    const pa2 = this.translateData(va + size - 1, access);
    if (pa2 < 0) return pa2;
    return pa2 === pa + size - 1 ? pa : -2;
  }

  /**
   * Takes a synchronous exception at `pc`; returns the pc of the handler.
   * The faulting instruction does not retire.
   */
  trap(cause: number, tval: number, pc: number): number {
    this.instret--;
    return this.csr.enterTrap(cause, false, tval, pc);
  }

  /** Requests that pending interrupts be examined before the next instruction. */
  checkInterrupts(): void {
    this.eventAt = 0;
  }
}

function illegal(h: Hart, o: Op, pc: number): number {
  return h.trap(Cause.IllegalInsn, o.word, pc);
}

function fetchFault(h: Hart, _o: Op, pc: number): number {
  return h.trap(Cause.InsnAccessFault, pc + 2, pc);
}

export { illegal as illegalHandler };
