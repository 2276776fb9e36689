# Machine external interrupt: the UART's transmitter-empty interrupt through
# the PLIC (source 10, context 0). Claim returns the source and clears its
# pending bit; the line stays low until completion; priority 0 or a
# threshold at or above the priority masks it.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        M_HOOK uart_claim_m
        li s0, PLIC
        li s1, PLIC + 0x200000
        SAY "UART interrupt enabled in context 0: MEIP"
        UART_IRQ_ON 0
        WAIT_CSR mip, 0x800
        PUTMASK mip, 0x800
        li t0, PLIC + 0x1000
        lw s2, 0(t0)
        PUT "pending", s2
        SAY "threshold 1 masks priority 1"
        li t0, 1
        sw t0, 0(s1)
        WAIT_CLR mip, 0x800
        PUTMASK mip, 0x800
        SAY "priority 0 never interrupts"
        sw zero, 0(s1)
        sw zero, 4*UART_IRQ(s0)
        WAIT_CLR mip, 0x800
        PUTMASK mip, 0x800
        li t0, 7
        sw t0, 4*UART_IRQ(s0)
        WAIT_CSR mip, 0x800
        PUTMASK mip, 0x800
        SAY "claim without an interrupt to take: source 10, then 0"
        lw s2, 4(s1)
        PUT "claim", s2
        lw s3, 4(s1)
        PUT "claim again", s3
        WAIT_CLR mip, 0x800
        PUTMASK mip, 0x800
        SAY "completion lets it in again"
        sw s2, 4(s1)
        WAIT_CSR mip, 0x800
        PUTMASK mip, 0x800
        SAY "mie.MEIE and MIE: taken, the hook claims and completes"
        li t0, 0x800
        csrs mie, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        NTRAPS s2
        CHECK s2, 1, "one MEI"
        WAIT_CLR mip, 0x800
        PUTMASK mip, 0x800
        # (a write of the enable register alone does not re-evaluate the
        # line in QEMU 7.2, so that case is left out)
        csrw mie, zero
        FINISH
