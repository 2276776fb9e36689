# Access faults taken in M-mode: loads (5), stores and AMOs (7) and fetches
# (1) outside any device or RAM; mtval is the faulting address.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "load past the end of RAM"
        li s0, 0x88000000
        ld a0, 0(s0)
        CHECK_CAUSE 5, "load"
        SAY "lbu from an unmapped hole"
        li s0, 0x0e000004
        lbu a0, 0(s0)
        CHECK_CAUSE 5, "lbu"
        SAY "store past the end of RAM"
        li s0, 0x88000000
        sw zero, 12(s0)
        CHECK_CAUSE 7, "store"
        SAY "AMO past the end of RAM: store/AMO access fault (QEMU 7.2 reports a load access fault)"
        QUIET 1
        amoadd.d a0, a1, (s0)
        QUIET 0
        LAST s1, s2, s3
        CHECK2 s1, 7, 5, "amo cause"
        CHECK s2, 0x88000000, "amo mtval"
        SAY "lr.d past the end of RAM"
        lr.d a0, (s0)
        CHECK_CAUSE 5, "lr"
        SAY "fetch past the end of RAM"
        RESUME_AT 1f
        jr s0
1:      CHECK_CAUSE 1, "fetch"
        LAST s1, s2, s3
        CHECK s2, 0x88000000, "fetch mtval"
        CHECK s3, 0x88000000, "fetch mepc"
        SAY "fetch from an unmapped hole"
        RESUME_AT 2f
        li t0, 0x0e000000
        jalr t0
2:      CHECK_CAUSE 1, "fetch hole"
        FINISH
