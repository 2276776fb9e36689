# Two errors: an unknown mnemonic and a bad register.
    .text
    .globl _start
_start:
    addi    a0, a0, 1
    frobnicate a0, a1
    add     a0, q7, a1
