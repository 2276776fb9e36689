# Illegal-instruction exceptions (cause 2) in M-mode: mtval holds the
# instruction bits (QEMU writes them; the spec allows them or zero).
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "custom-0 opcode"
        .word 0x0000000b
        CHECK_CAUSE 2, "custom-0"
        SAY "all-zero 16-bit instruction"
        .half 0x0000
        CHECK_CAUSE 2, "c.zero"
        SAY "all-ones 32-bit word"
        .word 0xffffffff
        CHECK_CAUSE 2, "all ones"
        SAY "write to read-only mvendorid"
        csrw mvendorid, zero
        CHECK_CAUSE 2, "csrw mvendorid"
        SAY "csrrs with rs1=x0 reads a read-only CSR without trapping"
        NTRAPS s0
        csrr a0, mhartid
        csrrsi a0, marchid, 0
        NTRAPS s1
        sub s1, s1, s0
        CHECK s1, 0, "read of read-only CSRs"
        SAY "unimplemented CSR 0x7ff"
        csrr a0, 0x7ff
        CHECK_CAUSE 2, "csr 0x7ff"
        SAY "FP instruction with mstatus.FS = Off"
        li t0, 0x6000
        csrc mstatus, t0
        fadd.d f1, f2, f3
        CHECK_CAUSE 2, "FS=off"
        SAY "fcsr access with FS = Off"
        csrr a0, fcsr
        CHECK_CAUSE 2, "fcsr FS=off"
        SAY "FS = Initial enables them; a write makes FS Dirty and SD set"
        li t0, 0x2000
        csrs mstatus, t0
        fadd.d f1, f2, f3
        csrr s1, mstatus
        srli s2, s1, 63
        PUT "SD", s2
        srli s1, s1, 13
        andi s1, s1, 3
        PUT "FS", s1
        SAY "reserved funct3 in a load (ld with funct3 = 7)"
        .word 0x00007003
        CHECK_CAUSE 2, "load funct3 7"
        SAY "csrrw to a CSR number in the debug-only range (dcsr 0x7b0)"
        csrw 0x7b0, zero
        CHECK_CAUSE 2, "dcsr"
        FINISH
