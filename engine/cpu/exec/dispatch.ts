/**
 * Maps a decoded instruction to its semantics. Semantics are grouped per
 * extension (rv_i, rv_m, …), each a record from base mnemonic to handler; the
 * decoder normalises compressed forms and aliases to those base mnemonics.
 */
import type { DecodedInsn } from '../../isa/types';
import type { Handler, Op } from '../hart';
import { RV_A } from './rv_a';
import { RV_B } from './rv_b';
import { RV_FD } from './rv_fd';
import { RV_I } from './rv_i';
import { RV_M } from './rv_m';
import { RV_SYSTEM } from './rv_system';

export const HANDLERS: Readonly<Record<string, Handler>> = { ...RV_I, ...RV_M, ...RV_A, ...RV_B, ...RV_SYSTEM, ...RV_FD };

/** The handler for a decoded instruction, or undefined (the hart then raises
 * illegal instruction — e.g. the H extension before it is implemented). */
export function prepare(insn: DecodedInsn, _op: Op): Handler | undefined {
  return HANDLERS[insn.exec];
}
