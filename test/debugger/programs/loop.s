# Runs forever: the debugger must still pause and terminate it.
    .globl _start
    .text
_start:
    li a0, 0
1:
    addi a0, a0, 1
    j 1b
