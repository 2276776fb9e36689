# A self-contained bare-metal program for QEMU's virt board (and Hyperstep's):
# prints a greeting on the 16550 UART, then ends the run through the SiFive
# test finisher. Build:
#   riscv64-unknown-elf-as -march=rv64gc -o hello-uart.o hello-uart.s
#   riscv64-unknown-elf-ld -Ttext 0x80000000 -o hello-uart.elf hello-uart.o
#   qemu-system-riscv64 -machine virt -bios none -nographic -kernel hello-uart.elf
        .equ UART, 0x10000000
        .equ UART_LSR, 5
        .equ LSR_THRE, 0x20
        .equ FINISHER, 0x100000

        .text
        .globl _start
_start:
        la s0, message
        li s1, UART
next:   lbu a0, 0(s0)
        beqz a0, finish
wait:   lbu t0, UART_LSR(s1)        # wait until the transmitter can take a byte
        andi t0, t0, LSR_THRE
        beqz t0, wait
        sb a0, 0(s1)
        addi s0, s0, 1
        j next
finish: li t0, FINISHER
        li t1, 0x5555               # "pass": QEMU exits with status 0
        sw t1, 0(t0)
1:      j 1b

        .section .rodata
message:
        .asciz "Hello from bare-metal RISC-V!\ndone\n"
