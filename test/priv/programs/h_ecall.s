# ecall from VS (cause 10) and VU (cause 8) and where they go: to M, to HS
# through medeleg (hstatus.SPV = 1), to VS through medeleg + hedeleg; ecall
# from HS is cause 9.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "VS ecall, not delegated: M with MPV=1, MPP=S"
        GO_VS
        ecall
        TO_M
        SAY "VS ecall delegated to HS"
        li t0, 1 << 10
        csrw medeleg, t0
        GO_VS
        ecall
        TO_M
        SAY "VU ecall delegated to HS (SPV=1, SPP=0)"
        li t0, (1 << 10) | (1 << 8)
        csrw medeleg, t0
        GO_VU
        ecall
        TO_M
        SAY "VU ecall delegated on to VS"
        li t0, 1 << 8
        csrw hedeleg, t0
        GO_VU
        ecall
        TO_M
        SAY "HS ecall: cause 9 to M, MPV=0"
        csrw medeleg, zero
        csrw hedeleg, zero
        GO_S
        ecall
        TO_M
        SAY "hedeleg cannot pass ecall from VS (bit 10) to VS"
        li t0, -1
        csrw hedeleg, t0
        csrr s0, hedeleg
        srli s0, s0, 10
        andi s0, s0, 1
        PUT "hedeleg[10]", s0
        csrw hedeleg, zero
        FINISH
