# Echoes console input back until it reads 'q', then powers off (exit 0).
    .equ UART, 0x10000000
    .equ LSR, 5
    .equ LSR_DR, 0x01           # a received byte is waiting
    .equ LSR_THRE, 0x20         # the transmitter can take a byte
    .equ FINISHER, 0x100000
    .text
    .globl _start
_start:
    li      s0, UART
read:
    lbu     t0, LSR(s0)
    andi    t0, t0, LSR_DR
    beqz    t0, read
    lbu     a0, 0(s0)
    li      t1, 'q'
    beq     a0, t1, done
write:
    lbu     t0, LSR(s0)
    andi    t0, t0, LSR_THRE
    beqz    t0, write
    sb      a0, 0(s0)
    j       read
done:
    li      t0, FINISHER
    li      t1, 0x5555
    sw      t1, 0(t0)
1:  wfi
    j       1b
