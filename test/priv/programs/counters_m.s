# Machine counters: minstret counts retired instructions exactly (a write
# sets the value the next read starts from), mcycle advances, time follows
# the CLINT's mtime, mcountinhibit stops minstret, mhpmcounter3 reads zero (QEMU 7.2 has
# only 16 of the 29 hpm counters, so the higher ones are left out).
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "minstret across 10 instructions"
        csrr s0, minstret
        .rept 9
        nop
        .endr
        csrr s1, minstret
        sub s1, s1, s0
        PUT "delta", s1
        SAY "minstret written: the next read sees the value plus what retired since"
        li t0, 1000
        csrw minstret, t0
        csrr s1, minstret
        PUT "minstret", s1
        SAY "time equals mtime (read back to back)"
        li t1, CLINT_MTIME
        ld s2, 0(t1)
        csrr s3, time
        sub s3, s3, s2
        sltiu s3, s3, 2
        CHECK s3, 1, "time close to mtime"
        SAY "mcountinhibit.IR freezes minstret"
        li t0, 4
        csrw mcountinhibit, t0
        csrr s0, minstret
        nop
        nop
        csrr s1, minstret
        sub s1, s1, s0
        PUT "delta", s1
        csrw mcountinhibit, zero
        PUTCSR mcountinhibit
        SAY "hpm counters and events"
        csrr s0, mhpmcounter3
        PUT "mhpmcounter3", s0
        li t0, 5
        csrw mhpmevent3, t0
        csrr s0, mhpmcounter3
        PUT "mhpmcounter3", s0
        FINISH
