  .text
  .globl lib_init, lib_print, lib_exit
lib_init:
  lla t0, counter
  sd zero, 0(t0)
  ret
lib_print:
  ld t1, counter
  addi t1, t1, 1
  sd t1, counter, t2
  jal main_callback
  ret
lib_exit:
  li a7, 93
  ecall
1: j 1b
  .data
  .align 3
counter: .dword 0
  .globl lib_table
lib_table: .dword lib_init, lib_print, main_callback, _start
