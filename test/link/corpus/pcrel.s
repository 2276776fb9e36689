  .text
  .globl _start
_start:
1: auipc a0, %pcrel_hi(value)
  ld a1, %pcrel_lo(1b)(a0)
2: auipc a2, %pcrel_hi(value+8)
  sd a1, %pcrel_lo(2b)(a2)
3: auipc a3, %pcrel_hi(bytes)
  addi a3, a3, %pcrel_lo(3b)
  lb a4, bytes
  sw a4, word, t0
  flw fa0, fval, t1
  fsd fa0, dval, t2
  la a5, value
  ret
  .data
  .align 3
value: .dword 1, 2
bytes: .byte 9
  .align 2
word: .word 0
fval: .float 1.5
  .align 3
dval: .double 2.5
