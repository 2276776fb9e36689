# Hypervisor CSRs from M: misa.H, the WARL read-back of hstatus, hedeleg,
# hideleg, hgatp, hcounteren and the VS CSRs; mideleg's VS bits read as
# delegated; hvip/hip/hie views. (Only values the specification pins down
# are printed: QEMU 7.2 also keeps WPRI bits of hstatus and vsstatus.)
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        csrr s0, misa
        srli s0, s0, 7
        andi s0, s0, 1
        PUT "misa.H", s0
        SAY "mideleg: VS interrupts always delegated"
        csrw mideleg, zero
        PUTCSR mideleg
        SAY "all ones written"
        li s1, -1
        # only the fields the spec defines, less VGEIN (its width is the
        # implementation's GEILEN): QEMU 7.2 also keeps the WPRI bits
        csrw hstatus, s1
        PUTMASK hstatus, 0x3007003e0
        csrw hstatus, zero
        PUTCSR hstatus
        csrw hedeleg, s1
        PUTCSR hedeleg
        csrw hideleg, s1
        PUTCSR hideleg
        csrw hcounteren, s1
        PUTMASK hcounteren, 0xffffffff
        csrw hie, s1
        PUTCSR hie
        csrw hvip, s1
        PUTCSR hvip
        PUTMASK hip, 0x444
        PUTMASK mip, 0x444
        csrw hvip, zero
        csrw hie, zero
        SAY "hgatp: Sv39x4 accepted, VMID bits"
        la t0, groot
        srli t0, t0, 12
        li t1, (8 << 60) | (0x3fff << 44)
        or t0, t0, t1
        csrw hgatp, t0
        csrr s2, hgatp
        li t0, 0xfffffffffff
        and t1, s2, t0
        la t0, groot
        srli t0, t0, 12
        sub t1, t1, t0
        PUT "ppn-diff", t1
        srli s2, s2, 44
        PUT "mode-vmid", s2
        csrw hgatp, zero
        SAY "VS CSRs"
        li t0, -1
        csrw vsstatus, t0
        PUTMASK vsstatus, 0x80000000000de762
        csrw vsstatus, zero
        li t0, 0x80001235
        csrw vstvec, t0
        PUTCSR vstvec
        li t0, 0x12345
        csrw vsscratch, t0
        PUTCSR vsscratch
        li t0, 0x80001002
        csrw vsepc, t0
        PUTCSR vsepc
        li t0, 0x8000000000000005
        csrw vscause, t0
        PUTCSR vscause
        li t0, -1
        csrw vstval, t0
        PUTCSR vstval
        li t0, (8 << 60) | 0x80123
        csrw vsatp, t0
        PUTCSR vsatp
        csrw vsatp, zero
        SAY "htimedelta shifts the guest's time"
        li t0, 1000000
        csrw htimedelta, t0
        PUTCSR htimedelta
        csrw htimedelta, zero
        csrw hedeleg, zero
        csrw hideleg, zero
        csrw hcounteren, zero
        FINISH

        .bss
        .balign 16384
groot:  .skip 16384
