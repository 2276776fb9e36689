# Accessed and dirty bits: QEMU updates them in the page table when a page
# is first read (A) or written (D); a fetch sets A. The PTE is read back
# from M-mode after each access.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3
        MAPL root, 0x40000000, page, PTE_V|PTE_R|PTE_W, 0, 3
        MAPL root, 0x40001000, page, PTE_V|PTE_R|PTE_W, 0, 3
        MAPL root, 0x40002000, xpage, PTE_V|PTE_X, 0, 3
        MAPL root, 0x40003000, page, PTE_V|PTE_R|PTE_W|PTE_A, 0, 3
        SET_ATP satp, 8, root
        SAY "before any access"
        FIND root, 0x40000000, 0, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pte0", s0
        SAY "S load through page 0"
        GO_S
        li t0, 0x40000000
        ld a0, 0(t0)
        TO_M
        FIND root, 0x40000000, 0, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pte0", s0
        SAY "S store through page 1"
        GO_S
        li t0, 0x40001000
        sd a0, 0(t0)
        TO_M
        FIND root, 0x40001000, 0, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pte1", s0
        SAY "S fetch from page 2"
        GO_S
        li t0, 0x40002000
        jalr t0
        TO_M
        FIND root, 0x40002000, 0, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pte2", s0
        SAY "S AMO through page 3 (A already set)"
        GO_S
        li t0, 0x40003000
        amoor.d a0, zero, (t0)
        TO_M
        FIND root, 0x40003000, 0, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pte3", s0
        SAY "non-leaf PTEs are left alone"
        FIND root, 0x40000000, 1, 3
        ld s0, 0(a0)
        andi s0, s0, 0xff
        PUT "pointer", s0
        csrw satp, zero
        FINISH

        .balign 4096
xpage:  ret
        .balign 4096

        .bss
        .balign 4096
root:   .skip 4096
page:   .skip 4096
