# S-mode payload (under OpenSBI fw_jump): console input by interrupt. The
# UART's receive interrupt goes through the PLIC (source 10, hart 0's S-mode
# context 1) to the supervisor external interrupt that OpenSBI delegates.
# Each received byte is echoed as "got X"; 'q' powers off via SBI SRST.
    .equ UART, 0x10000000
    .equ PLIC, 0x0c000000
    .equ PLIC_ENABLE_S0, PLIC + 0x2080      # context 1 enables
    .equ PLIC_CLAIM_S0, PLIC + 0x201004     # context 1 claim/complete
    .equ PLIC_THRESH_S0, PLIC + 0x201000
    .equ SEIE, 1 << 9
    .equ SIE, 1 << 1
    .text
    .globl _start
_start:
    la      sp, stack_end
    la      t0, trap
    csrw    stvec, t0
    li      t0, PLIC + 4 * 10
    li      t1, 1
    sw      t1, 0(t0)               # priority of the UART source
    li      t0, PLIC_ENABLE_S0
    li      t1, 1 << 10
    sw      t1, 0(t0)
    li      t0, PLIC_THRESH_S0
    sw      zero, 0(t0)
    li      t0, UART
    li      t1, 1
    sb      t1, 1(t0)               # IER: received-data interrupt
    li      t0, SEIE
    csrs    sie, t0
    la      a0, ready
    call    puts
    csrsi   sstatus, SIE
1:  wfi
    j       1b

    .balign 4
trap:
    li      t0, PLIC_CLAIM_S0
    lw      s1, 0(t0)               # claim
    li      t0, UART
    lbu     s2, 0(t0)               # the byte (lowers the line)
    la      a0, got
    call    puts
    mv      a0, s2
    li      a7, 1
    ecall
    li      a0, '\n'
    li      a7, 1
    ecall
    li      t0, PLIC_CLAIM_S0
    sw      s1, 0(t0)               # complete
    li      t0, 'q'
    bne     s2, t0, 2f
    li      a7, 0x53525354
    li      a6, 0
    li      a0, 0
    li      a1, 0
    ecall
2:  sret

puts:
    mv      t2, a0
1:  lbu     a0, 0(t2)
    beqz    a0, 2f
    li      a7, 1
    ecall
    addi    t2, t2, 1
    j       1b
2:  ret

    .section .rodata
ready: .asciz "ready\n"
got:   .asciz "got "
    .data
    .balign 16
    .space 4096
stack_end:
