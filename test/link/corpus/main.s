# Multi-object program: calls into lib.s, uses its data, and is called back.
  .text
  .globl _start
  .type _start, @function
_start:
  la sp, stack_top
  call lib_init
  lla a0, greeting
  call lib_print
  tail lib_exit
  .size _start, .-_start

  .globl main_callback
  .type main_callback, @function
main_callback:
  addi a0, a0, 1
  ret
  .size main_callback, .-main_callback

  .section .rodata
greeting: .string "hello from main"

  .bss
  .align 4
stack: .space 4096
stack_top:
