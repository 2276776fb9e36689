# sfence.vma forms: after M changes a PTE, S sees the new mapping once it
# has executed sfence.vma with (x0, x0), (va, x0), (x0, asid) and
# (va, asid). Mappings are not global and satp carries ASID 5; changing
# satp.ASID to a fresh value needs no fence for the new address space.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3
        la t0, page_a
        li t1, 0xaaaa
        sd t1, 0(t0)
        la t0, page_b
        li t1, 0xbbbb
        sd t1, 0(t0)
        MAPL root, 0x40000000, page_a, PTE_V|PTE_R|PTE_A, 0, 3
        la t0, root
        srli t0, t0, 12
        li t1, (8 << 60) | (5 << 44)
        or t0, t0, t1
        csrw satp, t0
        sfence.vma
        SAY "through page_a"
        call peek
        SAY "remap to page_b, sfence.vma x0, x0"
        MAPL root, 0x40000000, page_b, PTE_V|PTE_R|PTE_A, 0, 3
        GO_S
        sfence.vma
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        SAY "remap to page_a, sfence.vma va, x0"
        MAPL root, 0x40000000, page_a, PTE_V|PTE_R|PTE_A, 0, 3
        GO_S
        li t0, 0x40000000
        sfence.vma t0, zero
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        SAY "remap to page_b, sfence.vma x0, asid 5"
        MAPL root, 0x40000000, page_b, PTE_V|PTE_R|PTE_A, 0, 3
        GO_S
        li t1, 5
        sfence.vma zero, t1
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        SAY "remap to page_a, sfence.vma va, asid 5"
        MAPL root, 0x40000000, page_a, PTE_V|PTE_R|PTE_A, 0, 3
        GO_S
        li t0, 0x40000000
        li t1, 5
        sfence.vma t0, t1
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        SAY "remove the mapping, sfence.vma: page fault"
        FIND root, 0x40000000, 0, 3
        sd zero, 0(a0)
        GO_S
        sfence.vma
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        SAY "satp.ASID reads back what this hart keeps"
        csrr s2, satp
        srli s2, s2, 44
        li t0, 0xffff
        and s2, s2, t0
        PUT "asid", s2
        csrw satp, zero
        FINISH

peek:   mv s9, ra
        GO_S
        li t0, 0x40000000
        ld s1, 0(t0)
        TO_M
        PUT "read", s1
        mv ra, s9
        ret

        .bss
        .balign 4096
root:   .skip 4096
page_a: .skip 4096
page_b: .skip 4096
