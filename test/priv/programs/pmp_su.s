# With PMP entries in use, an S or U access that matches no entry fails
# (M succeeds): only the program image is covered here, so S/U loads
# elsewhere raise access faults; the catch-all entry is removed first.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        li t0, 0xff << 56
        csrc pmpcfg2, t0
        la t0, image_end
        srli t0, t0, 2
        csrw pmpaddr1, t0
        li t0, 0x80000000 >> 2
        csrw pmpaddr0, t0
        li t0, 0x0f << 8             # entry 1: TOR, RWX over the image
        csrw pmpcfg0, t0
        li s0, 0x80400000
        li s1, CLINT_MTIME
        SAY "S: load inside the image works; RAM outside it and the CLINT fault"
        GO_S
        la t0, image_end
        ld a0, -8(t0)
        ld a0, 0(s0)
        ld a0, 0(s1)
        TO_M
        SAY "U: the same"
        GO_U
        ld a0, 0(s0)
        sw a0, 0(s0)
        TO_M
        SAY "M: no entry matches, so M succeeds"
        ld a0, 0(s0)
        ld a0, 0(s1)
        li t0, 0x1f << 56
        csrs pmpcfg2, t0
        csrw pmpcfg0, zero
        FINISH

        .bss
        .balign 4096
        .skip 4096
image_end:
