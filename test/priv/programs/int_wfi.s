# wfi: in M it waits for any enabled pending interrupt and goes on without
# trapping when mstatus.MIE is clear; with a pending-and-enabled interrupt
# and MIE set it traps with mepc after the wfi; in S it is legal unless
# mstatus.TW; in U it is illegal. (A wfi that nothing can wake would stall
# QEMU for good, so every wfi here has a pending or arriving interrupt.)
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        M_HOOK msi_off
        li s0, CLINT_MSIP
        SAY "wfi with MSIP pending and enabled but MIE=0: returns, no trap"
        li t0, 1
        sw t0, 0(s0)
        li t0, 8
        csrw mie, t0
        wfi
        NTRAPS s1
        CHECK s1, 0, "no trap"
        SAY "wfi wakes on a timer that fires later"
        sw zero, 0(s0)
        li t0, 0x80
        csrw mie, t0
        li t0, CLINT_MTIME
        ld t1, 0(t0)
        addi t1, t1, 100
        li t0, CLINT_MTIMECMP
        sd t1, 0(t0)
        wfi
        WAIT_CSR mip, 0x80
        li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        SAY "MSIP pending, then MIE=1: the trap comes right after the csrsi"
        li t0, 8
        csrw mie, t0
        li t0, 1
        sw t0, 0(s0)
        WAIT_CSR mip, 8
        csrsi mstatus, MSTATUS_MIE
        SAY "(taken already by the csrsi)"
        csrci mstatus, MSTATUS_MIE
        SAY "wfi in S with TW=0 and SSIP pending (SIE=0): goes on without a trap"
        li t0, 2
        csrw mideleg, t0
        csrw mie, t0
        S_HOOK ssi_off
        GO_S
        csrsi sip, 2
        wfi
        csrci sip, 2
        TO_M
        SAY "wfi in S with mstatus.TW=1: illegal"
        li t0, MSTATUS_TW
        csrs mstatus, t0
        GO_S
        wfi
        TO_M
        li t0, MSTATUS_TW
        csrc mstatus, t0
        SAY "wfi in U: illegal"
        GO_U
        wfi
        TO_M
        csrw mie, zero
        FINISH

msi_off:
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        ret

ssi_off:
        csrci sip, 2
        ret
