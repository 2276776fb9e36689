# Debugger benchmark guest: a loop calling a small function, forever; plus
# never-executed code to hold breakpoints that are armed but never hit.
    .globl _start
    .text
_start:
    li s0, 0
loop:
    mv a0, s0
    call work
    add s1, s1, a0
    addi s0, s0, 1
    j loop

work:
    slli a1, a0, 3
    xor a0, a0, a1
    addi a0, a0, 7
    ret

unused:
    .rept 32
    addi t0, t0, 1
    .endr
    ret
