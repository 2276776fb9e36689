  .globl _start
_start:
  la sp, stk
  call main
1: j 1b
  .bss
  .space 256
stk:
