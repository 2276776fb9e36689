# Prints a prompt on the UART, then echoes each input line until it reads 'q'.
    .globl _start
    .text
_start:
    li s0, 0x10000000        # 16550 UART
    la a0, prompt
    call puts
loop:
    lbu t0, 5(s0)            # LSR
    andi t0, t0, 1           # data ready
    beqz t0, loop
    lbu a0, 0(s0)
    li t1, 'q'
    beq a0, t1, done
    sb a0, 0(s0)
    j loop
done:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
1:  j 1b

puts:
    lbu t0, 0(a0)
    beqz t0, 2f
    sb t0, 0(s0)
    addi a0, a0, 1
    j puts
2:  ret

    .section .rodata
prompt:
    .asciz "ready> "
