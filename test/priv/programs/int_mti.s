# Machine timer interrupt from the CLINT: mip.MTIP is mtime >= mtimecmp, it
# clears when mtimecmp moves into the future, and it interrupts when
# mie.MTIE and mstatus.MIE allow it.
        .include "priv.inc"
        .text
        .globl _start
_start:
        PRIV_INIT
        M_HOOK timer_off
        li s0, CLINT_MTIMECMP
        li s1, CLINT_MTIME
        SAY "reset: mtimecmp is not below mtime, so MTIP is clear"
        li t0, -1
        sd t0, 0(s0)
        PUTMASK mip, 0x80
        SAY "mtime advances"
        ld s2, 0(s1)
        li t0, 3000
1:      addi t0, t0, -1
        bnez t0, 1b
        ld s3, 0(s1)
        sltu s4, s2, s3
        CHECK s4, 1, "mtime increased"
        SAY "mtimecmp = mtime + 50 raises MTIP a little later"
        ld t0, 0(s1)
        addi t0, t0, 50
        sd t0, 0(s0)
        WAIT_CSR mip, 0x80
        PUTMASK mip, 0x80
        SAY "moving mtimecmp into the future clears it"
        li t0, -1
        sd t0, 0(s0)
        WAIT_CLR mip, 0x80
        PUTMASK mip, 0x80
        SAY "mtimecmp in the past: pending at once; enabling takes the interrupt"
        sd zero, 0(s0)
        WAIT_CSR mip, 0x80
        li t0, 0x80
        csrs mie, t0
        csrsi mstatus, MSTATUS_MIE
        nop
        csrci mstatus, MSTATUS_MIE
        NTRAPS s2
        CHECK s2, 1, "one MTI"
        SAY "mtimecmp written as two 32-bit halves"
        li t0, 0x12345678
        sw t0, 0(s0)
        li t0, 0x9abc
        sw t0, 4(s0)
        ld s2, 0(s0)
        PUT "mtimecmp", s2
        lw s2, 4(s0)
        PUT "mtimecmp.hi", s2
        li t0, -1
        sd t0, 0(s0)
        SAY "wfi with MTIE set but MIE clear wakes up without a trap"
        ld t0, 0(s1)
        addi t0, t0, 20
        sd t0, 0(s0)
        wfi
        WAIT_CSR mip, 0x80
        NTRAPS s2
        CHECK s2, 1, "no trap from wfi"
        li t0, -1
        sd t0, 0(s0)
        csrw mie, zero
        FINISH

timer_off:
        li t0, CLINT_MTIMECMP
        li t1, -1
        sd t1, 0(t0)
        ret
