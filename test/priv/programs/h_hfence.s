# hfence.gvma and hfence.vvma: after the hypervisor rewrites a G-stage PTE
# (hfence.gvma) or a guest PTE (hfence.vvma), the guest sees the new
# mapping; the guest's own sfence.vma acts on its VS-stage.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GIDMAP groot
        MAPL groot, 0x100000000, page_a, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        MAPL groot, 0x100001000, page_b, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        IDMAP vroot, 3
        MAP vroot, 0x40000000, 0x100000000, PTE_V|PTE_R|PTE_A, 0, 3
        la t0, page_a
        li t1, 0xaaaa
        sd t1, 0(t0)
        la t0, page_b
        li t1, 0xbbbb
        sd t1, 0(t0)
        SET_ATP hgatp, 8, groot
        hfence.gvma
        SET_ATP vsatp, 8, vroot
        hfence.vvma
        call peek
        SAY "G-stage: GPA 0x100000000 -> page_b, hfence.gvma (all)"
        MAPL groot, 0x100000000, page_b, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        hfence.gvma
        call peek
        SAY "G-stage back to page_a, hfence.gvma by GPA >> 2"
        MAPL groot, 0x100000000, page_a, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        li t0, 0x100000000 >> 2
        hfence.gvma t0, zero
        call peek
        SAY "guest PTE: VA 0x40000000 -> GPA 0x100001000, hfence.vvma from HS"
        MAP vroot, 0x40000000, 0x100001000, PTE_V|PTE_R|PTE_A, 0, 3
        GO_S
        li t0, 0x40000000
        hfence.vvma t0, zero
        TO_M
        call peek
        SAY "guest PTE back, the guest's own sfence.vma"
        MAP vroot, 0x40000000, 0x100000000, PTE_V|PTE_R|PTE_A, 0, 3
        GO_VS
        sfence.vma
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        csrw vsatp, zero
        csrw hgatp, zero
        hfence.gvma
        FINISH

peek:   mv s9, ra
        GO_VS
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        mv ra, s9
        ret

        .bss
        .balign 16384
groot:  .skip 16384
vroot:  .skip 4096
page_a: .skip 4096
page_b: .skip 4096
