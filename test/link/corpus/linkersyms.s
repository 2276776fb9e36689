# References to the symbols ld's default script defines or PROVIDEs.
  .text
  .globl _start
_start:
  .option push
  .option norelax
  la gp, __global_pointer$
  .option pop
  la a0, _etext
  la a1, etext
  la a2, __etext
  la a3, _edata
  la a4, edata
  la a5, __bss_start
  la a6, _end
  la a7, end
  la t0, __DATA_BEGIN__
  la t1, __SDATA_BEGIN__
  la t2, __BSS_END__
  la t3, __start_mysec
  la t4, __stop_mysec
  ret
  .section mysec,"aw",@progbits
  .dword 1, 2, 3
  .section .sdata,"aw"
  .word 5
  .bss
  .space 40
