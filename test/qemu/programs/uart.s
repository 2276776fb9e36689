# UART 16550 at 0x10000000: text output and the register values a driver sees.
        .include "support.inc"
        .text
        .globl _start
_start:
        HS_INIT
        TRAP_INIT
        SAY "Hello from the UART"
        li s0, 0x10000000
        lbu s1, 5(s0)
        PUT "LSR", s1
        lbu s1, 2(s0)
        PUT "IIR", s1
        lbu s1, 3(s0)
        PUT "LCR", s1
        li t0, 0xa5
        sb t0, 7(s0)
        lbu s1, 7(s0)
        CHECK s1, 0xa5, "SCR round trip"
        li t0, 0x03
        sb t0, 3(s0)
        lbu s1, 3(s0)
        CHECK s1, 0x03, "LCR round trip"
        # every printable byte
        li s2, 0x20
1:      mv a0, s2
        call hs_putc
        addi s2, s2, 1
        li t0, 0x7f
        blt s2, t0, 1b
        li a0, '\n'
        call hs_putc
        FINISH
