# SHF_MERGE sections as ld combines them: duplicate strings kept once,
# strings that end other strings placed inside them, constants deduplicated;
# references through local labels and section symbols follow the moves.
    .text
    .globl _start
_start:
    lla a0, .Lhello
    lla a1, .Llo
    lla a2, .Lk1
    lla a3, shared
    call other
    ret
    .section .rodata.str1.1, "aMS", @progbits, 1
.Lhello: .asciz "hello"
.Llo:    .asciz "lo"
    .globl shared
shared:  .asciz "world"
         .asciz ""
    .section .rodata.cst8, "aM", @progbits, 8
.Lk1: .dword 42
      .dword 7
    .data
    .dword .Llo + 1
    .word 9
