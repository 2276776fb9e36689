# Never exits: a runaway guest for --max-insns.
    .text
    .globl _start
_start:
    li      a0, 0
1:  addi    a0, a0, 1
    j       1b
