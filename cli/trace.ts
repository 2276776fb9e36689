/**
 * `--trace`: the hart's trap events (engine/cpu/trap-event.ts, documented in
 * docs/events.md) printed one a line, or as JSON lines following the schema.
 */
import { disassembleInsn } from '../engine/isa/disasm';
import type { Machine } from '../engine/machine/machine';
import type { PrivMode, TrapEvent } from '../engine/cpu/trap-event';

export const PRIV = ['U', 'S', '?', 'M'];
export const hex = (v: bigint | number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

/** "M", "S", "U", or "VS" / "VU" when V = 1. */
export function modeName(m: PrivMode): string {
  return (m.virt ? 'V' : '') + (PRIV[m.priv] ?? '?');
}

/** objdump's text for the event's instruction word ("csrrw\tzero,mvendorid,zero"). */
export function disassembly(e: TrapEvent): string | undefined {
  return e.insn === undefined ? undefined : disassembleInsn(e.insn, e.epc, { aliases: true });
}

/** The human-readable line for one event. */
export function formatEvent(e: TrapEvent): string {
  const head = `#${e.seq} hart${e.hart} @${e.instret} ${modeName(e.from)}->${modeName(e.to)}`;
  if (e.kind === 'return') return `${e.name} ${head} epc=${hex(e.epc)} -> ${hex(e.handler)}`;
  let s = `${e.kind} ${head} cause=${e.cause} (${e.name}) epc=${hex(e.epc)} tval=${hex(e.tval)}`;
  if (e.htval !== undefined && e.htval !== 0n) s += ` htval=${hex(e.htval)}`;
  if (e.tval2 !== undefined && e.tval2 !== 0n) s += ` tval2=${hex(e.tval2)}`;
  if (e.htinst !== undefined && e.htinst !== 0n) s += ` htinst=${hex(e.htinst)}`;
  if (e.insn !== undefined) s += ` insn=${hex(e.insn)} (${disassembly(e)!.replace(/\t/, ' ')})`;
  return `${s} -> ${hex(e.handler)}`;
}

/** The JSON object for one event: 64-bit values as "0x…" strings (JSON
 * numbers cannot hold them exactly), the rest as the schema has them. */
export function eventJson(e: TrapEvent): Record<string, unknown> {
  const o: Record<string, unknown> = {
    v: e.v,
    kind: e.kind,
    hart: e.hart,
    seq: e.seq,
    instret: e.instret,
    cause: e.cause,
    name: e.name,
    tval: hex(e.tval),
    from: { priv: e.from.priv, virt: e.from.virt },
    to: { priv: e.to.priv, virt: e.to.virt },
    epc: hex(e.epc),
    handler: hex(e.handler),
  };
  if (e.insn !== undefined) {
    o.insn = hex(e.insn);
    o.disasm = disassembly(e);
  }
  if (e.htval !== undefined) o.htval = hex(e.htval);
  if (e.htinst !== undefined) o.htinst = hex(e.htinst);
  if (e.tval2 !== undefined) o.tval2 = hex(e.tval2);
  return o;
}

/** Prints every hart's events on `err` (the 'insn' mode prints the traps
 * as 'traps' does, beside its own instruction lines). */
export function attachTrace(m: Machine, mode: 'traps' | 'json' | 'insn', err: (s: string) => void): void {
  const listener = (e: TrapEvent) => err(mode === 'json' ? JSON.stringify(eventJson(e)) : formatEvent(e));
  for (const h of m.harts) h.csr.onTrap = listener;
}
