# Second half of the merge case: the same strings and constants again.
    .text
    .globl other
other:
    lla a0, .Lw
    lla a1, .Lk
    lla a2, .Lx
    ret
    .section .rodata.str1.1, "aMS", @progbits, 1
.Lx: .asciz "say hello"
.Lw: .asciz "world"
     .asciz "orld"
    .section .rodata.cst8, "aM", @progbits, 8
.Lk: .dword 7
