# Guest-page faults (20 fetch, 21 load, 23 store/AMO): raised by the
# G-stage, reported with tval = the guest virtual address and htval /
# mtval2 = the guest physical address >> 2; taken in M, or in HS through
# medeleg (hedeleg cannot pass them to VS); GVA is set.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GIDMAP groot
        MAPL groot, 0x100000000, page, PTE_V|PTE_R|PTE_U|PTE_A, 0, 0x13
        MAPL groot, 0x100001000, page, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 0x13
        MAPL groot, 0x100002000, xpage, PTE_V|PTE_R|PTE_U|PTE_A, 0, 0x13
        SET_ATP hgatp, 8, groot
        hfence.gvma
        SAY "to M: load from an unmapped GPA, store to a read-only one"
        GO_VS
        li t0, 0x100003008
        ld a0, 0(t0)
        li t0, 0x100000010
        sd a0, 0(t0)
        SAY "to M: G-stage leaf without U; GPA beyond 41 bits"
        li t0, 0x100001000
        ld a0, 0(t0)
        li t0, 0x20000000000
        ld a0, 0(t0)
        SAY "to M: fetch from a G-stage page without X"
        RESUME_AT 1f
        li t0, 0x100002000
        jalr t0
1:      TO_M
        SAY "to HS through medeleg"
        li t0, (1 << 20) | (1 << 21) | (1 << 23)
        csrw medeleg, t0
        li t0, -1
        csrw hedeleg, t0
        GO_VS
        li t0, 0x100003010
        lw a0, 0(t0)
        li t0, 0x100000018
        amoadd.w a0, a0, (t0)
        TO_M
        csrw medeleg, zero
        csrw hedeleg, zero
        csrw hgatp, zero
        hfence.gvma
        FINISH

        .balign 4096
xpage:  ret
        .balign 4096

        .bss
        .balign 16384
groot:  .skip 16384
page:   .skip 4096
