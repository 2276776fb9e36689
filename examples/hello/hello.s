# Hello, Hyperstep: a bare-metal RV64 program for QEMU's `virt` board.
#
# It greets over the NS16550A UART, computes the 30th Fibonacci number in a
# loop, prints it in decimal, and powers the board off through the SiFive test
# finisher. Nothing runs before it: the program starts in machine mode at
# 0x80000000 with no firmware (`-bios none`).
#
#   riscv64-unknown-elf-as -march=rv64gc -o hello.o hello.s
#   riscv64-unknown-elf-ld -Ttext 0x80000000 -o hello.elf hello.o
#   qemu-system-riscv64 -machine virt -bios none -nographic -kernel hello.elf

    .equ UART_BASE,     0x10000000
    .equ UART_LSR,      5           # line status register offset
    .equ LSR_THRE,      0x20        # bit 5: transmit holding register empty
    .equ FINISHER,      0x100000
    .equ FINISHER_PASS, 0x5555

    .section .text
    .globl _start
_start:
    la      sp, stack_top

    la      a0, greeting
    call    puts

    # fib(30) by iteration: a, b = 0, 1; repeat 30 times: a, b = b, a + b
    li      t0, 30
    li      s1, 0
    li      s2, 1
fib_loop:
    add     t1, s1, s2
    mv      s1, s2
    mv      s2, t1
    addi    t0, t0, -1
    bnez    t0, fib_loop

    la      a0, fib_label
    call    puts
    mv      a0, s1
    call    put_decimal
    li      a0, '\n'
    call    putc

    # Power off: QEMU exits with status 0.
    li      t0, FINISHER
    li      t1, FINISHER_PASS
    sw      t1, 0(t0)
hang:
    wfi
    j       hang

# putc(a0 = byte): waits until the UART can take a byte, then sends it.
putc:
    li      t0, UART_BASE
1:
    lbu     t1, UART_LSR(t0)
    andi    t1, t1, LSR_THRE
    beqz    t1, 1b
    sb      a0, 0(t0)
    ret

# puts(a0 = address of a NUL-terminated string)
puts:
    addi    sp, sp, -16
    sd      ra, 8(sp)
    sd      s0, 0(sp)
    mv      s0, a0
1:
    lbu     a0, 0(s0)
    beqz    a0, 2f
    call    putc
    addi    s0, s0, 1
    j       1b
2:
    ld      s0, 0(sp)
    ld      ra, 8(sp)
    addi    sp, sp, 16
    ret

# put_decimal(a0 = unsigned value): digits are produced least significant
# first, so they are pushed on the stack and popped in print order.
put_decimal:
    addi    sp, sp, -48
    sd      ra, 40(sp)
    sd      s0, 32(sp)
    mv      s0, sp              # s0 = next free digit slot
    li      t2, 10
1:
    remu    t3, a0, t2
    divu    a0, a0, t2
    addi    t3, t3, '0'
    sb      t3, 0(s0)
    addi    s0, s0, 1
    bnez    a0, 1b
2:
    addi    s0, s0, -1
    lbu     a0, 0(s0)
    call    putc
    bne     s0, sp, 2b
    ld      s0, 32(sp)
    ld      ra, 40(sp)
    addi    sp, sp, 48
    ret

    .section .rodata
greeting:
    .asciz  "Hello from Hyperstep!\n"
fib_label:
    .asciz  "fib(30) = "

    .section .bss
    .balign 16
stack:
    .space  4096
stack_top:
