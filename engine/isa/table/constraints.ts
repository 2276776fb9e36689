/**
 * Conditions beyond match/mask that decide whether an entry accepts a word.
 * They mirror GNU binutils' match functions so the disassembler picks the
 * same entry objdump does; reserved encodings that objdump still prints
 * (e.g. c.addi16sp with a zero immediate) are rejected later, in decode.ts.
 */
const rd = (w: number): number => (w >>> 7) & 31;
const rs1 = (w: number): number => (w >>> 15) & 31;
const rs2 = (w: number): number => (w >>> 20) & 31;
const cRs2 = (w: number): number => (w >>> 2) & 31;
/** The 6-bit CI immediate field, unsigned (bit 12 and bits 6:2). */
const ciBits = (w: number): number => (((w >>> 12) & 1) << 5) | ((w >>> 2) & 31);

export const rdNonzero = (w: number): boolean => rd(w) !== 0;
/** c.lui as `lui`: rd neither x0 (a hint) nor sp (that is c.addi16sp); imm ≠ 0. */
export const cLui = (w: number): boolean => rd(w) !== 0 && rd(w) !== 2 && ciBits(w) !== 0;
/** c.lui itself: x0 allowed (a hint). */
export const cLuiWithHint = (w: number): boolean => rd(w) !== 2 && ciBits(w) !== 0;
export const cAdd = (w: number): boolean => rd(w) !== 0 && cRs2(w) !== 0;
export const cAddWithHint = (w: number): boolean => cRs2(w) !== 0;
export const cAddi4spn = (w: number): boolean => ((w >>> 5) & 0xff) !== 0;
export const cNop = (w: number): boolean => rd(w) === 0;
export const slliAsCSlli = (w: number): boolean => rd(w) !== 0 && ciBits(w) !== 0;
export const srxiAsCSrxi = (w: number): boolean => ciBits(w) !== 0;
export const cShiftNonzero = (w: number): boolean => ciBits(w) !== 0;
export const cShiftZero = (w: number): boolean => ciBits(w) === 0;
export const rs1EqRs2 = (w: number): boolean => rs1(w) === rs2(w);
