# ecall from U (cause 8) and from S (cause 9) into M: mepc, MPP (0 / 1),
# and the return with mret to the mode in MPP.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        SAY "ecall from S"
        GO_S
        ecall
        csrr s0, sstatus          # S may read sstatus
        TO_M
        CHECK_CAUSE 9, "ecall from S"
        SAY "ecall from U"
        GO_U
        ecall
        li s1, 42
        TO_M
        CHECK_CAUSE 8, "ecall from U"
        CHECK s1, 42, "U continued after ecall"
        SAY "ecall from U with registers intact"
        li s2, 0x1234
        GO_U
        li a0, 7
        ecall
        addi s2, s2, 1
        TO_M
        CHECK s2, 0x1235, "U state"
        SAY "mret to U leaves MPP = U and MPIE = 1"
        csrr s3, mstatus
        li t0, MSTATUS_MPP | MSTATUS_MPIE
        and s3, s3, t0
        PUT "mstatus", s3
        FINISH
