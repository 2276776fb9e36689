# mtvec direct and vectored modes, CLINT software and timer interrupts (the
# timer one reached through wfi), and the mstatus MIE/MPIE/MPP dance of a
# trap and mret.
        .include "support.inc"
        .equ CLINT_MSIP, 0x2000000
        .equ CLINT_MTIMECMP, 0x2004000
        .equ CLINT_MTIME, 0x200bff8
        .text
        .globl _start
_start:
        HS_INIT
        TRAP_INIT

        SAY "mret to a label with MPP=M, MPIE=1"
        li t0, 0x1880
        csrs mstatus, t0
        la t0, 1f
        csrw mepc, t0
        csrr s0, mstatus
        mret
1:      csrr s1, mstatus
        li t0, 0x1888
        and s0, s0, t0
        and s1, s1, t0
        PUT "mstatus before mret (MIE|MPIE|MPP)", s0
        PUT "mstatus after mret (MIE|MPIE|MPP)", s1
        csrci mstatus, 8

        SAY "vectored mtvec: ecall goes to the base"
        la t0, vectors
        ori t0, t0, 1
        csrw mtvec, t0
        ecall
        la t0, last_slot
        ld s0, 0(t0)
        CHECK s0, 0, "exception taken at slot 0"

        SAY "software interrupt, vectored"
        li t0, 8
        csrs mie, t0
        li t0, CLINT_MSIP
        li t1, 1
        sw t1, 0(t0)
        csrsi mstatus, 8
        .option push
        .option norvc
interrupted:
        nop
        nop
        .option pop
        csrci mstatus, 8
        la s3, last_slot
        ld s0, 0(s3)
        CHECK s0, 3, "software interrupt at slot 3"
        ld s1, 8(s3)
        PUT "mcause", s1
        ld s1, 40(s3)
        la t0, interrupted
        sub s1, s1, t0
        PUT "mepc - address after csrsi", s1
        ld s1, 16(s3)
        li t0, 0x1888
        and s1, s1, t0
        PUT "mstatus in handler (MIE|MPIE|MPP)", s1
        li t0, 8
        csrc mie, t0

        SAY "timer interrupt through wfi, vectored"
        li t0, CLINT_MTIME
        ld s2, 0(t0)
        addi s2, s2, 500
        li t0, CLINT_MTIMECMP
        sd s2, 0(t0)
        li t0, 0x80
        csrs mie, t0
        csrsi mstatus, 8
        la s3, last_slot
        sd zero, 0(s3)
2:      wfi
        ld s0, 0(s3)
        beqz s0, 2b
        csrci mstatus, 8
        CHECK s0, 7, "timer interrupt at slot 7"
        ld s1, 8(s3)
        PUT "mcause", s1
        ld s1, 24(s3)
        sltu s1, s1, s2
        CHECK s1, 0, "mtime >= mtimecmp in the handler"

        SAY "timer interrupt, direct mode"
        la t0, direct_handler
        csrw mtvec, t0
        li t0, CLINT_MTIME
        ld s2, 0(t0)
        addi s2, s2, 100
        li t0, CLINT_MTIMECMP
        sd s2, 0(t0)
        sd zero, 0(s3)
        csrsi mstatus, 8
3:      wfi
        ld s0, 0(s3)
        beqz s0, 3b
        csrci mstatus, 8
        CHECK s0, 0x99, "direct handler ran"
        ld s1, 8(s3)
        PUT "mcause", s1
        li t0, 0x80
        csrc mie, t0
        csrr s1, mip
        PUT "mip after clearing the timer", s1
        FINISH

# Vectored handlers record the slot, mcause, mstatus and mtime, then clear
# their source (interrupts) or step over the instruction (exceptions).
        .balign 256
        .option push
        .option norvc
vectors:
        j slot0
        j bad_slot
        j bad_slot
        j slot3
        j bad_slot
        j bad_slot
        j bad_slot
        j slot7
        .option pop

slot0:  csrw mscratch, t0
        la t0, last_slot
        sd zero, 0(t0)
        csrr t0, mepc
        addi t0, t0, 4
        csrw mepc, t0
        csrr t0, mscratch
        mret
slot3:  csrw mscratch, t0
        la t0, last_slot
        sd t1, 32(t0)
        li t1, 3
        sd t1, 0(t0)
        csrr t1, mcause
        sd t1, 8(t0)
        csrr t1, mstatus
        sd t1, 16(t0)
        csrr t1, mepc
        sd t1, 40(t0)
        li t0, CLINT_MSIP
        sw zero, 0(t0)
        la t0, last_slot
        ld t1, 32(t0)
        csrr t0, mscratch
        mret
slot7:  csrw mscratch, t0
        la t0, last_slot
        sd t1, 32(t0)
        li t1, 7
        sd t1, 0(t0)
        csrr t1, mcause
        sd t1, 8(t0)
        li t1, CLINT_MTIME
        ld t1, 0(t1)
        sd t1, 24(t0)
        li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        la t0, last_slot
        ld t1, 32(t0)
        csrr t0, mscratch
        mret
bad_slot:
        li a0, 9
        j hs_fail

        .balign 4
direct_handler:
        csrw mscratch, t0
        la t0, last_slot
        sd t1, 32(t0)
        li t1, 0x99
        sd t1, 0(t0)
        csrr t1, mcause
        sd t1, 8(t0)
        li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        la t0, last_slot
        ld t1, 32(t0)
        csrr t0, mscratch
        mret

        .data
        .balign 8
last_slot: .dword 0, 0, 0, 0, 0, 0
