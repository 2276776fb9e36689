# mstatus.TVM: S-mode accesses to satp and sfence.vma raise illegal
# instruction; M-mode is unaffected; with TVM=0 S may use both.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, MSTATUS_TVM
        csrs mstatus, t0
        GO_S
        SAY "TVM=1: csrr satp, csrw satp, sfence.vma"
        csrr a0, satp
        csrw satp, zero
        sfence.vma
        li t0, 0x40000000
        sfence.vma t0, zero
        TO_M
        SAY "M: satp still accessible"
        csrr a0, satp
        sfence.vma
        li t0, MSTATUS_TVM
        csrc mstatus, t0
        NTRAPS s0
        GO_S
        SAY "TVM=0: no traps"
        csrr a0, satp
        sfence.vma
        TO_M
        NTRAPS s1
        sub s1, s1, s0
        CHECK s1, 0, "no traps with TVM=0"
        FINISH
