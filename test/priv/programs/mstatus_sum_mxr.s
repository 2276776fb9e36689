# sstatus.SUM lets S-mode load and store U pages (never fetch from them);
# sstatus.MXR makes execute-only pages readable, for S and U.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 3, 1
        li t0, (1 << 12) | (1 << 13) | (1 << 15)
        csrw medeleg, t0
        MAPL root, 0x40000000, upage, PTE_V|PTE_R|PTE_W|PTE_U|PTE_A|PTE_D, 0, 3
        MAPL root, 0x40001000, xpage, PTE_V|PTE_X|PTE_A, 0, 3
        MAPL root, 0x40002000, xpage, PTE_V|PTE_X|PTE_U|PTE_A, 0, 3
        MAPL root, 0x40003000, xpage, PTE_V|PTE_X|PTE_U|PTE_R|PTE_A, 0, 3
        SET_ATP satp, 8, root
        GO_S
        SAY "S: U page without SUM: load and store fault"
        li s0, 0x40000000
        ld a0, 0(s0)
        sd a0, 0(s0)
        SAY "S: with SUM both work"
        li t0, MSTATUS_SUM
        csrs sstatus, t0
        li t0, 0x77
        sd t0, 0(s0)
        ld s1, 0(s0)
        SAY "S: fetch from a U page faults even with SUM"
        RESUME_AT 1f
        li t0, 0x40003000
        jalr t0
1:      li t0, MSTATUS_SUM
        csrc sstatus, t0
        SAY "S: load from an execute-only page faults without MXR"
        li s2, 0x40001000
        lw a0, 0(s2)
        SAY "S: MXR=1 makes it readable"
        li t0, MSTATUS_MXR
        csrs sstatus, t0
        lw s3, 0(s2)
        csrc sstatus, t0
        TO_M
        PUT "sum-load", s1
        PUT "mxr-load", s3
        SAY "U: execute-only U page: fault, then MXR (set by M) reads it"
        li s2, 0x40002000
        GO_U_ALIAS
        lw a0, 0(s2)
        TO_M
        li t0, MSTATUS_MXR
        csrs mstatus, t0
        GO_U_ALIAS
        lw s4, 0(s2)
        TO_M
        li t0, MSTATUS_MXR
        csrc mstatus, t0
        PUT "u-mxr-load", s4
        csrw satp, zero
        FINISH

        .balign 4096
xpage:  ret
        .balign 4096

        .bss
        .balign 4096
root:   .skip 4096
upage:  .skip 4096
