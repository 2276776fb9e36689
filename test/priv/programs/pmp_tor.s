# PMP top-of-range regions for S and U: a read-only region denies stores
# (store access fault, mtval = the address), a region without permissions
# denies loads, one without X denies fetches; M-mode is not checked against
# unlocked entries.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        la s0, region_ro
        la s1, region_none
        # entry 0 (off) starts region_ro, entry 1 (TOR, R) ends it at region_none,
        # entry 2 (TOR, no permission) covers region_none, entry 3 (TOR, RW) xregion
        srli t0, s0, 2
        csrw pmpaddr0, t0
        srli t0, s1, 2
        csrw pmpaddr1, t0
        addi t0, s1, 64
        srli t0, t0, 2
        csrw pmpaddr2, t0
        la t0, xregion_end
        srli t0, t0, 2
        csrw pmpaddr4, t0
        la t0, xregion
        srli t0, t0, 2
        csrw pmpaddr3, t0
        li t0, (0x09 << 8) | (0x08 << 16) | (0x0b << 32)
        csrw pmpcfg0, t0
        PUTCSR pmpcfg0
        SAY "S: load from the read-only region works, store faults"
        GO_S
        ld s2, 8(s0)
        sd s2, 8(s0)
        TO_M
        SAY "U: the same; the no-permission region denies loads"
        GO_U
        ld s2, 16(s0)
        sd s2, 16(s0)
        ld s2, 8(s1)
        TO_M
        SAY "S: fetch from a region without X"
        RESUME_AT 1f
        GO_S
        la t0, xregion
        jalr t0
1:      TO_M
        SAY "M: unlocked entries do not apply"
        sd s2, 8(s0)
        ld s2, 8(s1)
        li t0, 0x1f << 32
        csrs pmpcfg0, t0
        csrw pmpcfg0, zero
        FINISH

        .balign 64
xregion: ret
        .balign 64
xregion_end:

        .data
        .balign 64
region_ro:   .skip 64
region_none: .skip 64
