# Sv39 superpages: a 2 MiB megapage and a 1 GiB gigapage translate the low
# bits of the virtual address unchanged; a megapage whose PPN[0] is not zero
# is misaligned and faults (load page fault, stval = the virtual address).
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3
        li s0, 0x80400000
        li t0, 0xabcdef
        sw t0, 0x234(s0)
        li t0, 0x13579
        sw t0, 0x238(s0)
        MAP root, 0x40200000, 0x80400000, PTE_V|PTE_R|PTE_A, 1, 3
        MAP root, 0x100000000, 0x80000000, PTE_V|PTE_R|PTE_A, 2, 3
        MAP root, 0x40400000, 0x80401000, PTE_V|PTE_R|PTE_A, 1, 3
        MAP root, 0x140000000, 0x80200000, PTE_V|PTE_R|PTE_A, 2, 3
        SET_ATP satp, 8, root
        GO_S
        SAY "megapage 0x40200000 -> 0x80400000"
        li t0, 0x40200234
        lw s1, 0(t0)
        SAY "gigapage 0x100000000 -> 0x80000000"
        li t0, 0x100400238
        lw s2, 0(t0)
        SAY "misaligned megapage"
        li t0, 0x40400234
        lw s3, 0(t0)
        SAY "misaligned gigapage"
        li t0, 0x140000010
        lw s3, 0(t0)
        TO_M
        PUT "mega", s1
        PUT "giga", s2
        csrw satp, zero
        FINISH

        .bss
        .balign 4096
root:   .skip 4096
