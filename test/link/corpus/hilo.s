# %hi/%lo against absolute symbols (the text at 0x80000000 is out of lui's signed range).
  .equ DEVICE, 0x10000000
  .globl CONST
  .set CONST, 0x12345
  .text
  .globl _start
_start:
  lui a0, %hi(DEVICE)
  addi a0, a0, %lo(DEVICE)
  lui a1, %hi(CONST)
  lw a2, %lo(CONST)(a1)
  sw a2, %lo(CONST+4)(a1)
  lui a3, %hi(0x7ffff800)
  addi a3, a3, %lo(0x7ffff800)
  li a4, DEVICE + 0x123
  ret
