/**
 * The debug runtime: owns the Machine and everything a debugger does to it —
 * breakpoints, stepping, trap tracking, snapshots and reverse execution — and
 * reports what happens as plain events. It knows nothing of the Debug
 * Adapter Protocol (session.ts translates), so tests and other front ends can
 * drive it directly.
 *
 * Time: the debugger's clock is `position` = retired instructions + traps
 * taken. Every step (an instruction retiring, an exception, an interrupt
 * being taken) advances it by exactly one, so "one step back" is well
 * defined even across a trap (the trapping instruction does not retire).
 * Reverse execution restores the latest snapshot before the target position
 * and replays forward deterministically: console output muted, console input
 * re-delivered at the position it first arrived.
 */
import { EventEmitter } from 'events';
import { Machine } from '../engine/machine/machine';
import type { MachineKind, StopReason } from '../engine/machine/types';
import type { Hart } from '../engine/cpu/hart';
import { SnapshotStore, type Snapshot } from '../engine/debug/snapshot';
import { csrByName } from '../engine/isa/csrs';
import { parseFReg, parseXReg } from '../engine/isa/registers';
import { disassembleInsn, newDisasmState } from '../engine/isa/disasm';
import { evaluate, type EvalContext } from './expr';
import type { LoadedProgram, SourceMap, SymbolTable } from './program';
import { type DebugTrap, type ExceptionFilter, filterMatches, modeName, normalizeTrap, TrapChain } from './traps';
import { walk } from './walk';

import { MODES, type Mode } from '../engine/modes';
export { MODES };
export type VirtMode = Mode;
/** What the adapter runs today (native needs the kernel-at-0x80200000 launch path: not wired yet). */
export const AVAILABLE_MODES: readonly VirtMode[] = ['emulate'];

export interface RuntimeOptions {
  kind?: MachineKind;
  ramBytes?: number;
  icountShift?: number;
  /** Instructions a single resume may run before the debugger pauses the guest (0 = no limit). */
  maxInstructions?: number;
  /** Positions between periodic snapshots. */
  snapshotInterval?: number;
}

export type StopKind = 'entry' | 'step' | 'breakpoint' | 'function breakpoint' | 'instruction breakpoint' | 'data breakpoint' | 'exception' | 'pause' | 'goto';

export interface StopInfo {
  reason: StopKind;
  description?: string;
  text?: string;
  hitBreakpointIds?: number[];
  trap?: DebugTrap;
}

export interface BreakpointSpec {
  condition?: string;
  hitCondition?: string;
  logMessage?: string;
}

export interface Breakpoint extends BreakpointSpec {
  id: number;
  kind: 'source' | 'function' | 'instruction';
  verified: boolean;
  address?: number;
  file?: string;
  line?: number;
  message?: string;
  hits: number;
}

export interface DataWatch {
  id: number;
  address: number;
  size: number;
  read: boolean;
  write: boolean;
  condition?: string;
}

interface SnapMeta {
  pos: number;
  trapCount: number;
  historyLength: number;
  inputsDelivered: number;
}

/** A resume's goal beyond user breakpoints. */
interface Goal {
  /** Stop when pos reaches this (stepping). */
  untilPos?: number;
  /** Extra breakpoint addresses; `atTemp` decides whether a hit ends the resume. */
  tempBreaks?: number[];
  atTemp?: (pc: number) => boolean;
  /** Stop once a trap return brings the chain depth to this or below. */
  untilDepth?: number;
}

type Outcome = { kind: 'stopped'; stop: StopInfo } | { kind: 'exited'; code: number } | { kind: 'goal' };

const SLICE = 1 << 20;
const M64 = (1n << 64n) - 1n;

export class Runtime extends EventEmitter {
  readonly machine: Machine;
  readonly program: Extract<LoadedProgram, { ok: true }>;
  readonly breakpoints: Breakpoint[] = [];
  private sourceBps = new Map<string, Breakpoint[]>();
  private functionBps: Breakpoint[] = [];
  private instructionBps: Breakpoint[] = [];
  private watches: DataWatch[] = [];
  private filters: { filter: ExceptionFilter; condition?: string }[] = [];
  private nextId = 1;

  /** Every trap event so far (truncated on reverse). */
  history: DebugTrap[] = [];
  chain = new TrapChain();
  private trapCount = 0;
  /** Trap events not yet sent to the client (batched). */
  private unsent: DebugTrap[] = [];

  private store: SnapshotStore;
  private meta: SnapMeta[] = [];
  private readonly snapshotInterval: number;
  private readonly maxInstructions: number;
  /** Console input and user edits with the position they happened at (replayed on reverse). */
  private actions: { pos: number; apply: () => void }[] = [];
  private actionsDone = 0;
  private pendingInput: Uint8Array[] = [];
  /** The furthest position ever reached: output before it was already shown. */
  private highWater = 0;
  private muted = false;

  state: 'stopped' | 'running' | 'exited' = 'stopped';
  exitCode: number | undefined;
  /** Set by the trap hook: why the current run should stop. */
  private hookStop: StopInfo | undefined;
  private goal: Goal | undefined;
  private replayTarget: number | undefined;
  /** While scanning history backwards: collect stop positions instead of stopping. */
  private scanning = false;
  private pauseRequested = false;
  private lastException: DebugTrap | undefined;
  /** Whether stepping should stop at an interrupt handler's entry. */
  private stopOnTrapEntry = false;

  constructor(program: Extract<LoadedProgram, { ok: true }>, opts: RuntimeOptions = {}) {
    super();
    this.program = program;
    this.snapshotInterval = opts.snapshotInterval ?? 1_000_000;
    this.maxInstructions = opts.maxInstructions ?? 0;
    this.machine = new Machine({
      kind: opts.kind ?? 'virt',
      ramBytes: opts.ramBytes,
      icountShift: opts.icountShift,
      host: {
        consoleWrite: (bytes) => {
          if (!this.muted) this.emit('output', Buffer.from(bytes).toString('latin1'));
        },
        log: (message) => this.emit('output', message + '\n', 'console'),
      },
    });
    this.store = new SnapshotStore(this.machine);
    for (const h of this.machine.harts) this.hook(h);
  }

  /** Loads the program; returns an error message, or undefined. */
  load(): string | undefined {
    const r = this.machine.loadElf(this.program.elf);
    if (!r.ok) return r.error;
    return undefined;
  }

  private hook(h: Hart): void {
    (h.csr as { onTrap?: (e: unknown) => void }).onTrap = (raw: unknown) => this.onTrap(h, raw);
  }

  get hart(): Hart {
    return this.machine.hart;
  }

  get position(): number {
    return this.machine.instret + this.trapCount;
  }

  /** Whether the hart implements the hypervisor extension (misa.H). */
  get hypervisor(): boolean {
    const misa = this.hart.csr.read(0x301, 3) ?? 0n;
    return ((misa >> 7n) & 1n) === 1n;
  }

  /** The current privilege mode with the V bit (false until the hart reports one). */
  mode(h: Hart = this.hart): { priv: number; virt: boolean } {
    const virt = (h as unknown as { virt?: unknown }).virt;
    return { priv: h.priv, virt: virt === true || virt === 1 };
  }

  modeName(h: Hart = this.hart): string {
    return modeName(this.mode(h), this.hypervisor);
  }

  // ---- traps ----

  private onTrap(h: Hart, raw: unknown): void {
    const isInterrupt = (raw as { kind?: string; interrupt?: boolean }).kind === 'interrupt' || (raw as { interrupt?: boolean }).interrupt === true;
    const isReturn = (raw as { kind?: string }).kind === 'return';
    if (!isReturn) this.trapCount++;
    const t = normalizeTrap(raw, this.position, this.machine.instret);
    if (!t) return;
    this.history.push(t);
    this.chain.apply(t);
    if (!this.muted && !this.scanning) this.unsent.push(t);
    if (this.replayTarget !== undefined) {
      // An interrupt advances the clock without a step: stop exactly at the target.
      if (isInterrupt && this.position >= this.replayTarget) this.machine.requestPause();
      return;
    }
    if (isReturn) {
      if (this.goal?.untilDepth !== undefined && this.chain.depth <= this.goal.untilDepth) {
        this.hookStop = { reason: 'step' };
        this.machine.requestPause();
      }
      return;
    }
    for (const f of this.filters) {
      if (!filterMatches(f.filter, t)) continue;
      if (f.condition) {
        const c = this.evaluate(f.condition, t);
        if (!c.ok || c.value === 0n) continue;
      }
      this.hookStop = {
        reason: 'exception',
        description: `${t.kind === 'interrupt' ? 'Interrupt' : 'Exception'}: ${t.name}`,
        text: `${t.name} (cause ${t.cause}) at 0x${(BigInt(t.epc) & M64).toString(16)}, ${modeName(t.from, this.hypervisor)} → ${modeName(t.to, this.hypervisor)}`,
        trap: t,
      };
      this.machine.requestPause();
      return;
    }
    if (this.stopOnTrapEntry && isInterrupt) {
      this.hookStop = { reason: 'step' };
      this.machine.requestPause();
    }
  }

  /** Sends batched trap events (the session turns them into a custom event). */
  flushTrapEvents(): DebugTrap[] {
    const out = this.unsent;
    this.unsent = [];
    if (out.length) this.emit('trapEvents', out);
    return out;
  }

  get exceptionAtStop(): DebugTrap | undefined {
    return this.lastException;
  }

  // ---- breakpoints ----

  setSourceBreakpoints(file: string, specs: (BreakpointSpec & { line: number })[]): Breakpoint[] {
    const list = specs.map((s) => {
      const bp: Breakpoint = { id: this.nextId++, kind: 'source', verified: false, file, line: s.line, hits: 0, condition: s.condition, hitCondition: s.hitCondition, logMessage: s.logMessage };
      const r = this.program.lines.resolve(file, s.line);
      if (!r || r.addresses.length === 0) bp.message = `no code at or after line ${s.line} of this file in the loaded program`;
      else {
        bp.verified = true;
        bp.line = r.line;
        bp.address = r.addresses[0];
      }
      this.checkSpec(bp);
      return bp;
    });
    this.sourceBps.set(file, list);
    this.rebuild();
    return list;
  }

  setFunctionBreakpoints(specs: (BreakpointSpec & { name: string })[]): Breakpoint[] {
    this.functionBps = specs.map((s) => {
      const bp: Breakpoint = { id: this.nextId++, kind: 'function', verified: false, hits: 0, condition: s.condition, hitCondition: s.hitCondition };
      const sym = this.program.symbols.get(s.name);
      let address = sym?.address;
      if (address === undefined) {
        const e = this.evaluate(s.name);
        if (e.ok && /^(0x[0-9a-f]+|\d+)$/i.test(s.name.trim())) address = Number(BigInt.asIntN(64, e.value));
      }
      if (address === undefined) bp.message = `no symbol '${s.name}' in the program`;
      else {
        bp.verified = true;
        bp.address = address;
        const row = this.program.lines.lookup(address);
        if (row) [bp.file, bp.line] = [row.file, row.line];
      }
      this.checkSpec(bp);
      return bp;
    });
    this.rebuild();
    return this.functionBps;
  }

  setInstructionBreakpoints(specs: (BreakpointSpec & { address: number })[]): Breakpoint[] {
    this.instructionBps = specs.map((s) => {
      const bp: Breakpoint = { id: this.nextId++, kind: 'instruction', verified: true, address: s.address, hits: 0, condition: s.condition, hitCondition: s.hitCondition };
      const row = this.program.lines.lookup(s.address);
      if (row) [bp.file, bp.line] = [row.file, row.line];
      this.checkSpec(bp);
      return bp;
    });
    this.rebuild();
    return this.instructionBps;
  }

  /** Rejects conditions that do not parse (evaluated once against the current state). */
  private checkSpec(bp: Breakpoint): void {
    if (bp.hitCondition && !parseHitCondition(bp.hitCondition)) {
      bp.verified = false;
      bp.message = `hit condition '${bp.hitCondition}' is not a number or one of '>= N', '> N', '== N', '% N'`;
    }
    if (bp.condition) {
      const e = this.evaluate(bp.condition);
      if (!e.ok && /unexpected|expected|ends too early|bad number|character/.test(e.error)) {
        bp.verified = false;
        bp.message = `condition: ${e.error}`;
      }
    }
  }

  setDataBreakpoints(list: Omit<DataWatch, 'id'>[]): DataWatch[] {
    this.watches = list.map((w) => ({ ...w, id: this.nextId++ }));
    for (const h of this.machine.harts) h.setWatchpoints(this.watches);
    return this.watches;
  }

  setExceptionFilters(list: { filter: ExceptionFilter; condition?: string }[]): { ok: boolean; message?: string }[] {
    this.filters = [];
    return list.map((f) => {
      if (f.condition) {
        const e = this.evaluate(f.condition, sampleTrap());
        if (!e.ok) return { ok: false, message: `condition: ${e.error}` };
      }
      this.filters.push(f);
      return { ok: true };
    });
  }

  private rebuild(): void {
    (this.breakpoints as Breakpoint[]).length = 0;
    for (const l of this.sourceBps.values()) this.breakpoints.push(...l);
    this.breakpoints.push(...this.functionBps, ...this.instructionBps);
  }

  private arm(extra: number[] = []): void {
    const set = new Set<number>(extra);
    for (const b of this.breakpoints) if (b.verified && b.address !== undefined) set.add(b.address);
    for (const h of this.machine.harts) {
      if (!sameSet(h.breakpoints, set)) h.setBreakpoints(set);
    }
  }

  private disarm(): void {
    for (const h of this.machine.harts) {
      if (h.breakpoints.size) h.setBreakpoints([]);
      if (h.watching) h.setWatchpoints([]);
    }
  }

  private rearmWatches(): void {
    for (const h of this.machine.harts) h.setWatchpoints(this.watches);
  }

  /** Decides whether user breakpoints at `pc` stop the guest (conditions, hit counts, logpoints). */
  private breakpointsAt(pc: number, countHits: boolean): Breakpoint[] {
    const stopping: Breakpoint[] = [];
    for (const b of this.breakpoints) {
      if (!b.verified || b.address !== pc) continue;
      if (b.condition) {
        const c = this.evaluate(b.condition);
        if (!c.ok) {
          if (countHits) this.emit('output', `breakpoint condition '${b.condition}': ${c.error} (stopping)\n`, 'console');
        } else if (c.value === 0n) continue;
      }
      const hits = b.hits + 1;
      if (countHits) b.hits = hits;
      const hc = b.hitCondition ? parseHitCondition(b.hitCondition) : undefined;
      if (hc && !hc(hits)) continue;
      if (b.logMessage !== undefined) {
        if (countHits) this.emit('output', this.interpolate(b.logMessage) + '\n', 'console');
        continue;
      }
      stopping.push(b);
    }
    return stopping;
  }

  /** `{expr}` in a logpoint message is replaced by the expression's value. */
  interpolate(msg: string): string {
    return msg.replace(/\{([^{}]+)\}/g, (_, e: string) => {
      const r = this.evaluate(e);
      return r.ok ? `0x${r.value.toString(16)}` : `<${r.error}>`;
    });
  }

  // ---- running ----

  /** Runs from reset to the program's entry point (QEMU's reset vector runs first). */
  async start(stopOnEntry: boolean): Promise<void> {
    const entry = this.program.entry;
    this.disarm();
    for (const h of this.machine.harts) h.setBreakpoints([entry]);
    const r = this.machine.run(1000);
    this.flushTrapEvents();
    this.disarm();
    this.rearmWatches();
    if (r.kind !== 'breakpoint' || this.hart.pc !== entry) {
      this.emit('output', `warning: the reset vector did not reach the entry point 0x${entry.toString(16)} (${r.kind})\n`, 'console');
    }
    this.takeSnapshot();
    this.highWater = this.position;
    if (stopOnEntry) {
      this.report({ kind: 'stopped', stop: { reason: 'entry' } });
      return;
    }
    await this.resume({});
  }

  private takeSnapshot(): void {
    const s = this.store.take();
    this.meta[s.index] = { pos: this.position, trapCount: this.trapCount, historyLength: this.history.length, inputsDelivered: this.actionsDone };
    this.meta.length = s.index + 1;
  }

  /**
   * Applies a change the user makes to the guest's state (register, memory,
   * pc) and records it at the current position, so replays from an earlier
   * snapshot apply it again and reverse history stays exact. A change made
   * in the past discards the recorded future.
   */
  edit(apply: () => void): void {
    this.truncateFuture();
    apply();
    this.actions.push({ pos: this.position, apply });
    this.actionsDone = this.actions.length;
  }

  private truncateFuture(): void {
    if (this.position < this.highWater) {
      this.actions.length = this.actionsDone;
      this.highWater = this.position;
    }
  }

  pause(): void {
    this.pauseRequested = true;
    this.machine.requestPause();
  }

  /** Console input for the guest: delivered now when stopped, else at the next slice boundary. */
  input(bytes: Uint8Array): void {
    if (this.state === 'running') this.pendingInput.push(bytes);
    else this.edit(() => this.machine.input(bytes));
  }

  private deliverInputs(): void {
    // Recorded actions due at this position (replay, or forward again after going back).
    while (this.actionsDone < this.actions.length && this.actions[this.actionsDone].pos <= this.position) {
      this.actions[this.actionsDone++].apply();
    }
    if (this.replayTarget !== undefined || this.scanning) return;
    for (const b of this.pendingInput) this.edit(() => this.machine.input(b));
    this.pendingInput = [];
  }

  /** Next position at which a recorded action must be applied. */
  private nextInputPos(): number {
    return this.actionsDone < this.actions.length ? this.actions[this.actionsDone].pos : Infinity;
  }

  /** One bounded machine run with the bookkeeping every run needs. */
  private runSlice(limit: number): StopReason {
    this.deliverInputs();
    const pos = this.position;
    const snapDue = (this.meta.at(-1)?.pos ?? 0) + this.snapshotInterval;
    let budget = Math.min(limit, SLICE, Math.max(1, snapDue - pos), Math.max(1, this.nextInputPos() - pos));
    // Re-running already-shown history: stay muted up to the high-water mark.
    const muteUntil = this.highWater;
    if (pos < muteUntil) budget = Math.min(budget, muteUntil - pos);
    const wasMuted = this.muted;
    if (pos < muteUntil) this.muted = true;
    let r: StopReason;
    try {
      r = this.machine.run(budget);
    } finally {
      this.muted = wasMuted;
    }
    if (this.replayTarget === undefined && !this.scanning) this.highWater = Math.max(this.highWater, this.position);
    if (this.position >= snapDue && r.kind !== 'exit') this.takeSnapshot();
    return r;
  }

  /** Steps one position (one instruction, or into a trap handler). */
  stepInstruction(): Outcome {
    this.arm();
    this.hart.ignoreBreakAt = this.hart.pc;
    this.stopOnTrapEntry = true;
    this.hookStop = undefined;
    const target = this.position + 1;
    try {
      for (let guard = 0; guard < 4 && this.position < target; guard++) {
        const r = this.runSlice(1);
        const hs = this.currentHookStop();
        if (hs && hs.reason === 'exception') return this.stopped(hs);
        if (r.kind === 'exit') return { kind: 'exited', code: r.code };
        if (r.kind === 'watchpoint') {
          const o = this.watchStop(r);
          if (o) return o;
        }
        if (r.kind === 'halt') {
          if (r.waitingForInput) return { kind: 'stopped', stop: { reason: 'step', description: 'waiting for console input (wfi)' } };
          return { kind: 'stopped', stop: { reason: 'exception', description: r.message, text: r.message } };
        }
        if (r.kind === 'breakpoint') {
          const hits = this.breakpointsAt(r.pc, true);
          if (hits.length) return this.bpStop(hits);
          this.hart.ignoreBreakAt = r.pc;
        }
      }
      return { kind: 'goal' };
    } finally {
      this.stopOnTrapEntry = false;
      this.hookStop = undefined;
    }
  }

  /** Read through a method: the trap hook sets it during `run`, which flow analysis cannot see. */
  private currentHookStop(): StopInfo | undefined {
    return this.hookStop;
  }

  private stopped(stop: StopInfo): Outcome {
    return { kind: 'stopped', stop };
  }

  private bpStop(hits: Breakpoint[]): Outcome {
    const kind = hits[0].kind;
    return {
      kind: 'stopped',
      stop: { reason: kind === 'function' ? 'function breakpoint' : kind === 'instruction' ? 'instruction breakpoint' : 'breakpoint', hitBreakpointIds: hits.map((b) => b.id) },
    };
  }

  private watchStop(r: Extract<StopReason, { kind: 'watchpoint' }>): Outcome | undefined {
    const w = this.watches.find((w) => r.address < w.address + w.size && w.address < r.address + 8);
    if (w?.condition) {
      const c = this.evaluate(w.condition);
      if (c.ok && c.value === 0n) return undefined;
    }
    return {
      kind: 'stopped',
      stop: {
        reason: 'data breakpoint',
        description: `${r.access} of 0x${r.address.toString(16)}`,
        text: `${r.access} of 0x${r.address.toString(16)} by the instruction at 0x${r.pc.toString(16)}`,
        hitBreakpointIds: w ? [w.id] : [],
      },
    };
  }

  /**
   * Runs until a breakpoint, exception filter, watchpoint, pause, exit or the
   * goal; in slices, yielding to the event loop so requests (pause) get in.
   */
  private async runGoal(goal: Goal): Promise<Outcome> {
    this.goal = goal;
    this.pauseRequested = false;
    this.hookStop = undefined;
    this.arm(goal.tempBreaks);
    this.hart.ignoreBreakAt = this.hart.pc;
    const started = this.position;
    try {
      for (;;) {
        const limit = goal.untilPos !== undefined ? goal.untilPos - this.position : SLICE;
        const r = this.runSlice(limit);
        this.flushTrapEvents();
        if (this.hookStop) return this.stopped(this.hookStop);
        switch (r.kind) {
          case 'exit':
            return { kind: 'exited', code: r.code };
          case 'breakpoint': {
            const hits = this.breakpointsAt(r.pc, true);
            if (hits.length) return this.bpStop(hits);
            if (goal.tempBreaks?.includes(r.pc) && (!goal.atTemp || goal.atTemp(r.pc))) return { kind: 'goal' };
            this.hart.ignoreBreakAt = r.pc;
            break;
          }
          case 'watchpoint': {
            const o = this.watchStop(r);
            if (o) return o;
            break;
          }
          case 'halt':
            if (!r.waitingForInput) return this.stopped({ reason: 'exception', description: r.message, text: r.message });
            // Only console input can wake the guest: wait for it (or a pause).
            while (this.pendingInput.length === 0 && !this.pauseRequested && this.nextInputPos() > this.position) {
              await new Promise((res) => setTimeout(res, 10));
            }
            break;
          case 'pause':
          case 'limit':
            break;
        }
        if (goal.untilPos !== undefined && this.position >= goal.untilPos) return { kind: 'goal' };
        if (this.maxInstructions > 0 && this.position - started >= this.maxInstructions) {
          return this.stopped({ reason: 'pause', description: `maxInstructions (${this.maxInstructions}) reached`, text: `paused after ${this.maxInstructions} instructions (launch attribute maxInstructions)` });
        }
        await new Promise((res) => setImmediate(res));
        if (this.pauseRequested) return this.stopped({ reason: 'pause' });
      }
    } finally {
      this.goal = undefined;
      this.hookStop = undefined;
      this.arm();
    }
  }

  private report(o: Outcome, fallback: StopInfo = { reason: 'step' }): void {
    this.flushTrapEvents();
    if (o.kind === 'exited') {
      this.state = 'exited';
      this.exitCode = o.code;
      this.emit('exited', o.code);
      return;
    }
    const stop = o.kind === 'stopped' ? o.stop : fallback;
    this.lastException = stop.reason === 'exception' ? stop.trap : undefined;
    this.state = 'stopped';
    this.emit('stopped', stop);
  }

  private async guarded(f: () => Promise<Outcome>, fallback?: StopInfo): Promise<void> {
    this.state = 'running';
    let o: Outcome;
    try {
      o = await f();
    } catch (e) {
      this.emit('output', `internal error while running: ${(e as Error).stack ?? e}\n`, 'stderr');
      o = { kind: 'stopped', stop: { reason: 'pause', description: 'internal error' } };
    }
    this.report(o, fallback);
  }

  async resume(goal: Goal): Promise<void> {
    await this.guarded(() => this.runGoal(goal));
  }

  /** Continue. */
  async continue(): Promise<void> {
    await this.resume({});
  }

  // ---- stepping ----

  /** The instruction at pc: length and whether it is a call (jal/jalr linking ra or t0). */
  private insnAt(pc: number): { len: number; word: number; isCall: boolean; isReturn: boolean; target?: number } | undefined {
    const w = this.readVirtual(pc, 2);
    if (w === undefined) return undefined;
    let word = Number(w);
    let len = 2;
    if ((word & 3) === 3) {
      const hi = this.readVirtual(pc + 2, 2);
      if (hi === undefined) return undefined;
      word = (word | (Number(hi) << 16)) >>> 0;
      len = 4;
    }
    let isCall = false;
    let isReturn = false;
    let target: number | undefined;
    if (len === 4) {
      const op = word & 0x7f;
      const rd = (word >>> 7) & 31;
      const rs1 = (word >>> 15) & 31;
      if (op === 0x6f && (rd === 1 || rd === 5)) {
        isCall = true;
        const imm = ((word >> 31) << 20) | (((word >>> 12) & 0xff) << 12) | (((word >>> 20) & 1) << 11) | (((word >>> 21) & 0x3ff) << 1);
        target = pc + imm;
      }
      if (op === 0x67 && (rd === 1 || rd === 5)) isCall = true;
      if (op === 0x67 && rd === 0 && (rs1 === 1 || rs1 === 5)) isReturn = true;
    } else {
      // c.jalr rs1 (rd = ra); c.jr ra is a return.
      if ((word & 0xf07f) === 0x9002 && ((word >>> 7) & 31) !== 0) isCall = true;
      if ((word & 0xf07f) === 0x8002 && (((word >>> 7) & 31) === 1 || ((word >>> 7) & 31) === 5)) isReturn = true;
    }
    return { len, word, isCall, isReturn, target };
  }

  /** Step over one instruction: calls run to their return, a trap runs until its handler returns. */
  private async nextInstruction(): Promise<Outcome> {
    const pc = this.hart.pc;
    const insn = this.insnAt(pc);
    const depth = this.chain.depth;
    if (insn?.isCall) {
      const sp = this.hart.getX(2);
      const ret = pc + insn.len;
      const prevPriv = this.hart.priv;
      return this.runGoal({ tempBreaks: [ret], atTemp: () => this.hart.getX(2) >= sp && this.chain.depth === depth && this.hart.priv === prevPriv });
    }
    const o = this.stepInstruction();
    if (o.kind !== 'goal') return o;
    if (this.chain.depth > depth) return this.runGoal({ untilDepth: depth });
    return o;
  }

  private lineAt(pc: number): string | undefined {
    const r = this.program.lines.lookup(pc);
    return r ? `${r.file}:${r.line}` : undefined;
  }

  /** A new statement: the start of a source row of another line (or code without source after leaving the line). */
  private newStatement(startLine: string | undefined, startDepth: number): boolean {
    if (this.chain.depth !== startDepth) return true;
    const pc = this.hart.pc;
    const line = this.lineAt(pc);
    if (line === undefined) return true;
    return line !== startLine && this.program.lines.isRowStart(pc);
  }

  async next(granularity: 'instruction' | 'line' = 'line'): Promise<void> {
    await this.guarded(async () => {
      const startLine = this.lineAt(this.hart.pc);
      const depth = this.chain.depth;
      const sp = this.hart.getX(2);
      for (let i = 0; ; i++) {
        const wasReturn = this.insnAt(this.hart.pc)?.isReturn ?? false;
        const o = await this.nextInstruction();
        if (o.kind !== 'goal') return o;
        if (granularity === 'instruction' || startLine === undefined) return o;
        if (this.newStatement(startLine, depth)) return o;
        // Returned out of the function: stop in the caller, even mid-line.
        if (wasReturn && this.hart.getX(2) > sp) return o;
        if (i % 4096 === 4095) {
          await new Promise((res) => setImmediate(res));
          if (this.pauseRequested) return this.stopped({ reason: 'pause' });
        }
      }
    });
  }

  async stepIn(granularity: 'instruction' | 'line' = 'line'): Promise<void> {
    await this.guarded(async () => {
      this.pauseRequested = false;
      const startLine = this.lineAt(this.hart.pc);
      const depth = this.chain.depth;
      for (let i = 0; ; i++) {
        const insn = this.insnAt(this.hart.pc);
        let o: Outcome;
        // At line granularity, a call into code without source is stepped over.
        if (granularity === 'line' && insn?.isCall && insn.target !== undefined && !this.program.lines.lookup(insn.target)) o = await this.nextInstruction();
        else o = this.stepInstruction();
        if (o.kind !== 'goal') return o;
        if (granularity === 'instruction' || startLine === undefined) return o;
        if (this.newStatement(startLine, depth)) return o;
        if (i % 4096 === 4095) {
          await new Promise((res) => setImmediate(res));
          if (this.pauseRequested) return this.stopped({ reason: 'pause' });
        }
      }
    });
  }

  /** Out of the trap handler (when in one) or out of the current function. */
  async stepOut(): Promise<void> {
    await this.guarded(async () => {
      this.pauseRequested = false;
      const depth = this.chain.depth;
      if (depth > 0) return this.runGoal({ untilDepth: depth - 1 });
      // Instruction by instruction, counting calls and returns.
      let calls = 0;
      for (let i = 1; ; i++) {
        const insn = this.insnAt(this.hart.pc);
        const o = insn?.isCall ? await this.nextInstruction() : this.stepInstruction();
        if (o.kind !== 'goal') return o;
        if (insn?.isReturn && this.chain.depth === depth) {
          if (calls === 0) return o;
          calls--;
        }
        if (i % 20000 === 0) {
          await new Promise((res) => setImmediate(res));
          if (this.pauseRequested) return this.stopped({ reason: 'pause' });
        }
      }
    });
  }

  // ---- reverse ----

  /** Returns the machine to position `target` (≤ now): restore, then replay muted. */
  private goToPosition(target: number): boolean {
    let idx = -1;
    for (let i = 0; i < this.meta.length; i++) if (this.meta[i].pos <= target) idx = i;
    if (idx < 0) return false;
    this.restoreTo(idx);
    this.replayTo(target);
    if (this.position === target) this.deliverInputs();
    return this.position === target;
  }

  private restoreTo(idx: number): void {
    const snap = this.store.snapshots[idx] as Snapshot;
    const m = this.meta[idx];
    this.store.restore(snap);
    this.meta.length = idx + 1;
    this.trapCount = m.trapCount;
    this.history.length = m.historyLength;
    this.actionsDone = m.inputsDelivered;
    this.chain = new TrapChain();
    for (const t of this.history) this.chain.apply(t);
  }

  private replayTo(target: number): void {
    this.replayTarget = target;
    const muted = this.muted;
    this.muted = true;
    this.disarm();
    try {
      let guard = 0;
      while (this.position < target && guard++ < 1e7) {
        const r = this.runSlice(target - this.position);
        if (r.kind === 'exit' || (r.kind === 'halt' && !r.waitingForInput)) break;
        if (r.kind === 'halt' && this.nextInputPos() > this.position) break;
      }
    } finally {
      this.replayTarget = undefined;
      this.muted = muted;
      this.unsent = [];
      this.rearmWatches();
      this.arm();
    }
  }

  get canReverse(): boolean {
    return this.meta.length > 0 && this.position > this.meta[0].pos;
  }

  async stepBack(granularity: 'instruction' | 'line' = 'line'): Promise<void> {
    await this.guarded(async () => {
      const startLine = this.lineAt(this.hart.pc);
      const depth = this.chain.depth;
      const floor = this.meta[0]?.pos ?? 0;
      for (let i = 0; i < 256; i++) {
        if (this.position <= floor) return this.stopped({ reason: 'step', description: 'at the start of the recorded history' });
        if (!this.goToPosition(this.position - 1)) return this.stopped({ reason: 'step', description: 'cannot go back further' });
        if (granularity === 'instruction' || startLine === undefined) break;
        if (this.newStatement(startLine, depth)) break;
      }
      return { kind: 'goal' };
    });
  }

  /** Back to the most recent breakpoint, watchpoint or exception-filter stop before now. */
  async reverseContinue(): Promise<void> {
    await this.guarded(async () => {
      const now = this.position;
      const floor = this.meta[0]?.pos ?? 0;
      for (let idx = this.meta.length - 1; idx >= 0; idx--) {
        if (this.meta[idx].pos >= now) continue;
        const segStart = this.meta[idx].pos;
        const segEnd = idx + 1 < this.meta.length ? Math.min(this.meta[idx + 1].pos, now) : now;
        const hits = this.scanSegment(idx, segEnd);
        const last = hits.filter((h) => h.pos < now && h.pos >= segStart).at(-1);
        if (last) {
          this.goToPosition(last.pos);
          return this.stopped(last.stop);
        }
      }
      this.goToPosition(floor);
      return this.stopped({ reason: 'step', description: 'at the start of the recorded history' });
    });
  }

  /** Replays snapshot `idx` up to `end`, collecting where the guest would have stopped. */
  private scanSegment(idx: number, end: number): { pos: number; stop: StopInfo }[] {
    this.restoreTo(idx);
    const hits: { pos: number; stop: StopInfo }[] = [];
    const muted = this.muted;
    this.muted = true;
    this.scanning = true;
    this.arm();
    this.rearmWatches();
    try {
      let guard = 0;
      while (this.position < end && guard++ < 1e7) {
        this.hookStop = undefined;
        const r = this.runSlice(end - this.position);
        if (this.hookStop) hits.push({ pos: this.position, stop: this.hookStop });
        if (r.kind === 'breakpoint') {
          const bps = this.breakpointsAt(r.pc, false);
          if (bps.length) {
            const o = this.bpStop(bps);
            if (o.kind === 'stopped') hits.push({ pos: this.position, stop: o.stop });
          }
          this.hart.ignoreBreakAt = r.pc;
        } else if (r.kind === 'watchpoint') {
          const o = this.watchStop(r);
          if (o?.kind === 'stopped') hits.push({ pos: this.position, stop: o.stop });
        } else if (r.kind === 'exit' || r.kind === 'halt') break;
      }
    } finally {
      this.scanning = false;
      this.muted = muted;
      this.hookStop = undefined;
      this.unsent = [];
    }
    return hits;
  }

  // ---- goto ----

  /** Moves the pc (state edit: reverse history restarts here). */
  async goto(address: number): Promise<void> {
    this.edit(() => (this.hart.pc = address));
    this.report({ kind: 'stopped', stop: { reason: 'goto' } });
  }

  // ---- state access ----

  /** Reads guest memory through the current translation (RAM only: device reads have side effects). */
  readVirtual(addr: number, size: number): bigint | undefined {
    const bytes = this.readBytes(addr, size);
    if (!bytes || bytes.length < size) return undefined;
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[i]);
    return v;
  }

  /** Physical address for a debugger access at virtual `addr` (undefined if unmapped). */
  toPhysical(addr: number): number | undefined {
    const h = this.hart;
    const c = h.csr;
    const priv = h.priv === 3 && c.mprv ? c.mpp : h.priv;
    if (priv === 3 || c.satpMode === 0) return addr;
    const w = walk(h.bus, c.satp, addr);
    return w.physical;
  }

  /** Up to `count` bytes from `addr` on; stops at the first unreadable byte. */
  readBytes(addr: number, count: number): Uint8Array | undefined {
    const out: number[] = [];
    const bus = this.hart.bus;
    let a = addr;
    while (out.length < count) {
      const pa = this.toPhysical(a);
      if (pa === undefined || !bus.inRam(pa, 1)) break;
      const pageLeft = 4096 - (a & 4095);
      const n = Math.min(count - out.length, pageLeft, bus.ramBase + bus.ramSize - pa);
      const off = pa - bus.ramBase;
      for (let i = 0; i < n; i++) out.push(bus.ram[off + i]);
      a += n;
    }
    return out.length ? Uint8Array.from(out) : undefined;
  }

  /** Writes bytes through the current translation; returns how many were written. */
  writeBytes(addr: number, data: Uint8Array): number {
    const bus = this.hart.bus;
    let done = 0;
    while (done < data.length) {
      const pa = this.toPhysical(addr + done);
      if (pa === undefined || !bus.inRam(pa, 1)) break;
      const n = Math.min(data.length - done, 4096 - ((addr + done) & 4095), bus.ramBase + bus.ramSize - pa);
      const chunk = data.slice(done, done + n);
      this.edit(() => bus.loadBytes(pa, chunk));
      done += n;
    }
    return done;
  }

  /** Names the expression language knows, for one hart. */
  lookup(name: string, trap?: DebugTrap): bigint | undefined {
    const h = this.hart;
    const lower = name.toLowerCase();
    if (lower === 'pc') return BigInt.asUintN(64, BigInt(h.pc));
    if (lower === 'priv') return BigInt(h.priv);
    if (lower === 'instret' || lower === 'position') return BigInt(lower === 'instret' ? h.instret : this.position);
    const x = parseXReg(lower);
    if (x !== undefined) return BigInt.asUintN(64, h.getX(x));
    const f = parseFReg(lower);
    if (f !== undefined) return h.getF(f);
    if (trap && ['cause', 'tval', 'epc', 'interrupt', 'from', 'to'].includes(lower)) {
      switch (lower) {
        case 'cause': return BigInt(trap.cause);
        case 'tval': return trap.tval & M64;
        case 'epc': return BigInt.asUintN(64, BigInt(trap.epc));
        case 'interrupt': return trap.kind === 'interrupt' ? 1n : 0n;
        case 'from': return BigInt(trap.from.priv);
        case 'to': return BigInt(trap.to.priv);
      }
    }
    const dot = name.indexOf('.');
    const csrName = dot > 0 ? name.slice(0, dot) : name;
    const info = csrByName(csrName);
    if (info) {
      const v = h.csr.read(info.num, 3);
      if (v !== undefined) {
        if (dot < 0) return v;
        const field = info.fields?.find((fl) => fl.name.toLowerCase() === name.slice(dot + 1).toLowerCase());
        if (field) return (v >> BigInt(field.lo)) & ((1n << BigInt(field.hi - field.lo + 1)) - 1n);
      }
    }
    const sym = this.program.symbols.get(name);
    if (sym) return BigInt.asUintN(64, BigInt(sym.address));
    return undefined;
  }

  evaluate(text: string, trap?: DebugTrap) {
    const ctx: EvalContext = {
      lookup: (n) => this.lookup(n, trap),
      readMemory: (a, size) => this.readVirtual(Number(BigInt.asIntN(64, a)), size),
    };
    return evaluate(text, ctx);
  }

  disassemble(address: number, count: number): { address: number; bytes: string; text: string; file?: string; line?: number; symbol?: string }[] {
    const out: { address: number; bytes: string; text: string; file?: string; line?: number; symbol?: string }[] = [];
    const state = newDisasmState();
    let a = address;
    for (let i = 0; i < count; i++) {
      const lo = this.readVirtual(a, 2);
      if (lo === undefined) {
        out.push({ address: a, bytes: '', text: '<unreadable>' });
        a += 2;
        continue;
      }
      let word = Number(lo);
      let len = 2;
      if ((word & 3) === 3) {
        const hi = this.readVirtual(a + 2, 2);
        if (hi !== undefined) {
          word = (word | (Number(hi) << 16)) >>> 0;
          len = 4;
        }
      }
      const text = disassembleInsn(word, BigInt.asUintN(64, BigInt(a)), { aliases: true, state }, (t) => this.program.symbols.describe(Number(BigInt.asIntN(64, t)))).replace('\t', ' ');
      const row = this.program.lines.lookup(a);
      const sym = this.program.symbols.at(a);
      out.push({
        address: a,
        bytes: len === 4 ? word.toString(16).padStart(8, '0') : word.toString(16).padStart(4, '0'),
        text,
        file: row?.file,
        line: row?.line,
        symbol: sym && sym.address === a ? sym.name : undefined,
      });
      a += len;
    }
    return out;
  }

  get lines(): SourceMap {
    return this.program.lines;
  }

  get symbols(): SymbolTable {
    return this.program.symbols;
  }

  describeAddress(addr: number): string {
    return this.program.symbols.describe(addr) ?? `0x${BigInt.asUintN(64, BigInt(addr)).toString(16)}`;
  }

  dispose(): void {
    this.pause();
    this.removeAllListeners();
  }
}

function sameSet(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

/** A hit condition: "5" (stop on the 5th hit and after), ">= 5", "> 5", "== 5", "% 5". */
export function parseHitCondition(s: string): ((hits: number) => boolean) | undefined {
  const m = /^\s*(>=|>|==|=|%)?\s*(\d+)\s*$/.exec(s);
  if (!m) return undefined;
  const n = Number(m[2]);
  switch (m[1]) {
    case '>': return (h) => h > n;
    case '==':
    case '=': return (h) => h === n;
    case '%': return (h) => n > 0 && h % n === 0;
    default: return (h) => h >= n;
  }
}

function sampleTrap(): DebugTrap {
  return { pos: 0, instret: 0, kind: 'trap', cause: 2, name: 'illegal instruction', tval: 0n, epc: 0, handler: 0, from: { priv: 0, virt: false }, to: { priv: 3, virt: false } };
}
