# G-stage (Sv39x4) translation for a VS guest with vsatp = Bare: guest
# physical addresses go through hgatp's tables; 41-bit guest-physical space;
# a 4 KiB page placed at GPA 0x1_0000_0000 and a 2 MiB one at 0x1_4000_0000.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GIDMAP groot
        MAPL groot, 0x100000000, page, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        MAP groot, 0x140000000, 0x80400000, PTE_V|PTE_R|PTE_U|PTE_A, 1, 0x13
        MAP groot, 0x1c0000000, 0x80000000, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 2, 0x13
        la t0, page
        li t1, 0x6001
        sd t1, 16(t0)
        li t0, 0x80400000
        li t1, 0x6002
        sd t1, 0x100(t0)
        SET_ATP hgatp, 8, groot
        hfence.gvma
        SAY "VS: loads through the G-stage"
        GO_VS
        li t0, 0x100000000
        ld s0, 16(t0)
        li t1, 0x7003
        sd t1, 24(t0)
        li t0, 0x140000100
        ld s1, 0(t0)
        SAY "VS: a 1 GiB G-stage page at 0x1c0000000 -> 0x80000000"
        la t0, page
        li t1, 0x1c0000000 - 0x80000000
        add t0, t0, t1
        ld s2, 24(t0)
        TO_M
        PUT "page", s0
        PUT "mega", s1
        PUT "giga", s2
        la t0, page
        ld s3, 24(t0)
        PUT "stored", s3
        SAY "M and HS do not use hgatp"
        GO_S
        la t0, page
        ld s4, 16(t0)
        TO_M
        PUT "hs", s4
        csrw hgatp, zero
        hfence.gvma
        FINISH

        .bss
        .balign 16384
groot:  .skip 16384
page:   .skip 4096
