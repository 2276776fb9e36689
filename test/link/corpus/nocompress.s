  .text
  .globl _start
_start:
  addi a0, zero, 1
  beq a0, zero, _start
  j _start
  .data
  .word 1
