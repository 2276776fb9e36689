# Sv39 translation in S-mode: 4 KiB pages mapping two virtual pages to one
# physical page (a store through one is seen through the other), an
# execute-only page, and the identity-mapped code and devices. satp reads
# back with MODE = 8.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3
        MAPL root, 0x40000000, page, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40001000, page, PTE_V|PTE_R|PTE_A, 0, 3
        MAPL root, 0x40002000, xpage, PTE_V|PTE_X|PTE_A, 0, 3
        SET_ATP satp, 8, root
        csrr s0, satp
        srli s0, s0, 60
        PUT "satp.mode", s0
        SAY "S: store through 0x40000008, load through 0x40001008"
        GO_S
        li s1, 0x40000000
        li t0, 0x1122334455667788
        sd t0, 8(s1)
        li s2, 0x40001000
        ld s3, 8(s2)
        SAY "S: call into the execute-only page at 0x40002000"
        li t0, 0x40002000
        jalr t0
        mv s4, a0
        TO_M
        PUT "loaded", s3
        PUT "returned", s4
        la t0, page
        ld s5, 8(t0)
        PUT "physical", s5
        SAY "M ignores satp"
        la t0, page
        ld s5, 8(t0)
        CHECK s5, 0x1122334455667788, "physical page"
        csrw satp, zero
        FINISH

        .balign 4096
xpage:  li a0, 0x77
        ret
        .balign 4096

        .bss
        .balign 4096
root:   .skip 4096
page:   .skip 4096
