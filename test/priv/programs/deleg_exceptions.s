# Exceptions delegated with medeleg are taken in S-mode (scause, stval, sepc,
# sstatus.SPP) when they come from U or S; from M they still go to M.
# Causes that are not delegated go to M from any mode.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, (1 << 2) | (1 << 3) | (1 << 5) | (1 << 7) | (1 << 8)
        csrw medeleg, t0
        SAY "from U: illegal, ebreak, load and store access faults, ecall"
        li s0, 0x88000000
        GO_U
        .word 0x0000000b
        ebreak
        ld a0, 0(s0)
        sd a0, 8(s0)
        ecall
        SAY "from U: a fault that is not delegated (AMO misaligned) goes to M"
        QUIET 1
        addi a1, s0, 1
        amoadd.w a0, a0, (a1)
        QUIET 0
        TO_M
        LAST s1, s2, s3
        CHECK2 s1, 6, 4, "non-delegated amo cause"
        SAY "from S: illegal and ebreak go to S; ecall from S is not delegated"
        GO_S
        .word 0x0000000b
        ebreak
        ecall
        SAY "sstatus after the S handler returns: SIE back from SPIE, SPIE=1, SPP=U"
        csrsi sstatus, MSTATUS_SIE
        ebreak
        csrr s4, sstatus
        TO_M
        andi s4, s4, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP
        PUT "sstatus", s4
        SAY "from M: delegation does not apply"
        .word 0x0000000b
        CHECK_CAUSE 2, "M illegal"
        SAY "scause, stval and sepc kept the last S trap"
        csrr s0, scause
        csrr s1, sepc
        la t0, _start
        sub s1, s1, t0
        PUT "scause", s0
        PUT "sepc-start", s1
        FINISH
