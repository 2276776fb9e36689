# CPU benchmark guest: a bare-metal RV64 program for QEMU's `virt` board.
#
# It repeatedly scrambles a 32 KiB table in place (load, multiply, shift, xor,
# store) and folds each value into a checksum along a data-dependent branch,
# for about 2.1·10^8 dynamic instructions. The checksum is printed over the
# UART so runs on different emulators can be compared, then the SiFive test
# finisher powers the board off.
#
#   riscv64-unknown-elf-as -march=rv64gc -o cpu.o cpu.s
#   riscv64-unknown-elf-ld -Ttext 0x80000000 -o cpu.elf cpu.o
#   qemu-system-riscv64 -machine virt -bios none -nographic -kernel cpu.elf

    .equ UART_BASE,     0x10000000
    .equ UART_LSR,      5
    .equ LSR_THRE,      0x20
    .equ FINISHER,      0x100000
    .equ FINISHER_PASS, 0x5555

    .equ WORDS,  4096           # table entries (8 bytes each)
    .equ PASSES, 4096           # ~12.5 instructions per entry per pass

    .section .text
    .globl _start
_start:
    la      s0, table
    li      s1, PASSES
    li      s2, 0               # checksum
    li      s3, 0x9E3779B97F4A7C15

    # table[i] = i
    mv      t0, s0
    li      t1, 0
    li      t6, WORDS
init:
    sd      t1, 0(t0)
    addi    t0, t0, 8
    addi    t1, t1, 1
    bne     t1, t6, init

pass:
    mv      t0, s0
    li      t1, WORDS
entry:
    ld      t2, 0(t0)
    mul     t2, t2, s3
    add     t2, t2, s1
    srli    t3, t2, 29
    xor     t2, t2, t3
    sd      t2, 0(t0)
    andi    t4, t2, 1
    beqz    t4, even
    add     s2, s2, t2
    j       next
even:
    xor     s2, s2, t2
next:
    addi    t0, t0, 8
    addi    t1, t1, -1
    bnez    t1, entry
    addi    s1, s1, -1
    bnez    s1, pass

    la      a0, label
    call    puts
    mv      a0, s2
    call    put_hex
    li      a0, '\n'
    call    putc

    li      t0, FINISHER
    li      t1, FINISHER_PASS
    sw      t1, 0(t0)
hang:
    wfi
    j       hang

# putc(a0 = byte)
putc:
    li      t0, UART_BASE
1:
    lbu     t1, UART_LSR(t0)
    andi    t1, t1, LSR_THRE
    beqz    t1, 1b
    sb      a0, 0(t0)
    ret

# puts(a0 = NUL-terminated string); keeps its cursor in s4, its return in s5
puts:
    mv      s5, ra
    mv      s4, a0
1:
    lbu     a0, 0(s4)
    beqz    a0, 2f
    call    putc
    addi    s4, s4, 1
    j       1b
2:
    mv      ra, s5
    ret

# put_hex(a0 = value): 16 hex digits, most significant first
put_hex:
    mv      s5, ra
    mv      s4, a0
    li      s6, 60              # shift of the next nibble
1:
    srl     a0, s4, s6
    andi    a0, a0, 15
    li      t2, 10
    blt     a0, t2, 2f
    addi    a0, a0, 'a' - 10 - '0'
2:
    addi    a0, a0, '0'
    call    putc
    addi    s6, s6, -4
    bgez    s6, 1b
    mv      ra, s5
    ret

    .section .rodata
label:
    .asciz  "checksum: 0x"

    .section .bss
    .balign 8
table:
    .space  WORDS * 8
