# A read-only section in .sdata, a page after .text, stays in the text
# segment (ld only splits a segment when a whole page would be skipped).
    .text
    .globl _start
_start:
    ret
    .section .srodata, "a"
    .word 1
    .bss
    .space 8
