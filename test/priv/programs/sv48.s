# Sv48: four-level walks; addresses up to bit 47 are canonical (bit 39 set
# is fine here, unlike Sv39); a 512 GiB terapage; bits 63..48 must copy
# bit 47.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        IDMAP root, 4
        MAPL root, 0x0000008000000000, page, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 0, 4
        MAPL root, 0x0000008000201000, page, PTE_V|PTE_R|PTE_A, 0, 4
        MAP root, 0x0000010000000000, 0, PTE_V|PTE_R|PTE_W|PTE_A|PTE_D, 3, 4
        MAPL root, 0xffff800000003000, page, PTE_V|PTE_R|PTE_A, 0, 4
        SET_ATP satp, 9, root
        csrr s0, satp
        srli s0, s0, 60
        PUT "satp.mode", s0
        GO_S
        SAY "store at 0x8000000008, load at 0x8000201008"
        li t0, 0x0000008000000000
        li t1, 0x5a5a0001
        sd t1, 8(t0)
        li t0, 0x0000008000201000
        ld s1, 8(t0)
        SAY "terapage 0x10000000000 -> 0: the UART's LSR through it"
        li t0, 0x0000010010000005
        lbu s2, 0(t0)
        andi s2, s2, 0x20
        SAY "negative half: 0xffff800000003008"
        li t0, 0xffff800000003008
        ld s3, 0(t0)
        SAY "non-canonical: 0x0000800000000000 and 0xffff000000000000"
        li t0, 0x0000800000000000
        ld a0, 0(t0)
        li t0, 0xffff000000000000
        ld a0, 0(t0)
        SAY "unmapped level-3 slot"
        li t0, 0x0000020000000000
        ld a0, 0(t0)
        TO_M
        PUT "loaded", s1
        PUT "lsr.thre", s2
        PUT "negative", s3
        csrw satp, zero
        FINISH

        .bss
        .balign 4096
root:   .skip 4096
page:   .skip 4096
