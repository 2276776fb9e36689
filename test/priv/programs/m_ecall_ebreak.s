# ecall from M (cause 11), ebreak and c.ebreak (cause 3) taken in M-mode:
# mepc is the trapping instruction, mstatus.MPP = M, the handler's mret
# resumes after it.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "ecall from M"
        ecall
        CHECK_CAUSE 11, "ecall from M cause"
        SAY "ebreak"
        ebreak
        CHECK_CAUSE 3, "ebreak cause"
        SAY "c.ebreak"
        c.ebreak
        CHECK_CAUSE 3, "c.ebreak cause"
        SAY "mstatus after the traps (MIE/MPIE/MPP)"
        csrr a1, mstatus
        li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP
        and a1, a1, t0
        PUT "mstatus", a1
        SAY "ecall with MIE=1: MPIE saves it, mret restores it"
        csrsi mstatus, MSTATUS_MIE
        ecall
        csrr a1, mstatus
        andi a1, a1, MSTATUS_MIE
        CHECK a1, MSTATUS_MIE, "MIE restored by mret"
        csrci mstatus, MSTATUS_MIE
        NTRAPS s0
        CHECK s0, 4, "four traps"
        FINISH
