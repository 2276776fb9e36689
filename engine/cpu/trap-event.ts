/**
 * The record every trap, interrupt and trap return (mret, sret) produces, for
 * tracers and the debugger. Versioned so consumers can detect a shape change.
 *
 * Emission costs nothing when nobody listens: the CSR layer builds an event
 * only while `CsrState.onTrap` is set.
 */

/** A privilege level with the virtualization mode (V) it ran in. */
export interface PrivMode {
  /** 0 = U, 1 = S, 3 = M. */
  priv: number;
  /** True for VS/VU (V = 1). */
  virt: boolean;
}

export interface TrapEvent {
  v: 1;
  kind: 'trap' | 'interrupt' | 'return';
  hart: number;
  /** Events emitted by this hart so far, from 1. */
  seq: number;
  /** Retired instructions when the event happened (the trapping one excluded). */
  instret: number;
  /** Exception or interrupt code as written to xcause (without the interrupt
   * bit); for a return, -1. A VS interrupt delegated to VS is reported with
   * the code the guest sees (e.g. 5 for a VS timer interrupt). */
  cause: number;
  /** Readable name of the cause, or 'mret' / 'sret' for a return. */
  name: string;
  /** The value written to xtval (0 for returns and most interrupts). */
  tval: bigint;
  from: PrivMode;
  to: PrivMode;
  /** The trapping pc (xepc) or, for a return, the pc of the xRET. */
  epc: bigint;
  /** Where execution continues: the trap handler or the return target. */
  handler: bigint;
  /** The trapping instruction word when known (illegal / virtual instruction). */
  insn?: number;
  /** Guest-physical address >> 2 written to htval or mtval2, for traps taken into HS or M. */
  htval?: bigint;
  /** The value written to htinst or mtinst. */
  htinst?: bigint;
  /** For traps taken into M: mtval2 (same meaning as htval). */
  tval2?: bigint;
}

export type TrapListener = (e: TrapEvent) => void;
