# A data segment that ld can shift back a page (DATA_SEGMENT_ALIGN adjustment).
  .text
  .globl _start
_start:
  lla a0, big
  ret
  .section .rodata
  .space 0xf00
  .data
big: .space 0x180
  .bss
  .space 0x300
