/**
 * The instruction table in table order, and lookup by mnemonic.
 * Sections are concatenated in GNU binutils' order, which the assembler
 * (first entry whose operands fit wins) and the disassembler (first entry
 * that matches wins) both depend on.
 */
import type { InsnSpec } from './types';
import { BASE } from './table/base';
import { ATOMIC } from './table/atomic';
import { MULDIV } from './table/muldiv';
import { FLOAT } from './table/float';
import { COMPRESSED } from './table/compressed';
import { BITMANIP } from './table/bitmanip';
import { SYSTEM } from './table/system';

export { PSEUDOS, type PseudoSpec } from './table/pseudos';

export const INSNS: readonly InsnSpec[] = Object.freeze([
  ...BASE, ...ATOMIC, ...MULDIV, ...FLOAT, ...COMPRESSED, ...BITMANIP, ...SYSTEM,
]);

const byName = new Map<string, InsnSpec[]>();
for (const s of INSNS) {
  let list = byName.get(s.name);
  if (!list) byName.set(s.name, (list = []));
  list.push(s);
}

const NONE: readonly InsnSpec[] = Object.freeze([]);

/** Entries with that mnemonic (case-insensitive), in table order. */
export function lookupMnemonic(name: string): readonly InsnSpec[] {
  return byName.get(name.toLowerCase()) ?? NONE;
}

/** All distinct mnemonics, in table order of first appearance. */
export const MNEMONICS: readonly string[] = Object.freeze([...byName.keys()]);
