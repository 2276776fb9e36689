# No .text at all: ld still starts the text segment at -Ttext and takes the
# entry point from there (with a warning about the missing _start).
    .data
    .globl x
x:  .word 1
    .section .rodata
    .byte 2
