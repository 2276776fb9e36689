/**
 * Encoding an instruction from operand values. The assembler range-checks
 * with `checkOperands` (or each kind's `check`) first; `encodeInsn` trusts
 * its input and never throws.
 */
import type { InsnSpec, OperandKind } from './types';
import { OPERANDS, parseSyntax } from './operands';

export type OperandValues = Partial<Record<OperandKind, number>>;

function valueOf(spec: InsnSpec, values: OperandValues, kind: OperandKind): number {
  const v = values[kind];
  if (v !== undefined) return v;
  const d = spec.defaults?.[kind] ?? OPERANDS[kind].optionalDefault ?? OPERANDS[kind].fixed;
  return d ?? 0;
}

/** The instruction word (16 or 32 bits, unsigned). Pc-relative kinds take
 * the byte offset from the instruction's address. */
export function encodeInsn(spec: InsnSpec, values: OperandValues): number {
  let w = spec.match;
  for (const k of parseSyntax(spec.syntax).kinds) w |= OPERANDS[k].encode(valueOf(spec, values, k));
  return spec.len === 2 ? w & 0xffff : w >>> 0;
}

/** undefined when every operand fits this entry, else the first problem,
 * phrased for the user. Also checks the entry's extra condition (e.g. a
 * nonzero rd) on the encoded word. */
export function checkOperands(spec: InsnSpec, values: OperandValues): string | undefined {
  const p = parseSyntax(spec.syntax);
  for (let i = 0; i < p.kinds.length; i++) {
    const k = p.kinds[i];
    const info = OPERANDS[k];
    const v = values[k];
    if (v === undefined) {
      if (p.optional[i] || info.fixed !== undefined || info.sameAs) continue;
      return `missing operand ${k}`;
    }
    if (info.sameAs) {
      const other = values[info.sameAs];
      if (other !== undefined && other !== v) return `${spec.name}: this form needs the same register twice`;
      continue;
    }
    const msg = info.check(v);
    if (msg) return msg;
  }
  if (spec.constraint && !spec.constraint(encodeInsn(spec, values))) {
    return `operands not encodable as ${spec.name} (${spec.syntax || 'no operands'}): reserved combination`;
  }
  return undefined;
}
