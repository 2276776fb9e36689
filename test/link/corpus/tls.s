# .tbss takes no address space and does not split the data segment; symbols
# assigned between sections skip TLS sections; a note with TLS needs one more
# program header, which moves the note.
    .section .note.x, "a", @note
    .word 1
    .text
    .globl _start
_start:
    ret
    .section .rodata
    .byte 1
    .section .tbss, "awT", @nobits
    .zero 16
    .bss
    .space 8
