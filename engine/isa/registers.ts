/**
 * Integer and floating-point register names (numeric and ABI), parsing, and
 * per-register metadata for hover. Names follow the RISC-V psABI and GNU as.
 */
export interface RegisterInfo {
  readonly num: number;
  readonly name: string;   // x5 / f10
  readonly abi: string;    // t0 / fa0
  readonly role: string;
  /** Who must preserve it across calls; 'none' for zero, gp, tp. */
  readonly savedBy: 'caller' | 'callee' | 'none';
}

const X_ABI = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
] as const;
const F_ABI = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
] as const;

function xInfo(n: number): RegisterInfo {
  const abi = X_ABI[n];
  let role: string;
  let savedBy: RegisterInfo['savedBy'];
  if (n === 0) [role, savedBy] = ['hard-wired zero: reads 0, writes are ignored', 'none'];
  else if (n === 1) [role, savedBy] = ['return address (link register of jal/jalr)', 'caller'];
  else if (n === 2) [role, savedBy] = ['stack pointer (16-byte aligned at calls)', 'callee'];
  else if (n === 3) [role, savedBy] = ['global pointer (for gp-relative data access)', 'none'];
  else if (n === 4) [role, savedBy] = ['thread pointer (thread-local storage)', 'none'];
  else if (n === 8) [role, savedBy] = ['saved register 0 / frame pointer (fp)', 'callee'];
  else if (abi.startsWith('t')) [role, savedBy] = ['temporary', 'caller'];
  else if (abi.startsWith('s')) [role, savedBy] = ['saved register', 'callee'];
  else if (n <= 11) [role, savedBy] = ['function argument / return value', 'caller'];
  else [role, savedBy] = ['function argument', 'caller'];
  return { num: n, name: `x${n}`, abi, role, savedBy };
}

function fInfo(n: number): RegisterInfo {
  const abi = F_ABI[n];
  let role: string;
  let savedBy: RegisterInfo['savedBy'];
  if (abi.startsWith('ft')) [role, savedBy] = ['FP temporary', 'caller'];
  else if (abi.startsWith('fs')) [role, savedBy] = ['FP saved register', 'callee'];
  else if (n <= 11) [role, savedBy] = ['FP argument / return value', 'caller'];
  else [role, savedBy] = ['FP argument', 'caller'];
  return { num: n, name: `f${n}`, abi, role, savedBy };
}

export const X_REGISTERS: readonly RegisterInfo[] = Object.freeze(Array.from({ length: 32 }, (_, i) => xInfo(i)));
export const F_REGISTERS: readonly RegisterInfo[] = Object.freeze(Array.from({ length: 32 }, (_, i) => fInfo(i)));

const X_BY_NAME = new Map<string, number>();
const F_BY_NAME = new Map<string, number>();
for (let i = 0; i < 32; i++) {
  X_BY_NAME.set(`x${i}`, i);
  X_BY_NAME.set(X_ABI[i], i);
  F_BY_NAME.set(`f${i}`, i);
  F_BY_NAME.set(F_ABI[i], i);
}
X_BY_NAME.set('fp', 8);

/** x0..x31, ABI names, and fp (= s0). Case-sensitive like GNU as. */
export function parseXReg(name: string): number | undefined {
  return X_BY_NAME.get(name);
}

/** f0..f31 and ABI names (ft0, fa0, fs0...). */
export function parseFReg(name: string): number | undefined {
  return F_BY_NAME.get(name);
}

export function xRegName(n: number, abi = true): string {
  return abi ? X_ABI[n & 31] : `x${n & 31}`;
}

export function fRegName(n: number, abi = true): string {
  return abi ? F_ABI[n & 31] : `f${n & 31}`;
}

/** Hover metadata for a register written by any of its names. */
export function registerInfo(name: string): (RegisterInfo & { file: 'x' | 'f' }) | undefined {
  const x = parseXReg(name);
  if (x !== undefined) return { ...X_REGISTERS[x], file: 'x' };
  const f = parseFReg(name);
  if (f !== undefined) return { ...F_REGISTERS[f], file: 'f' };
  return undefined;
}
