# A locked PMP entry applies to M-mode too, and neither its pmpcfg byte nor
# its pmpaddr can be changed until reset; a locked TOR entry also freezes
# the pmpaddr below it. (Locks last until reset, so they cover only data.)
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        la s0, locked
        srli t0, s0, 2
        ori t0, t0, (64 / 8) - 1
        csrw pmpaddr0, t0
        li t0, 0x99                  # L | NAPOT | R
        csrw pmpcfg0, t0
        SAY "M: load works, store faults"
        ld a0, 0(s0)
        sd a0, 0(s0)
        SAY "the locked cfg byte and pmpaddr ignore writes"
        li t0, 0x9f
        csrw pmpcfg0, t0
        PUTMASK pmpcfg0, 0xff
        csrr s1, pmpaddr0
        csrw pmpaddr0, zero
        csrr s2, pmpaddr0
        sub s2, s2, s1
        PUT "pmpaddr0-change", s2
        SAY "entries above stay writable"
        li t0, 0x1f00
        csrs pmpcfg0, t0
        PUTMASK pmpcfg0, 0xffff
        SAY "locked TOR entry 3 freezes pmpaddr2"
        la t0, tor_base
        srli t0, t0, 2
        csrw pmpaddr2, t0
        la t0, tor_end
        srli t0, t0, 2
        csrw pmpaddr3, t0
        li t0, 0x89 << 24            # entry 3: L | TOR | R
        li t1, 0xff << 24
        csrc pmpcfg0, t1
        csrs pmpcfg0, t0
        csrr s1, pmpaddr2
        csrw pmpaddr2, zero
        csrr s2, pmpaddr2
        sub s2, s2, s1
        PUT "pmpaddr2-change", s2
        SAY "M store into the locked TOR region"
        la t0, tor_base
        sd zero, 0(t0)
        FINISH

        .data
        .balign 64
locked:   .skip 64
tor_base: .skip 64
tor_end:
