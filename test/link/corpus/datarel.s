# Data relocations: absolute words, symbol differences of every width.
  .text
  .globl _start
_start:
  nop
here:
  c.nop
there:
  ret
  .data
  .align 3
  .dword _start, here + 4, there - 2
  .word here
  .dword there - _start
  .word there - here
  .half there - _start
  .byte there - here
  .byte later - _start
  .align 3
  .quad table_end - table
table:
  .dword other
  .word other - table
table_end:
  .section .rodata
  .dword table_end - _start
  .4byte label_in_ro - _start
label_in_ro:
  .byte 1
