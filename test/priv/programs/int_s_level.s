# Supervisor interrupts delegated with mideleg: SSI (software-writable sip),
# STI (set by M in mip), SEI (PLIC context 1). Taken in S when sstatus.SIE
# and sie allow, always in U, never in M.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, 0x222
        csrw mideleg, t0
        csrw mie, t0
        S_HOOK s_hook
        SAY "SSI set by S, taken when sstatus.SIE is set"
        GO_S
        csrsi sip, 2
        nop
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        TO_M
        SAY "STI set by M while in M with MIE=1: not taken in M"
        li t0, 0x20
        csrs mip, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        NTRAPS s0
        CHECK s0, 1, "no STI in M"
        SAY "in U it is taken whatever sstatus.SIE says"
        GO_U
        nop
        TO_M
        li t0, 0x20
        csrc mip, t0
        SAY "SEI from the PLIC S context"
        UART_IRQ_ON 1
        WAIT_CSR mip, 0x200
        PUTMASK mip, 0x200
        GO_S
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        TO_M
        WAIT_CLR mip, 0x200
        PUTMASK mip, 0x200
        SAY "an S interrupt that is not delegated goes to M, even from S"
        csrw mideleg, zero
        li t0, 0x2
        csrs mip, t0
        M_HOOK m_ssi_off
        GO_S
        nop
        TO_M
        NTRAPS s0
        CHECK s0, 4, "four traps"
        csrw mie, zero
        FINISH

s_hook:
        li t0, 0x8000000000000009
        beq a0, t0, uart_claim_s
        li t0, 0x8000000000000005
        bne a0, t0, 1f
        li t0, 0x20                 # S cannot clear STIP: mask it instead
        csrc sie, t0
        ret
1:      csrci sip, 2
        ret

m_ssi_off:
        csrci mip, 2
        ret
