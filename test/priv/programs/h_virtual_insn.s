# Virtual-instruction exceptions (cause 22, tval = the instruction): VS or
# VU doing what HS could do but the hypervisor must emulate: H CSRs and
# hfence/hlv in VS, wfi with hstatus.VTW, sret with VTSR, satp/sfence with
# VTVM, S CSRs from VU, counters hidden by hcounteren. M-level CSRs stay
# illegal instructions (2).
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, 7
        csrw mcounteren, t0
        GO_VS
        SAY "VS: hstatus, htval, hgatp, hfence.gvma, hfence.vvma, hlv.w"
        csrr a0, hstatus
        csrr a0, htval
        csrw hgatp, zero
        hfence.gvma
        hfence.vvma
        la t0, _start
        hlv.w a0, (t0)
        SAY "VS: mstatus is an illegal instruction"
        csrr a0, mstatus
        SAY "VS: cycle with hcounteren.CY = 0"
        rdcycle a0
        TO_M
        SAY "VTW, VTSR, VTVM set"
        li t0, HSTATUS_VTW | HSTATUS_VTSR | HSTATUS_VTVM
        csrs hstatus, t0
        li t0, MSTATUS_SIE          # vsstatus.SIE keeps wfi from waiting for long
        GO_VS
        wfi
        sret
        # QEMU 7.2 lets VS read satp with VTVM set (spec: virtual instruction)
        SPEC_BEGIN
        csrr a0, satp
        SPEC_END 22, "csrr satp in VS with VTVM is a virtual instruction"
        sfence.vma
        TO_M
        li t0, HSTATUS_VTW | HSTATUS_VTSR | HSTATUS_VTVM
        csrc hstatus, t0
        SAY "VU: sstatus and sscratch are illegal (2); wfi is virtual (22)"
        GO_VU
        csrr a0, sstatus
        csrw sscratch, zero
        wfi
        TO_M
        SAY "delegated to HS with medeleg[22]"
        li t0, 1 << 22
        csrw medeleg, t0
        GO_VS
        csrr a0, hstatus
        TO_M
        csrw medeleg, zero
        FINISH
