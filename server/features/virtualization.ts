/**
 * Virtualization hints: how the chosen technique treats each instruction,
 * from the engine's Popek–Goldberg classification. The mode comes from a
 * `# hyperstep: mode=…` comment in the file or the `hyperstep.mode` setting.
 */
import { classify, type PrivMode } from '../../engine/isa/sensitivity';
import type { DecodedInsn } from '../../engine/isa/types';
import { GUEST_KERNEL_RUNS_AT, MODE_LABELS, type Mode } from '../../engine/modes';

export interface VirtMode {
  name: string;
  title: string;
  /** Privilege the guest kernel's code actually runs at under this technique. */
  runsAt: PrivMode;
}

/** The modes with a monitor between the guest kernel and the hardware, from the engine's list. */
export const VIRT_MODES: readonly VirtMode[] = Object.entries(GUEST_KERNEL_RUNS_AT).map(([name, runsAt]) => ({
  name,
  title: MODE_LABELS[name as Mode].toLowerCase(),
  runsAt: runsAt as PrivMode,
}));

const ALIASES: Record<string, string> = {
  tae: 'trap-and-emulate', 'trap-emulate': 'trap-and-emulate', bt: 'binary-translation', dbt: 'binary-translation',
  h: 'hardware-assisted', 'h-extension': 'hardware-assisted', hw: 'hardware-assisted', hardware: 'hardware-assisted',
  paravirtualization: 'paravirt', pv: 'paravirt',
};

export function findMode(name: string | undefined): VirtMode | undefined {
  if (!name) return undefined;
  const n = name.trim().toLowerCase();
  const full = ALIASES[n] ?? n;
  return VIRT_MODES.find((m) => m.name === full);
}

/** The hint for one decoded instruction, or undefined when the technique does not care. */
export function virtHint(d: DecodedInsn, mode: VirtMode, text: string): string | undefined {
  const c = classify(d, mode.runsAt);
  if (c.kind === 'unprivileged') return undefined;
  const what = `\`${text}\``;
  switch (mode.name) {
    case 'trap-and-emulate':
      return c.kind === 'privileged'
        ? `${what} — under trap-and-emulate the deprivileged guest traps here and the VMM emulates it (${c.reason})`
        : `${what} — sensitive but does not trap in the deprivileged guest: a trap-and-emulate VMM cannot see it (${c.reason})`;
    case 'binary-translation':
      return `${what} — the binary translator rewrites this ${c.kind} instruction into a call to the VMM (${c.reason})`;
    case 'hardware-assisted':
      return `${what} — in VS-mode (${c.kind}): ${c.reason}`;
    case 'paravirt':
      return `${what} — ${c.kind}: a paravirtualized guest asks the hypervisor with an SBI call (ecall) instead (${c.reason})`;
  }
  return undefined;
}
