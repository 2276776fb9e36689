# Input sections ld sorts into .text/.rodata/.sdata by name patterns.
  .section .text.unlikely,"ax",@progbits
cold: ret
  .section .text.hot.f,"ax",@progbits
hot: ret
  .section .text.startup,"ax",@progbits
  .globl _start
_start:
  call cold
  call hot
  call plain
  call sorted_b
  ret
  .section .text.sorted.b,"ax",@progbits
sorted_b: ret
  .section .text.sorted.a,"ax",@progbits
sorted_a: ret
  .section .text.plain,"ax",@progbits
plain: ret
  .section .rodata.cst8,"aM",@progbits,8
  .dword 0x1122334455667788
  .section .rodata.tbl,"a"
  .word 1
  .section .srodata.cst4,"aM",@progbits,4
  .word 0xaabbccdd
  .section .srodata.cst8,"aM",@progbits,8
  .dword 0x99
  .section .sdata.x,"aw"
  .word 3
  .section .sbss.y,"aw",@nobits
  .space 4
  .section .data.rel.ro,"aw"
  .dword _start
  .section .init_array,"aw"
  .dword cold
  .section .data.z,"aw"
  .byte 4
