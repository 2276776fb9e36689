# S-mode: M-level CSRs and mret are illegal; sret, sfence.vma, wfi and the
# supervisor CSRs are allowed. The U-mode view of S CSRs after sret.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        GO_S
        SAY "mret in S"
        mret
        SAY "csrr mstatus in S"
        csrr a0, mstatus
        SAY "csrw mtvec in S"
        csrw mtvec, zero
        SAY "csrr mscratch in S"
        csrr a0, mscratch
        SAY "csrr pmpcfg0 in S"
        csrr a0, pmpcfg0
        NTRAPS s0
        SAY "S CSRs, sfence.vma and wfi with nothing else to do"
        csrr a0, sstatus
        csrw sscratch, a0
        csrr a0, sepc
        csrr a0, stvec
        csrr a0, sie
        csrr a0, sip
        csrr a0, satp
        sfence.vma
        NTRAPS s1
        sub s1, s1, s0
        CHECK s1, 0, "no traps"
        SAY "sret from S to U, then ecall"
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, 1f
        csrw sepc, t0
        sret
1:      csrr a0, sstatus
        TO_M
        LAST s0, s1, s2
        PUT "cause", s0
        FINISH
