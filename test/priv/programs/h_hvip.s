# hvip injects VS-level interrupts: VSSIP (2), VSTIP (6), VSEIP (10). With
# hideleg they reach the guest's handler as the S-level codes 1, 5, 9 when
# vsstatus.SIE and vsie allow; without hideleg they go to HS with codes 2,
# 6, 10, whatever the guest's SIE says.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        VS_HOOK vs_hook
        S_HOOK hs_hook
        li t0, 0x444
        csrw hie, t0
        csrw hideleg, t0
        SAY "VSSIP injected, guest SIE=0: nothing"
        li t0, 4
        csrw hvip, t0
        GO_VS
        nop
        SAY "guest sets SIE: software interrupt, code 1"
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        TO_M
        SAY "VSTIP and VSEIP together: both reach the guest (codes 5 and 9; the order is left out)"
        li t0, 0x440
        csrw hvip, t0
        GO_VS
        QUIET 1
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        QUIET 0
        TO_M
        NTRAPS s0
        CHECK s0, 3, "three VS interrupts"
        csrw hvip, zero
        SAY "not delegated by hideleg: taken in HS with code 2"
        csrw hideleg, zero
        li t0, 4
        csrw hvip, t0
        GO_VS
        nop
        TO_M
        csrw hvip, zero
        csrw hie, zero
        FINISH

# the guest silences the injected interrupt: SSIP by clearing sip (which
# clears hvip.VSSIP), the others by masking sie
vs_hook:
        li t0, 0x8000000000000001
        bne a0, t0, 1f
        csrci sip, 2
        ret
1:      slli t0, a0, 1
        srli t0, t0, 1
        li t1, 1
        sll t1, t1, t0
        csrc sie, t1
        ret

hs_hook:
        li t0, 4
        csrc hvip, t0
        ret
