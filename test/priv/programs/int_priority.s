# Several interrupts pending at once are taken in the fixed priority order
# MEI > MSI > MTI > SEI > SSI > STI (all to M here, then SEI > SSI > STI
# delegated to S); each hook silences only the one it took and records the
# cause. QEMU 7.2 takes the lowest-numbered first, so the order is printed
# on a "spec:" line, which the test checks against the specification on the
# engine instead of comparing it with QEMU.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        M_HOOK m_hook
        S_HOOK s_hook
        SAY "all six pending, none delegated"
        li t0, 1
        li t1, CLINT_MSIP
        sw t0, 0(t1)
        li t1, CLINT_MTIMECMP
        sd zero, 0(t1)
        li t0, 0x22
        csrs mip, t0
        UART_IRQ_ON 0
        WAIT_CSR mip, 0x800
        WAIT_CSR mip, 0x80
        li t0, 0x200
        csrs mip, t0                # SEIP written by software
        li t0, 0xaaa
        csrw mie, t0
        QUIET 1
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        QUIET 0
        NTRAPS s0
        CHECK s0, 6, "six interrupts"
        li a0, 0
        li a1, 6
        la a2, m_order
        call show_order
        SAY "SEI, SSI, STI delegated and pending, taken in S"
        li t0, 0x222
        csrw mideleg, t0
        csrs mip, t0
        QUIET 1
        GO_S
        csrsi sstatus, MSTATUS_SIE
        nop
        csrci sstatus, MSTATUS_SIE
        TO_M
        QUIET 0
        NTRAPS s0
        CHECK s0, 9, "nine interrupts"
        li a0, 6
        li a1, 3
        la a2, s_order
        call show_order
        csrw mie, zero
        FINISH

# Prints "spec: order ok" when seen[a0 .. a0+a1) matches the list at a2,
# else "spec: order differs:" and the causes seen. Clobbers s3-s6.
show_order:
        mv s6, ra
        la s3, seen
        slli t0, a0, 3
        add s3, s3, t0
        mv s4, a1
        mv s5, a2
        li t2, 0
1:      beq t2, s4, 2f
        slli t0, t2, 3
        add t1, s3, t0
        ld t1, 0(t1)
        add t0, s5, t0
        ld t0, 0(t0)
        bne t0, t1, 3f
        addi t2, t2, 1
        j 1b
2:      SAY "spec: order ok"
        mv ra, s6
        ret
3:      SAY "spec: order differs:"
        li s5, 0
4:      slli t0, s5, 3
        add t0, s3, t0
        ld a1, 0(t0)
        PUT "spec:   cause", a1
        addi s5, s5, 1
        blt s5, s4, 4b
        mv ra, s6
        ret

record:
        la t0, nseen
        ld t1, 0(t0)
        addi t2, t1, 1
        sd t2, 0(t0)
        la t0, seen
        slli t1, t1, 3
        add t0, t0, t1
        slli t1, a0, 1
        srli t1, t1, 1
        sd t1, 0(t0)
        ret

m_hook:
        mv a5, ra
        call record
        mv ra, a5
        li t0, 0x800000000000000b
        beq a0, t0, uart_claim_m
        li t0, 0x8000000000000003
        bne a0, t0, 1f
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        ret
1:      li t0, 0x8000000000000007
        bne a0, t0, 2f
        li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        ret
2:      slli t0, a0, 1
        srli t0, t0, 1
        li t1, 1
        sll t1, t1, t0
        csrc mip, t1
        ret

s_hook:
        mv a5, ra
        call record
        mv ra, a5
        li t0, 0x8000000000000009
        bne a0, t0, 1f
        li t0, 0x200                # software-written SEIP: only M can clear it
        csrc sie, t0
        ret
1:      li t0, 0x8000000000000005
        bne a0, t0, 2f
        li t0, 0x20
        csrc sie, t0
        ret
2:      csrci sip, 2
        ret

        .data
        .balign 8
m_order: .dword 11, 3, 7, 9, 1, 5
s_order: .dword 9, 1, 5
nseen:  .dword 0
seen:   .skip 8 * 16
