# satp is WARL: a write with an unsupported MODE (1..7, 11..15) changes
# nothing; Sv39, Sv48 and Sv57 are accepted on QEMU's rv64; the ASID field
# keeps the bits the hart implements; Bare with MODE = 0.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        la s0, root
        srli s0, s0, 12
        li t0, 8 << 60
        or t0, t0, s0
        csrw satp, t0
        csrr s1, satp
        sub s1, s1, s0
        PUT "sv39-ppn", s1
        .irp mode, 1, 7, 11, 15
        li t0, \mode
        slli t0, t0, 60
        or t0, t0, s0
        csrw satp, t0
        csrr s1, satp
        srli s1, s1, 60
        PUT "after mode \mode", s1
        .endr
        li t0, 9 << 60
        csrw satp, t0
        csrr s1, satp
        srli s1, s1, 60
        PUT "sv48", s1
        li t0, 10 << 60
        csrw satp, t0
        csrr s1, satp
        srli s1, s1, 60
        PUT "sv57", s1
        SAY "all-ones ASID and PPN with Sv39"
        li t0, (8 << 60) | ((1 << 60) - 1)
        csrw satp, t0
        PUTCSR satp
        SAY "S-mode writes the same way"
        csrw satp, zero
        GO_S
        li t0, (3 << 60) | 1
        csrw satp, t0
        csrr s2, satp
        TO_M
        PUT "satp", s2
        csrw satp, zero
        FINISH

        .bss
        .balign 4096
root:   .skip 4096
