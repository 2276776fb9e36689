# Two-stage translation: the guest's own Sv39 tables (vsatp) in guest
# physical memory, then the G-stage (hgatp, Sv39x4). A guest page fault of
# the VS stage (13) goes to the guest's handler through hedeleg; a G-stage
# fault on the guest's page-table walk is a guest-page fault whose htval is
# the PTE's guest physical address >> 2 and whose tval is the guest virtual
# address.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GIDMAP groot
        # guest-physical 0x100000000 -> page, 0x100001000 -> the guest's leaf table
        MAPL groot, 0x100000000, page, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 0x13
        # guest tables: code/devices identity, VA 0x40000000 -> GPA 0x100000000
        IDMAP vroot, 3
        MAP vroot, 0x40000000, 0x100000000, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 3
        # VA 0x80000000_00 region: a leaf table the G-stage does not map
        la a0, vroot
        li a1, 0x7fc00000
        li a2, 0x100005000
        li a3, PTE_V
        li a4, 1
        li a5, 3
        call pt_map
        la t0, page
        li t1, 0x2001
        sd t1, 8(t0)
        SET_ATP hgatp, 8, groot
        hfence.gvma
        SET_ATP vsatp, 8, vroot
        li t0, 1 << 13
        csrw medeleg, t0
        csrw hedeleg, t0
        SAY "VS: VA 0x40000008 -> GPA 0x100000008 -> page"
        GO_VS
        li t0, 0x40000000
        ld s0, 8(t0)
        SAY "VS: unmapped VA: page fault to the guest's own handler"
        li t0, 0x40001000
        ld a0, 0(t0)
        TO_M
        PUT "loaded", s0
        SAY "VS: the walk's leaf table is not in the G-stage: guest-page fault to M"
        GO_VS
        li t0, 0x7fc00010
        ld a0, 0(t0)
        TO_M
        csrw medeleg, zero
        csrw hedeleg, zero
        csrw vsatp, zero
        csrw hgatp, zero
        hfence.gvma
        FINISH

        .bss
        .balign 16384
groot:  .skip 16384
vroot:  .skip 4096
page:   .skip 4096
