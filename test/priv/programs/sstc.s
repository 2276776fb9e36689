# Sstc: with menvcfg.STCE, stimecmp drives mip.STIP (no longer writable by
# M); S programs its own timer and takes the delegated STI; S access needs
# mcounteren.TM and STCE.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        S_HOOK s_timer_off
        li t0, 0x20
        csrw mideleg, t0
        csrw mie, t0
        SAY "STCE=0: S access to stimecmp is illegal"
        li t0, 2
        csrw mcounteren, t0
        GO_S
        csrr a0, stimecmp
        TO_M
        SAY "STCE=1, TM=0: still illegal from S"
        li t0, 1
        slli t0, t0, 63
        csrs menvcfg, t0
        csrw mcounteren, zero
        GO_S
        csrw stimecmp, zero
        TO_M
        SAY "M: stimecmp = -1, STIP clear; a write to mip.STIP is ignored"
        li t0, -1
        csrw stimecmp, t0
        WAIT_CLR mip, 0x20
        li t0, 0x20
        csrs mip, t0
        PUTMASK mip, 0x20
        SAY "S: stimecmp = time + 50, wait for sip.STIP, take it"
        li t0, 2
        csrw mcounteren, t0
        GO_S
        rdtime t0
        addi t0, t0, 50
        csrw stimecmp, t0
        WAIT_CSR sip, 0x20
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        TO_M
        NTRAPS s0
        PUTMASK mip, 0x20
        SAY "stimecmp in the past from M: STIP at once"
        csrw stimecmp, zero
        WAIT_CSR mip, 0x20
        PUTMASK mip, 0x20
        li t0, -1
        csrw stimecmp, t0
        WAIT_CLR mip, 0x20
        csrw mie, zero
        li t0, 1
        slli t0, t0, 63
        csrc menvcfg, t0
        FINISH

s_timer_off:
        li t0, -1
        csrw stimecmp, t0
        ret
