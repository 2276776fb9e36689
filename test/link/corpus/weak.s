# Weak definitions (one overridden by strong.s) and weak undefined references.
  .text
  .globl _start
  .weak overridden, kept, missing, missing_data
_start:
  call overridden
  call kept
  call missing
  la a0, missing_data
  ret
overridden:
  li a0, 1
  ret
kept:
  li a0, 2
  ret
  .data
  .dword missing, kept
