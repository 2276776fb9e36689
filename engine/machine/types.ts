import type { Host } from '../host';

/** Which board the program owns; both follow QEMU's machines of the same name. */
export type MachineKind = 'virt' | 'spike';

export interface MachineOptions {
  kind: MachineKind;
  host: Host;
  /** RAM size in bytes (QEMU's default 128 MiB). */
  ramBytes?: number;
  /** Virtual time: each retired instruction advances time by 2^icountShift ns,
   * as QEMU's `-icount shift=N,sleep=off` does. */
  icountShift?: number;
  /** Number of harts (QEMU's -smp), 1 by default. */
  harts?: number;
}

/** Why `run` returned. */
export type StopReason =
  | { kind: 'exit'; code: number }               // test finisher / HTIF exit
  | { kind: 'limit' }                            // instruction budget used up
  | { kind: 'breakpoint'; pc: number }
  | { kind: 'watchpoint'; pc: number; address: number; access: 'read' | 'write' }
  | { kind: 'pause' }                            // requested from outside
  /** The guest cannot go on by itself; `waitingForInput` when only console input could wake it (wfi). */
  | { kind: 'halt'; message: string; waitingForInput?: boolean };
