# A small S-mode guest kernel, entered like an OpenSBI payload:
# a0 = hart id, a1 = device-tree address, pc = 0x8020_0000, S-mode.
#
# It does what every kernel does, in miniature, so each virtualization
# technique has real work to do:
#   - installs its trap vector (stvec),
#   - builds Sv39 page tables (kernel identity gigapage, user code and stack
#     pages with U=1) and turns on translation (satp, sfence.vma),
#   - arms the timer through the SBI TIME extension and takes timer interrupts,
#   - runs a user-mode task that makes system calls (write, getpid, yield,
#     exit) and a compute loop long enough to be interrupted,
#   - prints through SBI (DBCN when the firmware has it, else the legacy
#     console call, so it also runs on OpenSBI 1.1, which implements SBI 1.0),
#   - shuts down through SBI SRST.
# Nothing it prints depends on timing, so every technique gives the same
# transcript.

        .option norelax

        .equ SBI_EXT_BASE,   0x10
        .equ SBI_EXT_TIME,   0x54494D45
        .equ SBI_EXT_SRST,   0x53525354
        .equ SBI_EXT_DBCN,   0x4442434E
        .equ SBI_LEGACY_PUTCHAR, 0x01
        .equ SBI_LEGACY_SHUTDOWN, 0x08

        .equ SYS_WRITE,  64
        .equ SYS_EXIT,   93
        .equ SYS_YIELD,  124
        .equ SYS_GETPID, 172
        .equ SYS_TICKS,  1000              # this kernel's own call: timer interrupts so far

        .equ USER_CODE,  0x00400000        # user virtual addresses
        .equ USER_STACK, 0x00800000
        .equ TICK,       20000             # timer interval in mtime ticks (2 ms at 10 MHz)

        .equ SSTATUS_SIE,  1 << 1
        .equ SSTATUS_SPIE, 1 << 5
        .equ SSTATUS_SPP,  1 << 8
        .equ SSTATUS_SUM,  1 << 18
        .equ SIE_STIE,     1 << 5
        .equ PTE_V, 1
        .equ PTE_R, 2
        .equ PTE_W, 4
        .equ PTE_X, 8
        .equ PTE_U, 16
        .equ PTE_A, 64
        .equ PTE_D, 128

        .section .text.entry, "ax"
        .globl _start
_start:
        la      sp, kstack_top
        la      t0, boot_hart
        sd      a0, 0(t0)
        la      t0, trap_entry
        csrw    stvec, t0
        csrw    sscratch, zero             # 0 = trap came from the kernel itself

        call    console_init
        la      a0, msg_banner
        call    kputs

        call    vm_init
        la      a0, msg_vm
        call    kputs

        call    timer_init
        la      a0, msg_timer
        call    kputs

        # Enter the user task: sepc = its entry, SPP = U, SPIE = 1 (interrupts on in U).
        li      t0, USER_CODE
        csrw    sepc, t0
        li      t0, SSTATUS_SPP
        csrc    sstatus, t0
        li      t0, SSTATUS_SPIE
        csrs    sstatus, t0
        la      t0, kstack_top
        csrw    sscratch, t0               # trap entry swaps it with the user sp
        li      sp, USER_STACK + 4096
        sret

# ---------------------------------------------------------------- console

# Chooses DBCN if the firmware implements it (SBI 2.0), else the legacy call.
console_init:
        addi    sp, sp, -16
        sd      ra, 0(sp)
        li      a7, SBI_EXT_BASE
        li      a6, 3                      # probe_extension
        li      a0, SBI_EXT_DBCN
        ecall
        la      t0, have_dbcn
        snez    a1, a1
        sd      a1, 0(t0)
        ld      ra, 0(sp)
        addi    sp, sp, 16
        ret

# kputs(a0 = NUL-terminated string in kernel memory)
kputs:
        mv      t2, a0
        li      t3, 0
1:      add     t4, t2, t3
        lbu     t4, 0(t4)
        beqz    t4, 2f
        addi    t3, t3, 1
        j       1b
2:      mv      a1, t3
        # fall through
# kwrite(a0 = buffer, a1 = length); the buffer is readable by the kernel
# (user buffers too: sstatus.SUM is set while the kernel copies them).
kwrite:
        addi    sp, sp, -32
        sd      ra, 0(sp)
        sd      s0, 8(sp)
        sd      s1, 16(sp)
        mv      s0, a0
        mv      s1, a1
        la      t0, have_dbcn
        ld      t0, 0(t0)
        beqz    t0, 4f
        # DBCN wants a physical address: bounce through a kernel buffer
        # (identity-mapped), at most 256 bytes at a time.
3:      beqz    s1, 6f
        li      t1, 256
        bleu    s1, t1, 31f
        mv      t1, t1
        j       32f
31:     mv      t1, s1
32:     la      t2, bounce
        li      t3, 0
33:     add     t4, s0, t3
        lbu     t4, 0(t4)
        add     t5, t2, t3
        sb      t4, 0(t5)
        addi    t3, t3, 1
        bne     t3, t1, 33b
        mv      a0, t1
        mv      a1, t2
        li      a2, 0
        li      a7, SBI_EXT_DBCN
        li      a6, 0                      # console_write
        ecall
        add     s0, s0, t1
        sub     s1, s1, t1
        j       3b
4:      beqz    s1, 6f
        lbu     a0, 0(s0)
        li      a7, SBI_LEGACY_PUTCHAR
        ecall
        addi    s0, s0, 1
        addi    s1, s1, -1
        j       4b
6:      ld      ra, 0(sp)
        ld      s0, 8(sp)
        ld      s1, 16(sp)
        addi    sp, sp, 32
        ret

# kputdec(a0 = unsigned value): prints it in decimal.
kputdec:
        addi    sp, sp, -48
        sd      ra, 0(sp)
        addi    t0, sp, 47                 # digits are built backwards
        li      t1, 10
        mv      t2, a0
        li      t3, 0
1:      remu    t4, t2, t1
        addi    t4, t4, '0'
        sb      t4, 0(t0)
        addi    t0, t0, -1
        addi    t3, t3, 1
        divu    t2, t2, t1
        bnez    t2, 1b
        addi    a0, t0, 1
        mv      a1, t3
        call    kwrite
        ld      ra, 0(sp)
        addi    sp, sp, 48
        ret

# ---------------------------------------------------------------- memory

# Sv39: root[2] = kernel gigapage (identity, not user-accessible);
# root[0] -> l1; l1[2] -> l0_code (0x400000); l1[4] -> l0_stack (0x800000).
vm_init:
        la      t0, pt_root
        # kernel identity gigapage at 0x80000000
        li      t1, (0x80000000 >> 12) << 10 | PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D
        sd      t1, 16(t0)
        # root[0] -> l1
        la      t1, pt_l1
        srli    t1, t1, 12
        slli    t1, t1, 10
        ori     t1, t1, PTE_V
        sd      t1, 0(t0)
        # l1[2] -> l0_code, l1[4] -> l0_stack
        la      t2, pt_l1
        la      t1, pt_l0_code
        srli    t1, t1, 12
        slli    t1, t1, 10
        ori     t1, t1, PTE_V
        sd      t1, 16(t2)
        la      t1, pt_l0_stack
        srli    t1, t1, 12
        slli    t1, t1, 10
        ori     t1, t1, PTE_V
        sd      t1, 32(t2)
        # user code page: R X U (A set, as a kernel that does not use A/D faults would)
        la      t2, pt_l0_code
        la      t1, user_code
        srli    t1, t1, 12
        slli    t1, t1, 10
        ori     t1, t1, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A
        sd      t1, 0(t2)
        # user stack page: R W U
        la      t2, pt_l0_stack
        la      t1, user_stack
        srli    t1, t1, 12
        slli    t1, t1, 10
        ori     t1, t1, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
        sd      t1, 0(t2)
        # turn translation on
        la      t0, pt_root
        srli    t0, t0, 12
        li      t1, 8 << 60
        or      t0, t0, t1
        sfence.vma
        csrw    satp, t0
        sfence.vma
        ret

# ---------------------------------------------------------------- timer

timer_init:
        addi    sp, sp, -16
        sd      ra, 0(sp)
        call    timer_arm
        li      t0, SIE_STIE
        csrs    sie, t0
        ld      ra, 0(sp)
        addi    sp, sp, 16
        ret

# Programs the next timer interrupt TICK ticks from now (SBI TIME set_timer).
timer_arm:
        rdtime  a0
        li      t0, TICK
        add     a0, a0, t0
        li      a7, SBI_EXT_TIME
        li      a6, 0
        ecall
        ret

# ---------------------------------------------------------------- traps

        .balign 4
trap_entry:
        # From U: sscratch holds the kernel stack; swap. From S: sscratch is 0.
        csrrw   sp, sscratch, sp
        bnez    sp, 1f
        csrrw   sp, sscratch, sp           # came from the kernel: undo, keep sp
1:      addi    sp, sp, -256
        sd      ra, 0(sp)
        sd      t0, 8(sp)
        sd      t1, 16(sp)
        sd      t2, 24(sp)
        sd      t3, 32(sp)
        sd      t4, 40(sp)
        sd      t5, 48(sp)
        sd      t6, 56(sp)
        sd      a0, 64(sp)
        sd      a1, 72(sp)
        sd      a2, 80(sp)
        sd      a3, 88(sp)
        sd      a4, 96(sp)
        sd      a5, 104(sp)
        sd      a6, 112(sp)
        sd      a7, 120(sp)
        sd      s0, 128(sp)
        sd      s1, 136(sp)
        csrr    s0, scause
        bltz    s0, trap_interrupt
        li      t0, 8                      # ecall from U
        beq     s0, t0, trap_syscall
        # Anything else is a kernel bug: report and power off.
        la      a0, msg_unexpected
        call    kputs
        mv      a0, s0
        call    kputdec
        la      a0, msg_newline
        call    kputs
        j       shutdown

trap_interrupt:
        slli    t0, s0, 1
        srli    t0, t0, 1
        li      t1, 5                      # supervisor timer
        bne     t0, t1, trap_return
        la      t0, ticks
        ld      t1, 0(t0)
        addi    t1, t1, 1
        sd      t1, 0(t0)
        call    timer_arm
        j       trap_return

trap_syscall:
        csrr    t0, sepc
        addi    t0, t0, 4
        csrw    sepc, t0
        ld      a7, 120(sp)
        ld      a0, 64(sp)
        ld      a1, 72(sp)
        ld      a2, 80(sp)
        li      t0, SYS_WRITE
        beq     a7, t0, sys_write
        li      t0, SYS_GETPID
        beq     a7, t0, sys_getpid
        li      t0, SYS_YIELD
        beq     a7, t0, sys_yield
        li      t0, SYS_EXIT
        beq     a7, t0, sys_exit
        li      t0, SYS_TICKS
        beq     a7, t0, sys_ticks
        li      a0, -38                    # -ENOSYS
        j       syscall_done

sys_write:
        mv      s1, a2
        li      t0, SSTATUS_SUM
        csrs    sstatus, t0
        mv      a0, a1
        mv      a1, a2
        call    kwrite
        li      t0, SSTATUS_SUM
        csrc    sstatus, t0
        mv      a0, s1
        j       syscall_done

sys_getpid:
        li      a0, 1
        j       syscall_done

sys_yield:
        li      a0, 0                      # one task: nothing else to run
        j       syscall_done

sys_ticks:
        la      t0, ticks
        ld      a0, 0(t0)
        j       syscall_done

sys_exit:
        mv      s1, a0
        la      a0, msg_exit
        call    kputs
        mv      a0, s1
        call    kputdec
        la      a0, msg_newline
        call    kputs
        la      t0, ticks
        ld      t0, 0(t0)
        la      a0, msg_ticks_yes
        bnez    t0, 1f
        la      a0, msg_ticks_no
1:      call    kputs
        j       shutdown

syscall_done:
        sd      a0, 64(sp)
trap_return:
        csrr    t6, sstatus                # where are we returning to? (t6 is restored last)
        andi    t6, t6, SSTATUS_SPP
        ld      ra, 0(sp)
        ld      t0, 8(sp)
        ld      t1, 16(sp)
        ld      t2, 24(sp)
        ld      t3, 32(sp)
        ld      t4, 40(sp)
        ld      t5, 48(sp)
        ld      a0, 64(sp)
        ld      a1, 72(sp)
        ld      a2, 80(sp)
        ld      a3, 88(sp)
        ld      a4, 96(sp)
        ld      a5, 104(sp)
        ld      a6, 112(sp)
        ld      a7, 120(sp)
        ld      s0, 128(sp)
        ld      s1, 136(sp)
        bnez    t6, 2f
        # Back to U: the kernel stack goes back to sscratch, the user sp returns.
        ld      t6, 56(sp)
        addi    sp, sp, 256
        csrrw   sp, sscratch, sp
        sret
2:      ld      t6, 56(sp)
        addi    sp, sp, 256
        sret

shutdown:
        la      a0, msg_bye
        call    kputs
        li      a7, SBI_EXT_SRST
        li      a6, 0                      # system_reset
        li      a0, 0                      # shutdown
        li      a1, 0                      # no reason
        ecall
        li      a7, SBI_LEGACY_SHUTDOWN    # SBI 0.1 firmware
        ecall
1:      wfi
        j       1b

# ---------------------------------------------------------------- user task

        .section .text.user, "ax"
        .balign 4096
user_code:
        # write(1, hello, len)
        li      a7, SYS_WRITE
        li      a0, 1
1:      auipc   a1, %pcrel_hi(u_hello)
        addi    a1, a1, %pcrel_lo(1b)
        li      a2, 21                     # length of u_hello
        ecall
        li      a7, SYS_GETPID
        ecall
        mv      s2, a0
        li      a7, SYS_YIELD
        ecall
        # compute: sum of i*i for i = 1..N, long enough to see timer interrupts
        li      s0, 0
        li      s1, 300000
5:      mul     t0, s1, s1
        add     s0, s0, t0
        addi    s1, s1, -1
        bnez    s1, 5b
        # wait (yielding) until the timer has interrupted us three times, so
        # the transcript is the same however fast the machine runs
6:      li      a7, SYS_YIELD
        ecall
        li      a7, SYS_TICKS
        ecall
        li      t0, 3
        blt     a0, t0, 6b
        # report: "pid 1 computed <low 32 bits in hex>\n"
        addi    sp, sp, -32
        li      t0, 'p' | ('i' << 8) | ('d' << 16) | (' ' << 24)
        sw      t0, 0(sp)
        addi    t0, s2, '0'
        sb      t0, 4(sp)
        li      t0, ' '
        sb      t0, 5(sp)
        li      t1, 28
        addi    t2, sp, 6
2:      srl     t3, s0, t1
        andi    t3, t3, 15
        addi    t3, t3, '0'
        li      t4, '9' + 1
        blt     t3, t4, 3f
        addi    t3, t3, 'a' - '9' - 1
3:      sb      t3, 0(t2)
        addi    t2, t2, 1
        addi    t1, t1, -4
        bgez    t1, 2b
        li      t0, '\n'
        sb      t0, 0(t2)
        li      a7, SYS_WRITE
        li      a0, 1
        mv      a1, sp
        li      a2, 15
        ecall
        # exit(0)
        li      a7, SYS_EXIT
        li      a0, 0
        ecall
4:      j       4b
u_hello:
        .ascii  "hello from user mode\n"
u_hello_end:

# ---------------------------------------------------------------- data

        .section .rodata
msg_banner:     .asciz "[kernel] booting\n"
msg_vm:         .asciz "[kernel] Sv39 on\n"
msg_timer:      .asciz "[kernel] timer armed; entering user mode\n"
msg_exit:       .asciz "[kernel] task exited with code "
msg_ticks_yes:  .asciz "[kernel] timer interrupts were taken\n"
msg_ticks_no:   .asciz "[kernel] no timer interrupt was taken\n"
msg_unexpected: .asciz "[kernel] unexpected trap, scause "
msg_bye:        .asciz "[kernel] shutting down\n"
msg_newline:    .asciz "\n"

        .section .data
        .balign 8
boot_hart:      .dword 0
have_dbcn:      .dword 0
ticks:          .dword 0

        .section .bss
        .balign 4096
pt_root:        .space 4096
pt_l1:          .space 4096
pt_l0_code:     .space 4096
pt_l0_stack:    .space 4096
user_stack:     .space 4096
bounce:         .space 256
        .balign 16
kstack:         .space 8192
kstack_top:
