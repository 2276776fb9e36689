# Identification and initial machine CSRs as QEMU virt reports them: the
# engine must show the same values. Also checks the read-only/WARL basics.
        .include "support.inc"
        .text
        .globl _start
_start:
        HS_INIT
        TRAP_INIT
        csrr s0, mhartid
        PUT "mhartid", s0
        CHECK s0, 0, "mhartid of the only hart"
        csrr s0, misa
        PUT "misa", s0
        srli s1, s0, 62
        CHECK s1, 2, "misa.MXL = 64-bit"
        # I, M, A, F, D, C must be present
        li t0, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 5) | (1 << 3) | (1 << 2)
        and s1, s0, t0
        CHECK s1, (1 << 8) | (1 << 12) | (1 << 0) | (1 << 5) | (1 << 3) | (1 << 2), "misa has IMAFDC"
        csrr s0, mvendorid
        PUT "mvendorid", s0
        csrr s0, marchid
        PUT "marchid", s0
        csrr s0, mimpid
        PUT "mimpid", s0
        csrr s0, mstatus
        PUT "mstatus (FS set by HS_INIT)", s0
        # FS becomes Dirty once an FP register is written
        fmv.d.x f1, zero
        csrr s0, mstatus
        PUT "mstatus after an FP write", s0
        srli s1, s0, 13
        andi s1, s1, 3
        CHECK s1, 3, "FS dirty after FP write"
        # mepc holds any 2-byte-aligned address (QEMU 7.2 also keeps bit 0,
        # which the spec forbids, so only even values are printed)
        li t0, -2
        csrw mepc, t0
        csrr s0, mepc
        PUT "mepc after writing ...fffe", s0
        # mtvec keeps mode 0 and 1
        la t0, trap_report
        ori t1, t0, 1
        csrw mtvec, t1
        csrr s0, mtvec
        sub s0, s0, t0
        PUT "mtvec mode after writing vectored", s0
        csrw mtvec, t0
        # mscratch is a plain read/write register
        csrr s2, mscratch
        li t0, 0x0123456789abcdef
        csrw mscratch, t0
        csrr s0, mscratch
        CHECK s0, 0x0123456789abcdef, "mscratch round trip"
        csrw mscratch, s2
        # fcsr fields
        li t0, 0xff
        csrw fcsr, t0
        frrm s0
        CHECK s0, 7, "frm from fcsr"
        frflags s0
        CHECK s0, 0x1f, "fflags from fcsr"
        csrr s0, fcsr
        CHECK s0, 0xff, "fcsr keeps 8 bits"
        csrw fcsr, zero
        csrr s0, mie
        PUT "mie", s0
        csrr s0, medeleg
        PUT "medeleg", s0
        FINISH
