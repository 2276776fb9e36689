/**
 * RV64 F and D computational instructions, bit-identical to QEMU 7.2
 * (softfloat semantics with RISC-V's choices: canonical NaNs, tininess after
 * rounding, saturating conversions). Loads, stores, frm/fflags CSRs and the
 * dynamic rounding mode are the CPU's; each op here receives a resolved rm
 * and returns the exception flags it raised for the CPU to OR into fflags.
 */
import { ARITH_OPS } from './arith';
import { COMPARE_OPS } from './compare';
import { CONVERT_OPS } from './convert';

/**
 * x: integer registers (low/high Int32 words, register i at 2*i);
 * f: FP registers (raw 64 bits, singles NaN-boxed); rm: 0..4 (RNE,RTZ,RDN,RUP,RMM).
 * Returns NV=16 | DZ=8 | OF=4 | UF=2 | NX=1.
 */
export type FpOp = (x: Int32Array, f: Int32Array, rd: number, rs1: number, rs2: number, rs3: number, rm: number) => number;

export const FP_OPS: Readonly<Record<string, FpOp>> = Object.freeze({ ...ARITH_OPS, ...COMPARE_OPS, ...CONVERT_OPS });

export { NV, DZ, OF, UF, NX, RNE, RTZ, RDN, RUP, RMM } from './consts';
