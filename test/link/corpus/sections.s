# Every standard section plus custom ones that ld places as orphans.
  .text
  .globl _start
_start:
  lla a0, ro1
  lla a1, rw1
  lla a2, bss1
  lla a3, sd1
  lla a4, sb1
  lla a5, srodat
  lla a6, cust_rw
  lla a7, cust_bss
  call cust_fn
  j _start
  .section .rodata
ro1: .word 0x11111111
  .data
rw1: .word 0x22222222
  .bss
bss1: .space 24
  .section .sdata,"aw"
sd1: .dword 0x3333333333333333
  .section .sbss,"aw",@nobits
sb1: .space 16
  .section .srodata,"a"
srodat: .word 7
  .section .mycode,"ax",@progbits
cust_fn: ret
  .section .myrodata,"a",@progbits
  .byte 1, 2, 3
  .section .myrw,"aw",@progbits
cust_rw: .half 0x4444
  .section .mybss,"aw",@nobits
cust_bss: .space 5
