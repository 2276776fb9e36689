# medeleg and mideleg are WARL: the read-back of all ones shows which causes
# this hart can delegate. Only the bits the specification defines for a hart
# without H are printed: QEMU 7.2 also keeps medeleg[11] (read-only zero
# since priv 1.12), the H causes and the VS/LCOF interrupt bits writable.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, -1
        csrw medeleg, t0
        csrw mideleg, t0
        csrr s0, medeleg
        li t0, 0xb3ff
        and s0, s0, t0
        PUT "medeleg&b3ff", s0
        csrr s0, mideleg
        li t0, 0xaaa
        and s0, s0, t0
        PUT "mideleg&aaa", s0
        SAY "sie only shows delegated interrupts"
        li t0, -1
        csrw mie, t0
        csrr s0, mie
        li t0, 0xaaa
        and s0, s0, t0
        PUT "mie&aaa", s0
        csrr s0, sie
        li t0, 0xaaa
        and s0, s0, t0
        PUT "sie&aaa", s0
        csrw mideleg, zero
        csrr s0, sie
        li t0, 0xaaa
        and s0, s0, t0
        PUT "sie&aaa", s0
        li t0, 2
        csrw mideleg, t0
        PUTCSR sie
        SAY "a write to sie only reaches delegated bits"
        csrw mie, zero
        li t0, 0x222
        csrw sie, t0
        PUTCSR mie
        csrw mie, zero
        csrw medeleg, zero
        csrw mideleg, zero
        PUTCSR medeleg
        PUTCSR mideleg
        FINISH
