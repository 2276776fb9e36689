# Orphan sections of every class ld 2.40 knows: loaded notes (placed with the
# notes before .text, in the headers' segment, one PT_NOTE per run of notes
# aligned alike), code, read-only data, writable data, nobits and TLS.
    .section .note.a, "a", @note
    .balign 4
    .word 4, 4, 1
    .ascii "GNU\0"
    .word 7
    .section .note.b, "a", @note
    .balign 4
    .word 4, 4, 2
    .ascii "GNU\0"
    .word 9
    .section .mytext, "ax", @progbits
    nop
    .section .myro, "a", @progbits
    .byte 1
    .section .mydata, "aw", @progbits
    .word 5
    .section .mybss, "aw", @nobits
    .zero 12
    .section .myrobss, "a", @nobits
    .zero 3
    .section .tdata, "awT", @progbits
    .word 1
    .section .note.c, "a", @note
    .byte 1
    .text
    .globl _start
_start:
    call f
    ret
    .section .text.f, "ax"
f:  ret
