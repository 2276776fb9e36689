# Local, global and typed/sized symbols; .L labels that ld drops.
  .text
  .globl _start
  .type _start, @function
_start:
  call helper
.Lloop:
  j .Lloop
  .size _start, .-_start
  .type helper, @function
helper:
  lla a0, obj
  ret
  .size helper, .-helper
  .data
  .type obj, @object
  .size obj, 16
obj: .dword 1, 2
  .local lcl
  .comm lcl, 32, 8
  .globl gcomm
  .comm gcomm, 64, 16
  .equ local_const, 77
