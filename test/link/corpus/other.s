  .text
  .globl other, later
other:
  li a0, 1
  ret
later:
  j other
