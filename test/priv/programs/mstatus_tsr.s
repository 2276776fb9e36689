# mstatus.TSR: sret in S-mode raises illegal instruction (M may still use
# it); with TSR=0 it returns to U as usual.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, MSTATUS_TSR
        csrs mstatus, t0
        GO_S
        SAY "TSR=1: sret in S"
        la t0, 1f
        csrw sepc, t0
        sret
1:      TO_M
        SAY "TSR=1: sret in M returns as usual (SPP=S)"
        li t0, MSTATUS_SPP
        csrs mstatus, t0
        la t0, 2f
        csrw sepc, t0
        sret
2:      TO_M
        li t0, MSTATUS_TSR
        csrc mstatus, t0
        SAY "TSR=0: sret from S to U"
        GO_S
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, 3f
        csrw sepc, t0
        sret
3:      csrr a0, sstatus
        TO_M
        CHECK_CAUSE 2, "csrr sstatus from U"
        FINISH
