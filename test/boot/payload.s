# S-mode payload for firmware boot tests: OpenSBI (fw_jump / fw_dynamic)
# jumps here in S-mode with a0 = hart id and a1 = the device tree's address.
# It prints a greeting, both registers and the SBI spec version through the
# legacy console, then powers the machine off with SBI system reset.
    .section .text
    .globl _start
_start:
    mv      s0, a0              # hart id
    mv      s1, a1              # device tree
    la      a0, hello
    call    puts
    mv      a0, s0
    call    puthex
    la      a0, fdtmsg
    call    puts
    mv      a0, s1
    call    puthex
    # The device tree must start with its magic (big-endian 0xd00dfeed).
    lwu     t0, 0(s1)
    li      t1, 0xedfe0dd0
    la      a0, fdtok
    beq     t0, t1, 1f
    la      a0, fdtbad
1:  call    puts
    # SBI base extension: get_spec_version (EID 0x10, FID 0).
    li      a7, 0x10
    li      a6, 0
    ecall
    mv      a0, a1
    call    puthex
    la      a0, bye
    call    puts
    # SBI SRST: system_reset(type = shutdown, reason = none).
    li      a7, 0x53525354
    li      a6, 0
    li      a0, 0
    li      a1, 0
    ecall
    la      a0, failed
    call    puts
2:  wfi
    j       2b

# puts(a0 = NUL-terminated string) through SBI legacy console_putchar (EID 1).
puts:
    mv      t2, a0
1:  lbu     a0, 0(t2)
    beqz    a0, 2f
    li      a7, 1
    ecall
    addi    t2, t2, 1
    j       1b
2:  ret

# puthex(a0): "0x" and 16 hex digits, then a newline.
puthex:
    mv      t3, a0
    li      a0, '0'
    li      a7, 1
    ecall
    li      a0, 'x'
    ecall
    li      t4, 60
1:  srl     a0, t3, t4
    andi    a0, a0, 15
    li      t5, 10
    blt     a0, t5, 2f
    addi    a0, a0, 'a' - 10 - '0'
2:  addi    a0, a0, '0'
    li      a7, 1
    ecall
    addi    t4, t4, -4
    bgez    t4, 1b
    li      a0, '\n'
    ecall
    ret

    .section .rodata
hello:  .asciz "payload: hello from S-mode, hart "
fdtmsg: .asciz "payload: device tree at "
fdtok:  .asciz "payload: device tree magic ok\npayload: SBI spec version "
fdtbad: .asciz "payload: device tree magic BAD\npayload: SBI spec version "
bye:    .asciz "payload: shutting down\n"
failed: .asciz "payload: SBI system reset returned\n"
