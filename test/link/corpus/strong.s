  .text
  .globl overridden
overridden:
  li a0, 3
  ret
