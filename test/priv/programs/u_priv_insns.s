# Privileged instructions and CSRs in U-mode: each raises an illegal
# instruction exception into M with mtval = the instruction bits.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GO_U
        SAY "mret"
        mret
        SAY "sret"
        sret
        SAY "wfi"
        wfi
        SAY "sfence.vma"
        sfence.vma
        SAY "csrr mstatus"
        csrr a0, mstatus
        SAY "csrr sstatus"
        csrr a0, sstatus
        SAY "csrw sscratch"
        csrw sscratch, zero
        SAY "csrr satp"
        csrr a0, satp
        SAY "csrr mhartid"
        csrr a0, mhartid
        SAY "U may use fflags once FS is on (set from M)"
        TO_M
        li t0, 0x2000
        csrs mstatus, t0
        GO_U
        NTRAPS s0
        csrr a0, fflags
        NTRAPS s1
        TO_M
        sub s1, s1, s0
        CHECK s1, 0, "fflags in U"
        NTRAPS s0
        CHECK s0, 9, "nine traps"
        FINISH
