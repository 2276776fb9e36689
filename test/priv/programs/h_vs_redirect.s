# In VS-mode the supervisor CSR numbers reach the VS CSRs: sstatus is
# vsstatus, sscratch vsscratch, sepc vsepc, and a write of sie reaches the
# VS bits of hie (shifted up by one). M sets the vs* values, VS reads and
# writes them, M checks that the HS copies were not touched. (Reads of sie /
# sip in VS return 0 on QEMU 7.2 whatever hie/hvip hold, so they are left
# out.)
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, 0x1111
        csrw sscratch, t0
        li t0, 0x2222
        csrw vsscratch, t0
        li t0, 0x80003000
        csrw vsepc, t0
        li t0, 0x80004000
        csrw sepc, t0
        li t0, 13
        csrw vscause, t0
        li t0, 0xabc
        csrw vstval, t0
        li t0, MSTATUS_SUM
        csrw vsstatus, t0
        li t0, 0x444
        csrw hideleg, t0
        csrw hie, t0
        SAY "VS reads"
        GO_VS
        csrr s0, sscratch
        csrr s1, sepc
        csrr s2, scause
        csrr s3, stval
        csrr s4, sstatus
        li t0, MSTATUS_SUM | MSTATUS_MXR
        and s4, s4, t0
        PUT "sscratch", s0
        PUT "sepc", s1
        PUT "scause", s2
        PUT "stval", s3
        PUT "sstatus&SUM|MXR", s4
        SAY "VS writes"
        li t0, 0x3333
        csrw sscratch, t0
        li t0, 0x80005000
        csrw sepc, t0
        li t0, MSTATUS_MXR
        csrs sstatus, t0
        li t0, 0x20
        csrc sie, t0
        csrr s6, vsscratch          # an H CSR from VS: virtual instruction
        TO_M
        SAY "M sees the VS copies changed, the HS copies not"
        PUTCSR vsscratch
        PUTCSR sscratch
        PUTCSR vsepc
        PUTCSR sepc
        PUTMASK vsstatus, 0xc0000
        PUTMASK mstatus, 0xc0000
        PUTCSR hie
        csrw hie, zero
        csrw hideleg, zero
        la t0, priv_s_stack_top
        csrw sscratch, t0
        la t0, priv_vs_stack_top
        csrw vsscratch, t0
        FINISH
