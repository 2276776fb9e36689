/**
 * Shared constants of the F/D implementation: accrued-exception flag bits
 * (fflags layout), resolved rounding modes (frm encoding), and the RISC-V
 * canonical NaNs that every NaN-producing operation returns.
 */

export const NV = 16; // invalid operation
export const DZ = 8; // divide by zero
export const OF = 4; // overflow
export const UF = 2; // underflow
export const NX = 1; // inexact

export const RNE = 0; // round to nearest, ties to even
export const RTZ = 1; // toward zero
export const RDN = 2; // toward -infinity
export const RUP = 3; // toward +infinity
export const RMM = 4; // to nearest, ties to max magnitude

/** Canonical NaN of single precision (also the value of an improperly NaN-boxed operand). */
export const CANON_NAN_S = 0x7fc00000;
/** High word of the canonical double NaN 0x7ff8000000000000 (low word is 0). */
export const CANON_NAN_D_HI = 0x7ff80000;

/** High word of a properly NaN-boxed single. */
export const BOX = -1;
