/**
 * Virtualization hints: how the chosen technique treats each instruction,
 * from the engine's Popek–Goldberg classification. The mode comes from a
 * `# hyperstep: mode=…` comment in the file or the `hyperstep.mode` setting.
 */
import { classify, type PrivMode } from '../../engine/isa/sensitivity';
import type { DecodedInsn } from '../../engine/isa/types';

export interface VirtMode {
  name: string;
  title: string;
  /** Privilege the guest kernel's code actually runs at under this technique. */
  runsAt: PrivMode;
}

export const VIRT_MODES: readonly VirtMode[] = [
  { name: 'trap-and-emulate', title: 'trap-and-emulate', runsAt: { priv: 'U', virt: false } },
  { name: 'binary-translation', title: 'binary translation', runsAt: { priv: 'U', virt: false } },
  { name: 'hardware-assisted', title: 'hardware-assisted (H extension)', runsAt: { priv: 'S', virt: true } },
  { name: 'paravirtualization', title: 'paravirtualization', runsAt: { priv: 'S', virt: true } },
];

const ALIASES: Record<string, string> = {
  tae: 'trap-and-emulate', 'trap-emulate': 'trap-and-emulate', bt: 'binary-translation', dbt: 'binary-translation',
  h: 'hardware-assisted', 'h-extension': 'hardware-assisted', hw: 'hardware-assisted', hardware: 'hardware-assisted',
  paravirt: 'paravirtualization', pv: 'paravirtualization',
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
    case 'paravirtualization':
      return `${what} — ${c.kind}: a paravirtualized guest asks the hypervisor with an SBI call (ecall) instead (${c.reason})`;
  }
  return undefined;
}
