# PMP NA4 and NAPOT regions: a 4-byte NA4 hole with no permissions inside a
# readable NAPOT block; an access must lie wholly inside one entry's region
# (an 8-byte load that straddles the hole faults); NAPOT addresses encode
# the size in their trailing ones.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        la s0, block
        addi s1, s0, 16             # the hole
        srli t0, s1, 2
        csrw pmpaddr0, t0
        srli t0, s0, 2
        ori t0, t0, (64 / 8) - 1    # 64-byte NAPOT
        csrw pmpaddr1, t0
        li t0, 0x10 | (0x19 << 8)   # entry 0: NA4, none; entry 1: NAPOT, R
        csrw pmpcfg0, t0
        PUTCSR pmpcfg0
        csrr s2, pmpaddr1
        sub s2, s2, s0
        srli t0, s0, 2
        sub s2, s2, t0
        add s2, s2, s0
        PUT "napot-low-bits", s2
        GO_U
        SAY "U: loads before and after the hole"
        lw a0, 12(s0)
        lw a0, 20(s0)
        SAY "U: load of the hole"
        lw a0, 16(s0)
        SAY "U: 8-byte load straddling it"
        ld a0, 12(s1)
        ld a0, -4(s1)
        SAY "U: store in the read-only block"
        sw a0, 0(s0)
        SAY "U: an 8-byte load crossing the end of the block"
        ld a0, 60(s0)
        TO_M
        csrw pmpcfg0, zero
        FINISH

        .data
        .balign 64
block:  .skip 128
