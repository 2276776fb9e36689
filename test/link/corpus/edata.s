# Script symbols next to removed output sections: with no .data, _edata
# belongs to the section before it (here .rodata), __bss_start to .bss.
    .text
    .globl _start
_start:
    ret
    .section .rodata
    .byte 1
    .bss
    .space 8
