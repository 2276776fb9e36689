  .text
  .globl _start
_start:
  beq a0, a1, target
  bne a0, zero, back
  blt a1, a2, far
  jal ra, target
  c.beqz a0, near
  c.bnez a1, near
  c.j near
  j far
back:
  bge a2, a3, _start
near:
  c.addi a0, 1
target:
  ret
  .space 3000
far:
  bltu a0, a1, _start
  jal zero, _start
  ret
