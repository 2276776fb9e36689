/**
 * A read-only Sv39/Sv48 page-table walk for the debugger: the same rules as
 * the hart's translation, but it never sets A/D bits and reports every level
 * it visits, so `translate <vaddr>` can show the walk and memory views can
 * follow the guest's mappings without disturbing its state.
 */
import type { Bus } from '../engine/mem/bus';

export interface WalkStep {
  level: number;
  pteAddress: number;
  pte: bigint;
  note: string;
}

export interface Walk {
  mode: 'bare' | 'Sv39' | 'Sv48' | 'unsupported';
  steps: WalkStep[];
  /** Physical address, or undefined with `fault` saying why. */
  physical?: number;
  fault?: string;
  /** Leaf permissions, e.g. "rwx-u-ad". */
  perms?: string;
}

function permString(lo: number): string {
  const f = (bit: number, c: string) => (lo & bit ? c : '-');
  return f(2, 'r') + f(4, 'w') + f(8, 'x') + f(16, 'u') + f(32, 'g') + f(64, 'a') + f(128, 'd');
}

/** Walks `satp`'s tables for `va` (no privilege checks: the debugger may look anywhere mapped). */
export function walk(bus: Bus, satp: bigint, va: number): Walk {
  const mode = Number(satp >> 60n);
  if (mode === 0) return { mode: 'bare', steps: [], physical: va };
  if (mode !== 8 && mode !== 9) return { mode: 'unsupported', steps: [], fault: `satp.MODE ${mode} is not Sv39/Sv48` };
  const levels = mode === 8 ? 3 : 4;
  const name = mode === 8 ? 'Sv39' : 'Sv48';
  const vaBits = 12 + 9 * levels;
  const limit = 2 ** (vaBits - 1);
  const steps: WalkStep[] = [];
  if (va >= limit || va < -limit) return { mode: name, steps, fault: `0x${BigInt.asUintN(64, BigInt(va)).toString(16)} is not a canonical ${name} address` };
  const uva = va < 0 ? va + 2 * limit : va;
  const t = new Int32Array(2);
  let table = Number(satp & 0xfffffffffffn) * 4096;
  for (let level = levels - 1; level >= 0; level--) {
    const vpn = Math.floor(uva / 2 ** (12 + 9 * level)) % 512;
    const pteAddr = table + vpn * 8;
    if (!bus.inRam(pteAddr, 8) || !bus.read(pteAddr, 8, t)) {
      steps.push({ level, pteAddress: pteAddr, pte: 0n, note: `VPN[${level}]=${vpn}: PTE address is not in RAM` });
      return { mode: name, steps, fault: 'access fault reading a page-table entry' };
    }
    const lo = t[0];
    const hi = t[1];
    const pte = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    const ppn = (hi & 0x3fffff) * 4194304 + (lo >>> 10);
    const base = `VPN[${level}]=${vpn}: PTE ${permString(lo)} v=${lo & 1} ppn=0x${ppn.toString(16)}`;
    if (!(lo & 1) || (lo & 6) === 4 || hi >>> 22) {
      steps.push({ level, pteAddress: pteAddr, pte, note: `${base} — invalid` });
      return { mode: name, steps, fault: 'page fault (invalid PTE)' };
    }
    if ((lo & 0xa) === 0) {
      steps.push({ level, pteAddress: pteAddr, pte, note: `${base} — pointer to next level` });
      if (level === 0) return { mode: name, steps, fault: 'page fault (pointer PTE at the last level)' };
      table = ppn * 4096;
      continue;
    }
    const span = 2 ** (9 * level);
    if (ppn % span !== 0) {
      steps.push({ level, pteAddress: pteAddr, pte, note: `${base} — misaligned superpage` });
      return { mode: name, steps, fault: 'page fault (misaligned superpage)' };
    }
    const size = level === 0 ? '4 KiB page' : level === 1 ? '2 MiB megapage' : level === 2 ? '1 GiB gigapage' : '512 GiB terapage';
    steps.push({ level, pteAddress: pteAddr, pte, note: `${base} — leaf (${size})` });
    return { mode: name, steps, physical: ppn * 4096 + (uva % (span * 4096)), perms: permString(lo) };
  }
  return { mode: name, steps, fault: 'page fault' };
}
