/**
 * Deterministic generators for ISA tests: a seeded PRNG, random words for an
 * entry, and random operand values that fit an entry.
 */
import type { InsnSpec, OperandKind } from '../../engine/isa/types';
import { OPERANDS, parseSyntax } from '../../engine/isa/operands';
import { encodeInsn, checkOperands, type OperandValues } from '../../engine/isa/encode';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s;
  };
}

/** Random words accepted by the entry's match/mask and constraint. */
export function randomWords(spec: InsnSpec, n: number, next: () => number): number[] {
  const out: number[] = [];
  const width = spec.len === 2 ? 0xffff : 0xffffffff;
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const w = (((next() & ~spec.mask) | spec.match) & width) >>> 0;
    if (!spec.constraint || spec.constraint(w)) out.push(w);
  }
  return out;
}

function randomValue(kind: OperandKind, next: () => number): number {
  const o = OPERANDS[kind];
  const r = next() % 8;
  const steps = Math.floor((o.max - o.min) / o.align);
  let v: number;
  if (r === 0) v = o.min;
  else if (r === 1) v = o.min + steps * o.align;
  else v = o.min + (next() % (steps + 1)) * o.align;
  if (o.min < 0 && o.align > 1) v = Math.round(v / o.align) * o.align;
  return v;
}

/** Random operand values that pass checkOperands, or undefined if none found. */
export function randomOperands(spec: InsnSpec, next: () => number): OperandValues | undefined {
  const kinds = parseSyntax(spec.syntax).kinds;
  for (let tries = 0; tries < 200; tries++) {
    const v: OperandValues = {};
    for (const k of kinds) {
      const o = OPERANDS[k];
      if (o.fixed !== undefined || o.sameAs) continue;
      v[k] = randomValue(k, next);
    }
    for (const k of kinds) {
      const o = OPERANDS[k];
      if (o.sameAs) v[k] = v[o.sameAs];
    }
    if (checkOperands(spec, v) === undefined) return v;
  }
  return undefined;
}

export { encodeInsn };
