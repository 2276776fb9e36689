# A spike-board program: prints over the HTIF console (device 1, command 1:
# one byte a request) and exits with code 3 by writing (3 << 1) | 1 to tohost.
# Defining tohost makes `hyperstep run` pick the spike machine.
    .text
    .globl _start
_start:
    la      sp, stack_top
    la      s0, message
1:  lbu     a0, 0(s0)
    beqz    a0, 2f
    call    putchar
    addi    s0, s0, 1
    j       1b
2:  li      a0, (3 << 1) | 1
    la      t0, tohost
    sd      a0, 0(t0)
3:  j       3b

# putchar(a0): hands the byte to the host, then waits until the host has
# taken the request (it clears tohost).
putchar:
    li      t0, 0x0101
    slli    t0, t0, 48          # device 1 (console), command 1 (write)
    or      t0, t0, a0
    la      t1, tohost
    sd      t0, 0(t1)
1:  ld      t2, 0(t1)
    bnez    t2, 1b
    ret

    .section .rodata
message:
    .asciz  "HTIF says hello\n"

    .section .tohost, "aw", @progbits
    .balign 64
    .globl  tohost
tohost:
    .dword  0
    .size   tohost, 8           # QEMU insists on 8-byte tohost/fromhost symbols
    .balign 64
    .globl  fromhost
fromhost:
    .dword  0
    .size   fromhost, 8

    .bss
    .balign 16
    .space  1024
stack_top:
