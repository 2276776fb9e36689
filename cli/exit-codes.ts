/**
 * Process exit codes. A guest's own exit code (SiFive test finisher or HTIF)
 * passes through unchanged, as QEMU passes it (the OS keeps its low 8 bits).
 * Hyperstep's own outcomes use the codes below, from the top of the range
 * that shells also reserve for "the tool itself failed"; a guest that exits
 * with one of these codes on purpose is told apart by the `hyperstep:` line
 * Hyperstep always prints on stderr in these cases.
 */
export const EXIT = {
  /** Instruction budget (--max-insns) used up before the guest exited. */
  limit: 124,
  /** Bad command line or unreadable/invalid input (source errors, bad ELF). */
  usage: 125,
  /** The guest stopped without exiting (wfi with nothing to wake it). */
  halted: 126,
  /** Internal error in Hyperstep itself. */
  internal: 127,
} as const;

export const EXIT_HELP = `Exit status:
  0-255  the guest's exit code (test finisher: 0x5555 -> 0, (code<<16)|0x3333 -> code;
         HTIF: (code<<1)|1 -> code), low 8 bits as the operating system keeps them
  ${EXIT.limit}    the instruction limit (--max-insns) was reached
  ${EXIT.usage}    bad option or input (assembler errors, unreadable or invalid ELF)
  ${EXIT.halted}    the guest halted without exiting (e.g. wfi with nothing to wake it)
  ${EXIT.internal}    internal error in Hyperstep
  (On ${EXIT.limit}-${EXIT.internal} Hyperstep also prints a 'hyperstep:' line on stderr.)`;
