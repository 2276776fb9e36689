# PMP also checks the page-table walk: when S-mode's walk reads a PTE from a
# region PMP denies to S, the access raises an access fault (load 5, store 7,
# fetch 1) with the virtual address in mtval, not a page fault.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3
        MAPL root, 0x40000000, page, PTE_V|PTE_R|PTE_W|PTE_X|PTE_A|PTE_D, 0, 3
        SET_ATP satp, 8, root
        SAY "S: the mapping works while the tables are readable"
        GO_S
        li t0, 0x40000000
        ld a0, 8(t0)
        TO_M
        SAY "deny S reads of the leaf table (NAPOT 4 KiB, no permissions)"
        FIND root, 0x40000000, 0, 3
        srli t0, a0, 12
        slli t0, t0, 10
        ori t0, t0, (4096 / 8) - 1
        csrw pmpaddr0, t0
        li t0, 0x18
        csrw pmpcfg0, t0
        sfence.vma
        GO_S
        li t0, 0x40000000
        ld a0, 8(t0)
        sd a0, 16(t0)
        RESUME_AT 1f
        jr t0
1:      TO_M
        csrw pmpcfg0, zero
        csrw satp, zero
        FINISH

        .bss
        .balign 4096
root:   .skip 4096
page:   .skip 4096
