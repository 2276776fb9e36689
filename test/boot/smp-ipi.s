# Two harts (run with --smp 2 / QEMU -smp 2, no firmware). Both start at
# _start with a0 = hart id. Hart 0 wakes hart 1 with a CLINT software
# interrupt (msip), hart 1 answers the same way, then both harts add to one
# counter with amoadd and hart 0 checks the total before powering off.
# The printing is ordered by the handshake, so the output is deterministic.
    .equ UART, 0x10000000
    .equ CLINT, 0x2000000
    .equ FINISHER, 0x100000
    .equ MIP_MSIP, 8
    .equ ROUNDS, 1000
    .text
    .globl _start
_start:
    la      sp, stacks_end
    slli    t0, a0, 12
    sub     sp, sp, t0              # 4 KiB of stack per hart
    mv      s0, a0
    li      t0, MIP_MSIP
    csrw    mie, t0                 # msip may wake wfi (mstatus.MIE stays 0)
    bnez    s0, hart1

hart0:
    la      a0, m_start
    call    puts
    li      t0, CLINT
    li      t1, 1
    sw      t1, 4(t0)               # msip[1] = 1: wake hart 1
    call    wait_ipi
    la      a0, m_back
    call    puts
    call    add_rounds
    la      t0, done1
1:  lw      t1, 0(t0)               # wait until hart 1 finished its rounds
    beqz    t1, 1b
    la      t0, counter
    lw      t1, 0(t0)
    li      t2, 2 * ROUNDS
    la      a0, m_ok
    beq     t1, t2, 2f
    la      a0, m_bad
2:  call    puts
    li      t0, FINISHER
    li      t1, 0x5555
    sw      t1, 0(t0)
3:  wfi
    j       3b

hart1:
    call    wait_ipi
    la      a0, m_hart1
    call    puts
    li      t0, CLINT
    li      t1, 1
    sw      t1, 0(t0)               # msip[0] = 1: answer hart 0
    call    add_rounds
    la      t0, done1
    li      t1, 1
    sw      t1, 0(t0)
4:  wfi
    j       4b

# Sleeps until this hart's msip is set, then clears it.
wait_ipi:
    wfi
    csrr    t0, mip
    andi    t0, t0, MIP_MSIP
    beqz    t0, wait_ipi
    li      t0, CLINT
    slli    t1, s0, 2
    add     t0, t0, t1
    sw      zero, 0(t0)
    ret

add_rounds:
    la      t0, counter
    li      t1, ROUNDS
    li      t2, 1
1:  amoadd.w zero, t2, (t0)
    addi    t1, t1, -1
    bnez    t1, 1b
    ret

puts:
    li      t0, UART
1:  lbu     t1, 0(a0)
    beqz    t1, 3f
2:  lbu     t2, 5(t0)
    andi    t2, t2, 0x20
    beqz    t2, 2b
    sb      t1, 0(t0)
    addi    a0, a0, 1
    j       1b
3:  ret

    .section .rodata
m_start: .asciz "hart 0: waking hart 1\n"
m_hart1: .asciz "hart 1: woken by hart 0, answering\n"
m_back:  .asciz "hart 0: woken by hart 1\n"
m_ok:    .asciz "counter: 2000, as expected\n"
m_bad:   .asciz "counter: WRONG\n"

    .data
    .balign 8
counter: .word 0
done1:   .word 0
    .balign 16
stacks:  .space 2 * 4096
stacks_end:
