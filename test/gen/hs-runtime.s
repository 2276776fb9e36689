# Shared runtime for the generated (and hand-written) bare-metal test programs
# on QEMU's `virt` board: UART output, hex printing, the register dump and the
# exits through the SiFive test finisher. Included with `.include "hs-runtime.s"`.
#
# The dump only uses base RV64I plus divu-free arithmetic and the F/D stores it
# must make, so a broken extension under test cannot corrupt its own report.

        .equ HS_UART, 0x10000000
        .equ HS_FINISHER, 0x100000
        .equ HS_SAVE_FCSR, 512
        .equ HS_SAVE_BYTES, 528

# Saves every register (x1..x31, f0..f31, fcsr) into hs_save_area, touching
# nothing first but mscratch, then prints them and a checksum of `scratch`
# (`len` bytes, a multiple of 8).
        .macro HS_DUMP scratch, len
        csrw mscratch, x1
        la x1, hs_save_area
        .irp r, 2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        sd x\r, (\r*8)(x1)
        .endr
        csrr x2, mscratch
        sd x2, 8(x1)
        .irp r, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
        fsd f\r, (256+\r*8)(x1)
        .endr
        frcsr x2
        sd x2, HS_SAVE_FCSR(x1)
        la a0, \scratch
        li a1, \len
        call hs_dump_saved
        .endm

# Enables the FPU (mstatus.FS = Initial) and points mtvec at hs_trap.
        .macro HS_INIT
        li t0, 0x2000
        csrs mstatus, t0
        la t0, hs_trap
        csrw mtvec, t0
        la sp, hs_stack_top
        .endm

        .section .text.hs_runtime, "ax"
        .balign 4

# a0: byte to send. Waits for LSR.THRE (bit 5 at +5). Clobbers t0, t1.
        .globl hs_putc
hs_putc:
        li t0, HS_UART
1:      lbu t1, 5(t0)
        andi t1, t1, 0x20
        beqz t1, 1b
        sb a0, 0(t0)
        ret

# a0: NUL-terminated string. Clobbers a0, t0-t2.
        .globl hs_puts
hs_puts:
        mv t2, a0
        mv a5, ra
1:      lbu a0, 0(t2)
        beqz a0, 2f
        call hs_putc
        addi t2, t2, 1
        j 1b
2:      mv ra, a5
        ret

# a0: value printed as 16 hex digits. Clobbers a0, a2-a4, t0, t1.
        .globl hs_puthex64
hs_puthex64:
        mv a2, a0
        mv a4, ra
        li a3, 60
1:      srl a0, a2, a3
        andi a0, a0, 15
        addi a0, a0, '0'
        li t0, '9'
        ble a0, t0, 2f
        addi a0, a0, 'a' - '0' - 10
2:      call hs_putc
        addi a3, a3, -4
        bgez a3, 1b
        mv ra, a4
        ret

# Prints the NUL-terminated name at a6, "=", a0 as 16 hex digits and "\n".
        .globl hs_put_named
hs_put_named:
        addi sp, sp, -16
        sd ra, 0(sp)
        sd a0, 8(sp)
        mv a0, a6
        call hs_puts
        li a0, '='
        call hs_putc
        ld a0, 8(sp)
        call hs_puthex64
        li a0, '\n'
        call hs_putc
        ld ra, 0(sp)
        addi sp, sp, 16
        ret

# Prints the saved registers as "x01=...", "f00=...", "fcsr=..." and
# "mem=<checksum>" lines. a0: scratch buffer, a1: its length in bytes.
        .globl hs_dump_saved
hs_dump_saved:
        la sp, hs_stack_top
        addi sp, sp, -48
        sd ra, 0(sp)
        sd s0, 8(sp)
        sd s1, 16(sp)
        sd s2, 24(sp)
        # checksum = fold of rotl(sum, 7) ^ word over the buffer's dwords
        li s2, 0
        add a1, a0, a1
1:      bgeu a0, a1, 2f
        ld t0, 0(a0)
        slli t1, s2, 7
        srli s2, s2, 57
        or s2, s2, t1
        xor s2, s2, t0
        addi a0, a0, 8
        j 1b
2:      la s0, hs_save_area
        # x01..x31 then f00..f31: the name buffer holds "x01" and is advanced
        la t0, hs_name_buf
        li t1, 'x'
        sb t1, 0(t0)
        li t1, '0'
        sb t1, 1(t0)
        li t1, '1'
        sb t1, 2(t0)
        li s1, 1
3:      slli t0, s1, 3
        add t0, s0, t0
        ld a0, 0(t0)
        la a6, hs_name_buf
        call hs_put_named
        call hs_next_name
        addi s1, s1, 1
        li t0, 32
        bne s1, t0, 4f
        # after x31 come the FP registers, from f00
        la t0, hs_name_buf
        li t1, 'f'
        sb t1, 0(t0)
        li t1, '0'
        sb t1, 1(t0)
        sb t1, 2(t0)
4:      li t0, 64
        blt s1, t0, 3b
        ld a0, HS_SAVE_FCSR(s0)
        la a6, hs_str_fcsr
        call hs_put_named
        mv a0, s2
        la a6, hs_str_mem
        call hs_put_named
        ld ra, 0(sp)
        ld s0, 8(sp)
        ld s1, 16(sp)
        ld s2, 24(sp)
        addi sp, sp, 48
        ret

# Advances the two decimal digits at hs_name_buf+1 by one.
hs_next_name:
        la t0, hs_name_buf
        lbu t1, 2(t0)
        addi t1, t1, 1
        li t2, '9' + 1
        blt t1, t2, 1f
        lbu t2, 1(t0)
        addi t2, t2, 1
        sb t2, 1(t0)
        li t1, '0'
1:      sb t1, 2(t0)
        ret

# Ends the run through the test finisher: hs_exit passes, hs_fail exits with
# code a0 (1..0xffff).
        .globl hs_exit
hs_exit:
        li t0, HS_FINISHER
        li t1, 0x5555
        sw t1, 0(t0)
1:      j 1b

        .globl hs_fail
hs_fail:
        li t0, HS_FINISHER
        slli a0, a0, 16
        li t1, 0x3333
        or a0, a0, t1
        sw a0, 0(t0)
1:      j 1b

# Default trap handler: an unexpected trap prints its cause and exits with 3.
        .balign 4
        .globl hs_trap
hs_trap:
        la sp, hs_stack_top
        csrr a0, mcause
        la a6, hs_str_mcause
        call hs_put_named
        csrr a0, mepc
        la a6, hs_str_mepc
        call hs_put_named
        csrr a0, mtval
        la a6, hs_str_mtval
        call hs_put_named
        li a0, 3
        j hs_fail

        .section .rodata.hs_runtime, "a"
hs_str_fcsr:    .asciz "fcsr"
hs_str_mem:     .asciz "mem"
hs_str_mcause:  .asciz "TRAP mcause"
hs_str_mepc:    .asciz "TRAP mepc"
hs_str_mtval:   .asciz "TRAP mtval"

        .section .bss.hs_runtime, "aw", @nobits
        .balign 16
        .globl hs_save_area
hs_save_area:   .skip HS_SAVE_BYTES
hs_name_buf:    .skip 8
        .balign 16
hs_stack:       .skip 1024
hs_stack_top:
