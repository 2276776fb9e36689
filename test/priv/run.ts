/**
 * Running the privileged-architecture programs: QEMU with an explicit CPU
 * model (the H programs need `rv64,h=true` whatever the shared harness uses),
 * and the engine with its trap-event hook attached, so a test can hold the
 * events against the transcript the guest printed.
 */
import * as path from 'path';
import { BufferHost } from '../../engine/host';
import type { MachineOptions, StopReason } from '../../engine/machine/types';
import { runOnQemu, type Exit, type RunResult } from '../qemu/harness';

/** A privilege level with V, as the versioned trap event has it. */
export interface Mode {
  priv: number;
  virt: boolean;
}

/** The fields of a trap event the tests look at, whichever shape the engine
 * emits (the versioned `TrapEvent` of engine/cpu/trap-event.ts, or the
 * older record with fromPriv/toPriv/interrupt). */
export interface PrivEvent {
  kind: 'trap' | 'interrupt' | 'return';
  cause: number;
  name?: string;
  tval: bigint;
  epc: bigint;
  handler: bigint;
  from: Mode;
  to: Mode;
  htval?: bigint;
  /** True when the engine emitted the versioned (v: 1) event. */
  versioned: boolean;
}

/** Converts one emitted event to PrivEvent; undefined for an unknown shape. */
export function normalizeEvent(e: unknown): PrivEvent | undefined {
  if (typeof e !== 'object' || e === null) return undefined;
  const r = e as Record<string, unknown>;
  const big = (v: unknown): bigint => (typeof v === 'bigint' ? v : typeof v === 'number' ? BigInt(v) : 0n);
  if (r.v === 1) {
    const from = r.from as Mode;
    const to = r.to as Mode;
    return {
      kind: r.kind as PrivEvent['kind'],
      cause: r.cause as number,
      name: r.name as string,
      tval: big(r.tval),
      epc: big(r.epc),
      handler: big(r.handler),
      from: { priv: from.priv, virt: !!from.virt },
      to: { priv: to.priv, virt: !!to.virt },
      htval: r.htval === undefined ? undefined : big(r.htval),
      versioned: true,
    };
  }
  if (r.kind === 'trap' || r.kind === 'return') {
    const from = { priv: Number(r.fromPriv), virt: false };
    const to = { priv: Number(r.toPriv), virt: false };
    if (r.kind === 'return') {
      return { kind: 'return', cause: -1, name: String(r.insn), tval: 0n, epc: big(r.epc), handler: big(r.handler), from, to, versioned: false };
    }
    return {
      kind: r.interrupt ? 'interrupt' : 'trap',
      cause: Number(r.cause),
      tval: big(r.tval),
      epc: big(r.epc),
      handler: big(r.handler),
      from,
      to,
      versioned: false,
    };
  }
  return undefined;
}

/** Runs an ELF on QEMU with the given CPU model (the shared harness, console to a file). */
export function runQemu(elf: string, cpu: string | undefined, timeoutMs = 30_000): Promise<RunResult> {
  return runOnQemu(elf, { cpu, timeoutMs });
}

interface MachineLike {
  loadElf(bytes: Uint8Array): { ok: true; entry: bigint } | { ok: false; error: string };
  run(maxInsns: number): StopReason;
  readonly instret: number;
  readonly hart: { csr: { onTrap: ((e: never) => void) | undefined } };
}
type MachineCtor = new (opts: MachineOptions) => MachineLike;

/** The engine's Machine, loaded when first needed so that a broken engine
 * build fails the engine tests with its error instead of this whole file. */
export function loadMachine(): MachineCtor | string {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(path.join(__dirname, '..', '..', 'engine', 'machine', 'machine')) as { Machine?: MachineCtor };
    return typeof mod.Machine === 'function' ? mod.Machine : 'engine/machine/machine has no Machine export';
  } catch (e) {
    return `cannot load the engine: ${(e as Error).message}`;
  }
}

export interface EngineRun extends RunResult {
  events: PrivEvent[];
  instret: number;
}

/** Runs an ELF on the engine's virt machine, recording every trap event. */
export function runEngine(elf: Uint8Array, maxInsns = 100_000_000): EngineRun {
  const events: PrivEvent[] = [];
  const Machine = loadMachine();
  if (typeof Machine === 'string') return { output: '', exit: Machine, events, instret: 0 };
  const host = new BufferHost();
  let m: MachineLike;
  try {
    m = new Machine({ kind: 'virt', host, icountShift: 0 });
  } catch (e) {
    return { output: '', exit: `Machine constructor threw: ${(e as Error).message}`, events, instret: 0 };
  }
  m.hart.csr.onTrap = ((e: unknown) => {
    const n = normalizeEvent(e);
    if (n) events.push(n);
  }) as (e: never) => void;
  const loaded = m.loadElf(elf);
  if (!loaded.ok) return { output: '', exit: `loadElf: ${loaded.error}`, events, instret: 0 };
  let budget = maxInsns;
  let exit: Exit;
  try {
    for (;;) {
      const n = Math.min(10_000_000, budget);
      const stop = m.run(n);
      budget -= n;
      if (stop.kind === 'exit') {
        exit = stop.code;
        break;
      }
      if (stop.kind === 'limit') {
        if (budget <= 0) {
          exit = 'limit';
          break;
        }
        continue;
      }
      exit = stop.kind === 'halt' ? `halt: ${stop.message}` : `stopped: ${JSON.stringify(stop)}`;
      break;
    }
  } catch (e) {
    exit = `engine threw: ${(e as Error).stack ?? e}`;
  }
  return { output: host.output, exit, events, instret: m.instret };
}

/** A trap line the runtime's handlers print: "M cause=.. tval=.. epc=.. pp=.." (+ " v=.."). */
export interface TrapLine {
  line: number;
  text: string;
  level: 'M' | 'S' | 'VS';
  cause: bigint;
  tval: bigint;
  epc: bigint;
  pp: number;
  v?: number;
}

export function parseTrapLines(output: string): TrapLine[] {
  const out: TrapLine[] = [];
  output.split('\n').forEach((text, i) => {
    const m = /^(M|S|VS) cause=([0-9a-f]+) tval=([0-9a-f]+) epc=([0-9a-f]+) pp=([0-9a-f]+)(?: v=([01]))?/.exec(text);
    if (!m) return;
    out.push({
      line: i + 1,
      text,
      level: m[1] as TrapLine['level'],
      cause: BigInt('0x' + m[2]),
      tval: BigInt('0x' + m[3]),
      epc: BigInt('0x' + m[4]),
      pp: Number(m[5]),
      v: m[6] === undefined ? undefined : Number(m[6]),
    });
  });
  return out;
}

const INTERRUPT = 1n << 63n;

/** Whether an event is the one a printed trap line reports. */
export function eventMatches(t: TrapLine, e: PrivEvent): boolean {
  if (e.kind === 'return') return false;
  const interrupt = (t.cause & INTERRUPT) !== 0n;
  if ((e.kind === 'interrupt') !== interrupt) return false;
  if (BigInt(e.cause) !== (t.cause & ~INTERRUPT)) return false;
  if (e.tval !== t.tval || e.epc !== t.epc) return false;
  const toPriv = t.level === 'M' ? 3 : 1;
  if (e.to.priv !== toPriv) return false;
  if (e.versioned && e.to.virt !== (t.level === 'VS')) return false;
  // MPP/SPP hold the privilege the trap came from (SPP only tells U from S)
  if (t.level === 'M' ? e.from.priv !== t.pp : (e.from.priv === 0 ? 0 : 1) !== t.pp) return false;
  if (e.versioned && t.v !== undefined && e.from.virt !== (t.v === 1)) return false;
  return true;
}

/**
 * Checks that the trap lines of a transcript appear, in order, among the
 * events (which also hold the traps the runtime handles silently: TO_M
 * ecalls, forwarded ecalls, quiet cases). Returns a description of the first
 * line without a matching event, or undefined.
 */
export function unmatchedTrapLine(output: string, events: PrivEvent[]): string | undefined {
  let j = 0;
  for (const t of parseTrapLines(output)) {
    while (j < events.length && !eventMatches(t, events[j])) j++;
    if (j === events.length) {
      const near = events.filter((e) => e.kind !== 'return').slice(-3).map(describeEvent).join('; ');
      return `line ${t.line} '${t.text}' has no matching trap event (last events: ${near || 'none'})`;
    }
    j++;
  }
  return undefined;
}

export function describeEvent(e: PrivEvent): string {
  const mode = (m: Mode) => (m.virt ? 'V' : '') + (['U', 'S', '?', 'M'][m.priv] ?? '?');
  return `${e.kind} ${e.cause} ${mode(e.from)}->${mode(e.to)} epc=${e.epc.toString(16)} tval=${e.tval.toString(16)}`;
}
