# Only thread-local data after .text: every script symbol falls back to .text.
    .text
    .globl _start
_start:
    ret
    .section .tdata, "awT", @progbits
    .word 1
    .section .init_array, "aw", @init_array
    .dword 0
