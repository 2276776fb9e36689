# Every M/S/H/VS CSR (and some that QEMU 7.2 lacks) written with all ones
# and with zeros, then restored; each read-back is printed. Illegal accesses
# trap to the handler, which prints the cause and skips the instruction.
        .include "hyp.inc"
        .macro PROBE name, csr
        li s1, 0xdead
        li s2, 0xdead
        csrr s0, \csr
        li t0, -1
        csrw \csr, t0
        csrr s1, \csr
        csrw \csr, zero
        csrr s2, \csr
        csrw \csr, s0
        PUT "\name\()1", s1
        PUT "\name\()0", s2
        .endm
        .text
        .globl _start
_start:
        la sp, hs_stack_top
        la t0, skip_trap
        csrw mtvec, t0
        PROBE mstatus, 0x300
        PROBE misa, 0x301
        PROBE medeleg, 0x302
        PROBE mideleg, 0x303
        PROBE mie, 0x304
        PROBE mtvec, 0x305
        PROBE mcounteren, 0x306
        PROBE menvcfg, 0x30a
        PROBE mcountinhibit, 0x320
        PROBE mscratch, 0x340
        PROBE mepc, 0x341
        PROBE mcause, 0x342
        PROBE mtval, 0x343
        PROBE mip, 0x344
        PROBE mtinst, 0x34a
        PROBE mtval2, 0x34b
        PROBE pmpcfg0, 0x3a0
        PROBE pmpcfg2, 0x3a2
        PROBE pmpaddr0, 0x3b0
        PROBE pmpaddr15, 0x3bf
        PROBE mseccfg, 0x747
        PROBE menvcfgh, 0x31a
        PROBE sstatus, 0x100
        PROBE sie, 0x104
        PROBE stvec, 0x105
        PROBE scounteren, 0x106
        PROBE senvcfg, 0x10a
        PROBE sscratch, 0x140
        PROBE sepc, 0x141
        PROBE scause, 0x142
        PROBE stval, 0x143
        PROBE sip, 0x144
        PROBE stimecmp, 0x14d
        PROBE satp, 0x180
        PROBE hstatus, 0x600
        PROBE hedeleg, 0x602
        PROBE hideleg, 0x603
        PROBE hie, 0x604
        PROBE htimedelta, 0x605
        PROBE hcounteren, 0x606
        PROBE hgeie, 0x607
        PROBE henvcfg, 0x60a
        PROBE htval, 0x643
        PROBE hip, 0x644
        PROBE hvip, 0x645
        PROBE htinst, 0x64a
        PROBE hgatp, 0x680
        PROBE hgeip, 0xe12
        PROBE vsstatus, 0x200
        PROBE vsie, 0x204
        PROBE vstvec, 0x205
        PROBE vsscratch, 0x240
        PROBE vsepc, 0x241
        PROBE vscause, 0x242
        PROBE vstval, 0x243
        PROBE vsip, 0x244
        PROBE vstimecmp, 0x24d
        PROBE vsatp, 0x280
        PROBE mconfigptr, 0xf15
        PROBE seed, 0x015
        PROBE scountovf, 0xda0
        PROBE mhpmevent3, 0x323
        PROBE mhpmcounter3, 0xb03
        PROBE hpmcounter3, 0xc03
        PROBE dcsr, 0x7b0
        PROBE mstateen0, 0x30c
        PROBE hstateen0, 0x60c
        PROBE sstateen0, 0x10c
        j hs_exit

        .balign 4
skip_trap:
        SAVE
        csrr a0, mcause
        PUT "  trap mcause", a0
        csrr a0, mtval
        PUT "  trap mtval", a0
        csrr a0, mepc
        addi a0, a0, 4
        csrw mepc, a0
        RESTORE
        mret
