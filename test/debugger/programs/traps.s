# A machine-mode kernel that drops to user mode; the user program executes a
# privileged instruction (illegal in U-mode) and makes two system calls.
    .globl _start
    .text
_start:
    la t0, handler
    csrw mtvec, t0
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f              # NAPOT, RWX: U-mode may access everything
    csrw pmpcfg0, t0
    la sp, stack_top
    li t0, 0x1800
    csrc mstatus, t0         # MPP = U
    la t0, user
    csrw mepc, t0
    mret

user:
    li a0, 1
    li a1, 2
    csrr a2, mstatus         # privileged: illegal instruction in U-mode
    add a0, a0, a1
    li a7, 93
    ecall                    # a system call the kernel just returns from
    addi a0, a0, 10
    la t1, counter
    sd a0, 0(t1)
    call leaf
    li a7, 94
    ecall                    # exit
1:  j 1b

leaf:
    addi a0, a0, 1
    addi a0, a0, 1
    ret

handler:
    csrr t3, mcause
    li t4, 8
    beq t3, t4, syscall
    li t4, 2
    beq t3, t4, skip
    j fail
syscall:
    li t4, 94
    beq a7, t4, exit
skip:
    csrr t5, mepc
    addi t5, t5, 4
    csrw mepc, t5
    mret
exit:
    li t0, 0x100000
    li t1, 0x5555
    sw t1, 0(t0)
fail:
    j fail

    .data
counter:
    .dword 0
    .bss
    .balign 16
    .space 4096
stack_top:
