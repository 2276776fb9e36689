/**
 * The virtualization modes a guest can run under — one list for the CLI, the
 * debug adapter, the language server and the extension. Each maps to a
 * section of the seed article (hardware emulation, full virtualization —
 * traditional and hardware-assisted —, paravirtualization, OS-level).
 */

export const MODES = ['emulate', 'native', 'trap-and-emulate', 'binary-translation', 'hardware-assisted', 'paravirt', 'container'] as const;

export type Mode = (typeof MODES)[number];

export const DEFAULT_MODE: Mode = 'emulate';

/** Modes the engine runs today; the others are accepted by name and refused with a clear message. */
export const AVAILABLE_MODES: readonly Mode[] = ['emulate', 'native'];

/** One line per mode, for pickers, settings and help text. */
export const MODE_DESCRIPTIONS: Record<Mode, string> = {
  emulate: 'Hardware emulation: every instruction interpreted, as QEMU TCG or Spike do',
  native: 'The guest kernel in real S-mode behind built-in SBI firmware: no virtualization, the yardstick',
  'trap-and-emulate': 'Deprivileged guest kernel; privileged instructions trap to the hypervisor, which emulates them',
  'binary-translation': 'Sensitive instructions are rewritten before they run',
  'hardware-assisted': 'The H extension: VS/VU modes, two-stage translation, virtual interrupts',
  paravirt: 'The guest calls the hypervisor directly (SBI calls, Xen-like hypercalls)',
  container: 'OS-level: one kernel isolates groups of user processes',
};

/** Short labels (status bar). */
export const MODE_LABELS: Record<Mode, string> = {
  emulate: 'Emulate',
  native: 'Native',
  'trap-and-emulate': 'Trap & Emulate',
  'binary-translation': 'Binary Translation',
  'hardware-assisted': 'Hardware-Assisted',
  paravirt: 'Paravirt',
  container: 'Container',
};

/** Where a guest kernel's own instructions execute under each mode (for sensitivity hints). */
export const GUEST_KERNEL_RUNS_AT: Partial<Record<Mode, { priv: 'M' | 'S' | 'U'; virt: boolean }>> = {
  'trap-and-emulate': { priv: 'U', virt: false },
  'binary-translation': { priv: 'U', virt: false },
  'hardware-assisted': { priv: 'S', virt: true },
  paravirt: { priv: 'U', virt: false },
};

export function isMode(x: unknown): x is Mode {
  return typeof x === 'string' && (MODES as readonly string[]).includes(x);
}
