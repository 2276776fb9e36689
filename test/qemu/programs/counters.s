# Counters under QEMU's -icount: instret/cycle/time deltas over a known
# sequence, and writes to minstret/mcycle.
        .include "support.inc"
        .text
        .globl _start
_start:
        HS_INIT
        TRAP_INIT
        rdinstret s0
        .rept 100
        addi t0, t0, 1
        .endr
        rdinstret s1
        sub s2, s1, s0
        PUT "instret delta over 100 addi", s2
        CHECK s2, 101, "instret counts each instruction once"

        rdcycle s0
        .rept 100
        addi t0, t0, 1
        .endr
        rdcycle s1
        sub s2, s1, s0
        PUT "cycle delta over 100 addi", s2

        csrr s0, minstret
        csrr s1, instret
        sub s2, s1, s0
        PUT "instret - minstret read back to back", s2
        csrr s0, mcycle
        csrr s1, cycle
        sub s2, s1, s0
        PUT "cycle - mcycle read back to back", s2

        # time runs at 10 MHz; with shift=0 an instruction is 1 ns
        rdtime s0
        li t0, 2000
1:      addi t0, t0, -1
        bnez t0, 1b
        rdtime s1
        sub s2, s1, s0
        PUT "time delta over a 4000-instruction loop", s2
        li t0, 0x200bff8
        ld s3, 0(t0)
        rdtime s4
        sub s3, s4, s3
        PUT "time - mtime read back to back", s3

        li t0, 1000
        csrw minstret, t0
        csrr s0, minstret
        PUT "minstret after writing 1000", s0
        li t0, 5000
        csrw mcycle, t0
        csrr s0, mcycle
        PUT "mcycle after writing 5000", s0
        FINISH
