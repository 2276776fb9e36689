/** `--trace`: trap events (and their returns) printed one a line, or as JSON lines. */
import { causeName } from '../engine/cpu/causes';
import type { Machine } from '../engine/machine/machine';

export const PRIV = ['U', 'S', '?', 'M'];
export const hex = (v: bigint | number) => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

export function attachTrace(m: Machine, mode: 'traps' | 'json' | 'insn', err: (s: string) => void): void {
  let seq = 0;
  m.hart.csr.onTrap = (e) => {
    seq++;
    const instret = m.instret;
    if (mode === 'json') {
      const base = { v: 1, seq, hart: m.hart.hartId, instret, from: PRIV[e.fromPriv], to: PRIV[e.toPriv], epc: hex(e.epc), handler: hex(e.handler) };
      err(JSON.stringify(e.kind === 'trap' ? { ...base, kind: 'trap', cause: e.cause, interrupt: e.interrupt, name: causeName(e.cause, e.interrupt), tval: hex(e.tval) } : { ...base, kind: 'return', insn: e.insn }));
    } else if (e.kind === 'trap') {
      err(`trap #${seq} @${instret} ${PRIV[e.fromPriv]}->${PRIV[e.toPriv]} ${e.interrupt ? 'interrupt' : 'exception'} ${e.cause} (${causeName(e.cause, e.interrupt)}) epc=${hex(e.epc)} tval=${hex(e.tval)} -> ${hex(e.handler)}`);
    } else {
      err(`${e.insn} #${seq} @${instret} ${PRIV[e.fromPriv]}->${PRIV[e.toPriv]} to ${hex(e.handler)}`);
    }
  };
}
