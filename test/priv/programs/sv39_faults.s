# Sv39 page faults from S and U, delegated to S: stval is the faulting
# virtual address, scause 12 / 13 / 15 by access type. Invalid PTEs, the
# reserved W-without-R encoding, a missing permission, non-canonical
# addresses, a pointer PTE at the last level, U/S page rules.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3, 1
        li t0, (1 << 12) | (1 << 13) | (1 << 15)
        csrw medeleg, t0
        MAPL root, 0x40000000, page, PTE_R|PTE_W|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40001000, page, PTE_V|PTE_W|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40002000, page, PTE_V|PTE_R|PTE_A, 0, 3
        MAPL root, 0x40003000, page, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40004000, page, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40005000, page, PTE_V, 0, 3
        SET_ATP satp, 8, root
        GO_S
        SAY "V=0"
        li t0, 0x40000010
        ld a0, 0(t0)
        SAY "W without R"
        li t0, 0x40001010
        ld a0, 0(t0)
        SAY "store to a read-only page"
        li t0, 0x40002018
        sd a0, 0(t0)
        SAY "AMO to a read-only page"
        li t0, 0x40002018
        amoadd.d a0, a0, (t0)
        SAY "fetch from a page without X"
        RESUME_AT 1f
        li t0, 0x40003000
        jalr t0
1:      SAY "pointer PTE at the last level (V only)"
        li t0, 0x40005020
        ld a0, 0(t0)
        SAY "non-canonical address: bits 63..39 differ"
        li t0, 0x0000008000000000
        ld a0, 0(t0)
        li t0, 0xffffff0000000008
        sd a0, 0(t0)
        SAY "unmapped but canonical negative address"
        li t0, 0xffffffc000001000
        ld a0, 0(t0)
        SAY "S load from a U page without SUM"
        li t0, 0x40004000
        ld a0, 0(t0)
        TO_M
        SAY "U (no printing there): load from a supervisor page, then U page is fine; fetch from a supervisor page"
        GO_U_ALIAS
        li t0, 0x40003000
        ld a0, 0(t0)
        li t0, 0x40004000
        ld a0, 0(t0)
        RESUME_AT 2f
        li t0, 0x80000000
        jalr t0
2:      TO_M
        csrw satp, zero
        FINISH

        .bss
        .balign 4096
root:   .skip 4096
page:   .skip 4096
