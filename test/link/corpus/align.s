  .text
  .globl _start
_start:
  nop
  .align 4
aligned16:
  c.nop
  .balign 64
aligned64:
  ret
  .p2align 3
  .word 0x12345678
  .data
  .byte 1
  .align 5
d32: .byte 2
  .section .rodata
  .byte 3
  .balign 256
r256: .dword d32, aligned64
  .bss
  .byte 0
  .align 12
page_bss: .space 16
