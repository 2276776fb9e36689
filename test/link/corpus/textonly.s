  .text
  .globl _start
_start:
  li a0, 42
1: j 1b
